/**
 * The text of a value hyparquet decoded (numbers, bigints, strings, Dates, bytes, lists and
 * structs), as the table viewer shows Arrow values: `1.0` for a whole double, timestamps as
 * `YYYY-MM-DD HH:MM:SS[.fff]`, bytes in hex.
 */
import { TimeUnit } from 'apache-arrow';
import { stringify } from 'lossless-json';
import { formatDecimal, formatFloat, formatTimeOfDay, formatTimestamp } from '../diff/table-format';
import { Ticks, unscaledDecimal } from './parquet-exact';

/** How many bytes of a binary value are shown before `…`. */
const MAX_HEX_BYTES = 64;

/** One column's formatting hints, from its type name. */
export interface ValueHints {
  /** `float`/`double`: whole numbers get `.0`; `float` prints its shortest single-precision text. */
  float?: 'single' | 'double';
  /** `date32`: a Date is shown as its day only. */
  dateOnly?: boolean;
  /** The timestamp has a time zone: shown in UTC with `Z`. */
  utc?: boolean;
  /** `decimal…(p, s)`: the scale of the column's unscaled integers (see parquet-exact.ts). */
  decimalScale?: number;
  /** `time32`/`time64`: the unit of its ticks since midnight. */
  timeUnit?: TimeUnit;
}

const UNITS: Record<string, TimeUnit> = {
  s: TimeUnit.SECOND,
  ms: TimeUnit.MILLISECOND,
  us: TimeUnit.MICROSECOND,
  ns: TimeUnit.NANOSECOND
};

/**
 * The hints for a column of this pyarrow type name.
 * @param typeName - from parquet-types.ts.
 * @returns the hints.
 */
export function hintsFor(typeName: string): ValueHints {
  const decimal = /^decimal\d+\(\d+, (-?\d+)\)$/.exec(typeName);
  const time = /^time(?:32|64)\[(\w+)\]$/.exec(typeName);
  return {
    float: typeName === 'float' || typeName === 'halffloat' ? 'single' : typeName === 'double' ? 'double' : undefined,
    dateOnly: typeName.startsWith('date32'),
    utc: typeName.includes('tz='),
    decimalScale: decimal ? Number(decimal[1]) : undefined,
    timeUnit: time ? UNITS[time[1]] : undefined
  };
}

/**
 * JSON of a list or struct: bigints as numbers with all their digits (lossless-json writes them;
 * a double would round past 2^53), bytes as hex, times as text.
 */
function nestedText(value: unknown): string {
  return (
    stringify(value, (_key, v: unknown) =>
      v instanceof Uint8Array ? hex(v) : v instanceof Date ? dateText(v, {}) : v instanceof Ticks ? ticksText(v, {}) : v
    ) ?? 'null'
  );
}

function hex(bytes: Uint8Array): string {
  const shown = Array.from(bytes.subarray(0, MAX_HEX_BYTES), b => b.toString(16).padStart(2, '0')).join('');
  return bytes.length > MAX_HEX_BYTES ? `${shown}…` : shown;
}

function dateText(date: Date, hints: ValueHints): string {
  const time = date.getTime();
  if (Number.isNaN(time)) {
    return 'NaT';
  }
  const iso = date.toISOString();
  if (hints.dateOnly) {
    return iso.slice(0, 10);
  }
  const text = iso
    .slice(0, 23)
    .replace('T', ' ')
    .replace(/\.000$/, '');
  return hints.utc ? `${text}Z` : text;
}

function ticksText(value: Ticks, hints: ValueHints): string {
  return formatTimestamp(value.ticks, value.unit, hints.utc ? 'UTC' : undefined);
}

/**
 * A value's text.
 * @param value - as hyparquet decoded it.
 * @param hints - the column's hints.
 * @returns the text, or null for a null value.
 */
export function parquetValueText(value: unknown, hints: ValueHints = {}): string | null {
  if (value === null || value === undefined) {
    return null;
  }
  if (hints.decimalScale !== undefined) {
    const unscaled = unscaledDecimal(value);
    if (unscaled !== undefined) {
      return formatDecimal(unscaled, hints.decimalScale);
    }
  }
  if (hints.timeUnit !== undefined && (typeof value === 'bigint' || typeof value === 'number')) {
    return formatTimeOfDay(BigInt(value), hints.timeUnit);
  }
  if (value instanceof Ticks) {
    return ticksText(value, hints);
  }
  switch (typeof value) {
    case 'string':
      return value;
    case 'number':
      return hints.float ? formatFloat(value, hints.float === 'single') : String(value);
    case 'bigint':
    case 'boolean':
      return String(value);
    default:
      break;
  }
  if (value instanceof Date) {
    return dateText(value, hints);
  }
  if (value instanceof Uint8Array) {
    return hex(value);
  }
  return nestedText(value);
}
