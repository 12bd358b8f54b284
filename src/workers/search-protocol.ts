/**
 * The messages between the page and the search Web Worker. The worker holds one embedded SQLite
 * index per connection + bucket and answers one request at a time, in order; the page runs the
 * sync's listing and HEADs (it holds the S3 client) and sends the worker the changes to apply.
 */
import type { ErrorKind } from '../service/error-class';
import type { IndexChanges, IndexedObjectState, SearchOptions, SearchResult } from '../service/search/types';

/** Which index: one per connection and bucket. */
export interface IndexRef {
  connection: string;
  bucket: string;
}

/** A request to the worker (each with an id its answer repeats). */
export type SearchRequest =
  | { id: number; op: 'search'; index: IndexRef; query: string; options: SearchOptions }
  | { id: number; op: 'status'; index: IndexRef }
  | { id: number; op: 'objectStates'; index: IndexRef; prefix: string }
  | { id: number; op: 'snapshotIds'; index: IndexRef }
  /** Apply one sync's changes (the "index" step) and persist. */
  | { id: number; op: 'index'; index: IndexRef; changes: IndexChanges; syncedAt: string }
  /** Apply what our own writes changed, in one transaction, leaving the sync time as it is; persist. */
  | { id: number; op: 'applyChanges'; index: IndexRef; changes: IndexChanges }
  /** Drop a request that has not started yet (it answers `Cancelled`); a started one finishes. */
  | { id: number; op: 'cancel'; target: number };

/** What the worker says about an index's sync and where it is kept. */
export interface WorkerIndexStatus {
  syncedAt: string | null;
  objects: number;
  snapshots: number;
  /** Whether the index survives a reload (OPFS), or lives in memory only. */
  persisted: boolean;
  /** Whether its syncs read the first ≤ 100 KB of text-like objects (as its last sync recorded). */
  indexContent?: boolean;
  /** Whether it holds current objects only (its sync was refused ListObjectVersions). */
  currentOnly?: boolean;
  /** The older format it was emptied for (it needs a rebuild), if so. */
  rebuildFrom?: string;
}

/** The result type of each operation. */
export interface SearchResults {
  search: SearchResult;
  status: WorkerIndexStatus;
  objectStates: [string, IndexedObjectState][];
  snapshotIds: string[];
  index: null;
  applyChanges: null;
}

/** An error as data: a HeliumError's kind, message, and its code and hint when it has them. */
export interface SearchErrorData {
  kind: ErrorKind;
  message: string;
  code?: string;
  /** What to do about it (a query's syntax error says how to write it): the panel shows it. */
  hint?: string;
}

/** An answer: the result, or the error as data. */
export type SearchResponse = { id: number; ok: true; result: unknown } | { id: number; ok: false; error: SearchErrorData };

/** The name of an index's storage: safe as a file name for any connection name. */
export function indexName(index: IndexRef): string {
  return `${encodeURIComponent(index.connection)}~${encodeURIComponent(index.bucket)}`;
}
