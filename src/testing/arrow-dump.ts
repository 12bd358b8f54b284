/**
 * A JSON dump of an Arrow table that compares equal to the one src/testing/python/values_interop.py
 * makes of a pyarrow table: pyarrow's type names (`int64`, `double`, `timestamp[ns, tz=UTC]`,
 * `dictionary<values=string, indices=int8, ordered=0>`…), integers as decimal strings, timestamps
 * as their raw int64 in the column's unit, NaN/±Infinity as strings, dictionaries decoded.
 */
import { DataType, Table, TimeUnit, Type } from 'apache-arrow';

/** One column of a dump. */
export interface ColumnDump {
  name: string;
  type: string;
  values: unknown[];
}

/** A table's dump. */
export interface TableDump {
  numRows: number;
  columns: ColumnDump[];
}

const UNITS: Record<number, string> = {
  [TimeUnit.SECOND]: 's',
  [TimeUnit.MILLISECOND]: 'ms',
  [TimeUnit.MICROSECOND]: 'us',
  [TimeUnit.NANOSECOND]: 'ns'
};

/**
 * pyarrow's name of an Arrow type.
 * @param type - an apache-arrow type.
 * @returns e.g. `timestamp[us, tz=Europe/Paris]`.
 */
export function pyarrowTypeName(type: DataType): string {
  switch (type.typeId) {
    case Type.Int: {
      const t = type as unknown as { isSigned: boolean; bitWidth: number };
      return `${t.isSigned ? '' : 'u'}int${t.bitWidth}`;
    }
    case Type.Float:
      return ['halffloat', 'float', 'double'][(type as unknown as { precision: number }).precision];
    case Type.Bool:
      return 'bool';
    case Type.Utf8:
      return 'string';
    case Type.LargeUtf8:
      return 'large_string';
    case Type.Binary:
      return 'binary';
    case Type.LargeBinary:
      return 'large_binary';
    case Type.Null:
      return 'null';
    case Type.Timestamp: {
      const t = type as unknown as { unit: number; timezone?: string | null };
      return `timestamp[${UNITS[t.unit]}${t.timezone ? `, tz=${t.timezone}` : ''}]`;
    }
    case Type.Date:
      return (type as unknown as { unit: number }).unit === 0 ? 'date32[day]' : 'date64[ms]';
    case Type.Dictionary: {
      const t = type as unknown as { dictionary: DataType; indices: DataType; isOrdered: boolean };
      return `dictionary<values=${pyarrowTypeName(t.dictionary)}, indices=${pyarrowTypeName(t.indices)}, ordered=${t.isOrdered ? 1 : 0}>`;
    }
    default:
      return String(type);
  }
}

/**
 * A float in the dump encoding.
 * @param v - the number.
 * @returns the number, or `NaN`/`Infinity`/`-Infinity` as strings.
 */
function floatValue(v: number): number | string {
  if (Number.isNaN(v)) {
    return 'NaN';
  }
  if (!Number.isFinite(v)) {
    return v > 0 ? 'Infinity' : '-Infinity';
  }
  return v;
}

/**
 * Dump a table (see the module comment).
 * @param table - the table.
 * @returns its dump.
 */
export function dumpTable(table: Table): TableDump {
  const columns = table.schema.fields.map((field, c) => {
    const vector = table.getChildAt(c)!;
    const values: unknown[] = [];
    for (const data of vector.data) {
      const typeId = data.type.typeId;
      for (let i = 0; i < data.length; i++) {
        if (!data.getValid(i)) {
          values.push(null);
          continue;
        }
        if (typeId === Type.Timestamp || typeId === Type.Date) {
          values.push(String((data.values as BigInt64Array | Int32Array)[i]));
          continue;
        }
        const v: unknown = vector.get(values.length);
        if (typeof v === 'bigint') {
          values.push(String(v));
        } else if (typeof v === 'number') {
          values.push(typeId === Type.Int ? String(v) : floatValue(v));
        } else if (v instanceof Uint8Array || ArrayBuffer.isView(v)) {
          values.push(Array.from(v as Uint8Array));
        } else {
          values.push(v);
        }
      }
    }
    return { name: field.name, type: pyarrowTypeName(field.type), values };
  });
  return { numRows: table.numRows, columns };
}

/**
 * The dump of a table as its Parquet file holds it: `timestamp[s]` columns as `timestamp[ms]`
 * (Parquet has no seconds unit; see src/service/formats/parquet-compat.ts).
 * @param dump - the dump of the table written.
 * @returns the dump of what reading the Parquet file gives.
 */
export function asStoredInParquet(dump: TableDump): TableDump {
  return {
    numRows: dump.numRows,
    columns: dump.columns.map(c => {
      const match = /^timestamp\[s(.*)\]$/.exec(c.type);
      if (!match) {
        return c;
      }
      return {
        name: c.name,
        type: `timestamp[ms${match[1]}]`,
        values: c.values.map(v => (v === null ? null : String(BigInt(v as string) * 1000n)))
      };
    })
  };
}
