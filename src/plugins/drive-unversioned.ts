/**
 * The drive's question before a save replaces an object in a bucket that keeps no versions
 * (drive/unversioned-save.ts), as a JupyterLab dialog.
 */
import { Dialog, showDialog } from '@jupyterlab/apputils';
import type { TranslationBundle } from '@jupyterlab/translation';
import { type AskUnversionedSave, unversionedSaveQuestion } from '../drive/unversioned-save';

/**
 * The question as a dialog.
 * @param trans - the translations.
 * @returns what the drive calls.
 */
export function askUnversionedSaveDialog(trans: TranslationBundle): AskUnversionedSave {
  return async save => {
    const { title, body, accept } = unversionedSaveQuestion(save, trans);
    // Enter keeps the object: replacing it for good takes a click on the red button.
    const answer = await showDialog({
      title,
      body,
      buttons: [Dialog.cancelButton(), Dialog.warnButton({ label: accept })],
      defaultButton: 0
    });
    return answer.button.accept;
  };
}
