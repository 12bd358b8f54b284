/**
 * The Edit Metadata command's logic (part of the versions plugin, beside `versions-actions.ts`):
 * the editor starts from the metadata in S3, checks JSON and S3's 2 KB as you type, and saves as
 * a new version of the current one.
 */
import type { IMetadataEdit } from '../models/versions-metadata';
import { IVersionsCommandContext, nameOf, uriOf, versionArg } from './versions-actions';

/**
 * Edit the T4 user metadata of the current version in the editor and save it as a new version
 * (S3 metadata cannot change in place). A failed save goes back to the editor with the text as typed.
 * @param ctx - the model, translations and UI.
 * @param args - the command's args (`versionId`; default the selection).
 * @returns whether metadata was saved.
 */
export async function editMetadata(ctx: IVersionsCommandContext, args: { versionId?: unknown }): Promise<boolean> {
  const { model, trans, ui } = ctx;
  const v = versionArg(model, args);
  const target = model.target;
  if (!v || !target || v.isDeleteMarker) {
    return false;
  }
  if (!v.isLatest) {
    // Writing metadata copies a version on top: from an old version it would also bring
    // back that version's content. Say so instead of doing it quietly.
    await ui.showError(
      trans.__('Metadata is edited on the current version'),
      trans.__(
        'Saving metadata writes a new version by copying the one you edit. From this older version, that would also make its content current again. Restore it first (Restore…), then edit the metadata of the new current version.'
      )
    );
    return false;
  }
  let edit: IMetadataEdit;
  try {
    edit = await model.metadataForEdit(target, v.versionId);
  } catch (err) {
    await ui.showError(trans.__('Cannot read the metadata of %1', nameOf(target.key)), (err as Error).message);
    return false;
  }
  let text = edit.text;
  for (;;) {
    // JSON syntax and the 2 KB limit, as you type; the dialog's Save stays disabled meanwhile.
    const typed = await ui.editMetadata({
      title: trans.__('Metadata of %1', nameOf(target.key)),
      uri: uriOf(target),
      text,
      check: edit.check
    });
    if (typed === null) {
      return false;
    }
    text = typed;
    const parsed = edit.parse(text);
    if ('error' in parsed) {
      return false;
    }
    try {
      await model.writeUserMeta(target, v.versionId, parsed.value);
      ui.notify('success', trans.__('Metadata saved as a new version of %1.', nameOf(target.key)), 4000);
      return true;
    } catch (err) {
      await ui.showError(trans.__('Could not save the metadata'), (err as Error).message);
      // Back to the editor, with the text as typed.
    }
  }
}
