/**
 * The S3 browser model: where the side panel is (connection, bucket, prefix) and how it gets
 * there. What it has loaded, sorted and filtered is `BrowserListing` (browser-listing.ts); changes
 * applied in place are browser-changes.ts; delete, new folder and versioning are browser-actions.ts.
 * Views render it; they never talk to S3 themselves.
 *
 * Listings arrive one page (1,000 keys) at a time and are appended as the view scrolls, so a
 * prefix with 100,000 keys costs one request up front, not a hundred. Nothing re-lists on a timer.
 */
import { Signal } from '@lumino/signaling';
import type { TranslationBundle } from '@jupyterlab/translation';
import type { S3Client } from '@aws-sdk/client-s3';
import type { IConnectionInfo, IHeliumConnections, IObjectChange } from '../tokens';
import type { Entry, ListingPage, ListPrefixOptions } from '../service';
import type { VersioningState } from '../service/versioning';
import { BrowserListing } from './browser-listing';
import { bucketVersioning, createS3Folder, deleteS3Object } from './browser-actions';
import { changeHere, entryAfterChange, entryId, parentPrefix, withChange } from './browser-changes';
import { loadEngine } from './engine';

export type { IPanelError, ISortState } from '../tokens/browser';
import type { IS3BrowserModel } from '../tokens/browser';

/** Entries of a folder's first listing page (see {@link BrowserModel.firstPageSize}). */
export const FIRST_PAGE_SIZE = 100;
export { parentPrefix } from './browser-changes';

export class BrowserModel extends BrowserListing implements IS3BrowserModel {
  /**
   * @param connections - the server's S3 connections.
   * @param trans - the translator of the messages this model words itself.
   * @param options - `pageSize`, keys per listing page; `firstPageSize`, keys of a folder's first.
   */
  constructor(connections: IHeliumConnections, trans: TranslationBundle, options: { pageSize?: number; firstPageSize?: number } = {}) {
    super();
    this._connections = connections;
    this._trans = trans;
    this.pageSize = options.pageSize ?? 1000;
    this.firstPageSize = options.firstPageSize ?? Math.min(FIRST_PAGE_SIZE, this.pageSize);
    connections.objectsChanged.connect(this._onObjectsChanged, this);
  }

  pageSize: number;
  /**
   * Entries of a folder's first listing request: a screenful and some, so the first rows show as
   * soon as the server answers a short page (slow servers take time in proportion to the page);
   * the following pages are full (`pageSize`). Never more than `pageSize` (a setting may lower it).
   */
  firstPageSize: number;

  get connectionList(): readonly IConnectionInfo[] {
    return this._connectionList;
  }
  get connection(): string | null {
    return this._connection;
  }
  get buckets(): readonly string[] {
    return this._buckets;
  }
  get bucket(): string | null {
    return this._bucket;
  }
  get prefix(): string {
    return this._prefix;
  }
  get loading(): boolean {
    return super.loading || this._opening !== null;
  }
  /** A bucket typed by name being tried (the panel shows the previous one until it answers). */
  get opening(): string | null {
    return this._opening;
  }
  /**
   * Initializes once: the first show of the panel, or a command that needs the model before the
   * panel was ever shown (Go to S3 URI from the palette).
   * @returns when the first initialization is done.
   */
  whenInitialized(): Promise<void> {
    return (this._initializing ??= this.initialize());
  }

  /** Loads the connections and opens the first one. */
  async initialize(): Promise<void> {
    this._lib = await loadEngine();
    try {
      this._connectionList = await this._connections.list();
    } catch (err) {
      this._setError('connections', err);
      return;
    }
    if (this._connectionList.length === 0) {
      this._error = {
        scope: 'connections',
        message: this._trans.__('No S3 connection is configured on the server. Add one to c.Helium.connections.')
      };
      this.changed.emit();
      return;
    }
    await this.setConnection(this._connectionList[0].name);
  }

  /** Switches connection, then lists its buckets and opens the first. */
  async setConnection(name: string): Promise<void> {
    this._connection = name;
    this._bucket = null;
    this._buckets = [];
    this._prefix = '';
    this._resetListing();
    this._error = null;
    this.changed.emit();
    const info = this._connectionList.find(c => c.name === name);
    let buckets = info?.buckets ?? [];
    if (buckets.length === 0) {
      try {
        const s3 = await this._client();
        buckets = (await this._lib!.listBuckets(s3)).map(b => b.name);
      } catch (err) {
        if (this._connection === name) {
          this._setError('buckets', err);
        }
        return;
      }
    }
    if (this._connection !== name) {
      return;
    }
    this._buckets = buckets;
    this.changed.emit();
    if (buckets.length > 0) {
      await this.open(buckets[0], '');
    } else {
      this._error = {
        scope: 'buckets',
        message: this._trans.__('This connection has no buckets yet. Create one, or type the name of a bucket you can read.')
      };
      this.changed.emit();
    }
  }

  /**
   * Opens a bucket at a prefix. A name S3 would refuse changes nothing. A bucket of the picker's
   * list (configured, or listed by the connection) opens at once, errors included, as the picker
   * shows it. Any other name is tried first: the panel (picker, breadcrumbs, listing) stays where
   * it was until its first page arrives, and a bucket that cannot be listed never joins the list;
   * the error (scope `open`) names it, and retrying opens it again.
   */
  async open(bucket: string, prefix: string): Promise<void> {
    const lib = this._lib!;
    const problem = lib.bucketNameProblem(bucket);
    if (problem) {
      this._openingAttempt++; // an earlier name still being tried is dropped
      this._opening = null;
      this._error = { scope: 'open', message: problem, bucket, prefix, canRetry: false };
      this.changed.emit();
      return;
    }
    if (bucket !== this._bucket && !this._buckets.includes(bucket)) {
      await this._tryOpen(bucket, prefix);
      return;
    }
    this._openingAttempt++;
    this._opening = null;
    this._bucket = bucket;
    this._prefix = prefix;
    this._filter = '';
    await this.refresh();
  }

  /** Forgets an error about a bucket that could not be opened (the panel is fine). */
  dismissError(): void {
    if (this._error?.scope === 'open') {
      this._error = null;
      this.changed.emit();
    }
  }

  /** Opens a folder of the current bucket. */
  async cd(prefix: string): Promise<void> {
    if (this._bucket) {
      this._prefix = prefix;
      this._filter = '';
      await this.refresh();
    }
  }

  /** Lists the current prefix again from its first page. */
  async refresh(): Promise<void> {
    this._openingAttempt++;
    this._opening = null;
    const generation = this._resetListing();
    this._error = null;
    if (!this._bucket || !this._connection) {
      this.changed.emit();
      return;
    }
    this._loading = true;
    this.changed.emit();
    let s3: S3Client;
    try {
      s3 = await this._client();
    } catch (err) {
      if (generation === this._generation) {
        this._setError('listing', err);
      }
      return;
    }
    if (generation !== this._generation) {
      return; // another refresh or navigation started meanwhile
    }
    const abort = new AbortController();
    this._abort = abort;
    this._iterator = this._lib!.listPrefixPages(s3, this._listOptions(this._bucket, this._prefix, abort.signal));
    this._loading = false;
    await this.loadMore();
  }

  /**
   * Opens the folder that holds a key and selects its row (an object, or a folder when the key
   * ends in `/`, or when no object has the key but a folder does), loading pages until the row is listed; views scroll to it (see
   * {@link revealCount}). A key with nothing under it leaves the folder open with nothing
   * selected.
   * @param bucket - the bucket.
   * @param key - an object's key, a folder's prefix (ending in `/`), or '' for the bucket's root.
   * @returns the entry selected, or null when no row has that key.
   */
  async reveal(bucket: string, key: string): Promise<Entry | null> {
    const parent = parentPrefix(key);
    await this.open(bucket, parent);
    if (!key || this._bucket !== bucket || this._prefix !== parent) {
      return null;
    }
    const generation = this._generation;
    // `s3://b/data` may name the folder `data/` (people paste folder URIs without the slash).
    const folderPrefix = key.endsWith('/') ? key : `${key}/`;
    const find = () =>
      this._entries.find(e => e.kind === 'object' && e.key === key) ??
      this._entries.find(e => e.kind === 'folder' && e.prefix === folderPrefix) ??
      null;
    let found = find();
    while (!found && this.hasMore && !this._error && generation === this._generation) {
      await this.loadMore();
      found = find();
    }
    if (!found || generation !== this._generation) {
      return null;
    }
    this._filter = '';
    this._view = null;
    this._revealCount++;
    this.select(found);
    return found;
  }

  /** Grows each time {@link reveal} selects a row: views scroll that row into sight. */
  get revealCount(): number {
    return this._revealCount;
  }

  /** The S3 client of the current connection. */
  async client(): Promise<S3Client> {
    return this._client();
  }

  /**
   * Whether a bucket of the current connection keeps versions (what a delete or a move leaves).
   * @param bucket - the bucket; the open one by default.
   * @returns its state, or null when S3 would not say.
   */
  async versioning(bucket = this._bucket): Promise<VersioningState | null> {
    if (!this._connection || !bucket) {
      return null;
    }
    return bucketVersioning(this._connections, { connection: this._connection, bucket });
  }

  /**
   * Deletes an object (a delete marker when the bucket is versioned); the listing updates.
   * @param ref - where it is (captured when the person asked, so navigating meanwhile is harmless).
   */
  deleteObject(ref: { connection: string; bucket: string; key: string }): Promise<void> {
    return deleteS3Object(this._connections, ref);
  }

  /**
   * Creates a folder; the listing updates.
   * @param where - connection, bucket and the new folder's prefix (ending in `/`).
   * @throws HeliumError `Conflict` when it exists.
   */
  createFolder(where: { connection: string; bucket: string; prefix: string }): Promise<void> {
    return createS3Folder(this._connections, where);
  }

  dispose(): void {
    this._abort?.abort();
    this._connections.objectsChanged.disconnect(this._onObjectsChanged, this);
    Signal.clearData(this);
  }

  private _revealCount = 0;
  private _initializing: Promise<void> | null = null;

  /** Lists the first page of a bucket typed by name, and adopts it only if that works. */
  private async _tryOpen(bucket: string, prefix: string): Promise<void> {
    const attempt = ++this._openingAttempt;
    const generation = this._generation;
    const current = () => attempt === this._openingAttempt && generation === this._generation;
    this._opening = bucket;
    this._error = null;
    this.changed.emit();
    const abort = new AbortController();
    let iterator: AsyncGenerator<ListingPage>;
    let first: IteratorResult<ListingPage>;
    try {
      iterator = this._lib!.listPrefixPages(await this._client(), this._listOptions(bucket, prefix, abort.signal));
      first = await iterator.next();
    } catch (err) {
      if (current()) {
        this._opening = null;
        const message = err instanceof Error ? err.message : String(err);
        this._error = { scope: 'open', message, bucket, prefix, canRetry: true };
        this.changed.emit();
      }
      return;
    }
    if (!current()) {
      abort.abort(); // the person went elsewhere meanwhile
      return;
    }
    this._resetListing();
    this._opening = null;
    this._abort = abort;
    this._buckets = [...this._buckets, bucket];
    this._bucket = bucket;
    this._prefix = prefix;
    this._filter = '';
    this._iterator = iterator;
    this._takePage(first);
    this.changed.emit();
  }

  /** How the panel lists a folder (both first pages and every page after). */
  private _listOptions(bucket: string, prefix: string, signal: AbortSignal): ListPrefixOptions {
    const firstPageSize = Math.min(this.firstPageSize, this.pageSize);
    // A folder's own key holding bytes is an object to show; a restored archived object is readable.
    return { bucket, prefix, pageSize: this.pageSize, firstPageSize, keepPrefixObjectWithBytes: true, restoreStatus: true, signal };
  }

  private _client(): Promise<S3Client> {
    return this._connections.client(this._connection!);
  }

  async refreshRow(key: string): Promise<void> {
    if (this._connection && this._bucket && this._lib && this._entries.some(e => entryId(e) === key)) {
      await this._applyChange({ connection: this._connection, bucket: this._bucket, key, type: 'put' }, this._generation);
    }
  }

  private _onObjectsChanged(_: IHeliumConnections, change: IObjectChange): void {
    // Only changes in the folder on screen matter; they are applied in place (no re-listing,
    // so a save deep in a 100k-key folder keeps the scroll position and the selection).
    if (change.connection !== this._connection || change.bucket !== this._bucket || !this._lib) {
      return;
    }
    const here = changeHere(this._lib, this._prefix, this._entries, change);
    if (here) {
      void this._applyChange(here, this._generation);
    }
  }

  private async _applyChange(change: IObjectChange, generation: number): Promise<void> {
    const entry = await entryAfterChange(this._lib!, () => this._client(), change);
    if (generation !== this._generation) {
      return;
    }
    const entries = withChange(this._entries, change.key, entry, this.hasMore);
    if (!entries) {
      return;
    }
    this._entries = entries;
    this._view = null;
    if (this._selected && entryId(this._selected) === change.key) {
      this._selected = entry;
    }
    this.changed.emit();
  }

  private _connections: IHeliumConnections;
  private _trans: TranslationBundle;
  private _connectionList: IConnectionInfo[] = [];
  private _connection: string | null = null;
  private _buckets: string[] = [];
  private _bucket: string | null = null;
  private _prefix = '';
  private _opening: string | null = null;
  /** Increases with every navigation, so a bucket still being tried is dropped by a newer one. */
  private _openingAttempt = 0;
}
