/**
 * The current version (or delete marker) of every key under a prefix, for a sync: one
 * ListObjectVersions pass; or, when that is refused (a read-only user has s3:ListBucket and
 * s3:GetObject but not s3:ListBucketVersions), one ListObjectsV2 pass over the current objects.
 * Such a listing knows no version ids (the HEAD that reads each new object's metadata gives them)
 * and no delete markers, so the index it builds holds current objects only.
 */
import type { S3Client } from '@aws-sdk/client-s3';
import { isHeliumError } from '../error-class';
import { listPrefixPages } from '../listing';
import { QUILT_PREFIX } from '../snapshots/names';
import { listVersionsPage, ObjectVersion } from '../versions-list';

/** The version id of an entry listed without versions: unknown until its HEAD. */
export const UNKNOWN_VERSION = '';

/** What a sync listed. */
export interface CurrentListing {
  /** Each key's current version or delete marker (registry keys left out). */
  current: Map<string, ObjectVersion>;
  /** Listed with ListObjectsV2 because ListObjectVersions was refused: no version ids, no delete markers. */
  currentOnly: boolean;
}

/** Said once per sync that fell back to ListObjectsV2. */
export const CURRENT_ONLY_NOTE =
  'Listing object versions was refused (this user lacks s3:ListBucketVersions), so the index holds current objects only: ' +
  'no older versions and no deleted objects (delete markers). Everything current is searchable.';

/** What a search of such an index says (its sync's credentials were refused ListObjectVersions). */
export const CURRENT_ONLY_SEARCH_NOTE =
  'this index holds current objects only (it was built without s3:ListBucketVersions): no older versions and no deleted objects.';

/**
 * List the current versions under a prefix.
 * @param s3 - the client.
 * @param bucket - the bucket.
 * @param prefix - the prefix ('' for all).
 * @param signal - cancels the listing.
 * @param onListed - called with the number listed so far after each page.
 * @returns the listing, and whether it fell back to current objects only.
 * @throws HeliumError from the listing (`AccessDenied` only when ListObjectsV2 is refused too).
 */
export async function listCurrent(
  s3: S3Client,
  bucket: string,
  prefix: string,
  signal: AbortSignal | undefined,
  onListed: (n: number) => void
): Promise<CurrentListing> {
  const current = new Map<string, ObjectVersion>();
  let keyMarker: string | undefined;
  let versionIdMarker: string | undefined;
  for (;;) {
    let page;
    try {
      page = await listVersionsPage(
        s3,
        { bucket, prefix, keyMarker, versionIdMarker, signal },
        { action: 'ListObjectVersions', bucket, key: prefix }
      );
    } catch (err) {
      // Only the first page: a refusal half way through is not a missing permission.
      if (keyMarker === undefined && isHeliumError(err, 'AccessDenied')) {
        return { current: await listObjectsOnly(s3, bucket, prefix, signal, onListed), currentOnly: true };
      }
      throw err;
    }
    for (const entry of page.entries) {
      if (entry.isLatest && !entry.key.startsWith(QUILT_PREFIX)) {
        current.set(entry.key, entry);
      }
    }
    onListed(current.size);
    if (!page.isTruncated) {
      return { current, currentOnly: false };
    }
    keyMarker = page.nextKeyMarker;
    versionIdMarker = page.nextVersionIdMarker;
  }
}

/** The current objects under a prefix (ListObjectsV2), as versions of unknown id. */
async function listObjectsOnly(
  s3: S3Client,
  bucket: string,
  prefix: string,
  signal: AbortSignal | undefined,
  onListed: (n: number) => void
): Promise<Map<string, ObjectVersion>> {
  const current = new Map<string, ObjectVersion>();
  // No delimiter: every key under the prefix, as ListObjectVersions lists them (the prefix's own key included).
  for await (const page of listPrefixPages(s3, { bucket, prefix, delimiter: '', signal, keepPrefixObject: true })) {
    for (const object of page.objects) {
      if (!object.key.startsWith(QUILT_PREFIX)) {
        current.set(object.key, {
          key: object.key,
          versionId: UNKNOWN_VERSION,
          isLatest: true,
          isDeleteMarker: false,
          size: object.size,
          lastModified: object.lastModified,
          ...(object.etag ? { etag: object.etag } : {}),
          ...(object.storageClass ? { storageClass: object.storageClass } : {})
        });
      }
    }
    onListed(current.size);
  }
  return current;
}
