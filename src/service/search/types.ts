/** The search engine's public shapes: hits (T4-like), options, and the one index interface. */
import type { ObjectDoc, SnapshotDoc } from './schema';

/** One search hit, shaped like T4's `search()` hits plus `type`. */
export interface SearchHit {
  type: 'object' | 'snapshot';
  /** The object's key, or the snapshot's package name. */
  key: string;
  /** The object's version id (null for snapshots). */
  version_id: string | null;
  /** T4 `user_meta` of an object, or a snapshot's package metadata. */
  meta: unknown;
  /** Bytes (null for snapshots). */
  size: number | null;
  /** Last modified (objects) or when the snapshot was made, ISO 8601. */
  time: string;
  ext?: string;
  etag?: string | null;
  content_type?: string | null;
  delete_marker?: boolean;
  target?: string | null;
  /** Other `x-amz-meta-*` metadata of an object. */
  other_meta?: Record<string, string> | null;
  top_hash?: string;
  message?: string | null;
  folder?: string | null;
}

/** Options of {@link SearchIndex.search}. */
export interface SearchOptions {
  /** Most hits returned (default 100). */
  limit?: number;
  /**
   * Hits to skip first, in the results' order (newest first, then by key): the next page of a
   * query is the same query with `offset` = the hits already shown (default 0).
   */
  offset?: number;
  /** Only objects under this key prefix (and snapshots of folders under it). */
  prefix?: string;
  /** Also count hits per extension, first-level folder and user_meta field and value (default false). */
  facets?: boolean;
}

/** Counts per value of a facet. */
export type FacetCounts = Record<string, number>;

/** What a search found. */
export interface SearchResult {
  hits: SearchHit[];
  /** How many documents match in all (hits are at most `limit`, from `offset`). */
  total: number;
  facets?: SearchFacetCounts;
}

/** The facets of a search (see facets.ts for the bounds). */
export interface SearchFacetCounts {
  /** Objects per extension ('' for none). */
  ext: FacetCounts;
  /** Hits (objects and snapshots) per top-level user_meta field name. */
  user_meta: FacetCounts;
  /**
   * Objects per first-level folder under the search's prefix, as the folder's whole key prefix
   * (`data/hurdat2/` under `data/`); '' counts the objects directly in the prefix.
   */
  folder: FacetCounts;
  /** For the most frequent user_meta fields, hits per scalar value (booleans as `true`/`false`). */
  user_meta_values: Record<string, FacetCounts>;
}

/** What an index knows about its last sync. */
export interface IndexStatus {
  /** When the last successful sync finished (null: never). */
  syncedAt: Date | null;
  objects: number;
  snapshots: number;
  /** Whether the index's syncs read the first ≤ 100 KB of text-like objects (present only when they do). */
  indexContent?: boolean;
  /**
   * Present when the index was emptied because it was written in an older format (this version)
   * that cannot be migrated: it holds only what was synced since, until a sync of the whole bucket.
   */
  rebuildFrom?: string;
  /**
   * Present when the index holds current objects only: its syncs' credentials were refused
   * ListObjectVersions, so it has no older versions and no delete markers (see `CURRENT_ONLY_NOTE`).
   */
  currentOnly?: boolean;
}

/** Settings a sync records in the index, so later syncs and our own writes keep to them. */
export interface IndexSettings {
  /** Read and index the first ≤ 100 KB of text-like objects. */
  indexContent: boolean;
  /** The index holds current objects only (ListObjectVersions was refused); absent: unchanged. */
  currentOnly?: boolean;
}

/** Changes applied by one sync. */
export interface IndexChanges {
  upsertObjects: ObjectDoc[];
  deleteObjects: string[];
  upsertSnapshots: SnapshotDoc[];
  deleteSnapshots: { name: string; topHash: string }[];
  /** Settings to record with the sync (a sync's {@link SearchIndex.apply} only). */
  settings?: IndexSettings;
  /** Whether the sync covered the whole bucket (not one prefix). */
  wholeBucket?: boolean;
}

/** What is indexed for one object key (to compare with a listing). */
export interface IndexedObjectState {
  versionId: string;
  etag: string | null;
  lastModified: number;
  deleteMarker: boolean;
}

/** A search index of one bucket: the interface both backends (embedded SQLite, OpenSearch) implement. */
export interface SearchIndex {
  /** Run a query. @throws HeliumError `InvalidInput` for a malformed query. */
  search(query: string, options?: SearchOptions): Promise<SearchResult>;
  /** When it was last synced, and how many documents it holds. */
  status(): Promise<IndexStatus>;
  /** The indexed state of every object under a prefix (for incremental sync). */
  objectStates(prefix: string): Promise<Map<string, IndexedObjectState>>;
  /** The indexed snapshots, as `name@topHash` strings. */
  snapshotIds(): Promise<Set<string>>;
  /** Apply one sync's changes and record the sync time, atomically; then persist. */
  apply(changes: IndexChanges, syncedAt: Date): Promise<void>;
  /** Close it. */
  close(): Promise<void>;
}
