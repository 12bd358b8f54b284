/**
 * The pointer objects of a registry, with the snapshots hidden in their older versions.
 *
 * We write a `<seconds>` pointer with `If-None-Match: *`, so we never replace one. quilt3 writes
 * its pointers unconditionally: a `quilt3 push` in the same second as one of our snapshots
 * replaces our pointer, and listing objects alone would lose that snapshot. In a versioned bucket
 * the replaced pointer is still an older version of the same key, so the registry is listed with
 * ListObjectVersions and every version of a live pointer counts. A pointer whose newest entry is a
 * delete marker was deleted on purpose (`quilt3.delete_package`, `helium` never deletes): none of
 * its versions is listed, and neither is a version older than a delete marker.
 */
import type { S3Client } from '@aws-sdk/client-s3';
import { isHeliumError } from '../error-class';
import { listPrefixPages } from '../listing';
import { listVersionsPage, ObjectVersion } from '../versions-list';
import { splitPointerKey } from './names';
import { POINTERS_PREFIX } from './registry';

/** One pointer object (one version of it, when the listing had versions). */
export interface PointerObject {
  /** The package name. */
  name: string;
  /** `<seconds>` or a tag such as `latest`. */
  pointer: string;
  /** The object key. */
  key: string;
  /** Its ETag (for caching). */
  etag: string;
  /** The version holding this pointer's hash; absent when the listing had no versions. */
  versionId?: string;
}

/**
 * Every version and delete marker under the registry's pointers prefix.
 * @param s3 - the client.
 * @param bucket - the bucket.
 * @param signal - cancels the listing.
 * @returns the entries, in listing order.
 */
async function listVersionEntries(s3: S3Client, bucket: string, signal?: AbortSignal): Promise<ObjectVersion[]> {
  const entries: ObjectVersion[] = [];
  let keyMarker: string | undefined;
  let versionIdMarker: string | undefined;
  for (;;) {
    const page = await listVersionsPage(
      s3,
      { bucket, prefix: POINTERS_PREFIX, keyMarker, versionIdMarker, signal },
      { action: 'ListObjectVersions', bucket, key: POINTERS_PREFIX }
    );
    entries.push(...page.entries);
    if (!page.isTruncated) {
      return entries;
    }
    keyMarker = page.nextKeyMarker;
    versionIdMarker = page.nextVersionIdMarker;
  }
}

/**
 * The live pointers among version entries: for each key not deleted (its latest entry is not a
 * delete marker), every version newer than its newest delete marker, newest first.
 * @param entries - versions and delete markers of the pointers prefix.
 * @returns one pointer per live version.
 */
export function livePointerVersions(entries: readonly ObjectVersion[]): PointerObject[] {
  const byKey = new Map<string, ObjectVersion[]>();
  for (const entry of entries) {
    const list = byKey.get(entry.key) ?? [];
    list.push(entry);
    byKey.set(entry.key, list);
  }
  const pointers: PointerObject[] = [];
  for (const [key, list] of byKey) {
    const split = splitPointerKey(key);
    if (!split || list.some(e => e.isDeleteMarker && e.isLatest)) {
      continue;
    }
    const time = (e: ObjectVersion) => e.lastModified.getTime();
    const lastDeleted = Math.max(-Infinity, ...list.filter(e => e.isDeleteMarker).map(time));
    const live = list
      .filter(e => !e.isDeleteMarker && time(e) >= lastDeleted)
      .sort((a, b) => Number(b.isLatest) - Number(a.isLatest) || time(b) - time(a));
    for (const v of live) {
      // An unversioned bucket lists every object as version "null": read it as the object.
      pointers.push({ ...split, key, etag: v.etag ?? '', ...(v.versionId !== 'null' ? { versionId: v.versionId } : {}) });
    }
  }
  return pointers;
}

/**
 * Every pointer of a registry, including the versions a same-second quilt3 push replaced. Without
 * permission to list versions (`s3:ListBucketVersions`), the current pointers only.
 * @param s3 - the client.
 * @param bucket - the bucket.
 * @param signal - cancels the listing.
 * @returns the pointers.
 */
export async function listPointers(s3: S3Client, bucket: string, signal?: AbortSignal): Promise<PointerObject[]> {
  try {
    return livePointerVersions(await listVersionEntries(s3, bucket, signal));
  } catch (err) {
    // No s3:ListBucketVersions, or a server without ListObjectVersions: current pointers only.
    if (!isHeliumError(err, 'AccessDenied') && !(isHeliumError(err) && err.code === 'NotImplemented')) {
      throw err;
    }
  }
  const pointers: PointerObject[] = [];
  for await (const page of listPrefixPages(s3, { bucket, prefix: POINTERS_PREFIX, delimiter: '', signal })) {
    for (const object of page.objects) {
      const split = splitPointerKey(object.key);
      if (split) {
        pointers.push({ ...split, key: object.key, etag: object.etag ?? '' });
      }
    }
  }
  return pointers;
}
