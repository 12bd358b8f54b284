/**
 * The table diff of `helium diff`: two objects' bytes read as Arrow tables and compared by the
 * diff tab's engine (src/service/diff/table.ts), with the key the tab would start with when none
 * is given. cmd-diff-objects.ts imports this file lazily: it loads apache-arrow and parquet-wasm,
 * which every other command does without.
 */
import type { TableDiff } from '../service/diff/table';
import { HeliumError } from '../service/error-class';
import { diffTablesAsync, loadTable, pandasIndexColumns, suggestKeyColumns, withRangeIndexes } from '../service/diff/table';
import type { KeyChoice } from './table-diff-text';

/** What a side's table is read from. */
export interface TableSource {
  bytes: Uint8Array;
  /** The object key (its extension names the format when the bytes do not). */
  key: string;
  contentType?: string;
}

/**
 * Read both sides as tables.
 * @param sides - the older and the newer side.
 * @returns their tables.
 * @throws HeliumError `InvalidInput` when a side is not a table the engine reads.
 */
export async function loadTables(sides: [TableSource, TableSource]): Promise<[TableDiff['left'], TableDiff['right']]> {
  try {
    const [left, right] = await Promise.all(sides.map(side => loadTable(side.bytes, side.key, side.contentType)));
    return [left, right];
  } catch (err) {
    throw withoutApiHint(err);
  }
}

/**
 * An unreadable-content error without the engine's hint for API callers ("Read it with another
 * format, e.g. { format: 'bytes' }"), which a command line has no way to follow.
 * @param err - what loading threw.
 * @returns the error to report.
 */
export function withoutApiHint(err: unknown): unknown {
  if (!(err instanceof HeliumError) || err.code !== 'UnreadableContent' || !err.params) {
    return err;
  }
  const { what, format, reason } = err.params as Record<string, string>;
  return new HeliumError(err.kind, `${what} could not be read as ${format}: ${reason}.`, {
    code: err.code,
    cause: err,
    params: err.params
  });
}

/**
 * Compare two tables on the given key columns, else on the one the diff tab suggests (an id
 * column unique on both sides), else by position.
 * @param tables - the older and the newer table.
 * @param keyColumns - the `--key` values (see {@link resolveKeyColumns}); empty for the default.
 * @param signal - cancels the diff.
 * @returns the diff and whether its key was given, the pandas index or suggested.
 * @throws HeliumError `InvalidInput` (`MissingKeyColumn`) naming a key column a side lacks and its columns.
 */
export async function diffTableSides(
  tables: [TableDiff['left'], TableDiff['right']],
  keyColumns: string[],
  signal?: AbortSignal
): Promise<{ diff: TableDiff; chosen: KeyChoice }> {
  // A pandas RangeIndex on one side only (rows dropped since): a column, as on the other side.
  const [left, right] = withRangeIndexes(tables);
  const keys = keyColumns.length > 0 ? resolveKeyColumns(keyColumns, [left, right]) : suggestKeyColumns(left, right);
  const diff = await diffTablesAsync(left, right, { keyColumns: keys, signal });
  if (keyColumns.length > 0) {
    return { diff, chosen: 'given' };
  }
  const index = pandasIndexColumns(left);
  const isIndex = index.length > 0 && index.join('\u0000') === keys.join('\u0000');
  return { diff, chosen: isIndex ? 'pandas-index' : 'suggested' };
}

/**
 * The key columns `--key` values name: a value that is the exact name of a column of both tables
 * is that column (`--key 'a,b'` beside a column named "a,b"; `--key ' x'` keeps its space);
 * any other value is split on commas, each part trimmed (`--key a,b`: the columns a and b). For
 * the columns a and b beside a column "a,b", give `--key a --key b`.
 * @param values - the `--key` values, as given.
 * @param tables - the older and the newer table.
 * @returns the key column names.
 */
export function resolveKeyColumns(values: string[], tables: [TableDiff['left'], TableDiff['right']]): string[] {
  const inBoth = (name: string) => tables.every(t => t.schema.fields.some(f => f.name === name));
  return values.flatMap(value => (inBoth(value) ? [value] : value.split(',').map(k => k.trim())));
}
