/**
 * The OpenSearch backend: a bucket's objects and snapshots in an OpenSearch (or Elasticsearch)
 * cluster, in Quilt's layout (see opensearch-layout.ts), behind the same {@link SearchIndex}
 * interface as the embedded index, over a small {@link OpenSearchTransport}.
 */
import { HeliumError } from '../error-class';
import { indexNames, IndexNames, objectHit, objectState, snapshotHit, OBJECTS_MAPPING, PACKAGES_MAPPING } from './opensearch-layout';
import { applyChanges } from './opensearch-bulk';
import { indexQuery, IndexKind } from './opensearch-query';
import { openSearchError, OpenSearchTransport, TransportResponse } from './opensearch-transport';
import { addCounts, boundValues, valueFields } from './facets';
import { facetAggs, FieldMapping, foldersField, readFacetAggs } from './opensearch-facets';
import type {
  FacetCounts,
  IndexChanges,
  IndexedObjectState,
  IndexStatus,
  SearchFacetCounts,
  SearchHit,
  SearchIndex,
  SearchOptions,
  SearchResult
} from './types';

/** OpenSearch's default `index.max_result_window`: `from + size` may not pass it. */
const MAX_RESULT_WINDOW = 10_000;
/** Options of {@link OpenSearchIndex}. */
export interface OpenSearchIndexOptions {
  transport: OpenSearchTransport;
  bucket: string;
  /** A prefix of every index name (a cluster shared by several stacks). */
  indexPrefix?: string;
  /** Documents per page when reading the index for a sync (default 5,000). */
  pageSize?: number;
}

/** A `_search` answer, as far as it is read. */
interface SearchAnswer {
  hits: { total: { value: number } | number; hits: { _id: string; _source: Record<string, unknown>; sort?: unknown[] }[] };
  aggregations?: Record<string, { buckets?: { key: string; doc_count: number }[] } & Record<string, unknown>>;
}

/** Escape a value for a JSON path in the URL. */
const seg = (s: string) => encodeURIComponent(s);

/** A bucket's search index in an OpenSearch cluster. */
export class OpenSearchIndex implements SearchIndex {
  readonly names: IndexNames;
  private readonly transport: OpenSearchTransport;
  private readonly bucket: string;
  private readonly pageSize: number;

  constructor(options: OpenSearchIndexOptions) {
    this.transport = options.transport;
    this.bucket = options.bucket;
    this.names = indexNames(options.bucket, options.indexPrefix);
    this.pageSize = options.pageSize ?? 5000;
  }

  /** Where the index is (for messages and `helium index` output). */
  get location(): string {
    return `${this.transport.description} (indexes ${this.names.objects}, ${this.names.packages})`;
  }

  /** One request; an error answer (or an answer that is not JSON) becomes a clear HeliumError. */
  async call<T>(
    method: 'GET' | 'HEAD' | 'PUT' | 'POST' | 'DELETE',
    path: string,
    body: unknown,
    where: string,
    ok: number[] = []
  ): Promise<T | null> {
    const text = body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body);
    const contentType = typeof body === 'string' ? 'application/x-ndjson' : 'application/json';
    const response: TransportResponse = await this.transport.request(method, path, text, contentType);
    if (ok.includes(response.status)) return null;
    if (response.status >= 400) throw openSearchError(response, where, this.transport.description);
    if (method === 'HEAD' || response.body === '') return null;
    try {
      return JSON.parse(response.body) as T;
    } catch {
      throw new HeliumError(
        'Unknown',
        `${this.transport.description} did not answer like OpenSearch while ${where} (not JSON). Is the URL the cluster's?`,
        {
          code: 'OpenSearchAnswer'
        }
      );
    }
  }

  /** Search one index; its own query, filters and sort. */
  private async searchIndex(kind: IndexKind, query: string, options: SearchOptions, size: number): Promise<SearchAnswer> {
    const written = indexQuery(query, kind);
    const filter: unknown[] = [];
    const mustNot: unknown[] = [];
    if (kind === 'objects' && !written.mentionsDeleteMarker) mustNot.push({ term: { delete_marker: true } });
    if (options.prefix) filter.push({ prefix: { [kind === 'objects' ? 'key' : 'folder']: options.prefix } });
    const time = kind === 'objects' ? 'last_modified' : 'mnfst_last_modified';
    const body: Record<string, unknown> = {
      size,
      track_total_hits: true,
      _source: { excludes: ['content'] }, // up to 100 KB a hit, and hits never show it
      query: {
        bool: {
          must: [
            {
              query_string: {
                query: written.query,
                fields: written.fields,
                default_operator: 'AND',
                lenient: true,
                allow_leading_wildcard: true
              }
            }
          ],
          filter,
          must_not: mustNot
        }
      },
      // A total order (as the embedded backend's), so pages never overlap: revisions of one package
      // can share a time and a name, and differ by top hash.
      sort: [
        { [time]: { order: 'desc', unmapped_type: 'date' } },
        { [kind === 'objects' ? 'key' : 'ptr_name']: { order: 'asc', unmapped_type: 'keyword' } },
        ...(kind === 'packages' ? [{ mnfst_hash: { order: 'asc', unmapped_type: 'keyword' } }] : [])
      ]
    };
    if (options.facets && kind === 'objects') body.aggs = { ext: { terms: { field: 'ext', size: 50 } } };
    const index = kind === 'objects' ? this.names.objects : this.names.packages;
    const answer = await this.call<SearchAnswer>(
      'POST',
      `/${seg(index)}/_search?ignore_unavailable=true`,
      body,
      `searching s3://${this.bucket}`
    );
    return answer ?? { hits: { total: 0, hits: [] } };
  }

  async search(query: string, options: SearchOptions = {}): Promise<SearchResult> {
    indexQuery(query, 'objects'); // a malformed query fails before any request
    const limit = Math.max(0, Math.min(MAX_RESULT_WINDOW, Math.floor(options.limit ?? 100)));
    const offset = Math.max(0, Math.floor(options.offset ?? 0));
    if (offset + limit > MAX_RESULT_WINDOW) {
      throw new HeliumError(
        'InvalidInput',
        `OpenSearch pages only the first ${MAX_RESULT_WINDOW.toLocaleString('en')} hits of a query (its max_result_window). Narrow the query (a folder, an extension, a date range) to see the rest.`,
        { code: 'SearchWindow' }
      );
    }
    // The two indexes are merged in one order, so the page [offset, offset + limit) of the merge
    // needs the first offset + limit hits of each.
    const [objects, packages] = await Promise.all([
      this.searchIndex('objects', query, options, offset + limit),
      this.searchIndex('packages', query, options, offset + limit)
    ]);
    const total = (a: SearchAnswer) => (typeof a.hits.total === 'number' ? a.hits.total : a.hits.total.value);
    const hits: SearchHit[] = [...objects.hits.hits.map(h => objectHit(h._source)), ...packages.hits.hits.map(h => snapshotHit(h._source))];
    // Newest first, then by key: the embedded backend's order.
    hits.sort((a, b) =>
      a.time !== b.time ? (a.time < b.time ? 1 : -1) : compareText(a.key, b.key) || compareText(a.top_hash ?? '', b.top_hash ?? '')
    );
    const result: SearchResult = { hits: hits.slice(offset, offset + limit), total: total(objects) + total(packages) };
    if (options.facets) {
      result.facets = { ext: bucketCounts(objects.aggregations?.ext?.buckets), ...(await this.facetCounts(query, options)) };
    }
    return result;
  }

  /**
   * The facets besides extensions, one size-0 request per index (see opensearch-facets.ts): the
   * user_meta fields are read from the indexes' mappings (dynamic object fields).
   */
  private async facetCounts(query: string, options: SearchOptions): Promise<Omit<SearchFacetCounts, 'ext'>> {
    const total: Omit<SearchFacetCounts, 'ext'> = { user_meta: {}, folder: {}, user_meta_values: {} };
    const values: Record<string, FacetCounts> = {};
    for (const kind of ['objects', 'packages'] as IndexKind[]) {
      const index = kind === 'objects' ? this.names.objects : this.names.packages;
      const mapping = await this.call<Record<string, { mappings?: { properties?: Record<string, FieldMapping> } }>>(
        'GET',
        `/${seg(index)}/_mapping`,
        undefined,
        `reading the fields of ${index}`,
        [404]
      );
      const properties = Object.values(mapping ?? {})[0]?.mappings?.properties;
      if (!properties) continue;
      const fields = Object.entries(properties.user_meta?.properties ?? {}).slice(0, 50);
      const aggs = facetAggs(fields, kind === 'objects' ? foldersField(properties) : null, options.prefix ?? '', kind === 'objects');
      if (Object.keys(aggs).length === 0) continue;
      const written = indexQuery(query, kind);
      const filter: unknown[] = [
        {
          query_string: {
            query: written.query,
            fields: written.fields,
            default_operator: 'AND',
            lenient: true,
            allow_leading_wildcard: true
          }
        }
      ];
      if (options.prefix) filter.push({ prefix: { [kind === 'objects' ? 'key' : 'folder']: options.prefix } });
      const mustNot = kind === 'objects' && !written.mentionsDeleteMarker ? [{ term: { delete_marker: true } }] : [];
      const answer = await this.call<SearchAnswer>(
        'POST',
        `/${seg(index)}/_search`,
        { size: 0, query: { bool: { filter, must_not: mustNot } }, aggs },
        `counting facets in ${index}`
      );
      const counted = readFacetAggs(answer?.aggregations as Parameters<typeof readFacetAggs>[0], fields);
      addCounts(total.user_meta, counted.user_meta);
      if (kind === 'objects') total.folder = counted.folder;
      for (const [field, counts] of Object.entries(counted.values)) values[field] = addCounts(values[field] ?? {}, counts);
    }
    total.user_meta_values = boundValues(values, valueFields(total.user_meta));
    return total;
  }

  async status(): Promise<IndexStatus> {
    const doc = await this.call<{ _source?: { synced_at?: string; index_content?: boolean; current_only?: boolean } }>(
      'GET',
      `/${seg(this.names.status)}/_doc/status`,
      undefined,
      'reading the index status',
      [404]
    );
    const count = async (index: string, query: unknown) =>
      (await this.call<{ count: number }>('POST', `/${seg(index)}/_count?ignore_unavailable=true`, { query }, 'counting documents'))
        ?.count ?? 0;
    const syncedAt = doc?._source?.synced_at;
    return {
      syncedAt: syncedAt ? new Date(syncedAt) : null,
      objects: await count(this.names.objects, { match_all: {} }),
      snapshots: await count(this.names.packages, { exists: { field: 'mnfst_hash' } }),
      ...(doc?._source?.index_content === true ? { indexContent: true } : {}),
      ...(doc?._source?.current_only === true ? { currentOnly: true } : {})
    };
  }

  /** Read every document matching `query`, page by page (search_after on a sort), keeping `fields`. */
  async *scan(index: string, query: unknown, sort: string[], fields: string[]): AsyncGenerator<Record<string, unknown>> {
    let after: unknown[] | undefined;
    for (;;) {
      const body: Record<string, unknown> = { size: this.pageSize, query, sort: sort.map(f => ({ [f]: 'asc' })), _source: fields };
      if (after) body.search_after = after;
      const answer = await this.call<SearchAnswer>('POST', `/${seg(index)}/_search?ignore_unavailable=true`, body, `reading ${index}`);
      const hits = answer?.hits.hits ?? [];
      for (const hit of hits) yield hit._source;
      if (hits.length < this.pageSize) return;
      after = hits[hits.length - 1].sort;
    }
  }

  async objectStates(prefix: string): Promise<Map<string, IndexedObjectState>> {
    const states = new Map<string, IndexedObjectState>();
    const query = prefix ? { prefix: { key: prefix } } : { match_all: {} };
    for await (const source of this.scan(
      this.names.objects,
      query,
      ['key', 'version_id'],
      ['key', 'version_id', 'etag', 'last_modified', 'delete_marker']
    )) {
      const state = objectState(source);
      const known = states.get(String(source.key));
      // A Quilt stack may hold several versions of a key: the newest is the current one.
      if (!known || state.lastModified > known.lastModified) states.set(String(source.key), state);
    }
    return states;
  }

  async snapshotIds(): Promise<Set<string>> {
    const ids = new Set<string>();
    const query = { bool: { filter: [{ exists: { field: 'ptr_name' } }, { exists: { field: 'mnfst_hash' } }] } };
    for await (const source of this.scan(this.names.packages, query, ['ptr_name', 'mnfst_hash'], ['ptr_name', 'mnfst_hash'])) {
      ids.add(`${source.ptr_name}@${source.mnfst_hash}`);
    }
    return ids;
  }

  /** Create the bucket's indexes with helium's mappings when they do not exist (an existing Quilt index is used as it is). */
  async ensureIndexes(): Promise<void> {
    if (this.ensured) return;
    const wanted: [string, unknown][] = [
      [this.names.objects, OBJECTS_MAPPING],
      [this.names.packages, PACKAGES_MAPPING],
      [
        this.names.status,
        { mappings: { properties: { synced_at: { type: 'date' }, index_content: { type: 'boolean' }, current_only: { type: 'boolean' } } } }
      ]
    ];
    for (const [index, mapping] of wanted) {
      const exists = await this.transport.request('HEAD', `/${seg(index)}`);
      if (exists.status === 404) {
        // Another writer may create it meanwhile: "already exists" is success.
        const created = await this.transport.request('PUT', `/${seg(index)}`, JSON.stringify(mapping), 'application/json');
        if (created.status >= 400 && !/already_exists/.test(created.body))
          throw openSearchError(created, `creating the index ${index}`, this.transport.description);
      } else if (exists.status >= 400) {
        throw openSearchError(exists, `checking the index ${index}`, this.transport.description);
      }
    }
    this.ensured = true;
  }

  /** Whether the indexes are known to exist (checked once per instance). */
  private ensured = false;

  async apply(changes: IndexChanges, syncedAt: Date): Promise<void> {
    await this.applyChanges(changes);
    await this.call(
      'PUT',
      `/${seg(this.names.status)}/_doc/status?refresh=true`,
      {
        synced_at: syncedAt.toISOString(),
        bucket: this.bucket,
        index_content: changes.settings?.indexContent === true,
        current_only: changes.settings?.currentOnly === true
      },
      'recording the sync time'
    );
  }

  /**
   * Apply changes our own writes made, leaving the sync time alone (see `FreshIndex`).
   * @param changes - documents to upsert and delete.
   */
  async applyChanges(changes: IndexChanges): Promise<void> {
    await this.ensureIndexes();
    await applyChanges(this, changes);
  }

  async close(): Promise<void> {
    // Nothing held open: each request stands alone.
  }
}

/** Facet counts from terms-aggregation buckets. */
function bucketCounts(buckets: { key: string; doc_count: number }[] | undefined): FacetCounts {
  return Object.fromEntries((buckets ?? []).map(b => [String(b.key), b.doc_count]));
}

/** Plain code-unit order (as SQLite's and OpenSearch's keyword sort). */
function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
