/**
 * The dialog shown instead of opening an object whose key JupyterLab's document paths would
 * rewrite (`.`, `..` or empty segments): it says why, and offers to download it instead.
 */
import { Dialog, showDialog } from '@jupyterlab/apputils';
import type { TranslationBundle } from '@jupyterlab/translation';

/**
 * Explain why an object cannot be opened, and ask whether to download it instead.
 * @param trans - the translation bundle.
 * @param name - the object's name as shown (already made displayable).
 * @param problem - why it cannot be opened, and what to use instead.
 * @param downloadLabel - the label of the button that downloads it.
 * @returns true when the person chose to download it.
 */
export async function offerDownloadInstead(
  trans: TranslationBundle,
  name: string,
  problem: string,
  downloadLabel: string
): Promise<boolean> {
  const answer = await showDialog({
    title: trans.__('Cannot open %1', name),
    body: problem,
    buttons: [Dialog.cancelButton({ label: trans.__('Close') }), Dialog.okButton({ label: downloadLabel })]
  });
  return answer.button.accept;
}
