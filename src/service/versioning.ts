/**
 * Whether a bucket keeps versions.
 */
import { GetBucketVersioningCommand, S3Client } from '@aws-sdk/client-s3';
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
