/**
 * What the pin commands do for single files, apart from JupyterLab: pin one object version to a
 * notebook (and offer a boto3/pandas cell that reads exactly that version), compare a file pin
 * with the key's current version, and restore the file to its pin (the pinned version copied on
 * top: a new version, nothing deleted). Folder pins are in `pins-actions.ts`.
 */
import type { ReadonlyPartialJSONObject } from '@lumino/coreutils';
import type { TranslationBundle } from '@jupyterlab/translation';
import type { IDiffRequest, IHeliumConnections, IVersionsModel } from '../tokens';
import type { IFilePinRequest, NotebookPinsModel } from '../models/notebook-pins';
import { shortLock } from '../service/pins/pin-lock';
import type { FilePin } from '../service/pins/types';
import { formatS3Uri } from '../service/uri';
import { pythonSnippet } from '../service/version-snippet';
import type { IPinUI } from './pins-actions';
import { str } from './snapshots-args';

/**
 * The object version a *Pin to Notebook* command names (`connection`, `bucket`, `key`, and
 * `versionId` for a given version; else the current one).
 * @param args - the command's args.
 * @returns the request, or null when the args name no file.
 */
export function filePinRequestFromArgs(args: ReadonlyPartialJSONObject): IFilePinRequest | null {
  const [connection, bucket, key, versionId] = [args.connection, args.bucket, args.key, args.versionId].map(str);
  if (!connection || !bucket || !key || key.endsWith('/')) {
    return null;
  }
  return { connection, bucket, key, ...(versionId ? { versionId } : {}) };
}

/**
 * Python (boto3, and pandas for tables) that reads exactly one version, naming the connection's
 * endpoint when it is not AWS (never a credential).
 * @param connections - the connections (for the endpoint and region).
 * @param connection - the connection's name.
 * @param target - the version.
 * @returns the code.
 */
export async function versionCode(
  connections: Pick<IHeliumConnections, 'list'>,
  connection: string,
  target: { bucket: string; key: string; versionId: string }
): Promise<string> {
  let info: { endpoint?: string; region?: string } | undefined;
  try {
    info = (await connections.list()).find(c => c.name === connection);
  } catch {
    info = undefined; // the AWS form: still right there
  }
  return pythonSnippet({ ...target, endpoint: info?.endpoint, region: info?.region });
}

/**
 * Pin one object version to a notebook and offer a cell that reads it.
 * @param pins - the notebook's pins model.
 * @param connections - the connections (for the cell's endpoint).
 * @param request - the object (and version).
 * @param notebookName - the notebook's name, for messages.
 * @param trans - translations.
 * @param ui - the dialogs and the cell insertion.
 * @returns the pin written, or null when it could not be.
 */
export async function pinFileToNotebook(
  pins: NotebookPinsModel,
  connections: Pick<IHeliumConnections, 'list'>,
  request: IFilePinRequest,
  notebookName: string,
  trans: TranslationBundle,
  ui: IPinUI
): Promise<FilePin | null> {
  let pin: FilePin;
  try {
    pin = await pins.pinFile(request);
  } catch (err) {
    ui.fail(trans.__('Cannot pin to %1', notebookName), err);
    return null;
  }
  ui.notify(trans.__('Pinned %1 (version %2) to %3 (save the notebook to keep it).', pin.uri, shortLock(pin.version_id), notebookName));
  const code = await versionCode(connections, request.connection, { bucket: pin.bucket, key: pin.key, versionId: pin.version_id });
  if (await ui.offerCell(pin, code)) {
    ui.insertCell(code);
  }
  return pin;
}

/**
 * The diff tab's request for a file pin: the pinned version (left) with the current one (right).
 * @param pins - the notebook's pins model.
 * @param pin - the pin.
 * @param trans - translations.
 * @returns the request.
 */
export async function compareFilePinRequest(pins: NotebookPinsModel, pin: FilePin, trans: TranslationBundle): Promise<IDiffRequest> {
  const connection = await pins.connectionFor(pin.bucket);
  const where = { connection, bucket: pin.bucket, key: pin.key };
  return {
    left: {
      ...where,
      versionId: pin.version_id,
      label: trans.__('pinned (%1)', shortLock(pin.version_id)),
      ...(pin.size !== null ? { size: pin.size } : {}),
      ...(pin.etag !== null ? { etag: pin.etag } : {})
    },
    right: { ...where, label: trans.__('live (current version)') }
  };
}

/** What {@link restoreFilePin} asks of the UI. */
export interface IRestoreFileUI {
  confirm(title: string, body: string, accept: string): Promise<boolean>;
  notify(message: string): void;
  fail(title: string, error: unknown): void;
}

/**
 * *Restore File to Pin…*: copy the pinned version on top of the key (a new current version;
 * every version stays in the history), after the person confirms.
 * @param pins - the notebook's pins model (refreshed after).
 * @param versions - the versions model (its restore).
 * @param pin - the pin.
 * @param trans - translations.
 * @param ui - the confirmation and notifications.
 * @returns the new version id, or null (cancelled, already that version, or failed).
 */
export async function restoreFilePin(
  pins: NotebookPinsModel,
  versions: Pick<IVersionsModel, 'restore'>,
  pin: FilePin,
  trans: TranslationBundle,
  ui: IRestoreFileUI
): Promise<string | null> {
  const uri = formatS3Uri({ bucket: pin.bucket, key: pin.key });
  if (pins.statuses.get(pin.name)?.state === 'missing') {
    // Asking first would promise a restore that S3 then refuses as "not found".
    ui.fail(
      trans.__('Cannot restore %1', uri),
      new Error(
        trans.__(
          'The pinned version %1 of %2 was deleted for good (it is no longer in the history), so it cannot be brought back. Update Pin locks the pin to the current version instead; what the notebook computed from the pinned data may then change.',
          pin.version_id,
          uri
        )
      )
    );
    return null;
  }
  const accepted = await ui.confirm(
    trans.__('Restore %1 to the pinned version?', pin.name),
    trans.__(
      'Version %1 will be copied on top of %2 as a new current version. Nothing is deleted: every version, including the current one, stays in the history.',
      pin.version_id,
      uri
    ),
    trans.__('Restore')
  );
  if (!accepted) {
    return null;
  }
  try {
    const connection = await pins.connectionFor(pin.bucket);
    const newId = await versions.restore({ connection, bucket: pin.bucket, key: pin.key }, pin.version_id);
    ui.notify(newId ? trans.__('Restored %1 to its pinned version.', uri) : trans.__('%1 already is the pinned version.', uri));
    await pins.refresh();
    return newId;
  } catch (err) {
    ui.fail(trans.__('Could not restore %1', uri), err);
    return null;
  }
}
