/**
 * Tables read by pages: a Parquet object's footer first, then only the row groups on screen
 * (the table viewer's engine; lazily loaded by models/engine.ts as its own chunk).
 */
export { openParquetPages, pagedGroups } from './parquet-pages';
export type { GroupColumns, PagedField, PagedGroup, ParquetPages } from './parquet-pages';
export { bytesFile, rangedObject } from './ranged-object';
export type { RangedFile, RangedObjectOptions, ReadAhead } from './ranged-object';
export { hintsFor, parquetValueText } from './parquet-values';
export type { ValueHints } from './parquet-values';
export { headObject } from '../objects-read';
