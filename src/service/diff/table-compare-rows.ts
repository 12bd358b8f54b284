/**
 * One column pair compared over a block of aligned rows, the changed cells marked in a bit mask
 * (one bit per column in `wordsPerRow` words per aligned row).
 *
 * The common types get a loop of their own that reads the typed arrays inline: numbers,
 * 64-bit values (int64, timestamps) as two 32-bit words, strings and binary byte by byte, and
 * dictionaries by decoded value. A loop per type keeps each loop's reads monomorphic, so V8
 * compiles it to plain array accesses; a shared loop calling a per-cell function (what
 * {@link cellEquals} gives, and what every other type uses here) costs a call per cell. Both give
 * the same answers (table-compare-rows.spec.ts checks them against each other).
 */
import type { DataType, Vector } from 'apache-arrow';
import { Type } from 'apache-arrow';
import type { Alignment } from './table-align';
import type { RowLocations } from './table-chunks';
import { cellEquals, dictionaryIds, fixedWidth, isPlainNumber, sameColumnType, side, valid } from './table-compare';
import type { Side } from './table-compare';

/** Compares aligned rows `start … end - 1`, marks the changed cells, returns how many. */
export type BlockCompare = (start: number, end: number) => number;

/** Where the rows are and where the marks go. */
export interface CompareTarget {
  /** The aligned rows (only rows with status Same are compared). */
  alignment: Alignment;
  /** Batch and index of each aligned row in the left and right tables. */
  where: { l: RowLocations; r: RowLocations };
  /** The changed-cell mask: `wordsPerRow` words per aligned row. */
  mask: Uint32Array;
  wordsPerRow: number;
}

/** Status Same (a local constant: module bindings can be getters once compiled to CommonJS). */
const SAME = 0;

/** Whether a side has no nulls in any batch. */
function noNulls(s: Side): boolean {
  return s.bitmaps.every(b => b === null);
}

/**
 * The comparison of one column pair.
 * @param left - the left column.
 * @param right - the right column.
 * @param column - the column's index in the diff (its bit in the mask).
 * @param target - rows and mask.
 * @returns the block comparison.
 */
export function blockCompare(left: Vector, right: Vector, column: number, target: CompareTarget): BlockCompare {
  const l = side(left);
  const r = side(right);
  const lt = left.type as DataType;
  const rt = right.type as DataType;
  if (sameColumnType(lt, rt)) {
    if (isPlainNumber(lt)) {
      return numbers(l, r, column, target);
    }
    if (fixedWidth(lt) === 8 && lt.typeId !== Type.FixedSizeBinary && aligned(l) && aligned(r)) {
      return words64(l, r, column, target);
    }
    if (lt.typeId === Type.Utf8 || lt.typeId === Type.Binary) {
      return bytes(l, r, column, target);
    }
    if (lt.typeId === Type.Dictionary && l.data.every(d => !(d.values instanceof BigInt64Array || d.values instanceof BigUint64Array))) {
      return dictionaryCodes(l, r, column, target);
    }
  }
  return perCell(left, right, column, target);
}

/** Whether every batch's values can be viewed as 32-bit words. */
function aligned(s: Side): boolean {
  return s.data.every(d => (d.values as ArrayBufferView).byteOffset % 4 === 0);
}

/** Any other type: {@link cellEquals} per cell. */
function perCell(left: Vector, right: Vector, column: number, target: CompareTarget): BlockCompare {
  const eq = cellEquals(left, right);
  const { status } = target.alignment;
  const { chunk: lChunk, local: lLocal } = target.where.l;
  const { chunk: rChunk, local: rLocal } = target.where.r;
  const { mask, wordsPerRow } = target;
  const word = column >> 5;
  const bit = 1 << (column & 31);
  return (start, end) => {
    let changed = 0;
    for (let k = start; k < end; k++) {
      if (status[k] === SAME && !eq(lChunk ? lChunk[k] : 0, lLocal[k], rChunk ? rChunk[k] : 0, rLocal[k])) {
        mask[k * wordsPerRow + word] |= bit;
        changed++;
      }
    }
    return changed;
  };
}

/*
 * The loops below share one shape: skip rows not on both sides; find each side's batch and
 * index; when either side has nulls, null = null and null ≠ value; else compare the values.
 */

/** Numbers in their own typed arrays: NaN equals NaN, -0 equals 0. */
function numbers(l: Side, r: Side, column: number, target: CompareTarget): BlockCompare {
  const lv = l.data.map(d => d.values as ArrayLike<number>);
  const rv = r.data.map(d => d.values as ArrayLike<number>);
  const nulls = !(noNulls(l) && noNulls(r));
  const { status } = target.alignment;
  const { chunk: lChunk, local: lLocal } = target.where.l;
  const { chunk: rChunk, local: rLocal } = target.where.r;
  const { mask, wordsPerRow } = target;
  const word = column >> 5;
  const bit = 1 << (column & 31);
  return (start, end) => {
    let changed = 0;
    for (let k = start; k < end; k++) {
      if (status[k] !== SAME) {
        continue;
      }
      const lc = lChunk ? lChunk[k] : 0;
      const rc = rChunk ? rChunk[k] : 0;
      const li = lLocal[k];
      const ri = rLocal[k];
      let same: boolean;
      const lOk = !nulls || valid(l, lc, li);
      const rOk = !nulls || valid(r, rc, ri);
      if (lOk && rOk) {
        const a = lv[lc][li];
        const b = rv[rc][ri];
        same = a === b || (a !== a && b !== b);
      } else {
        same = lOk === rOk;
      }
      if (!same) {
        mask[k * wordsPerRow + word] |= bit;
        changed++;
      }
    }
    return changed;
  };
}

/** 64-bit values (int64, uint64, timestamps, durations, date64, time64) as two 32-bit words. */
function words64(l: Side, r: Side, column: number, target: CompareTarget): BlockCompare {
  const view = (s: Side) =>
    s.data.map(d => {
      const v = d.values as ArrayBufferView;
      return new Int32Array(v.buffer, v.byteOffset, v.byteLength >> 2);
    });
  const lv = view(l);
  const rv = view(r);
  const nulls = !(noNulls(l) && noNulls(r));
  const { status } = target.alignment;
  const { chunk: lChunk, local: lLocal } = target.where.l;
  const { chunk: rChunk, local: rLocal } = target.where.r;
  const { mask, wordsPerRow } = target;
  const word = column >> 5;
  const bit = 1 << (column & 31);
  return (start, end) => {
    let changed = 0;
    for (let k = start; k < end; k++) {
      if (status[k] !== SAME) {
        continue;
      }
      const lc = lChunk ? lChunk[k] : 0;
      const rc = rChunk ? rChunk[k] : 0;
      const li = lLocal[k];
      const ri = rLocal[k];
      let same: boolean;
      const lOk = !nulls || valid(l, lc, li);
      const rOk = !nulls || valid(r, rc, ri);
      if (lOk && rOk) {
        const a = lv[lc];
        const b = rv[rc];
        same = a[2 * li] === b[2 * ri] && a[2 * li + 1] === b[2 * ri + 1];
      } else {
        same = lOk === rOk;
      }
      if (!same) {
        mask[k * wordsPerRow + word] |= bit;
        changed++;
      }
    }
    return changed;
  };
}

/** Strings and binary with 32-bit offsets, byte by byte. */
function bytes(l: Side, r: Side, column: number, target: CompareTarget): BlockCompare {
  const lo = l.data.map(d => d.valueOffsets as Int32Array);
  const ro = r.data.map(d => d.valueOffsets as Int32Array);
  const lb = l.data.map(d => d.values as Uint8Array);
  const rb = r.data.map(d => d.values as Uint8Array);
  const nulls = !(noNulls(l) && noNulls(r));
  const { status } = target.alignment;
  const { chunk: lChunk, local: lLocal } = target.where.l;
  const { chunk: rChunk, local: rLocal } = target.where.r;
  const { mask, wordsPerRow } = target;
  const word = column >> 5;
  const bit = 1 << (column & 31);
  return (start, end) => {
    let changed = 0;
    for (let k = start; k < end; k++) {
      if (status[k] !== SAME) {
        continue;
      }
      const lc = lChunk ? lChunk[k] : 0;
      const rc = rChunk ? rChunk[k] : 0;
      const li = lLocal[k];
      const ri = rLocal[k];
      let same: boolean;
      const lOk = !nulls || valid(l, lc, li);
      const rOk = !nulls || valid(r, rc, ri);
      if (lOk && rOk) {
        const loff = lo[lc];
        const roff = ro[rc];
        const a0 = loff[li];
        const b0 = roff[ri];
        const n = loff[li + 1] - a0;
        same = roff[ri + 1] - b0 === n;
        if (same) {
          const a = lb[lc];
          const b = rb[rc];
          for (let q = 0; q < n; q++) {
            if (a[a0 + q] !== b[b0 + q]) {
              same = false;
              break;
            }
          }
        }
      } else {
        same = lOk === rOk;
      }
      if (!same) {
        mask[k * wordsPerRow + word] |= bit;
        changed++;
      }
    }
    return changed;
  };
}

/** Dictionaries with 8-to-32-bit codes, by decoded value (see {@link dictionaryIds}). */
function dictionaryCodes(l: Side, r: Side, column: number, target: CompareTarget): BlockCompare {
  const [lIds, rIds] = dictionaryIds(l, r);
  const lCodes = l.data.map(d => d.values as ArrayLike<number>);
  const rCodes = r.data.map(d => d.values as ArrayLike<number>);
  const nulls = !(noNulls(l) && noNulls(r));
  const { status } = target.alignment;
  const { chunk: lChunk, local: lLocal } = target.where.l;
  const { chunk: rChunk, local: rLocal } = target.where.r;
  const { mask, wordsPerRow } = target;
  const word = column >> 5;
  const bit = 1 << (column & 31);
  return (start, end) => {
    let changed = 0;
    for (let k = start; k < end; k++) {
      if (status[k] !== SAME) {
        continue;
      }
      const lc = lChunk ? lChunk[k] : 0;
      const rc = rChunk ? rChunk[k] : 0;
      const li = lLocal[k];
      const ri = rLocal[k];
      let same: boolean;
      const lOk = !nulls || valid(l, lc, li);
      const rOk = !nulls || valid(r, rc, ri);
      if (lOk && rOk) {
        same = lIds[lc][lCodes[lc][li]] === rIds[rc][rCodes[rc][ri]];
      } else {
        same = lOk === rOk;
      }
      if (!same) {
        mask[k * wordsPerRow + word] |= bit;
        changed++;
      }
    }
    return changed;
  };
}
