/**
 * Cell equality for one column pair, specialised once per column so the diff's inner loop reads
 * typed arrays directly (no row objects, no per-cell `Vector.get`):
 * - same type: numbers by value (NaN equals NaN, -0 equals 0), 64-bit and wider fixed-width
 *   values (int64, timestamps, decimals…) word by word, strings and binary byte by byte, booleans
 *   by bit, dictionaries by their decoded values;
 * - different numeric types (int64 5 vs double 5.0): by numeric value;
 * - anything else (int → string, nested types): by display string (table-format.ts).
 * Nulls equal nulls only.
 */
import { Data, DataType, DateUnit, Dictionary, Precision, Type, util, Vector } from 'apache-arrow';
import { formatValue, isValidAt } from './table-format';

/** Whether cell `li` of left batch `lc` equals cell `ri` of right batch `rc`. */
export type CellEquals = (lc: number, li: number, rc: number, ri: number) => boolean;

/** A column's batches with what the hot loop needs, unpacked once. */
export interface Side {
  data: Data[];
  /** Validity bitmap per batch; null when the batch has no nulls. */
  bitmaps: (Uint8Array | null)[];
  /** Bit offset of each batch into its bitmap (and bool values). */
  offsets: number[];
}

/** Unpack a column's batches. */
export function side(vector: Vector): Side {
  const data = vector.data as Data[];
  return {
    data,
    bitmaps: data.map(d => (d.nullCount > 0 ? d.nullBitmap : null)),
    offsets: data.map(d => d.offset)
  };
}

/** Whether value `i` of batch `c` is valid. */
export function valid(s: Side, c: number, i: number): boolean {
  const bitmap = s.bitmaps[c];
  if (bitmap === null) {
    return true;
  }
  const p = s.offsets[c] + i;
  return (bitmap[p >> 3] & (1 << (p & 7))) !== 0;
}

/** Integer and floating types whose values compare as JS numbers in their typed array. */
export function isPlainNumber(type: DataType): boolean {
  switch (type.typeId) {
    case Type.Int:
      return (type as unknown as { bitWidth: number }).bitWidth <= 32;
    case Type.Float:
      return (type as unknown as { precision: Precision }).precision !== Precision.HALF;
    case Type.Date:
      return (type as unknown as { unit: DateUnit }).unit === DateUnit.DAY; // int32 days
    case Type.Time:
      return (type as unknown as { bitWidth: number }).bitWidth === 32;
    default:
      return false;
  }
}

/** Bytes per value of fixed-width types compared word by word, else 0. */
export function fixedWidth(type: DataType): number {
  switch (type.typeId) {
    case Type.Int:
    case Type.Timestamp:
    case Type.Duration:
    case Type.Time:
    case Type.Date:
      return 8; // only reached for the 64-bit ones (see isPlainNumber)
    case Type.Decimal:
      return (type as unknown as { bitWidth: number }).bitWidth / 8;
    case Type.FixedSizeBinary:
      return (type as unknown as { byteWidth: number }).byteWidth;
    default:
      return 0;
  }
}

/** Types that compare numerically with each other when the two sides' types differ. */
export function isNumericType(type: DataType): boolean {
  return type.typeId === Type.Int || type.typeId === Type.Float || type.typeId === Type.Decimal;
}

/**
 * Whether two column types are "the same" for the diff: equal Arrow type strings, or two
 * dictionaries of the same value type (the index width, int8 vs int16, is an encoding detail that
 * changes when a category list grows).
 * @param a - one type.
 * @param b - the other.
 * @returns true when they are.
 */
export function sameColumnType(a: DataType, b: DataType): boolean {
  if (String(a) === String(b)) {
    return true;
  }
  if (a.typeId === Type.Dictionary && b.typeId === Type.Dictionary) {
    return String((a as Dictionary).dictionary) === String((b as Dictionary).dictionary);
  }
  return false;
}

/** Wrap a values-only comparison with null handling. */
function withNulls(l: Side, r: Side, eq: CellEquals): CellEquals {
  if (l.bitmaps.every(b => b === null) && r.bitmaps.every(b => b === null)) {
    return eq;
  }
  return (lc, li, rc, ri) => {
    const lv = valid(l, lc, li);
    const rv = valid(r, rc, ri);
    if (!lv || !rv) {
      return lv === rv;
    }
    return eq(lc, li, rc, ri);
  };
}

/** Numbers in their own typed arrays (same type on both sides). */
function plainNumbers(l: Side, r: Side): CellEquals {
  const lv = l.data.map(d => d.values as ArrayLike<number>);
  const rv = r.data.map(d => d.values as ArrayLike<number>);
  return (lc, li, rc, ri) => {
    const a = lv[lc][li];
    const b = rv[rc][ri];
    return a === b || (a !== a && b !== b); // NaN equals NaN
  };
}

/** The values of a batch as 32-bit words when aligned, else bytes; and units per value. */
function words(data: Data, width: number): [Int32Array | Uint8Array, number] {
  const v = data.values as ArrayBufferView;
  if (width % 4 === 0 && v.byteOffset % 4 === 0) {
    return [new Int32Array(v.buffer, v.byteOffset, v.byteLength >> 2), width >> 2];
  }
  return [new Uint8Array(v.buffer, v.byteOffset, v.byteLength), width];
}

/** Fixed-width values compared unit by unit (exact: int64, timestamps, decimals…). */
function fixedValues(l: Side, r: Side, width: number): CellEquals {
  const lw = l.data.map(d => words(d, width));
  const rw = r.data.map(d => words(d, width));
  return (lc, li, rc, ri) => {
    const [a, n] = lw[lc];
    const [b, m] = rw[rc];
    if (n === m) {
      if (n === 1) {
        return a[li] === b[ri];
      }
      if (n === 2) {
        return a[2 * li] === b[2 * ri] && a[2 * li + 1] === b[2 * ri + 1]; // int64, timestamps
      }
      // (Same width on both sides, so n === m means the same kind of view.)
      for (let k = 0, ai = li * n, bi = ri * n; k < n; k++) {
        if (a[ai + k] !== b[bi + k]) {
          return false;
        }
      }
      return true;
    }
    // A word view against a byte view (one buffer misaligned): compare bytes.
    const ab = new Uint8Array(a.buffer, a.byteOffset + li * width, width);
    const bb = new Uint8Array(b.buffer, b.byteOffset + ri * width, width);
    for (let k = 0; k < width; k++) {
      if (ab[k] !== bb[k]) {
        return false;
      }
    }
    return true;
  };
}

/** Variable-width strings or binary, compared byte by byte. */
function variableBytes(l: Side, r: Side): CellEquals {
  const lo = l.data.map(d => d.valueOffsets as Int32Array | BigInt64Array);
  const ro = r.data.map(d => d.valueOffsets as Int32Array | BigInt64Array);
  const lb = l.data.map(d => d.values as Uint8Array);
  const rb = r.data.map(d => d.values as Uint8Array);
  return (lc, li, rc, ri) => {
    const loff = lo[lc];
    const roff = ro[rc];
    const a0 = Number(loff[li]);
    const b0 = Number(roff[ri]);
    const n = Number(loff[li + 1]) - a0;
    if (Number(roff[ri + 1]) - b0 !== n) {
      return false;
    }
    const a = lb[lc];
    const b = rb[rc];
    for (let k = 0; k < n; k++) {
      if (a[a0 + k] !== b[b0 + k]) {
        return false;
      }
    }
    return true;
  };
}

/** Booleans, bit by bit (bool values are not sliced: the batch offset applies). */
function booleans(l: Side, r: Side): CellEquals {
  const lv = l.data.map(d => d.values as Uint8Array);
  const rv = r.data.map(d => d.values as Uint8Array);
  return (lc, li, rc, ri) => {
    const p = l.offsets[lc] + li;
    const q = r.offsets[rc] + ri;
    return ((lv[lc][p >> 3] >> (p & 7)) & 1) === ((rv[rc][q >> 3] >> (q & 7)) & 1);
  };
}

/**
 * Dictionaries: each distinct dictionary entry (by display text) gets an id shared by both
 * sides, so cells compare by decoded value whatever the codes and index widths.
 * @param l - the left column.
 * @param r - the right column.
 * @returns per batch of each side, the shared id of each dictionary entry.
 */
export function dictionaryIds(l: Side, r: Side): [Int32Array[], Int32Array[]] {
  const ids = new Map<string | null, number>();
  const perDictionary = new Map<Vector, Int32Array>();
  const idsOf = (dictionary: Vector | undefined): Int32Array => {
    if (!dictionary) {
      return new Int32Array(0);
    }
    let out = perDictionary.get(dictionary);
    if (!out) {
      out = new Int32Array(dictionary.length);
      let k = 0;
      for (const data of dictionary.data) {
        for (let i = 0; i < data.length; i++, k++) {
          const text = formatValue(data, i);
          let id = ids.get(text);
          if (id === undefined) {
            id = ids.size;
            ids.set(text, id);
          }
          out[k] = id;
        }
      }
      perDictionary.set(dictionary, out);
    }
    return out;
  };
  return [l.data.map(d => idsOf(d.dictionary)), r.data.map(d => idsOf(d.dictionary))];
}

/** Dictionary cells by decoded value (see {@link dictionaryIds}). */
function dictionaries(l: Side, r: Side): CellEquals {
  const [lIds, rIds] = dictionaryIds(l, r);
  const lCodes = l.data.map(d => d.values as ArrayLike<number | bigint>);
  const rCodes = r.data.map(d => d.values as ArrayLike<number | bigint>);
  return (lc, li, rc, ri) => lIds[lc][Number(lCodes[lc][li])] === rIds[rc][Number(rCodes[rc][ri])];
}

/**
 * A reader of numbers from a numeric column (ints, floats, decimals), for comparing columns whose
 * numeric types differ.
 * @param data - one batch.
 * @returns value `i` as a JS number.
 */
export function numberReader(data: Data): (i: number) => number {
  const type = data.type as DataType & { precision?: number; bitWidth?: number };
  const values = data.values as ArrayLike<number | bigint>;
  if (type.typeId === Type.Float && type.precision === Precision.HALF) {
    return i => util.uint16ToFloat64(values[i] as number);
  }
  if (type.typeId === Type.Decimal) {
    return i => Number(formatValue(data, i));
  }
  if (type.typeId === Type.Int && type.bitWidth === 64) {
    return i => Number(values[i]);
  }
  return i => values[i] as number;
}

/** Numbers of different numeric types, by value. */
function crossNumbers(l: Side, r: Side): CellEquals {
  const lr = l.data.map(numberReader);
  const rr = r.data.map(numberReader);
  return (lc, li, rc, ri) => {
    const a = lr[lc](li);
    const b = rr[rc](ri);
    return a === b || (a !== a && b !== b);
  };
}

/** Anything else: by display string. */
function displayText(l: Side, r: Side): CellEquals {
  return (lc, li, rc, ri) => formatValue(l.data[lc], li) === formatValue(r.data[rc], ri);
}

/**
 * The equality of cells of one column pair.
 * @param left - the left column.
 * @param right - the right column.
 * @returns a function of (left batch, left index, right batch, right index).
 */
export function cellEquals(left: Vector, right: Vector): CellEquals {
  const l = side(left);
  const r = side(right);
  const lt = left.type as DataType;
  const rt = right.type as DataType;
  if (lt.typeId === Type.Null || rt.typeId === Type.Null) {
    // A Null column holds only nulls: equal where the other side is null too.
    return (lc, li, rc, ri) => !isValidAt(l.data[lc], li) && !isValidAt(r.data[rc], ri);
  }
  if (sameColumnType(lt, rt)) {
    if (isPlainNumber(lt)) {
      return withNulls(l, r, plainNumbers(l, r));
    }
    const width = fixedWidth(lt);
    if (width > 0) {
      return withNulls(l, r, fixedValues(l, r, width));
    }
    switch (lt.typeId) {
      case Type.Utf8:
      case Type.LargeUtf8:
      case Type.Binary:
      case Type.LargeBinary:
        return withNulls(l, r, variableBytes(l, r));
      case Type.Bool:
        return withNulls(l, r, booleans(l, r));
      case Type.Dictionary:
        return withNulls(l, r, dictionaries(l, r));
      case Type.Float:
        return withNulls(l, r, crossNumbers(l, r)); // float16
      default:
        return withNulls(l, r, displayText(l, r));
    }
  }
  if (isNumericType(lt) && isNumericType(rt)) {
    return withNulls(l, r, crossNumbers(l, r));
  }
  return withNulls(l, r, displayText(l, r));
}
