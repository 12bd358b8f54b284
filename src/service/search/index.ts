/**
 * Search: one {@link SearchIndex} interface; the embedded backend (SQLite FTS5), the
 * `query_string` compiler and incremental bucket sync. Node-only parts (worker-thread SQLite, file
 * storage) are in sqlite-node.ts and storage-node.ts, imported by Node callers directly.
 */
export * from './types';
export { EmbeddedSearchIndex } from './embedded';
export type { OpenSqlite } from './embedded';
export { compileQuery, parseQuery } from './query';
export type { SqlCondition } from './query';
export { indexBucket } from './indexer';
export { search } from './search';
export type { IndexBucketOptions, IndexBucketResult, IndexProgress } from './indexer';
export { memoryStorage } from './sql';
export type { IndexStorage, SqlDatabase, SqlRow, SqlStatement, SqlValue } from './sql';
export { extensionOf } from './schema';
export type { ObjectDoc, SnapshotDoc } from './schema';
