/**
 * Tests of the table viewer's grid model (cells across record batches, nulls, types in the
 * header) and of the base64 decoding of a document's bytes. The viewer itself, in a real
 * JupyterLab on a Parquet object, is in ui-tests/tests/versions.spec.ts.
 * @jest-environment-options {"customExportConditions": ["node", "require", "default"]}
 */
import { Float64, Int64, Table, TimestampMillisecond, Utf8, vectorFromArray } from 'apache-arrow';
import { base64ToBytes } from './TableViewer';
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
  it('has a row per table row, a column per field, and two header rows', () => {
    const model = new ArrowGridModel(twoBatches());
    expect(model.table.batches.length).toBe(2);
    expect([model.rowCount('body'), model.columnCount('body')]).toEqual([3, 4]);
    expect([model.rowCount('column-header'), model.columnCount('row-header')]).toEqual([2, 1]);
    expect([0, 1, 2, 3].map(c => model.data('column-header', 0, c))).toEqual(['id', 'name', 'wind', 'at']);
    expect([0, 1, 2, 3].map(c => model.data('column-header', 1, c))).toEqual(['int64', 'string', 'double', 'timestamp[ms]']);
    expect(model.data('row-header', 2, 0)).toBe('2');
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

describe('base64ToBytes', () => {
  it('decodes every byte value, ignoring line breaks', () => {
    const all = Uint8Array.from({ length: 256 }, (_, i) => i);
    const text = Buffer.from(all).toString('base64');
    const wrapped = text.replace(/(.{76})/g, '$1\n');
    expect(Array.from(base64ToBytes(wrapped))).toEqual(Array.from(all));
  });
});
