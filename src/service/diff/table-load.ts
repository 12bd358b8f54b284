/**
 * Bytes → Arrow table for the table diff, with the codecs of src/service/formats: Parquet
 * (parquet-wasm), Arrow IPC file/stream (Feather v2), CSV (PapaParse + pandas-like type
 * inference) and TSV (the same, see {@link parseTsv}).
 */
import * as arrow from 'apache-arrow';
import type { Table } from 'apache-arrow';
import { HeliumError } from '../error-class';
import { provideArrow } from '../formats/arrow';
import { arrowIpcCodec } from '../formats/arrow-ipc';
import { parseCsv } from '../formats/csv';
import { isParquet, parquetCodec } from '../formats/parquet';
import { decodeText } from '../formats/text-decode';
import { tableFormatFor } from './table-kind';

/** The first bytes of gzip data (an object stored with `Content-Encoding: gzip`, a `.csv.gz`). */
const GZIP_MAGIC = [0x1f, 0x8b];

/** `ARROW1`: the magic of an Arrow IPC file. */
const ARROW_MAGIC = [0x41, 0x52, 0x52, 0x4f, 0x57, 0x31];

/**
 * Parse tab-separated text: parseCsv with tabs, so both formats share one tokenizer and one type
 * inference.
 * @param text - the TSV text.
 * @param source - where it came from, for messages.
 * @returns the table.
 */
export async function parseTsv(text: string, source?: string): Promise<Table> {
  return parseCsv(text, { source }, '\t');
}

/**
 * Read a table from the bytes of an object.
 * @param bytes - the object's bytes.
 * @param key - its key (the extension picks the format when the bytes do not say).
 * @param contentType - its Content-Type, if known.
 * @returns the Arrow table.
 * @throws HeliumError `InvalidInput` when the bytes are not a table we can read.
 */
export async function loadTable(bytes: Uint8Array, key: string, contentType?: string): Promise<Table> {
  const context = { source: key };
  provideArrow(arrow); // the diff's own copy (table-compare.ts imports it): no second one
  // The bytes win over the name: a Parquet or Arrow file says what it is.
  if (isParquet(bytes)) {
    return parquetCodec.decode(bytes, context) as Promise<Table>;
  }
  if (bytes.length >= 6 && ARROW_MAGIC.every((b, i) => bytes[i] === b)) {
    return arrowIpcCodec.decode(bytes, context) as Promise<Table>;
  }
  if (bytes.length >= 2 && GZIP_MAGIC.every((b, i) => bytes[i] === b)) {
    // Parsed as CSV, gzip gives one column named with binary noise and no rows: a wrong diff.
    throw new HeliumError(
      'InvalidInput',
      `${key} is gzip-compressed (stored with Content-Encoding: gzip?), and tables are read uncompressed: store it uncompressed, or as Parquet.`,
      { code: 'CompressedTable', params: { what: key } }
    );
  }
  switch (tableFormatFor(key, contentType)) {
    case 'csv':
      return parseCsv(decodeText(bytes).text, context);
    case 'tsv':
      return parseTsv(decodeText(bytes).text, key);
    case 'parquet':
      return parquetCodec.decode(bytes, context) as Promise<Table>;
    case 'arrow':
      return arrowIpcCodec.decode(bytes, context) as Promise<Table>;
    default:
      throw new HeliumError('InvalidInput', `${key} is not a table this view reads: use a .csv, .tsv, .parquet, .arrow or .feather file.`, {
        code: 'UnsupportedTable',
        params: { what: key }
      });
  }
}
