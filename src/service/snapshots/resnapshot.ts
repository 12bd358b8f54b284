/**
 * The versions of a snapshot without listing versions (a first snapshot, or one whose previous
 * snapshot has version stamps): the folder is listed with ListObjectsV2 (key, size, ETag,
 * last-modified), and
 * - an object whose listing matches the previous snapshot's stamp for its key (same ETag and
 *   last-modified) and whose stamped version the previous manifest pins with the same size is
 *   that version: its entry is reused with no request;
 * - any other object (new, changed, or not stamped) gets one HEAD of its current version, which
 *   gives its version id, size, ETag, checksum and metadata in one consistent answer — the version
 *   then hashed and recorded is the one that HEAD described, so an object written again between
 *   the listing and the HEAD is recorded as its newer version, never with another's hash or size.
 *   The hash comes from that HEAD's checksum (or a download of that version), as in a first
 *   snapshot, so a changed object costs the one HEAD it always did.
 *
 * Two versions of a key with the same ETag and the same last-modified time (S3 keeps seconds)
 * are the same bytes written twice within one second (an ETag is the content's MD5, or for
 * encrypted objects unique to the version), so taking one for the other records the same content.
 */
import type { HeadObjectCommandOutput, S3Client } from '@aws-sdk/client-s3';
import { mapWithConcurrency } from '../concurrency';
import { isHeliumError } from '../error-class';
import { headObjectOutput } from '../objects-read';
import { stripQuotes } from '../request';
import type { LeftOutObject } from './logical-keys';
import { EntriesByVersion, reusableEntry } from './reuse';
import { CurrentObject, isSnapshotObject, ListedObject } from './snapshot-objects';
import type { ManifestEntry } from './types';
import type { VersionStamps } from './version-stamps';

/** A listed object's version, known, with the previous snapshot's entry for it. */
export interface StampedMatch {
  object: CurrentObject;
  entry: ManifestEntry;
}

/**
 * The previous snapshot's version of a listed object, when the listing shows it is unchanged.
 * @param listed - the object as ListObjectsV2 listed it.
 * @param bucket - the bucket.
 * @param stamps - the previous snapshot's stamps.
 * @param entries - the previous snapshot's entries by version.
 * @returns the version and its entry, or undefined when the object needs a HEAD.
 */
export function matchStamp(
  listed: ListedObject,
  bucket: string,
  stamps: VersionStamps,
  entries: EntriesByVersion
): StampedMatch | undefined {
  const stamp = stamps.get(listed.key);
  if (!stamp || listed.etag === undefined || stamp.etag !== listed.etag || stamp.lastModified !== listed.lastModified.getTime()) {
    return undefined;
  }
  const object: CurrentObject = {
    key: listed.key,
    versionId: stamp.versionId,
    size: listed.size,
    etag: listed.etag,
    lastModified: listed.lastModified
  };
  // Never version "null", and only with the size the manifest recorded (reuse.ts).
  const entry = reusableEntry(entries, bucket, object);
  return entry ? { object, entry } : undefined;
}

/**
 * HEAD the current version of a listed object.
 * @param s3 - the client.
 * @param bucket - the bucket.
 * @param listed - the object as listed.
 * @param signal - cancels the HEAD.
 * @returns its current version (as the HEAD described it) and the HEAD; undefined when it is
 *   gone since the listing (deleted, or now an empty folder marker).
 * @throws HeliumError `AccessDenied`, `Network`, `Cancelled`…
 */
export async function headCurrentVersion(
  s3: S3Client,
  bucket: string,
  listed: ListedObject,
  signal?: AbortSignal
): Promise<{ object: CurrentObject; head: HeadObjectCommandOutput } | undefined> {
  let head: HeadObjectCommandOutput;
  try {
    head = await headObjectOutput(s3, { bucket, key: listed.key }, { signal });
  } catch (err) {
    if (isHeliumError(err, 'NotFound')) {
      return undefined;
    }
    throw err;
  }
  const size = head.ContentLength ?? listed.size;
  if (!isSnapshotObject(listed.key, size)) {
    return undefined;
  }
  const etag = stripQuotes(head.ETag);
  // A HEAD gives the time to the second, a listing as the next listing will compare it: keep the
  // listing's when the HEAD describes the listed bytes.
  const listedBytes = etag !== undefined && etag === listed.etag && size === listed.size;
  const object: CurrentObject = {
    key: listed.key,
    versionId: head.VersionId || 'null',
    size,
    lastModified: listedBytes ? listed.lastModified : (head.LastModified ?? listed.lastModified)
  };
  if (etag) {
    object.etag = etag;
  }
  return { object, head };
}

/**
 * The current versions of objects a snapshot listed without versions and leaves out (names quilt3
 * refuses; rare), so that it can say which version it left out, as a listing of versions does.
 * @param s3 - the client.
 * @param bucket - the bucket.
 * @param leftOut - the objects left out, without versions.
 * @param signal - cancels the HEADs.
 * @returns the same objects with their versions (those deleted since the listing dropped).
 * @throws HeliumError `AccessDenied`, `Network`, `Cancelled`…
 */
export async function withLeftOutVersions(
  s3: S3Client,
  bucket: string,
  leftOut: readonly LeftOutObject[],
  signal?: AbortSignal
): Promise<LeftOutObject[]> {
  const found = await mapWithConcurrency(leftOut, 8, async object =>
    object.versionId === undefined
      ? await headCurrentVersion(s3, bucket, { key: object.key, size: object.size, lastModified: new Date(0) }, signal)
      : { object }
  );
  const out: LeftOutObject[] = [];
  leftOut.forEach((object, i) => {
    const version = found[i]?.object;
    if (version) {
      out.push({ ...object, versionId: version.versionId, size: version.size });
    }
  });
  return out;
}
