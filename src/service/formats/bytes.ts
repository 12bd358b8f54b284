/**
 * Bytes: stored and read as-is (`application/octet-stream`). Writes accept a `Uint8Array` (or any
 * typed array or DataView, or an ArrayBuffer) and a `Blob`; reads give a `Uint8Array`.
 */
import type { FormatCodec } from './codec';
import { blobBytes, describeValue, isBinary, isBlob, tagOf, unwritable } from './util';

/**
 * The bytes of a binary value, without copying when it is already a Uint8Array.
 * @param value - a typed array, DataView, ArrayBuffer or Blob.
 * @returns its bytes.
 */
export async function toBytes(value: unknown): Promise<Uint8Array> {
  if (tagOf(value) === 'Uint8Array') {
    return value as Uint8Array;
  }
  if (ArrayBuffer.isView(value)) {
    return new Uint8Array(value.buffer, value.byteOffset, value.byteLength);
  }
  if (tagOf(value) === 'ArrayBuffer') {
    return new Uint8Array(value as ArrayBuffer);
  }
  if (isBlob(value)) {
    return blobBytes(value);
  }
  throw unwritable('bytes', `expected a Uint8Array, ArrayBuffer or Blob, got ${describeValue(value)}.`);
}

export const bytesCodec: FormatCodec<Uint8Array> = {
  name: 'bytes',
  aliases: ['binary'],
  extensions: ['.bin'],
  contentTypes: ['application/octet-stream', 'binary/octet-stream'],
  contentType: 'application/octet-stream',
  accepts: isBinary,
  encode: toBytes,
  async decode(bytes) {
    return bytes;
  }
};

/**
 * Whether two byte arrays are equal.
 * @param a - some bytes.
 * @param b - other bytes.
 * @returns true when equal.
 */
export function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) {
    return false;
  }
  for (let i = 0; i < a.length; i++) {
    if (a[i] !== b[i]) {
      return false;
    }
  }
  return true;
}
