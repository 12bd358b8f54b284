/**
 * The search panel's model: the query, its scope (the bucket or the folder the S3 panel shows),
 * the index's status (never built / building with progress / ready with its age / error), the
 * hits and facets, and the *Update index* action. It owns the search worker (SQLite runs there)
 * and takes S3 clients from the connections model (the sync's listing and HEADs go through the
 * server's proxy from the page).
 */
import { Signal } from '@lumino/signaling';
import type { IDisposable } from '@lumino/disposable';
import type { TranslationBundle } from '@jupyterlab/translation';
import { isHeliumError } from '../service/error-class';
import type { SearchFacetCounts, SearchHit } from '../service/search/types';
import type { IConnectionInfo, IHeliumConnections, IObjectChange } from '../tokens';
import { loadEngine, loadSearchIndexer } from './engine';
import { OpenSearchPageIndex } from './opensearch-page-index';
import { SearchWorkerClient, WorkerLike, WorkerSearchIndex } from './search-client';
import { SearchRequest, SearchResults } from './search-results';
import { IndexState, SearchModelOptions, SearchTarget } from './search-state';
import { SearchStatusLine } from './search-status';
import { startSearchWorker } from './search-worker';
import { FacetChoice, narrowQuery } from './search-text';
import { IndexWrites } from './search-writes';

export { MAX_KEPT, PAGE_SIZE, STALE_AFTER_MS } from './search-state';
export type { IndexState, SearchModelOptions, SearchTarget } from './search-state';

export class SearchModel implements IDisposable {
  /**
   * @param connections - the connections (S3 clients through the proxy, the list of backends).
   * @param trans - translations, for the index's error messages.
   * @param options - how to start the worker, the clock.
   */
  constructor(
    private readonly connections: IHeliumConnections,
    private readonly trans: TranslationBundle,
    options: SearchModelOptions = {}
  ) {
    this.startWorker = options.startWorker ?? startSearchWorker;
    this.status = new SearchStatusLine({
      trans,
      now: options.now ?? Date.now,
      changed: () => this.changed.emit(),
      indexOf: () => this.indexOf(this._target),
      current: () => this._index,
      hasTarget: () => this._target !== null,
      updating: () => this._abort !== null
    });
    this.results = new SearchResults(
      () => this.changed.emit(),
      id => this._client?.cancel(id),
      trans
    );
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
    return this.status.state;
  }
  /** Whether the index also holds the first ≤ 100 KB of text-like objects (as its last sync recorded). */
  get indexesContent(): boolean {
    return this.status.indexesContent;
  }
  /** Whether the index outlives the page (OPFS); null until known. */
  get persisted(): boolean | null {
    return this.status.persisted;
  }
  get hits(): readonly SearchHit[] {
    return this.results.hits;
  }
  /** How many documents match in all (the hits shown are the first pages of them). */
  get total(): number {
    return this.results.total;
  }
  get facets(): SearchFacetCounts | null {
    return this.results.facets;
  }
  /** What is wrong with the query (e.g. a syntax error and where), or null. */
  get queryError(): string | null {
    return this.results.queryError;
  }
  get searching(): boolean {
    return this.results.searching;
  }
  /** Whether more hits match than are shown ({@link loadMore} shows the next page). */
  get hasMore(): boolean {
    return this.results.hasMore;
  }
  /** Whether a next page is being fetched. */
  get loadingMore(): boolean {
    return this.results.loadingMore;
  }
  get isDisposed(): boolean {
    return this._disposed;
  }

  /**
   * Follow the S3 panel: its connection, bucket and folder (null: no bucket open).
   * @param target - where the panel is.
   */
  async setTarget(target: SearchTarget | null): Promise<void> {
    const sameBucket = target && this._target && target.connection === this._target.connection && target.bucket === this._target.bucket;
    this._target = target ? { ...target } : null;
    if (sameBucket) {
      if (this._scope === 'folder') {
        await this.runSearch();
      }
      return;
    }
    this.cancelUpdate();
    this._index = null;
    this.status.forgetChanges();
    this.results.clear();
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
    return this.setQuery(narrowQuery(this._query, choice, this._scope === 'folder' ? (this._target?.prefix ?? '') : ''));
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
    const before = this.status.state;
    this.setState({ kind: 'building', progress: null });
    // One writer at a time: wait for our own writes' changes being applied, and hold later ones.
    const { previous, release } = this.writes.hold();
    try {
      await previous;
      const [s3, { indexBucket }] = await Promise.all([this.connections.client(target.connection), loadSearchIndexer()]);
      this.status.forgetChanges();
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
        this.setState({
          kind: 'error',
          message: this.trans.__('Could not update the index of %1: %2', target.bucket, (err as Error).message)
        });
      }
    } finally {
      release();
    }
  }

  /** Resolves once the changes of our own writes notified so far are in the index (or marked stale). */
  whenFresh(): Promise<void> {
    return this.writes.whenFresh();
  }

  /**
   * Whether an object hit is still there, before it is opened (one HEAD). Writes by other tools
   * reach the index only at its next update, so a hit may name an object deleted since: then the
   * index learns it now (as after our own delete: the hit leaves the results) and this says false.
   * @param hit - the hit's connection, bucket and key.
   * @returns false when the object is gone (no current version).
   * @throws HeliumError other than `NotFound` (access, network…).
   */
  async confirmHit(hit: { connection: string; bucket: string; key: string }): Promise<boolean> {
    const [s3, lib] = await Promise.all([this.connections.client(hit.connection), loadEngine()]);
    try {
      await lib.headObject(s3, { bucket: hit.bucket, key: hit.key });
      return true;
    } catch (err) {
      if (!isHeliumError(err, 'NotFound')) {
        throw err;
      }
      this.connections.notifyChanged({ ...hit, type: 'delete' });
      await this.whenFresh();
      return false;
    }
  }

  /** Stop a running update (the index stays as it was before it). */
  cancelUpdate(): void {
    const abort = this._abort;
    this._abort = null;
    abort?.abort();
    if (abort && this.status.state.kind === 'building') {
      void this.refreshStatus();
    }
  }

  dispose(): void {
    if (this._disposed) {
      return;
    }
    this._disposed = true;
    this.cancelUpdate();
    this.writes.dispose();
    this.connections.objectsChanged.disconnect(this.onObjectsChanged, this);
    this._client?.dispose();
    Signal.clearData(this);
  }

  /** Ask the worker how old the target's index is. */
  refreshStatus(): Promise<void> {
    return this.status.refresh();
  }

  /** Run the query in the current scope; a newer call supersedes (and cancels) an older one. */
  runSearch(): Promise<void> {
    return this.results.run(this.searchRequest());
  }

  /**
   * Show the next page of hits of the current search (same query and scope, `offset` = the hits
   * shown). A newer search drops it; facets and the total stay those of the first page's answer.
   */
  loadMore(): Promise<void> {
    return this.results.more(this.searchRequest());
  }

  /** What to search now (starting the worker on first use). */
  private searchRequest(): SearchRequest {
    return { index: this.indexOf(this._target), target: this._target, query: this._query, scope: this._scope, state: this.status.state };
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
    const kind = this.status.state.kind;
    if (kind !== 'ready' && kind !== 'building') {
      // Whether there is an index is not known yet (or there is none): the old way, stale.
      this.status.markStale();
      return;
    }
    this.writes.push(change);
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
      this._client = new SearchWorkerClient(worker, this.trans, ref => this.openSearchIndex(ref));
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

  private setState(state: IndexState): void {
    this.status.set(state);
  }

  private readonly startWorker: () => WorkerLike | undefined;
  // Made in the constructor, like `results`.
  private readonly status: SearchStatusLine;
  private _client: SearchWorkerClient | null = null;
  private _openSearch = new Map<string, string>();
  private _index: WorkerSearchIndex | null = null;
  private _target: SearchTarget | null = null;
  private _query = '';
  private _scope: 'bucket' | 'folder' = 'bucket';
  private _abort: AbortController | null = null;
  // Made in the constructor: it needs `trans`, which field initializers run too early to see.
  private readonly results: SearchResults;
  private readonly writes = new IndexWrites({
    isDisposed: () => this._disposed,
    target: () => this._target,
    state: () => this.status.state,
    workerClient: () => this._client,
    s3: connection => this.connections.client(connection),
    setState: state => this.setState(state),
    markStale: () => this.status.markStale(),
    runSearch: () => this.runSearch()
  });
  private _disposed = false;
}
