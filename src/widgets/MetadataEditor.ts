/**
 * The body of the "Edit metadata" dialog: the T4 user metadata as JSON in a text area, checked
 * as the user types (JSON syntax and S3's 2 KB limit), and a plain sentence that saving writes a
 * new version. While the text cannot be saved, the problem shows under it and the dialog's
 * *Save as new version* button is disabled, as in the snapshot dialog.
 */
import { Widget } from '@lumino/widgets';
import type { Message } from '@lumino/messaging';
import type { TranslationBundle } from '@jupyterlab/translation';

/** Checks the JSON text: a message when it cannot be saved, else null. */
export type MetadataCheck = (text: string) => string | null;

/**
 * JupyterLab's Dialog disables its accept button while an element inside it has this class; it
 * re-checks on every `input` event it sees (a capture listener on the document).
 */
const DIALOG_ERROR_CLASS = 'jp-mod-error';

export class MetadataEditor extends Widget {
  constructor(options: { text: string; trans: TranslationBundle; check: MetadataCheck; uri: string }) {
    super();
    const { trans } = options;
    this.addClass('jp-helium-metadata-editor');
    const note = document.createElement('p');
    note.className = 'jp-helium-metadata-note';
    note.textContent = trans.__(
      'Saving writes a NEW version of %1 with this metadata (the content is copied unchanged). The version you started from keeps its metadata.',
      options.uri
    );
    this._area = document.createElement('textarea');
    this._area.className = 'jp-helium-metadata-text jp-mod-styled';
    this._area.spellcheck = false;
    this._area.rows = 14;
    this._area.setAttribute('aria-label', trans.__('User metadata (JSON)'));
    this._area.value = options.text;
    this._problem = document.createElement('div');
    this._problem.className = 'jp-helium-metadata-problem';
    this._problem.setAttribute('role', 'alert');
    this._check = options.check;
    this._area.addEventListener('input', () => this._validate());
    this.node.append(note, this._area, this._problem);
    this._validate();
  }

  /** The text as typed. */
  getValue(): string {
    return this._area.value;
  }

  /** The problem with the text as typed, or null when it can be saved. */
  get problem(): string | null {
    return this._problemText;
  }

  /** Focus the text area when the dialog opens, and let the dialog see the text's state. */
  protected onAfterAttach(msg: Message): void {
    super.onAfterAttach(msg);
    this._area.focus();
    // Children are attached before the dialog starts listening: tell it on the next turn.
    setTimeout(() => this._tellDialog(), 0);
  }

  private _validate(): void {
    const problem = this._check(this._area.value);
    this._problemText = problem;
    this._problem.textContent = problem ?? '';
    this.toggleClass('jp-mod-invalid', problem !== null);
    this._problem.classList.toggle(DIALOG_ERROR_CLASS, problem !== null);
    this._tellDialog();
  }

  /**
   * The dialog checked for errors when the `input` event reached the document, before this
   * editor's listener ran: send it one more, from an element this editor does not listen on.
   */
  private _tellDialog(): void {
    if (this.isAttached) {
      this._problem.dispatchEvent(new Event('input', { bubbles: true }));
    }
  }

  private _area: HTMLTextAreaElement;
  private _problem: HTMLDivElement;
  private _problemText: string | null = null;
  private _check: MetadataCheck;
}
