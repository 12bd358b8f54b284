/**
 * Byte sources that need no platform: in-memory bytes, and Blobs/Files (browser, Node ≥ 18).
 */
import { HeliumError } from '../error-class';
import type { ByteSource } from './types';

/**
 * Check a read request against a source's size.
 * @param size - the source's size.
 * @param start - the first byte.
 * @param end - one past the last byte.
 * @throws RangeError for a range outside the source.
 */
function checkRange(size: number, start: number, end: number): void {
  if (!(Number.isSafeInteger(start) && Number.isSafeInteger(end) && 0 <= start && start <= end && end <= size)) {
    throw new RangeError(`Cannot read bytes [${start}, ${end}) of a ${size}-byte source.`);
  }
}

/**
 * A source over bytes already in memory (no copy: reads are views of `bytes`).
 * @param bytes - the content.
 * @returns the source.
 */
export function bytesSource(bytes: Uint8Array): ByteSource {
  return {
    size: bytes.byteLength,
    read: async (start, end) => {
      checkRange(bytes.byteLength, start, end);
      return bytes.subarray(start, end);
    }
  };
}

/**
 * A source over a Blob (or a File from a file input or a drop): each read slices the Blob
 * and reads only that slice, so a large file is never in memory whole.
 * @param blob - the Blob.
 * @returns the source.
 */
export function blobSource(blob: Blob): ByteSource {
  return {
    size: blob.size,
    read: async (start, end) => {
      checkRange(blob.size, start, end);
      return new Uint8Array(await blob.slice(start, end).arrayBuffer());
    }
  };
}

/**
 * Read `[start, end)` from a source and insist on getting exactly that many bytes (a file
 * that shrank while being uploaded must not produce a truncated object).
 * @param source - the source.
 * @param start - the first byte.
 * @param end - one past the last byte.
 * @returns the bytes.
 * @throws HeliumError `Conflict` (code `SourceChanged`) on a short or long read; whatever
 *   `source.read` throws.
 */
export async function readExactly(source: ByteSource, start: number, end: number): Promise<Uint8Array> {
  const bytes = await source.read(start, end);
  if (bytes.byteLength !== end - start) {
    throw new HeliumError(
      'Conflict',
      `The data being uploaded changed meanwhile: bytes ${start}–${end} read as ${bytes.byteLength.toLocaleString('en-US')} bytes instead of ${(end - start).toLocaleString('en-US')}. Nothing was written; upload it again.`,
      { code: 'SourceChanged' }
    );
  }
  return bytes;
}
