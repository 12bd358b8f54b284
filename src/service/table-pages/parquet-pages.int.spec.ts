/**
 * Reading a Parquet object by ranges against the real local S3 (moto), on a file written by
 * pyarrow with several row groups: the footer gives rows, columns and groups; reading one group
 * reads only the footer and that group's bytes (one ranged GET each); the values are pyarrow's;
 * and a reader pinned to a version keeps reading that version after the object is overwritten.
 * @jest-environment-options {"customExportConditions": ["node", "require", "default"]}
 */
import { GetObjectCommand } from '@aws-sdk/client-s3';
import type { S3Client } from '@aws-sdk/client-s3';
import { runPythonJson } from '../../testing/python-interop';
import { createTestBucket, testClient } from '../../testing/s3';
import { headObject } from '../objects-read';
import { headReadSize, openParquetPages } from './parquet-pages';
import { hintsFor, parquetValueText } from './parquet-values';
import { rangedObject } from './ranged-object';
import type { RangedFile } from './ranged-object';

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

/**
 * 70 MB files (8 MiB read ahead with the footer), written once each: `small` in 35 row groups of
 * ~2 MB (the first few lie wholly inside the head), `large` in 7 of ~10 MB (the first runs past it).
 */
const fixtures = new Map<string, Promise<Fixture>>();
const bigFile = (name: 'small' | 'large'): Promise<Fixture> => {
  if (!fixtures.has(name)) {
    const perGroup = name === 'small' ? '2000' : '10000';
    fixtures.set(name, runPythonJson<Fixture>('parquet_pages_fixture.py', [bucket, `big/${name}.parquet`, '70000', perGroup, '1000']));
  }
  return fixtures.get(name)!;
};

/** Open a big file, recording its GETs and how its read ahead is cut and dropped. */
const openBig = async (name: 'small' | 'large') => {
  const big = await bigFile(name);
  const reads: [number, number][] = [];
  const cuts: number[] = [];
  let drops = 0;
  const file = rangedObject(s3, { bucket, key: `big/${name}.parquet`, versionId: big.version_id }, big.size, {
    onRead: (start, end) => reads.push([start, end])
  });
  const watched: RangedFile = {
    byteLength: file.byteLength,
    slice: (start, end) => file.slice(start, end),
    readAhead: (start, end) => {
      const ahead = file.readAhead!(start, end);
      return {
        cut: at => {
          cuts.push(at);
          ahead.cut(at);
        },
        drop: () => {
          drops++;
          ahead.drop();
        }
      };
    }
  };
  const pages = await openParquetPages(watched, 's3://x');
  // Where each group's bytes end (pyarrow writes a group's chunks together, right after the 4-byte magic).
  const ends = pages.groups.map((_, i) => 4 + pages.groups.slice(0, i + 1).reduce((sum, g) => sum + g.compressedBytes, 0));
  return { big, pages, reads, cuts, drops: () => drops, ends };
};

test('a big file (64 MiB and more) reads its start with its footer, cut to the row groups inside it once the footer is read', async () => {
  const { big, pages, reads, cuts, ends } = await openBig('small');
  expect(headReadSize(big.size)).toBe(8 * 2 ** 20);
  const inside = ends.filter(end => end <= 8 * 2 ** 20);
  expect(inside.length).toBeGreaterThanOrEqual(2);
  expect(cuts).toEqual([inside[inside.length - 1]]);
  await new Promise(resolve => setTimeout(resolve, 500)); // let the head read land: nothing waits for it yet
  const [head, footer] = [...reads].sort((x, y) => x[0] - y[0]);
  expect(reads).toHaveLength(2);
  expect(footer).toEqual([big.size - 512 * 1024, big.size]);
  expect(head[0]).toBe(0);
  // Cut, unless all of it had come before the footer did.
  expect([cuts[0], 8 * 2 ** 20]).toContain(head[1]);
  const first = await pages.readGroup(0);
  expect(reads).toHaveLength(2); // the first group came with the head read
  expect(parquetValueText(first[1][1999])).toBe('row 1999');
  await pages.readGroup(30);
  expect(reads).toHaveLength(3);
});

test('the first rows, asked for before the head has landed, cost exactly the footer and head GETs', async () => {
  await bigFile('small');
  const send = jest.spyOn(s3, 'send');
  try {
    const { big, pages, reads } = await openBig('small');
    const first = await pages.readGroup(0);
    expect(parquetValueText(first[0][0])).toBe('0');
    expect(parquetValueText(first[1][1999])).toBe('row 1999');
    // Served while the head still streams in (its GET is told once done): two GETs sent in all.
    expect(send.mock.calls.filter(([command]) => command instanceof GetObjectCommand)).toHaveLength(2);
    await new Promise(resolve => setTimeout(resolve, 500));
    expect(reads.map(([start]) => start).sort((a, b) => a - b)).toEqual([0, big.size - 512 * 1024]);
  } finally {
    send.mockRestore();
  }
});

test('groups read most recent first (as the viewer queues them) are served from the head until all inside it are read', async () => {
  const { pages, reads, drops, ends } = await openBig('small');
  const inside = ends.filter(end => end <= 8 * 2 ** 20).length;
  for (let group = inside - 1; group >= 0; group--) {
    const columns = await pages.readGroup(group);
    expect(parquetValueText(columns[1][0])).toBe(`row ${group * 2000}`);
    expect(reads).toHaveLength(2);
    expect(drops()).toBe(group === 0 ? 1 : 0);
  }
  // Every group inside the head has been read: it is forgotten, a group in it is read again.
  await pages.readGroup(1);
  expect(reads).toHaveLength(3);
  expect(reads[2]).toEqual([ends[0], ends[1]]);
});

test('reading a group past the head forgets it', async () => {
  const { pages, reads, drops } = await openBig('small');
  await pages.readGroup(30);
  expect(drops()).toBe(1);
  const first = await pages.readGroup(0);
  expect(parquetValueText(first[1][1999])).toBe('row 1999');
  // Group 0 was read by a GET of its own (the head, if it had not landed by then, was stopped).
  expect(reads.filter(([start]) => start === 4)).toHaveLength(1);
});

test('a first row group longer than the head is read from it and one GET of the rest', async () => {
  const { big, pages, reads, cuts, ends } = await openBig('large');
  expect(ends[0]).toBeGreaterThan(8 * 2 ** 20);
  expect(cuts).toEqual([]);
  const first = await pages.readGroup(0);
  expect(parquetValueText(first[1][9999])).toBe('row 9999');
  expect([...reads].sort((x, y) => x[0] - y[0])).toEqual([
    [0, 8 * 2 ** 20],
    [8 * 2 ** 20, ends[0]],
    [big.size - 512 * 1024, big.size]
  ]);
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
