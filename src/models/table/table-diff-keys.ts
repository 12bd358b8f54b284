/**
 * The table diff view's key picker: what rows can be matched by, and diffing the same two tables
 * again by the key picked.
 */
import { commonColumns, diffTablesAsync } from '../../service/diff/table';
import type { TableDiff } from '../../service/diff/table';

/**
 * Diff the same two tables again, matching rows on other key columns.
 * @param diff - the diff shown (it holds both tables).
 * @param keyColumns - the key columns; empty: by position.
 * @param signal - cancels the diff.
 * @returns the new diff.
 */
export function rediffByKey(diff: TableDiff, keyColumns: string[], signal?: AbortSignal): Promise<TableDiff> {
  return diffTablesAsync(diff.left, diff.right, { keyColumns, signal });
}

/**
 * What rows can be matched by: by position (`[]`), or by any one column both tables have.
 * @param diff - the diff shown.
 * @returns the key choices, by position first.
 */
export function keyColumnChoices(diff: TableDiff): string[][] {
  return [[], ...commonColumns(diff.left, diff.right).map(column => [column])];
}
