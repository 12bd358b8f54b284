/**
 * Files a snapshot names but does not pin (no `versionId`, or version "null"): their content is
 * checked against the entry's hash before it is used, from S3's checksum when it gives the hash
 * ({@link checkUnpinned}), else by hashing the bytes as they are read ({@link verifyUnpinnedBytes},
 * {@link verifyingSink}, {@link verifyUnpinned}); a mismatch is refused with `Conflict` (code
 * `UnpinnedContentChanged`). `as-of.ts` re-exports all of it.
 */
import type { S3Client } from '@aws-sdk/client-s3';
import { fromBase64, toHex } from '../checksum';
import { HeliumError } from '../error-class';
import type { ObjectInfo } from '../object-info';
import { headObject } from '../objects-read';
import type { ByteSink } from '../transfers/types';
import { parseS3Checksum } from '../transfers/quilt-hash';
import { formatS3Uri } from '../uri';
import type { PinnedObject } from './as-of';
import { ContentHasher, etagPartCount, hashMatches, quiltHashFromChecksum, streamContentHashes } from './snapshot-hash';
import type { QuiltHash } from './types';

/**
 * How an unpinned location is described in messages.
 * @param pinned - the file.
 * @returns a phrase.
 */
function unpinnedWhy(pinned: PinnedObject): string {
  const where = formatS3Uri({ bucket: pinned.bucket, key: pinned.key });
  return pinned.versionId === 'null'
    ? `the snapshot points at version "null" of ${where}, which a write replaces in place while versioning is suspended`
    : `the snapshot points at ${where} without a version id (as quilt3 writes when it pushes to a bucket that does not keep versions), that is at whatever is there now`;
}

/**
 * The error for an unpinned file whose object no longer has the snapshot's content.
 * @param pinned - the file.
 * @param found - what differs (`its size is 3 bytes, the snapshot recorded 5`).
 * @param consequence - what was not done (`Nothing was read.`).
 * @returns a `Conflict` error (code `UnpinnedContentChanged`).
 */
export function unpinnedContentChanged(pinned: PinnedObject, found: string, consequence: string): HeliumError {
  return new HeliumError(
    'Conflict',
    `"${pinned.logicalKey}" is not pinned in the snapshot: ${unpinnedWhy(pinned)}. That object has changed since the snapshot: ${found}. The snapshot's content of this file is no longer there. ${consequence}`,
    { code: 'UnpinnedContentChanged' }
  );
}

/**
 * The error for an unpinned file whose hash type cannot be checked.
 * @param pinned - the file.
 * @param consequence - what was not done.
 * @returns an `InvalidInput` error (code `UnverifiableHash`).
 */
function unverifiable(pinned: PinnedObject, consequence: string): HeliumError {
  return new HeliumError(
    'InvalidInput',
    `"${pinned.logicalKey}" is not pinned in the snapshot: ${unpinnedWhy(pinned)}; and its hash is of type "${String(pinned.hash?.type)}", which helium cannot check, so it cannot tell whether that object still has the snapshot's content. ${consequence}`,
    { code: 'UnverifiableHash' }
  );
}

/**
 * Whether a hash type can be checked by {@link ContentHasher}.
 * @param hash - an entry's hash.
 * @returns true for `sha2-256-chunked` and `SHA256`.
 */
function checkable(hash: QuiltHash | undefined): boolean {
  return (hash?.type === 'sha2-256-chunked' || hash?.type === 'SHA256') && typeof hash?.value === 'string';
}

/**
 * Whether an object's S3 checksum says it has an entry's hash.
 * @param s3 - the client.
 * @param pinned - the file.
 * @param info - the object's details (HEAD or GET), of the version read.
 * @param signal - cancels a HEAD of part 1.
 * @returns true / false, or undefined when the checksum cannot tell.
 */
async function matchesByChecksum(s3: S3Client, pinned: PinnedObject, info: ObjectInfo, signal?: AbortSignal): Promise<boolean | undefined> {
  if (!info.checksumSha256) {
    return undefined;
  }
  if (pinned.hash.type === 'SHA256') {
    // A single PUT's full-object checksum is the plain SHA-256.
    const parsed = parseS3Checksum(info.checksumSha256);
    if (parsed.parts !== undefined || etagPartCount(info.etag) !== undefined) {
      return undefined;
    }
    return toHex(fromBase64(parsed.digest)) === pinned.hash.value.toLowerCase();
  }
  const ref = { bucket: pinned.bucket, key: pinned.key, versionId: info.versionId ?? pinned.versionId, size: info.size };
  const chunked = await quiltHashFromChecksum(s3, ref, { checksumSha256: info.checksumSha256, etag: info.etag }, signal);
  return chunked === undefined ? undefined : chunked === pinned.hash.value;
}

/** Options of the checks of unpinned files. */
export interface UnpinnedCheckOptions {
  signal?: AbortSignal;
  /** What was not done when the check fails, for the message (default `Nothing was read.`). */
  consequence?: string;
}

/**
 * Check, before reading it, that an unpinned file's object still has the snapshot's content:
 * one HEAD, its size, and its hash from S3's checksum when that gives it.
 * @param s3 - the client.
 * @param pinned - the file (see {@link PinnedObject.pinned}).
 * @param options - signal and the consequence for messages.
 * @returns `verified` true when the checksum matched (then read exactly `info.versionId` when it
 *   is a version of its own, else check the bytes too); false when the checksum cannot tell (hash
 *   the bytes as they are read: {@link verifyingSink}, {@link verifyUnpinnedBytes}).
 * @throws HeliumError `Conflict` (code `UnpinnedContentChanged`) when size or hash differ,
 *   `InvalidInput` (code `UnverifiableHash`), `NotFound` (the object is gone)…
 */
export async function checkUnpinned(
  s3: S3Client,
  pinned: PinnedObject,
  options: UnpinnedCheckOptions = {}
): Promise<{ verified: boolean; info: ObjectInfo }> {
  const consequence = options.consequence ?? 'Nothing was read.';
  if (!checkable(pinned.hash)) {
    throw unverifiable(pinned, consequence);
  }
  const info = await headObject(s3, { bucket: pinned.bucket, key: pinned.key, versionId: pinned.versionId, signal: options.signal });
  if (info.size !== pinned.size) {
    throw unpinnedContentChanged(pinned, `its size is ${info.size} bytes, the snapshot recorded ${pinned.size}`, consequence);
  }
  const match = await matchesByChecksum(s3, pinned, info, options.signal);
  if (match === false) {
    throw unpinnedContentChanged(pinned, `its content hash differs from the ${pinned.hash.type} the snapshot recorded`, consequence);
  }
  return { verified: match === true, info };
}

/**
 * Check the bytes read of an unpinned file against the snapshot's hash: from the response's S3
 * checksum when it gives the hash, else by hashing the bytes.
 * @param s3 - the client.
 * @param pinned - the file.
 * @param bytes - the bytes read.
 * @param info - the details of the response they came from.
 * @param options - signal and the consequence for messages.
 * @throws HeliumError `Conflict` (code `UnpinnedContentChanged`), `InvalidInput` (code
 *   `UnverifiableHash`).
 */
export async function verifyUnpinnedBytes(
  s3: S3Client,
  pinned: PinnedObject,
  bytes: Uint8Array,
  info: ObjectInfo,
  options: UnpinnedCheckOptions = {}
): Promise<void> {
  const consequence = options.consequence ?? 'Nothing was read.';
  assertCheckable(pinned, bytes.length, consequence);
  let match = await matchesByChecksum(s3, pinned, { ...info, size: bytes.length }, options.signal);
  if (match === undefined) {
    const hasher = new ContentHasher(pinned.size, { sha256: pinned.hash.type === 'SHA256' });
    hasher.update(bytes);
    match = hashMatches(pinned.hash, await hasher.digest());
  }
  if (match !== true) {
    throw unpinnedContentChanged(pinned, `its content hash differs from the ${pinned.hash.type} the snapshot recorded`, consequence);
  }
}

/**
 * The checks before any hashing: the snapshot's hash is one we can compute, and the size matches.
 * @throws HeliumError `InvalidInput` (code `UnverifiableHash`) or `Conflict` (code `UnpinnedContentChanged`).
 */
function assertCheckable(pinned: PinnedObject, size: number, consequence: string): void {
  if (!checkable(pinned.hash)) {
    throw unverifiable(pinned, consequence);
  }
  if (size !== pinned.size) {
    throw unpinnedContentChanged(pinned, `its size is ${size} bytes, the snapshot recorded ${pinned.size}`, consequence);
  }
}

/**
 * Check that an unpinned file's object has the snapshot's content, reading it whole when S3's
 * checksum cannot tell (for a restore, before anything is copied).
 * @param s3 - the client.
 * @param pinned - the file.
 * @param info - the object's details from a HEAD of the version that would be used.
 * @param options - signal and the consequence for messages.
 * @throws HeliumError `Conflict` (code `UnpinnedContentChanged`), `InvalidInput` (code
 *   `UnverifiableHash`), `NotFound`, `Cancelled`…
 */
export async function verifyUnpinned(
  s3: S3Client,
  pinned: PinnedObject,
  info: ObjectInfo,
  options: UnpinnedCheckOptions = {}
): Promise<void> {
  const consequence = options.consequence ?? 'Nothing was read.';
  assertCheckable(pinned, info.size, consequence);
  let match = await matchesByChecksum(s3, pinned, info, options.signal);
  if (match === undefined) {
    const hashes = await streamContentHashes(
      s3,
      { bucket: pinned.bucket, key: pinned.key, versionId: info.versionId ?? pinned.versionId, size: info.size },
      { signal: options.signal, sha256: pinned.hash.type === 'SHA256' }
    );
    match = hashMatches(pinned.hash, hashes);
  }
  if (match !== true) {
    throw unpinnedContentChanged(pinned, `its content hash differs from the ${pinned.hash.type} the snapshot recorded`, consequence);
  }
}

/**
 * A sink that hashes the bytes of an unpinned file as they are written and, at the end, makes
 * them visible only when they have the snapshot's hash (else the inner sink is aborted: nothing
 * is left behind).
 * @param sink - where the bytes go (e.g. a file written through a temporary file).
 * @param pinned - the file.
 * @param consequence - what was not done on a mismatch (default `Nothing was saved.`).
 * @returns the checking sink.
 */
export function verifyingSink(sink: ByteSink, pinned: PinnedObject, consequence = 'Nothing was saved.'): ByteSink {
  if (!checkable(pinned.hash)) {
    throw unverifiable(pinned, consequence);
  }
  const hasher = new ContentHasher(pinned.size, { sha256: pinned.hash.type === 'SHA256' });
  let ended = false;
  return {
    write(bytes: Uint8Array): Promise<void> {
      hasher.update(bytes);
      return sink.write(bytes);
    },
    async close(): Promise<void> {
      const hashes = await hasher.digest();
      if (hashes.bytes !== pinned.size || hashMatches(pinned.hash, hashes) !== true) {
        ended = true;
        await sink.abort();
        throw unpinnedContentChanged(
          pinned,
          hashes.bytes !== pinned.size
            ? `its size is ${hashes.bytes} bytes, the snapshot recorded ${pinned.size}`
            : `its content hash differs from the ${pinned.hash.type} the snapshot recorded`,
          consequence
        );
      }
      ended = true;
      await sink.close();
    },
    async abort(): Promise<void> {
      if (!ended) {
        ended = true;
        await sink.abort();
      }
    }
  };
}
