/**
 * The question before restoring a folder to a snapshot: what the restore will write (pinned
 * versions copied back as new versions, delete markers for files added since), that nothing is
 * lost, and a way to review every change first.
 */
import * as React from 'react';
import { ReactWidget } from '@jupyterlab/apputils';
import type { TranslationBundle } from '@jupyterlab/translation';
import type { IRestoreSummary } from '../service/snapshots/restore-summary';
import { shortHash } from '../models/snapshot-target';
import { formatBytes, formatDateTime } from './format';

export interface IRestorePlanBodyOptions {
  trans: TranslationBundle;
  /** `s3://bucket/folder/` restored. */
  uri: string;
  topHash: string;
  /** When the snapshot was taken, if known. */
  timestamp?: Date;
  message?: string | null;
  summary: IRestoreSummary;
}

function RestorePlanView(props: IRestorePlanBodyOptions): JSX.Element {
  const { trans, summary } = props;
  return (
    <div className="jp-helium-snapshot-restore" data-top-hash={props.topHash} data-copies={summary.copies} data-deletes={summary.deletes}>
      <p>
        {props.timestamp
          ? trans.__('Make %1 what it was in snapshot %2 of %3:', props.uri, shortHash(props.topHash), formatDateTime(props.timestamp))
          : trans.__('Make %1 what it was in snapshot %2:', props.uri, shortHash(props.topHash))}
      </p>
      {props.message && <p className="jp-helium-snapshot-restore-message">{props.message}</p>}
      <ul className="jp-helium-snapshot-restore-counts">
        <li className="jp-helium-snapshot-restore-copies">
          {trans._n(
            '%2 file copied back from the snapshot (%3)',
            '%2 files copied back from the snapshot (%3)',
            summary.copies,
            summary.copies.toLocaleString(),
            formatBytes(summary.copyBytes)
          )}
          {summary.copies > 0 && (
            <span className="jp-helium-muted">
              {' '}
              {trans.__(
                '— %1 changed since, %2 deleted since',
                summary.changedSince.toLocaleString(),
                summary.deletedSince.toLocaleString()
              )}
            </span>
          )}
        </li>
        <li className="jp-helium-snapshot-restore-deletes">
          {trans._n(
            '%2 file deleted (added since the snapshot; a delete marker, its history is kept)',
            '%2 files deleted (added since the snapshot; delete markers, their history is kept)',
            summary.deletes,
            summary.deletes.toLocaleString()
          )}
        </li>
      </ul>
      <p className="jp-helium-muted">
        {trans.__(
          'Nothing is lost: copies become new versions and deletes add delete markers, so every current version stays in the history. Review Changes shows each file first.'
        )}
      </p>
    </div>
  );
}

/** The body of the restore question. */
export class RestorePlanBody extends ReactWidget {
  constructor(private readonly _options: IRestorePlanBodyOptions) {
    super();
    this.addClass('jp-helium-snapshot-dialog');
    this.node.dataset.phase = 'restore-plan';
  }

  protected render(): JSX.Element {
    return <RestorePlanView {...this._options} />;
  }
}
