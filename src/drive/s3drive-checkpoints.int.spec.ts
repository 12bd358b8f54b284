/**
 * *Revert to Checkpoint* on an `s3:` document, against a real local S3 (moto): the checkpoints
 * are the object's versions, reverting to an older one copies it on top (history kept), to the
 * current one writes nothing, and deleting a checkpoint deletes no version.
 * @jest-environment-options {"customExportConditions": ["node", "require", "default"]}
 */
import { ListObjectVersionsCommand, S3Client } from '@aws-sdk/client-s3';
import type { Contents } from '@jupyterlab/services';
import { getObjectText } from '../service/objects';
import { TestConnections } from '../testing/connections';
import { createTestBucket, testClient } from '../testing/s3';
import { testTrans as trans } from '../testing/translation';
import { S3Drive } from './s3drive';

let s3: S3Client;
let bucket: string;
let drive: S3Drive;

const path = (key: string) => `local/${bucket}/${key}`;
/** Version ids of a key, newest first. */
const versionIds = async (key: string) =>
  ((await s3.send(new ListObjectVersionsCommand({ Bucket: bucket, Prefix: key }))).Versions ?? [])
    .filter(v => v.Key === key)
    .map(v => v.VersionId!);
const saveText = (key: string, content: string) => drive.save(path(key), { type: 'file', format: 'text', content });

beforeAll(async () => {
  s3 = testClient();
  bucket = await createTestBucket(s3, 'drive-checkpoints');
  drive = new S3Drive(new TestConnections({ local: s3 }, { local: [bucket] }), trans);
  for (const text of ['one\n', 'two\n', 'three\n']) {
    await saveText('notes.md', text);
  }
});

it('lists the versions as checkpoints, oldest first as JupyterLab expects', async () => {
  const checkpoints = await drive.listCheckpoints(path('notes.md'));
  expect(checkpoints.map(c => c.id)).toEqual((await versionIds('notes.md')).reverse());
  expect(checkpoints.every(c => !Number.isNaN(Date.parse(c.last_modified)))).toBe(true);
});

it('reverts to an older checkpoint by copying it on top, keeping every version', async () => {
  const [oldest] = await drive.listCheckpoints(path('notes.md'));
  const before = await versionIds('notes.md');
  await drive.restoreCheckpoint(path('notes.md'), oldest.id);
  const after = await versionIds('notes.md');
  expect(after.slice(1)).toEqual(before);
  expect((await getObjectText(s3, { bucket, key: 'notes.md' })).text).toBe('one\n');
});

it('reverts to the current checkpoint without writing (it only drops unsaved edits)', async () => {
  const before = await versionIds('notes.md');
  const newest = (await drive.listCheckpoints(path('notes.md'))).at(-1)!;
  expect(newest.id).toBe(before[0]);
  await drive.restoreCheckpoint(path('notes.md'), newest.id);
  expect(await versionIds('notes.md')).toEqual(before);
});

it('deletes no version when JupyterLab deletes a checkpoint', async () => {
  const before = await versionIds('notes.md');
  const [oldest] = await drive.listCheckpoints(path('notes.md'));
  await (drive as Contents.IDrive).deleteCheckpoint(path('notes.md'), oldest.id);
  expect(await versionIds('notes.md')).toEqual(before);
});
