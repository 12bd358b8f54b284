/**
 * Whether a bucket keeps versions, what that means for a person, and a guard for actions that
 * would lose data without versions.
 */
import { GetBucketVersioningCommand, S3Client } from '@aws-sdk/client-s3';
import { HeliumError } from './error-class';
import { guard } from './request';
import { assertValidBucketName } from './uri';

/** A bucket's versioning state: `Off` if it was never enabled. */
export type VersioningState = 'Enabled' | 'Suspended' | 'Off';

/**
 * Read a bucket's versioning state.
 * @param s3 - the client.
 * @param bucket - the bucket.
 * @returns `Enabled`, `Suspended` or `Off`.
 * @throws HeliumError `NotFound`, `AccessDenied` (needs s3:GetBucketVersioning), `Network`…
 */
export async function getBucketVersioning(s3: S3Client, bucket: string): Promise<VersioningState> {
  assertValidBucketName(bucket);
  const output = await guard(s3, { action: 'GetBucketVersioning', bucket }, () =>
    s3.send(new GetBucketVersioningCommand({ Bucket: bucket }))
  );
  if (output.Status === 'Enabled' || output.Status === 'Suspended') {
    return output.Status;
  }
  return 'Off';
}

/** The versioning states in which writing over an object keeps the old version. */
const SAFE_STATE: VersioningState = 'Enabled';

/**
 * How to turn versioning on, for messages.
 * @param bucket - the bucket.
 * @returns a sentence.
 */
function howToEnable(bucket: string): string {
  return `Turn versioning on: S3 console → Properties → Bucket Versioning, or \`aws s3api put-bucket-versioning --bucket ${bucket} --versioning-configuration Status=Enabled\`.`;
}

/**
 * A plain sentence about a bucket's versioning state, for the UI and the CLI.
 * @param state - the state from {@link getBucketVersioning}.
 * @param bucket - the bucket.
 * @returns null when versioning is on; else what it means and how to turn it on.
 */
export function versioningNotice(state: VersioningState, bucket: string): string | null {
  if (state === 'Enabled') {
    return null;
  }
  if (state === 'Suspended') {
    return `Versioning is suspended on bucket "${bucket}": the versions already kept stay, but every new write or delete replaces the current version instead of keeping it. ${howToEnable(bucket)}`;
  }
  return `Bucket "${bucket}" does not keep versions: writing or deleting an object loses its only copy. ${howToEnable(bucket)}`;
}

/**
 * A bucket's versioning state and the sentence to show about it.
 * @param s3 - the client.
 * @param bucket - the bucket.
 * @returns the state and {@link versioningNotice}'s sentence (null when Enabled).
 * @throws HeliumError `AccessDenied` (needs s3:GetBucketVersioning), `NotFound`, `Network`…
 */
export async function versioningStatus(s3: S3Client, bucket: string): Promise<{ state: VersioningState; notice: string | null }> {
  const state = await getBucketVersioning(s3, bucket);
  return { state, notice: versioningNotice(state, bucket) };
}

/**
 * Throw unless the bucket keeps versions, so that an action writing over an object keeps the old
 * version.
 * @param s3 - the client.
 * @param bucket - the bucket.
 * @param action - what is about to happen, as a gerund phrase ("restoring a version").
 * @param consequence - what would go wrong without versions (default "would overwrite the only copy").
 * @throws HeliumError `NotVersioned` (code `VersioningOff` or `VersioningSuspended`), or the
 *   errors of {@link getBucketVersioning}.
 */
export async function assertVersioningEnabled(
  s3: S3Client,
  bucket: string,
  action: string,
  consequence = 'would overwrite the only copy'
): Promise<void> {
  const state = await getBucketVersioning(s3, bucket);
  if (state === SAFE_STATE) {
    return;
  }
  if (state === 'Suspended') {
    throw new HeliumError(
      'NotVersioned',
      `Versioning is suspended on bucket "${bucket}": S3 keeps the versions it has but replaces the current one on every write, so ${action} ${consequence}. Nothing was changed. ${howToEnable(bucket)}`,
      { code: 'VersioningSuspended' }
    );
  }
  throw new HeliumError(
    'NotVersioned',
    `Bucket "${bucket}" does not keep versions, so ${action} ${consequence}. Nothing was changed. ${howToEnable(bucket)}`,
    { code: 'VersioningOff' }
  );
}
