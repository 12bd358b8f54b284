/**
 * The batch size parquet-wasm decodes with: as few batches as the value sizes allow, and the
 * same table whatever the batching.
 * @jest-environment-options {"customExportConditions": ["node", "require", "default"]}
 */
import { Table, tableFromArrays } from 'apache-arrow';
import { dumpTable } from '../../testing/arrow-dump';
import { parquetCodec } from './index';
import { parquetBatchSize } from './parquet-batch';

/** A table of `rows` rows: an int, a 100-character string and a double. */
function table(rows: number): Table {
  return tableFromArrays({
    id: Int32Array.from({ length: rows }, (_, i) => i),
    text: Array.from({ length: rows }, (_, i) => `${i}`.padStart(100, '.')),
    x: Float64Array.from({ length: rows }, (_, i) => i / 3)
  });
}

describe('parquetBatchSize', () => {
  it('decodes a file of many 1,024-row batches into one batch, with the same values', async () => {
    const source = table(5000);
    const bytes = await parquetCodec.encode!(source);
    expect(parquetBatchSize(bytes)).toBe(5000);
    const back = (await parquetCodec.decode(bytes)) as Table;
    expect(back.batches).toHaveLength(1);
    expect(dumpTable(back)).toEqual(dumpTable(source));
  });

  it('bounds a batch by the bytes of its largest column', async () => {
    const bytes = await parquetCodec.encode!(table(10_000));
    // ~1 MB of text: 400 kB a batch is ~4,000 rows; never under parquet-wasm's 1,024.
    const rows = parquetBatchSize(bytes, 400_000);
    expect(rows).toBeGreaterThan(3000);
    expect(rows).toBeLessThanOrEqual(4000);
    expect(parquetBatchSize(bytes, 1000)).toBe(1024);
  });

  it('leaves what is not a Parquet footer to the reader', () => {
    expect(parquetBatchSize(new TextEncoder().encode('PAR1 not really PAR1'))).toBe(1024);
  });
});
