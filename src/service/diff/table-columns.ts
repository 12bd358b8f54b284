/**
 * Schema diff: the two tables' columns matched by name. Order: the right (newer) table's columns,
 * then the removed ones in their left order. A name that occurs twice in one table (Arrow allows
 * it) is matched occurrence by occurrence.
 */
import { Type } from 'apache-arrow';
import type { DataType, Table } from 'apache-arrow';
import { HeliumError } from '../error-class';
import { sameColumnType } from './table-compare';
import { integerKeys, keyIds, uniqueIntegers } from './table-keys';
import { pandasIndexColumns } from './table-pandas-index';

/** What happened to a column. */
export type ColumnStatus = 'same' | 'added' | 'removed' | 'type-changed';

/** One column of the diff. */
export interface ColumnDiff {
  name: string;
  status: ColumnStatus;
  /** The Arrow type on the left (e.g. `Int64`), absent for an added column. */
  leftType?: string;
  /** The Arrow type on the right, absent for a removed column. */
  rightType?: string;
  /** Index in the left table, -1 when added. */
  leftIndex: number;
  /** Index in the right table, -1 when removed. */
  rightIndex: number;
  /** Whether rows were matched on this column. */
  isKey: boolean;
  /** How many cells of this column changed (rows present on both sides). */
  changedCells: number;
}

/**
 * Whether a column's type is the same for its reader: {@link sameColumnType}, or strings (binary)
 * with 32- vs 64-bit offsets. pyarrow writes pandas' strings as large_string or string depending
 * on versions and options, and the CSV reader gives Utf8: the values are the same kind (and are
 * compared by value), so that is no type change.
 * @param a - one type.
 * @param b - the other.
 * @returns true when they are.
 */
export function sameLogicalType(a: DataType, b: DataType): boolean {
  const small = (t: DataType) => (t.typeId === Type.LargeUtf8 ? Type.Utf8 : t.typeId === Type.LargeBinary ? Type.Binary : t.typeId);
  return sameColumnType(a, b) || (a.typeId !== b.typeId && small(a) === small(b));
}

/** Name plus occurrence number, so repeated names match in order. */
function occurrenceKeys(names: string[]): string[] {
  const seen = new Map<string, number>();
  return names.map(name => {
    const n = seen.get(name) ?? 0;
    seen.set(name, n + 1);
    return `${n}\u0000${name}`;
  });
}

/**
 * Match the columns of two tables by name.
 * @param left - the left (older) table.
 * @param right - the right (newer) table.
 * @param keyColumns - the key columns (marked `isKey`).
 * @returns the columns, right's order then removed ones.
 */
export function matchColumns(left: Table, right: Table, keyColumns: readonly string[]): ColumnDiff[] {
  const leftFields = left.schema.fields;
  const rightFields = right.schema.fields;
  const leftKeys = occurrenceKeys(leftFields.map(f => f.name));
  const rightKeys = occurrenceKeys(rightFields.map(f => f.name));
  const leftIndex = new Map(leftKeys.map((k, i) => [k, i]));
  const rightIndex = new Map(rightKeys.map((k, i) => [k, i]));
  const keys = new Set(keyColumns);
  const columns: ColumnDiff[] = [];
  rightFields.forEach((field, r) => {
    const l = leftIndex.get(rightKeys[r]) ?? -1;
    const rightType = String(field.type);
    if (l < 0) {
      columns.push({ name: field.name, status: 'added', rightType, leftIndex: -1, rightIndex: r, isKey: false, changedCells: 0 });
      return;
    }
    const leftType = leftFields[l].type as DataType;
    columns.push({
      name: field.name,
      status: sameLogicalType(leftType, field.type as DataType) ? 'same' : 'type-changed',
      leftType: String(leftType),
      rightType,
      leftIndex: l,
      rightIndex: r,
      isKey: keys.has(field.name),
      changedCells: 0
    });
  });
  leftFields.forEach((field, l) => {
    if (!rightIndex.has(leftKeys[l])) {
      columns.push({
        name: field.name,
        status: 'removed',
        leftType: String(field.type),
        leftIndex: l,
        rightIndex: -1,
        isKey: false,
        changedCells: 0
      });
    }
  });
  return columns;
}

/**
 * Check that every key column is in both tables, once.
 * @param left - the left table.
 * @param right - the right table.
 * @param keyColumns - the key column names.
 * @throws HeliumError `InvalidInput` naming the missing column, the side, and the columns there
 *   (`MissingKeyColumn`), or a column named more than once on a side (`AmbiguousKeyColumn`).
 */
export function checkKeyColumns(left: Table, right: Table, keyColumns: readonly string[]): void {
  for (const [table, side] of [
    [left, 'left (older)'],
    [right, 'right (newer)']
  ] as const) {
    const names = table.schema.fields.map(f => f.name);
    const missing = keyColumns.find(k => !names.includes(k));
    if (missing !== undefined) {
      const shown = names.length > 20 ? `${names.slice(0, 20).join(', ')}, …` : names.join(', ');
      throw new HeliumError(
        'InvalidInput',
        `The key column "${missing}" is not in the ${side} table (its columns: ${shown || 'none'}). Pick a column both versions have, or compare by position.`,
        { code: 'MissingKeyColumn' }
      );
    }
    // Arrow (and pyarrow) allow a name twice; which column would the key be?
    const repeated = keyColumns.find(k => names.indexOf(k) !== names.lastIndexOf(k));
    if (repeated !== undefined) {
      throw new HeliumError(
        'InvalidInput',
        `The key column "${repeated}" occurs ${names.filter(n => n === repeated).length} times in the ${side} table, so rows cannot be matched on it. Pick another key, or write the table with unique column names (pyarrow: Table.rename_columns).`,
        { code: 'AmbiguousKeyColumn' }
      );
    }
  }
}

/** Column names that usually identify a row, best first. */
const KEY_NAMES = [/^(id|key|uuid|guid|pk)$/i, /^(.+[_\s-])?(id|key|uuid)$/i, /^.+Id$/];

/**
 * Whether every value of a column is different (nulls count as one value). Stops at the first
 * repeat, so a column that is not a key is rejected quickly.
 * @param table - the table.
 * @param name - the column.
 * @returns true when the column identifies each row.
 */
export function isUniqueColumn(table: Table, name: string): boolean {
  const column = table.getChild(name);
  if (!column) {
    return false;
  }
  if (column.type.typeId === Type.Int) {
    // An integer id column of a million rows: typed arrays, not a Set of a million values.
    const values = integerKeys(
      table,
      table.schema.fields.findIndex(f => f.name === name)
    );
    if (values) {
      return uniqueIntegers(values);
    }
  }
  const seen = new Set<unknown>();
  for (const value of column) {
    // Strings, numbers and bigints are compared by value in a Set; other values by their text.
    const id = value === null || typeof value !== 'object' ? value : String(value);
    if (seen.has(id)) {
      return false;
    }
    seen.add(id);
  }
  return true;
}

/**
 * The key to start with: the pandas index both tables were written with (pandas.to_parquet stores
 * it as columns, `__index_level_0__` or its name, and names them in the `pandas` schema metadata)
 * when unique on both sides; else the first column of both tables whose name looks like an
 * identifier (`id`, `key`, `uuid`, then `…_id`, `…Id`) and whose values are unique on both sides, or none
 * (compare by position). A column with repeats would pair rows arbitrarily, so it is only used
 * when the user picks it (and the diff then reports the duplicates).
 * @param left - the left table.
 * @param right - the right table.
 * @returns one column name, or an empty list.
 */
export function suggestKeyColumns(left: Table, right: Table): string[] {
  const common = commonColumns(left, right);
  const index = pandasIndexColumns(left);
  const sameIndex = index.length > 0 && index.join('\u0000') === pandasIndexColumns(right).join('\u0000');
  if (sameIndex && index.every(n => common.includes(n)) && isUniqueRow(left, index) && isUniqueRow(right, index)) {
    return index;
  }
  for (const pattern of KEY_NAMES) {
    for (const name of common.filter(n => pattern.test(n))) {
      if (isUniqueColumn(left, name) && isUniqueColumn(right, name)) {
        return [name];
      }
    }
  }
  return [];
}

/**
 * The column names both tables have, in the right table's order (the key picker's choices).
 * @param left - the left table.
 * @param right - the right table.
 * @returns the names.
 */
export function commonColumns(left: Table, right: Table): string[] {
  const names = new Set(left.schema.fields.map(f => f.name));
  return [...new Set(right.schema.fields.map(f => f.name).filter(n => names.has(n)))];
}

/**
 * Whether the given columns identify each row (a composite key: the tuples are all different),
 * by the key ids the diff itself matches rows with (table-keys.ts), so "unique" means the diff
 * will pair each row with at most one.
 * @param table - the table.
 * @param names - the columns (one: {@link isUniqueColumn}).
 * @returns true when they do.
 */
function isUniqueRow(table: Table, names: string[]): boolean {
  if (names.length === 1) {
    return isUniqueColumn(table, names[0]);
  }
  const columns = names.map(n => table.schema.fields.findIndex(f => f.name === n));
  const steps = keyIds(table, table, columns, columns);
  let step = steps.next();
  while (!step.done) {
    step = steps.next();
  }
  return step.value.count === table.numRows;
}
