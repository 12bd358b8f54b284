/**
 * Reading a Parquet object by ranges against the real local S3 (moto), on a file written by
 * pyarrow with several row groups: the footer gives rows, columns and groups; reading one group
 * reads only the footer and that group's bytes (one ranged GET each); the values are pyarrow's;
 * and a reader pinned to a version keeps reading that version after the object is overwritten.
 * @jest-environment-options {"customExportConditions": ["node", "require", "default"]}
 */
import type { S3Client } from '@aws-sdk/client-s3';
import { runPythonJson } from '../../testing/python-interop';
import { createTestBucket, testClient } from '../../testing/s3';
import { headObject } from '../objects-read';
import { headReadSize, openParquetPages } from './parquet-pages';
import { hintsFor, parquetValueText } from './parquet-values';
import { rangedObject } from './ranged-object';

jest.setTimeout(120_000);

interface Fixture {
  size: number;
  rows: number;
  row_groups: number;
  version_id: string;
  last_label: string;
}

const ROWS = 5_000;
const PER_GROUP = 1_000;
const PAYLOAD = 64;

let s3: S3Client;
let bucket: string;
let first: Fixture;

beforeAll(async () => {
  s3 = testClient();
  bucket = await createTestBucket(s3, 'parquet-pages');
  first = await runPythonJson<Fixture>('parquet_pages_fixture.py', [
    bucket,
    'big/table.parquet',
    String(ROWS),
    String(PER_GROUP),
    String(PAYLOAD)
  ]);
});

test('the footer gives the rows, the columns with their types, and the row groups', async () => {
  const reads: [number, number][] = [];
  const file = rangedObject(s3, { bucket, key: 'big/table.parquet', versionId: first.version_id }, first.size, {
    onRead: (start, end) => reads.push([start, end])
  });
  const pages = await openParquetPages(file, 's3://x');
  expect(pages.numRows).toBe(ROWS);
  expect(pages.fields).toEqual([
    { name: 'id', typeName: 'int64' },
    { name: 'label', typeName: 'string' },
    { name: 'score', typeName: 'double' },
    { name: 'payload', typeName: `fixed_size_binary[${PAYLOAD}]` }
  ]);
  expect(pages.groups.map(g => [g.start, g.rows])).toEqual([0, 1, 2, 3, 4].map(i => [i * PER_GROUP, PER_GROUP]));
  // One read, of the file's tail only.
  expect(reads).toHaveLength(1);
  expect(reads[0][1]).toBe(first.size);
});

test('reading a row group reads only its bytes, in one ranged GET, and decodes pyarrow values', async () => {
  const reads: [number, number][] = [];
  const file = rangedObject(s3, { bucket, key: 'big/table.parquet', versionId: first.version_id }, first.size, {
    onRead: (start, end) => reads.push([start, end])
  });
  const pages = await openParquetPages(file, 's3://x');
  reads.length = 0;
  const last = pages.groups.length - 1;
  const columns = await pages.readGroup(last);
  expect(reads).toHaveLength(1);
  const [start, end] = reads[0];
  // The last group's bytes: a fifth of the data, far less than the file.
  expect(end - start).toBeLessThan(first.size / 3);
  expect(end - start).toBeGreaterThan(PER_GROUP * PAYLOAD);
  const lastRow = PER_GROUP - 1;
  expect(parquetValueText(columns[0][lastRow])).toBe(String(ROWS - 1));
  expect(parquetValueText(columns[1][lastRow])).toBe(first.last_label);
  expect(parquetValueText(columns[2][lastRow], hintsFor('double'))).toBe(String((ROWS - 1) / 4));
  expect(parquetValueText(columns[2][0], hintsFor('double'))).toBe(`${(last * PER_GROUP) / 4}.0`);
  expect(parquetValueText(columns[3][0])).toMatch(/^[0-9a-f]{128}$/);
});

test('a reader pinned to a version reads that version after the object is overwritten', async () => {
  const key = 'big/overwritten.parquet';
  const old = await runPythonJson<Fixture>('parquet_pages_fixture.py', [bucket, key, '3000', '1000', '16']);
  const info = await headObject(s3, { bucket, key });
  const file = rangedObject(s3, { bucket, key, versionId: info.versionId }, info.size);
  const pages = await openParquetPages(file, 's3://x');
  // A new version with other rows (and another layout) replaces it.
  const newer = await runPythonJson<Fixture>('parquet_pages_fixture.py', [bucket, key, '500', '250', '16']);
  expect(newer.version_id).not.toBe(old.version_id);
  const columns = await pages.readGroup(2);
  expect(parquetValueText(columns[0][999])).toBe('2999');
  expect(parquetValueText(columns[1][999])).toBe(old.last_label);
});

/** The 70 MB file of 14 row groups of ~5 MB (8 MiB read ahead: groups 0 and 1 start inside it), written once. */
let seventy: Promise<Fixture> | undefined;
const bigFile = (): Promise<Fixture> =>
  (seventy ??= runPythonJson<Fixture>('parquet_pages_fixture.py', [bucket, 'big/seventy.parquet', '70000', '5000', '1000']));

const openBig = async (big: Fixture) => {
  const reads: [number, number][] = [];
  const file = rangedObject(s3, { bucket, key: 'big/seventy.parquet', versionId: big.version_id }, big.size, {
    onRead: (start, end) => reads.push([start, end])
  });
  return { pages: await openParquetPages(file, 's3://x'), reads };
};

test('a big file (64 MiB and more) reads its start with its footer, so the first row group costs no second round', async () => {
  const big = await bigFile();
  expect(headReadSize(big.size)).toBe(8 * 2 ** 20);
  const { pages, reads } = await openBig(big);
  await new Promise(resolve => setTimeout(resolve, 500)); // let the head read land: nothing waits for it yet
  expect(reads.map(([start, end]) => [start, end === big.size ? 'end' : end]).sort()).toEqual([
    [0, 8 * 2 ** 20],
    [big.size - 512 * 1024, 'end']
  ]);
  const first = await pages.readGroup(0);
  expect(reads).toHaveLength(2); // the first group came with the head read
  expect(parquetValueText(first[1][4999])).toBe('row 4999');
  await pages.readGroup(13);
  expect(reads).toHaveLength(3);
});

test('the first rows, asked for before the head has landed, cost exactly the footer and head GETs', async () => {
  const big = await bigFile();
  const { pages, reads } = await openBig(big);
  const first = await pages.readGroup(0);
  expect(parquetValueText(first[0][0])).toBe('0');
  expect(parquetValueText(first[1][4999])).toBe('row 4999');
  expect(reads.map(([start]) => start).sort((a, b) => a - b)).toEqual([0, big.size - 512 * 1024]);
});

test('groups read most recent first (as the viewer queues them) are served from the head until all inside it are read; one across its end reads only the rest', async () => {
  const big = await bigFile();
  const { pages, reads } = await openBig(big);
  const second = await pages.readGroup(1);
  expect(parquetValueText(second[1][0])).toBe('row 5000');
  expect(parquetValueText(second[1][4999])).toBe('row 9999');
  expect(reads).toHaveLength(3);
  expect(reads[2][0]).toBe(8 * 2 ** 20); // only group 1's bytes past the head
  const first = await pages.readGroup(0);
  expect(parquetValueText(first[1][0])).toBe('row 0');
  expect(reads).toHaveLength(3); // still held: group 0 came from it
  // Every group inside the head has been read: it is forgotten, a group in it is read again.
  await pages.readGroup(0);
  expect(reads).toHaveLength(4);
  expect(reads[3][0]).toBe(4);
});

test('reading a group past the head forgets it', async () => {
  const big = await bigFile();
  const { pages, reads } = await openBig(big);
  await pages.readGroup(13);
  const first = await pages.readGroup(0);
  expect(parquetValueText(first[1][4999])).toBe('row 4999');
  // Group 0 was read by a GET of its own (the head, if it had not landed by then, was stopped).
  expect(reads.filter(([start]) => start === 4)).toHaveLength(1);
});

test('small files read no head ahead; big ones at most 32 MiB of it', () => {
  expect(headReadSize(10 * 2 ** 20)).toBe(0);
  expect(headReadSize(64 * 2 ** 20)).toBe(8 * 2 ** 20);
  expect(headReadSize(1024 * 2 ** 20)).toBe(16 * 2 ** 20);
  expect(headReadSize(4 * 2 ** 30)).toBe(32 * 2 ** 20);
});

test('bytes that are not Parquet are refused with a message naming the object', async () => {
  const file = { byteLength: 12, slice: async () => new TextEncoder().encode('not parquet!').buffer as ArrayBuffer };
  await expect(openParquetPages(file, 's3://b/notes.parquet')).rejects.toMatchObject({
    kind: 'InvalidInput',
    message: expect.stringContaining('s3://b/notes.parquet')
  });
});
