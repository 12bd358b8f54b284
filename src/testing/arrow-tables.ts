/**
 * Arrow tables for tests, built column by column with exact values (bigint timestamps keep their
 * nanoseconds; the builders of apache-arrow take milliseconds).
 */
import {
  Bool,
  DataType,
  Dictionary,
  Float64,
  Int32,
  Int64,
  Int8,
  makeData,
  makeVector,
  Table,
  TimestampMicrosecond,
  TimestampMillisecond,
  TimestampNanosecond,
  TimestampSecond,
  Utf8,
  vectorFromArray,
  Vector
} from 'apache-arrow';

/**
 * A validity bitmap (LSB first) and the null count of a column.
 * @param values - the values, null where missing.
 * @returns the bitmap and the number of nulls.
 */
function validity(values: readonly unknown[]): { nullBitmap: Uint8Array; nullCount: number } {
  const nullBitmap = new Uint8Array(Math.ceil(values.length / 8));
  let nullCount = 0;
  values.forEach((v, i) => {
    if (v === null) {
      nullCount++;
    } else {
      nullBitmap[i >> 3] |= 1 << (i & 7);
    }
  });
  return { nullBitmap, nullCount };
}

/** The timestamp types by unit. */
const TIMESTAMPS = {
  s: (tz?: string) => new TimestampSecond(tz),
  ms: (tz?: string) => new TimestampMillisecond(tz),
  us: (tz?: string) => new TimestampMicrosecond(tz),
  ns: (tz?: string) => new TimestampNanosecond(tz)
};

/**
 * A timestamp column from raw int64 values in its unit.
 * @param unit - `s`, `ms`, `us` or `ns`.
 * @param tz - the timezone, or undefined for naive timestamps.
 * @param values - the raw values (null where missing).
 * @returns the vector.
 */
export function timestampVector(unit: keyof typeof TIMESTAMPS, tz: string | undefined, values: (bigint | null)[]): Vector {
  const type = TIMESTAMPS[unit](tz);
  const data = BigInt64Array.from(values, v => v ?? 0n);
  return makeVector(makeData({ type, length: values.length, data, ...validity(values) }));
}

/**
 * A dictionary-encoded string column (pandas' category).
 * @param categories - the dictionary.
 * @param codes - the indices (null where missing).
 * @returns the vector.
 */
export function dictionaryVector(categories: string[], codes: (number | null)[]): Vector {
  const dictionary = vectorFromArray(categories, new Utf8());
  const type = new Dictionary(new Utf8(), new Int8());
  const data = Int8Array.from(codes, v => v ?? 0);
  return makeVector(makeData({ type, length: codes.length, data, dictionary, ...validity(codes) }));
}

/**
 * A column from JS values through apache-arrow's builder.
 * @param values - the values.
 * @param type - the type.
 * @returns the vector.
 */
export function column(values: unknown[], type: DataType): Vector {
  return vectorFromArray(values as never[], type as never) as unknown as Vector;
}

/** The rows of {@link sampleTable}, as given to it (timestamps raw in their units). */
export const SAMPLE = {
  int64: [0n, -1n, 9007199254740993n, -9223372036854775808n, 9223372036854775807n, 42n, 7n],
  nullable_int: [1n, null, 3n, null, 5n, -6n, 7n],
  int32: [1, -2, 3, 2147483647, -2147483648, 0, 12],
  float64: [1.5, NaN, null, Infinity, -0.25, 1e-300, -Infinity],
  string: ['plain', 'héllo wörld', '日本語', 'astral 🎉 𝄞', '', null, 'comma, "quote"\nnewline'],
  bool: [true, false, true, false, true, false, true],
  nullable_bool: [true, null, false, null, true, false, true],
  ts_ns_naive: [1704067200123456789n, 0n, null, -1n, 1719792000000000001n, 946684800000000000n, 4102444800000000000n],
  ts_us_utc: [1704067200000001n, null, 1719792000000000n, 0n, 1711846800500000n, 1704067199999999n, 1n],
  ts_ms_paris: [1704067200000n, 1719792000000n, null, 1711846800000n, 1711839600000n, 0n, 1735689599999n],
  ts_s_ny: [1704067200n, 1719792000n, 1710054000n, null, 1710050400n, 0n, 1730613600n],
  category: { categories: ['red', 'grün', '青'], codes: [0, 1, 2, null, 1, 0, 2] }
};

/**
 * A table with the types pandas users care about: int64 (with its extremes), nullable ints,
 * int32, doubles with NaN/±Infinity/null, unicode strings (astral too) with null, bools (also
 * nullable), timestamps in all four units, naive and with timezones, and a dictionary column.
 * @returns the table (7 rows).
 */
export function sampleTable(): Table {
  return new Table({
    int64: column(SAMPLE.int64, new Int64()),
    nullable_int: column(SAMPLE.nullable_int, new Int64()),
    int32: column(SAMPLE.int32, new Int32()),
    float64: column(SAMPLE.float64, new Float64()),
    string: column(SAMPLE.string, new Utf8()),
    bool: column(SAMPLE.bool, new Bool()),
    nullable_bool: column(SAMPLE.nullable_bool, new Bool()),
    ts_ns_naive: timestampVector('ns', undefined, SAMPLE.ts_ns_naive),
    ts_us_utc: timestampVector('us', 'UTC', SAMPLE.ts_us_utc),
    ts_ms_paris: timestampVector('ms', 'Europe/Paris', SAMPLE.ts_ms_paris),
    ts_s_ny: timestampVector('s', 'America/New_York', SAMPLE.ts_s_ny),
    category: dictionaryVector(SAMPLE.category.categories, SAMPLE.category.codes)
  });
}
