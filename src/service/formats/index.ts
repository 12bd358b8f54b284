/**
 * Value formats: codecs that turn values into bytes and back (JSON, text, bytes, Parquet, Arrow
 * IPC, CSV), and the registry that picks one. Big libraries (apache-arrow, parquet-wasm,
 * papaparse) are loaded with `import()` when a codec first needs them.
 */
export type { DecodeContext, FormatCodec, FormatName } from './codec';
export { FORMATS, findFormat, formatForContentType, formatForKey, formatForObject, formatForValue, getFormat } from './registry';
export type { ReadFormatHints } from './registry';
export { jsonCodec } from './json';
export { textCodec } from './text';
export { bytesCodec } from './bytes';
export { parquetCodec, isParquet, loadParquetWasm } from './parquet';
export { arrowIpcCodec, isArrowIpc } from './arrow-ipc';
export { csvCodec, parseCsv, inferCsvColumnType, csvColumnNames, csvDelimiter, CSV_NA_VALUES } from './csv';
export type { CsvColumnType } from './csv';
export { isArrowTable, loadArrow } from './arrow';
