/**
 * An S3 object version as a random-access file: `slice(start, end)` is one ranged GetObject of
 * that version. Readers that only need parts of a file (the Parquet footer, then the row groups on
 * screen) read a multi-GiB object without ever holding it.
 */
import type { S3Client } from '@aws-sdk/client-s3';
import { getObjectBytes } from '../objects-read';
import type { ObjectRef } from '../object-info';

/** A file read by byte ranges (hyparquet's `AsyncBuffer`). */
export interface RangedFile {
  /** The file's size in bytes. */
  readonly byteLength: number;
  /**
   * Read bytes `start` (inclusive) to `end` (exclusive, the end of the file when absent).
   * @returns a buffer of their own.
   */
  slice(start: number, end?: number): Promise<ArrayBuffer>;
}

/** Options of {@link rangedObject}. */
export interface RangedObjectOptions {
  /** Cancels every read. */
  signal?: AbortSignal;
  /** Told of every read, after it is done (for counters and tests). */
  onRead?: (start: number, end: number) => void;
  /**
   * The object's ETag, for an object without a version id: every range is read only while the
   * object still has it (after an overwrite a read fails with `Conflict` instead of mixing bytes).
   */
  etag?: string;
}

/**
 * A buffer of its own with these bytes (a ranged GET's body may be a view of a larger buffer).
 * @param bytes - the bytes.
 * @returns an ArrayBuffer holding exactly them.
 */
export function ownBuffer(bytes: Uint8Array): ArrayBuffer {
  if (bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength && bytes.buffer instanceof ArrayBuffer) {
    return bytes.buffer;
  }
  return bytes.slice().buffer as ArrayBuffer;
}

/**
 * One object version as a {@link RangedFile}. Pass the version id: every range then reads that
 * version, even if the object is overwritten while it is being read (or, without versions, the
 * ETag: an overwrite then fails the next read rather than mixing two objects' bytes).
 * @param s3 - the client.
 * @param ref - bucket, key and (pinned) version id.
 * @param size - the version's size in bytes (from a HEAD).
 * @param options - cancellation and a read observer.
 * @returns the file.
 */
export function rangedObject(s3: S3Client, ref: ObjectRef, size: number, options: RangedObjectOptions = {}): RangedFile {
  return {
    byteLength: size,
    async slice(start: number, end = size): Promise<ArrayBuffer> {
      const stop = Math.min(end, size);
      if (stop <= start) {
        return new ArrayBuffer(0);
      }
      const { bytes } = await getObjectBytes(s3, {
        ...ref,
        range: { start, end: stop },
        signal: options.signal,
        ifMatch: ref.versionId ? undefined : options.etag
      });
      options.onRead?.(start, stop);
      return ownBuffer(bytes);
    }
  };
}

/**
 * Bytes already in memory as a {@link RangedFile} (files from drives that cannot read ranges).
 * @param bytes - the whole file.
 * @returns the file.
 */
export function bytesFile(bytes: Uint8Array): RangedFile {
  return {
    byteLength: bytes.byteLength,
    slice: async (start: number, end = bytes.byteLength) => bytes.slice(start, end).buffer as ArrayBuffer
  };
}
