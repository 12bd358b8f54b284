/**
 * The S3 panel as other plugins see it ({@link IS3Browser}): the selected object and the folder on
 * screen, with signals only when they really change (the browser model's own signal fires on
 * every page).
 */
import { Signal } from '@lumino/signaling';
import type { IS3Browser, IS3BrowserModel, IS3ObjectRef } from '../tokens';

export class SelectionTracker implements IS3Browser {
  constructor(model: IS3BrowserModel) {
    this._model = model;
    model.changed.connect(this._onChanged, this);
  }

  readonly selectionChanged: Signal<IS3Browser, IS3ObjectRef | null> = new Signal<IS3Browser, IS3ObjectRef | null>(this);

  readonly folderChanged: Signal<IS3Browser, IS3ObjectRef | null> = new Signal<IS3Browser, IS3ObjectRef | null>(this);

  get currentFolder(): IS3ObjectRef | null {
    const { connection, bucket, prefix } = this._model;
    return connection && bucket ? { connection, bucket, key: prefix } : null;
  }

  get selectedObject(): IS3ObjectRef | null {
    const { connection, bucket, selected } = this._model;
    return connection && bucket && selected?.kind === 'object' ? { connection, bucket, key: selected.key } : null;
  }

  get selectedFolder(): IS3ObjectRef | null {
    const { connection, bucket, selected } = this._model;
    return connection && bucket && selected?.kind === 'folder' ? { connection, bucket, key: selected.prefix } : null;
  }

  private _onChanged(): void {
    const now = this.selectedObject;
    const id = now ? `${now.connection}\u0000${now.bucket}\u0000${now.key}` : '';
    if (id !== this._last) {
      this._last = id;
      this.selectionChanged.emit(now);
    }
    const folder = this.currentFolder;
    const folderId = folder ? `${folder.connection}\u0000${folder.bucket}\u0000${folder.key}` : '';
    if (folderId !== this._lastFolder) {
      this._lastFolder = folderId;
      this.folderChanged.emit(folder);
    }
  }

  private _model: IS3BrowserModel;
  private _last = '';
  private _lastFolder = '';
}
