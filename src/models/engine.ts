/**
 * The one place the UI loads the engine (`src/service`). It is imported lazily, so the AWS SDK,
 * the formats and the snapshot code are chunks of their own, fetched on the first request rather
 * than at page load. Models and the `s3:` drive call these loaders; plugins and widgets reach S3
 * only through models (eslint keeps it so: see CONTRIBUTING.md, "Layers").
 *
 * A loader that fails (a chunk the network dropped) is tried again on the next call.
 */
export type Engine = typeof import('../service');
export type SnapshotsEngine = typeof import('../service/snapshots');
export type SearchIndexerEngine = typeof import('../service/search/indexer');
export type SearchFreshEngine = typeof import('../service/search/fresh');
export type TableLoadEngine = typeof import('../service/diff/table-load');
export type TableDiffEngine = typeof import('../service/diff/table');
export type JsonDiffEngine = typeof import('../service/diff/json');
export type NotebookDiffEngine = typeof import('../service/diff/notebook');
export type PinsEngine = typeof import('../service/pins');
export type TablePagesEngine = typeof import('../service/table-pages');

/** Remembers one lazy import, forgetting it if it fails. */
function once<T>(load: () => Promise<T>): () => Promise<T> {
  let loading: Promise<T> | undefined;
  return () => {
    loading ??= load().catch(error => {
      loading = undefined;
      throw error;
    });
    return loading;
  };
}

/** The engine's main module: client, listing, objects, transfers, versions, move, search types. */
export const loadEngine = once<Engine>(() => import('../service'));
/** Snapshots: registry, manifests, snapshot, restore, diff of manifests. */
export const loadSnapshotsEngine = once<SnapshotsEngine>(() => import('../service/snapshots'));
/** The search indexer (listing a bucket into an index). */
export const loadSearchIndexer = once<SearchIndexerEngine>(() => import('../service/search/indexer'));
/** Keeping an index fresh after our own writes. */
export const loadSearchFresh = once<SearchFreshEngine>(() => import('../service/search/fresh'));
/** Loading tables (CSV, Parquet, Arrow) for the viewer and the table diff. */
export const loadTableLoad = once<TableLoadEngine>(() => import('../service/diff/table-load'));
/** Diffing tables. */
export const loadTableDiff = once<TableDiffEngine>(() => import('../service/diff/table'));
/** Diffing JSON documents. */
export const loadJsonDiff = once<JsonDiffEngine>(() => import('../service/diff/json'));
/** Diffing notebooks. */
export const loadNotebookDiff = once<NotebookDiffEngine>(() => import('../service/diff/notebook'));
/** Pins of notebooks: their status against S3, re-locking them. */
export const loadPinsEngine = once<PinsEngine>(() => import('../service/pins'));
/** Tables read by ranges and pages (hyparquet): the table viewer of Parquet objects. */
export const loadTablePages = once<TablePagesEngine>(() => import('../service/table-pages'));
