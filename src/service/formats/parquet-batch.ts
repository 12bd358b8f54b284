/**
 * How many rows parquet-wasm puts in each Arrow record batch it decodes.
 *
 * Its default, 1,024 rows, turns a 1,000,000-row file into ~1,000 batches: the Arrow IPC stream
 * and `tableFromIPC` then cost more than the decoding itself (measured on the table-diff
 * benchmark: 0.27 s a file at 1,024 rows, 0.11 s in one batch), and every reader of the table
 * pays a batch lookup per row. So we ask for batches as large as possible, bounded so that no
 * column of a batch holds more than {@link BATCH_BYTES} of values: a string column's offsets are
 * 32-bit, and one batch of a huge text column must not overflow them.
 *
 * The sizes come from the file's footer (read with hyparquet, a few milliseconds): per column
 * chunk, the decoded size of its strings when the writer recorded it (`size_statistics`), else
 * its uncompressed size, which undercounts dictionary-encoded strings but is what we know.
 */
import { parquetMetadata } from 'hyparquet';

/** The most bytes of values one column of one batch may hold. */
export const BATCH_BYTES = 256 * 2 ** 20;

/** The smallest batch we ask for (parquet-wasm's default). */
const MIN_BATCH = 1024;

/**
 * The batch size to read a Parquet file with.
 * @param bytes - the whole file.
 * @param maxBytes - the most bytes of values per column of a batch.
 * @returns rows per batch: at least 1,024, at most the file's row count.
 */
export function parquetBatchSize(bytes: Uint8Array, maxBytes = BATCH_BYTES): number {
  let metadata;
  try {
    metadata = parquetMetadata(bytes);
  } catch {
    return MIN_BATCH; // parquet-wasm will say what is wrong with the file
  }
  let batch = Math.max(MIN_BATCH, Number(metadata.num_rows));
  for (const group of metadata.row_groups) {
    const rows = Number(group.num_rows);
    for (const chunk of group.columns) {
      const meta = chunk.meta_data;
      if (!meta || rows === 0) {
        continue;
      }
      const bytesOf = Number(meta.size_statistics?.unencoded_byte_array_data_bytes ?? meta.total_uncompressed_size);
      if (bytesOf > 0) {
        batch = Math.min(batch, Math.floor((maxBytes / bytesOf) * rows));
      }
    }
  }
  return Math.max(MIN_BATCH, batch);
}
