/**
 * Quilt hashes of multipart objects whose parts are not all of one size, against the local S3:
 * S3's composite checksum is Quilt's hash only when every part but the last has the layout's size.
 * @jest-environment-options {"customExportConditions": ["node", "require", "default"]}
 */
import { CompleteMultipartUploadCommand, CreateMultipartUploadCommand, S3Client, UploadPartCommand } from '@aws-sdk/client-s3';
import { createHash } from 'crypto';
import { createTestBucket, testClient } from '../../testing/s3';
import { patternBytes } from '../../testing/transfer-fixtures';
import { quiltChunkedHash } from '../transfers/quilt-hash';
import { bytesSource } from '../transfers/sources';
import { hashVersion } from './snapshot-hash';

const MiB = 1024 * 1024;
let s3: S3Client;
let bucket: string;

/**
 * A multipart upload with SHA-256 part checksums and the given part sizes (raw SDK).
 * @param key - the key.
 * @param sizes - each part's size, in order.
 * @returns the bytes and the version id.
 */
async function upload(key: string, sizes: number[]): Promise<{ bytes: Uint8Array; versionId: string }> {
  const bytes = patternBytes(
    sizes.reduce((a, b) => a + b, 0),
    sizes.length
  );
  const { UploadId } = await s3.send(new CreateMultipartUploadCommand({ Bucket: bucket, Key: key, ChecksumAlgorithm: 'SHA256' }));
  const parts = [];
  let start = 0;
  for (const [i, size] of sizes.entries()) {
    const body = bytes.subarray(start, start + size);
    start += size;
    const ChecksumSHA256 = createHash('sha256').update(body).digest('base64');
    const out = await s3.send(new UploadPartCommand({ Bucket: bucket, Key: key, UploadId, PartNumber: i + 1, Body: body, ChecksumSHA256 }));
    parts.push({ PartNumber: i + 1, ETag: out.ETag, ChecksumSHA256 });
  }
  const done = await s3.send(new CompleteMultipartUploadCommand({ Bucket: bucket, Key: key, UploadId, MultipartUpload: { Parts: parts } }));
  return { bytes, versionId: done.VersionId ?? 'null' };
}

beforeAll(async () => {
  s3 = testClient();
  bucket = await createTestBucket(s3, 'part-layout');
});

it('downloads an object of 8 + 5 + 4 MiB parts: the part count and first part are the layout’s, the rest is not', async () => {
  const { bytes, versionId } = await upload('uneven.bin', [8 * MiB, 5 * MiB, 4 * MiB]);
  const hashed = await hashVersion(s3, { bucket, key: 'uneven.bin', versionId, size: bytes.length });
  expect(hashed.hash).toBe(await quiltChunkedHash(bytesSource(bytes)));
  expect(hashed.source).toBe('stream');
}, 60000);

it('reads the hash of 8 + 8 + 1 MiB parts (the layout) off the checksum', async () => {
  const { bytes, versionId } = await upload('even.bin', [8 * MiB, 8 * MiB, MiB]);
  const hashed = await hashVersion(s3, { bucket, key: 'even.bin', versionId, size: bytes.length });
  expect(hashed.hash).toBe(await quiltChunkedHash(bytesSource(bytes)));
  expect(hashed.source).toBe('checksum');
}, 60000);
