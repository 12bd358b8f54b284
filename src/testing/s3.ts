/**
 * Helpers for integration tests of src/service against a real local S3 server (moto), whose URL
 * jest's global setup puts in HELIUM_TEST_S3_URL (see moto-global-setup.js).
 */
import { CreateBucketCommand, PutBucketVersioningCommand, S3Client } from '@aws-sdk/client-s3';
import { createNodeClient } from '../service/client';
import { mapWithConcurrency } from '../service/concurrency';
import { putObject } from '../service/objects';

/**
 * The local S3 server's URL.
 * @returns HELIUM_TEST_S3_URL.
 */
export function testS3Url(): string {
  const url = process.env.HELIUM_TEST_S3_URL;
  if (!url) {
    throw new Error('HELIUM_TEST_S3_URL is not set: run the tests through jest (its global setup starts moto).');
  }
  return url;
}

/**
 * A Node client for the local S3 server (moto accepts any credentials).
 * @param options - overrides, e.g. `maxAttempts`.
 * @returns the client.
 */
export function testClient(options: { endpoint?: string; maxAttempts?: number } = {}): S3Client {
  return createNodeClient({
    endpoint: options.endpoint ?? testS3Url(),
    region: 'us-east-1',
    credentials: { accessKeyId: 'testing', secretAccessKey: 'testing' },
    ...(options.maxAttempts ? { maxAttempts: options.maxAttempts } : {})
  });
}

let counter = 0;

/**
 * A bucket name no other test uses: `helium-<label>-<time>-<n>`.
 * @param label - a short lowercase label.
 * @returns the name.
 */
export function uniqueBucketName(label: string): string {
  counter += 1;
  const suffix = `${Date.now().toString(36)}-${process.pid.toString(36)}-${counter}`;
  return `helium-${label}`.slice(0, 62 - suffix.length) + `-${suffix}`;
}

/**
 * Create a bucket for one test file, with versioning on unless asked otherwise.
 * @param s3 - the client.
 * @param label - a short lowercase label for the name.
 * @param versioning - whether to enable versioning (default true).
 * @returns the bucket name.
 */
export async function createTestBucket(s3: S3Client, label: string, versioning = true): Promise<string> {
  const bucket = uniqueBucketName(label);
  await s3.send(new CreateBucketCommand({ Bucket: bucket }));
  if (versioning) {
    await s3.send(new PutBucketVersioningCommand({ Bucket: bucket, VersioningConfiguration: { Status: 'Enabled' } }));
  }
  return bucket;
}

/**
 * Write many small objects with bounded concurrency (through our own putObject).
 * @param s3 - the client.
 * @param bucket - the bucket.
 * @param keys - the keys; each object's content is its key.
 * @param concurrency - the most uploads in flight.
 */
export async function putMany(s3: S3Client, bucket: string, keys: readonly string[], concurrency = 16): Promise<void> {
  await mapWithConcurrency(keys, concurrency, key => putObject(s3, { bucket, key, body: key }));
}

/**
 * Records the name of every command sent through `s3` (`HeadObject`, `PutObject`…), still sending
 * each, until `restore()`.
 * @param s3 - the client.
 * @returns the names so far (clear it with `sent.length = 0`) and `restore`.
 */
export function recordCommands(s3: S3Client): { sent: string[]; restore: () => void } {
  const sent: string[] = [];
  const send = s3.send.bind(s3) as (...args: unknown[]) => Promise<unknown>;
  const spy = jest.spyOn(s3, 'send').mockImplementation(((command: { constructor: { name: string } }, ...rest: unknown[]) => {
    sent.push(command.constructor.name.replace(/Command$/, ''));
    return send(command, ...rest);
  }) as never);
  return { sent, restore: () => spy.mockRestore() };
}
