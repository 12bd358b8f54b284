/**
 * The names pyarrow gives the Arrow types of Parquet columns (`int64`, `string`,
 * `timestamp[us, tz=UTC]`…), read from the Parquet schema alone, so a table read by ranges
 * shows the same column types as one decoded whole (see formats/arrow-type-name.ts).
 */
import type { SchemaElement, SchemaTree } from 'hyparquet';

/** The pyarrow name of a timestamp or time unit. */
function unitName(unit: unknown): string {
  return unit === 'MILLIS' ? 'ms' : unit === 'MICROS' ? 'us' : unit === 'NANOS' ? 'ns' : String(unit).toLowerCase();
}

/**
 * The type name of one leaf (primitive) column.
 * @param element - its schema element.
 * @returns pyarrow's name for the Arrow type pyarrow reads it as.
 */
export function leafTypeName(element: SchemaElement): string {
  const logical = element.logical_type;
  switch (logical?.type) {
    case 'STRING':
    case 'ENUM':
    case 'JSON':
      return 'string';
    case 'DATE':
      return 'date32[day]';
    case 'DECIMAL':
      return `decimal${logical.precision > 38 ? 256 : 128}(${logical.precision}, ${logical.scale})`;
    case 'TIMESTAMP':
      return `timestamp[${unitName(logical.unit)}${logical.isAdjustedToUTC ? ', tz=UTC' : ''}]`;
    case 'TIME':
      return `${element.type === 'INT32' ? 'time32' : 'time64'}[${unitName(logical.unit)}]`;
    case 'INTEGER':
      return `${logical.isSigned ? 'int' : 'uint'}${logical.bitWidth}`;
    case 'FLOAT16':
      return 'halffloat';
    case 'UUID':
      return 'uuid';
    case 'NULL':
      return 'null';
    default:
      break;
  }
  switch (element.converted_type) {
    case 'UTF8':
    case 'ENUM':
    case 'JSON':
      return 'string';
    case 'DATE':
      return 'date32[day]';
    case 'TIMESTAMP_MILLIS':
      return 'timestamp[ms]';
    case 'TIMESTAMP_MICROS':
      return 'timestamp[us]';
    case 'DECIMAL':
      return `decimal${(element.precision ?? 0) > 38 ? 256 : 128}(${element.precision}, ${element.scale})`;
    default:
      break;
  }
  switch (element.type) {
    case 'BOOLEAN':
      return 'bool';
    case 'INT32':
      return 'int32';
    case 'INT64':
      return 'int64';
    case 'INT96':
      return 'timestamp[ns]';
    case 'FLOAT':
      return 'float';
    case 'DOUBLE':
      return 'double';
    case 'FIXED_LEN_BYTE_ARRAY':
      return `fixed_size_binary[${element.type_length}]`;
    default:
      return 'binary';
  }
}

/**
 * The type name of a top-level column (a leaf, a list, a map or a struct).
 * @param node - its schema tree node.
 * @returns pyarrow's name for it.
 */
export function columnTypeName(node: SchemaTree): string {
  if (!node.children.length) {
    return leafTypeName(node.element);
  }
  const kind = node.element.logical_type?.type ?? node.element.converted_type;
  if (kind === 'LIST' && node.children.length === 1) {
    const repeated = node.children[0];
    const item = repeated.children.length === 1 ? repeated.children[0] : repeated;
    return `list<${item.element.name}: ${columnTypeName(item)}>`;
  }
  if ((kind === 'MAP' || kind === 'MAP_KEY_VALUE') && node.children.length === 1 && node.children[0].children.length === 2) {
    const [key, value] = node.children[0].children;
    return `map<${columnTypeName(key)}, ${columnTypeName(value)}>`;
  }
  return `struct<${node.children.map(child => `${child.element.name}: ${columnTypeName(child)}`).join(', ')}>`;
}
