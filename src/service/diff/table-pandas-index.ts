/**
 * The index pandas stored with a table (pandas.to_parquet, to_feather with pyarrow): read from
 * the `pandas` schema metadata, so that the diff can match rows on it. An index is stored as
 * columns (`__index_level_0__`, or its name), except a RangeIndex, stored as metadata only
 * (`{"kind": "range", "start", "stop", "step"}`): the row position.
 */
import { Int64, makeData, Schema, Table, Vector } from 'apache-arrow';

/** What pandas writes in the `pandas` schema metadata, as far as the diff reads it. */
interface PandasMetadata {
  index_columns?: unknown[];
}

/** A RangeIndex entry of `index_columns`. */
interface RangeIndex {
  kind: 'range';
  name: string | null;
  start: number;
  stop: number;
  step: number;
}

/**
 * The `pandas` schema metadata of a table.
 * @param table - the table.
 * @returns it parsed, or undefined (none, or not JSON: some other writer's).
 */
function pandasMetadata(table: Table): PandasMetadata | undefined {
  const text = table.schema.metadata.get('pandas');
  try {
    return text ? (JSON.parse(text) as PandasMetadata) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The columns a pandas DataFrame's index was stored as: the strings of `index_columns`.
 * @param table - the table.
 * @returns the index column names, in index level order; empty without a stored index (or with
 *   a RangeIndex, which is no column).
 */
export function pandasIndexColumns(table: Table): string[] {
  const index = pandasMetadata(table)?.index_columns;
  const names = table.schema.fields.map(f => f.name);
  return Array.isArray(index) && index.every(n => typeof n === 'string' && names.includes(n)) ? (index as string[]) : [];
}

/**
 * Both tables with their pandas index as a column when pandas stored a RangeIndex on a side
 * (metadata only) and the sides' indexes differ: what `df.to_parquet()` does when rows are dropped
 * between two versions (v1's index 0…n is a range; v2's is another range, `0, 2, 3…` as
 * `range(0, 4, 2)` is not, or a stored column). Matching rows on it is what a merge on the index
 * (or `df1.compare` after aligning) does; by position, one dropped row would make every later row
 * look changed.
 * @param tables - the older and the newer table.
 * @returns the tables, with an Int64 index column where a side's range was only metadata.
 */
export function withRangeIndexes(tables: [Table, Table]): [Table, Table] {
  const [left, right] = tables.map(singleIndex);
  if (!left || !right || left.name !== right.name) {
    return tables;
  }
  const sameRange = left.range && right.range && ['start', 'step'].every(k => left.range![k as 'start'] === right.range![k as 'start']);
  if ((!left.range && !right.range) || sameRange) {
    return tables; // both stored as columns, or the same positions: nothing to add
  }
  return [withRangeColumn(tables[0], left), withRangeColumn(tables[1], right)];
}

/** A table's one-level pandas index: its column name, and the range when only metadata. */
interface SingleIndex {
  name: string;
  range?: RangeIndex;
}

/**
 * A table's pandas index when it has one level.
 * @param table - the table.
 * @returns its name as a column (a RangeIndex's: its name, else `__index_level_0__` as pandas
 *   names an unnamed stored index) and its range; undefined for none or a MultiIndex.
 */
function singleIndex(table: Table): SingleIndex | undefined {
  const index = pandasMetadata(table)?.index_columns;
  if (!Array.isArray(index) || index.length !== 1) {
    return undefined;
  }
  const [entry] = index as (string | RangeIndex)[];
  if (typeof entry === 'string') {
    return table.schema.fields.some(f => f.name === entry) ? { name: entry } : undefined;
  }
  const fits =
    entry?.kind === 'range' &&
    [entry.start, entry.stop, entry.step].every(Number.isSafeInteger) &&
    entry.step !== 0 &&
    Math.max(0, Math.ceil((entry.stop - entry.start) / entry.step)) === table.numRows;
  return fits ? { name: entry.name ?? '__index_level_0__', range: entry } : undefined;
}

/**
 * A table with its RangeIndex as an Int64 column (and named so in its `pandas` metadata).
 * @param table - the table.
 * @param index - its index.
 * @returns the table; unchanged when its index is a column already, or a column has that name.
 */
function withRangeColumn(table: Table, index: SingleIndex): Table {
  const { range, name } = index;
  if (!range || table.schema.fields.some(f => f.name === name)) {
    return table;
  }
  const values = new BigInt64Array(table.numRows);
  for (let i = 0; i < values.length; i++) {
    values[i] = BigInt(range.start + i * range.step);
  }
  const column = new Vector([makeData({ type: new Int64(), length: values.length, data: values })]);
  const withIndex = table.assign(new Table({ [name]: column }));
  const metadata = new Map(table.schema.metadata);
  metadata.set('pandas', JSON.stringify({ ...pandasMetadata(table), index_columns: [name] }));
  return new Table(new Schema(withIndex.schema.fields, metadata), withIndex.batches);
}
