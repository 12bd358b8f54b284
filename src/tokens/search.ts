/**
 * The search model as other plugins and extensions see it (`ISearchModel`): the query, its scope,
 * the index's state, the hits and facets, and updating the index. `SearchModel`
 * (models/search.ts) implements it; the panel's search-model plugin provides it.
 */
import { Token } from '@lumino/coreutils';
import type { ISignal } from '@lumino/signaling';
import type { IndexProgress } from '../service/search/indexer';
import type { SearchFacetCounts, SearchHit } from '../service/search/types';

/** Where a search looks: a bucket of a connection, and the folder the S3 panel shows. */
export interface ISearchTarget {
  connection: string;
  bucket: string;
  /** The current folder ('' or ending in `/`). */
  prefix: string;
}

/** What the index of the target bucket is doing. */
export type SearchIndexState =
  | { kind: 'none' }
  | { kind: 'checking' }
  | {
      kind: 'never';
      /** The index was emptied: an older helium wrote it in this format, which cannot be migrated. */
      oldFormat?: string;
    }
  | { kind: 'building'; progress: IndexProgress | null }
  | {
      kind: 'ready';
      syncedAt: Date;
      objects: number;
      snapshots: number;
      stale: boolean;
      /** The index records that its sync was refused ListObjectVersions: current objects only (no older versions, no delete markers). */
      currentOnly?: boolean;
    }
  | { kind: 'error'; message: string };

/** A facet value a person picked to narrow the query. */
export type SearchFacetChoice =
  { facet: 'ext' | 'user_meta' | 'folder'; value: string } | { facet: 'user_meta_values'; field: string; value: string };

/** The page's search: one query over the index of the bucket the S3 panel shows. */
export interface ISearchModel {
  /** Emitted whenever anything shown changes. */
  readonly changed: ISignal<ISearchModel, void>;
  readonly target: ISearchTarget | null;
  readonly query: string;
  readonly scope: 'bucket' | 'folder';
  readonly state: SearchIndexState;
  /** Whether the index also holds the first ≤ 100 KB of text-like objects. */
  readonly indexesContent: boolean;
  /** Whether the index outlives the page; null until known. */
  readonly persisted: boolean | null;
  readonly hits: readonly SearchHit[];
  /** How many documents match in all. */
  readonly total: number;
  readonly facets: SearchFacetCounts | null;
  /** What is wrong with the query, or null. */
  readonly queryError: string | null;
  readonly searching: boolean;
  readonly hasMore: boolean;
  readonly loadingMore: boolean;
  readonly isDisposed: boolean;

  /** Follows the S3 panel: its connection, bucket and folder (null: no bucket open). */
  setTarget(target: ISearchTarget | null): Promise<void>;
  setQuery(query: string): Promise<void>;
  setScope(scope: 'bucket' | 'folder'): Promise<void>;
  /** Narrows the query to a facet's value. */
  narrow(choice: SearchFacetChoice): Promise<void>;
  /** Updates the index of the target bucket (an incremental sync, with progress). */
  updateIndex(options?: { indexContent?: boolean }): Promise<void>;
  /** Resolves once the changes of our own writes are in the index. */
  whenFresh(): Promise<void>;
  /** Whether an object hit is still there (one HEAD); when it is gone the index learns it and the hit leaves the results. */
  confirmHit(hit: { connection: string; bucket: string; key: string }): Promise<boolean>;
  /** Stops a running update (the index stays as it was). */
  cancelUpdate(): void;
  /** Reads the index's state again. */
  refreshStatus(): Promise<void>;
  /** Runs the query again. */
  runSearch(): Promise<void>;
  /** Shows the next page of hits. */
  loadMore(): Promise<void>;
  dispose(): void;
}

/** Token of the search model. */
export const ISearchModel = new Token<ISearchModel>(
  'jupyterlab-helium:ISearchModel',
  'The search of the bucket the S3 panel shows: query, index state, hits and facets.'
);
