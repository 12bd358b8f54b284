/**
 * File pins against the real local S3 (moto): pinning a version (and refusing an unversioned
 * one), its status (in sync, the same bytes in a new version, modified, deleted, missing for good),
 * re-locking it, and where a folder stands for *Pin Data…* (no snapshot, unchanged, changed).
 * @jest-environment-options {"customExportConditions": ["node", "require", "default"]}
 */
import { CompleteMultipartUploadCommand, CreateMultipartUploadCommand, S3Client, UploadPartCommand } from '@aws-sdk/client-s3';
import { createTestBucket, testClient } from '../../testing/s3';
import { deleteObject, putObject } from '../objects-write';
import { snapshot } from '../snapshots/snapshot';
import { readNotebookPins, setPin } from './notebook-pins';
import { folderPinState, resolveFilePin, resolveFolderPin } from './pin-target';
import { pinStatus } from './status';
import { updatePins } from './update';

jest.setTimeout(60_000);

let s3: S3Client;
let bucket: string;

beforeAll(async () => {
  s3 = testClient();
  bucket = await createTestBucket(s3, 'pins-file');
});

afterAll(() => s3?.destroy());

/**
 * Write a file and pin its current version.
 * @param key - the key.
 * @param body - its content.
 * @returns the pin and the version written.
 */
async function pinnedFile(key: string, body: string) {
  const written = await putObject(s3, { bucket, key, body });
  return { pin: await resolveFilePin(s3, { bucket, key }), versionId: written.versionId as string };
}

describe('file pins', () => {
  it('locks the current version with its ETag and size', async () => {
    const { pin, versionId } = await pinnedFile('f/lock.csv', 'a,b\n1,2\n');
    expect(pin).toMatchObject({
      kind: 'file',
      name: 'lock.csv',
      bucket,
      key: 'f/lock.csv',
      version_id: versionId,
      size: 8,
      follows: 'latest'
    });
    expect(pin.etag).toMatch(/^[0-9a-f]{32}$/);
    // an older version by id
    await putObject(s3, { bucket, key: 'f/lock.csv', body: 'newer' });
    expect((await resolveFilePin(s3, { bucket, key: 'f/lock.csv', versionId })).version_id).toBe(versionId);
  });

  it('is in sync, and stays in sync when a new version holds the same bytes', async () => {
    const { pin } = await pinnedFile('f/same.csv', 'x\n1\n');
    expect(await pinStatus(s3, pin)).toMatchObject({ state: 'in-sync', changed: 0, followed: { newer: false } });
    await putObject(s3, { bucket, key: 'f/same.csv', body: 'x\n1\n' });
    const status = await pinStatus(s3, pin);
    expect(status).toMatchObject({ state: 'in-sync', changed: 0, followed: { newer: true } });
    expect(status.counts?.['same-content-new-version']).toBe(1);
  });

  it('is in sync when a single-part version holds the bytes of a pinned multipart upload (as after a restore)', async () => {
    const key = 'f/multipart.bin';
    const part = new Uint8Array(5 * 1024 * 1024).map((_, i) => (i * 7) % 251);
    const tail = new TextEncoder().encode('the end');
    const { UploadId } = await s3.send(new CreateMultipartUploadCommand({ Bucket: bucket, Key: key }));
    const uploaded = [];
    for (const [n, body] of [
      [1, part],
      [2, tail]
    ] as const) {
      const { ETag } = await s3.send(new UploadPartCommand({ Bucket: bucket, Key: key, UploadId, PartNumber: n, Body: body }));
      uploaded.push({ PartNumber: n, ETag });
    }
    await s3.send(new CompleteMultipartUploadCommand({ Bucket: bucket, Key: key, UploadId, MultipartUpload: { Parts: uploaded } }));
    const pin = await resolveFilePin(s3, { bucket, key });
    expect(pin.etag).toMatch(/-2$/);
    const whole = new Uint8Array(part.length + tail.length);
    whole.set(part);
    whole.set(tail, part.length);
    await putObject(s3, { bucket, key, body: whole });
    const status = await pinStatus(s3, pin);
    expect(status).toMatchObject({ state: 'in-sync', changed: 0 });
    expect(status.counts?.['same-content-new-version']).toBe(1);
    whole[0] ^= 1;
    await putObject(s3, { bucket, key, body: whole });
    expect(await pinStatus(s3, pin)).toMatchObject({ state: 'changed', counts: { modified: 1 } });
  });

  it('is changed when the bytes changed, or the file was deleted', async () => {
    const { pin } = await pinnedFile('f/mod.csv', 'x\n1\n');
    await putObject(s3, { bucket, key: 'f/mod.csv', body: 'x\n2\n' });
    expect(await pinStatus(s3, pin)).toMatchObject({ state: 'changed', changed: 1, counts: { modified: 1 } });
    await deleteObject(s3, { bucket, key: 'f/mod.csv' });
    const deleted = await pinStatus(s3, pin);
    expect(deleted).toMatchObject({ state: 'changed', counts: { deleted: 1 }, followed: { topHash: null } });
  });

  it('is missing when the pinned version was deleted for good', async () => {
    const { pin, versionId } = await pinnedFile('f/gone.csv', 'old');
    await putObject(s3, { bucket, key: 'f/gone.csv', body: 'new' });
    await deleteObject(s3, { bucket, key: 'f/gone.csv', versionId });
    const status = await pinStatus(s3, pin);
    expect(status.state).toBe('missing');
    expect(status.missing).toEqual([{ logicalKey: 'f/gone.csv', physicalKey: `s3://${bucket}/f/gone.csv?versionId=${versionId}` }]);
  });

  it('says error (not a throw) for a bucket that does not exist', async () => {
    const { pin } = await pinnedFile('f/err.csv', 'x');
    const status = await pinStatus(s3, { ...pin, bucket: `${bucket}-nope` });
    expect(status.state).toBe('error');
    expect(status.error).toMatchObject({ kind: 'NotFound', code: 'NoSuchBucket' });
  });

  it('re-locks to the current version, and skips a deleted file', async () => {
    const { pin } = await pinnedFile('f/up.csv', 'one');
    const { pin: doomed } = await pinnedFile('f/doomed.csv', 'one');
    const next = await putObject(s3, { bucket, key: 'f/up.csv', body: 'two!' });
    await deleteObject(s3, { bucket, key: 'f/doomed.csv' });
    const nb = setPin(setPin({ cells: [], metadata: {} }, pin), doomed);
    const result = await updatePins(s3, nb, { now: () => 0 });
    expect(result.updates).toEqual([
      { name: 'up.csv', action: 'updated', from: pin.version_id, to: next.versionId },
      expect.objectContaining({ name: 'doomed.csv', action: 'skipped', reason: expect.stringContaining('deleted') })
    ]);
    expect(readNotebookPins(result.notebook).pins[0]).toMatchObject({
      version_id: next.versionId,
      size: 4,
      pinned_at: '1970-01-01T00:00:00.000Z'
    });
  });

  it('refuses to pin an object of an unversioned bucket, saying why', async () => {
    const plain = await createTestBucket(s3, 'pins-plain', false);
    await putObject(s3, { bucket: plain, key: 'x.csv', body: 'x' });
    await expect(resolveFilePin(s3, { bucket: plain, key: 'x.csv' })).rejects.toMatchObject({ code: 'NotVersioned' });
  });
});

describe('folder state for Pin Data', () => {
  it('has no snapshot, then an unchanged latest, then a changed one', async () => {
    const folder = 'state/';
    await putObject(s3, { bucket, key: `${folder}a.txt`, body: 'a' });
    expect(await folderPinState(s3, { bucket, folder })).toEqual({ packages: [], package: null, latest: null, changed: true });
    await expect(resolveFolderPin(s3, { bucket, folder })).rejects.toMatchObject({ code: 'NoSnapshots' });
    const taken = await snapshot(s3, { bucket, folder, name: 'team/state', message: 'first' });
    expect(await folderPinState(s3, { bucket, folder })).toEqual({
      packages: ['team/state'],
      package: 'team/state',
      latest: taken.topHash,
      changed: false
    });
    expect(await resolveFolderPin(s3, { bucket, folder })).toMatchObject({ package: 'team/state', top_hash: taken.topHash });
    await putObject(s3, { bucket, key: `${folder}b.txt`, body: 'b' });
    expect((await folderPinState(s3, { bucket, folder })).changed).toBe(true);
  });
});
