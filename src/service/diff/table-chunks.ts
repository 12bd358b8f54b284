/**
 * Rows of an Arrow table live in record batches ("chunks"): row `r` of the table is row `r - start`
 * of the batch it falls in. Every column of a Table shares the same batch boundaries, so the
 * chunk and local index of a row are computed once per table and used for every column.
 */
import type { Table } from 'apache-arrow';

/**
 * The first table row of each batch, plus the total row count at the end.
 * @param table - the table.
 * @returns `starts`, with `starts.length === batches + 1`.
 */
export function batchStarts(table: Table): number[] {
  const starts = [0];
  for (const batch of table.batches) {
    starts.push(starts[starts.length - 1] + batch.numRows);
  }
  return starts;
}

/**
 * The batch that holds a table row (binary search).
 * @param starts - from {@link batchStarts}.
 * @param row - a table row, `0 <= row < total`.
 * @returns the batch index.
 */
export function chunkOf(starts: readonly number[], row: number): number {
  let lo = 0;
  let hi = starts.length - 2;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid] <= row) {
      lo = mid;
    } else {
      hi = mid - 1;
    }
  }
  return lo;
}

/** Where a list of table rows lives: batch and index within the batch, per entry. */
export interface RowLocations {
  /** The batch of each entry, or null when the table has one batch (always 0). */
  chunk: Int32Array | null;
  /** The index within its batch (-1 where the entry is -1). */
  local: Int32Array;
}

/**
 * Locate many table rows at once (entries of -1 stay -1).
 * @param starts - from {@link batchStarts}.
 * @param rows - table rows, or -1.
 * @returns their batches and local indices; with one batch, `local` is `rows` itself.
 */
export function locateRows(starts: readonly number[], rows: Int32Array): RowLocations {
  if (starts.length <= 2) {
    return { chunk: null, local: rows };
  }
  const chunk = new Int32Array(rows.length);
  const local = new Int32Array(rows.length);
  for (let k = 0; k < rows.length; k++) {
    const row = rows[k];
    if (row < 0) {
      local[k] = -1;
      continue;
    }
    const c = chunkOf(starts, row);
    chunk[k] = c;
    local[k] = row - starts[c];
  }
  return { chunk, local };
}
