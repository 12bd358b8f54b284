/**
 * A dialog that asks for one name and checks it as it is typed: while the name breaks a rule,
 * the rule shows under the field and the accept button is disabled (the metadata editor and the
 * snapshot dialog do the same), so no request is made for a name that would be refused. The
 * bucket picker ("Open a bucket") and *Tag Snapshot…* use it.
 */
import { Widget } from '@lumino/widgets';
import type { Message } from '@lumino/messaging';
import { Dialog, showDialog } from '@jupyterlab/apputils';

/** JupyterLab's Dialog disables its accept button while an element inside it has this class. */
const DIALOG_ERROR_CLASS = 'jp-mod-error';

/** What the field asks for and how it is checked. */
export interface ICheckedNameOptions {
  /** The field's label (translated). */
  label: string;
  placeholder: string;
  /** What is wrong with the text as typed: a message, '' (empty: nothing to say, nothing to accept either) or null (valid). */
  check: (text: string) => string | null;
  /** A line above the field saying what the name is for. */
  about?: string;
  /** The text to start from (e.g. a name to fix). */
  initial?: string;
  /** Extra classes: `jp-helium-<kind>` on the body, `-input` on the field, `-problem` on the rule. */
  kind?: string;
  /** The rule line's `data-testid`. */
  testid: string;
  /** Select the field's text when the dialog opens (else the caret goes to its end). */
  selectOnOpen?: boolean;
}

/** The dialog's body: the name field and the rule it breaks. */
export class CheckedNameBody extends Widget {
  constructor(options: ICheckedNameOptions) {
    super();
    this._check = options.check;
    this._selectOnOpen = options.selectOnOpen ?? false;
    const extra = (suffix: string) => (options.kind ? ` jp-helium-${options.kind}${suffix}` : '');
    this.addClass('jp-helium-bucketname');
    if (options.kind) {
      this.addClass(`jp-helium-${options.kind}`);
    }
    const label = document.createElement('label');
    label.textContent = options.label;
    this._input = document.createElement('input');
    this._input.className = `jp-mod-styled jp-helium-bucketname-input${extra('-input')}`;
    this._input.placeholder = options.placeholder;
    this._input.spellcheck = false;
    this._input.autocapitalize = 'off';
    this._input.value = options.initial ?? '';
    this._problem = document.createElement('div');
    this._problem.className = `jp-helium-bucketname-problem${extra('-problem')}`;
    this._problem.setAttribute('role', 'alert');
    this._problem.dataset.testid = options.testid;
    label.append(this._input);
    if (options.about !== undefined) {
      const about = document.createElement('p');
      about.textContent = options.about;
      this.node.append(about);
    }
    this.node.append(label, this._problem);
    this._input.addEventListener('input', () => this._validate());
    this._validate();
  }

  /** The name as typed, trimmed. */
  getValue(): string {
    return this._input.value.trim();
  }

  /** Focus the field when the dialog opens, and let the dialog see its state. */
  protected onAfterAttach(msg: Message): void {
    super.onAfterAttach(msg);
    this._input.focus();
    if (this._selectOnOpen) {
      this._input.select();
    }
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

  private readonly _check: (text: string) => string | null;
  private readonly _selectOnOpen: boolean;
  private _input: HTMLInputElement;
  private _problem: HTMLDivElement;
}

/**
 * Asks for a name until it passes the check or the person cancels. (Enter submits the dialog
 * even while the accept button is disabled: an invalid name then opens the dialog again, with
 * the name and its problem.)
 * @param dialog - the dialog's title and accept label (translated).
 * @param options - the field and its check.
 * @returns the name, trimmed, or null when cancelled.
 */
export async function askCheckedName(dialog: { title: string; accept: string }, options: ICheckedNameOptions): Promise<string | null> {
  let text = options.initial ?? '';
  for (;;) {
    const body = new CheckedNameBody({ ...options, initial: text });
    const answer = await showDialog({
      title: dialog.title,
      body,
      buttons: [Dialog.cancelButton(), Dialog.okButton({ label: dialog.accept })]
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
