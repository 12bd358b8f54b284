/**
 * The objects a snapshot of a folder holds: the current version of every key under it, from
 * ListObjectVersions (the only listing that gives version ids to pin).
 *
 * A snapshot with no previous snapshot, or one whose previous snapshot has version stamps, lists
 * with ListObjectsV2 instead ({@link listFolderObjects}: no version ids, so much less to list in a
 * folder with history) and learns the version ids from the stamps and HEADs (`resnapshot.ts`); the
 * same objects are kept.
 *
 * Left out: keys whose current version is a delete marker (they have no `IsLatest` version),
 * the registry itself (`.quilt/` at the bucket root), and zero-byte "folder" objects whose key
 * ends in `/` (quilt3 skips them too). Keys are exactly as S3 holds them (see listed-keys.ts);
 * which of them a snapshot can hold is `logical-keys.ts`'s business.
 */
import type { S3Client } from '@aws-sdk/client-s3';
import { listPrefixPages } from '../listing';
import { checkAborted } from '../request';
import { listVersionsPage } from '../versions-list';
import { QUILT_PREFIX } from './names';

/** One current object version under the folder. */
export interface CurrentObject {
  key: string;
  /** The version id (`"null"` for an object written before versioning was turned on). */
  versionId: string;
  size: number;
  etag?: string;
  lastModified: Date;
}

/**
 * Whether a current version belongs in a snapshot.
 * @param key - its key.
 * @param size - its size.
 * @returns false for the registry and for empty folder markers.
 */
export function isSnapshotObject(key: string, size: number): boolean {
  return !key.startsWith(QUILT_PREFIX) && !(size === 0 && key.endsWith('/'));
}

/**
 * List the current version of every object under a folder.
 * @param s3 - the client.
 * @param options - bucket, folder (`''` or ending in `/`), signal, and `onPage` told after each
 *   page of the objects kept so far.
 * @returns the objects, in key order.
 * @throws HeliumError `NotFound` (bucket), `AccessDenied` (needs s3:ListBucketVersions),
 *   `Cancelled`, `Network`…
 */
export async function listCurrentObjects(
  s3: S3Client,
  options: { bucket: string; folder: string; signal?: AbortSignal; onPage?: (objects: readonly CurrentObject[]) => void }
): Promise<CurrentObject[]> {
  const { bucket, folder, signal } = options;
  const context = { action: 'ListObjectVersions', bucket, key: folder };
  const objects: CurrentObject[] = [];
  let keyMarker: string | undefined;
  let versionIdMarker: string | undefined;
  for (;;) {
    const page = await listVersionsPage(s3, { bucket, prefix: folder, keyMarker, versionIdMarker, signal }, context);
    for (const v of page.entries) {
      if (!v.isLatest || v.isDeleteMarker || !isSnapshotObject(v.key, v.size)) {
        continue;
      }
      const object: CurrentObject = { key: v.key, versionId: v.versionId, size: v.size, lastModified: v.lastModified };
      if (v.etag) {
        object.etag = v.etag;
      }
      objects.push(object);
    }
    options.onPage?.(objects);
    if (!page.isTruncated) {
      break;
    }
    keyMarker = page.nextKeyMarker;
    versionIdMarker = page.nextVersionIdMarker;
    checkAborted(s3, context, signal);
  }
  return objects;
}

/** One current object as ListObjectsV2 lists it: no version id. */
export interface ListedObject {
  key: string;
  size: number;
  /** The ETag, without quotes. */
  etag?: string;
  lastModified: Date;
}

/**
 * List the current objects under a folder with ListObjectsV2 (the same objects as
 * {@link listCurrentObjects}, without their version ids).
 * @param s3 - the client.
 * @param options - bucket, folder (`''` or ending in `/`), signal, and `onPage` told after each
 *   page of the objects kept so far.
 * @returns the objects, in key order.
 * @throws HeliumError `NotFound` (bucket), `AccessDenied` (needs s3:ListBucket), `Cancelled`,
 *   `Network`…
 */
export async function listFolderObjects(
  s3: S3Client,
  options: { bucket: string; folder: string; signal?: AbortSignal; onPage?: (objects: readonly ListedObject[]) => void }
): Promise<ListedObject[]> {
  const { bucket, folder, signal } = options;
  const objects: ListedObject[] = [];
  for await (const page of listPrefixPages(s3, { bucket, prefix: folder, delimiter: '', signal, keepPrefixObject: true })) {
    for (const o of page.objects) {
      if (isSnapshotObject(o.key, o.size)) {
        const object: ListedObject = { key: o.key, size: o.size, lastModified: o.lastModified };
        if (o.etag) {
          object.etag = o.etag;
        }
        objects.push(object);
      }
    }
    options.onPage?.(objects);
  }
  return objects;
}
