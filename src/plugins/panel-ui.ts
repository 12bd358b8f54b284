/**
 * The S3 panel's {@link IPanelUi} with JupyterLab's dialogs: confirmations, a line of text, the
 * destination picker (widgets/DestinationBody), error messages, and jobs in the Transfers panel
 * (a notification without one).
 */
import { Dialog, InputDialog, showDialog, showErrorMessage } from '@jupyterlab/apputils';
import type { TranslationBundle } from '@jupyterlab/translation';
import { Widget } from '@lumino/widgets';
import type { ITransfers } from '../tokens';
import { DestinationBody } from '../widgets/DestinationBody';
import { startMoveJob } from './move-jobs';
import type { IPanelUi } from './panel-actions';

/**
 * The dialogs the panel's commands use.
 * @param trans - the translations.
 * @param transfers - where jobs show their progress, if there is a Transfers panel.
 * @returns the UI.
 */
export function dialogPanelUi(trans: TranslationBundle, transfers: ITransfers | null): IPanelUi {
  return {
    async confirm({ title, body, accept, warn }) {
      // Bodies are plain text in paragraphs and lines (URIs one per line): keep their line breaks.
      const text = document.createElement('div');
      text.className = 'jp-helium-dialog-text';
      text.textContent = body;
      const answer = await showDialog({
        title,
        body: new Widget({ node: text }),
        buttons: [Dialog.cancelButton(), warn ? Dialog.warnButton({ label: accept }) : Dialog.okButton({ label: accept })]
      });
      return answer.button.accept;
    },
    async askText(options) {
      const result = await InputDialog.getText(options);
      return result.button.accept ? result.value : null;
    },
    async askDestination({ title, connections, current }) {
      const asked = await showDialog({
        title,
        body: new DestinationBody(connections, current, trans),
        focusNodeSelector: 'input',
        buttons: [Dialog.cancelButton(), Dialog.okButton({ label: trans.__('Next') })]
      });
      return asked.button.accept && asked.value ? asked.value : null;
    },
    async error(title, message) {
      await showErrorMessage(title, message);
    },
    runJob: job => startMoveJob(job, transfers, trans)
  };
}
