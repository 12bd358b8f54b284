/**
 * Test data for transfers: deterministic bytes of any size, produced range by range (so a
 * 64 MiB source never exists in memory whole), and sources that count or fail their reads.
 */
import type { ByteSource } from '../service/transfers/types';

// Local references: global lookups are slow inside jest's jsdom environment.
const imul = Math.imul;

/**
 * Bytes `[start, end)` of pattern `seed`: each 4-byte word is a cheap hash of its position,
 * so nothing repeats at 8 MiB boundaries and swapped or repeated parts change the content.
 * @param start - the first byte.
 * @param end - one past the last byte.
 * @param seed - which pattern (default 1).
 * @returns the bytes.
 */
export function patternRange(start: number, end: number, seed = 1): Uint8Array {
  const firstWord = Math.floor(start / 4);
  const words = new Uint32Array(Math.ceil(end / 4) - firstWord);
  const mix = imul(seed, 0x85ebca6b);
  for (let w = 0; w < words.length; w++) {
    let x = imul((firstWord + w) | 0, 0x9e3779b1) ^ mix;
    x ^= x >>> 15;
    x = imul(x, 0x2c1b3c6d);
    x ^= x >>> 12;
    words[w] = x;
  }
  const skip = start - firstWord * 4;
  return new Uint8Array(words.buffer, skip, end - start);
}

/**
 * `size` bytes of pattern `seed`.
 * @param size - how many.
 * @param seed - which pattern (default 1).
 * @returns the bytes.
 */
export function patternBytes(size: number, seed = 1): Uint8Array {
  return patternRange(0, size, seed);
}

/** A source that generates its bytes on demand and counts its reads. */
export interface GeneratedSource extends ByteSource {
  /** Bytes handed out so far. */
  readonly bytesRead: number;
  /** Every read, in order. */
  readonly reads: { start: number; end: number }[];
}

/**
 * A source of `size` bytes of pattern `seed`, generated per read.
 * @param size - its size.
 * @param seed - which pattern.
 * @param failAt - a read starting at this offset throws (e.g. the second part).
 * @returns the source.
 */
export function generatedSource(size: number, seed = 1, failAt?: number): GeneratedSource {
  const reads: { start: number; end: number }[] = [];
  let bytesRead = 0;
  return {
    size,
    reads,
    get bytesRead() {
      return bytesRead;
    },
    async read(start: number, end: number): Promise<Uint8Array> {
      reads.push({ start, end });
      if (failAt !== undefined && start === failAt) {
        throw new Error(`Disk read error at byte ${start}`);
      }
      bytesRead += end - start;
      return patternRange(start, end, seed);
    }
  };
}
