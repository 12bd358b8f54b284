/**
 * Integration tests of snapshot entries that are not pinned to a version of their own, against
 * the local S3 (moto): keys without `versionId` (quilt3 writes them when it pushes to a bucket
 * that does not keep versions) and version "null" (replaced in place while versioning is
 * suspended). Reads and restore use such an entry only when the object still has the entry's
 * hash; a snapshot refuses versions "null" when the versioning state cannot be read; a version
 * "null" is never reused from an earlier snapshot without a check.
 * @jest-environment-options {"customExportConditions": ["node", "require", "default"]}
 */
import { PutBucketVersioningCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { failure } from '../../testing/failure';
import { createTestBucket, testClient } from '../../testing/s3';
import { getObjectBytes } from '../objects-read';
import { putObject } from '../objects-write';
import { quiltChunkedHash } from '../transfers/quilt-hash';
import { bytesSource } from '../transfers/sources';
import { getValue } from '../values/get-value';
import { listVersions } from '../versions-list';
import { checkUnpinned, entryAsOf } from './as-of';
import { buildManifest, formatPhysicalKey } from './manifest';
import { manifestKey, pointerKey, readSnapshot } from './registry';
import { planRestore, restoreFolder } from './restore';
import { indexByVersion, reusableEntry } from './reuse';
import { snapshot } from './snapshot';
import type { ManifestEntry } from './types';

jest.setTimeout(120_000);

let s3: S3Client;
let bucket: string;
/** A quilt3-style package of q/ whose physical keys carry no version id. */
let unpinned: string;

const encoder = new TextEncoder();
const text = (bytes: Uint8Array) => new TextDecoder().decode(bytes);
const quiltHash = (body: string) => quiltChunkedHash(bytesSource(encoder.encode(body)));

/**
 * Write a package by hand, as quilt3 writes one to a bucket without versions: physical keys
 * without `versionId`.
 * @param client - the client.
 * @param where - the bucket.
 * @param files - key → content the package records.
 * @param seconds - the pointer's name.
 * @returns the top hash.
 */
async function pushUnpinned(client: S3Client, where: string, files: Record<string, string>, seconds: number): Promise<string> {
  const entries: ManifestEntry[] = [];
  for (const [key, body] of Object.entries(files)) {
    entries.push({
      logical_key: key.slice(key.indexOf('/') + 1),
      physical_keys: [formatPhysicalKey({ bucket: where, key })],
      size: encoder.encode(body).length,
      hash: { type: 'sha2-256-chunked', value: await quiltHash(body) },
      meta: {}
    });
  }
  const { text: manifest, topHash } = buildManifest({ header: { version: 'v0', message: 'pushed unversioned', user_meta: {} }, entries });
  await putObject(client, { bucket: where, key: manifestKey(topHash), body: manifest });
  await putObject(client, { bucket: where, key: pointerKey('team/unpinned', seconds), body: topHash });
  return topHash;
}

/**
 * A client whose GetBucketVersioning is refused (credentials without s3:GetBucketVersioning).
 * @returns the client.
 */
function clientWithoutVersioningRead(): S3Client {
  const client = testClient();
  client.middlewareStack.add(
    (next, context) => async args => {
      if (context.commandName === 'GetBucketVersioningCommand') {
        throw Object.assign(new Error('Access Denied'), { name: 'AccessDenied', Code: 'AccessDenied', $metadata: { httpStatusCode: 403 } });
      }
      return next(args);
    },
    { step: 'initialize', name: 'denyGetBucketVersioning' }
  );
  return client;
}

/**
 * Set a bucket's versioning state.
 * @param where - the bucket.
 * @param status - the state.
 */
async function setVersioning(where: string, status: 'Enabled' | 'Suspended'): Promise<void> {
  await s3.send(new PutBucketVersioningCommand({ Bucket: where, VersioningConfiguration: { Status: status } }));
}

beforeAll(async () => {
  s3 = testClient();
  bucket = await createTestBucket(s3, 'snap-unpinned');
  await putObject(s3, { bucket, key: 'q/a.txt', body: 'alpha' });
  await putObject(s3, { bucket, key: 'q/b.txt', body: 'bravo' });
  unpinned = await pushUnpinned(s3, bucket, { 'q/a.txt': 'alpha', 'q/b.txt': 'bravo' }, 1_800_000_000);
  // Same size, other content: only the hash tells.
  await putObject(s3, { bucket, key: 'q/a.txt', body: 'ALPHA' });
});

afterAll(() => s3?.destroy());

describe('reading an entry without a version id', () => {
  it('is marked as not pinned', async () => {
    const pinned = await entryAsOf(s3, { bucket, topHash: unpinned, logicalKey: 'a.txt' });
    expect(pinned).toMatchObject({ key: 'q/a.txt', pinned: false });
    expect(pinned.versionId).toBeUndefined();
  });

  it('getValue refuses it when the object has other content now, and reads it when unchanged', async () => {
    const err = await failure(getValue(s3, { bucket, key: 'q/a.txt' }, { snapshot: unpinned }));
    expect([err.kind, err.code]).toEqual(['Conflict', 'UnpinnedContentChanged']);
    expect(err.message).toContain('"a.txt" is not pinned in the snapshot');
    expect(err.message).toContain('Nothing was read.');
    expect((await getValue(s3, { bucket, key: 'q/b.txt' }, { snapshot: unpinned })).value).toBe('bravo');
  });

  it('checkUnpinned tells from the checksum, before any download', async () => {
    const changed = await entryAsOf(s3, { bucket, topHash: unpinned, logicalKey: 'a.txt' });
    expect((await failure(checkUnpinned(s3, changed))).code).toBe('UnpinnedContentChanged');
    const same = await entryAsOf(s3, { bucket, topHash: unpinned, logicalKey: 'b.txt' });
    const { verified, info } = await checkUnpinned(s3, same);
    expect(verified).toBe(true);
    expect(info.versionId).toBeTruthy();
  });

  it('getValue hashes the bytes when S3 has no SHA-256 checksum', async () => {
    const plain = 'plain bytes';
    await s3.send(new PutObjectCommand({ Bucket: bucket, Key: 'p/plain.txt', Body: encoder.encode(plain) }));
    const hash = await pushUnpinned(s3, bucket, { 'p/plain.txt': plain }, 1_800_000_100);
    expect((await getValue(s3, { bucket, key: 'p/plain.txt' }, { snapshot: hash })).value).toBe(plain);
    await s3.send(new PutObjectCommand({ Bucket: bucket, Key: 'p/plain.txt', Body: encoder.encode('PLAIN BYTES') }));
    expect((await failure(getValue(s3, { bucket, key: 'p/plain.txt' }, { snapshot: hash }))).code).toBe('UnpinnedContentChanged');
  });
});

describe('restoring to a snapshot with entries without a version id', () => {
  it('refuses, changing nothing, when such an object no longer has the snapshot’s content', async () => {
    const plan = await planRestore(s3, { bucket, topHash: unpinned });
    expect(plan.folder).toBe('q/');
    expect(plan.actions.map(a => [a.kind, a.target.key, a.kind === 'copy' && a.sourcePinned])).toEqual([['copy', 'q/a.txt', false]]);
    const before = (await listVersions(s3, { bucket, key: 'q/a.txt' })).versions.length;
    const err = await failure(restoreFolder(s3, plan));
    expect([err.kind, err.code]).toEqual(['Conflict', 'UnpinnedContentChanged']);
    expect(err.message).toContain('Nothing was changed.');
    expect((await listVersions(s3, { bucket, key: 'q/a.txt' })).versions.length).toBe(before);
    expect(text((await getObjectBytes(s3, { bucket, key: 'q/a.txt' })).bytes)).toBe('ALPHA');
  });

  it('copies such an object when it still has the snapshot’s content', async () => {
    // Restored into another folder: b.txt is copied from the object the snapshot names.
    const only = await pushUnpinned(s3, bucket, { 'q/b.txt': 'bravo' }, 1_800_000_200);
    const plan = await planRestore(s3, { bucket, topHash: only, folder: 'copy-of-q/' });
    expect(plan.actions.map(a => [a.kind, a.target.key])).toEqual([['copy', 'copy-of-q/b.txt']]);
    const result = await restoreFolder(s3, plan);
    expect(result.copied.map(c => c.key)).toEqual(['copy-of-q/b.txt']);
    expect(text((await getObjectBytes(s3, { bucket, key: 'copy-of-q/b.txt' })).bytes)).toBe('bravo');
  });
});

describe('versions "null"', () => {
  let nulls: string;
  let first: string;

  beforeAll(async () => {
    // Written before versioning was turned on: version "null".
    nulls = await createTestBucket(s3, 'snap-null', false);
    await putObject(s3, { bucket: nulls, key: 'n/x.txt', body: 'xxxx1' });
    await putObject(s3, { bucket: nulls, key: 'n/y.txt', body: 'yyyy' });
    await setVersioning(nulls, 'Enabled');
  });

  it('a snapshot refuses them when the versioning state cannot be read', async () => {
    const err = await failure(snapshot(clientWithoutVersioningRead(), { bucket: nulls, folder: 'n/', message: 'no' }));
    expect([err.kind, err.code]).toEqual(['NotVersioned', 'UnpinnableVersions']);
    expect(err.message).toContain('"n/x.txt"');
    expect(err.message).toContain('Nothing was written.');
  });

  it('a snapshot pins them when versioning is known to be on', async () => {
    first = (await snapshot(s3, { bucket: nulls, folder: 'n/', message: 'first' })).topHash;
    const manifest = await readSnapshot(s3, nulls, first);
    expect(manifest.entries.map(e => e.physical_keys[0])).toEqual([
      formatPhysicalKey({ bucket: nulls, key: 'n/x.txt', versionId: 'null' }),
      formatPhysicalKey({ bucket: nulls, key: 'n/y.txt', versionId: 'null' })
    ]);
  });

  it('are not reused from an earlier snapshot: one overwritten in place gets its new hash', async () => {
    // Suspended: the write replaces version "null" in place (same id, same size).
    await setVersioning(nulls, 'Suspended');
    await putObject(s3, { bucket: nulls, key: 'n/x.txt', body: 'xxxx2' });
    await setVersioning(nulls, 'Enabled');
    const second = await snapshot(s3, { bucket: nulls, folder: 'n/', message: 'second' });
    expect(second.reusedHashes).toBe(0);
    const entry = (await readSnapshot(s3, nulls, second.topHash)).entries.find(e => e.logical_key === 'x.txt');
    expect(entry?.hash.value).toBe(await quiltHash('xxxx2'));
    expect(second.topHash).not.toBe(first);
    expect((await getValue(s3, { bucket: nulls, key: 'n/x.txt' }, { snapshot: second.topHash })).value).toBe('xxxx2');
  });

  it('a read of version "null" as of the first snapshot is refused: it was overwritten in place', async () => {
    const err = await failure(getValue(s3, { bucket: nulls, key: 'n/x.txt' }, { snapshot: first }));
    expect(err.code).toBe('UnpinnedContentChanged');
    expect(err.message).toContain('version "null"');
    expect((await getValue(s3, { bucket: nulls, key: 'n/y.txt' }, { snapshot: first })).value).toBe('yyyy');
  });

  it('reuse never matches version "null", whatever the size', () => {
    const entry: ManifestEntry = {
      logical_key: 'x.txt',
      physical_keys: [formatPhysicalKey({ bucket: 'b', key: 'n/x.txt', versionId: 'null' })],
      size: 5,
      hash: { type: 'sha2-256-chunked', value: 'old' },
      meta: {}
    };
    const pinnedEntry = { ...entry, physical_keys: [formatPhysicalKey({ bucket: 'b', key: 'n/x.txt', versionId: 'v1' })] };
    const object = { key: 'n/x.txt', versionId: 'null', size: 5, lastModified: new Date(0) };
    expect(reusableEntry(indexByVersion([entry]), 'b', object)).toBeUndefined();
    expect(reusableEntry(indexByVersion([pinnedEntry]), 'b', { ...object, versionId: 'v1' })).toBe(pinnedEntry);
  });
});
