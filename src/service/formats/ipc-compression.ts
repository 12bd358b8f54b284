/**
 * Decompression for compressed Arrow IPC bodies, registered in apache-arrow's
 * `compressionRegistry` (which ships no codecs): pyarrow compresses Feather files with LZ4 by
 * default (`df.to_feather()`), or ZSTD when asked.
 * - LZ4 frame: the small decoder below (LZ4 frame format v1.6.x, LZ4 block format).
 * - ZSTD: `fzstd` (pure JS, decompression only, ~8 KB gzip), loaded with `import()` on first use.
 * Only decoding is registered: we write IPC files uncompressed.
 */
import type { ArrowModule } from './arrow';

/** A byte buffer that grows as data is appended. */
class ByteSink {
  private buf: Uint8Array;
  length = 0;

  constructor(capacity: number) {
    this.buf = new Uint8Array(Math.max(capacity, 64));
  }

  /** Make room for `n` more bytes. */
  private reserve(n: number): void {
    if (this.length + n > this.buf.length) {
      const next = new Uint8Array(Math.max(this.buf.length * 2, this.length + n));
      next.set(this.buf.subarray(0, this.length));
      this.buf = next;
    }
  }

  /** Append bytes. */
  append(bytes: Uint8Array): void {
    this.reserve(bytes.length);
    this.buf.set(bytes, this.length);
    this.length += bytes.length;
  }

  /** Append `length` bytes copied from `distance` bytes back (the copy may overlap itself). */
  copyBack(distance: number, length: number): void {
    if (distance <= 0 || distance > this.length) {
      throw new Error('corrupt LZ4 data: a match points before the start of the output');
    }
    this.reserve(length);
    const buf = this.buf;
    let from = this.length - distance;
    let to = this.length;
    if (distance >= length) {
      buf.copyWithin(to, from, from + length);
    } else {
      for (const end = to + length; to < end;) {
        buf[to++] = buf[from++];
      }
    }
    this.length += length;
  }

  /** The bytes written. */
  bytes(): Uint8Array {
    return this.buf.subarray(0, this.length);
  }
}

/**
 * Read a little-endian unsigned 32-bit integer.
 * @param bytes - the bytes.
 * @param at - the offset.
 * @returns the integer.
 */
function u32(bytes: Uint8Array, at: number): number {
  if (at + 4 > bytes.length) {
    throw new Error('truncated LZ4 frame');
  }
  return (bytes[at] | (bytes[at + 1] << 8) | (bytes[at + 2] << 16) | (bytes[at + 3] << 24)) >>> 0;
}

/**
 * Decode one LZ4 block (sequences of literals and back-references) into `out`. With linked
 * blocks, matches may reach into earlier blocks: `out` holds them.
 * @param src - the compressed block.
 * @param out - the output so far.
 */
function decodeBlock(src: Uint8Array, out: ByteSink): void {
  let i = 0;
  const n = src.length;
  /** An LZ4 length: the nibble, plus bytes while they are 255. */
  const length = (nibble: number): number => {
    let value = nibble;
    if (nibble === 15) {
      let b: number;
      do {
        if (i >= n) {
          throw new Error('truncated LZ4 block');
        }
        b = src[i++];
        value += b;
      } while (b === 255);
    }
    return value;
  };
  while (i < n) {
    const token = src[i++];
    const literals = length(token >> 4);
    if (i + literals > n) {
      throw new Error('truncated LZ4 block');
    }
    out.append(src.subarray(i, i + literals));
    i += literals;
    if (i === n) {
      return; // the last sequence has literals only
    }
    if (i + 2 > n) {
      throw new Error('truncated LZ4 block');
    }
    const distance = src[i] | (src[i + 1] << 8);
    i += 2;
    out.copyBack(distance, length(token & 15) + 4);
  }
}

/**
 * Decompress LZ4 frames (one or more, skippable frames ignored). Checksums are not verified.
 * @param input - the frame(s).
 * @returns the decompressed bytes.
 */
export function lz4FrameDecompress(input: Uint8Array): Uint8Array {
  const out = new ByteSink(input.length * 3);
  let pos = 0;
  while (pos < input.length) {
    const magic = u32(input, pos);
    pos += 4;
    if ((magic & 0xfffffff0) >>> 0 === 0x184d2a50) {
      pos += 4 + u32(input, pos); // skippable frame
      continue;
    }
    if (magic !== 0x184d2204) {
      throw new Error('not an LZ4 frame');
    }
    const flags = input[pos];
    pos += 2; // FLG, BD
    if (flags >> 6 !== 1) {
      throw new Error(`unsupported LZ4 frame version ${flags >> 6}`);
    }
    if (flags & 0x01) {
      throw new Error('LZ4 frames with a dictionary are not supported');
    }
    const blockChecksums = (flags & 0x10) !== 0;
    pos += (flags & 0x08 ? 8 : 0) + 1; // content size, header checksum
    for (;;) {
      const size = u32(input, pos);
      pos += 4;
      if (size === 0) {
        break; // end mark
      }
      const blockLength = size & 0x7fffffff;
      if (pos + blockLength > input.length) {
        throw new Error('truncated LZ4 frame');
      }
      const block = input.subarray(pos, pos + blockLength);
      if (size & 0x80000000) {
        out.append(block); // stored uncompressed
      } else {
        decodeBlock(block, out);
      }
      pos += blockLength + (blockChecksums ? 4 : 0);
    }
    pos += flags & 0x04 ? 4 : 0; // content checksum
  }
  return out.bytes();
}

/**
 * Bytes starting on an 8-byte boundary of their buffer: apache-arrow views decompressed buffers
 * as BigInt64Array/Float64Array in place, which needs it (fzstd returns unaligned subarrays).
 * @param bytes - the bytes.
 * @returns the same bytes, copied when misaligned.
 */
function aligned(bytes: Uint8Array): Uint8Array {
  return bytes.byteOffset % 8 === 0 ? bytes : bytes.slice();
}

let registered: Promise<void> | undefined;

/**
 * Register LZ4-frame and ZSTD decompression in apache-arrow (once; codecs registered by the
 * application first are kept).
 * @param arrow - the apache-arrow module.
 */
export function registerIpcDecompression(arrow: ArrowModule): Promise<void> {
  if (!registered) {
    registered = (async () => {
      const { compressionRegistry, CompressionType } = arrow;
      if (!compressionRegistry.get(CompressionType.LZ4_FRAME)) {
        compressionRegistry.set(CompressionType.LZ4_FRAME, { decode: data => aligned(lz4FrameDecompress(data)) });
      }
      if (!compressionRegistry.get(CompressionType.ZSTD)) {
        const fzstd = await import('fzstd');
        compressionRegistry.set(CompressionType.ZSTD, { decode: (data: Uint8Array) => aligned(fzstd.decompress(data)) });
      }
    })().catch(err => {
      registered = undefined;
      throw err;
    });
  }
  return registered;
}
