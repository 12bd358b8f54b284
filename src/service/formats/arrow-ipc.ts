/**
 * Arrow IPC: an Arrow `Table` as an Arrow IPC file (`.arrow`, Feather v2 `.feather`); reads also
 * accept the IPC stream format (`.arrows`). Uses apache-arrow only (no wasm).
 *
 * Compressed IPC bodies (LZ4 frame, pyarrow's default for `to_feather`, and ZSTD) are read through
 * the decompressors of ipc-compression.ts. We write uncompressed files.
 */
import { isArrowTable, loadArrow } from './arrow';
import type { FormatCodec } from './codec';
import { registerIpcDecompression } from './ipc-compression';
import { describeValue, unreadable, unwritable } from './util';

/** `ARROW1`: the first bytes of an IPC file. */
const FILE_MAGIC = [0x41, 0x52, 0x52, 0x4f, 0x57, 0x31];

/**
 * Whether bytes look like Arrow IPC: the file magic, or a stream's first message (a
 * continuation marker 0xFFFFFFFF, or a pre-1.0 stream's positive length).
 * @param bytes - the bytes.
 * @returns true when they do.
 */
export function isArrowIpc(bytes: Uint8Array): boolean {
  if (bytes.length >= 6 && FILE_MAGIC.every((b, i) => bytes[i] === b)) {
    return true;
  }
  if (bytes.length < 8) {
    return false;
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const first = view.getUint32(0, true);
  const length = first === 0xffffffff ? view.getInt32(4, true) : view.getInt32(0, true);
  return length > 0 && length < bytes.length;
}

export const arrowIpcCodec: FormatCodec = {
  name: 'arrow',
  aliases: ['feather', 'arrow-ipc', 'ipc'],
  extensions: ['.arrow', '.feather', '.arrows', '.ipc'],
  contentTypes: ['application/vnd.apache.arrow.file', 'application/vnd.apache.arrow.stream'],
  contentType: 'application/vnd.apache.arrow.file',
  accepts: () => false,
  async encode(value) {
    if (!isArrowTable(value)) {
      throw unwritable('arrow', `expected an Apache Arrow Table, got ${describeValue(value)}.`);
    }
    const arrow = await loadArrow();
    try {
      return arrow.tableToIPC(value, 'file');
    } catch (err) {
      throw unwritable('arrow', `${err instanceof Error ? err.message : String(err)}.`, err);
    }
  },
  async decode(bytes, context) {
    if (!isArrowIpc(bytes)) {
      throw unreadable('arrow', context, new Error('it is neither an Arrow IPC file nor stream (Feather v1 files are not supported)'));
    }
    const arrow = await loadArrow();
    await registerIpcDecompression(arrow);
    try {
      return arrow.tableFromIPC(bytes);
    } catch (err) {
      throw unreadable('arrow', context, err);
    }
  }
};
