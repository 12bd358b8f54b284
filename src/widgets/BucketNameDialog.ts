/**
 * The "Open a bucket" dialog: a name checked against S3's bucket naming rules as it is typed.
 * While the name breaks a rule, the rule shows under the field and *Open* is disabled (the
 * metadata editor and the snapshot dialog do the same), so no request is made for a name S3
 * would refuse.
 */
import { Widget } from '@lumino/widgets';
import type { Message } from '@lumino/messaging';
import { Dialog, showDialog } from '@jupyterlab/apputils';
import type { TranslationBundle } from '@jupyterlab/translation';
import { validateBucketName } from '../service/uri';

/** JupyterLab's Dialog disables its accept button while an element inside it has this class. */
const DIALOG_ERROR_CLASS = 'jp-mod-error';

/**
 * What is wrong with a bucket name as typed: null when it can be opened; '' for an empty field
 * (nothing to say yet, but nothing to open either).
 * @param text - the field's text.
 * @returns the problem, '' or null.
 */
export function bucketNameInputProblem(text: string): string | null {
  const name = text.trim();
  return name ? validateBucketName(name) : '';
}

/** The dialog's body: the name field and the rule it breaks. */
export class BucketNameBody extends Widget {
  constructor(options: { trans: TranslationBundle; initial?: string }) {
    super();
    const { trans } = options;
    this.addClass('jp-helium-bucketname');
    const label = document.createElement('label');
    label.textContent = trans.__('Bucket name (you need s3:ListBucket on it)');
    this._input = document.createElement('input');
    this._input.className = 'jp-mod-styled jp-helium-bucketname-input';
    this._input.placeholder = 'my-bucket';
    this._input.spellcheck = false;
    this._input.autocapitalize = 'off';
    this._input.value = options.initial ?? '';
    this._problem = document.createElement('div');
    this._problem.className = 'jp-helium-bucketname-problem';
    this._problem.setAttribute('role', 'alert');
    this._problem.dataset.testid = 'helium-bucketname-problem';
    label.append(this._input);
    this.node.append(label, this._problem);
    this._input.addEventListener('input', () => this._validate());
    this._validate();
  }

  /** The name as typed, trimmed. */
  getValue(): string {
    return this._input.value.trim();
  }

  /** Focus the field (its text selected) when the dialog opens, and let the dialog see its state. */
  protected onAfterAttach(msg: Message): void {
    super.onAfterAttach(msg);
    this._input.focus();
    this._input.select();
    // Children are attached before the dialog starts listening: tell it on the next turn.
    setTimeout(() => this._tellDialog(), 0);
  }

  private _validate(): void {
    const problem = bucketNameInputProblem(this._input.value);
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

  private _input: HTMLInputElement;
  private _problem: HTMLDivElement;
}

/**
 * Asks for a bucket name until it is a valid one or the person cancels. (Enter submits the
 * dialog even while *Open* is disabled: an invalid name then opens the dialog again, with the
 * name and its problem, instead of reaching S3.)
 * @param trans - the translation bundle.
 * @param initial - the text to start from (e.g. a name to fix).
 * @returns the name, or null when cancelled.
 */
export async function askBucketName(trans: TranslationBundle, initial?: string): Promise<string | null> {
  let text = initial ?? '';
  for (;;) {
    const body = new BucketNameBody({ trans, initial: text });
    const answer = await showDialog({
      title: trans.__('Open a bucket'),
      body,
      buttons: [Dialog.cancelButton(), Dialog.okButton({ label: trans.__('Open') })]
    });
    if (!answer.button.accept) {
      return null;
    }
    text = body.getValue();
    if (bucketNameInputProblem(text) === null) {
      return text;
    }
  }
}
