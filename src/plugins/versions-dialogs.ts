/**
 * The JupyterLab dialogs and notifications the version commands use (`IVersionsUI` of
 * `versions-actions.ts`): confirmation dialogs, notifications, error dialogs and the metadata
 * editor in a dialog.
 */
import { Dialog, Notification, showDialog, showErrorMessage } from '@jupyterlab/apputils';
import type { TranslationBundle } from '@jupyterlab/translation';
import { MetadataEditor } from '../widgets/MetadataEditor';
import type { IVersionsUI } from './versions-actions';

/**
 * The version commands' UI in JupyterLab.
 * @param trans - translations.
 * @returns the dialogs and notifications.
 */
export function versionsDialogs(trans: TranslationBundle): IVersionsUI {
  return {
    confirm: async ({ title, body, accept, warn }) => {
      const answer = await showDialog({
        title,
        body,
        buttons: accept
          ? [Dialog.cancelButton(), warn ? Dialog.warnButton({ label: accept }) : Dialog.okButton({ label: accept })]
          : [Dialog.okButton({ label: trans.__('Close') })]
      });
      return accept !== undefined && answer.button.accept;
    },
    notify: (kind, message, autoClose) => void Notification[kind](message, { autoClose }),
    showError: async (title, message) => {
      await showErrorMessage(title, message);
    },
    editMetadata: async ({ title, uri, text, check }) => {
      const editor = new MetadataEditor({ text, trans, check, uri });
      const answer = await showDialog({
        title,
        body: editor,
        buttons: [Dialog.cancelButton(), Dialog.okButton({ label: trans.__('Save as new version'), className: 'jp-helium-metadata-save' })]
      });
      // The button is disabled while the text has a problem; Enter cannot get past that either.
      return answer.button.accept && editor.problem === null ? editor.getValue() : null;
    }
  };
}
