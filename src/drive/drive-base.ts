/**
 * What the `s3:` and `s3-version:` drives share as `Contents.IDrive`s: the connections they read
 * through, the server settings JupyterLab asks for, the `fileChanged` signal and disposal.
 */
import { Signal } from '@lumino/signaling';
import { Contents, ServerConnection } from '@jupyterlab/services';
import type { TranslationBundle } from '@jupyterlab/translation';
import type { IHeliumConnections } from '../tokens';

export abstract class HeliumDrive {
  /**
   * @param connections - the connections objects are read and written through.
   * @param trans - translations, for the drive's own messages (JupyterLab shows them in its dialogs).
   * @param serverSettings - the Jupyter server's settings.
   */
  constructor(connections: IHeliumConnections, trans: TranslationBundle, serverSettings?: ServerConnection.ISettings) {
    this._connections = connections;
    this._trans = trans;
    this.serverSettings = serverSettings ?? ServerConnection.makeSettings();
  }

  abstract readonly name: string;
  readonly serverSettings: ServerConnection.ISettings;

  get fileChanged(): Signal<this, Contents.IChangedArgs> {
    return this._fileChanged;
  }
  get isDisposed(): boolean {
    return this._isDisposed;
  }
  dispose(): void {
    this._isDisposed = true;
    Signal.clearData(this);
  }

  protected readonly _connections: IHeliumConnections;
  protected readonly _trans: TranslationBundle;
  protected readonly _fileChanged = new Signal<this, Contents.IChangedArgs>(this);
  private _isDisposed = false;
}
