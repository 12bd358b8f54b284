/**
 * The status of a file pin (one object version) against S3: the key's current version compared
 * with the pinned one — the same version, or the same bytes in a newer version (same size and
 * SHA-256 checksum or ETag of the same kind, else the same Quilt hash, read once per version and
 * remembered) is in sync — and whether the pinned version still exists. An in-sync pin costs one
 * HEAD; a changed one two (and, after a restore of a multipart upload, the two hashes once).
 */
import type { S3Client } from '@aws-sdk/client-s3';
import { isHeliumError } from '../error-class';
import { formatPhysicalKey } from '../snapshots/manifest';
import { headCurrent, headObject } from '../objects-read';
import type { ObjectInfo } from '../object-info';
import { etagPartCount, hashVersion } from '../snapshots/snapshot-hash';
import { emptyCounts } from '../snapshots/statuses';
import { listVersions } from '../versions-list';
import type { EntryStatus } from '../snapshots/types';
import type { FilePin, PinStatus } from './types';

/** Quilt hashes of versions already computed, by version (a version never changes); bounded. */
const QUILT_HASHES = new Map<string, string>();
const QUILT_HASHES_MAX = 1000;

/**
 * A version's Quilt hash (from S3's checksum when it can be told, else by reading the bytes),
 * remembered for the session.
 * @param s3 - the client.
 * @param ref - the version and its size.
 * @param signal - cancels a read.
 * @returns the base64 `sha2-256-chunked` hash.
 */
async function quiltHashOf(
  s3: S3Client,
  ref: { bucket: string; key: string; versionId: string; size: number },
  signal?: AbortSignal
): Promise<string> {
  const id = `${ref.bucket}\n${ref.key}\n${ref.versionId}`;
  const known = QUILT_HASHES.get(id);
  if (known !== undefined) {
    return known;
  }
  const { hash } = await hashVersion(s3, ref, { signal });
  if (QUILT_HASHES.size >= QUILT_HASHES_MAX) {
    QUILT_HASHES.delete(QUILT_HASHES.keys().next().value as string);
  }
  QUILT_HASHES.set(id, hash);
  return hash;
}

/**
 * Whether two fingerprints (ETags or SHA-256 checksums) are of the same kind, so comparing them
 * says whether the bytes are the same: both single-part, or both of the same number of parts.
 * (A restore copies a multipart version into a single-part one: same bytes, another ETag.)
 * @param a - one fingerprint.
 * @param b - the other.
 * @returns true when they can be compared.
 */
function comparable(a: string, b: string): boolean {
  return etagPartCount(a) === etagPartCount(b);
}

/**
 * Whether the current version holds the pinned bytes: by size, then S3's SHA-256 checksums or
 * ETags when they are of the same kind, else by the two versions' Quilt hashes.
 * @param s3 - the client.
 * @param pin - the pin (its ETag and size, when the pinned version is gone).
 * @param pinned - the pinned version's HEAD, or null when it is gone.
 * @param current - the current version.
 * @param signal - cancels a read.
 * @returns true when the bytes are the same.
 */
async function sameContent(
  s3: S3Client,
  pin: FilePin,
  pinned: ObjectInfo | null,
  current: ObjectInfo,
  signal?: AbortSignal
): Promise<boolean> {
  const size = pinned?.size ?? pin.size;
  if (size !== null && size !== current.size) {
    return false;
  }
  if (pinned?.checksumSha256 && current.checksumSha256 && comparable(pinned.checksumSha256, current.checksumSha256)) {
    return pinned.checksumSha256 === current.checksumSha256;
  }
  const etag = pinned?.etag || pin.etag;
  if (etag && current.etag && comparable(etag, current.etag)) {
    return etag === current.etag;
  }
  if (!pinned || !current.versionId) {
    return false; // nothing left to compare: the pinned bytes are gone
  }
  const [a, b] = await Promise.all([
    quiltHashOf(s3, { bucket: pin.bucket, key: pin.key, versionId: pin.version_id, size: pinned.size }, signal),
    quiltHashOf(s3, { bucket: pin.bucket, key: pin.key, versionId: current.versionId, size: current.size }, signal)
  ]);
  return a === b;
}

/**
 * The status of a file pin (see the module comment). Never throws for S3 errors.
 * @param s3 - the client.
 * @param pin - the pin.
 * @param signal - cancels the reads.
 * @returns the status; `followed.topHash` is the current version id.
 * @throws HeliumError `Cancelled` only.
 */
export async function filePinStatus(s3: S3Client, pin: FilePin, signal?: AbortSignal): Promise<PinStatus> {
  const physicalKey = formatPhysicalKey({ bucket: pin.bucket, key: pin.key, versionId: pin.version_id });
  try {
    const current = await headCurrent(s3, { bucket: pin.bucket, key: pin.key, signal });
    const followed = {
      follows: pin.follows,
      topHash: current?.versionId ?? null,
      newer: !!current && current.versionId !== pin.version_id
    };
    if (current && current.versionId === pin.version_id) {
      return { name: pin.name, state: 'in-sync', changed: 0, counts: countsOf('same'), followed };
    }
    let pinned: ObjectInfo | null = null;
    try {
      pinned = await headObject(s3, { bucket: pin.bucket, key: pin.key, versionId: pin.version_id, signal });
    } catch (err) {
      if (!isHeliumError(err, 'NotFound')) {
        throw err;
      }
    }
    if (!current && !pinned) {
      await assertBucketExists(s3, pin, signal);
    }
    const entry: EntryStatus = !current
      ? 'deleted'
      : (await sameContent(s3, pin, pinned, current, signal))
        ? 'same-content-new-version'
        : 'modified';
    const changed = entry === 'same-content-new-version' ? 0 : 1;
    const status: PinStatus = {
      name: pin.name,
      state: pinned ? (changed ? 'changed' : 'in-sync') : 'missing',
      changed,
      counts: countsOf(entry),
      followed
    };
    if (!pinned) {
      status.missing = [{ logicalKey: pin.key, physicalKey }];
    }
    return status;
  } catch (err) {
    if (isHeliumError(err, 'Cancelled') || !(err instanceof Error)) {
      throw err;
    }
    const he = isHeliumError(err) ? err : undefined;
    return {
      name: pin.name,
      state: 'error',
      error: { kind: he?.kind ?? 'Unknown', ...(he?.code ? { code: he.code } : {}), message: `${pin.uri}: ${err.message}` }
    };
  }
}

/**
 * Tell "the file and its pinned version are gone" from "the bucket does not exist": HEAD's 404
 * has no body to say which. One listing of the key's versions answers (NoSuchBucket); without
 * the permission to list versions, the 404s stand.
 * @param s3 - the client.
 * @param pin - the pin.
 * @param signal - cancels the listing.
 * @throws HeliumError `NotFound` (code `NoSuchBucket`) when the bucket does not exist.
 */
async function assertBucketExists(s3: S3Client, pin: FilePin, signal?: AbortSignal): Promise<void> {
  try {
    await listVersions(s3, { bucket: pin.bucket, key: pin.key, limit: 1, signal });
  } catch (err) {
    if (!isHeliumError(err, 'AccessDenied')) {
      throw err;
    }
  }
}

/**
 * The counts of a one-file comparison.
 * @param status - the file's status.
 * @returns counts with that one.
 */
function countsOf(status: EntryStatus): PinStatus['counts'] {
  const counts = emptyCounts();
  counts[status] += 1;
  return counts;
}
