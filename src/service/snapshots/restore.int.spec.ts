/**
 * Integration tests of applying a reviewed restore plan, against the local S3 (moto): the plan
 * records the version it saw at every target; a target written after the review is never
 * overwritten (checked before anything is written, and again just before each write), and a
 * cancel stops the restore before the next write (no delete markers after a cancelled copy).
 * @jest-environment-options {"customExportConditions": ["node", "require", "default"]}
 */
import { PutBucketVersioningCommand, S3Client } from '@aws-sdk/client-s3';
import { failure } from '../../testing/failure';
import { createTestBucket, testClient } from '../../testing/s3';
import { getObjectBytes } from '../objects-read';
import { putObject } from '../objects-write';
import { listVersions } from '../versions-list';
import { planRestore, restoreFolder, RestorePlan } from './restore';
import { snapshot } from './snapshot';

jest.setTimeout(120_000);

let s3: S3Client;
let bucket: string;

const text = (bytes: Uint8Array) => new TextDecoder().decode(bytes);
const current = async (key: string) => text((await getObjectBytes(s3, { bucket, key })).bytes);
const versionsOf = async (key: string) => (await listVersions(s3, { bucket, key })).versions;

beforeAll(async () => {
  s3 = testClient();
  bucket = await createTestBucket(s3, 'snap-restore');
});

afterAll(() => s3?.destroy());

/**
 * A folder with three files, snapshotted, then all three changed and one file added: the plan
 * copies a, b, c back and puts a delete marker on new.txt.
 * @param folder - the folder (`x/`).
 * @returns the plan.
 */
async function changedFolder(folder: string): Promise<RestorePlan> {
  for (const name of ['a', 'b', 'c']) {
    await putObject(s3, { bucket, key: `${folder}${name}.txt`, body: `${name} 1` });
  }
  const { topHash } = await snapshot(s3, { bucket, folder, message: 'before' });
  for (const name of ['a', 'b', 'c']) {
    await putObject(s3, { bucket, key: `${folder}${name}.txt`, body: `${name} 2` });
  }
  await putObject(s3, { bucket, key: `${folder}new.txt`, body: 'new' });
  const plan = await planRestore(s3, { bucket, topHash });
  expect(plan.actions.map(a => [a.kind, a.target.key])).toEqual([
    ['copy', `${folder}a.txt`],
    ['copy', `${folder}b.txt`],
    ['copy', `${folder}c.txt`],
    ['delete', `${folder}new.txt`]
  ]);
  return plan;
}

describe('a plan records the versions it saw', () => {
  it('for copies and deletes (null for a file absent when planning)', async () => {
    await putObject(s3, { bucket, key: 'rec/gone.txt', body: 'gone' });
    const { topHash } = await snapshot(s3, { bucket, folder: 'rec/', message: 'm' });
    const { deleteObject } = await import('../objects-write');
    await deleteObject(s3, { bucket, key: 'rec/gone.txt' });
    const added = await putObject(s3, { bucket, key: 'rec/added.txt', body: 'added' });
    const plan = await planRestore(s3, { bucket, topHash });
    expect(plan.actions.map(a => [a.kind, a.target.key, a.liveVersionId])).toEqual([
      ['copy', 'rec/gone.txt', null],
      ['delete', 'rec/added.txt', added.versionId]
    ]);
    // Re-created after the review: not overwritten.
    const again = await putObject(s3, { bucket, key: 'rec/gone.txt', body: 'back' });
    const err = await failure(restoreFolder(s3, plan));
    expect(err.code).toBe('FolderChanged');
    expect(err.message).toContain('"gone.txt" (planned at absent or deleted, now version');
    expect((await versionsOf('rec/gone.txt'))[0].versionId).toBe(again.versionId);
  });
});

describe('applying a plan after the folder changed', () => {
  it('refuses before writing anything when a file changed since the review, listing it', async () => {
    const plan = await changedFolder('early/');
    const late = await putObject(s3, { bucket, key: 'early/b.txt', body: 'b 3, after the review' });
    const err = await failure(restoreFolder(s3, plan));
    expect([err.kind, err.code]).toEqual(['Conflict', 'FolderChanged']);
    expect(err.message).toContain(
      `"b.txt" (planned at version ${plan.actions[1].kind === 'copy' ? plan.actions[1].liveVersionId : ''}, now version ${late.versionId})`
    );
    expect(err.message).toContain('Nothing was changed.');
    // The new version is untouched and nothing else was written.
    expect((await versionsOf('early/b.txt'))[0].versionId).toBe(late.versionId);
    expect(await current('early/b.txt')).toBe('b 3, after the review');
    expect(await current('early/a.txt')).toBe('a 2');
    expect(await current('early/new.txt')).toBe('new');
  });

  it('stops at a file changed during the restore, says how many were done, and never overwrites it', async () => {
    const plan = await changedFolder('late/');
    const client = testClient();
    let late: string | undefined;
    client.middlewareStack.add(
      (next, context) => async args => {
        const out = await next(args);
        if (context.commandName === 'CopyObjectCommand' && late === undefined) {
          // Someone writes b.txt right after the first copy (a.txt) is done.
          late = (await putObject(s3, { bucket, key: 'late/b.txt', body: 'b 3, during the restore' })).versionId;
        }
        return out;
      },
      { step: 'initialize', name: 'writeDuringRestore' }
    );
    const err = await failure(restoreFolder(client, plan, { concurrency: 1 }));
    expect([err.kind, err.code]).toEqual(['Conflict', 'FolderChanged']);
    expect(err.message).toContain('"b.txt"');
    expect(err.message).toContain('stopped after 1 of 4 changes');
    expect(await current('late/a.txt')).toBe('a 1');
    expect((await versionsOf('late/b.txt'))[0].versionId).toBe(late);
    expect(await current('late/b.txt')).toBe('b 3, during the restore');
    // Nothing after it either: c.txt keeps its version, new.txt gets no delete marker.
    expect(await current('late/c.txt')).toBe('c 2');
    expect((await versionsOf('late/new.txt'))[0].isDeleteMarker).toBe(false);
  });
});

describe('cancelling a restore', () => {
  it('after the first copy: no further copies, and no delete markers', async () => {
    const plan = await changedFolder('abort/');
    const controller = new AbortController();
    const err = await failure(
      restoreFolder(s3, plan, {
        concurrency: 1,
        signal: controller.signal,
        onProgress: p => {
          if (p.done === 1) {
            controller.abort();
          }
        }
      })
    );
    expect(err.kind).toBe('Cancelled');
    expect(err.message).toContain('stopped after 1 of 4 changes');
    expect(await current('abort/a.txt')).toBe('a 1');
    expect(await current('abort/b.txt')).toBe('b 2');
    expect(await current('abort/new.txt')).toBe('new');
    expect((await versionsOf('abort/new.txt')).some(v => v.isDeleteMarker)).toBe(false);
  });
});

describe('planning in a bucket that keeps no versions now', () => {
  it('is refused at once, with why, rather than offering a plan that cannot be applied', async () => {
    const other = await createTestBucket(s3, 'snap-restore-susp');
    await putObject(s3, { bucket: other, key: 'f/a.txt', body: 'one' });
    const { topHash } = await snapshot(s3, { bucket: other, folder: 'f/', message: 'm' });
    await s3.send(new PutBucketVersioningCommand({ Bucket: other, VersioningConfiguration: { Status: 'Suspended' } }));
    const err = await failure(planRestore(s3, { bucket: other, topHash }));
    expect(err).toMatchObject({ kind: 'NotVersioned', code: 'VersioningSuspended' });
    expect(err.message).toContain('restoring s3://');
  });
});
