/**
 * Arrow types that Parquet cannot store as such, converted before writing the way pyarrow's own
 * writer coerces them, so that pyarrow and pandas read our files with real types instead of bare
 * integers:
 * - `timestamp[s]` → `timestamp[ms]` (same instants, timezone kept);
 * - `time32[s]` → `time32[ms]`;
 * - `date64` → `date32` (whole days, which is what date64 holds by definition).
 * Parquet has no seconds unit and no millisecond date; the Rust writer would store them as plain
 * INT64/INT32 and only its own `ARROW:schema` would say what they were, which pyarrow ignores for
 * these. Other types (nested ones included) are written as they are.
 */
import type { Data, DataType, Field, Table } from 'apache-arrow';
import type { ArrowModule } from './arrow';

/** How to convert one column. */
interface Coercion {
  /** The type written. */
  type: DataType;
  /** The raw values written, from the raw values read (same length). */
  convert(values: ArrayLike<number | bigint>, length: number): Int32Array | BigInt64Array;
}

/**
 * The conversion a column's type needs, if any.
 * @param arrow - the apache-arrow module.
 * @param type - the column's type.
 * @returns the conversion, or undefined when Parquet stores the type as it is.
 */
function coercionFor(arrow: ArrowModule, type: DataType): Coercion | undefined {
  const { Type, TimeUnit } = arrow;
  const unit = (type as unknown as { unit?: number }).unit;
  if (type.typeId === Type.Timestamp && unit === TimeUnit.SECOND) {
    const tz = (type as unknown as { timezone?: string | null }).timezone;
    return {
      type: new arrow.TimestampMillisecond(tz),
      convert: (values, n) => BigInt64Array.from({ length: n }, (_, i) => BigInt(values[i]) * 1000n)
    };
  }
  if (type.typeId === Type.Time && unit === TimeUnit.SECOND) {
    return {
      type: new arrow.TimeMillisecond(),
      convert: (values, n) => Int32Array.from({ length: n }, (_, i) => Number(values[i]) * 1000)
    };
  }
  if (type.typeId === Type.Date && unit === arrow.DateUnit.MILLISECOND) {
    return {
      type: new arrow.DateDay(),
      convert: (values, n) => {
        const out = new Int32Array(n);
        for (let i = 0; i < n; i++) {
          const ms = BigInt(values[i]);
          const day = ms / 86_400_000n;
          out[i] = Number(ms < 0n && day * 86_400_000n !== ms ? day - 1n : day);
        }
        return out;
      }
    };
  }
  return undefined;
}

/**
 * Convert one column's data.
 * @param arrow - the apache-arrow module.
 * @param data - the data (one batch of one column).
 * @param coercion - the conversion.
 * @returns the new data, with the same nulls.
 */
function convertData(arrow: ArrowModule, data: Data, coercion: Coercion): Data {
  const n = data.length;
  const nullBitmap = new Uint8Array(Math.ceil(n / 8));
  for (let i = 0; i < n; i++) {
    if (data.getValid(i)) {
      nullBitmap[i >> 3] |= 1 << (i & 7);
    }
  }
  return arrow.makeData({
    type: coercion.type,
    length: n,
    nullCount: data.nullCount,
    nullBitmap,
    data: coercion.convert(data.values as ArrayLike<number | bigint>, n)
  } as never);
}

/**
 * The table to give the Parquet writer: the same table, or a copy with the columns Parquet
 * cannot store converted (see the module comment). Schema and field metadata are kept.
 * @param arrow - the apache-arrow module.
 * @param table - the table.
 * @returns a table with Parquet-compatible types.
 */
export function parquetCompatible(arrow: ArrowModule, table: Table): Table {
  const coercions = table.schema.fields.map(f => coercionFor(arrow, f.type));
  if (coercions.every(c => c === undefined)) {
    return table;
  }
  const fields = table.schema.fields.map((f: Field, i) => {
    const coercion = coercions[i];
    return coercion ? new arrow.Field(f.name, coercion.type, f.nullable, f.metadata) : f;
  });
  const schema = new arrow.Schema(fields, table.schema.metadata);
  const batches = table.batches.map(batch => {
    const children = batch.data.children.map((child, i) => {
      const coercion = coercions[i];
      return coercion ? convertData(arrow, child, coercion) : child;
    });
    const data = arrow.makeData({ type: new arrow.Struct(fields), length: batch.numRows, nullCount: 0, children });
    return new arrow.RecordBatch(schema, data);
  });
  return new arrow.Table(schema, batches);
}
