/**
 * The page's side of the search worker: a {@link SearchIndex} per connection + bucket whose calls
 * are messages to the worker, so `indexBucket` runs on the page (it holds the S3 client) while
 * SQLite runs in the worker.
 */
import type { TranslationBundle } from '@jupyterlab/translation';
import { HeliumError } from '../service/error-class';
import type { FreshIndex } from '../service/search/fresh';
import type { IndexChanges, IndexedObjectState, IndexStatus, SearchOptions, SearchResult } from '../service/search/types';
import type { IndexRef, SearchRequest, SearchResponse, SearchResults, WorkerIndexStatus } from '../workers/search-protocol';

/** What the page needs of a worker (a real Worker, or an in-process one in tests). */
export type WorkerLike = Pick<Worker, 'postMessage' | 'terminate'> & {
  onmessage: ((event: MessageEvent<SearchResponse>) => void) | null;
  onerror: ((event: ErrorEvent) => void) | null;
};

/** Requests without their id (the client numbers them). */
type Body = SearchRequest extends infer R ? (R extends { id: number } ? Omit<R, 'id'> : never) : never;

/** Talks to one search worker. */
export class SearchWorkerClient {
  /**
   * @param worker - the worker.
   * @param trans - translations, for why the worker failed (the search panel shows it).
   * @param remote - the index of a connection + bucket kept elsewhere (OpenSearch), or null for the worker's.
   */
  constructor(
    private readonly worker: WorkerLike,
    trans: TranslationBundle,
    private readonly remote?: (ref: IndexRef) => WorkerSearchIndex | null
  ) {
    worker.onmessage = event => {
      const answer = event.data;
      const waiting = this.pending.get(answer.id);
      this.pending.delete(answer.id);
      if (!waiting) {
        return;
      }
      if (answer.ok) {
        waiting.resolve(answer.result);
      } else {
        const { kind, message, code, hint } = answer.error;
        waiting.reject(new HeliumError(kind, message, { code, hint }));
      }
    };
    worker.onerror = event => {
      const err = new HeliumError(
        'Unknown',
        event.message ? trans.__('The search worker failed: %1.', event.message) : trans.__('The search worker failed: it could not start.')
      );
      // A worker that failed (e.g. a CSP refusing its script) answers nothing more: fail fast.
      this._failed = err;
      for (const waiting of this.pending.values()) {
        waiting.reject(err);
      }
      this.pending.clear();
    };
  }

  /**
   * Send a request.
   * @param body - the request.
   * @param onId - told the request's id (to cancel it).
   * @returns its result.
   */
  call<K extends keyof SearchResults>(body: Extract<Body, { op: K }>, onId?: (id: number) => void): Promise<SearchResults[K]> {
    const id = this.nextId++;
    onId?.(id);
    if (this._failed) {
      return Promise.reject(this._failed);
    }
    return new Promise<SearchResults[K]>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
      this.worker.postMessage({ ...body, id } as SearchRequest);
    });
  }

  /** Whether the worker failed (a new one is needed). */
  get failed(): boolean {
    return this._failed !== null;
  }

  /** Drop a request the worker has not started (it then fails with `Cancelled`). */
  cancel(id: number): void {
    if (this.pending.has(id)) {
      this.worker.postMessage({ id: this.nextId++, op: 'cancel', target: id } as SearchRequest);
    }
  }

  /** The index of a connection + bucket, as a {@link SearchIndex}. */
  index(ref: IndexRef): WorkerSearchIndex {
    return this.remote?.(ref) ?? new WorkerSearchIndex(this, ref);
  }

  /** Stop the worker; whatever is waiting fails. */
  dispose(): void {
    this.worker.terminate();
    for (const waiting of this.pending.values()) {
      waiting.reject(new HeliumError('Cancelled', 'The search worker was stopped.'));
    }
    this.pending.clear();
  }

  private _failed: Error | null = null;
  private nextId = 1;
  private readonly pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
}

/** A bucket's index in the worker. */
export class WorkerSearchIndex implements FreshIndex {
  constructor(
    private readonly client: SearchWorkerClient,
    readonly ref: IndexRef
  ) {}

  /**
   * Search; `onId` is told the request id, so a newer query can cancel this one.
   */
  search(query: string, options: SearchOptions = {}, onId?: (id: number) => void): Promise<SearchResult> {
    return this.client.call({ op: 'search', index: this.ref, query, options }, onId);
  }

  /** The status, with whether the index persists. */
  workerStatus(): Promise<WorkerIndexStatus> {
    return this.client.call({ op: 'status', index: this.ref });
  }

  async status(): Promise<IndexStatus> {
    const s = await this.workerStatus();
    return {
      syncedAt: s.syncedAt ? new Date(s.syncedAt) : null,
      objects: s.objects,
      snapshots: s.snapshots,
      ...(s.indexContent ? { indexContent: true } : {})
    };
  }

  async objectStates(prefix: string): Promise<Map<string, IndexedObjectState>> {
    return new Map(await this.client.call({ op: 'objectStates', index: this.ref, prefix }));
  }

  async snapshotIds(): Promise<Set<string>> {
    return new Set(await this.client.call({ op: 'snapshotIds', index: this.ref }));
  }

  async apply(changes: IndexChanges, syncedAt: Date): Promise<void> {
    await this.client.call({ op: 'index', index: this.ref, changes, syncedAt: syncedAt.toISOString() });
  }

  /** Apply what our own writes changed, leaving the sync time as it is. */
  async applyChanges(changes: IndexChanges): Promise<void> {
    await this.client.call({ op: 'applyChanges', index: this.ref, changes });
  }

  async close(): Promise<void> {
    // The worker keeps the index open for the next search; nothing to do per bucket.
  }
}
