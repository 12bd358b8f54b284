/**
 * An S3 object version as a random-access file: `slice(start, end)` is one ranged GetObject of
 * that version. Readers that only need parts of a file (the Parquet footer, then the row groups on
 * screen) read a multi-GiB object without ever holding it. A reader that can guess what it will
 * need next may read it ahead (`readAhead`): slices inside a read ahead, done or still in flight,
 * are served from it instead of a GET of their own.
 */
import type { S3Client } from '@aws-sdk/client-s3';
import { getObjectBytes, getObjectStream } from '../objects-read';
import type { ObjectRef } from '../object-info';
import { StreamedRange } from './streamed-range';

/** A file read by byte ranges (hyparquet's `AsyncBuffer`). */
export interface RangedFile {
  /** The file's size in bytes. */
  readonly byteLength: number;
  /**
   * Read bytes `start` (inclusive) to `end` (exclusive, the end of the file when absent).
   * @returns a buffer of their own.
   */
  slice(start: number, end?: number): Promise<ArrayBuffer>;
  /**
   * Start reading bytes `start`..`end` now, before they are asked for, and serve every later
   * slice that starts inside them from that read (as soon as its bytes have arrived) rather than
   * from a request of its own; a slice that runs past their end reads only the rest. Absent on
   * files that send no requests (bytes in memory).
   * @returns the read ahead, to cut short or forget. One that would hold more than
   *   {@link READ_AHEAD_LIMIT} at once is not made (nothing is read; its functions do nothing).
   */
  readAhead?(start: number, end: number): ReadAhead;
}

/** A read ahead of a {@link RangedFile}. */
export interface ReadAhead {
  /**
   * Keep only the bytes before `end` (the reader knows it needs no more): the read stops once
   * they have arrived, and slices past them are read as if there were no read ahead.
   */
  cut(end: number): void;
  /** Forget the bytes, stopping the read if it is still running; slices already served keep theirs. */
  drop(): void;
}

/** A read ahead that reads nothing. */
const NO_READ_AHEAD: ReadAhead = { cut: () => undefined, drop: () => undefined };

/**
 * The most bytes a file holds read ahead at once. Reads ahead are bets on what a reader needs
 * next (the Parquet viewer reads the file's start with its footer: see `headReadSize`), so they
 * are kept well below the viewer's page-memory goal (300 MB) beside the row groups it shows.
 */
export const READ_AHEAD_LIMIT = 64 * 2 ** 20;

/** Options of {@link rangedObject}. */
export interface RangedObjectOptions {
  /** Cancels every read. */
  signal?: AbortSignal;
  /**
   * Told of every ranged GET, after it is done (for counters and tests). A slice served from a
   * read ahead sends none and is not told; a read ahead is told once, when its GET is done, of the
   * bytes it kept (up to its cut: the few more in flight when the GET was stopped are not told).
   */
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
  /** The reads ahead held now (a failed one leaves: its bytes are then read again). */
  const held = new Set<StreamedRange>();
  let heldBytes = 0;
  const pinned = { ...ref, ifMatch: ref.versionId ? undefined : options.etag };

  const get = async (start: number, end: number): Promise<Uint8Array> => {
    const { bytes } = await getObjectBytes(s3, { ...pinned, range: { start, end }, signal: options.signal });
    options.onRead?.(start, end);
    return bytes;
  };

  const slice = async (start: number, end = size): Promise<ArrayBuffer> => {
    const stop = Math.min(end, size);
    if (stop <= start) {
      return new ArrayBuffer(0);
    }
    const ahead = [...held].find(read => read.start <= start && start < read.end);
    const upTo = ahead ? Math.min(stop, ahead.end) : stop;
    const bytes = ahead ? await ahead.bytes(start, upTo) : undefined;
    if (!bytes) {
      // Nothing read ahead here, or that read failed: a GET of its own (which says why, if it fails too).
      return ownBuffer(await get(start, stop));
    }
    if (upTo === stop) {
      return bytes.slice().buffer as ArrayBuffer;
    }
    // Across the read's end: its part from memory, the rest as any other slice (pinned the same way).
    const whole = new Uint8Array(stop - start);
    whole.set(bytes);
    whole.set(new Uint8Array(await slice(upTo, stop)), upTo - start);
    return whole.buffer;
  };

  const readAhead = (start: number, end: number): ReadAhead => {
    const from = Math.max(0, start);
    const stop = Math.min(end, size);
    const length = stop - from;
    if (length <= 0 || heldBytes + length > READ_AHEAD_LIMIT || options.signal?.aborted) {
      return NO_READ_AHEAD;
    }
    const stopIt = (): void => read.stop(); // the file's signal stops it too
    const forget = (): void => {
      if (held.delete(read)) {
        heldBytes -= length;
        options.signal?.removeEventListener('abort', stopIt);
      }
    };
    const read: StreamedRange = new StreamedRange(
      from,
      stop,
      async signal => {
        const { stream, ranged } = await getObjectStream(s3, { ...pinned, range: { start: from, end: stop }, signal });
        if (!ranged) {
          await stream.cancel();
          throw new Error('The server ignored the range.'); // read again by GETs, which cut it
        }
        return stream;
      },
      {
        done: received => {
          options.signal?.removeEventListener('abort', stopIt);
          options.onRead?.(from, from + received);
        },
        failed: forget // a failed bet: whoever needs the bytes reads them again (never an unhandled rejection)
      }
    );
    held.add(read);
    heldBytes += length;
    options.signal?.addEventListener('abort', stopIt, { once: true });
    return {
      cut: (at: number) => read.cut(at),
      drop: () => {
        forget();
        read.stop();
      }
    };
  };

  return { byteLength: size, slice, readAhead };
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
