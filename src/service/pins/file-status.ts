/**
 * The status of a file pin (one object version) against S3: the key's current version compared
 * with the pinned one — the same version, or the same bytes in a newer version (same size and
 * ETag, or SHA-256 checksum when S3 has both), is in sync — and whether the pinned version still
 * exists. An in-sync pin costs one HEAD; a changed one two.
 */
import type { S3Client } from '@aws-sdk/client-s3';
import { isHeliumError } from '../error-class';
import { formatPhysicalKey } from '../snapshots/manifest';
import { headObject } from '../objects-read';
import type { ObjectInfo } from '../object-info';
import { emptyCounts } from '../snapshots/statuses';
import { listVersions } from '../versions-list';
import type { EntryStatus } from '../snapshots/types';
import type { FilePin, PinStatus } from './types';

/**
 * The key's current version, or null when there is none (deleted: a delete marker, or no key).
 * @param s3 - the client.
 * @param pin - the pin.
 * @param signal - cancels the read.
 * @returns its details, or null.
 * @throws HeliumError `AccessDenied`, `Network`, `Cancelled`…
 */
export async function currentVersion(s3: S3Client, pin: FilePin, signal?: AbortSignal): Promise<ObjectInfo | null> {
  try {
    return await headObject(s3, { bucket: pin.bucket, key: pin.key, signal });
  } catch (err) {
    if (isHeliumError(err, 'NotFound') && err.code !== 'NoSuchBucket') {
      return null;
    }
    throw err;
  }
}

/**
 * Whether two versions hold the same bytes, as far as S3's own fingerprints say.
 * @param pinned - the pinned version (from the pin, or its HEAD).
 * @param current - the current version.
 * @returns true when the sizes match and the SHA-256 checksums (when both are known) or ETags do.
 */
function sameContent(pinned: { size: number | null; etag: string | null; checksumSha256?: string }, current: ObjectInfo): boolean {
  if (pinned.size !== null && pinned.size !== current.size) {
    return false;
  }
  if (pinned.checksumSha256 && current.checksumSha256) {
    return pinned.checksumSha256 === current.checksumSha256;
  }
  return pinned.etag !== null && pinned.etag === current.etag;
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
    const current = await currentVersion(s3, pin, signal);
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
      : sameContent(pinned ?? { size: pin.size, etag: pin.etag }, current)
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
