/**
 * The S3 browser model: where the side panel is (connection, bucket, prefix), what it has loaded,
 * and how it is sorted and filtered. Views render it; they never talk to S3 themselves.
 *
 * Listings arrive one page (1,000 keys) at a time and are appended as the view scrolls, so a
 * prefix with 100,000 keys costs one request up front, not a hundred. Nothing re-lists on a timer.
 */
import { Signal } from '@lumino/signaling';
import type { S3Client } from '@aws-sdk/client-s3';
import type { IConnectionInfo, IHeliumConnections, IObjectChange } from '../tokens';
import type { Entry, ListingPage, SortKey } from '../service';

/** What the panel shows instead of a listing when something went wrong. */
export interface IPanelError {
  /** What happened, for a person. */
  message: string;
  /**
   * Where it happened: the connections list, the bucket list, the listing on screen, or opening
   * a bucket typed by name (`open`: the panel stayed where it was; `bucket` says which failed).
   */
  scope: 'connections' | 'buckets' | 'listing' | 'open';
  /** For `open`: the bucket and folder that could not be opened. */
  bucket?: string;
  prefix?: string;
  /** For `open`: false when the name itself is invalid (asking again cannot help). */
  canRetry?: boolean;
}

export interface ISortState {
  by: SortKey;
  direction: 'asc' | 'desc';
}

type ServiceModule = typeof import('../service');

export class BrowserModel {
  constructor(connections: IHeliumConnections, options: { pageSize?: number } = {}) {
    this._connections = connections;
    this.pageSize = options.pageSize ?? 1000;
    connections.objectsChanged.connect(this._onObjectsChanged, this);
  }

  /** Emitted whenever anything visible changes. */
  readonly changed = new Signal<this, void>(this);
  pageSize: number;

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
  /** Entries loaded so far, sorted and filtered for display. */
  get items(): readonly Entry[] {
    if (!this._view) {
      this._view = this._lib
        ? this._lib.sortEntries(this._lib.filterEntries(this._entries, this._filter), this._sort)
        : [];
    }
    return this._view ?? [];
  }
  /** How many entries are loaded (before filtering). */
  get loadedCount(): number {
    return this._entries.length;
  }
  get loading(): boolean {
    return this._loading || this._opening !== null;
  }
  /** A bucket typed by name being tried (the panel shows the previous one until it answers). */
  get opening(): string | null {
    return this._opening;
  }
  get hasMore(): boolean {
    return this._iterator !== null;
  }
  get error(): IPanelError | null {
    return this._error;
  }
  get filter(): string {
    return this._filter;
  }
  get sort(): ISortState {
    return this._sort;
  }
  /** The entry last clicked (or right-clicked); commands act on it. */
  get selected(): Entry | null {
    return this._selected;
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
    this._lib = await import('../service');
    try {
      this._connectionList = await this._connections.list();
    } catch (err) {
      this._setError('connections', err);
      return;
    }
    if (this._connectionList.length === 0) {
      this._error = {
        scope: 'connections',
        message: 'No S3 connection is configured on the server. Add one to c.Helium.connections.'
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
        message: 'This connection has no buckets yet. Create one, or type the name of a bucket you can read.'
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
    this._iterator = this._lib!.listPrefixPages(s3, {
      bucket: this._bucket,
      prefix: this._prefix,
      pageSize: this.pageSize,
      signal: abort.signal
    });
    this._loading = false;
    await this.loadMore();
  }

  /** Loads the next page, if any; concurrent calls share one request. */
  loadMore(): Promise<void> {
    if (!this._pending && this._iterator) {
      const generation = this._generation;
      const pending = this._loadNext(this._iterator, generation).finally(() => {
        if (this._pending === pending) {
          this._pending = null;
        }
      });
      this._pending = pending;
    }
    return this._pending ?? Promise.resolve();
  }

  /** Loads every remaining page of the current listing (to sort or filter all of it). */
  async loadAll(): Promise<void> {
    const generation = this._generation;
    while (this._iterator && !this._error && generation === this._generation) {
      await this.loadMore();
    }
  }

  setFilter(text: string): void {
    this._filter = text;
    this._view = null;
    this.changed.emit();
  }

  setSort(sort: ISortState): void {
    this._sort = sort;
    this._view = null;
    this.changed.emit();
  }

  select(entry: Entry | null): void {
    this._selected = entry;
    this.changed.emit();
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
      iterator = this._lib!.listPrefixPages(await this._client(), {
        bucket,
        prefix,
        pageSize: this.pageSize,
        signal: abort.signal
      });
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

  /** Appends a listing page; the listing is complete after its last one. */
  private _takePage({ value, done }: IteratorResult<ListingPage>): void {
    if (value) {
      this._entries = this._entries.concat(value.folders, value.objects);
      this._view = null;
    }
    if (done || !value || value.isLast) {
      this._iterator = null;
    }
  }
  private async _loadNext(iterator: AsyncGenerator<ListingPage>, generation: number): Promise<void> {
    this._loading = true;
    this.changed.emit();
    try {
      const page = await iterator.next();
      if (generation !== this._generation) {
        return; // the user navigated elsewhere meanwhile: drop this page
      }
      this._takePage(page);
    } catch (err) {
      if (generation !== this._generation) {
        return;
      }
      this._iterator = null;
      if ((err as { kind?: string }).kind !== 'Cancelled') {
        this._setError('listing', err);
      }
    } finally {
      if (generation === this._generation) {
        this._loading = false;
        this.changed.emit();
      }
    }
  }

  /** Forgets the current listing, cancels its request, and starts a new generation. */
  private _resetListing(): number {
    this._abort?.abort();
    this._abort = null;
    this._iterator = null;
    this._pending = null;
    this._entries = [];
    this._view = null;
    this._selected = null;
    this._loading = false;
    return ++this._generation;
  }

  private _client(): Promise<S3Client> {
    return this._connections.client(this._connection!);
  }

  private _setError(scope: IPanelError['scope'], err: unknown): void {
    const message = err instanceof Error ? err.message : String(err);
    this._error = { scope, message };
    this._loading = false;
    this.changed.emit();
  }

  private _onObjectsChanged(_: IHeliumConnections, change: IObjectChange): void {
    // Only changes in the folder on screen matter; they are applied in place (no re-listing,
    // so a save deep in a 100k-key folder keeps the scroll position and the selection).
    if (change.connection !== this._connection || change.bucket !== this._bucket || !this._lib) {
      return;
    }
    if (this._lib.parentPrefix(change.key) === this._prefix) {
      void this._applyChange(change, this._generation);
    } else if (change.type !== 'delete' && change.key.startsWith(this._prefix)) {
      // Something was written deeper down (a folder upload): its top folder appears here.
      const rest = change.key.slice(this._prefix.length);
      const folder = this._prefix + rest.slice(0, rest.indexOf('/') + 1);
      const known = this._entries.some(e => e.kind === 'folder' && e.prefix === folder);
      if (!known) {
        void this._applyChange({ ...change, key: folder, type: 'folder' }, this._generation);
      }
    }
  }

  private async _applyChange(change: IObjectChange, generation: number): Promise<void> {
    const lib = this._lib!;
    const isFolder = change.key.endsWith('/');
    const id = (e: Entry) => (e.kind === 'folder' ? e.prefix : e.key);
    const index = this._entries.findIndex(e => id(e) === change.key);
    let entry: Entry | null = null;
    if (change.type !== 'delete') {
      if (isFolder) {
        entry = { kind: 'folder', name: lib.basename(change.key), prefix: change.key };
      } else {
        try {
          const info = await lib.headObject(await this._client(), { bucket: change.bucket, key: change.key });
          entry = {
            kind: 'object',
            name: lib.basename(change.key),
            key: change.key,
            size: info.size,
            lastModified: info.lastModified,
            etag: info.etag
          };
        } catch {
          entry = null; // gone again already: treat as deleted
        }
      }
    }
    if (generation !== this._generation) {
      return;
    }
    const entries = this._entries.slice();
    if (index >= 0) {
      if (entry) {
        entries[index] = entry;
      } else {
        entries.splice(index, 1);
      }
    } else if (entry) {
      // A new key shows now if S3 would already have listed it; otherwise a later page brings it.
      const last = entries.length ? id(entries[entries.length - 1]) : '';
      if (!this.hasMore || compareUtf8(change.key, last) < 0) {
        entries.push(entry);
      }
    } else {
      return;
    }
    this._entries = entries;
    this._view = null;
    if (this._selected && id(this._selected) === change.key) {
      this._selected = entry;
    }
    this.changed.emit();
  }

  private _connections: IHeliumConnections;
  private _lib: ServiceModule | null = null;
  private _connectionList: IConnectionInfo[] = [];
  private _connection: string | null = null;
  private _buckets: string[] = [];
  private _bucket: string | null = null;
  private _prefix = '';
  private _entries: Entry[] = [];
  private _view: Entry[] | null = null;
  private _filter = '';
  private _sort: ISortState = { by: 'name', direction: 'asc' };
  private _selected: Entry | null = null;
  private _iterator: AsyncGenerator<ListingPage> | null = null;
  private _pending: Promise<void> | null = null;
  private _abort: AbortController | null = null;
  private _loading = false;
  private _opening: string | null = null;
  /** Increases with every navigation, so a bucket still being tried is dropped by a newer one. */
  private _openingAttempt = 0;
  /** Increases with every new listing, so late answers for an old one are ignored. */
  private _generation = 0;
  private _error: IPanelError | null = null;
}

const utf8 = new TextEncoder();

/** Compares keys in S3's listing order (UTF-8 bytes), which differs from JS order for astral characters. */
function compareUtf8(a: string, b: string): number {
  const x = utf8.encode(a);
  const y = utf8.encode(b);
  const n = Math.min(x.length, y.length);
  for (let i = 0; i < n; i++) {
    if (x[i] !== y[i]) {
      return x[i] - y[i];
    }
  }
  return x.length - y.length;
}

/**
 * The folder that holds a key: `a/b/` for `a/b/c.txt` and for the folder `a/b/c/`, '' at the top.
 * @param key - an object key or a folder prefix.
 * @returns the prefix of the folder listing it.
 */
export function parentPrefix(key: string): string {
  const trimmed = key.endsWith('/') ? key.slice(0, -1) : key;
  const slash = trimmed.lastIndexOf('/');
  return slash < 0 ? '' : trimmed.slice(0, slash + 1);
}
