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
import { bytesFile, READ_AHEAD_LIMIT, rangedObject } from './ranged-object';

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

describe('reads ahead', () => {
  const body = 'abcdefghijklmnopqrstuvwxyz';
  const open = async (bucket: string, key: string, options: { signal?: AbortSignal } = {}) => {
    await putObject(s3, { bucket, key, body });
    const info = await headObject(s3, { bucket, key });
    const reads: [number, number][] = [];
    const file = rangedObject(s3, { bucket, key, versionId: info.versionId }, info.size, {
      ...options,
      etag: info.etag,
      onRead: (start, end) => reads.push([start, end])
    });
    return { file, reads };
  };

  test('a slice inside a read ahead still in flight sends no GET of its own; one across its end reads only the rest', async () => {
    const { file, reads } = await open(versioned, 'ahead/a.txt');
    const ahead = file.readAhead!(0, 10);
    // Asked for at once, before the read ahead has answered: served from it, not a second GET.
    const [inside, whole] = await Promise.all([file.slice(2, 6), file.slice(0, 10)]);
    expect(text(inside)).toBe('cdef');
    expect(text(whole)).toBe('abcdefghij');
    expect(reads).toEqual([[0, 10]]);
    expect(text(await file.slice(8, 14))).toBe('ijklmn');
    expect(reads).toEqual([
      [0, 10],
      [10, 14]
    ]);
    expect(text(await file.slice(20))).toBe('uvwxyz');
    expect(reads).toHaveLength(3);
    // Forgotten: the same bytes are a GET again.
    ahead.drop();
    expect(text(await file.slice(2, 6))).toBe('cdef');
    expect(reads).toEqual([
      [0, 10],
      [10, 14],
      [20, 26],
      [2, 6]
    ]);
  });

  test('a read ahead cut short reads only up to the cut; slices past it are GETs of their own', async () => {
    const { file, reads } = await open(versioned, 'ahead/cut.txt');
    const ahead = file.readAhead!(0, 20);
    ahead.cut(8);
    ahead.cut(15); // a cut never grows it back
    expect(text(await file.slice(0, 8))).toBe('abcdefgh');
    expect(text(await file.slice(6, 12))).toBe('ghijkl');
    expect(text(await file.slice(12, 16))).toBe('mnop');
    expect(reads).toEqual([
      [0, 8],
      [8, 12],
      [12, 16]
    ]);
  });

  test('a slice starting before a read ahead is a GET of its own; the read ahead is clamped to the object', async () => {
    const { file, reads } = await open(versioned, 'ahead/b.txt');
    file.readAhead!(20, 100);
    expect(text(await file.slice(24))).toBe('yz');
    expect(text(await file.slice(18, 22))).toBe('stuv');
    expect(reads).toEqual([
      [20, 26],
      [18, 22]
    ]);
  });

  test('a read ahead over the limit reads nothing', async () => {
    const reads: [number, number][] = [];
    const file = rangedObject(s3, { bucket: versioned, key: 'ahead/none.txt' }, 2 * READ_AHEAD_LIMIT, {
      onRead: (start, end) => reads.push([start, end])
    });
    const send = jest.spyOn(s3, 'send');
    try {
      file.readAhead!(0, READ_AHEAD_LIMIT + 1).drop();
      file.readAhead!(0, READ_AHEAD_LIMIT / 2).drop();
      expect(send).toHaveBeenCalledTimes(1);
    } finally {
      send.mockRestore();
    }
  });

  test('cancelling the file rejects a slice waiting on a read ahead with Cancelled', async () => {
    const controller = new AbortController();
    const { file, reads } = await open(versioned, 'ahead/c.txt', { signal: controller.signal });
    file.readAhead!(0, 20);
    const waiting = file.slice(2, 6);
    controller.abort();
    await expect(waiting).rejects.toMatchObject({ kind: 'Cancelled' });
    expect(reads).toEqual([]);
  });

  test('without versions: bytes read ahead are the pinned ETag’s; after an overwrite a slice needing more fails with Conflict', async () => {
    const { file, reads } = await open(unversioned, 'ahead/d.txt');
    file.readAhead!(0, 10);
    expect(text(await file.slice(0, 4))).toBe('abcd');
    await putObject(s3, { bucket: unversioned, key: 'ahead/d.txt', body: body.toUpperCase() });
    expect(text(await file.slice(4, 8))).toBe('efgh');
    await expect(file.slice(6, 12)).rejects.toMatchObject({ kind: 'Conflict' });
    await expect(file.slice(12, 14)).rejects.toMatchObject({ kind: 'Conflict' });
    expect(reads).toEqual([[0, 10]]);
  });
});
