/**
 * What the search worker does with its messages, apart from the worker plumbing (so tests run it
 * in-process with the Node SQLite). Requests run one at a time in arrival order (one SQLite
 * connection per index); `cancel` drops a request still waiting, e.g. a search a newer keystroke
 * replaced while a sync's changes were being written.
 */
import { HeliumError, isHeliumError } from '../service/error-class';
import { EmbeddedSearchIndex, OpenSqlite } from '../service/search/embedded';
import type { IndexStorage } from '../service/search/sql';
import type { IndexRef, SearchRequest, SearchResponse, WorkerIndexStatus } from './search-protocol';
import { indexName } from './search-protocol';

/** Where an index's bytes are kept, and whether they outlive the page. */
export interface WorkerStorage {
  storage: IndexStorage;
  persisted: boolean;
}

/** What the handler needs from its environment. */
export interface SearchHandlerDeps {
  openSqlite: OpenSqlite;
  /** The storage of an index, by {@link indexName}. */
  storageFor: (name: string) => Promise<WorkerStorage>;
}

/** Answers the worker's requests. */
export class SearchHandler {
  constructor(private readonly deps: SearchHandlerDeps) {}

  /**
   * Take one request; `reply` is called once with its answer (a `cancel` gets none of its own).
   * @param request - the request.
   * @param reply - sends the answer.
   */
  receive(request: SearchRequest, reply: (response: SearchResponse) => void): void {
    if (request.op === 'cancel') {
      this.cancelled.add(request.target);
      return;
    }
    this.queue = this.queue.then(async () => {
      if (this.cancelled.delete(request.id)) {
        reply({ id: request.id, ok: false, error: { kind: 'Cancelled', message: 'The request was cancelled.' } });
        return;
      }
      try {
        reply({ id: request.id, ok: true, result: await this.run(request) });
      } catch (err) {
        const kind = isHeliumError(err) ? err.kind : 'Unknown';
        const extra = isHeliumError(err) ? { ...(err.code ? { code: err.code } : {}), ...(err.hint ? { hint: err.hint } : {}) } : {};
        reply({ id: request.id, ok: false, error: { kind, message: (err as Error)?.message ?? String(err), ...extra } });
      }
    });
  }

  /** Close every open index (tests; a worker is simply terminated). */
  async close(): Promise<void> {
    await this.queue;
    for (const open of this.indexes.values()) {
      await (await open).index.close();
    }
    this.indexes.clear();
  }

  private async run(request: Exclude<SearchRequest, { op: 'cancel' }>): Promise<unknown> {
    const { index, persisted } = await this.open(request.index);
    switch (request.op) {
      case 'search':
        return index.search(request.query, request.options);
      case 'status': {
        const status = await index.status();
        const answer: WorkerIndexStatus = {
          syncedAt: status.syncedAt ? status.syncedAt.toISOString() : null,
          objects: status.objects,
          snapshots: status.snapshots,
          persisted,
          ...(status.indexContent ? { indexContent: true } : {}),
          ...(status.currentOnly ? { currentOnly: true } : {}),
          ...(status.rebuildFrom ? { rebuildFrom: status.rebuildFrom } : {})
        };
        return answer;
      }
      case 'objectStates':
        return [...(await index.objectStates(request.prefix)).entries()];
      case 'snapshotIds':
        return [...(await index.snapshotIds())];
      case 'index':
        await index.apply(request.changes, new Date(request.syncedAt));
        return null;
      case 'applyChanges':
        await index.applyChanges(request.changes);
        return null;
    }
    throw new HeliumError('InvalidInput', `Unknown search worker request ${(request as { op: string }).op}.`);
  }

  /** The open index of a connection + bucket (opened on first use). */
  private open(ref: IndexRef): Promise<{ index: EmbeddedSearchIndex; persisted: boolean }> {
    const name = indexName(ref);
    let open = this.indexes.get(name);
    if (!open) {
      open = this.deps.storageFor(name).then(async ({ storage, persisted }) => ({
        index: await EmbeddedSearchIndex.open(storage, this.deps.openSqlite),
        persisted
      }));
      this.indexes.set(name, open);
      open.catch(() => this.indexes.delete(name)); // let a later request retry
    }
    return open;
  }

  private queue: Promise<void> = Promise.resolve();
  private readonly cancelled = new Set<number>();
  private readonly indexes = new Map<string, Promise<{ index: EmbeddedSearchIndex; persisted: boolean }>>();
}
