/**
 * Where a value lives: `s3://bucket/key[?versionId=…]` or `{ bucket, key, versionId? }`.
 */
import { HeliumError } from '../error-class';
import type { ObjectRef } from '../object-info';
import { assertValidBucketName, assertReadableKey, parseS3Uri } from '../uri';

/** An object, as an S3 URI or a reference. */
export type ValueLocation = string | ObjectRef;

/**
 * The bucket, key and version of a location, checked.
 * @param location - an S3 URI or a reference.
 * @param purpose - `write` refuses a version id (a write makes a new version).
 * @returns the reference.
 * @throws HeliumError `InvalidInput` for a bad URI, bucket or key.
 */
export function resolveLocation(location: ValueLocation, purpose: 'read' | 'write'): ObjectRef {
  const ref: ObjectRef = typeof location === 'string' ? parseS3Uri(location) : { ...location };
  assertValidBucketName(ref.bucket);
  assertReadableKey(ref.key);
  if (ref.key === '' || ref.key.endsWith('/')) {
    throw new HeliumError(
      'InvalidInput',
      `s3://${ref.bucket}/${ref.key} is a folder, not an object: add a file name, e.g. s3://${ref.bucket}/${ref.key}data.json.`,
      { code: 'InvalidKey' }
    );
  }
  if (purpose === 'write' && ref.versionId) {
    throw new HeliumError('InvalidInput', 'A write cannot target a version (it always creates a new one): remove "versionId".', {
      code: 'InvalidKey'
    });
  }
  return ref;
}
