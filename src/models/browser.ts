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
  /** Where it happened: the connections list, the bucket list or the listing. */
  scope: 'connections' | 'buckets' | 'listing';
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
    return this._loading;
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

  /** Opens a bucket (after checking its name) at a prefix. */
  async open(bucket: string, prefix: string): Promise<void> {
    const lib = this._lib!;
    const problem = lib.bucketNameProblem(bucket);
    if (problem) {
      this._error = { scope: 'listing', message: problem };
      this.changed.emit();
      return;
    }
    if (!this._buckets.includes(bucket)) {
      this._buckets = [...this._buckets, bucket];
    }
    this._bucket = bucket;
    this._prefix = prefix;
    this._filter = '';
    await this.refresh();
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
    this._resetListing();
    this._error = null;
    if (!this._bucket || !this._connection) {
      this.changed.emit();
      return;
    }
    const s3 = await this._client();
    this._abort = new AbortController();
    this._iterator = this._lib!.listPrefixPages(s3, {
      bucket: this._bucket,
      prefix: this._prefix,
      pageSize: this.pageSize,
      signal: this._abort.signal
    });
    await this.loadMore();
  }

  /** Loads the next page, if any; concurrent calls share one request. */
  loadMore(): Promise<void> {
    if (!this._pending && this._iterator) {
      this._pending = this._loadNext(this._iterator).finally(() => {
        this._pending = null;
      });
    }
    return this._pending ?? Promise.resolve();
  }

  /** Loads every remaining page (used before sorting by size or date over the whole prefix). */
  async loadAll(): Promise<void> {
    while (this._iterator && !this._error) {
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

  /** The S3 client of the current connection. */
  async client(): Promise<S3Client> {
    return this._client();
  }

  dispose(): void {
    this._abort?.abort();
    this._connections.objectsChanged.disconnect(this._onObjectsChanged, this);
    Signal.clearData(this);
  }

  private async _loadNext(iterator: AsyncGenerator<ListingPage>): Promise<void> {
    this._loading = true;
    this.changed.emit();
    try {
      const { value, done } = await iterator.next();
      if (iterator !== this._iterator) {
        return; // the user navigated elsewhere meanwhile
      }
      if (value) {
        this._entries = this._entries.concat(value.folders, value.objects);
        this._view = null;
      }
      if (done || !value || value.isLast) {
        this._iterator = null;
      }
    } catch (err) {
      if (iterator === this._iterator) {
        this._iterator = null;
        if ((err as { kind?: string }).kind !== 'Cancelled') {
          this._setError('listing', err);
        }
      }
    } finally {
      if (iterator === this._iterator || this._iterator === null) {
        this._loading = false;
        this.changed.emit();
      }
    }
  }

  private _resetListing(): void {
    this._abort?.abort();
    this._abort = null;
    this._iterator = null;
    this._pending = null;
    this._entries = [];
    this._view = null;
    this._selected = null;
    this._loading = false;
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
    // Refresh only when the change is in the folder on screen (no polling, no re-list elsewhere).
    if (
      change.connection === this._connection &&
      change.bucket === this._bucket &&
      this._lib &&
      this._lib.parentPrefix(change.key) === this._prefix
    ) {
      void this.refresh();
    }
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
  private _error: IPanelError | null = null;
}
