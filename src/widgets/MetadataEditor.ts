/**
 * The body of the "Edit metadata" dialog: the T4 user metadata as JSON in a text area, checked
 * as the user types, and a plain sentence that saving writes a new version.
 */
import { Widget } from '@lumino/widgets';
import type { TranslationBundle } from '@jupyterlab/translation';

/** Checks the JSON text: a message when it cannot be saved, else null. */
export type MetadataCheck = (text: string) => string | null;

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

  /** Focus the text area when the dialog opens. */
  protected onAfterAttach(): void {
    this._area.focus();
  }

  private _validate(): void {
    const problem = this._check(this._area.value);
    this._problem.textContent = problem ?? '';
    this.toggleClass('jp-mod-invalid', problem !== null);
  }

  private _area: HTMLTextAreaElement;
  private _problem: HTMLDivElement;
  private _check: MetadataCheck;
}
