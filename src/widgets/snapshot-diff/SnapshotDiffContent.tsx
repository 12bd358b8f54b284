/** A comparison tab's content: its header and actions, then progress, the error, or the tree. */
import * as React from 'react';
import { LIVE, targetUri } from '../../models/snapshot-target';
import { useSignal } from '../useSignal';
import { describeProgress } from '../SnapshotProgress';
import { DiffTree } from './DiffTree';
import type { ISnapshotDiffViewOptions } from './options';

/**
 * The comparison: progress, the error, or the summary and tree of changes.
 * @param props - the comparison's model, translations and actions.
 * @returns the element.
 */
export function SnapshotDiffContent(props: ISnapshotDiffViewOptions): JSX.Element {
  const { model, trans } = props;
  useSignal(model.changed, 100);
  const { request } = model;
  let body: JSX.Element;
  switch (model.state) {
    case 'done':
      body = <DiffTree tree={model.tree!} trans={trans} onOpenFile={props.onOpenFile} />;
      break;
    case 'error': {
      const err = model.error as { message?: string; kind?: string } | null;
      body = (
        <div className="jp-helium-snapdiff-state">
          <p className="jp-helium-snapdiff-error" role="alert" data-kind={err?.kind ?? 'Unknown'}>
            {err?.message ?? String(model.error)}
          </p>
          <button type="button" className="jp-mod-styled jp-helium-snapdiff-retry" onClick={() => void model.load()}>
            {trans.__('Try again')}
          </button>
        </div>
      );
      break;
    }
    case 'cancelled':
      body = (
        <div className="jp-helium-snapdiff-state">
          <p>{trans.__('The comparison was cancelled.')}</p>
          <button type="button" className="jp-mod-styled jp-helium-snapdiff-retry" onClick={() => void model.load()}>
            {trans.__('Compare again')}
          </button>
        </div>
      );
      break;
    default: {
      const text = describeProgress(model.progress, trans);
      body = (
        <div className="jp-helium-snapdiff-state jp-helium-snapdiff-loading" role="status" data-phase={text.phaseId}>
          <p>{trans.__('Comparing…')}</p>
          {model.progress !== null && <p className="jp-helium-snapdiff-progress">{`${text.phase}: ${text.detail}`}</p>}
          {text.fraction === null ? <progress /> : <progress max={1} value={text.fraction} />}
          <button type="button" className="jp-mod-styled jp-helium-snapdiff-cancel" onClick={() => model.cancel()}>
            {trans.__('Cancel')}
          </button>
        </div>
      );
    }
  }
  return (
    <div className="jp-helium-snapdiff-content" data-state={model.state}>
      <div className="jp-helium-snapdiff-header">
        <div className="jp-helium-snapdiff-uri">{targetUri(request)}</div>
        <div className="jp-helium-snapdiff-sides">
          <span className="jp-helium-snapdiff-side" data-side="left" data-ref={request.left.ref}>
            {trans.__('A: %1', request.left.label)}
          </span>
          <span className="jp-helium-snapdiff-arrow">→</span>
          <span className="jp-helium-snapdiff-side" data-side="right" data-ref={request.right.ref}>
            {trans.__('B: %1', request.right.label)}
          </span>
        </div>
        <div className="jp-helium-snapdiff-actions">
          <button
            type="button"
            className="jp-mod-styled jp-helium-snapdiff-refresh"
            title={trans.__('Compare again, reading the live folder and the snapshots afresh')}
            disabled={model.state === 'loading'}
            onClick={() => void model.load()}
          >
            {trans.__('Refresh')}
          </button>
          {props.onRestore &&
            (['left', 'right'] as const)
              .filter(which => request[which].ref !== LIVE)
              .map(which => (
                <button
                  key={which}
                  type="button"
                  className="jp-mod-styled jp-helium-snapdiff-restore"
                  data-side={which}
                  title={trans.__('Restore %1 to %2 (shows what it will do first)', targetUri(request), request[which].label)}
                  onClick={() => props.onRestore!(request[which])}
                >
                  {which === 'left' ? trans.__('Restore folder to A…') : trans.__('Restore folder to B…')}
                </button>
              ))}
        </div>
      </div>
      {props.banner && (
        <div className="jp-helium-notice jp-helium-snapdiff-banner">
          <span>{props.banner.text}</span>
          <button type="button" className="jp-mod-styled jp-mod-warn jp-helium-snapdiff-banner-action" onClick={props.banner.onAction}>
            {props.banner.actionLabel}
          </button>
        </div>
      )}
      {body}
    </div>
  );
}
