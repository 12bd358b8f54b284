/**
 * Running a table diff for the diff tab: read both versions, parse them off the page's thread,
 * and diff them by an id-like key both have (else by position). Imported on first use (its own
 * chunk, with the table engine). Re-diffing by another key is `table-diff-keys.ts`.
 */
import { diffTablesAsync, suggestKeyColumns } from '../../service/diff/table';
import type { TableDiff } from '../../service/diff/table';
import type { IDiffContext } from '../../tokens';
import { loadTablePair } from './table-load-client';

/**
 * Diff the two sides of a comparison as tables.
 * @param context - the comparison (its sides, reader and signal).
 * @returns the diff, keyed on an id-like column both tables have, else by position.
 * @throws HeliumError `InvalidInput` for a side that is not a readable table, `Cancelled`.
 */
export async function diffTableSides(context: IDiffContext): Promise<TableDiff> {
  const { left, right } = context.request;
  const { signal } = context;
  const [a, b] = await Promise.all([context.readBytes(left, signal), context.readBytes(right, signal)]);
  // Parsing and decoding run in workers: the page stays responsive and Cancel stops them.
  const [leftTable, rightTable] = await loadTablePair(
    { bytes: a, key: left.key, contentType: left.contentType },
    { bytes: b, key: right.key, contentType: right.contentType },
    signal
  );
  return diffTablesAsync(leftTable, rightTable, { keyColumns: suggestKeyColumns(leftTable, rightTable), signal });
}
