/** What long snapshot work has done so far. */
import * as React from 'react';
import type { TranslationBundle } from '@jupyterlab/translation';
import { useSignal } from '../useSignal';
import { describeProgress } from '../SnapshotProgress';
import type { ProgressState } from './ProgressState';

/**
 * The phase, a progress bar, the detail and the seconds elapsed.
 * @param props - translations, the reports, the heading and when the work started.
 * @returns the element.
 */
export function ProgressView(props: { trans: TranslationBundle; state: ProgressState; title: string; started: number }): JSX.Element {
  const { trans, state } = props;
  useSignal(state.changed, 100);
  const text = describeProgress(state.report, trans);
  const seconds = Math.round((Date.now() - props.started) / 1000);
  return (
    <div className="jp-helium-snapshot-progress" data-phase={text.phaseId} role="status">
      <div className="jp-helium-snapshot-progress-title">{props.title}</div>
      <div className="jp-helium-snapshot-progress-phase">{text.phase}</div>
      {text.fraction === null ? (
        <progress className="jp-helium-snapshot-progressbar" />
      ) : (
        <progress className="jp-helium-snapshot-progressbar" max={1} value={text.fraction} />
      )}
      <div className="jp-helium-snapshot-progress-detail">{text.detail}</div>
      <div className="jp-helium-muted">{trans._n('%1 second', '%1 seconds', seconds)}</div>
    </div>
  );
}
