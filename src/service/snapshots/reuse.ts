/**
 * Reusing a known snapshot's entries: an object whose version a snapshot pinned (same bucket, key,
 * version id and size) has that entry's hash and metadata, with no request. `snapshot()` reuses the
 * package's previous snapshot this way, `liveEntries()` the snapshot it is compared with.
 *
 * Except version "null" (an object written while versioning was off or suspended): while
 * versioning is suspended, a write replaces it in place, with the same id — so the same key,
 * version id and size say nothing about the content. A manifest records no ETag to tell, so such
 * objects are always checked again (a HEAD: the hash from S3's checksum, else a download).
 */
import { formatPhysicalKey, parsePhysicalKey } from './manifest';
import type { CurrentObject } from './snapshot-objects';
import type { ManifestEntry } from './types';

/** A snapshot's entries by the object version they pin. */
export type EntriesByVersion = Map<string, ManifestEntry>;

/**
 * The key under which a (bucket, key, version) is remembered.
 * @param bucket - the bucket.
 * @param key - the key.
 * @param versionId - the version id.
 * @returns a map key.
 */
function versionKey(bucket: string, key: string, versionId: string): string {
  return `${bucket}\n${key}\n${versionId}`;
}

/**
 * Whether a version id names a version that can never change: any but "null" (which a write
 * replaces in place while versioning is suspended).
 * @param versionId - a version id, if any.
 * @returns true for a version id of its own.
 */
export function isImmutableVersionId(versionId: string | undefined): versionId is string {
  return versionId !== undefined && versionId !== '' && versionId !== 'null';
}

/**
 * Index a snapshot's entries by the object version they pin (entries pinned to no version or to
 * version "null", or with another hash type, cannot be reused and are left out).
 * @param entries - the entries.
 * @returns pinned version → entry.
 */
export function indexByVersion(entries: readonly ManifestEntry[] | undefined): EntriesByVersion {
  const index: EntriesByVersion = new Map();
  for (const entry of entries ?? []) {
    const location = parsePhysicalKey(entry.physical_keys?.[0] ?? '');
    const versionId = location?.versionId;
    if (location && isImmutableVersionId(versionId) && entry.hash?.type === 'sha2-256-chunked') {
      index.set(versionKey(location.bucket, location.key, versionId), entry);
    }
  }
  return index;
}

/**
 * The known entry of a current object, if its version was pinned with the same size (never for
 * version "null": see the module comment).
 * @param index - the known entries ({@link indexByVersion}).
 * @param bucket - the object's bucket.
 * @param object - the object version.
 * @returns the entry to reuse, or undefined.
 */
export function reusableEntry(index: EntriesByVersion, bucket: string, object: CurrentObject): ManifestEntry | undefined {
  if (!isImmutableVersionId(object.versionId)) {
    return undefined;
  }
  const known = index.get(versionKey(bucket, object.key, object.versionId));
  return known && known.size === object.size ? known : undefined;
}

/**
 * One manifest entry for a current object.
 * @param bucket - the bucket.
 * @param folder - the snapshotted folder.
 * @param object - the object version.
 * @param hash - its Quilt hash.
 * @param meta - its entry metadata.
 * @returns the entry.
 */
export function entryOf(bucket: string, folder: string, object: CurrentObject, hash: string, meta: ManifestEntry['meta']): ManifestEntry {
  return {
    logical_key: object.key.slice(folder.length),
    physical_keys: [formatPhysicalKey({ bucket, key: object.key, versionId: object.versionId })],
    size: object.size,
    hash: { type: 'sha2-256-chunked', value: hash },
    meta
  };
}
