/**
 * Display strings of Arrow values, read straight from a batch's buffers (no row objects): what
 * the table diff shows in a cell, and what it compares when two columns' types cannot be compared
 * natively (e.g. int → string).
 *
 * Integers print exactly (int64 too), floats as Python prints them (`5.0`, `NaN`, `inf`),
 * decimals with their scale, dates as `YYYY-MM-DD`, timestamps as `YYYY-MM-DD HH:MM:SS[.fff…]`
 * (UTC with a `Z` when the column has a timezone), binary as hex, nested values as JSON.
 */
import { Data, DateUnit, makeVector, Precision, TimeUnit, Type, util, Vector } from 'apache-arrow';
import { stringify } from 'lossless-json';

/** Whether a batch's value at `index` is non-null. */
export function isValidAt(data: Data, index: number): boolean {
  if (data.typeId === Type.Null) {
    return false;
  }
  return data.nullCount === 0 || data.getValid(index);
}

const decoder = new TextDecoder('utf-8');

/**
 * Decode UTF-8 bytes `[start, end)`; short ASCII runs skip TextDecoder, which is slow per call.
 * @param bytes - the buffer.
 * @param start - first byte.
 * @param end - one past the last byte.
 * @returns the text.
 */
export function decodeUtf8Range(bytes: Uint8Array, start: number, end: number): string {
  if (end - start <= 32) {
    let ascii = true;
    for (let i = start; i < end; i++) {
      if (bytes[i] > 0x7f) {
        ascii = false;
        break;
      }
    }
    if (ascii) {
      let s = '';
      for (let i = start; i < end; i++) {
        s += String.fromCharCode(bytes[i]);
      }
      return s;
    }
  }
  return decoder.decode(bytes.subarray(start, end));
}

/**
 * A float as Python's `repr` prints it (`5.0`, `0.1`, `NaN`, `inf`, `-0.0`).
 * @param x - the number.
 * @param single - it came from a float32 (print the shortest float32 round trip).
 * @returns the text.
 */
export function formatFloat(x: number, single = false): string {
  if (Number.isNaN(x)) {
    return 'NaN';
  }
  if (!Number.isFinite(x)) {
    return x > 0 ? 'inf' : '-inf';
  }
  let text = String(x);
  if (single) {
    for (let p = 1; p <= 9; p++) {
      const candidate = Number(x.toPrecision(p));
      if (Math.fround(candidate) === x) {
        text = String(candidate);
        break;
      }
    }
  }
  if (Number.isInteger(x) && Math.abs(x) < 1e16) {
    return `${Object.is(x, -0) ? '-0' : text}.0`;
  }
  return text;
}

/** Ticks per second of each TimeUnit. */
const PER_SECOND: Record<number, bigint> = {
  [TimeUnit.SECOND]: 1n,
  [TimeUnit.MILLISECOND]: 1000n,
  [TimeUnit.MICROSECOND]: 1000000n,
  [TimeUnit.NANOSECOND]: 1000000000n
};

const UNIT_NAMES: Record<number, string> = {
  [TimeUnit.SECOND]: 's',
  [TimeUnit.MILLISECOND]: 'ms',
  [TimeUnit.MICROSECOND]: 'us',
  [TimeUnit.NANOSECOND]: 'ns'
};

/**
 * Split ticks into whole seconds (floored) and the sub-second digits, trailing zeros dropped.
 * @param ticks - the value in `unit`.
 * @param unit - a TimeUnit.
 * @returns seconds and the fraction (`''` or `.123`).
 */
function splitSeconds(ticks: bigint, unit: number): [bigint, string] {
  const per = PER_SECOND[unit];
  let seconds = ticks / per;
  let rest = ticks - seconds * per;
  if (rest < 0n) {
    seconds -= 1n;
    rest += per;
  }
  if (rest === 0n) {
    return [seconds, ''];
  }
  const digits = per.toString().length - 1;
  return [seconds, '.' + rest.toString().padStart(digits, '0').replace(/0+$/, '')];
}

/**
 * `YYYY-MM-DD HH:MM:SS` of whole seconds since the epoch, or undefined out of Date's range.
 * @param seconds - seconds since 1970-01-01T00:00:00Z.
 * @returns the text.
 */
function isoSeconds(seconds: bigint): string | undefined {
  const ms = Number(seconds) * 1000;
  if (!(Math.abs(ms) <= 8.64e15)) {
    return undefined;
  }
  return new Date(ms).toISOString().slice(0, 19).replace('T', ' ');
}

/**
 * A timestamp's text: naive wall time, or UTC with `Z` when the type has a timezone.
 * @param ticks - the value in `unit` since the epoch.
 * @param unit - a TimeUnit.
 * @param timezone - the type's timezone, if any.
 * @returns e.g. `2024-01-01 00:00:00.000000001Z`.
 */
export function formatTimestamp(ticks: bigint, unit: number, timezone: string | null | undefined): string {
  const [seconds, fraction] = splitSeconds(ticks, unit);
  const base = isoSeconds(seconds);
  if (base === undefined) {
    return `${ticks} ${UNIT_NAMES[unit]}`;
  }
  return `${base}${fraction}${timezone ? 'Z' : ''}`;
}

/** A date's text (`YYYY-MM-DD`), from days since the epoch. */
function formatDays(days: number): string {
  const ms = days * 86_400_000;
  return Math.abs(ms) <= 8.64e15 ? new Date(ms).toISOString().slice(0, 10) : `${days} days`;
}

/**
 * A time of day from ticks since midnight: `HH:MM:SS[.fff]`.
 * @param ticks - the value in `unit`.
 * @param unit - a TimeUnit.
 * @returns the text.
 */
export function formatTimeOfDay(ticks: bigint, unit: number): string {
  const [seconds, fraction] = splitSeconds(ticks, unit);
  const s = Number(seconds);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${pad(Math.floor(s / 3600))}:${pad(Math.floor(s / 60) % 60)}:${pad(s % 60)}${fraction}`;
}

/**
 * The signed integer stored little-endian in `words` 32-bit words (a decimal's unscaled value).
 * @param values - the Uint32 buffer.
 * @param at - the first word.
 * @param words - how many words.
 * @returns the integer.
 */
export function wordsToBigInt(values: Uint32Array, at: number, words: number): bigint {
  let v = 0n;
  for (let w = words - 1; w >= 0; w--) {
    v = (v << 32n) | BigInt(values[at + w]);
  }
  const bits = BigInt(words * 32);
  return v >= 1n << (bits - 1n) ? v - (1n << bits) : v;
}

/** An unscaled decimal's text with `scale` digits after the point. */
export function formatDecimal(unscaled: bigint, scale: number): string {
  if (scale <= 0) {
    return (unscaled * 10n ** BigInt(-scale)).toString();
  }
  const negative = unscaled < 0n;
  const digits = (negative ? -unscaled : unscaled).toString().padStart(scale + 1, '0');
  const text = `${digits.slice(0, -scale)}.${digits.slice(-scale)}`;
  return negative ? `-${text}` : text;
}

/** Bytes as lowercase hex with a `0x` prefix. */
function hex(bytes: Uint8Array): string {
  let s = '0x';
  for (let i = 0; i < bytes.length; i++) {
    s += bytes[i].toString(16).padStart(2, '0');
  }
  return s;
}

/** A Vector per batch, built once, for the types read through Arrow's own getters. */
const vectors = new WeakMap<Data, Vector>();

/**
 * JSON of a nested value: int64s as numbers with all their digits (`[1,2]`, as pandas prints a
 * list, not `["1","2"]`), binary as hex. lossless-json writes bigints as numbers.
 */
function toJsonText(value: unknown): string {
  return stringify(value, (_key, v: unknown) => (v instanceof Uint8Array ? hex(v) : v)) ?? 'null';
}

/** The value at `index` through Arrow's getter, as text (nested and rare types). */
function formatGeneric(data: Data, index: number): string {
  let vector = vectors.get(data);
  if (!vector) {
    vector = makeVector(data);
    vectors.set(data, vector);
  }
  const value: unknown = vector.get(index);
  if (value === null || value === undefined) {
    return 'null';
  }
  if (typeof value === 'string') {
    return value;
  }
  if (typeof value === 'number' || typeof value === 'bigint' || typeof value === 'boolean') {
    return String(value);
  }
  if (value instanceof Date) {
    return value.toISOString();
  }
  if (value instanceof Uint8Array) {
    return hex(value);
  }
  return toJsonText(value);
}

/** The index of `dictionary`'s batch that holds entry `code`, and the index within it. */
function dictionaryEntry(dictionary: Vector, code: number): [Data, number] | undefined {
  let at = code;
  for (const data of dictionary.data) {
    if (at < data.length) {
      return [data, at];
    }
    at -= data.length;
  }
  return undefined;
}

/**
 * The display text of one value of a batch.
 * @param data - the batch (one column's Data).
 * @param index - the row within the batch.
 * @returns the text, or null for a null value.
 */
export function formatValue(data: Data, index: number): string | null {
  if (!isValidAt(data, index)) {
    return null;
  }
  const type = data.type as Data['type'] & Record<string, unknown>;
  const values = data.values as ArrayLike<number | bigint> & { subarray?: unknown };
  switch (data.typeId) {
    case Type.Int:
      return String(values[index]);
    case Type.Float: {
      const precision = type.precision as Precision;
      if (precision === Precision.HALF) {
        return formatFloat(util.uint16ToFloat64(values[index] as number));
      }
      return formatFloat(values[index] as number, precision === Precision.SINGLE);
    }
    case Type.Bool: {
      const bit = data.offset + index;
      return ((data.values as Uint8Array)[bit >> 3] >> (bit & 7)) & 1 ? 'true' : 'false';
    }
    case Type.Utf8:
    case Type.LargeUtf8: {
      const offsets = data.valueOffsets as Int32Array | BigInt64Array;
      return decodeUtf8Range(data.values as Uint8Array, Number(offsets[index]), Number(offsets[index + 1]));
    }
    case Type.Binary:
    case Type.LargeBinary: {
      const offsets = data.valueOffsets as Int32Array | BigInt64Array;
      return hex((data.values as Uint8Array).subarray(Number(offsets[index]), Number(offsets[index + 1])));
    }
    case Type.FixedSizeBinary: {
      const width = type.byteWidth as number;
      return hex((data.values as Uint8Array).subarray(index * width, (index + 1) * width));
    }
    case Type.Decimal: {
      const words = (type.bitWidth as number) / 32;
      return formatDecimal(wordsToBigInt(data.values as Uint32Array, index * words, words), type.scale as number);
    }
    case Type.Date:
      if (type.unit === DateUnit.DAY) {
        return formatDays(values[index] as number);
      } else {
        const ms = BigInt(values[index]);
        return ms % 86_400_000n === 0n ? formatDays(Number(ms / 86_400_000n)) : formatTimestamp(ms, TimeUnit.MILLISECOND, null);
      }
    case Type.Timestamp:
      return formatTimestamp(BigInt(values[index]), type.unit as number, type.timezone as string | null);
    case Type.Time:
      return formatTimeOfDay(BigInt(values[index]), type.unit as number);
    case Type.Duration:
      return `${values[index]} ${UNIT_NAMES[type.unit as number]}`;
    case Type.Dictionary: {
      const entry = data.dictionary ? dictionaryEntry(data.dictionary, Number(values[index])) : undefined;
      return entry ? formatValue(entry[0], entry[1]) : null;
    }
    default:
      return formatGeneric(data, index);
  }
}
