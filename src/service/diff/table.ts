/**
 * The table diff: two Arrow tables (CSV, TSV, Parquet, Arrow IPC) compared column by column.
 *
 * - Columns are matched by name: same, added, removed or type-changed (table-columns.ts).
 * - Rows are matched by key columns (composite allowed; reordered rows are not changes;
 *   duplicate keys pair in order of occurrence and are counted) or else by position
 *   (table-align.ts, table-keys.ts).
 * - Cells of matched rows are compared over the Arrow buffers, one column at a time
 *   (table-compare.ts); the result is typed arrays (table-result.ts), fine at a million rows.
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
import type { RowLocations } from './table-chunks';
import { checkKeyColumns, matchColumns } from './table-columns';
import type { ColumnDiff } from './table-columns';
import { cellEquals } from './table-compare';
import { keyIds } from './table-keys';
import { TableDiff } from './table-result';
import type { RowCounts } from './table-result';

export { loadTable, parseTsv } from './table-load';
export { tableFormatFor, TABLE_CONTENT_TYPES, TABLE_EXTENSIONS } from './table-kind';
export type { TableFormat } from './table-kind';
export { RowStatus } from './table-align';
export type { DuplicateKeys, RowStatusCode } from './table-align';
export { commonColumns, suggestKeyColumns } from './table-columns';
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

/** A growable list of row numbers. */
class RowList {
  rows = new Int32Array(64);
  length = 0;
  push(row: number): void {
    if (this.length === this.rows.length) {
      const grown = new Int32Array(this.rows.length * 2);
      grown.set(this.rows);
      this.rows = grown;
    }
    this.rows[this.length++] = row;
  }
}

/**
 * Compare the cells of one column pair on every aligned row present on both sides.
 * @returns a generator (yields per block) that returns the aligned rows whose cell differs.
 */
function* compareColumn(
  left: Table,
  right: Table,
  column: ColumnDiff,
  alignment: Alignment,
  where: { l: RowLocations; r: RowLocations }
): Generator<void, RowList> {
  const eq = cellEquals(left.getChildAt(column.leftIndex) as Vector, right.getChildAt(column.rightIndex) as Vector);
  const { status, rowCount } = alignment;
  const { chunk: lChunk, local: lLocal } = where.l;
  const { chunk: rChunk, local: rLocal } = where.r;
  const changed = new RowList();
  const same = RowStatus.Same; // a local: module bindings can be getters once compiled to CommonJS
  for (let start = 0; start < rowCount; start += ROW_BLOCK) {
    const end = Math.min(rowCount, start + ROW_BLOCK);
    for (let k = start; k < end; k++) {
      if (status[k] !== same) {
        continue;
      }
      if (!eq(lChunk ? lChunk[k] : 0, lLocal[k], rChunk ? rChunk[k] : 0, rLocal[k])) {
        changed.push(k);
      }
    }
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
  if (keyColumns.length > 0) {
    const indexIn = (t: Table) => keyColumns.map(k => t.schema.fields.findIndex(f => f.name === k));
    const ids = yield* keyIds(left, right, indexIn(left), indexIn(right));
    yield;
    alignment = alignByKey(ids);
  } else {
    alignment = alignByPosition(left.numRows, right.numRows);
  }
  yield;

  const where = { l: locateRows(batchStarts(left), alignment.leftRow), r: locateRows(batchStarts(right), alignment.rightRow) };
  const changedPerColumn: (RowList | undefined)[] = [];
  for (const column of columns) {
    if (column.leftIndex >= 0 && column.rightIndex >= 0) {
      const changed = yield* compareColumn(left, right, column, alignment, where);
      column.changedCells = changed.length;
      changedPerColumn.push(changed);
    } else {
      changedPerColumn.push(undefined);
    }
  }

  // Statuses, then the changed-cell bitsets of the non-same rows only.
  const { status, rowCount } = alignment;
  const changedCode = RowStatus.Changed;
  for (const changed of changedPerColumn) {
    for (let k = 0; changed && k < changed.length; k++) {
      status[changed.rows[k]] = changedCode;
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
  const slot = new Int32Array(rowCount);
  const sameCode = RowStatus.Same;
  for (let k = 0, n = 0; k < rowCount; k++) {
    if (status[k] !== sameCode) {
      slot[k] = n;
      changedRows[n++] = k;
    }
  }
  yield;
  const wordsPerRow = Math.max(1, Math.ceil(columns.length / 32));
  const cellBits = new Uint32Array(changedRows.length * wordsPerRow);
  changedPerColumn.forEach((changed, c) => {
    for (let k = 0; changed && k < changed.length; k++) {
      cellBits[slot[changed.rows[k]] * wordsPerRow + (c >> 5)] |= 1 << (c & 31);
    }
  });
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
