/**
 * Physical keys of manifest entries (`s3://bucket/key?versionId=…`) for reading and comparing:
 * parsed as quilt3 parses them (`parsePhysicalKey` of manifest.ts), with a clear error for keys
 * that are not S3 objects. Pure: no S3 requests.
 */
import { HeliumError } from '../error-class';
import { parsePhysicalKey, PhysicalKey } from './manifest';

/** Where the bytes of one manifest entry are (`versionId` absent for an unpinned key). */
export type PhysicalLocation = PhysicalKey;

/**
 * Parse a physical key that must name an S3 object.
 * @param physicalKey - `s3://bucket/key?versionId=…` as written in a manifest.
 * @returns bucket, key (decoded) and version id.
 * @throws HeliumError `InvalidInput` (code `InvalidPhysicalKey`) for anything that is not an
 *   `s3://` URL of an object (e.g. quilt3's `file://` keys of a local package).
 */
export function requirePhysicalKey(physicalKey: string): PhysicalLocation {
  const location = parsePhysicalKey(physicalKey);
  if (!location) {
    throw new HeliumError(
      'InvalidInput',
      `The snapshot points at "${physicalKey}", which is not an S3 object address (s3://bucket/key?versionId=…), so it cannot be read from S3.`,
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
 * Whether two physical keys name the same object version (the same bucket, key and version id,
 * however each was percent-encoded). Keys that cannot be parsed are compared as text.
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
  return x !== undefined && y !== undefined && x.bucket === y.bucket && x.key === y.key && (x.versionId ?? null) === (y.versionId ?? null);
}
