/**
 * CSV → Arrow `Table` (read only), with column types inferred the way `pandas.read_csv` infers
 * them by default:
 * - the first row names the columns (empty → `Unnamed: i`, repeats → `a.1`, `a.2`);
 * - pandas' default NA tokens (empty, `NA`, `NaN`, `null`, `None`, `N/A`, …) are nulls;
 * - a column whose other cells are all integers is Int64 (Uint64 past int64, text past uint64);
 * - else all numbers (`1.5`, `1e3`, `inf`…) → Float64; all `True`/`true`/`TRUE`/`False`… → Bool;
 * - else Utf8 (text, NA tokens still null); a column of nulls only is Float64 (pandas: NaN).
 * Blank lines (empty or only spaces) are skipped; a row with fewer fields than the header ends in nulls and a row
 * with more is an error (both as in pandas). Tokenising (quotes, embedded newlines, CRLF) is PapaParse's (~20 KB, loaded on use).
 */
import type { Table, Vector } from 'apache-arrow';
import { loadArrow } from './arrow';
import type { DecodeContext, FormatCodec } from './codec';
import { unreadable, utf8Decode } from './util';

/** pandas' default `na_values` (`pandas._libs.parsers.STR_NA_VALUES`). */
export const CSV_NA_VALUES: ReadonlySet<string> = new Set([
  '',
  '#N/A',
  '#N/A N/A',
  '#NA',
  '-1.#IND',
  '-1.#QNAN',
  '-NaN',
  '-nan',
  '1.#IND',
  '1.#QNAN',
  '<NA>',
  'N/A',
  'NA',
  'NULL',
  'NaN',
  'None',
  'n/a',
  'nan',
  'null'
]);

const TRUE_VALUES = new Set(['True', 'TRUE', 'true']);
const FALSE_VALUES = new Set(['False', 'FALSE', 'false']);
const INTEGER = /^[+-]?\d+$/;
const FLOAT = /^[+-]?(?:(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?|inf|infinity|Inf|Infinity|INF)$/;
const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;
const UINT64_MAX = 2n ** 64n - 1n;

/** The column type inferred for a CSV column. */
export type CsvColumnType = 'int64' | 'uint64' | 'float64' | 'bool' | 'string';

/**
 * Infer a column's type from its cells (NA cells are `null`), as pandas does.
 * @param cells - the cells.
 * @returns the type.
 */
export function inferCsvColumnType(cells: readonly (string | null)[]): CsvColumnType {
  const present = cells.filter((c): c is string => c !== null).map(c => c.trim());
  if (present.length === 0) {
    return 'float64';
  }
  if (present.every(c => INTEGER.test(c))) {
    const values = present.map(c => BigInt(c));
    if (values.every(v => v >= INT64_MIN && v <= INT64_MAX)) {
      return 'int64';
    }
    return values.every(v => v >= 0n && v <= UINT64_MAX) ? 'uint64' : 'string';
  }
  if (present.every(c => FLOAT.test(c))) {
    return 'float64';
  }
  if (present.every(c => TRUE_VALUES.has(c) || FALSE_VALUES.has(c))) {
    return 'bool';
  }
  return 'string';
}

/**
 * A float from a CSV cell (`inf`, `-Infinity` included).
 * @param cell - the trimmed cell.
 * @returns the number.
 */
function parseFloatCell(cell: string): number {
  const infinity = /^([+-]?)inf(inity)?$/i.exec(cell);
  if (infinity) {
    return infinity[1] === '-' ? -Infinity : Infinity;
  }
  return Number(cell);
}

/**
 * Column names as pandas makes them: `Unnamed: i` for empty names, `a.1`, `a.2` for repeats.
 * @param header - the first row.
 * @returns unique names.
 */
export function csvColumnNames(header: readonly string[]): string[] {
  const seen = new Set<string>();
  return header.map((raw, i) => {
    const base = raw === '' ? `Unnamed: ${i}` : raw;
    let name = base;
    for (let n = 1; seen.has(name); n++) {
      name = `${base}.${n}`;
    }
    seen.add(name);
    return name;
  });
}

/**
 * The separator of a CSV: `,`, or `;` when the header has no comma and every one of the first
 * records has as many semicolons as the header (the "CSV" Excel writes where the decimal mark is a
 * comma). pandas reads such a file as one column unless told `sep=';'`; a diff of one column of
 * `a;b;c` texts would say a row changed, not which cell. Records, not lines: a quoted cell may
 * hold newlines, commas and semicolons, which do not count.
 * @param text - the CSV text.
 * @returns the separator.
 */
export function csvDelimiter(text: string): ',' | ';' {
  const records = separatorCounts(text.slice(0, 64 * 1024), 5);
  const header = records[0];
  if (!header || header.commas > 0 || header.semicolons === 0 || records.length < 2) {
    return ',';
  }
  return records.slice(1).every(r => r.semicolons === header.semicolons) ? ';' : ',';
}

/**
 * The commas and semicolons outside quotes of the first non-blank records of CSV text.
 * @param text - the text.
 * @param max - how many records.
 * @returns their counts, in order.
 */
function separatorCounts(text: string, max: number): { commas: number; semicolons: number }[] {
  const records: { commas: number; semicolons: number }[] = [];
  let [commas, semicolons, quoted, blank] = [0, 0, false, true];
  for (let i = 0; i < text.length && records.length < max; i++) {
    const c = text[i];
    if (c === '"') {
      quoted = !quoted; // an escaped quote ("") toggles twice
      blank = false;
    } else if (quoted) {
      continue;
    } else if (c === '\n' || c === '\r') {
      if (!blank) {
        records.push({ commas, semicolons });
      }
      [commas, semicolons, blank] = [0, 0, true];
    } else {
      commas += c === ',' ? 1 : 0;
      semicolons += c === ';' ? 1 : 0;
      blank &&= c.trim() === '';
    }
  }
  if (!blank && records.length < max) {
    records.push({ commas, semicolons });
  }
  return records;
}

/**
 * Parse CSV text into an Arrow table.
 * @param text - the CSV text.
 * @param context - where it came from, for messages.
 * @param delimiter - the separator (default: {@link csvDelimiter}'s guess, `,` or `;`).
 * @returns the table.
 */
export async function parseCsv(text: string, context?: DecodeContext, delimiter: string = csvDelimiter(text)): Promise<Table> {
  const [arrow, papa] = await Promise.all([loadArrow(), import('papaparse')]);
  const Papa = papa.default ?? papa;
  const parsed = Papa.parse<string[]>(text, { delimiter, skipEmptyLines: true, header: false });
  const fatal = parsed.errors.find(e => e.type === 'Quotes');
  if (fatal) {
    throw unreadable('csv', context, new Error(`row ${(fatal.row ?? 0) + 1}: ${fatal.message}`));
  }
  // A line of only spaces is blank to pandas (skipped); PapaParse skips only empty lines.
  const rows = parsed.data.filter(row => row.length > 1 || row[0].trim() !== '');
  if (rows.length === 0) {
    return new arrow.Table();
  }
  const names = csvColumnNames(rows[0]);
  const body = rows.slice(1);
  body.forEach((row, i) => {
    if (row.length > names.length) {
      throw unreadable('csv', context, new Error(`expected ${names.length} fields in line ${i + 2}, saw ${row.length}`));
    }
  });
  const columns: Record<string, Vector> = {};
  names.forEach((name, c) => {
    // A short row's missing fields are nulls, as in pandas (`row[c]` is then undefined).
    const cells = body.map(row => (c >= row.length || CSV_NA_VALUES.has(row[c]) ? null : row[c]));
    const kind = inferCsvColumnType(cells);
    switch (kind) {
      case 'int64':
        columns[name] = arrow.vectorFromArray(
          cells.map(v => (v === null ? null : BigInt(v.trim()))),
          new arrow.Int64()
        );
        break;
      case 'uint64':
        columns[name] = arrow.vectorFromArray(
          cells.map(v => (v === null ? null : BigInt(v.trim()))),
          new arrow.Uint64()
        );
        break;
      case 'float64':
        columns[name] = arrow.vectorFromArray(
          cells.map(v => (v === null ? null : parseFloatCell(v.trim()))),
          new arrow.Float64()
        );
        break;
      case 'bool':
        columns[name] = arrow.vectorFromArray(
          cells.map(v => (v === null ? null : TRUE_VALUES.has(v.trim()))),
          new arrow.Bool()
        );
        break;
      default:
        columns[name] = arrow.vectorFromArray(cells, new arrow.Utf8());
    }
  });
  return new arrow.Table(columns);
}

export const csvCodec: FormatCodec = {
  name: 'csv',
  aliases: [],
  extensions: ['.csv'],
  contentTypes: ['text/csv', 'application/csv'],
  contentType: 'text/csv; charset=utf-8',
  accepts: () => false,
  async decode(bytes, context) {
    return parseCsv(utf8Decode(bytes), context);
  }
};
