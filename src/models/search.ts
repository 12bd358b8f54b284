/**
 * The search panel's model: the query, its scope (the bucket or the folder the S3 panel shows),
 * the index's status (never built / building with progress / ready with its age / error), the
 * hits and facets, and the *Update index* action. It owns the search worker (SQLite runs there)
 * and takes S3 clients from the connections model (the sync's listing and HEADs go through the
 * server's proxy from the page).
 */
import { Signal } from '@lumino/signaling';
import type { IDisposable } from '@lumino/disposable';
import { isHeliumError } from '../service/error-class';
import type { IndexProgress } from '../service/search/indexer';
import type { SearchFacetCounts, SearchHit } from '../service/search/types';
import type { IConnectionInfo, IHeliumConnections, IObjectChange } from '../tokens';
import { OpenSearchPageIndex } from './opensearch-page-index';
import { SearchWorkerClient, WorkerLike, WorkerSearchIndex } from './search-client';
import { startSearchWorker } from './search-worker';
import { FacetChoice, narrowQuery } from './search-text';
import { freshWork, FreshWork } from './search-fresh';

/** Where the panel searches: a bucket of a connection, and the folder the S3 panel shows. */
export interface SearchTarget {
  connection: string;
  bucket: string;
  /** The current folder ('' or ending in `/`). */
  prefix: string;
}

/** What the index of the target bucket is doing. */
export type IndexState =
  | { kind: 'none' }
  | { kind: 'checking' }
  | { kind: 'never' }
  | { kind: 'building'; progress: IndexProgress | null }
  | { kind: 'ready'; syncedAt: Date; objects: number; snapshots: number; stale: boolean }
  | { kind: 'error'; message: string };

/** An index older than this is called stale (a day). */
export const STALE_AFTER_MS = 24 * 60 * 60 * 1000;

/** Hits asked for at once: the first page, and each "Show more". */
export const PAGE_SIZE = 200;

/** Most hits a search run again keeps (the engine's own cap on one answer). */
const MAX_KEPT = 10_000;

/** Options of {@link SearchModel}. */
export interface SearchModelOptions {
  /** Starts the worker (tests give an in-process one). */
  startWorker?: () => WorkerLike | undefined;
  /** The clock (tests). */
  now?: () => number;
}

export class SearchModel implements IDisposable {
  constructor(
    private readonly connections: IHeliumConnections,
    options: SearchModelOptions = {}
  ) {
    this.startWorker = options.startWorker ?? startSearchWorker;
    this.now = options.now ?? Date.now;
    connections.objectsChanged.connect(this.onObjectsChanged, this);
    // Which connections search an OpenSearch cluster (through the server) instead of the worker.
    void connections.list().then(
      list => this.learnBackends(list),
      () => undefined // the panel shows the connections error itself
    );
  }

  /** Emitted whenever anything shown changes. */
  readonly changed = new Signal<this, void>(this);

  get target(): SearchTarget | null {
    return this._target;
  }
  get query(): string {
    return this._query;
  }
  get scope(): 'bucket' | 'folder' {
    return this._scope;
  }
  get state(): IndexState {
    return this._state;
  }
  /** Whether the index outlives the page (OPFS); null until known. */
  /** Whether the index also holds the first ≤ 100 KB of text-like objects (as its last sync recorded). */
  get indexesContent(): boolean {
    return this._indexesContent;
  }
  get persisted(): boolean | null {
    return this._persisted;
  }
  get hits(): readonly SearchHit[] {
    return this._hits;
  }
  /** How many documents match in all (the hits shown are the first pages of them). */
  get total(): number {
    return this._total;
  }
  get facets(): SearchFacetCounts | null {
    return this._facets;
  }
  /** What is wrong with the query (e.g. a syntax error and where), or null. */
  get queryError(): string | null {
    return this._queryError;
  }
  get searching(): boolean {
    return this._searching;
  }
  /** Whether more hits match than are shown ({@link loadMore} shows the next page). */
  get hasMore(): boolean {
    return this._hits.length < this._total && !this._queryError;
  }
  /** Whether a next page is being fetched. */
  get loadingMore(): boolean {
    return this._loadingMore;
  }
  get isDisposed(): boolean {
    return this._disposed;
  }

  /**
   * Follow the S3 panel: its connection, bucket and folder (null: no bucket open).
   * @param target - where the panel is.
   */
  async setTarget(target: SearchTarget | null): Promise<void> {
    const sameBucket =
      target && this._target && target.connection === this._target.connection && target.bucket === this._target.bucket;
    this._target = target ? { ...target } : null;
    if (sameBucket) {
      if (this._scope === 'folder') {
        await this.runSearch();
      }
      return;
    }
    this.cancelUpdate();
    this._index = null;
    this._changedSince = false;
    this.clearResults();
    if (!target) {
      this.setState({ kind: 'none' });
      return;
    }
    await this.refreshStatus();
    await this.runSearch();
  }

  /** Set the query and search. */
  async setQuery(query: string): Promise<void> {
    this._query = query;
    this.changed.emit();
    await this.runSearch();
  }

  /** Search the whole bucket or only the current folder. */
  async setScope(scope: 'bucket' | 'folder'): Promise<void> {
    this._scope = scope;
    this.changed.emit();
    await this.runSearch();
  }

  /** Narrow the query to a facet's value (a chip was clicked); a folder chip within the current scope. */
  narrow(choice: FacetChoice): Promise<void> {
    return this.setQuery(narrowQuery(this._query, choice, this._scope === 'folder' ? this._target?.prefix ?? '' : ''));
  }

  /**
   * Update the index of the target bucket: an incremental sync (list, compare, HEAD only what
   * changed), with progress; a failed or cancelled sync leaves the previous index as it was.
   * @param options - `indexContent`: also index the first ≤ 100 KB of text-like objects (true) or
   *   stop doing so (false); absent: as the index's last sync recorded (off for a new index).
   */
  async updateIndex(options: { indexContent?: boolean } = {}): Promise<void> {
    const target = this._target;
    const index = this.indexOf(target);
    if (!target || !index || this._abort) {
      return;
    }
    const abort = new AbortController();
    this._abort = abort;
    const before = this._state;
    this.setState({ kind: 'building', progress: null });
    // One writer at a time: wait for our own writes' changes being applied, and hold later ones.
    const previous = this._writes;
    let release = () => {};
    this._writes = new Promise<void>(resolve => (release = resolve));
    try {
      await previous;
      const [s3, { indexBucket }] = await Promise.all([this.connections.client(target.connection), import('../service/search/indexer')]);
      this._changedSince = false;
      await indexBucket(s3, {
        bucket: target.bucket,
        index,
        signal: abort.signal,
        indexContent: options.indexContent,
        onProgress: progress => {
          if (this._abort === abort) {
            this.setState({ kind: 'building', progress: { ...progress } });
          }
        }
      });
      if (this._abort === abort) {
        this._abort = null;
        await this.refreshStatus();
        await this.runSearch();
      }
    } catch (err) {
      if (this._abort !== abort) {
        return; // another bucket now
      }
      this._abort = null;
      if (isHeliumError(err, 'Cancelled')) {
        this.setState(before.kind === 'building' ? { kind: 'never' } : before);
        await this.refreshStatus();
      } else {
        this.setState({ kind: 'error', message: `Could not update the index of ${target.bucket}: ${(err as Error).message}` });
      }
    } finally {
      release();
    }
  }

  /** Resolves once the changes of our own writes notified so far are in the index (or marked stale). */
  async whenFresh(): Promise<void> {
    while (this._draining) {
      await this._writes;
    }
  }

  /** Stop a running update (the index stays as it was before it). */
  cancelUpdate(): void {
    const abort = this._abort;
    this._abort = null;
    abort?.abort();
    if (abort && this._state.kind === 'building') {
      void this.refreshStatus();
    }
  }

  dispose(): void {
    if (this._disposed) {
      return;
    }
    this._disposed = true;
    this.cancelUpdate();
    this._freshAbort.abort();
    this._pendingWrites = [];
    this.connections.objectsChanged.disconnect(this.onObjectsChanged, this);
    this._client?.dispose();
    Signal.clearData(this);
  }

  /** Ask the worker how old the target's index is. */
  async refreshStatus(): Promise<void> {
    const index = this.indexOf(this._target);
    if (!index) {
      if (this._target) {
        this.setState({ kind: 'error', message: 'Search needs Web Workers, which this browser does not offer here.' });
      }
      return;
    }
    if (this._state.kind !== 'building') {
      this.setState({ kind: 'checking' });
    }
    try {
      const status = await index.workerStatus();
      if (index !== this._index || this._abort) {
        return; // the bucket changed, or a sync started meanwhile
      }
      this._persisted = status.persisted;
      this._indexesContent = status.indexContent === true;
      this.setState(
        status.syncedAt === null
          ? { kind: 'never' }
          : {
              kind: 'ready',
              syncedAt: new Date(status.syncedAt),
              objects: status.objects,
              snapshots: status.snapshots,
              stale: this._changedSince || this.now() - Date.parse(status.syncedAt) > STALE_AFTER_MS
            }
      );
    } catch (err) {
      if (index === this._index) {
        this.setState({ kind: 'error', message: `The search index cannot be opened: ${(err as Error).message}` });
      }
    }
  }

  /** Run the query in the current scope; a newer call supersedes (and cancels) an older one. */
  async runSearch(): Promise<void> {
    const index = this.indexOf(this._target);
    const generation = ++this._generation;
    if (this._pendingId !== null) {
      this._client?.cancel(this._pendingId);
      this._pendingId = null;
    }
    this._loadingMore = false; // a next page of the previous search is dropped (generation)
    const indexed = this._state.kind === 'ready' || (this._state.kind === 'building' && this._hits.length > 0);
    if (!index || !this._target || !indexed) {
      this.clearResults();
      this.changed.emit();
      return;
    }
    const query = this._query.trim() || '*';
    const prefix = this._scope === 'folder' ? this._target.prefix : '';
    // The same search again (the index changed under it): keep as many hits as "Show more" showed.
    const shown = `${this._target.connection}\u0000${this._target.bucket}\u0000${prefix}\u0000${query}`;
    const limit = shown === this._shown ? Math.min(MAX_KEPT, Math.max(PAGE_SIZE, this._hits.length)) : PAGE_SIZE;
    this._searching = true;
    this.changed.emit();
    let found = false;
    try {
      // Hits first, facets after: counting facets over a whole large bucket takes seconds, and the
      // hits should not wait for it. Until the new counts come, the previous ones stay.
      const result = await index.search(query, { limit, prefix }, id => (this._pendingId = id));
      if (generation !== this._generation) {
        return;
      }
      this._shown = shown;
      this._hits = result.hits;
      this._total = result.total;
      this._queryError = null;
      found = true;
    } catch (err) {
      if (generation !== this._generation || isHeliumError(err, 'Cancelled')) {
        return;
      }
      this.clearResults();
      this._queryError = (err as Error).message;
    } finally {
      if (generation === this._generation) {
        this._pendingId = null;
        this._searching = false;
        this.changed.emit();
      }
    }
    if (found) {
      await this.countFacets(index, generation, query, prefix);
    }
  }

  /** The facets of the search of `generation` (dropped when a newer search started). */
  private async countFacets(index: WorkerSearchIndex, generation: number, query: string, prefix: string): Promise<void> {
    try {
      const result = await index.search(query, { limit: 0, prefix, facets: true }, id => (this._pendingId = id));
      if (generation === this._generation) {
        this._facets = result.facets ?? null;
      }
    } catch (err) {
      if (generation === this._generation && !isHeliumError(err, 'Cancelled')) {
        this._facets = null; // the hits stand; the counts could not be made
      }
    } finally {
      if (generation === this._generation) {
        this._pendingId = null;
        this.changed.emit();
      }
    }
  }

  /**
   * Show the next page of hits of the current search (same query and scope, `offset` = the hits
   * shown). A newer search drops it; facets and the total stay those of the first page's answer.
   */
  async loadMore(): Promise<void> {
    const index = this.indexOf(this._target);
    if (!index || !this._target || !this.hasMore || this._loadingMore || this._searching) {
      return;
    }
    const generation = this._generation;
    const query = this._query.trim() || '*';
    const prefix = this._scope === 'folder' ? this._target.prefix : '';
    this._loadingMore = true;
    this.changed.emit();
    try {
      const result = await index.search(query, { limit: PAGE_SIZE, offset: this._hits.length, prefix });
      if (generation === this._generation) {
        this._hits = [...this._hits, ...result.hits];
        this._total = result.total;
      }
    } catch (err) {
      if (generation === this._generation && !isHeliumError(err, 'Cancelled')) {
        this._queryError = `Could not fetch more results: ${(err as Error).message}`;
      }
    } finally {
      if (generation === this._generation) {
        this._loadingMore = false;
        this.changed.emit();
      }
    }
  }

  /**
   * Our own writes to the bucket go into its index at once (when it has one): the keys written are
   * HEADed, a folder-wide change synced for its prefix, a snapshot's new manifest read; changes
   * arriving together are applied in one batch, after any running update (one writer at a time).
   */
  private onObjectsChanged(_: unknown, change: IObjectChange): void {
    const t = this._target;
    if (!t || change.connection !== t.connection || change.bucket !== t.bucket || this._disposed) {
      return;
    }
    if (this._state.kind !== 'ready' && this._state.kind !== 'building') {
      // Whether there is an index is not known yet (or there is none): the old way, stale.
      this.markStale();
      return;
    }
    this._pendingWrites.push({ ...change });
    if (!this._draining) {
      this._draining = true;
      const run = this._writes.then(() => this.drainWrites());
      this._writes = run.catch(() => undefined);
    }
  }

  /** Apply the pending writes' changes, batch after batch, until none is left. */
  private async drainWrites(): Promise<void> {
    try {
      while (this._pendingWrites.length > 0 && !this._disposed) {
        const batch = this._pendingWrites.splice(0);
        await this.applyWrites(batch);
      }
    } finally {
      this._draining = false;
    }
  }

  /** Bring the writes of one batch to one bucket (its first's) into that bucket's index, if it has one. */
  private async applyWrites(batch: IObjectChange[]): Promise<void> {
    const { connection, bucket } = batch[0];
    const same = batch.filter(c => c.connection === connection && c.bucket === bucket);
    // Writes to another bucket (the panel moved on meanwhile) wait for the next round.
    this._pendingWrites.unshift(...batch.filter(c => !same.includes(c)));
    const current = () => this._target?.connection === connection && this._target?.bucket === bucket;
    const client = this._client;
    if (!client || client.failed) {
      if (current()) {
        this.markStale(); // no worker to write to now; the next update brings them in
      }
      return;
    }
    const index = client.index({ connection, bucket });
    try {
      const status = await index.workerStatus();
      if (status.syncedAt === null) {
        return; // no index to keep fresh
      }
      const s3 = await this.connections.client(connection);
      const work: FreshWork = freshWork(same);
      // Keys written get their content read too when the index's syncs read contents.
      await work.run(s3, { bucket, index, signal: this._freshAbort.signal, indexContent: status.indexContent === true });
      if (current() && this._state.kind === 'ready') {
        const after = await index.workerStatus();
        if (current() && this._state.kind === 'ready') {
          this.setState({ ...this._state, objects: after.objects, snapshots: after.snapshots });
          await this.runSearch();
        }
      }
    } catch (err) {
      if (this._disposed) {
        return;
      }
      console.warn('jupyterlab-helium: could not bring a write into the search index', err);
      if (current()) {
        this.markStale(); // the next update brings it in
      }
    }
  }

  /** Call the index stale until the next update. */
  private markStale(): void {
    this._changedSince = true;
    if (this._state.kind === 'ready' && !this._state.stale) {
      this.setState({ ...this._state, stale: true });
    }
  }

  /** The worker-side index of a target (starting the worker on first use), or null. */
  private indexOf(target: SearchTarget | null): WorkerSearchIndex | null {
    if (!target || this._disposed) {
      return null;
    }
    if (this._client?.failed) {
      // Start afresh on the next request after a worker failed (the message was shown).
      this._client.dispose();
      this._client = null;
      this._index = null;
    }
    if (!this._client) {
      const worker = this.startWorker();
      if (!worker) {
        return null;
      }
      this._client = new SearchWorkerClient(worker, ref => this.openSearchIndex(ref));
    }
    if (!this._index || this._index.ref.connection !== target.connection || this._index.ref.bucket !== target.bucket) {
      this._index = this._client.index({ connection: target.connection, bucket: target.bucket });
    }
    return this._index;
  }

  /**
   * Records which connections search OpenSearch. A search that started before the list came used
   * the embedded index: when its connection turns out to have a cluster, it starts again there.
   */
  private learnBackends(list: IConnectionInfo[]): void {
    this._openSearch = new Map(list.filter(c => c.search?.backend === 'opensearch').map(c => [c.name, c.search!.index_prefix]));
    if (this._disposed || !this._index || !this._openSearch.has(this._index.ref.connection) || this._index instanceof OpenSearchPageIndex) {
      return;
    }
    this._index = null;
    void this.refreshStatus().then(() => (this._query ? this.runSearch() : undefined));
  }

  /** The OpenSearch index of a connection + bucket, when the connection has a cluster; else null. */
  private openSearchIndex(ref: { connection: string; bucket: string }): WorkerSearchIndex | null {
    const prefix = this._openSearch.get(ref.connection);
    const transport = prefix === undefined ? undefined : this.connections.searchTransport?.(ref.connection);
    return transport && this._client ? new OpenSearchPageIndex(this._client, ref, transport, prefix) : null;
  }

  private clearResults(): void {
    this._hits = [];
    this._total = 0;
    this._facets = null;
    this._queryError = null;
    this._searching = false;
    this._loadingMore = false;
    this._shown = null;
  }

  private setState(state: IndexState): void {
    this._state = state;
    this.changed.emit();
  }

  private readonly startWorker: () => WorkerLike | undefined;
  private readonly now: () => number;
  private _client: SearchWorkerClient | null = null;
  private _openSearch = new Map<string, string>();
  private _index: WorkerSearchIndex | null = null;
  private _target: SearchTarget | null = null;
  private _query = '';
  private _scope: 'bucket' | 'folder' = 'bucket';
  private _state: IndexState = { kind: 'none' };
  private _persisted: boolean | null = null;
  private _indexesContent = false;
  private _hits: SearchHit[] = [];
  private _total = 0;
  private _facets: SearchFacetCounts | null = null;
  private _queryError: string | null = null;
  private _searching = false;
  private _loadingMore = false;
  /** What the hits shown answer (connection, bucket, prefix, query), or null. */
  private _shown: string | null = null;
  private _generation = 0;
  private _pendingId: number | null = null;
  private _abort: AbortController | null = null;
  private _changedSince = false;
  /** Our own writes not yet in the index, and whether they are being applied. */
  private _pendingWrites: IObjectChange[] = [];
  private _draining = false;
  /** The last index writer (an update, or our writes' changes): the next one waits for it. */
  private _writes: Promise<void> = Promise.resolve();
  private readonly _freshAbort = new AbortController();
  private _disposed = false;
}
