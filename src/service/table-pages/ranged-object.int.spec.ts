/**
 * An S3 object as a ranged file, against the real local S3 (moto): slices are ranged GETs of the
 * bytes asked for; pinned to a version id, an overwrite changes nothing; pinned to an ETag (an
 * object without versions), an overwrite makes the next read fail with `Conflict` rather than
 * mix two objects' bytes.
 * @jest-environment-options {"customExportConditions": ["node", "require", "default"]}
 */
import type { S3Client } from '@aws-sdk/client-s3';
import { createTestBucket, testClient } from '../../testing/s3';
import { headObject } from '../objects-read';
import { putObject } from '../objects-write';
import { bytesFile, rangedObject } from './ranged-object';

jest.setTimeout(60_000);

let s3: S3Client;
let versioned: string;
let unversioned: string;
const text = (buffer: ArrayBuffer) => new TextDecoder().decode(buffer);

beforeAll(async () => {
  s3 = testClient();
  versioned = await createTestBucket(s3, 'ranged');
  unversioned = await createTestBucket(s3, 'ranged-unv', false);
});

test('a slice is a ranged GET of those bytes; past the end it is cut, empty ranges read nothing', async () => {
  await putObject(s3, { bucket: versioned, key: 'r/a.txt', body: '0123456789' });
  const reads: [number, number][] = [];
  const file = rangedObject(s3, { bucket: versioned, key: 'r/a.txt' }, 10, { onRead: (start, end) => reads.push([start, end]) });
  expect(file.byteLength).toBe(10);
  expect(text(await file.slice(2, 5))).toBe('234');
  expect(text(await file.slice(7))).toBe('789');
  expect(text(await file.slice(8, 50))).toBe('89');
  expect((await file.slice(10, 12)).byteLength).toBe(0);
  expect(reads).toEqual([
    [2, 5],
    [7, 10],
    [8, 10]
  ]);
});

test('pinned to a version, it reads that version after an overwrite', async () => {
  await putObject(s3, { bucket: versioned, key: 'r/b.txt', body: 'first text' });
  const info = await headObject(s3, { bucket: versioned, key: 'r/b.txt' });
  const file = rangedObject(s3, { bucket: versioned, key: 'r/b.txt', versionId: info.versionId }, info.size, { etag: info.etag });
  await putObject(s3, { bucket: versioned, key: 'r/b.txt', body: 'other text' });
  expect(text(await file.slice(0, 5))).toBe('first');
});

test('without versions, pinned to its ETag: an overwrite fails the next read with Conflict', async () => {
  await putObject(s3, { bucket: unversioned, key: 'r/c.txt', body: 'first text' });
  const info = await headObject(s3, { bucket: unversioned, key: 'r/c.txt' });
  const file = rangedObject(s3, { bucket: unversioned, key: 'r/c.txt' }, info.size, { etag: info.etag });
  expect(text(await file.slice(0, 5))).toBe('first');
  await putObject(s3, { bucket: unversioned, key: 'r/c.txt', body: 'other text' });
  await expect(file.slice(0, 5)).rejects.toMatchObject({ kind: 'Conflict' });
});

test('bytes in memory slice the same way', async () => {
  const file = bytesFile(new TextEncoder().encode('0123456789'));
  expect(file.byteLength).toBe(10);
  expect(text(await file.slice(2, 5))).toBe('234');
  expect(text(await file.slice(7))).toBe('789');
});
