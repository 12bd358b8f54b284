/**
 * The table diff: two Arrow tables (CSV, TSV, Parquet, Arrow IPC) compared column by column.
 *
 * - Columns are matched by name: same, added, removed or type-changed (table-columns.ts).
 * - Rows are matched by key columns (composite allowed; reordered rows are not changes;
 *   duplicate keys pair in order of occurrence and are counted) or else by position
 *   (table-align.ts, table-keys.ts).
 * - Cells of matched rows are compared over the Arrow buffers, one column at a time, with a loop
 *   per common type (table-compare-rows.ts; table-compare.ts for the rest), into a bit mask of
 *   changed cells; the result is typed arrays (table-result.ts), fine at a million rows.
 *
 * The work is a generator that yields between blocks of rows: {@link diffTables} runs it at once,
 * {@link diffTablesAsync} gives the event loop a turn every few tens of milliseconds so a page
 * stays responsive and an abort takes effect mid-diff.
 */
import type { Table, Vector } from 'apache-arrow';
import { throwIfAborted } from '../error-class';
import { alignByKey, alignByPosition, RowStatus } from './table-align';
import type { Alignment } from './table-align';
import { batchStarts, locateRows } from './table-chunks';
import { checkKeyColumns, matchColumns } from './table-columns';
import type { ColumnDiff } from './table-columns';
import { blockCompare } from './table-compare-rows';
import type { CompareTarget } from './table-compare-rows';
import { keyIds } from './table-keys';
import { TableDiff } from './table-result';
import type { RowCounts } from './table-result';

export { loadTable, parseTsv } from './table-load';
export { tableFormatFor, TABLE_CONTENT_TYPES, TABLE_EXTENSIONS } from './table-kind';
export type { TableFormat } from './table-kind';
export { RowStatus } from './table-align';
export type { DuplicateKeys, RowStatusCode } from './table-align';
export { commonColumns, suggestKeyColumns } from './table-columns';
export { pandasIndexColumns, withRangeIndexes } from './table-pandas-index';
export type { ColumnDiff, ColumnStatus } from './table-columns';
export { TableDiff } from './table-result';
export type { RowCounts, Side } from './table-result';
export { formatValue } from './table-format';

/** Options of a table diff. */
export interface TableDiffOptions {
  /** Columns that identify a row (composite when several); none → rows match by position. */
  keyColumns?: readonly string[];
  /** Cancels the diff (a `Cancelled` HeliumError). */
  signal?: AbortSignal;
}

/** Aligned rows compared per step of the generator. */
const ROW_BLOCK = 1 << 16;

/** What the cancellation message names. */
const WHAT = 'Comparing the tables';

/**
 * Compare the cells of one column pair on every aligned row present on both sides, marking the
 * changed ones in the mask.
 * @returns a generator (yields per block) that returns how many cells differ.
 */
function* compareColumn(left: Table, right: Table, column: ColumnDiff, index: number, target: CompareTarget): Generator<void, number> {
  const compare = blockCompare(left.getChildAt(column.leftIndex) as Vector, right.getChildAt(column.rightIndex) as Vector, index, target);
  const { rowCount } = target.alignment;
  let changed = 0;
  for (let start = 0; start < rowCount; start += ROW_BLOCK) {
    changed += compare(start, Math.min(rowCount, start + ROW_BLOCK));
    yield;
  }
  return changed;
}

/** The diff, step by step (see the module comment). */
function* diffSteps(left: Table, right: Table, options: TableDiffOptions): Generator<void, TableDiff> {
  const keyColumns = [...new Set(options.keyColumns ?? [])];
  checkKeyColumns(left, right, keyColumns);
  const columns = matchColumns(left, right, keyColumns);

  let alignment: Alignment;
  // The key column pairs (left index, right index) whose cells are equal on every matched row.
  const exactKeys = new Set<string>();
  if (keyColumns.length > 0) {
    const indexIn = (t: Table) => keyColumns.map(k => t.schema.fields.findIndex(f => f.name === k));
    const [leftKeys, rightKeys] = [indexIn(left), indexIn(right)];
    const ids = yield* keyIds(left, right, leftKeys, rightKeys);
    if (ids.exact) {
      leftKeys.forEach((l, k) => exactKeys.add(`${l}:${rightKeys[k]}`));
    }
    yield;
    alignment = alignByKey(ids);
  } else {
    alignment = alignByPosition(left.numRows, right.numRows);
  }
  yield;

  const where = { l: locateRows(batchStarts(left), alignment.leftRow), r: locateRows(batchStarts(right), alignment.rightRow) };
  const { status, rowCount } = alignment;
  // One bit per column and aligned row: bounded by the tables' own size, and no list to grow
  // when most rows change (a diff by position of shuffled rows).
  const wordsPerRow = Math.max(1, Math.ceil(columns.length / 32));
  const mask = new Uint32Array(rowCount * wordsPerRow);
  const target: CompareTarget = { alignment, where, mask, wordsPerRow };
  for (const [c, column] of columns.entries()) {
    // Rows matched on an exact key have equal key cells: nothing to compare.
    if (column.leftIndex >= 0 && column.rightIndex >= 0 && !exactKeys.has(`${column.leftIndex}:${column.rightIndex}`)) {
      column.changedCells = yield* compareColumn(left, right, column, c, target);
    }
  }

  // Statuses, then the changed-cell bitsets of the non-same rows only.
  const changedCode = RowStatus.Changed;
  for (let k = 0; k < rowCount; k++) {
    for (let w = k * wordsPerRow, end = w + wordsPerRow; w < end; w++) {
      if (mask[w] !== 0) {
        status[k] = changedCode;
        break;
      }
    }
  }
  const tally = new Float64Array(4); // indexed by RowStatus code
  for (let k = 0; k < rowCount; k++) {
    tally[status[k]]++;
  }
  const counts: RowCounts = {
    same: tally[RowStatus.Same],
    changed: tally[RowStatus.Changed],
    added: tally[RowStatus.Added],
    removed: tally[RowStatus.Removed]
  };
  const changedRows = new Int32Array(rowCount - counts.same);
  const cellBits = new Uint32Array(changedRows.length * wordsPerRow);
  const sameCode = RowStatus.Same;
  for (let k = 0, n = 0; k < rowCount; k++) {
    if (status[k] !== sameCode) {
      for (let w = 0; w < wordsPerRow; w++) {
        cellBits[n * wordsPerRow + w] = mask[k * wordsPerRow + w];
      }
      changedRows[n++] = k;
    }
  }
  yield;
  return new TableDiff({ left, right, keyColumns, columns, alignment, changedRows, cellBits, wordsPerRow, counts });
}

/**
 * Compare two tables at once (blocking; see {@link diffTablesAsync} for pages).
 * @param left - the left (older) table.
 * @param right - the right (newer) table.
 * @param options - key columns (else by position) and an abort signal, checked between blocks.
 * @returns the diff.
 * @throws HeliumError `InvalidInput` when a key column is missing on a side; `Cancelled`.
 */
export function diffTables(left: Table, right: Table, options: TableDiffOptions = {}): TableDiff {
  const steps = diffSteps(left, right, options);
  for (;;) {
    throwIfAborted(options.signal, WHAT);
    const step = steps.next();
    if (step.done) {
      return step.value;
    }
  }
}

/**
 * Compare two tables, giving the event loop a turn every ~30 ms so a page stays responsive and
 * the signal can cancel mid-diff.
 * @param left - the left (older) table.
 * @param right - the right (newer) table.
 * @param options - key columns (else by position) and an abort signal.
 * @returns the diff.
 * @throws HeliumError `InvalidInput` when a key column is missing on a side; `Cancelled`.
 */
export async function diffTablesAsync(left: Table, right: Table, options: TableDiffOptions = {}): Promise<TableDiff> {
  const steps = diffSteps(left, right, options);
  let slice = Date.now();
  for (;;) {
    throwIfAborted(options.signal, WHAT);
    const step = steps.next();
    if (step.done) {
      return step.value;
    }
    if (Date.now() - slice > 30) {
      await new Promise(resolve => setTimeout(resolve, 0));
      slice = Date.now();
    }
  }
}
