/**
 * The *Tag Snapshot…* dialogs: a tag name checked as the engine checks it, as it is typed (the
 * rule shows under the field and *Tag* is disabled while it breaks it, as in the snapshot
 * dialog), and the question asked when the name already names another snapshot.
 */
import { Dialog, showDialog } from '@jupyterlab/apputils';
import type { TranslationBundle } from '@jupyterlab/translation';
import { askCheckedName } from './CheckedNameDialog';

/**
 * Ask for a tag name until it is valid or the person cancels.
 * @param trans - translations.
 * @param options - what the dialog is about (the snapshot) and the check: a message, '' (empty)
 *   or null (a valid name).
 * @returns the name, or null when cancelled.
 */
export function askTagName(
  trans: TranslationBundle,
  options: { about: string; check: (name: string) => string | null }
): Promise<string | null> {
  return askCheckedName(
    { title: trans.__('Tag Snapshot'), accept: trans.__('Tag') },
    {
      label: trans.__('Tag name'),
      placeholder: 'q3-release',
      check: options.check,
      about: options.about,
      kind: 'tagname',
      testid: 'helium-tagname-problem'
    }
  );
}

/**
 * Ask whether to move a tag that names another snapshot.
 * @param trans - translations.
 * @param message - what the tag names now and where it would go.
 * @returns whether the person chose *Move tag here*.
 */
export async function askMoveTag(trans: TranslationBundle, message: string): Promise<boolean> {
  const answer = await showDialog({
    title: trans.__('Tag exists'),
    body: message,
    buttons: [Dialog.cancelButton({ label: trans.__('Keep it') }), Dialog.warnButton({ label: trans.__('Move tag here') })]
  });
  return answer.button.accept;
}
