/**
 * The search panel's vocabulary: where it searches, what the index is doing, and the page sizes
 * (shared by the model, its results and its index writes).
 */
import type { ISearchTarget, SearchIndexState } from '../tokens/search';
import type { WorkerLike } from './search-client';

/** Where the panel searches, and what the index of its bucket is doing (the token's types). */
export type SearchTarget = ISearchTarget;
export type IndexState = SearchIndexState;

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
