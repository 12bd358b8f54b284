/**
 * Integration tests of reading "as of" a snapshot and restoring a folder to one, against a real
 * local S3 server (moto, see src/testing): pinned versions (also of keys with odd characters),
 * the restore plan, applying it (new versions and delete markers, history kept, the folder then
 * diffs clean), and refusals that change nothing (unversioned bucket, a pinned version deleted for
 * good, cancellation).
 * @jest-environment-options {"customExportConditions": ["node", "require", "default"]}
 */
import type { S3Client } from '@aws-sdk/client-s3';
import { failure } from '../../testing/failure';
import { createTestBucket, testClient } from '../../testing/s3';
import { deleteObject, getObjectBytes, putObject } from '../objects';
import { readObjectMetadata } from '../object-metadata';
import { encodeHeliumHeader } from '../values/header';
import { listVersions } from '../versions-list';
import { entryAsOf, readSnapshotByRef, snapshotFolder } from './as-of';
import { diffSnapshots } from './compare';
import { planRestore, restoreFolder, RestorePlan, RestoreProgress } from './restore';
import { snapshot } from './snapshot';

jest.setTimeout(120_000);

let s3: S3Client;
let bucket: string;
let unversioned: string;
let s1: string;
const odd = 'odd name + %/é😀 #?.txt';
const text = (bytes: Uint8Array) => new TextDecoder().decode(bytes);
const current = async (key: string) => text((await getObjectBytes(s3, { bucket, key })).bytes);

beforeAll(async () => {
  s3 = testClient();
  bucket = await createTestBucket(s3, 'snap-asof');
  unversioned = await createTestBucket(s3, 'snap-asof-off', false);
  await putObject(s3, { bucket, key: 'r/a.txt', body: 'alpha' });
  await putObject(s3, { bucket, key: 'r/b/c.csv', body: 'x,y\n1,2\n' });
  await putObject(s3, { bucket, key: 'r/meta.json', body: '{}', userMetadata: { helium: encodeHeliumHeader('json', { v: 1 }) } });
  await putObject(s3, { bucket, key: 'r/keep.txt', body: 'keep' });
  await putObject(s3, { bucket, key: `r/${odd}`, body: 'odd' });
  s1 = (await snapshot(s3, { bucket, folder: 'r/', message: 'before' })).topHash;
  await putObject(s3, { bucket, key: 'r/a.txt', body: 'alpha 2' });
  await putObject(s3, { bucket, key: 'r/meta.json', body: '{}', userMetadata: { helium: encodeHeliumHeader('json', { v: 2 }) } });
  await putObject(s3, { bucket, key: 'r/keep.txt', body: 'keep' });
  await deleteObject(s3, { bucket, key: 'r/b/c.csv' });
  await putObject(s3, { bucket, key: 'r/new/x.txt', body: 'new' });
});

afterAll(() => s3?.destroy());

describe('entryAsOf', () => {
  it('pins the version a snapshot recorded, which the readers then read', async () => {
    const pinned = await entryAsOf(s3, { bucket, topHash: s1.slice(0, 10), logicalKey: 'a.txt' });
    expect(pinned).toMatchObject({ bucket, key: 'r/a.txt', logicalKey: 'a.txt', size: 5 });
    expect(pinned.versionId).toBeTruthy();
    expect(text((await getObjectBytes(s3, pinned)).bytes)).toBe('alpha');
    expect(await current('r/a.txt')).toBe('alpha 2');
  });

  it('reads files deleted since, and keys with odd characters, exactly', async () => {
    const deleted = await entryAsOf(s3, { bucket, topHash: s1, logicalKey: 'b/c.csv' });
    expect(text((await getObjectBytes(s3, deleted)).bytes)).toBe('x,y\n1,2\n');
    const pinned = await entryAsOf(s3, { bucket, topHash: s1, logicalKey: odd });
    expect(pinned.key).toBe(`r/${odd}`);
    expect(text((await getObjectBytes(s3, pinned)).bytes)).toBe('odd');
  });

  it('says which folder a snapshot is of, and refuses files it does not have', async () => {
    expect(snapshotFolder(await readSnapshotByRef(s3, bucket, s1), bucket)).toBe('r/');
    const missing = await failure(entryAsOf(s3, { bucket, topHash: s1, logicalKey: 'new/x.txt' }));
    expect(missing.kind).toBe('NotFound');
    expect(missing.code).toBe('NoSuchEntry');
    expect(missing.message).toContain('relative to the snapshotted folder');
    expect((await failure(entryAsOf(s3, { bucket, topHash: '0123456789', logicalKey: 'a.txt' }))).code).toBe('SnapshotNotFound');
  });
});

describe('restoring a folder to a snapshot', () => {
  let plan: RestorePlan;

  beforeAll(async () => {
    plan = await planRestore(s3, { bucket, topHash: s1.slice(0, 7) });
  });

  it('plans copies for what changed or was deleted since, delete markers for what was added', () => {
    expect(plan.topHash).toBe(s1);
    expect(plan.folder).toBe('r/');
    expect(plan.actions.map(a => [a.kind, a.reason, a.target.key])).toEqual([
      ['copy', 'modified', 'r/a.txt'],
      ['copy', 'deleted', 'r/b/c.csv'],
      ['copy', 'metadata-changed', 'r/meta.json'],
      ['delete', 'added', 'r/new/x.txt']
    ]);
    expect(plan.copyBytes).toBe(5 + 8 + 2);
    // keep.txt was written again with the same content: nothing to do.
    expect(plan.diff.changes.find(c => c.logicalKey === 'keep.txt')?.status).toBe('same-content-new-version');
  });

  it('refuses an unversioned bucket before writing anything', async () => {
    await putObject(s3, { bucket: unversioned, key: 'r/a.txt', body: 'only copy' });
    const foreign: RestorePlan = {
      ...plan,
      bucket: unversioned,
      actions: plan.actions.map(a => ({ ...a, target: { ...a.target, bucket: unversioned } }))
    };
    const err = await failure(restoreFolder(s3, foreign));
    expect(err.kind).toBe('NotVersioned');
    expect(text((await getObjectBytes(s3, { bucket: unversioned, key: 'r/a.txt' })).bytes)).toBe('only copy');
  });

  it('stops when cancelled, before writing', async () => {
    const controller = new AbortController();
    controller.abort();
    expect((await failure(restoreFolder(s3, plan, { signal: controller.signal }))).kind).toBe('Cancelled');
    expect(await current('r/a.txt')).toBe('alpha 2');
  });

  it('applies the plan as new versions and delete markers, keeping every version', async () => {
    const before = (await listVersions(s3, { bucket, key: 'r/a.txt' })).versions.length;
    const addedVersions = (await listVersions(s3, { bucket, key: 'r/new/x.txt' })).versions.map(v => v.versionId);
    const progress: RestoreProgress[] = [];
    const result = await restoreFolder(s3, plan, { onProgress: p => progress.push(p) });
    expect(result.copied.map(c => c.key)).toEqual(['r/a.txt', 'r/b/c.csv', 'r/meta.json']);
    expect(result.deleted.map(d => d.key)).toEqual(['r/new/x.txt']);
    expect(progress[progress.length - 1]).toMatchObject({ phase: 'deleting', done: 4, total: 4, bytesCopied: 15, totalBytes: 15 });

    expect(await current('r/a.txt')).toBe('alpha');
    expect(await current('r/b/c.csv')).toBe('x,y\n1,2\n');
    expect((await readObjectMetadata(s3, { bucket, key: 'r/meta.json' })).helium?.user_meta).toEqual({ v: 1 });
    expect((await failure(getObjectBytes(s3, { bucket, key: 'r/new/x.txt' }))).kind).toBe('NotFound');

    const after = await listVersions(s3, { bucket, key: 'r/a.txt' });
    expect(after.versions.length).toBe(before + 1);
    const added = (await listVersions(s3, { bucket, key: 'r/new/x.txt' })).versions;
    expect(added[0].isDeleteMarker).toBe(true);
    expect(added.filter(v => !v.isDeleteMarker).map(v => v.versionId)).toEqual(addedVersions);

    // Nothing left to restore: only new versions of the same content and metadata.
    const diff = await diffSnapshots(s3, { bucket, left: s1, right: 'latest' });
    expect(new Set(diff.changes.map(c => c.status))).toEqual(new Set(['same-content-new-version']));
    expect((await planRestore(s3, { bucket, topHash: s1 })).actions).toEqual([]);
  });

  it('refuses, changing nothing, when a pinned version was deleted for good', async () => {
    const put = await putObject(s3, { bucket, key: 'g/lost.txt', body: 'lost' });
    await putObject(s3, { bucket, key: 'g/other.txt', body: 'other 1' });
    const snap = (await snapshot(s3, { bucket, folder: 'g/', message: 'g' })).topHash;
    await putObject(s3, { bucket, key: 'g/other.txt', body: 'other 2' });
    await deleteObject(s3, { bucket, key: 'g/lost.txt', versionId: put.versionId });
    const gone = await planRestore(s3, { bucket, topHash: snap });
    expect(gone.actions.map(a => a.target.key)).toEqual(['g/lost.txt', 'g/other.txt']);
    const err = await failure(restoreFolder(s3, gone));
    expect(err.code).toBe('NoSuchVersion');
    expect(err.message).toContain('Nothing was changed');
    expect(await current('g/other.txt')).toBe('other 2');
  });
});
