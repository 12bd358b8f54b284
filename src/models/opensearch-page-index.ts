/**
 * A bucket's OpenSearch index as the search model uses the worker's: the same calls, answered by
 * {@link OpenSearchIndex} through the server's search proxy instead of SQLite in the worker.
 */
import { OpenSearchIndex } from '../service/search/opensearch';
import type { OpenSearchTransport } from '../service/search/opensearch-transport';
import type { IndexChanges, IndexedObjectState, IndexStatus, SearchOptions, SearchResult } from '../service/search/types';
import type { IndexRef, WorkerIndexStatus } from '../workers/search-protocol';
import { SearchWorkerClient, WorkerSearchIndex } from './search-client';

/** An OpenSearch-backed index with the worker index's surface. */
export class OpenSearchPageIndex extends WorkerSearchIndex {
  private readonly remote: OpenSearchIndex;

  /**
   * @param client - the worker client (unused by this index; kept for the shared type).
   * @param ref - the connection and bucket.
   * @param transport - the server's search proxy for the connection.
   * @param indexPrefix - the connection's index prefix.
   */
  constructor(client: SearchWorkerClient, ref: IndexRef, transport: OpenSearchTransport, indexPrefix = '') {
    super(client, ref);
    this.remote = new OpenSearchIndex({ transport, bucket: ref.bucket, indexPrefix });
  }

  search(query: string, options: SearchOptions = {}): Promise<SearchResult> {
    return this.remote.search(query, options);
  }

  async workerStatus(): Promise<WorkerIndexStatus> {
    const s = await this.remote.status();
    // The cluster keeps the index: it outlives the page.
    return {
      syncedAt: s.syncedAt?.toISOString() ?? null,
      objects: s.objects,
      snapshots: s.snapshots,
      persisted: true,
      ...(s.indexContent ? { indexContent: true } : {}),
      ...(s.currentOnly ? { currentOnly: true } : {})
    };
  }

  status(): Promise<IndexStatus> {
    return this.remote.status();
  }

  objectStates(prefix: string): Promise<Map<string, IndexedObjectState>> {
    return this.remote.objectStates(prefix);
  }

  snapshotIds(): Promise<Set<string>> {
    return this.remote.snapshotIds();
  }

  apply(changes: IndexChanges, syncedAt: Date): Promise<void> {
    return this.remote.apply(changes, syncedAt);
  }

  applyChanges(changes: IndexChanges): Promise<void> {
    return this.remote.applyChanges(changes);
  }
}
