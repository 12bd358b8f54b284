/**
 * The pandas index a table was written with (pandas.to_parquet): suggested as the key when both
 * sides have it, and a RangeIndex (metadata only) made a column when the sides' ranges differ.
 */
import { Schema, Table, tableFromArrays } from 'apache-arrow';
import { diffTables, pandasIndexColumns, suggestKeyColumns, withRangeIndexes } from './table';

it('suggests the pandas index the tables were written with (to_parquet stores it as columns), before an id column', () => {
  const withIndex = (index: unknown, columns: Record<string, ArrayLike<number>>) => {
    const table = tableFromArrays(Object.fromEntries(Object.entries(columns).map(([n, v]) => [n, Float64Array.from(v)])));
    return new Table(new Schema(table.schema.fields, new Map([['pandas', JSON.stringify({ index_columns: index })]])), table.batches);
  };
  const left = withIndex(['__index_level_0__'], { id: [1, 1, 2], x: [1, 2, 3], __index_level_0__: [10, 20, 30] });
  const right = withIndex(['__index_level_0__'], { id: [1, 2], x: [1, 2.5], __index_level_0__: [10, 30] });
  expect(pandasIndexColumns(left)).toEqual(['__index_level_0__']);
  expect(suggestKeyColumns(left, right)).toEqual(['__index_level_0__']);
  // A MultiIndex: the levels together, when the tuples are unique.
  const multi = (n: number[]) => withIndex(['g', 'n'], { g: [1, 1, 2], n, v: [1, 2, 3] });
  expect(suggestKeyColumns(multi([1, 2, 1]), multi([1, 2, 1]))).toEqual(['g', 'n']);
  expect(suggestKeyColumns(multi([1, 1, 1]), multi([1, 2, 1]))).toEqual([]);
  // A RangeIndex is metadata only (the row position): the id column, as without pandas.
  const range = withIndex([{ kind: 'range', start: 0, stop: 2, step: 1 }], { id: [1, 2], x: [1, 2] });
  expect(pandasIndexColumns(range)).toEqual([]);
  expect(suggestKeyColumns(range, range)).toEqual(['id']);
  // An index only one side was written with is not a shared key.
  const plain = tableFromArrays({ x: Float64Array.from([1, 2]), __index_level_0__: Float64Array.from([10, 30]) });
  expect(suggestKeyColumns(left, plain)).toEqual([]);
});

it("matches rows on a pandas RangeIndex (stored as metadata only) when the sides' indexes differ", () => {
  const ranged = (range: object, x: number[]) => {
    const table = tableFromArrays({ x: Float64Array.from(x) });
    return new Table(new Schema(table.schema.fields, new Map([['pandas', JSON.stringify({ index_columns: [range] })]])), table.batches);
  };
  const range = (start: number, stop: number, step: number) => ({ kind: 'range', name: null, start, stop, step });
  // df.drop(index=1).to_parquet(): pandas 3 stores 0, 2 as range(0, 3, 2).
  const [left, right] = withRangeIndexes([ranged(range(0, 3, 1), [1, 2, 3]), ranged(range(0, 3, 2), [1, 3])]);
  expect([...left.getChild('__index_level_0__')!]).toEqual([0n, 1n, 2n]);
  expect([...right.getChild('__index_level_0__')!]).toEqual([0n, 2n]);
  expect(suggestKeyColumns(left, right)).toEqual(['__index_level_0__']);
  const diff = diffTables(left, right, { keyColumns: suggestKeyColumns(left, right) });
  expect([diff.counts.removed, diff.counts.changed]).toEqual([1, 0]);
  // The same start and step (rows appended): positions are the index, nothing is added.
  const appended: [Table, Table] = [ranged(range(0, 2, 1), [1, 2]), ranged(range(0, 3, 1), [1, 2, 3])];
  expect(withRangeIndexes(appended)).toEqual(appended);
  // A range that does not fit the rows (metadata of another table): ignored.
  const wrong: [Table, Table] = [ranged(range(0, 9, 1), [1, 2]), ranged(range(0, 3, 2), [1, 3])];
  expect(withRangeIndexes(wrong)).toEqual(wrong);
});
