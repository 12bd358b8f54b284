/**
 * Which objects are tables, by key extension or Content-Type. No imports, so a plugin can rank
 * keys without loading the table engine (apache-arrow, parquet-wasm).
 */

/**
 * Bytes (a side of a diff, or a file in the viewer) the table views load without asking ("load
 * anyway" above). Measured in Node: a 1M-row, 22 MiB Parquet file takes ~250 MiB of memory once
 * loaded, but CSV costs ~40× its size while parsing (a 17.5 MiB CSV: 2.4 s, ~700 MiB), so 64 MiB
 * keeps both below a tab's limits.
 */
export const TABLE_MAX_BYTES = 64 * 1024 * 1024;

/** The table formats the diff reads. */
export type TableFormat = 'csv' | 'tsv' | 'parquet' | 'arrow';

/** Key extensions (lowercase) of each table format. */
export const TABLE_EXTENSIONS: Readonly<Record<string, TableFormat>> = {
  '.csv': 'csv',
  '.tsv': 'tsv',
  '.tab': 'tsv',
  '.parquet': 'parquet',
  '.pq': 'parquet',
  '.arrow': 'arrow',
  '.arrows': 'arrow',
  '.feather': 'arrow',
  '.ipc': 'arrow'
};

/** Content types (no parameters, lowercase) of each table format. */
export const TABLE_CONTENT_TYPES: Readonly<Record<string, TableFormat>> = {
  'text/csv': 'csv',
  'application/csv': 'csv',
  'text/tab-separated-values': 'tsv',
  'application/vnd.apache.parquet': 'parquet',
  'application/x-parquet': 'parquet',
  'application/parquet': 'parquet',
  'application/vnd.apache.arrow.file': 'arrow',
  'application/vnd.apache.arrow.stream': 'arrow'
};

/**
 * The table format of a key (by extension, case-insensitive) or else of a content type.
 * @param key - the object key.
 * @param contentType - its Content-Type, if known.
 * @returns the format, or undefined when neither says "table".
 */
export function tableFormatFor(key: string, contentType?: string): TableFormat | undefined {
  const name = key.slice(key.lastIndexOf('/') + 1).toLowerCase();
  const dot = name.lastIndexOf('.');
  const byExtension = dot > 0 ? TABLE_EXTENSIONS[name.slice(dot)] : undefined;
  if (byExtension) {
    return byExtension;
  }
  const type = (contentType ?? '').split(';')[0].trim().toLowerCase();
  return Object.prototype.hasOwnProperty.call(TABLE_CONTENT_TYPES, type) ? TABLE_CONTENT_TYPES[type] : undefined;
}
