/** `search(index, query, options)`: the service's search verb, T4-style. */
import type { SearchIndex, SearchOptions, SearchResult } from './types';

/**
 * Search an index with an Elasticsearch / Quilt `query_string` query; hits newest first.
 * @param index - the bucket's index (embedded, or later OpenSearch).
 * @param query - the query, e.g. `user_meta.ocean:atlantic AND ext:.parquet`.
 * @param options - `limit` (default 100), `prefix` (scope), `facets`.
 * @returns the hits (`{type, key, version_id, meta, size, time, …}`), the total and facets.
 * @throws HeliumError `InvalidInput` for a malformed query (with its column).
 */
export function search(index: SearchIndex, query: string, options: SearchOptions = {}): Promise<SearchResult> {
  return index.search(query, options);
}
