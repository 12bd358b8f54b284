/**
 * The *Tag Snapshot…* dialogs: a tag name checked as the engine checks it, as it is typed (the
 * rule shows under the field and *Tag* is disabled while it breaks it, as in the snapshot
 * dialog), and the question asked when the name already names another snapshot.
 */
import { Widget } from '@lumino/widgets';
import type { Message } from '@lumino/messaging';
import { Dialog, showDialog } from '@jupyterlab/apputils';
import type { TranslationBundle } from '@jupyterlab/translation';

/** JupyterLab's Dialog disables its accept button while an element inside it has this class. */
const DIALOG_ERROR_CLASS = 'jp-mod-error';

/** The name dialog's body: the field and the rule the name breaks. */
export class TagNameBody extends Widget {
  /**
   * @param options - translations, what the dialog is about, and the check: a message, '' (empty:
   *   nothing to say, nothing to tag either) or null (a valid name).
   */
  constructor(options: { trans: TranslationBundle; about: string; check: (name: string) => string | null; initial?: string }) {
    super();
    const { trans } = options;
    this._check = options.check;
    this.addClass('jp-helium-bucketname');
    this.addClass('jp-helium-tagname');
    const about = document.createElement('p');
    about.textContent = options.about;
    const label = document.createElement('label');
    label.textContent = trans.__('Tag name');
    this._input = document.createElement('input');
    this._input.className = 'jp-mod-styled jp-helium-bucketname-input jp-helium-tagname-input';
    this._input.placeholder = 'q3-release';
    this._input.spellcheck = false;
    this._input.autocapitalize = 'off';
    this._input.value = options.initial ?? '';
    this._problem = document.createElement('div');
    this._problem.className = 'jp-helium-bucketname-problem jp-helium-tagname-problem';
    this._problem.setAttribute('role', 'alert');
    this._problem.dataset.testid = 'helium-tagname-problem';
    label.append(this._input);
    this.node.append(about, label, this._problem);
    this._input.addEventListener('input', () => this._validate());
    this._validate();
  }

  /** The name as typed, trimmed. */
  getValue(): string {
    return this._input.value.trim();
  }

  protected onAfterAttach(msg: Message): void {
    super.onAfterAttach(msg);
    this._input.focus();
    // Children are attached before the dialog starts listening: tell it on the next turn.
    setTimeout(() => this._tellDialog(), 0);
  }

  private _validate(): void {
    const problem = this._check(this._input.value);
    this._problem.textContent = problem ?? '';
    this._problem.classList.toggle(DIALOG_ERROR_CLASS, problem !== null);
    this.toggleClass('jp-mod-invalid', Boolean(problem));
    this._tellDialog();
  }

  /** The dialog re-checks its buttons on `input` events; send one it sees after ours ran. */
  private _tellDialog(): void {
    if (this.isAttached) {
      this._problem.dispatchEvent(new Event('input', { bubbles: true }));
    }
  }

  private readonly _check: (name: string) => string | null;
  private _input: HTMLInputElement;
  private _problem: HTMLDivElement;
}

/**
 * Ask for a tag name until it is valid or the person cancels (Enter submits even while *Tag* is
 * disabled: an invalid name opens the dialog again, with the name and its problem).
 * @param trans - translations.
 * @param options - what the dialog is about (the snapshot) and the check.
 * @returns the name, or null when cancelled.
 */
export async function askTagName(
  trans: TranslationBundle,
  options: { about: string; check: (name: string) => string | null }
): Promise<string | null> {
  let text = '';
  for (;;) {
    const body = new TagNameBody({ trans, ...options, initial: text });
    const answer = await showDialog({
      title: trans.__('Tag Snapshot'),
      body,
      buttons: [Dialog.cancelButton(), Dialog.okButton({ label: trans.__('Tag') })]
    });
    if (!answer.button.accept) {
      return null;
    }
    text = body.getValue();
    if (options.check(text) === null) {
      return text;
    }
  }
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
