/**
 * Integration tests of the live folder as entries, against a real local S3 server (moto, see
 * src/testing): current versions only, no delete markers, folder markers or registry, hashes from
 * checksums (single PUT and multipart) and from the bytes when there is no checksum, T4 metadata,
 * reuse of a snapshot's entries without a request.
 * @jest-environment-options {"customExportConditions": ["node", "require", "default"]}
 */
import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { randomBytes } from 'crypto';
import { deleteObject, putObject } from '../objects';
import { bytesSource, quiltChunkedHash, uploadObject } from '../transfers';
import { encodeHeliumHeader } from '../values/header';
import { createTestBucket, testClient } from '../../testing/s3';
import { parsePhysicalKey } from './manifest';
import { toPlainJson } from './python-json';
import { liveEntries, LiveProgress } from './live';
import type { ManifestEntry } from './types';

jest.setTimeout(120_000);

let s3: S3Client;
let bucket: string;
const big = randomBytes(9 * 1024 * 1024 + 123);
const quilt = (bytes: Uint8Array | string) =>
  quiltChunkedHash(bytesSource(typeof bytes === 'string' ? new TextEncoder().encode(bytes) : bytes));

beforeAll(async () => {
  s3 = testClient();
  bucket = await createTestBucket(s3, 'snap-live');
  await putObject(s3, { bucket, key: 'f/a.txt', body: 'old a' });
  await putObject(s3, { bucket, key: 'f/a.txt', body: 'new a' });
  await putObject(s3, {
    bucket,
    key: 'f/sub/meta.json',
    body: '{}',
    userMetadata: { helium: encodeHeliumHeader('json', { n: 1, s: 'é' }) }
  });
  await putObject(s3, { bucket, key: 'f/gone.txt', body: 'gone' });
  await deleteObject(s3, { bucket, key: 'f/gone.txt' });
  await putObject(s3, { bucket, key: 'f/empty-folder/', body: '' });
  await putObject(s3, { bucket, key: 'f/.quilt/packages/x', body: 'registry' });
  await putObject(s3, { bucket, key: '.quilt/named_packages/f/latest', body: 'registry' });
  await putObject(s3, { bucket, key: 'f/empty.txt', body: '' });
  await putObject(s3, { bucket, key: 'fx/outside.txt', body: 'not in f/' });
  // No checksum at all: hashed from the bytes.
  await s3.send(new PutObjectCommand({ Bucket: bucket, Key: 'f/raw.bin', Body: big }));
  // Multipart with SHA-256: the composite checksum is the Quilt hash.
  await uploadObject(s3, { bucket, key: 'f/multi.bin', source: bytesSource(big) });
});

afterAll(() => s3?.destroy());

describe('liveEntries', () => {
  let entries: ManifestEntry[];
  const progress: LiveProgress[] = [];

  beforeAll(async () => {
    entries = await liveEntries(s3, { bucket, folder: 'f/', onProgress: p => progress.push(p) });
  });

  it('lists the current version of each file, relative to the folder', () => {
    // As snapshot() lists them: only the registry at the bucket's root is left out.
    expect(entries.map(e => e.logical_key)).toEqual(['.quilt/packages/x', 'a.txt', 'empty.txt', 'multi.bin', 'raw.bin', 'sub/meta.json']);
    for (const entry of entries) {
      const location = parsePhysicalKey(entry.physical_keys[0]);
      expect(location?.bucket).toBe(bucket);
      expect(location?.key).toBe(`f/${entry.logical_key}`);
      expect(location?.versionId).toBeTruthy();
    }
  });

  it('gives Quilt hashes from checksums and from the bytes', async () => {
    const byKey = new Map(entries.map(e => [e.logical_key, e]));
    expect(byKey.get('a.txt')?.hash).toEqual({ type: 'sha2-256-chunked', value: await quilt('new a') });
    expect(byKey.get('empty.txt')?.hash.value).toBe('47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=');
    expect(byKey.get('multi.bin')?.hash.value).toBe(await quilt(big));
    expect(byKey.get('raw.bin')?.hash.value).toBe(await quilt(big));
    expect(byKey.get('raw.bin')?.size).toBe(big.length);
    const last = progress[progress.length - 1];
    // Only raw.bin (no checksum) is read; multi.bin's composite checksum is its Quilt hash.
    expect(last).toMatchObject({ listed: 6, reused: 0, toCheck: 6, checked: 6, bytesToHash: big.length, hashedBytes: big.length });
  });

  it('records the T4 metadata, {} without it', () => {
    const byKey = new Map(entries.map(e => [e.logical_key, e]));
    expect(toPlainJson(byKey.get('sub/meta.json')?.meta)).toEqual({ target: 'json', user_meta: { n: 1, s: 'é' } });
    expect(byKey.get('a.txt')?.meta).toEqual({});
  });

  it('reuses a snapshot’s hash and metadata for the same version, with no request', async () => {
    const previous = entries.map(e => (e.logical_key === 'raw.bin' ? { ...e, hash: { ...e.hash, value: 'reused!' }, meta: { r: 1 } } : e));
    await putObject(s3, { bucket, key: 'f/a.txt', body: 'newest a' });
    const seen: LiveProgress[] = [];
    const again = await liveEntries(s3, { bucket, folder: 'f/', previous, onProgress: p => seen.push(p) });
    const byKey = new Map(again.map(e => [e.logical_key, e]));
    expect(byKey.get('raw.bin')?.hash.value).toBe('reused!');
    expect(byKey.get('raw.bin')?.meta).toEqual({ r: 1 });
    expect(byKey.get('a.txt')?.hash.value).toBe(await quilt('newest a'));
    expect(seen[seen.length - 1]).toMatchObject({ reused: 5, toCheck: 1, checked: 1, bytesToHash: 0 });
  });

  it('gives nothing for an empty folder, and the whole bucket but .quilt/ for the root', async () => {
    expect(await liveEntries(s3, { bucket, folder: 'nothing/' })).toEqual([]);
    const all = await liveEntries(s3, { bucket, folder: '', previous: entries.map(e => ({ ...e })) });
    expect(all.map(e => e.logical_key)).toEqual([
      'f/.quilt/packages/x',
      'f/a.txt',
      'f/empty.txt',
      'f/multi.bin',
      'f/raw.bin',
      'f/sub/meta.json',
      'fx/outside.txt'
    ]);
  });

  it('stops when cancelled', async () => {
    const controller = new AbortController();
    controller.abort();
    await expect(liveEntries(s3, { bucket, folder: 'f/', signal: controller.signal })).rejects.toMatchObject({ kind: 'Cancelled' });
  });
});
