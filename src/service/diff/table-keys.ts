/**
 * Row keys → dense integer ids shared by both tables, so that matching rows by key is integer
 * work on typed arrays (see table-align.ts). One Map lives only while the ids are assigned.
 *
 * How a key column is read, per column pair:
 * - same type on both sides: its raw value (numbers as numbers, int64 as a number when exact,
 *   strings decoded), which is fast;
 * - two different numeric types (int64 vs double): as a JS number, so 5 and 5.0 match;
 * - otherwise (int vs string…): by display string, so 5 and "5" match.
 * Null keys match null keys. A composite key is the length-prefixed concatenation of its parts.
 */
import { Data, DataType, DateUnit, Table, Type, Vector } from 'apache-arrow';
import { isNumericType, numberReader, sameColumnType } from './table-compare';
import { decodeUtf8Range, formatValue, isValidAt } from './table-format';

/** How a key column pair is read. */
type KeyMode = 'raw' | 'number' | 'text';

/** One key column's value for a row. */
type KeyPart = number | string | symbol;

/** The part of a null key (a Map key distinct from every value). */
const NULL_KEY: unique symbol = Symbol('null key');

/** Rows between yields to the caller (lets a long diff be cancelled and the page breathe). */
export const KEY_BLOCK = 1 << 16;

/** The dense key id of every row of both tables. */
export interface KeyIds {
  left: Int32Array;
  right: Int32Array;
  /** How many distinct keys there are (ids are `0 … count - 1`). */
  count: number;
  /**
   * Whether rows with the same id have equal key cells (as the cell comparison sees them), so
   * the diff need not compare the key columns: true when every key column pair is of one
   * integer-valued type (ints, dates, times, timestamps, durations), read exactly.
   */
  exact: boolean;
}

/**
 * Whether a key column pair is read exactly: one integer-valued type on both sides, whose key
 * parts equal exactly when the values do.
 * @param left - the left column.
 * @param right - the right column.
 * @returns true when it is.
 */
function exactKey(left: Vector, right: Vector): boolean {
  const lt = left.type as DataType;
  const integral = [Type.Int, Type.Date, Type.Time, Type.Timestamp, Type.Duration] as number[];
  return String(lt) === String(right.type) && integral.includes(lt.typeId);
}

/** The reader of one batch's key values. */
function partReader(data: Data, mode: KeyMode): (i: number) => KeyPart {
  const read = valueReader(data, mode);
  if (data.nullCount === 0) {
    return read;
  }
  return i => (isValidAt(data, i) ? read(i) : NULL_KEY);
}

/** The reader of one batch's non-null key values. */
function valueReader(data: Data, mode: KeyMode): (i: number) => KeyPart {
  if (mode === 'text') {
    return i => formatValue(data, i) as string;
  }
  if (mode === 'number') {
    return numberReader(data);
  }
  const type = data.type as DataType & { bitWidth?: number; unit?: number };
  const values = data.values as ArrayLike<number | bigint>;
  switch (type.typeId) {
    case Type.Int:
    case Type.Timestamp:
    case Type.Duration:
    case Type.Time:
    case Type.Date:
      if (type.typeId === Type.Date ? type.unit === DateUnit.DAY : type.bitWidth !== undefined && type.bitWidth <= 32) {
        return i => values[i] as number;
      }
      return int64Reader(data);
    case Type.Float:
      return (type as unknown as { precision: number }).precision === 0 ? i => formatValue(data, i) as string : i => values[i] as number;
    case Type.Utf8:
    case Type.LargeUtf8: {
      const offsets = data.valueOffsets as Int32Array | BigInt64Array;
      const bytes = data.values as Uint8Array;
      return i => decodeUtf8Range(bytes, Number(offsets[i]), Number(offsets[i + 1]));
    }
    default:
      return i => formatValue(data, i) as string;
  }
}

/**
 * A reader of 64-bit integers (int64, uint64, timestamps…) that avoids allocating a BigInt per
 * value: a number when exact (|v| < 2^53), else the decimal digits (a string never equals a
 * number key, so exactness is kept).
 * @param data - one batch of a 64-bit column.
 * @returns the reader.
 */
export function int64Reader(data: Data): (i: number) => number | string {
  const values = data.values as BigInt64Array | BigUint64Array;
  const unsigned = (data.type as DataType & { isSigned?: boolean }).isSigned === false;
  if (values.byteOffset % 4 !== 0) {
    return i => String(values[i]);
  }
  const words = new Int32Array(values.buffer, values.byteOffset, values.length * 2);
  return i => {
    const lo = words[2 * i] >>> 0;
    const hi = unsigned ? words[2 * i + 1] >>> 0 : words[2 * i + 1];
    // Little-endian words; exact when the high word has at most 21 significant bits.
    return hi >= -0x200000 && hi < 0x200000 ? hi * 0x100000000 + lo : String(values[i]);
  };
}

/** How a key column pair is read (see the module comment). */
function modeOf(left: Vector, right: Vector): KeyMode {
  const lt = left.type as DataType;
  const rt = right.type as DataType;
  if (sameColumnType(lt, rt) && lt.typeId !== Type.Dictionary) {
    return 'raw';
  }
  return isNumericType(lt) && isNumericType(rt) ? 'number' : 'text';
}

/** A composite key's part as text, unambiguous once length-prefixed. */
function partText(part: KeyPart): string {
  if (part === NULL_KEY) {
    return '-';
  }
  const s = String(part);
  return `${s.length}:${s}`;
}

/**
 * Assign ids to one table's keys.
 * @param table - the table.
 * @param columns - its key column indices.
 * @param modes - how each key column is read.
 * @param ids - key → id, shared by both tables.
 * @param out - receives the id of each row.
 */
function* assign(table: Table, columns: number[], modes: KeyMode[], ids: Map<unknown, number>, out: Int32Array): Generator<void, void> {
  let row = 0;
  let sinceYield = 0;
  for (const batch of table.batches) {
    const readers = columns.map((c, k) => partReader(batch.data.children[c], modes[k]));
    const single = readers.length === 1 ? readers[0] : undefined;
    for (let i = 0; i < batch.numRows; i++, row++) {
      let key: unknown;
      if (single) {
        key = single(i);
      } else {
        let text = '';
        for (const read of readers) {
          text += partText(read(i));
        }
        key = text;
      }
      let id = ids.get(key);
      if (id === undefined) {
        id = ids.size;
        ids.set(key, id);
      }
      out[row] = id;
      if (++sinceYield === KEY_BLOCK) {
        sinceYield = 0;
        yield;
      }
    }
  }
}

/**
 * A table's integer key column as numbers in one typed array, NaN for a null; read straight
 * from the values (64-bit ones as two 32-bit words), no call per row.
 * @param table - the table.
 * @param c - the column's index.
 * @returns the values, or undefined when one is beyond 2^53 (those take the Map path).
 */
export function integerKeys(table: Table, c: number): Float64Array | undefined {
  const out = new Float64Array(table.numRows);
  let row = 0;
  for (const batch of table.batches) {
    const data = batch.data.children[c];
    const n = batch.numRows;
    const values = data.values as ArrayLike<number> & ArrayBufferView;
    if (values instanceof BigInt64Array || values instanceof BigUint64Array) {
      if (values.byteOffset % 4 !== 0) {
        return undefined;
      }
      const words = new Int32Array(values.buffer, values.byteOffset, n * 2);
      const unsigned = values instanceof BigUint64Array;
      for (let i = 0; i < n; i++) {
        const lo = words[2 * i] >>> 0;
        const hi = unsigned ? words[2 * i + 1] >>> 0 : words[2 * i + 1];
        if (hi >= -0x200000 && hi < 0x200000) {
          out[row + i] = hi * 0x100000000 + lo;
        } else if (isValidAt(data, i)) {
          return undefined; // beyond 2^53
        }
      }
    } else {
      for (let i = 0; i < n; i++) {
        out[row + i] = values[i];
      }
    }
    if (data.nullCount > 0) {
      for (let i = 0; i < n; i++) {
        if (!isValidAt(data, i)) {
          out[row + i] = NaN;
        }
      }
    }
    row += n;
  }
  return out;
}

/** Widen a range to the values' (NaN, a null, fails both tests). */
function widen(range: { min: number; max: number }, values: Float64Array): void {
  let { min, max } = range;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    min = v < min ? v : min;
    max = v > max ? v : max;
  }
  range.min = min;
  range.max = max;
}

/**
 * The ids of integer keys: `slots[value - min]` holds a value's id, given in order of first
 * occurrence (nulls share one id), as the Map path gives them.
 */
function slotIds(values: Float64Array, min: number, slots: Int32Array, state: { count: number; nullId: number }): Int32Array {
  const ids = new Int32Array(values.length);
  let { count, nullId } = state;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v !== v) {
      ids[i] = nullId < 0 ? (nullId = count++) : nullId;
    } else {
      const at = (v - min) | 0;
      const id = slots[at];
      ids[i] = id < 0 ? (slots[at] = count++) : id;
    }
  }
  state.count = count;
  state.nullId = nullId;
  return ids;
}

/**
 * Whether integer keys are all different (nulls, NaN here, count as one value): by a table of
 * seen values when they span a small range, else by sorting a copy.
 * @param values - from {@link integerKeys}.
 * @returns true when no value repeats.
 */
export function uniqueIntegers(values: Float64Array): boolean {
  const range = { min: Infinity, max: -Infinity };
  widen(range, values);
  const { min, max } = range;
  if (Number.isFinite(min) && max - min <= 4 * values.length + 1024) {
    const seen = new Uint8Array(max - min + 1);
    let nulls = 0;
    for (let i = 0; i < values.length; i++) {
      const v = values[i];
      if (v !== v) {
        if (++nulls > 1) {
          return false;
        }
        continue;
      }
      const at = (v - min) | 0;
      if (seen[at] !== 0) {
        return false;
      }
      seen[at] = 1;
    }
    return true;
  }
  const sorted = values.slice().sort(); // numeric order, NaN last
  for (let i = 1; i < sorted.length; i++) {
    const a = sorted[i - 1];
    const b = sorted[i];
    if (a === b || (a !== a && b !== b)) {
      return false;
    }
  }
  return true;
}

/**
 * Integer keys spanning a small range (the common `id` column) get ids from an array indexed by
 * value instead of a Map: the same ids, several times faster.
 * @returns the ids, or undefined when the key is not such a column.
 */
function* denseIds(left: Table, right: Table, lc: number, rc: number): Generator<void, KeyIds | undefined> {
  const lt = left.schema.fields[lc].type as DataType;
  if (lt.typeId !== Type.Int || String(lt) !== String(right.schema.fields[rc].type)) {
    return undefined;
  }
  const sides: Float64Array[] = [];
  const range = { min: Infinity, max: -Infinity };
  for (const [table, c] of [
    [left, lc],
    [right, rc]
  ] as const) {
    const values = integerKeys(table, c);
    if (!values) {
      return undefined;
    }
    widen(range, values);
    sides.push(values);
    yield;
  }
  const { min, max } = range;
  const rows = left.numRows + right.numRows;
  if (!(Number.isFinite(min) && Number.isFinite(max) && max - min <= 4 * rows + 1024)) {
    return undefined; // sparse, or no values at all
  }
  const slots = new Int32Array(max - min + 1).fill(-1);
  const state = { count: 0, nullId: -1 };
  const out = sides.map(values => slotIds(values, min, slots, state));
  const count = state.count;
  return { left: out[0], right: out[1], count, exact: true };
}

/**
 * The key ids of both tables' rows: equal keys, equal ids.
 * @param left - the left table.
 * @param right - the right table.
 * @param leftColumns - indices of the key columns in `left`.
 * @param rightColumns - the same columns' indices in `right`.
 * @returns a generator (it yields between blocks of rows) that returns the ids.
 */
export function* keyIds(left: Table, right: Table, leftColumns: number[], rightColumns: number[]): Generator<void, KeyIds> {
  if (leftColumns.length === 1) {
    const dense = yield* denseIds(left, right, leftColumns[0], rightColumns[0]);
    if (dense) {
      return dense;
    }
  }
  const modes = leftColumns.map((c, k) => modeOf(left.getChildAt(c) as Vector, right.getChildAt(rightColumns[k]) as Vector));
  const ids = new Map<unknown, number>();
  const leftIds = new Int32Array(left.numRows);
  const rightIds = new Int32Array(right.numRows);
  yield* assign(left, leftColumns, modes, ids, leftIds);
  yield* assign(right, rightColumns, modes, ids, rightIds);
  const exact = leftColumns.every((c, k) => exactKey(left.getChildAt(c) as Vector, right.getChildAt(rightColumns[k]) as Vector));
  return { left: leftIds, right: rightIds, count: ids.size, exact };
}
