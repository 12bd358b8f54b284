/**
 * Tests of the table viewer's grid model (cells across record batches, nulls, types in the
 * header). The viewer itself, in a real JupyterLab on a Parquet object, is in
 * ui-tests/tests/browser.spec.ts.
 * @jest-environment-options {"customExportConditions": ["node", "require", "default"]}
 */
import { Dictionary, Float64, Int32, Int64, Table, TimestampMillisecond, Utf8, vectorFromArray } from 'apache-arrow';
import { ArrowGridModel, NULL_TEXT } from './table-grid-model';

function twoBatches(): Table {
  const first = new Table({
    id: vectorFromArray([1n, 2n], new Int64()),
    name: vectorFromArray(['Ana', null], new Utf8()),
    wind: vectorFromArray([35.5, 40], new Float64()),
    at: vectorFromArray([Date.UTC(1991, 5, 29, 12), null], new TimestampMillisecond())
  });
  const second = new Table({
    id: vectorFromArray([3n], new Int64()),
    name: vectorFromArray(['x'.repeat(800)], new Utf8()),
    wind: vectorFromArray([null], new Float64()),
    at: vectorFromArray([Date.UTC(2022, 0, 1)], new TimestampMillisecond())
  });
  return first.concat(second);
}

describe('ArrowGridModel', () => {
  it('has no body cells for an empty table, and still its header', () => {
    const empty = new Table({ id: vectorFromArray([], new Int64()) });
    const model = new ArrowGridModel(empty);
    expect([model.rowCount('body'), model.columnCount('body')]).toEqual([0, 1]);
    expect(model.data('column-header', 1, 0)).toBe('int64');
  });

  it('shows dictionary (categorical) values decoded', () => {
    const table = new Table({ kind: vectorFromArray(['TS', 'HU', 'TS'], new Dictionary(new Utf8(), new Int32())) });
    const model = new ArrowGridModel(table);
    expect([0, 1, 2].map(r => model.data('body', r, 0))).toEqual(['TS', 'HU', 'TS']);
    expect(model.data('column-header', 1, 0)).toBe('dictionary<values=string, indices=int32, ordered=0>');
  });

  it('has a row per table row, a column per field, and two header rows', () => {
    const model = new ArrowGridModel(twoBatches());
    expect(model.table.batches.length).toBe(2);
    expect([model.rowCount('body'), model.columnCount('body')]).toEqual([3, 4]);
    expect([model.rowCount('column-header'), model.columnCount('row-header')]).toEqual([2, 1]);
    expect([0, 1, 2, 3].map(c => model.data('column-header', 0, c))).toEqual(['id', 'name', 'wind', 'at']);
    expect([0, 1, 2, 3].map(c => model.data('column-header', 1, c))).toEqual(['int64', 'string', 'double', 'timestamp[ms]']);
    // Rows count from 1, as in JupyterLab's CSV viewer and the table diff.
    expect(model.data('row-header', 0, 0)).toBe('1');
    expect(model.data('row-header', 2, 0)).toBe('3');
  });

  it('measures each column by its longest header or early value', () => {
    const model = new ArrowGridModel(twoBatches());
    expect(model.widestTexts(2)).toEqual([5, 6, 6, 19]); // 'int64', 'string', 'double', '1991-06-29 12:00:00'
    expect(model.widestTexts()[1]).toBe(501); // the long name in row 2, cut
  });

  it('formats cells from the right batch, nulls as ∅, long text cut', () => {
    const model = new ArrowGridModel(twoBatches());
    expect(model.data('body', 0, 0)).toBe('1');
    expect(model.data('body', 0, 1)).toBe('Ana');
    expect(model.data('body', 1, 1)).toBe(NULL_TEXT);
    expect(model.data('body', 0, 2)).toBe('35.5');
    expect(model.data('body', 1, 2)).toBe('40.0');
    expect(model.data('body', 0, 3)).toMatch(/^1991-06-29[ T]12:00:00/);
    expect(model.data('body', 2, 0)).toBe('3'); // second batch
    expect(model.data('body', 2, 2)).toBe(NULL_TEXT);
    const long = model.data('body', 2, 1);
    expect(long.length).toBe(501);
    expect(long.endsWith('…')).toBe(true);
  });
});
