/**
 * The lineage a snapshot records, in the Snapshots panel's details: the notebook it was taken
 * from (a link that opens it) with the SHA-256 of its saved file, and the pins that notebook held.
 * Read on selection (one ranged GET of the manifest's first bytes); nothing shown when the
 * snapshot records none.
 */
import * as React from 'react';
import type { TranslationBundle } from '@jupyterlab/translation';
import type { Lineage } from '../service/pins/lineage';
import type { SnapshotInfo } from '../service/snapshots/types';
import type { SnapshotsModel } from '../models/snapshots';

/** What the view needs. */
export interface ISnapshotLineageProps {
  model: SnapshotsModel;
  trans: TranslationBundle;
  snapshot: SnapshotInfo;
  /** Open the notebook a snapshot was taken from (a workspace path). */
  openNotebook?: (path: string) => void;
}

/** See the file's header. */
export function SnapshotLineage(props: ISnapshotLineageProps): JSX.Element | null {
  const { model, trans, snapshot, openNotebook } = props;
  const [lineage, setLineage] = React.useState<Lineage | null>(null);
  const connection = model.target?.connection;
  const { bucket, topHash } = snapshot;
  React.useEffect(() => {
    setLineage(null);
    if (!connection) {
      return;
    }
    const abort = new AbortController();
    model.requests.lineage({ connection, bucket }, topHash, abort.signal).then(
      found => !abort.signal.aborted && setLineage(found ?? null),
      () => undefined // no lineage shown when the header cannot be read; the row says the rest
    );
    return () => abort.abort();
  }, [model, connection, bucket, topHash]);
  if (!lineage) {
    return null;
  }
  const path = lineage.notebook.path;
  return (
    <dl className="jp-helium-fields jp-helium-snapshot-lineage-view" data-notebook={path}>
      <dt>{trans.__('From notebook')}</dt>
      <dd>
        {openNotebook ? (
          <a href="#" className="jp-helium-snapshot-lineage-notebook" onClick={e => (e.preventDefault(), openNotebook(path))}>
            {path}
          </a>
        ) : (
          path
        )}
        <div className="jp-helium-snapshot-lineage-sha" title={lineage.notebook.sha256}>
          {trans.__('SHA-256 %1…', lineage.notebook.sha256.slice(0, 12))}
        </div>
      </dd>
      <dt>{trans.__('Its pins')}</dt>
      <dd>
        {lineage.pins.length === 0
          ? trans.__('none')
          : lineage.pins.map(p => (
              <div key={p.name} className="jp-helium-snapshot-lineage-pin" title={p.top_hash ?? p.version_id}>
                {`${p.uri} @ ${(p.top_hash ?? p.version_id ?? '').slice(0, 8)}`}
              </div>
            ))}
      </dd>
    </dl>
  );
}
