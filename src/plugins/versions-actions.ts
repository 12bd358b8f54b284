/**
 * What the version commands do (part of the versions plugin in `versions.ts`, not a plugin of its
 * own): restore, undelete, delete one version, compare two versions, and read an object's S3 URI
 * (editing metadata is `versions-edit-metadata.ts`). Each takes the versions model and small UI callbacks (ask, tell, edit), so it
 * runs and is tested without JupyterLab's dialogs; `versions-dialogs.ts` gives the real ones and
 * `versions-commands.ts` wires them to commands.
 */
import type { TranslationBundle } from '@jupyterlab/translation';
import type { ObjectVersion } from '../service';
import { displayKey, formatS3Uri, parseS3Uri, readKeyProblem } from '../service/uri';
import type { IDiffProviders, IDiffSide, IS3ObjectRef } from '../tokens';
import type { IVersionTarget, VersionsModel } from '../models/versions';
import { formatDateTime, formatShortDateTime } from '../widgets/format';

/** A question for the user, answered with a button. */
export interface IConfirmOptions {
  title: string;
  body: string;
  /** The accepting button's label; without one the dialog only has Close (and answers false). */
  accept?: string;
  /** Whether the accepting button is a warning (a permanent delete). */
  warn?: boolean;
}

/** The UI the version commands use: dialogs and notifications. */
export interface IVersionsUI {
  /**
   * Ask the user.
   * @returns whether they accepted.
   */
  confirm(options: IConfirmOptions): Promise<boolean>;
  /** A passing notification (`autoClose` in ms). */
  notify(kind: 'success' | 'info' | 'warning', message: string, autoClose: number): void;
  /** An error dialog. */
  showError(title: string, message: string): Promise<void>;
  /**
   * The metadata editor: JSON text checked as you type.
   * @returns the text to save, or null when cancelled (or the text still has a problem).
   */
  editMetadata(options: { title: string; uri: string; text: string; check: (text: string) => string | null }): Promise<string | null>;
}

/** What the version commands work with. */
export interface IVersionsCommandContext {
  /** The drawer's model: the object shown, its versions, the selection, and the actions. */
  model: VersionsModel;
  trans: TranslationBundle;
  ui: IVersionsUI;
}

/** The object's S3 URI, as Copy S3 URI gives it and the Version History box reads it. */
export const uriOf = (t: IS3ObjectRef): string => formatS3Uri(t);
/** The file name of a key, raw (to save a file as). */
export const fileName = (key: string): string => key.slice(key.lastIndexOf('/') + 1);
/** The file name of a key, for reading (control characters visible). */
export const nameOf = (key: string): string => displayKey(fileName(key));
/** When a version was written, for people. */
export const whenOf = (v: ObjectVersion): string => formatDateTime(v.lastModified);

/**
 * The version a command acts on: the one named in its args, else the drawer's selection.
 * @param model - the versions model.
 * @param args - the command's args (`versionId`).
 * @returns the version, or null when it is not among those listed.
 */
export function versionArg(model: VersionsModel, args: { versionId?: unknown }): ObjectVersion | null {
  const id = typeof args.versionId === 'string' ? args.versionId : model.selected?.versionId;
  return model.versions.find(v => v.versionId === id) ?? null;
}

/** Shows an error without waiting for it to be closed (the command is done). */
function fail(ctx: IVersionsCommandContext, title: string, err: unknown): void {
  void ctx.ui.showError(title, (err as Error).message);
}

/**
 * Read the S3 URI of an object (deleted ones too) as Copy S3 URI gives it: parsed with
 * `parseS3Uri`, so every URI we copy names the same object here.
 * @param trans - translations.
 * @param text - the URI as typed.
 * @param connection - the connection it is on.
 * @returns the object and the version the URI names.
 * @throws Error saying what is wrong, for a bucket, a folder, or a key that cannot be read.
 */
export function parseObjectUri(trans: TranslationBundle, text: string, connection: string): IVersionTarget & { versionId?: string } {
  const { bucket, key, versionId } = parseS3Uri(text);
  if (!key || key.endsWith('/')) {
    throw new Error(
      trans.__(
        '%1 names a bucket or a folder; give the S3 URI of an object, e.g. %2.',
        text.trim(),
        formatS3Uri({ bucket, key: `${key}data.csv` })
      )
    );
  }
  const problem = readKeyProblem(key);
  if (problem) {
    throw new Error(problem);
  }
  return { connection, bucket, key, versionId };
}

/**
 * Restore a version: after the user agrees, copy it on top as a new current version.
 * @param ctx - the model, translations and UI.
 * @param args - the command's args (`versionId`; default the selection).
 * @returns the new version's id; null when nothing was written (cancelled, failed, or already current).
 */
export async function restoreVersionAction(ctx: IVersionsCommandContext, args: { versionId?: unknown }): Promise<string | null> {
  const { model, trans, ui } = ctx;
  const v = versionArg(model, args);
  const target = model.target;
  if (!v || !target || v.isDeleteMarker) {
    return null;
  }
  const accepted = await ui.confirm({
    title: trans.__('Restore the version of %1?', whenOf(v)),
    body: trans.__(
      '%1 will be copied on top of %2 as a new current version. Nothing is deleted: every version, including the current one, stays in the history.',
      `${v.versionId}`,
      uriOf(target)
    ),
    accept: trans.__('Restore')
  });
  if (!accepted) {
    return null;
  }
  try {
    const newId = await model.restore(target, v.versionId);
    ui.notify(
      'success',
      newId
        ? trans.__('Restored %1 as a new version.', nameOf(target.key))
        : trans.__('%1 already is that version: nothing written.', nameOf(target.key)),
      4000
    );
    return newId;
  } catch (err) {
    fail(ctx, trans.__('Could not restore %1', nameOf(target.key)), err);
    return null;
  }
}

/**
 * Undelete the object shown: after the user agrees, remove the delete markers on top.
 * @param ctx - the model, translations and UI.
 * @returns whether the object is back.
 */
export async function undeleteAction(ctx: IVersionsCommandContext): Promise<boolean> {
  const { model, trans, ui } = ctx;
  const target = model.target;
  if (!target || !model.isDeleted) {
    return false;
  }
  const markers = model.versions.findIndex(v => !v.isDeleteMarker);
  const back = model.latestContent;
  const accepted = await ui.confirm({
    title: trans.__('Undelete %1?', nameOf(target.key)),
    body: back
      ? trans._n(
          'The delete marker on top of %2 will be removed, so the version of %3 is current again. No content is deleted; the marker itself (the record of the delete) goes away.',
          'The %1 delete markers on top of %2 will be removed, so the version of %3 is current again. No content is deleted; the markers themselves (the record of the deletes) go away.',
          markers < 0 ? model.versions.length : markers,
          uriOf(target),
          whenOf(back)
        )
      : trans.__('%1 has no version with content to bring back.', uriOf(target)),
    accept: back ? trans.__('Undelete') : undefined
  });
  if (!accepted || !back) {
    return false;
  }
  try {
    await model.undelete(target);
    ui.notify('success', trans.__('%1 is back.', nameOf(target.key)), 4000);
    return true;
  } catch (err) {
    fail(ctx, trans.__('Could not undelete %1', nameOf(target.key)), err);
    return false;
  }
}

/**
 * Delete one version for good, after a warning that says what stays.
 * @param ctx - the model, translations and UI.
 * @param args - the command's args (`versionId`; default the selection).
 * @returns whether the version was deleted.
 */
export async function deleteVersionAction(ctx: IVersionsCommandContext, args: { versionId?: unknown }): Promise<boolean> {
  const { model, trans, ui } = ctx;
  const v = versionArg(model, args);
  const target = model.target;
  if (!v || !target) {
    return false;
  }
  const others = model.versions.length - 1;
  const keepsOthers =
    model.versioning === 'Enabled' && others > 0
      ? trans._n('The other version is kept.', 'The other %1 versions are kept.', others)
      : others > 0
        ? trans.__('The bucket does not keep new versions (versioning is not enabled).')
        : trans.__('This is the ONLY version: the object will be gone for good.');
  const accepted = await ui.confirm({
    title: trans.__('Delete this version for good?'),
    body: trans.__(
      'Version %1 of %2 (%3) will be deleted PERMANENTLY. Unlike deleting an object, this cannot be undone. %4',
      v.versionId,
      uriOf(target),
      whenOf(v),
      keepsOthers
    ),
    accept: trans.__('Delete permanently'),
    warn: true
  });
  if (!accepted) {
    return false;
  }
  try {
    await model.deleteVersion(target, v.versionId);
    return true;
  } catch (err) {
    fail(ctx, trans.__('Could not delete the version'), err);
    return false;
  }
}

/**
 * One side of a comparison: a version of the object, labelled with its time.
 * @param trans - translations.
 * @param target - the object.
 * @param v - the version.
 * @returns the side.
 */
export function sideOf(trans: TranslationBundle, target: IVersionTarget, v: ObjectVersion): IDiffSide {
  return {
    ...target,
    versionId: v.versionId,
    label: `${formatShortDateTime(v.lastModified)}${v.isLatest ? ` · ${trans.__('latest')}` : ''}`,
    size: v.size,
    etag: v.etag
  };
}

/**
 * Compare two versions in the diff tab, older on the left: those named in the args, else the two
 * ticked, else the selected one against the latest with content.
 * @param ctx - the model, translations and UI.
 * @param diffs - the diff tab.
 * @param args - the command's args (`left`, `right`: version ids).
 * @returns whether a comparison was opened.
 */
export async function compareVersions(
  ctx: IVersionsCommandContext,
  diffs: Pick<IDiffProviders, 'open'>,
  args: { left?: unknown; right?: unknown }
): Promise<boolean> {
  const { model, trans, ui } = ctx;
  const target = model.target;
  if (!target) {
    return false;
  }
  const byId = (id: unknown) => model.versions.find(v => v.versionId === id) ?? null;
  let left = byId(args.left);
  let right = byId(args.right);
  if (!left || !right) {
    // Without arguments: the two ticked versions, else the selected one against the latest.
    const pair = model.compareSelection;
    [left, right] = pair.length === 2 ? [pair[0], pair[1]] : [model.selected, model.latestContent];
  }
  if (!left || !right || left.isDeleteMarker || right.isDeleteMarker) {
    await ui.showError(trans.__('Nothing to compare'), trans.__('Pick two versions with content (not delete markers).'));
    return false;
  }
  if (left.lastModified > right.lastModified) {
    [left, right] = [right, left];
  }
  await diffs.open({ left: sideOf(trans, target, left), right: sideOf(trans, target, right) });
  return true;
}
