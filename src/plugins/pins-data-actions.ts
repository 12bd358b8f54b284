/**
 * *Pin Data…* (the notebook toolbar's pin button), apart from JupyterLab: pin whatever an S3 URI
 * names — a file's version (the current one, or `?versionId=`), or a folder's latest snapshot,
 * snapshotting the folder first when it changed since (or has no snapshot yet), as the person
 * chooses ("Snapshot and Pin").
 */
import type { TranslationBundle } from '@jupyterlab/translation';
import type { IHeliumConnections } from '../tokens';
import type { NotebookPinsModel } from '../models/notebook-pins';
import type { SnapshotsModel } from '../models/snapshots';
import type { Pin } from '../service/pins/types';
import { formatS3Uri } from '../service/uri';
import { IPinUI, pinToNotebook } from './pins-actions';
import { pinFileToNotebook } from './pins-file-actions';

/** What {@link pinData} asks of the UI, beyond pinning. */
export interface IPinDataUI extends IPinUI {
  /**
   * The folder changed since its latest snapshot (or has none): snapshot it first, pin the
   * latest as it is, or cancel (null).
   */
  askSnapshotFirst(uri: string, latest: string | null): Promise<'snapshot' | 'latest' | null>;
  /** Take a snapshot of the folder (the Snapshot Folder dialog); null when cancelled. */
  snapshotFolder(args: { connection: string; bucket: string; folder: string }): Promise<{ topHash: string; name: string } | null>;
}

/**
 * Pin what an S3 location names to a notebook (see the file's header).
 * @param pins - the notebook's pins model.
 * @param snapshots - the snapshots model (for the quilt3 cell and tags).
 * @param connections - the connections (for the boto3 cell).
 * @param where - connection, bucket, key (a folder ends in `/`; '' is the bucket) and maybe a version.
 * @param notebookName - the notebook's name, for messages.
 * @param trans - translations.
 * @param ui - the dialogs.
 * @returns the pin written, or null.
 */
export async function pinData(
  pins: NotebookPinsModel,
  snapshots: SnapshotsModel,
  connections: Pick<IHeliumConnections, 'list'>,
  where: { connection: string; bucket: string; key: string; versionId?: string },
  notebookName: string,
  trans: TranslationBundle,
  ui: IPinDataUI
): Promise<Pin | null> {
  const { connection, bucket, key } = where;
  if (key !== '' && !key.endsWith('/')) {
    return pinFileToNotebook(pins, connections, where, notebookName, trans, ui);
  }
  const uri = formatS3Uri({ bucket, key });
  if (where.versionId) {
    ui.fail(trans.__('Cannot pin %1', uri), new Error(trans.__('A folder is pinned at a snapshot, not a version: remove ?versionId=.')));
    return null;
  }
  let state;
  try {
    state = await pins.folderState(connection, bucket, key);
  } catch (err) {
    ui.fail(trans.__('Cannot read the snapshots of %1', uri), err);
    return null;
  }
  if (state.packages.length > 1) {
    const names = state.packages.join(', ');
    ui.fail(
      trans.__('Cannot pin %1', uri),
      new Error(trans.__('The folder has snapshots of several packages (%1): pin one from the Snapshots panel.', names))
    );
    return null;
  }
  let snapshot = state.latest && state.package ? { topHash: state.latest, name: state.package } : null;
  if (state.changed) {
    const choice = await ui.askSnapshotFirst(uri, state.latest);
    if (choice === null) {
      return null;
    }
    if (choice === 'snapshot') {
      snapshot = await ui.snapshotFolder({ connection, bucket, folder: key });
    }
  }
  if (!snapshot) {
    return null;
  }
  return pinToNotebook(
    pins,
    snapshots,
    { connection, bucket, folder: key, package: snapshot.name, topHash: snapshot.topHash },
    notebookName,
    trans,
    ui
  );
}
