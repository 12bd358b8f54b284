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
import { unreadable } from '../formats/util';
import { tableFormatFor } from './table-kind';

/** `ARROW1`: the magic of an Arrow IPC file. */
const ARROW_MAGIC = [0x41, 0x52, 0x52, 0x4f, 0x57, 0x31];

/**
 * Parse tab-separated text. parseCsv takes commas only, so the rows PapaParse reads with tabs
 * are re-joined as CSV (quoted where needed, so nothing is lost) and parsed by parseCsv: one
 * tokenizer and one type inference for both formats.
 * @param text - the TSV text.
 * @param source - where it came from, for messages.
 * @returns the table.
 */
export async function parseTsv(text: string, source?: string): Promise<Table> {
  const papa = await import('papaparse');
  const Papa = papa.default ?? papa;
  const parsed = Papa.parse<string[]>(text, { delimiter: '\t', skipEmptyLines: true, header: false });
  const fatal = parsed.errors.find(e => e.type === 'Quotes');
  if (fatal) {
    throw unreadable('csv', { source }, new Error(`tab-separated row ${(fatal.row ?? 0) + 1}: ${fatal.message}`));
  }
  return parseCsv(Papa.unparse(parsed.data, { delimiter: ',', newline: '\n' }), { source });
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
