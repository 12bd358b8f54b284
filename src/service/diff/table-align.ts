/**
 * Row alignment: which left row goes with which right row, as typed arrays.
 *
 * By key, aligned rows follow the right (newer) table's order, and each removed left row is
 * placed right after the row its left predecessor was matched to, so it shows near its old
 * neighbours. Rows with the same key on one side (duplicate keys) are paired in order of
 * occurrence: the first left row with key k with the first right row with key k, and so on; the
 * count of such keys is reported so the view can say the pairing is positional within a key.
 */
import type { KeyIds } from './table-keys';

/** Row status codes of {@link Alignment.status} and the diff. */
export const RowStatus = {
  Same: 0,
  Changed: 1,
  Added: 2,
  Removed: 3
} as const;

/** One of the {@link RowStatus} codes. */
export type RowStatusCode = (typeof RowStatus)[keyof typeof RowStatus];

/** How many distinct key values occur more than once in each table. */
export interface DuplicateKeys {
  left: number;
  right: number;
  /** A table row of the first duplicated key found (right side first), to show an example. */
  example?: { side: 'left' | 'right'; row: number };
}

/** The aligned rows. */
export interface Alignment {
  /** Number of aligned rows. */
  rowCount: number;
  /** Per aligned row: Same (both sides, not yet compared), Added or Removed. */
  status: Uint8Array;
  /** Left table row of each aligned row, -1 when none. */
  leftRow: Int32Array;
  /** Right table row of each aligned row, -1 when none. */
  rightRow: Int32Array;
  /** Duplicate keys (zeros when aligned by position). */
  duplicates: DuplicateKeys;
}

/**
 * Align by position: row i with row i; the longer table's extra rows are added or removed.
 * @param leftRows - left row count.
 * @param rightRows - right row count.
 * @returns the alignment.
 */
export function alignByPosition(leftRows: number, rightRows: number): Alignment {
  const n = Math.max(leftRows, rightRows);
  const status = new Uint8Array(n);
  const leftRow = new Int32Array(n);
  const rightRow = new Int32Array(n);
  for (let k = 0; k < n; k++) {
    leftRow[k] = k < leftRows ? k : -1;
    rightRow[k] = k < rightRows ? k : -1;
    status[k] = k >= leftRows ? RowStatus.Added : k >= rightRows ? RowStatus.Removed : RowStatus.Same;
  }
  return { rowCount: n, status, leftRow, rightRow, duplicates: { left: 0, right: 0 } };
}

/** Count the ids that occur more than once; also return the first row holding one. */
function duplicated(ids: Int32Array, count: number): [number, number] {
  const seen = new Uint8Array(count); // 0 never, 1 once, 2 more
  let keys = 0;
  let firstRow = -1;
  for (let i = 0; i < ids.length; i++) {
    const id = ids[i];
    if (seen[id] === 1) {
      keys++;
      seen[id] = 2;
      if (firstRow < 0) {
        firstRow = i;
      }
    } else if (seen[id] === 0) {
      seen[id] = 1;
    }
  }
  return [keys, firstRow];
}

/**
 * Align by key ids (from table-keys.ts).
 * @param keys - the key id of every left and right row.
 * @returns the alignment.
 */
export function alignByKey(keys: KeyIds): Alignment {
  const { left, right, count } = keys;
  const nl = left.length;
  const nr = right.length;

  // Chain the right rows of each key in order of occurrence: head[id] → next[row] → … → -1.
  const head = new Int32Array(count).fill(-1);
  const next = new Int32Array(nr);
  for (let j = nr - 1; j >= 0; j--) {
    const id = right[j];
    next[j] = head[id];
    head[id] = j;
  }

  // Pair each left row with the next unused right row of its key.
  const match = new Int32Array(nl);
  const rightMatched = new Uint8Array(nr);
  // Removed rows are anchored after the right row of their nearest matched left predecessor:
  // slot 0 is "before every row", slot j + 1 is "after right row j".
  const slotCount = new Int32Array(nr + 1);
  let previous = -1;
  let removed = 0;
  for (let i = 0; i < nl; i++) {
    const id = left[i];
    const j = head[id];
    if (j >= 0) {
      head[id] = next[j];
      match[i] = j;
      rightMatched[j] = 1;
      previous = j;
    } else {
      match[i] = -1;
      slotCount[previous + 1]++;
      removed++;
    }
  }

  // slotStart[s]: removed rows in slots before s.
  const slotStart = new Int32Array(nr + 2);
  for (let s = 0; s <= nr; s++) {
    slotStart[s + 1] = slotStart[s] + slotCount[s];
  }
  const n = nr + removed;
  const status = new Uint8Array(n);
  const leftRow = new Int32Array(n).fill(-1);
  const rightRow = new Int32Array(n).fill(-1);
  for (let j = 0; j < nr; j++) {
    const k = j + slotStart[j + 1];
    rightRow[k] = j;
    status[k] = rightMatched[j] ? RowStatus.Same : RowStatus.Added;
  }
  // Fill each slot's removed rows in left order.
  const cursor = slotCount; // reused: rows placed so far per slot
  cursor.fill(0);
  previous = -1;
  for (let i = 0; i < nl; i++) {
    const j = match[i];
    if (j >= 0) {
      leftRow[j + slotStart[j + 1]] = i;
      previous = j;
    } else {
      const s = previous + 1;
      const k = s + slotStart[s] + cursor[s]++;
      leftRow[k] = i;
      status[k] = RowStatus.Removed;
    }
  }

  const [leftDuplicates, leftExample] = duplicated(left, count);
  const [rightDuplicates, rightExample] = duplicated(right, count);
  const duplicates: DuplicateKeys = { left: leftDuplicates, right: rightDuplicates };
  if (rightExample >= 0) {
    duplicates.example = { side: 'right', row: rightExample };
  } else if (leftExample >= 0) {
    duplicates.example = { side: 'left', row: leftExample };
  }
  return { rowCount: n, status, leftRow, rightRow, duplicates };
}
