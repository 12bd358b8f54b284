/**
 * The search panel's vocabulary: where it searches, what the index is doing, and the page sizes
 * (shared by the model, its results and its index writes).
 */
import type { IndexProgress } from '../service/search/indexer';
import type { WorkerLike } from './search-client';

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
export const MAX_KEPT = 10_000;

/** Options of `SearchModel`. */
export interface SearchModelOptions {
  /** Starts the worker (tests give an in-process one). */
  startWorker?: () => WorkerLike | undefined;
  /** The clock (tests). */
  now?: () => number;
}
