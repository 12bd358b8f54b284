/**
 * The body of the *Copy to…* and *Move to…* dialogs: the connection (a picker when the server has
 * several) and the folder, typed as a folder of the bucket or an `s3://` URI.
 */
import type { TranslationBundle } from '@jupyterlab/translation';
import { Widget } from '@lumino/widgets';

/** What the dialog gives back. */
export interface IDestinationValue {
  /** The connection picked (the current one when there is no choice). */
  connection: string;
  /** The folder as typed. */
  folder: string;
}

/** A connection picker and a folder field. */
export class DestinationBody extends Widget {
  /**
   * @param connections - the server's connection names.
   * @param current - the source's connection, picked at first.
   * @param trans - the translations.
   */
  constructor(connections: string[], current: string, trans: TranslationBundle) {
    super();
    this.addClass('jp-helium-copy-to');
    this._current = current;
    if (connections.length > 1) {
      const label = document.createElement('label');
      label.textContent = trans.__('Connection');
      this._connection.className = 'jp-mod-styled';
      this._connection.setAttribute('data-testid', 'helium-copy-connection');
      for (const name of connections) {
        const option = document.createElement('option');
        option.value = name;
        option.textContent = name;
        this._connection.appendChild(option);
      }
      this._connection.value = current;
      label.appendChild(this._connection);
      this.node.appendChild(label);
    }
    const label = document.createElement('label');
    label.textContent = trans.__(
      'Folder: s3://bucket/folder/ (any bucket; in another connection, always this form), or a folder of this bucket (data/archive, / for the top)'
    );
    this._folder.className = 'jp-mod-styled';
    this._folder.placeholder = 's3://bucket/folder/';
    this._folder.setAttribute('data-testid', 'helium-copy-folder');
    label.appendChild(this._folder);
    this.node.appendChild(label);
  }

  getValue(): IDestinationValue {
    return { connection: this._connection.value || this._current, folder: this._folder.value };
  }

  private _connection = document.createElement('select');
  private _folder = document.createElement('input');
  private _current: string;
}
