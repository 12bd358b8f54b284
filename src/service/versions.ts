/**
 * The versions of one object: list them (versions and delete markers, newest first), say whether
 * a bucket keeps versions, restore an old version on top (a new version; nothing is deleted),
 * undelete (remove the delete marker), and delete one version for good.
 */
import type { S3Client } from '@aws-sdk/client-s3';
import { copyVersion, readCopySource } from './copy-multipart';
import { HeliumError, isHeliumError } from './error-class';
import { DeleteResult, deleteObject } from './objects-write';
import { headCurrent } from './objects-read';
import { formatS3Uri } from './uri';
import { assertVersioningEnabled } from './versioning';
import { assertValidRef, listVersionPages, ObjectVersion } from './versions-list';

/**
 * Throw unless a version id is given.
 * @param versionId - the version id.
 */
function assertVersionId(versionId: string | undefined): asserts versionId is string {
  if (typeof versionId !== 'string' || versionId.length === 0) {
    throw new HeliumError('InvalidInput', 'No version id was given: choose a version from the list of versions.', {
      code: 'InvalidVersionId'
    });
  }
}

/**
 * The error for a version that is a delete marker.
 * @param uri - the object's URI.
 * @param what - what cannot be done ("restored").
 * @returns the error.
 */
export function deleteMarkerError(uri: string, what: string): HeliumError {
  return new HeliumError(
    'InvalidInput',
    `${uri} is a delete marker: it has no content, so it cannot be ${what}. Nothing was changed. Pick a version with content, or undelete the object to remove the marker.`,
    { code: 'DeleteMarker' }
  );
}

/**
 * Whether an error from HEAD of a specific version says it is a delete marker (S3 answers 405).
 * @param err - what HEAD threw.
 * @returns true for a delete marker.
 */
export function isDeleteMarkerError(err: unknown): boolean {
  return isHeliumError(err) && (err.status === 405 || err.code === 'MethodNotAllowed');
}

/** Options of {@link restoreVersion}. */
export interface RestoreVersionOptions {
  /** The bucket. */
  bucket: string;
  /** The key. */
  key: string;
  /** The version to bring back. */
  versionId: string;
  /** Objects larger than this are copied in parts (default 5 GiB, S3's CopyObject limit). */
  multipartThreshold?: number;
  /** Cancels the restore; a multipart copy in progress is aborted. */
  signal?: AbortSignal;
}

/** What {@link restoreVersion} did. */
export interface RestoreResult {
  /** False when the version already was the current one: nothing was written. */
  written: boolean;
  /** The new version's id (absent when nothing was written). */
  versionId?: string;
  /** The new version's ETag, without quotes. */
  etag?: string;
  /** The new version's SHA-256 checksum (base64; `…-N` after a multipart copy), when S3 gives it. */
  checksumSha256?: string;
  /** The version that was copied. */
  sourceVersionId: string;
  /** Its size in bytes. */
  size: number;
  /** Whether it was copied in parts (over the multipart threshold). */
  multipart: boolean;
}

/**
 * Bring an old version back by copying it on top of the key: a NEW version with the same bytes
 * and metadata. History is kept, nothing is deleted. Nothing is written when the version is
 * already the current one. Objects over 5 GiB are copied in parts.
 * @param s3 - the client.
 * @param options - bucket, key, version id, multipart threshold and abort signal.
 * @returns the new version (or `written: false`).
 * @throws HeliumError `NotVersioned` (versioning not Enabled: nothing is written),
 *   `InvalidInput` (a delete marker, a bad name), `NotFound`, `AccessDenied`, `Cancelled`…
 */
export async function restoreVersion(s3: S3Client, options: RestoreVersionOptions): Promise<RestoreResult> {
  const { bucket, key, versionId, signal } = options;
  assertValidRef(options);
  assertVersionId(versionId);
  await assertVersioningEnabled(s3, bucket, 'restoring an old version');
  const source = await readCopySource(s3, { bucket, key, versionId, signal }).catch(err => {
    throw isDeleteMarkerError(err) ? deleteMarkerError(formatS3Uri({ bucket, key, versionId }), 'restored') : err;
  });
  const current = await headCurrent(s3, { bucket, key, signal });
  const base = { sourceVersionId: versionId, size: source.info.size };
  if (current?.versionId === versionId) {
    return { ...base, written: false, multipart: false };
  }
  const copied = await copyVersion(s3, {
    source,
    to: { bucket, key },
    threshold: options.multipartThreshold,
    signal
  });
  const result: RestoreResult = { ...base, written: true, etag: copied.etag, multipart: copied.multipart };
  if (copied.versionId) {
    result.versionId = copied.versionId;
  }
  if (copied.checksumSha256) {
    result.checksumSha256 = copied.checksumSha256;
  }
  return result;
}

/** What {@link undeleteObject} did. */
export interface UndeleteResult {
  /** The id of the delete marker that hid the object (the newest one removed). */
  deleteMarkerVersionId: string;
  /** Every delete marker removed, newest first (several when it was deleted more than once). */
  removedDeleteMarkers: string[];
  /** The version that is current again. */
  current: ObjectVersion;
}

/**
 * Undelete an object: remove the delete marker(s) on top of its history so that the version
 * before them is current again. Only delete markers are removed; no content is lost.
 * @param s3 - the client.
 * @param options - bucket, key and abort signal.
 * @returns the markers removed and the version now current.
 * @throws HeliumError `NotVersioned`, `NotFound` (no versions at all), `InvalidInput` (not
 *   deleted, or no version with content to bring back), `AccessDenied` (needs
 *   s3:DeleteObjectVersion), `Network`…
 */
export async function undeleteObject(
  s3: S3Client,
  options: { bucket: string; key: string; signal?: AbortSignal }
): Promise<UndeleteResult> {
  const { bucket, key, signal } = options;
  assertValidRef(options);
  const uri = formatS3Uri({ bucket, key });
  await assertVersioningEnabled(s3, bucket, 'undeleting', 'is not possible: there is no delete marker to remove');
  const markers: ObjectVersion[] = [];
  let current: ObjectVersion | undefined;
  let seen = 0;
  const pages = listVersionPages(s3, { bucket, key, pageSize: 100, signal });
  for await (const page of pages) {
    for (const version of page) {
      seen += 1;
      if (!version.isDeleteMarker) {
        current = version;
        break;
      }
      markers.push(version);
    }
    if (current || markers.length === 0) {
      break;
    }
  }
  if (seen === 0) {
    throw new HeliumError('NotFound', `${uri} has no versions at all: there is nothing to undelete. Check the key.`, {
      code: 'NoSuchKey'
    });
  }
  if (markers.length === 0) {
    throw new HeliumError('InvalidInput', `${uri} is not deleted: its current version is ${current?.versionId}. Nothing was changed.`, {
      code: 'NotDeleted'
    });
  }
  if (!current) {
    throw new HeliumError(
      'InvalidInput',
      `${uri} has only delete markers and no version with content, so there is nothing to bring back. Nothing was changed.`,
      { code: 'NothingToRestore' }
    );
  }
  for (const marker of markers) {
    await deleteObject(s3, { bucket, key, versionId: marker.versionId });
  }
  return {
    deleteMarkerVersionId: markers[0].versionId,
    removedDeleteMarkers: markers.map(m => m.versionId),
    current: { ...current, isLatest: true }
  };
}

/** Options of {@link deleteVersion}. */
export interface DeleteVersionOptions {
  /** The bucket. */
  bucket: string;
  /** The key. */
  key: string;
  /** The version (or delete marker) to delete for good. */
  versionId: string;
  /** Must be `true`: the caller has confirmed that this cannot be undone. */
  permanently: true;
}

/**
 * Delete ONE version (or delete marker) of an object for good. This cannot be undone; ask the
 * person first (the UI and CLI do).
 * @param s3 - the client.
 * @param options - bucket, key, version id, and `permanently: true`.
 * @returns the version removed.
 * @throws HeliumError `InvalidInput` (no version id, or `permanently` not `true`),
 *   `AccessDenied` (needs s3:DeleteObjectVersion), `Network`…
 */
export async function deleteVersion(s3: S3Client, options: DeleteVersionOptions): Promise<DeleteResult> {
  const { bucket, key, versionId } = options;
  assertValidRef(options);
  assertVersionId(versionId);
  if ((options.permanently as unknown) !== true) {
    throw new HeliumError('InvalidInput', 'Deleting a version is permanent: pass `permanently: true` once the person has confirmed it.', {
      code: 'NotConfirmed'
    });
  }
  return deleteObject(s3, { bucket, key, versionId });
}
