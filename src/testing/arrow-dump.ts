/**
 * A JSON dump of an Arrow table that compares equal to the one src/testing/python/values_interop.py
 * makes of a pyarrow table: pyarrow's type names (`int64`, `double`, `timestamp[ns, tz=UTC]`,
 * `dictionary<values=string, indices=int8, ordered=0>`…), integers as decimal strings, timestamps
 * as their raw int64 in the column's unit, NaN/±Infinity as strings, dictionaries decoded.
 */
import { Table, Type } from 'apache-arrow';
import { pyarrowTypeName } from '../service/formats/arrow-type-name';

export { pyarrowTypeName };

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
