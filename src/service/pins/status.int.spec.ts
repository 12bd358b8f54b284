/**
 * Pin status against the real local S3 (moto): in sync, changed (modified, added, deleted),
 * missing (a pinned version deleted for good), errors (unreadable bucket, unknown snapshot), what
 * the followed reference names now, and re-locking pins to it.
 * @jest-environment-options {"customExportConditions": ["node", "require", "default"]}
 */
import type { S3Client } from '@aws-sdk/client-s3';
import { createTestBucket, testClient } from '../../testing/s3';
import { deleteObject, putObject } from '../objects-write';
import { snapshot } from '../snapshots/snapshot';
import { encodeHeliumHeader } from '../values/header';
import { makePin, readNotebookPins, setPin } from './notebook-pins';
import { pinStatus } from './status';
import { setTag } from './tags';
import { updatePins } from './update';
import { pinLock } from './pin-lock';
import type { FolderPin } from './types';

jest.setTimeout(60_000);

let s3: S3Client;
let bucket: string;

/** Snapshots are timed to the second. */
const nextSecond = () => new Promise(resolve => setTimeout(resolve, 1050 - (Date.now() % 1000)));

/**
 * A folder with three files, snapshotted, and a pin to that snapshot.
 * @param folder - the folder (ending in /).
 * @returns the pin and the version ids written.
 */
async function pinnedFolder(folder: string): Promise<{ pin: FolderPin; versions: Record<string, string> }> {
  const versions: Record<string, string> = {};
  for (const [name, body] of [
    ['a.txt', 'alpha'],
    ['b.txt', 'beta'],
    ['sub/c.txt', 'gamma']
  ]) {
    versions[name] = (await putObject(s3, { bucket, key: `${folder}${name}`, body })).versionId as string;
  }
  const pkg = `pins/${folder.replace(/\/$/, '')}`;
  const taken = await snapshot(s3, { bucket, folder, name: pkg, message: 'pinned' });
  return { pin: makePin({ bucket, folder, package: pkg, topHash: taken.topHash }), versions };
}

beforeAll(async () => {
  s3 = testClient();
  bucket = await createTestBucket(s3, 'pins-status');
});

afterAll(() => s3?.destroy());

describe('pinStatus', () => {
  it('is in sync when nothing changed, and latest is the pinned snapshot', async () => {
    const { pin } = await pinnedFolder('sync/');
    const status = await pinStatus(s3, pin);
    expect(status).toMatchObject({ name: pin.name, state: 'in-sync', changed: 0 });
    expect(status.followed).toEqual({ follows: 'latest', topHash: pin.top_hash, newer: false });
  });

  it('is in sync when a file was rewritten with the same bytes (as a restore does), counted for the record', async () => {
    const { pin } = await pinnedFolder('rewritten/');
    await putObject(s3, { bucket, key: 'rewritten/a.txt', body: 'alpha' });
    const status = await pinStatus(s3, pin);
    expect(status).toMatchObject({ state: 'in-sync', changed: 0 });
    expect(status.counts).toMatchObject({ 'same-content-new-version': 1, modified: 0 });
  });

  it('counts modified, added and deleted files by content hash', async () => {
    const { pin } = await pinnedFolder('drift/');
    await putObject(s3, { bucket, key: 'drift/a.txt', body: 'alpha, changed' });
    await putObject(s3, { bucket, key: 'drift/new.txt', body: 'new' });
    await deleteObject(s3, { bucket, key: 'drift/b.txt' });
    // same bytes with new metadata: metadata-changed, not modified
    await putObject(s3, {
      bucket,
      key: 'drift/sub/c.txt',
      body: 'gamma',
      userMetadata: { helium: encodeHeliumHeader('txt', { qc: 'ok' }) }
    });
    const status = await pinStatus(s3, pin);
    expect(status.state).toBe('changed');
    expect(status.counts).toMatchObject({ modified: 1, added: 1, deleted: 1, 'metadata-changed': 1, 'same-content-new-version': 0 });
    expect(status.changed).toBe(4);
    expect(status.missing).toBeUndefined();
  });

  it('is missing when a pinned version was deleted for good, and lists which', async () => {
    const { pin, versions } = await pinnedFolder('gone/');
    await putObject(s3, { bucket, key: 'gone/a.txt', body: 'alpha 2' });
    await deleteObject(s3, { bucket, key: 'gone/a.txt', versionId: versions['a.txt'] });
    const status = await pinStatus(s3, pin);
    expect(status.state).toBe('missing');
    expect(status.missing).toEqual([{ logicalKey: 'a.txt', physicalKey: expect.stringContaining(`s3://${bucket}/gone/a.txt?versionId=`) }]);
    expect(status.missing?.[0].physicalKey).toContain(encodeURIComponent(versions['a.txt']).slice(0, 8));
  });

  it('is missing when the only version of a file is gone for good (the file no longer exists)', async () => {
    const { pin, versions } = await pinnedFolder('gone2/');
    await deleteObject(s3, { bucket, key: 'gone2/b.txt', versionId: versions['b.txt'] });
    const status = await pinStatus(s3, pin);
    expect(status.state).toBe('missing');
    expect(status.missing?.map(m => m.logicalKey)).toEqual(['b.txt']);
    expect(status.counts?.deleted).toBe(1);
  });

  it('gives an error naming the snapshot when the top hash does not exist', async () => {
    const { pin } = await pinnedFolder('nohash/');
    const status = await pinStatus(s3, { ...pin, top_hash: 'f'.repeat(64) });
    expect(status.state).toBe('error');
    expect(status.error?.message).toContain('f'.repeat(64));
    expect(status.error?.message).toContain(`The pinned snapshot ${'f'.repeat(64)} of ${pin.package} does not exist in s3://${bucket}`);
  });

  it('gives an error, not a throw, when the bucket cannot be read', async () => {
    const { pin } = await pinnedFolder('nobucket/');
    const status = await pinStatus(s3, { ...pin, bucket: 'helium-no-such-bucket-xyz', uri: 's3://helium-no-such-bucket-xyz/nobucket/' });
    expect(status.state).toBe('error');
    expect(status.error?.kind).toBe('NotFound');
    expect(status.error?.message).toContain('helium-no-such-bucket-xyz');
    expect(status.error?.code).toBe('NoSuchBucket');
    expect(status.error?.message).not.toContain('pinned snapshot');
  });

  it('says when the followed latest or tag names a newer snapshot', async () => {
    const { pin } = await pinnedFolder('newer/');
    await putObject(s3, { bucket, key: 'newer/a.txt', body: 'alpha 2' });
    await nextSecond();
    const second = await snapshot(s3, { bucket, folder: 'newer/', name: pin.package, message: 'second' });
    const status = await pinStatus(s3, pin);
    expect(status.followed).toEqual({ follows: 'latest', topHash: second.topHash, newer: true });
    await setTag(s3, { bucket, package: pin.package, tag: 'v1', topHash: pin.top_hash });
    const byTag = await pinStatus(s3, { ...pin, follows: { tag: 'v1' } });
    expect(byTag.followed).toEqual({ follows: { tag: 'v1' }, topHash: pin.top_hash, newer: false });
    const noTag = await pinStatus(s3, { ...pin, follows: { tag: 'nope' } });
    expect(noTag.followed).toEqual({ follows: { tag: 'nope' }, topHash: null, newer: false });
  });
});

describe('updatePins', () => {
  it('re-locks only pins whose reference moved, and leaves malformed pins alone', async () => {
    const { pin } = await pinnedFolder('upd/');
    const { pin: current } = await pinnedFolder('upd2/');
    await putObject(s3, { bucket, key: 'upd/a.txt', body: 'alpha 2' });
    await nextSecond();
    const second = await snapshot(s3, { bucket, folder: 'upd/', name: pin.package, message: 'second' });
    let nb: unknown = { cells: [], metadata: { helium: { pins: [{ name: 'broken', uri: 'nope' }] } } };
    nb = setPin(setPin(nb, pin), current);
    const result = await updatePins(s3, nb, { now: () => 0 });
    expect(result.changed).toBe(true);
    expect(result.updates).toEqual([
      { name: pin.name, action: 'updated', from: pin.top_hash, to: second.topHash },
      { name: current.name, action: 'current', from: current.top_hash }
    ]);
    const after = readNotebookPins(result.notebook);
    expect(after.pins.map(p => [p.name, pinLock(p), p.pinned_at])).toEqual([
      [pin.name, second.topHash, '1970-01-01T00:00:00.000Z'],
      [current.name, current.top_hash, current.pinned_at]
    ]);
    expect((result.notebook as { metadata: { helium: { pins: unknown[] } } }).metadata.helium.pins[0]).toEqual({
      name: 'broken',
      uri: 'nope'
    });
    const again = await updatePins(s3, result.notebook);
    expect(again.changed).toBe(false);
    expect(again.notebook).toBe(result.notebook);
    await expect(updatePins(s3, nb, { only: 'nobody' })).rejects.toThrow(/no pin named "nobody"/);
  });
});
