/**
 * Physical keys of manifest entries (`s3://bucket/key?versionId=…`) for reading and comparing:
 * parsed as quilt3 parses them (`parsePhysicalKey` of manifest.ts), with a clear error for keys
 * that are not S3 objects. Pure: no S3 requests.
 */
import { HeliumError } from '../error-class';
import { parsePhysicalKey, PhysicalKey } from './manifest';
import { isImmutableVersionId } from './reuse';

/** Where the bytes of one manifest entry are (`versionId` absent for an unpinned key). */
export type PhysicalLocation = PhysicalKey;

/**
 * Whether a location is pinned to a version that cannot change. Not pinned: a key without
 * `versionId` (quilt3 writes those when it pushes to a bucket that does not keep versions: it
 * names whatever is there now), and version "null" (replaced in place by a write while
 * versioning is suspended). Reading or copying such a location gives the snapshot's content only
 * when its hash still matches the entry's (see `as-of.ts`).
 * @param location - a parsed physical key.
 * @returns true when pinned.
 */
export function isPinned(location: Pick<PhysicalLocation, 'versionId'>): boolean {
  return isImmutableVersionId(location.versionId);
}

/**
 * How a package on S3 comes to hold `file://` keys: quilt3 (8.0) records local files where they are
 * and copies them only on `push`; `Package.build(name, registry="s3://…")` writes such a manifest
 * to the bucket as it is, and so does a push whose `selector_fn` leaves a local file out.
 */
export const LOCAL_KEYS_ORIGIN =
  "quilt3's Package.build to an s3:// registry, or a push whose selector_fn leaves local files out, keeps their file:// keys";

/**
 * Whether a physical key names a local file (`file://…`, as quilt3 writes for files it did not copy).
 * @param physicalKey - a physical key as written in a manifest.
 * @returns true for `file:` URLs.
 */
export function isLocalPhysicalKey(physicalKey: string): boolean {
  return /^file:/i.test(physicalKey);
}

/**
 * Parse a physical key that must name an S3 object. It may be unpinned (see {@link isPinned}):
 * readers and restore must check the content of such a location before using it.
 * @param physicalKey - `s3://bucket/key?versionId=…` as written in a manifest.
 * @returns bucket, key (decoded) and version id (absent when the key has none).
 * @throws HeliumError `InvalidInput` (code `InvalidPhysicalKey`) for anything that is not an
 *   `s3://` URL of an object (e.g. quilt3's `file://` keys of a local package).
 */
export function requirePhysicalKey(physicalKey: string): PhysicalLocation {
  const location = parsePhysicalKey(physicalKey);
  if (!location) {
    throw new HeliumError(
      'InvalidInput',
      isLocalPhysicalKey(physicalKey)
        ? `The snapshot points at "${physicalKey}", which is not an S3 object address (s3://bucket/key?versionId=…) but a file on the computer that built the package (${LOCAL_KEYS_ORIGIN}), so it cannot be read from S3.`
        : `The snapshot points at "${physicalKey}", which is not an S3 object address (s3://bucket/key?versionId=…), so it cannot be read from S3.`,
      { code: 'InvalidPhysicalKey' }
    );
  }
  if (!location.key || location.key.endsWith('/')) {
    throw new HeliumError(
      'InvalidInput',
      `The snapshot points at "${physicalKey}", which names no object (its key is empty or a folder).`,
      { code: 'InvalidPhysicalKey' }
    );
  }
  return location;
}

/**
 * The version id a physical key names, for comparing: none and `null` (the id S3 gives an object
 * in a bucket that does not keep versions, which is what a key without one names there) are one.
 * @param versionId - the parsed version id.
 * @returns the id, or null.
 */
function comparedVersion(versionId: string | undefined): string | null {
  return versionId === undefined || versionId === 'null' ? null : versionId;
}

/**
 * Whether two physical keys name the same object version (the same bucket, key and version id,
 * however each was percent-encoded; no version id is the same as `null`, so a quilt3 package
 * pushed to a bucket without versions matches its live folder). Keys that cannot be parsed are
 * equal only as the same text.
 * @param a - a physical key.
 * @param b - another.
 * @returns true when they are the same version.
 */
export function samePhysicalKey(a: string | undefined, b: string | undefined): boolean {
  if (a === b) {
    return true;
  }
  if (a === undefined || b === undefined) {
    return false;
  }
  const x = parsePhysicalKey(a);
  const y = parsePhysicalKey(b);
  return (
    x !== undefined &&
    y !== undefined &&
    x.bucket === y.bucket &&
    x.key === y.key &&
    comparedVersion(x.versionId) === comparedVersion(y.versionId)
  );
}
