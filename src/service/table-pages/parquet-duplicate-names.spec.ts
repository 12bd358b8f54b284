/**
 * A Parquet file with two top-level columns of one name (pyarrow writes them; hyparquet finds
 * columns by name, so the viewer showed the first column's values under both and nulls under the
 * other): opening it says so instead.
 * @jest-environment-options {"customExportConditions": ["node", "require", "default"]}
 */
import { Field, Int64, makeData, RecordBatch, Schema, Struct, Table } from 'apache-arrow';
import { failure } from '../../testing/failure';
import { markingTrans } from '../../testing/translation';
import { tableErrorText } from '../../widgets/table-error-text';
import { parquetCodec } from '../formats/parquet';
import { openParquetPages } from './parquet-pages';
import { bytesFile } from './ranged-object';

/** Columns `x`, `x` (1, 2 and 3, 4), as pyarrow's Table.from_arrays(…, names=['x', 'x']). */
function twoColumnsNamedX(): Table {
  const fields = [new Field('x', new Int64(), true), new Field('x', new Int64(), true)];
  const children = [BigInt64Array.of(1n, 2n), BigInt64Array.of(3n, 4n)].map(values => makeData({ type: new Int64(), data: values }));
  const batch = new RecordBatch(new Schema(fields), makeData({ type: new Struct(fields), length: 2, children }));
  return new Table([batch]);
}

it('refuses a file with two columns of one name, naming the column', async () => {
  const bytes = await parquetCodec.encode!(twoColumnsNamedX());
  const err = await failure(openParquetPages(bytesFile(bytes), 's3://b/dup.parquet'));
  expect(err.code).toBe('DuplicateColumnNames');
  expect(tableErrorText(err, markingTrans)).toMatch(/^«s3:\/\/b\/dup\.parquet has more than one column named "x"/);
});
