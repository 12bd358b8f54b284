/**
 * The index's state in the search panel, always with what to do: no bucket open; never built
 * (Build index); building (progress, Cancel); ready (its age, Update index; stale said plainly);
 * error (the message, Try again). Also says when the index lives in memory only.
 */
import * as React from 'react';
import type { TranslationBundle } from '@jupyterlab/translation';
import type { IndexState } from '../models/search';
import { formatRelativeTime } from './format';

export interface ISearchStatusProps {
  state: IndexState;
  bucket: string | null;
  persisted: boolean | null;
  trans: TranslationBundle;
  onUpdate: () => void;
  onCancel: () => void;
  /** Whether the index holds text contents; with `onIndexContent`, a checkbox that switches it. */
  indexContent?: boolean;
  /** Switch content indexing (the index is updated at once: every object is read again). */
  onIndexContent?: (on: boolean) => void;
}

/**
 * The status line.
 * @param props - the state and the actions.
 * @returns the line.
 */
export function SearchStatus(props: ISearchStatusProps): JSX.Element {
  const { state, trans } = props;
  // "updated 5 minutes ago" moves on while the panel stays open.
  const [, tick] = React.useReducer((n: number) => n + 1, 0);
  React.useEffect(() => {
    if (state.kind !== 'ready') {
      return;
    }
    const timer = setInterval(tick, 60_000);
    return () => clearInterval(timer);
  }, [state.kind]);
  const button = (label: string, onClick: () => void, action: string) => (
    <button className="jp-mod-styled jp-helium-search-action" data-action={action} onClick={onClick}>
      {label}
    </button>
  );
  let text: string;
  let action: JSX.Element | null = null;
  switch (state.kind) {
    case 'none':
      text = trans.__('Open a bucket in the S3 panel to search it.');
      break;
    case 'checking':
      text = trans.__('Opening the index…');
      break;
    case 'never':
      text = state.oldFormat
        ? trans.__(
            "The search index of %1 was written by an older version of helium and must be built again: it lists the bucket and reads each object's metadata once.",
            props.bucket ?? ''
          )
        : trans.__("%1 has no search index yet. Building it lists the bucket and reads each object's metadata once.", props.bucket ?? '');
      action = button(trans.__('Build index'), props.onUpdate, 'update');
      break;
    case 'building': {
      const p = state.progress;
      text = !p
        ? trans.__('Starting…')
        : p.phase === 'listing'
          ? trans.__('Listing: %1 objects', p.listed)
          : p.phase === 'reading metadata'
            ? trans.__('Reading metadata: %1 of %2', p.headed, p.toHead)
            : p.phase === 'snapshots'
              ? trans.__('Reading snapshots…')
              : trans.__('Saving the index…');
      action = button(trans.__('Cancel'), props.onCancel, 'cancel');
      break;
    }
    case 'ready': {
      // "1 object, 1 snapshot", not "1 objects, 1 snapshots".
      const counts = trans.__(
        '%1, %2',
        trans._n('%1 object', '%1 objects', state.objects),
        trans._n('%1 snapshot', '%1 snapshots', state.snapshots)
      );
      text = state.stale
        ? trans.__('Index updated %1: objects may have changed since. %2.', formatRelativeTime(state.syncedAt), counts)
        : trans.__('Index updated %1. %2.', formatRelativeTime(state.syncedAt), counts);
      if (state.currentOnly) {
        text +=
          ' ' +
          trans.__(
            'Current objects only: listing versions was refused (these credentials lack s3:ListBucketVersions), so older versions and deleted objects are not searchable.'
          );
      }
      action = button(trans.__('Update index'), props.onUpdate, 'update');
      break;
    }
    case 'error':
      text = state.message;
      action = button(trans.__('Try again'), props.onUpdate, 'update');
      break;
  }
  const progress =
    state.kind === 'building' && state.progress?.phase === 'reading metadata' && state.progress.toHead > 0 ? state.progress : null;
  return (
    <div
      className={`jp-helium-search-status jp-mod-${state.kind}${state.kind === 'ready' && state.stale ? ' jp-mod-stale' : ''}`}
      data-state={state.kind}
      role="status"
    >
      <span className="jp-helium-search-status-text">{text}</span>
      {action}
      {progress && <progress max={progress.toHead} value={progress.headed} />}
      {props.onIndexContent && (state.kind === 'ready' || state.kind === 'never') && (
        <label
          className="jp-helium-search-content-toggle"
          title={trans.__(
            'Also search the text of text-like objects (CSV, JSON, Markdown, notebooks…): their first 100 KB are read once each. Switching it updates the index at once and reads every object again.'
          )}
        >
          <input
            type="checkbox"
            data-testid="helium-search-index-content"
            checked={props.indexContent === true}
            onChange={e => props.onIndexContent!(e.currentTarget.checked)}
          />
          {trans.__('Index text contents (first 100 KB)')}
        </label>
      )}
      {props.persisted === false && state.kind !== 'none' && (
        <div className="jp-helium-search-memory-note">
          {trans.__(
            'This browser offers no private file storage (OPFS) here: the index is kept in memory and is lost when the page reloads.'
          )}
        </div>
      )}
    </div>
  );
}
