/**
 * Integration tests of diffs between snapshots and the live folder, against a real local S3
 * server (moto, see src/testing): every status from real writes, per-folder counts, `latest`
 * matching what a snapshot records (so an unchanged folder diffs clean), HEADs only for versions
 * written since, short hashes, either side latest, and bad refs.
 * @jest-environment-options {"customExportConditions": ["node", "require", "default"]}
 */
import type { S3Client } from '@aws-sdk/client-s3';
import { failure } from '../../testing/failure';
import { createTestBucket, testClient } from '../../testing/s3';
import { deleteObject, putObject } from '../objects';
import { encodeHeliumHeader } from '../values/header';
import { diffSnapshots, SnapshotComparison } from './compare';
import { emptyCounts } from './statuses';
import type { LiveProgress } from './live';
import { snapshot } from './snapshot';

jest.setTimeout(120_000);

let s3: S3Client;
let bucket: string;
let s1: string;
let s2: string;

const statuses = (diff: SnapshotComparison) => diff.changes.map(c => [c.logicalKey, c.status]);

beforeAll(async () => {
  s3 = testClient();
  bucket = await createTestBucket(s3, 'snap-compare');
  await putObject(s3, { bucket, key: 'proj/a.txt', body: 'alpha' });
  await putObject(s3, { bucket, key: 'proj/b/c.csv', body: 'x,y\n1,2\n' });
  await putObject(s3, { bucket, key: 'proj/meta.json', body: '{}', userMetadata: { helium: encodeHeliumHeader('json', { v: 1 }) } });
  await putObject(s3, { bucket, key: 'proj/keep.txt', body: 'keep' });
  await putObject(s3, { bucket, key: 'proj/same.txt', body: 'same' });
  s1 = (await snapshot(s3, { bucket, folder: 'proj/', message: 'first' })).topHash;
  // One change of each kind.
  await putObject(s3, { bucket, key: 'proj/a.txt', body: 'alpha 2' });
  await putObject(s3, { bucket, key: 'proj/meta.json', body: '{}', userMetadata: { helium: encodeHeliumHeader('json', { v: 2 }) } });
  await putObject(s3, { bucket, key: 'proj/keep.txt', body: 'keep' });
  await deleteObject(s3, { bucket, key: 'proj/b/c.csv' });
  await putObject(s3, { bucket, key: 'proj/new/x.txt', body: 'new' });
  s2 = (await snapshot(s3, { bucket, folder: 'proj/', message: 'second' })).topHash;
});

afterAll(() => s3?.destroy());

const expected = [
  ['a.txt', 'modified'],
  ['b/c.csv', 'deleted'],
  ['keep.txt', 'same-content-new-version'],
  ['meta.json', 'metadata-changed'],
  ['new/x.txt', 'added']
];

describe('diffSnapshots', () => {
  it('tells every status apart between two snapshots, by content hash and metadata', async () => {
    const diff = await diffSnapshots(s3, { bucket, left: s1, right: s2 });
    expect(statuses(diff)).toEqual(expected);
    expect(diff.left).toEqual({ ref: s1, message: 'first', folder: 'proj/', entries: 5 });
    expect(diff.right).toMatchObject({ ref: s2, message: 'second', folder: 'proj/', entries: 5 });
    expect(diff.folders.get('')).toEqual({
      added: 1,
      deleted: 1,
      modified: 1,
      'metadata-changed': 1,
      'same-content-new-version': 1,
      same: 1
    });
    expect(diff.folders.get('b/')).toEqual({ ...emptyCounts(), deleted: 1 });
    expect(diff.folders.get('new/')).toEqual({ ...emptyCounts(), added: 1 });
  });

  it('reads latest as a snapshot would: no changes against the newest snapshot', async () => {
    const diff = await diffSnapshots(s3, { bucket, left: s2, right: 'latest', includeSame: true });
    expect(diff.changes.map(c => c.status)).toEqual(['same', 'same', 'same', 'same', 'same']);
    expect(diff.right).toEqual({ ref: 'latest', message: null, folder: 'proj/', entries: 5, leftOut: [] });
  });

  it('diffs a snapshot with latest, with a HEAD only for versions written since', async () => {
    const seen: LiveProgress[] = [];
    const diff = await diffSnapshots(s3, { bucket, left: s1, right: 'latest', onProgress: p => seen.push(p) });
    expect(statuses(diff)).toEqual(expected);
    // a.txt, meta.json, keep.txt and new/x.txt are new versions; same.txt is reused.
    expect(seen[seen.length - 1]).toMatchObject({ listed: 5, reused: 1, toCheck: 4, checked: 4, bytesToHash: 0 });
  });

  it('takes latest on the left, and short hashes', async () => {
    const diff = await diffSnapshots(s3, { bucket, left: 'latest', right: s1.slice(0, 8).toUpperCase() });
    expect(statuses(diff)).toEqual([
      ['a.txt', 'modified'],
      ['b/c.csv', 'added'],
      ['keep.txt', 'same-content-new-version'],
      ['meta.json', 'metadata-changed'],
      ['new/x.txt', 'deleted']
    ]);
    expect(diff.right.ref).toBe(s1);
  });

  it('compares with another live folder on request', async () => {
    await putObject(s3, { bucket, key: 'copy/a.txt', body: 'alpha' });
    const diff = await diffSnapshots(s3, { bucket, folder: 'copy', left: s1, right: 'latest' });
    expect(diff.right.folder).toBe('copy/');
    // Same content elsewhere: another physical key.
    expect(statuses(diff)).toEqual([
      ['a.txt', 'same-content-new-version'],
      ['b/c.csv', 'deleted'],
      ['keep.txt', 'deleted'],
      ['meta.json', 'deleted'],
      ['same.txt', 'deleted']
    ]);
  });

  it('refuses bad refs with clear errors', async () => {
    expect((await failure(diffSnapshots(s3, { bucket, left: 'latest', right: 'LATEST' }))).code).toBe('NothingToCompare');
    const bad = await failure(diffSnapshots(s3, { bucket, left: 'zzz', right: 'latest' }));
    expect(bad.code).toBe('InvalidTopHash');
    expect(bad.message).toContain('left side');
    expect((await failure(diffSnapshots(s3, { bucket, left: 'abcdef', right: s1 }))).code).toBe('SnapshotNotFound');
    expect((await failure(diffSnapshots(s3, { bucket, left: s1, right: 'latest', folder: '.quilt/' }))).kind).toBe('InvalidInput');
  });
});

describe('a package of older quilt3 with SHA256 hashes', () => {
  it('diffs against the live folder by content, reading files over 8 MiB; between snapshots with a note', async () => {
    const { createHash } = await import('crypto');
    const { patternBytes } = await import('../../testing/transfer-fixtures');
    const { buildManifest, formatPhysicalKey } = await import('./manifest');
    const { manifestKey, pointerKey } = await import('./registry');
    const { planRestore } = await import('./restore');
    const MiB = 1024 * 1024;
    const files: Record<string, Uint8Array> = {
      'legacy/small.txt': new TextEncoder().encode('small'),
      'legacy/empty.txt': new Uint8Array(0),
      'legacy/big.bin': patternBytes(9 * MiB, 11),
      'legacy/changed.bin': patternBytes(9 * MiB, 12)
    };
    const entries = [];
    for (const [key, bytes] of Object.entries(files)) {
      const { versionId } = await putObject(s3, { bucket, key, body: bytes });
      entries.push({
        logical_key: key.slice('legacy/'.length),
        physical_keys: [formatPhysicalKey({ bucket, key, versionId })],
        size: bytes.length,
        hash: { type: 'SHA256', value: createHash('sha256').update(bytes).digest('hex') },
        meta: {}
      });
    }
    // As an older quilt3 wrote it: SHA256 hashes, no folder recorded.
    const { text, topHash } = buildManifest({ header: { version: 'v0', message: 'old quilt3', user_meta: {} }, entries });
    await putObject(s3, { bucket, key: manifestKey(topHash), body: text });
    await putObject(s3, { bucket, key: pointerKey('old/quilt3', 1_700_000_000), body: topHash });
    // Same size, other bytes.
    await putObject(s3, { bucket, key: 'legacy/changed.bin', body: patternBytes(9 * MiB, 13) });

    const live = await diffSnapshots(s3, { bucket, left: topHash, right: 'latest', includeSame: true });
    expect(live.changes.map(c => [c.logicalKey, c.status, c.note])).toEqual([
      ['big.bin', 'same', undefined],
      ['changed.bin', 'modified', undefined],
      ['empty.txt', 'same', undefined],
      ['small.txt', 'same', undefined]
    ]);
    expect((await planRestore(s3, { bucket, topHash })).actions.map(a => a.target.key)).toEqual(['legacy/changed.bin']);

    // Against a snapshot of ours: nothing is read, files over 8 MiB are modified with a note.
    const ours = (await snapshot(s3, { bucket, folder: 'legacy/', message: 'ours' })).topHash;
    const between = await diffSnapshots(s3, { bucket, left: topHash, right: ours });
    expect(between.changes.map(c => [c.logicalKey, c.status, c.note === undefined ? 'no note' : 'note'])).toEqual([
      ['big.bin', 'modified', 'note'],
      ['changed.bin', 'modified', 'note']
    ]);
  });
});
