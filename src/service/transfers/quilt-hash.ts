/**
 * Quilt's `sha2-256-chunked` hash and how it relates to S3's SHA-256 checksums.
 *
 * The relation (verified against quilt3's `checksums.py`: `get_checksum_chunksize`,
 * `SHA256MultiPartChecksumCalculator.combine_parts`, `_simple_s3_to_quilt_checksum`, and
 * against moto in `upload.int.spec.ts`):
 *
 * - Cut the bytes into parts of {@link partSizeFor}(size) (8 MiB, doubling only past 10,000
 *   parts). Let `d_i = sha256(part_i)` (32 raw bytes each).
 * - Quilt's value is `base64(sha256(d_1 ‖ d_2 ‖ … ‖ d_N))`, for EVERY size, including objects
 *   of one part (`base64(sha256(sha256(bytes)))`). The empty object has no parts: its value is
 *   `base64(sha256(""))` (the hash of an empty concatenation), not `sha256(sha256(""))`.
 * - S3's composite checksum of a multipart upload created with `ChecksumAlgorithm: SHA256`
 *   is `base64(sha256(d_1 ‖ … ‖ d_N)) + "-" + N` over the parts actually uploaded. With our
 *   parts (the same layout), the part before `-N` IS Quilt's value, byte for byte.
 *   (moto omits the `-N` suffix on HEAD; real S3 sends it.)
 * - A single PUT stores the full-object checksum `base64(sha256(bytes))` = `base64(d_1)`.
 *   Quilt's value is then `base64(sha256(d_1))`: one more SHA-256 over the decoded digest —
 *   except for the empty object, where the two coincide (`sha256("")`).
 * - quilt3 itself uploads objects of exactly 8 MiB as a 1-part multipart upload (S3 value
 *   `base64(sha256(d_1))-1`); we PUT them whole. Both give the same Quilt value, but only the
 *   former can be read off S3 without a hash step.
 */
import { sha256, fromBase64, toBase64 } from '../checksum';
import { throwIfAborted } from '../error-class';
import { partCount, partRange, partSizeFor } from './part-size';
import type { ByteSource } from './types';

/** An S3 `ChecksumSHA256` value taken apart. */
export interface ParsedS3Checksum {
  /** The base64 digest (without any `-N` suffix). */
  digest: string;
  /** N of a composite `…-N` checksum; absent for a full-object checksum (or a server that omits it). */
  parts?: number;
}

/**
 * Take an S3 `ChecksumSHA256` value apart: `"<base64>-3"` → digest and 3 parts. Base64 has no
 * `-`, so the suffix is unambiguous.
 * @param value - the value from HEAD/GET/CompleteMultipartUpload.
 * @returns the digest and, for a composite checksum, the number of parts.
 */
export function parseS3Checksum(value: string): ParsedS3Checksum {
  const match = /^([A-Za-z0-9+/=]+)-(\d+)$/.exec(value.trim());
  if (match) {
    return { digest: match[1], parts: Number(match[2]) };
  }
  return { digest: value.trim() };
}

/**
 * The composite SHA-256 of some part digests: `base64(sha256(d_1 ‖ … ‖ d_N))`, without the
 * `-N` suffix. With no digests this is `base64(sha256(""))`.
 * @param digests - the raw 32-byte SHA-256 digests of the parts, in order.
 * @returns the base64 composite digest.
 */
export async function compositeSha256(digests: readonly Uint8Array[]): Promise<string> {
  const joined = new Uint8Array(digests.length * 32);
  digests.forEach((d, i) => joined.set(d, i * 32));
  return toBase64(await sha256(joined));
}

/**
 * The SHA-256 of every part of a source in the `sha2-256-chunked` layout, reading one part at
 * a time (memory stays at one part).
 * @param source - the bytes.
 * @param signal - cancels the reading.
 * @returns the raw digests, one per part (none for an empty source).
 * @throws HeliumError `Cancelled`; whatever `source.read` throws.
 */
export async function partDigests(source: ByteSource, signal?: AbortSignal): Promise<Uint8Array[]> {
  const partSize = partSizeFor(source.size);
  const digests: Uint8Array[] = [];
  for (let i = 0; i < partCount(source.size); i++) {
    throwIfAborted(signal, 'Computing the checksum');
    const { start, end } = partRange(source.size, i, partSize);
    digests.push(await sha256(await source.read(start, end)));
  }
  return digests;
}

/**
 * Quilt's `sha2-256-chunked` hash of some bytes (the `value` of a manifest entry's
 * `{"type": "sha2-256-chunked", "value": …}`), computed locally, independently of S3.
 * @param source - the bytes (read one part at a time).
 * @param signal - cancels the hashing.
 * @returns the base64 hash.
 * @throws HeliumError `Cancelled`; whatever `source.read` throws.
 */
export async function quiltChunkedHash(source: ByteSource, signal?: AbortSignal): Promise<string> {
  return compositeSha256(await partDigests(source, signal));
}

/**
 * Quilt's `sha2-256-chunked` hash of an S3 object, from its `ChecksumSHA256` and size alone
 * (no download), when that is possible:
 * - a composite `…-N` checksum whose N is the number of parts of our layout → its digest;
 * - a full-object checksum of an object of at most one part → SHA-256 of the decoded digest
 *   (the empty object's checksum as is).
 * Anything else (a full-object checksum of a larger object, or a server that omits `-N`)
 * returns undefined: download and hash it instead.
 *
 * Caution: `-N` says how many parts there were, not how big they were. A 9 MiB object uploaded
 * as 5 + 4 MiB also ends in `-2` but does not carry Quilt's hash. Callers must check the layout
 * first (the size of every part but the last, from `HeadObject` with `PartNumber`: parts may
 * differ in size), as `snapshots/part-layout.ts` does; uploads made by this project always use
 * Quilt's layout.
 * @param checksum - S3's `ChecksumSHA256` (base64, optionally `-N`).
 * @param size - the object's size.
 * @param checksumType - S3's `ChecksumType` (`COMPOSITE` / `FULL_OBJECT`), when known.
 * @returns the base64 Quilt hash, or undefined.
 */
export async function quiltHashFromS3Checksum(checksum: string, size: number, checksumType?: string): Promise<string | undefined> {
  const { digest, parts } = parseS3Checksum(checksum);
  const n = partCount(size);
  if (parts !== undefined) {
    return parts === n ? digest : undefined;
  }
  if (checksumType === 'COMPOSITE' || n > 1) {
    return undefined;
  }
  return n === 0 ? digest : toBase64(await sha256(fromBase64(digest)));
}
