/**
 * The S3 panel's search box: whether the panel shows search results instead of its listing, the
 * hit a context menu acts on, and the folder the search follows. It wraps the one
 * {@link SearchModel} of the page (index, query, scope, hits), so nothing is searched, and no
 * SQLite loaded, until the box is first used.
 */
import type { IDisposable } from '@lumino/disposable';
import { ISignal, Signal } from '@lumino/signaling';
import type { SearchHit } from '../service/search/types';
import type { IS3ObjectRef } from '../tokens';
import type { ISearchModel as SearchModel } from '../tokens';

/** Where the S3 panel is: its folder, and a signal when it moves (the IS3Browser token has both). */
export interface IFolderSource {
  readonly currentFolder: IS3ObjectRef | null;
  readonly folderChanged: ISignal<unknown, IS3ObjectRef | null>;
}

/** The same hit (type, key and, for snapshots, top hash)? */
export function sameHit(a: SearchHit | null, b: SearchHit | null): boolean {
  return a !== null && b !== null && a.type === b.type && a.key === b.key && (a.top_hash ?? '') === (b.top_hash ?? '');
}

/** The S3 panel's search state (see the file's header). */
export class PanelSearchModel implements IDisposable {
  /**
   * @param search - the page's search model (it owns the worker and the index).
   * @param folders - the S3 panel: the folder searched in "this folder" scope, and the bucket.
   */
  constructor(
    readonly search: SearchModel,
    private readonly folders: IFolderSource
  ) {
    folders.folderChanged.connect(this.onFolderChanged, this);
    search.changed.connect(this.onSearchChanged, this);
  }

  /** Emitted when {@link active}, {@link selected} or the S3 panel's folder changes. */
  readonly changed = new Signal<this, void>(this);

  /** Whether the panel shows search results (Ctrl/Cmd-F or a query typed) rather than its listing. */
  get active(): boolean {
    return this._active;
  }
  /** The hit last right-clicked or focused (what the context menu's commands act on). */
  get selected(): SearchHit | null {
    return this._selected;
  }
  /** Whether the S3 panel has a bucket open (nothing to search otherwise). */
  get bucketOpen(): boolean {
    return this.folders.currentFolder !== null;
  }
  get isDisposed(): boolean {
    return this._disposed;
  }

  /** Show the search (results, status, cheat-sheet) in the panel, searching where it is. */
  open(): void {
    if (!this._active) {
      this._active = true;
      this.changed.emit();
    }
    this.follow();
  }

  /**
   * Type a query: an empty one with the search not opened by Ctrl/Cmd-F keeps the listing.
   * @param query - the text of the box.
   */
  async setQuery(query: string): Promise<void> {
    if (query.trim() && !this._active) {
      this.open();
    }
    await this.search.setQuery(query);
  }

  /** Back to the listing (Escape, the clear button, Show in folder): the query is cleared. */
  async close(): Promise<void> {
    const was = this._active || this._selected !== null;
    this._active = false;
    this._selected = null;
    if (was) {
      this.changed.emit();
    }
    if (this.search.query) {
      await this.search.setQuery('');
    }
  }

  /** Remember the hit the context menu acts on (null: none). */
  select(hit: SearchHit | null): void {
    const same = hit === null ? this._selected === null : sameHit(hit, this._selected);
    if (!same) {
      this._selected = hit;
      this.changed.emit();
    }
  }

  dispose(): void {
    if (this._disposed) {
      return;
    }
    this._disposed = true;
    this.folders.folderChanged.disconnect(this.onFolderChanged, this);
    this.search.changed.disconnect(this.onSearchChanged, this);
    Signal.clearData(this);
  }

  /** Point the search at the S3 panel's bucket and folder. */
  private follow(): void {
    const folder = this.folders.currentFolder;
    const target = folder ? { connection: folder.connection, bucket: folder.bucket, prefix: folder.key } : null;
    const now = this.search.target;
    const same = target && now && now.connection === target.connection && now.bucket === target.bucket && now.prefix === target.prefix;
    if (!same && !(target === null && now === null)) {
      void this.search.setTarget(target);
    }
  }

  /** The panel moved: an open search follows it (a closed one waits for the next open). */
  private onFolderChanged(): void {
    if (this._active) {
      this.follow();
    }
    this.changed.emit();
  }

  /** A selected hit no longer among the hits is forgotten. */
  private onSearchChanged(): void {
    if (this._selected && !this.search.hits.some(h => sameHit(h, this._selected))) {
      this._selected = null;
      this.changed.emit();
    }
  }

  private _active = false;
  private _selected: SearchHit | null = null;
  private _disposed = false;
}
