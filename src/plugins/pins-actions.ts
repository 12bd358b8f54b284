/**
 * What the pin commands do, apart from JupyterLab: pin a snapshot to a notebook (and offer a
 * quilt3 cell that reads exactly that state), and the per-pin actions of the notebook toolbar's
 * data status (compare with the live folder, update, restore). Each takes the models and small UI
 * callbacks, so `pins.ts` only wires JupyterLab to them and tests run them against a real S3.
 */
import type { ReadonlyPartialJSONObject } from '@lumino/coreutils';
import type { TranslationBundle } from '@jupyterlab/translation';
import { LIVE, shortHash } from '../models/snapshot-target';
import type { SnapshotsModel } from '../models/snapshots';
import type { IPinRequest, NotebookPinsModel } from '../models/notebook-pins';
import { shortLock } from '../service/pins/pin-lock';
import type { FolderPin, Pin, PinFollows } from '../service/pins/types';
import { snapshotArg, str } from './snapshots-args';

/**
 * The snapshot a *Pin to Notebook* command names: explicit args (`connection`, `bucket`,
 * `folder`, `package`, `topHash`: the snapshot dialog's result), else a listed snapshot
 * (`topHash`, `row`: the Snapshots panel's row, or its selection).
 * @param snapshots - the snapshots model.
 * @param args - the command's args.
 * @returns the request, or null when the args name no snapshot.
 */
export function pinRequestFromArgs(snapshots: SnapshotsModel, args: ReadonlyPartialJSONObject): IPinRequest | null {
  const [connection, bucket, folder, name, topHash] = [args.connection, args.bucket, args.folder, args.package, args.topHash].map(str);
  // `tag`: the pin follows that tag of the package (else it is asked when the snapshot has tags).
  const tag = str(args.tag);
  const follows: { follows?: PinFollows } = tag ? { follows: tag === 'latest' ? 'latest' : { tag } } : {};
  if (connection && bucket && folder !== undefined && name && topHash) {
    return { connection, bucket, folder, package: name, topHash, ...follows };
  }
  const s = snapshotArg(snapshots, args);
  const target = snapshots.target;
  if (!s || !target) {
    return null;
  }
  // The listing's folder may be a guess from the manifest's first part; the panel's folder then.
  const snapFolder = s.folder !== null && !s.folderInferredFromPart ? s.folder : target.folder;
  return { connection: target.connection, bucket: s.bucket, folder: snapFolder, package: s.name, topHash: s.topHash, ...follows };
}

/** What {@link pinToNotebook} asks of the UI. */
export interface IPinUI {
  /** Ask whether to insert a cell with this code; true to insert. */
  offerCell(pin: Pin, code: string): Promise<boolean>;
  /** Insert a code cell below the active one. */
  insertCell(code: string): void;
  notify(message: string): void;
  fail(title: string, error: unknown): void;
  /**
   * Ask what the pin follows when the snapshot has tags: `latest` (the default) or one of them;
   * null when the person cancels (nothing is pinned).
   */
  chooseFollows?(tags: readonly string[]): Promise<PinFollows | null>;
}

/**
 * Pin a snapshot to a notebook and offer a cell that reads it with quilt3.
 * @param pins - the notebook's pins model.
 * @param snapshots - the snapshots model (for the quilt3 snippet).
 * @param request - the snapshot (and what the pin follows; asked when it has tags and this says not).
 * @param notebookName - the notebook's name, for messages.
 * @param trans - translations.
 * @param ui - the dialogs and the cell insertion.
 * @returns the pin written, or null when it could not be.
 */
export async function pinToNotebook(
  pins: NotebookPinsModel,
  snapshots: SnapshotsModel,
  request: IPinRequest,
  notebookName: string,
  trans: TranslationBundle,
  ui: IPinUI
): Promise<Pin | null> {
  if (!request.follows && ui.chooseFollows) {
    // The tags that name this snapshot now (read with the listing): the pin may follow one.
    const tags = snapshots.tags.of({ bucket: request.bucket, name: request.package, topHash: request.topHash }).map(t => t.tag);
    if (tags.length > 0) {
      const follows = await ui.chooseFollows(tags);
      if (follows === null) {
        return null;
      }
      request = { ...request, follows };
    }
  }
  let pin: Pin;
  try {
    pin = pins.pinSnapshot(request);
  } catch (err) {
    ui.fail(trans.__('Cannot pin to %1', notebookName), err);
    return null;
  }
  ui.notify(trans.__('Pinned %1 @ %2 to %3 (save the notebook to keep it).', pin.uri, shortHash(pin.top_hash), notebookName));
  const code = await snapshots.requests.quiltSnippet(request.connection, {
    name: pin.package,
    bucket: pin.bucket,
    topHash: pin.top_hash
  });
  if (await ui.offerCell(pin, code)) {
    ui.insertCell(code);
  }
  return pin;
}

/**
 * The args of the snapshots plugin's commands for a pin: its connection, bucket and folder.
 * @param pins - the notebook's pins model.
 * @param pin - the pin.
 * @returns `{connection, bucket, folder}`.
 */
export async function pinFolderArgs(
  pins: NotebookPinsModel,
  pin: FolderPin
): Promise<{ connection: string; bucket: string; folder: string }> {
  return { connection: await pins.connectionFor(pin.bucket), bucket: pin.bucket, folder: pin.folder };
}

/**
 * The args of *Compare Snapshots* for a pin: its snapshot (left) with the live folder (right).
 * @param pins - the notebook's pins model.
 * @param pin - the pin.
 * @returns the args.
 */
export async function comparePinArgs(pins: NotebookPinsModel, pin: FolderPin): Promise<ReadonlyPartialJSONObject> {
  return { ...(await pinFolderArgs(pins, pin)), left: pin.top_hash, right: LIVE };
}

/**
 * The args of *Restore Folder to This Snapshot…* for a pin (its preview comes first).
 * @param pins - the notebook's pins model.
 * @param pin - the pin.
 * @returns the args.
 */
export async function restorePinArgs(pins: NotebookPinsModel, pin: FolderPin): Promise<ReadonlyPartialJSONObject> {
  return { ...(await pinFolderArgs(pins, pin)), topHash: pin.top_hash };
}

/** What {@link updatePin} asks of the UI. */
export interface IUpdatePinUI {
  /** Take a snapshot of the folder (the Snapshot Folder dialog); false when the user cancelled. */
  snapshotFolder(args: { connection: string; bucket: string; folder: string }): Promise<boolean>;
  notify(message: string): void;
  fail(title: string, error: unknown): void;
}

/**
 * *Update pin*: re-lock a pin to what it follows. When the live folder changed since the newest
 * snapshot (the pin is at `latest` but not in sync), snapshot the folder first, then re-lock.
 * @param pins - the notebook's pins model (its statuses say whether the folder changed).
 * @param name - the pin.
 * @param trans - translations.
 * @param ui - the snapshot dialog and notifications.
 * @returns what happened to the pin.
 */
export async function updatePin(pins: NotebookPinsModel, name: string, trans: TranslationBundle, ui: IUpdatePinUI): Promise<string> {
  const pin = pins.pin(name);
  if (!pin) {
    return 'skipped';
  }
  const status = pins.statuses.get(name);
  try {
    const liveChanged = status?.state === 'changed' && !status.followed?.newer;
    if (liveChanged && pin.kind === 'folder' && pin.follows === 'latest') {
      if (!(await ui.snapshotFolder(await pinFolderArgs(pins, pin)))) {
        return 'cancelled';
      }
    }
    const result = await pins.updatePin(name);
    if (result.action === 'updated') {
      const what =
        pin.kind === 'file' ? trans.__('version %1', shortLock(result.to ?? '')) : trans.__('snapshot %1', shortHash(result.to ?? ''));
      ui.notify(trans.__('Pin %1 now locks %2 (save the notebook to keep it).', name, what));
    } else if (result.action === 'current') {
      ui.notify(trans.__('Pin %1 already locks what it follows.', name));
    } else {
      ui.fail(trans.__('Cannot update pin %1', name), new Error(result.reason ?? ''));
    }
    return result.action;
  } catch (err) {
    ui.fail(trans.__('Cannot update pin %1', name), err);
    return 'failed';
  }
}
