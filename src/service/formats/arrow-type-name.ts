/**
 * The name pyarrow (and so pandas users) know an Arrow type by: `int64`, `double`, `string`,
 * `timestamp[ns, tz=UTC]`, `dictionary<values=string, indices=int8, ordered=0>`… Shown in the
 * table viewer's header, and used by the interop tests' dumps.
 */
import { DataType, TimeUnit, Type } from 'apache-arrow';

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
