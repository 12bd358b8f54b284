/**
 * How objects are cut into parts: quilt3's `sha2-256-chunked` layout, which our multipart
 * uploads and ranged downloads both follow.
 */
import { HeliumError } from '../error-class';

/** 8 MiB: the starting part size of quilt3's `sha2-256-chunked` hash and of our uploads. */
export const BASE_PART_SIZE = 8 * 1024 * 1024;

/** The most parts S3 accepts in one multipart upload (and quilt3's limit on chunks). */
export const MAX_PARTS = 10_000;

/** The largest object S3 stores: 5 TiB. */
export const MAX_OBJECT_SIZE = 5 * 1024 * 1024 * 1024 * 1024;

/** A byte range: `start` inclusive, `end` exclusive. */
export interface PartRange {
  /** The 0-based part index (the S3 part number is `index + 1`). */
  index: number;
  /** The first byte. */
  start: number;
  /** One past the last byte. */
  end: number;
}

/**
 * Throw unless `size` is a whole number of bytes S3 can store.
 * @param size - a size in bytes.
 * @throws HeliumError `InvalidInput`.
 */
export function assertValidSize(size: number): void {
  if (!Number.isSafeInteger(size) || size < 0) {
    throw new HeliumError('InvalidInput', `${String(size)} is not a valid size: sizes are whole numbers of bytes ≥ 0.`, {
      code: 'InvalidSize'
    });
  }
  if (size > MAX_OBJECT_SIZE) {
    throw new HeliumError(
      'InvalidInput',
      `${size.toLocaleString('en-US')} bytes is more than S3 stores in one object (5 TiB). Nothing was sent: split the data into several objects.`,
      { code: 'EntityTooLarge' }
    );
  }
}

/**
 * The part size for an object of `size` bytes: 8 MiB, doubled only while more than 10,000
 * parts would be needed. This is exactly quilt3's `get_checksum_chunksize` (and boto3's
 * `ChunksizeAdjuster` with an 8 MiB chunk size), so a multipart upload with these parts gets
 * the composite SHA-256 that equals Quilt's `sha2-256-chunked` hash.
 *
 * Examples: 0 B … 80,000 MiB → 8 MiB; 80,000 MiB + 1 B (e.g. 80 GiB) → 16 MiB.
 * @param size - the object's size in bytes.
 * @returns the part size in bytes.
 * @throws HeliumError `InvalidInput` for a negative, fractional or over-5-TiB size.
 */
export function partSizeFor(size: number): number {
  assertValidSize(size);
  let partSize = BASE_PART_SIZE;
  while (Math.ceil(size / partSize) > MAX_PARTS) {
    partSize *= 2;
  }
  return partSize;
}

/**
 * How many parts an object of `size` bytes has in that layout (0 for an empty object, whose
 * Quilt hash is the hash of no part digests at all).
 * @param size - the object's size in bytes.
 * @returns the number of parts.
 */
export function partCount(size: number): number {
  return size === 0 ? 0 : Math.ceil(size / partSizeFor(size));
}

/**
 * The byte range of one part.
 * @param size - the object's size in bytes.
 * @param index - the 0-based part index.
 * @param partSize - the part size (default {@link partSizeFor}(size)).
 * @returns the range of that part.
 */
export function partRange(size: number, index: number, partSize = partSizeFor(size)): PartRange {
  const start = index * partSize;
  return { index, start, end: Math.min(start + partSize, size) };
}
