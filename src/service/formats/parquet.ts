/**
 * Parquet ⇄ Arrow `Table`, with parquet-wasm (Apache Arrow's Rust `parquet` crate compiled to
 * WebAssembly).
 *
 * Why parquet-wasm rather than hyparquet + hyparquet-writer (pure JS): it is Arrow's own
 * Arrow⇄Parquet mapping, so every Arrow type round-trips without code of ours: the `ARROW:schema`
 * metadata is read and written (timezones such as `Europe/Paris`, dictionary/categorical columns,
 * large strings, pandas' `pandas` metadata come back exactly), int64 stays int64 and nanosecond
 * timestamps keep their nanoseconds, all Parquet codecs (snappy, gzip, brotli, zstd, lz4) and
 * encodings are read, and pandas/pyarrow read what it writes as the same types. With hyparquet we
 * would have to map Parquet rows to Arrow columns and back ourselves, and build the `ARROW:schema`
 * by hand, to get the same. The price is a ~5 MB `.wasm`, fetched only on first use. (The few
 * Arrow types Parquet lacks, such as `timestamp[s]`, are converted first as pyarrow does: see
 * parquet-compat.ts.)
 *
 * Decoding asks for record batches as large as the column sizes allow (parquet-batch.ts), not
 * parquet-wasm's 1,024 rows: a million rows then come as one batch instead of ~1,000.
 *
 * Loading, one import specifier for both environments (package `exports` conditions):
 * - Node (CLI, jest): `parquet-wasm` resolves to its `node` build, CommonJS, which reads and
 *   instantiates its `.wasm` synchronously when required; nothing to initialise.
 * - Browser (JupyterLab builder, rspack): it resolves to the `esm` build, whose default export
 *   `init()` fetches `new URL('parquet_wasm_bg.wasm', import.meta.url)`. rspack turns that URL
 *   into a hashed asset next to our chunks (public path `auto`), so `init()` loads it from the
 *   extension's static folder. The dynamic `import()` makes parquet-wasm its own chunk.
 */
import type * as ParquetWasm from 'parquet-wasm';
import { HeliumError } from '../error-class';
import { isArrowTable, loadArrow } from './arrow';
import type { FormatCodec } from './codec';
import { parquetCompatible } from './parquet-compat';
import { describeValue, unreadable, unwritable } from './util';

let parquetModule: Promise<typeof ParquetWasm> | undefined;

/**
 * Load parquet-wasm and initialise its WebAssembly (once).
 * @returns the module, ready to use.
 * @throws HeliumError `Network` when the browser cannot fetch or compile the `.wasm`.
 */
export function loadParquetWasm(): Promise<typeof ParquetWasm> {
  if (!parquetModule) {
    parquetModule = (async () => {
      const mod = await import('parquet-wasm');
      // The esm build exports `init` as default; the node build is initialised already (its
      // default export, seen from ESM or through CommonJS interop, is the exports object).
      const init: unknown = (mod as { default?: unknown }).default;
      if (typeof init === 'function') {
        await (init as () => Promise<unknown>)();
      }
      return mod;
    })().catch(cause => {
      parquetModule = undefined;
      throw new HeliumError(
        'Network',
        `The Parquet reader (parquet-wasm) could not be loaded: ${cause instanceof Error ? cause.message : String(cause)}. Reload the page and try again.`,
        { code: 'ModuleLoadFailed', cause, params: { reason: cause instanceof Error ? cause.message : String(cause) } }
      );
    });
  }
  return parquetModule;
}

/** Parquet files start and end with these 4 bytes. */
const MAGIC = [0x50, 0x41, 0x52, 0x31]; // PAR1

/**
 * Whether bytes look like a Parquet file (magic at both ends).
 * @param bytes - the bytes.
 * @returns true when they do.
 */
export function isParquet(bytes: Uint8Array): boolean {
  const n = bytes.length;
  return n >= 12 && MAGIC.every((b, i) => bytes[i] === b && bytes[n - 4 + i] === b);
}

/**
 * The message of a wasm error (wasm-bindgen throws strings or Errors).
 * @param err - the error.
 * @returns its text.
 */
function reason(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

export const parquetCodec: FormatCodec = {
  name: 'parquet',
  aliases: ['pandas', 'pyarrow', 'arrow-table'],
  extensions: ['.parquet', '.pq'],
  contentTypes: ['application/vnd.apache.parquet', 'application/x-parquet', 'application/parquet'],
  contentType: 'application/vnd.apache.parquet',
  accepts: isArrowTable,
  async encode(value) {
    if (!isArrowTable(value)) {
      throw unwritable('parquet', `expected an Apache Arrow Table, got ${describeValue(value)}.`);
    }
    const [arrow, pw] = await Promise.all([loadArrow(), loadParquetWasm()]);
    let ipc: Uint8Array;
    try {
      ipc = arrow.tableToIPC(parquetCompatible(arrow, value), 'stream');
    } catch (err) {
      throw unwritable('parquet', `the table could not be serialised (${reason(err)}).`, err);
    }
    try {
      // Both the table and the properties are moved into (and freed by) writeParquet.
      const table = pw.Table.fromIPCStream(ipc);
      const properties = new pw.WriterPropertiesBuilder().setCompression(pw.Compression.SNAPPY).build();
      return pw.writeParquet(table, properties);
    } catch (err) {
      throw unwritable('parquet', `${reason(err)}.`, err);
    }
  },
  async decode(bytes, context) {
    if (!isParquet(bytes)) {
      throw unreadable('parquet', context, new Error('it does not start and end with "PAR1"'));
    }
    // parquet-batch.ts (hyparquet) only when decoding: the CLI's bundle loads it as an external module,
    // which a standalone install (the wheel, the npm package) does not hold.
    const [arrow, pw, { parquetBatchSize }] = await Promise.all([loadArrow(), loadParquetWasm(), import('./parquet-batch')]);
    try {
      return arrow.tableFromIPC(pw.readParquet(bytes, { batchSize: parquetBatchSize(bytes) }).intoIPCStream());
    } catch (err) {
      throw unreadable('parquet', context, err);
    }
  }
};
