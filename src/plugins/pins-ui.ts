/**
 * The dialogs and notebook edits a pin command needs (part of the pins plugin): offer the cell
 * that reads what was pinned, insert it below the active cell, notify, report failures, ask what
 * a pin follows.
 */
import { Dialog, Notification, showDialog } from '@jupyterlab/apputils';
import type { NotebookPanel } from '@jupyterlab/notebook';
import type { TranslationBundle } from '@jupyterlab/translation';
import { Widget } from '@lumino/widgets';
import type { Pin } from '../service/pins/types';
import { chooseFollows } from '../widgets/pins/choose-follows';
import type { IPinUI } from './pins-actions';
import { fail } from './snapshots-report';

/**
 * Ask whether to insert a cell with this code.
 * @param trans - translations.
 * @param pin - what was pinned.
 * @param code - the cell's code.
 * @returns true to insert it.
 */
async function offerCell(trans: TranslationBundle, pin: Pin, code: string): Promise<boolean> {
  const body = document.createElement('div');
  const intro = document.createElement('p');
  intro.textContent =
    pin.kind === 'file'
      ? trans.__('Insert a code cell that reads exactly this version (boto3, with pandas for tables)?')
      : trans.__('Insert a code cell that opens exactly this snapshot with quilt3?');
  const pre = document.createElement('pre');
  pre.className = 'jp-helium-codeblock jp-helium-pin-cell-code';
  pre.textContent = code;
  // A long key or URI scrolls sideways: focusable, so the keyboard can scroll it, and named.
  pre.tabIndex = 0;
  pre.setAttribute('role', 'region');
  pre.setAttribute('aria-label', trans.__('Code of the cell'));
  body.append(intro, pre);
  const answer = await showDialog({
    title: trans.__('Pinned %1', pin.name),
    body: new Widget({ node: body }),
    buttons: [
      Dialog.cancelButton({ label: trans.__('No Cell') }),
      Dialog.okButton({ label: trans.__('Insert Cell'), className: 'jp-helium-pin-insert-cell' })
    ]
  });
  return answer.button.accept;
}

/**
 * The pin UI of one notebook.
 * @param panel - the notebook.
 * @param trans - translations.
 * @returns the UI callbacks of the pin actions.
 */
export function notebookPinUI(panel: NotebookPanel, trans: TranslationBundle): IPinUI {
  return {
    offerCell: (pin, code) => offerCell(trans, pin, code),
    insertCell: code => {
      const notebook = panel.content;
      const index = Math.max(0, notebook.activeCellIndex + 1);
      notebook.model?.sharedModel.insertCell(index, { cell_type: 'code', source: code });
      notebook.activeCellIndex = index;
    },
    notify: message => void Notification.success(message, { autoClose: 5000 }),
    fail: (title, error) => fail(title)(error),
    chooseFollows: tags => chooseFollows(trans, tags)
  };
}
