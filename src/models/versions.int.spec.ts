/**
 * The version history model against a real local S3 (moto): what the drawer shows, metadata of
 * the selected version (also after a change), responses for an earlier object dropped, and
 * actions that go to the object the user confirmed even when the drawer has moved on.
 * @jest-environment-options {"customExportConditions": ["node", "require", "default"]}
 */
import type { S3Client } from '@aws-sdk/client-s3';
import { getObjectText, putObject } from '../service/objects';
import { putValue } from '../service/values';
import { createTestBucket, testClient } from '../testing/s3';
import { TestConnections } from '../testing/connections';
import { until } from '../testing/until';
import { VersionsModel } from './versions';
import { testTrans as trans } from '../testing/translation';

let s3: S3Client;
let bucket: string;
let plain: string;

beforeAll(async () => {
  s3 = testClient();
  bucket = await createTestBucket(s3, 'vmodel');
  plain = await createTestBucket(s3, 'vmodel-plain', false);
  for (const body of ['one', 'two', 'three']) {
    await putValue(s3, { bucket, key: 'notes.json' }, { body }, { meta: { step: body } });
  }
  await putObject(s3, { bucket, key: 'other.txt', body: 'other 1' });
  await putObject(s3, { bucket, key: 'other.txt', body: 'other 2' });
  await putObject(s3, { bucket: plain, key: 'a.txt', body: 'only copy' });
}, 60_000);

function makeModel(): { model: VersionsModel; connections: TestConnections } {
  const connections = new TestConnections({ local: s3 }, { local: [bucket, plain] });
  return { model: new VersionsModel(connections, trans), connections };
}

it('lists the versions newest first, selects the latest and loads its metadata', async () => {
  const { model } = makeModel();
  await model.show({ connection: 'local', bucket, key: 'notes.json' });
  expect(model.versions).toHaveLength(3);
  expect(model.versions[0].isLatest).toBe(true);
  expect(model.selected?.versionId).toBe(model.versions[0].versionId);
  await until(model, () => model.metadata !== null);
  expect(model.metadata?.helium?.user_meta).toEqual({ step: 'three' });
  await until(model, () => model.versioning !== null);
  expect(model.versioningNotice).toBeNull();
});

it("shows the selected version's user_meta with numbers as stored, not rounded", async () => {
  const header = '{"target":"bytes","user_meta":{"n":12345678901234567890,"scale":1.0,"big":1e400,"deep":{"id":9007199254740993}}}';
  await putObject(s3, { bucket, key: 'big-numbers.bin', body: 'x', userMetadata: { helium: header } });
  const { model } = makeModel();
  await model.show({ connection: 'local', bucket, key: 'big-numbers.bin' });
  await until(model, () => model.metadata !== null);
  // What a plain JSON.parse gives (and the drawer showed): 12345678901234567000.
  expect(JSON.stringify(model.metadata?.helium?.user_meta)).toContain('12345678901234567000');
  expect(model.userMetaText).toBe(
    '{\n  "n": 12345678901234567890,\n  "scale": 1.0,\n  "big": 1e400,\n  "deep": {\n    "id": 9007199254740993\n  }\n}'
  );
  // An object without T4 metadata has no text.
  await model.show({ connection: 'local', bucket, key: 'other.txt' });
  await until(model, () => model.metadata !== null);
  expect(model.userMetaText).toBeNull();
});

it('says plainly when the bucket keeps no versions', async () => {
  const { model } = makeModel();
  await model.show({ connection: 'local', bucket: plain, key: 'a.txt' });
  await until(model, () => model.versioning !== null);
  expect(model.versioning).toBe('Off');
  expect(model.versioningNotice).toMatch(/does not keep versions/);
});

it('restores to the object the user confirmed, even after the drawer moved to another', async () => {
  const { model } = makeModel();
  const notes = { connection: 'local', bucket, key: 'notes.json' };
  await model.show(notes);
  const oldest = model.versions[model.versions.length - 1];
  // The drawer follows the panel to another object while the confirmation dialog is open…
  await model.show({ connection: 'local', bucket, key: 'other.txt' });
  await model.restore(notes, oldest.versionId);
  // …the restore still went to notes.json, and other.txt is untouched.
  expect((await getObjectText(s3, { bucket, key: 'notes.json' })).text).toBe('{"body":"one"}');
  expect((await getObjectText(s3, { bucket, key: 'other.txt' })).text).toBe('other 2');
});

it("reloads the history and the selected version's metadata after a change", async () => {
  const { model } = makeModel();
  const notes = { connection: 'local', bucket, key: 'notes.json' };
  await model.show(notes);
  await until(model, () => model.metadata !== null);
  const before = model.versions.length;
  const latest = model.versions[0].versionId;
  await model.writeUserMeta(notes, latest, { reviewed: true });
  await until(model, () => model.versions.length === before + 1 && model.metadata !== null);
  // The same version stays selected and its metadata is shown again (not "Loading…" forever).
  expect(model.selected?.versionId).toBe(latest);
  expect(model.metadata?.info.versionId).toBe(latest);
  model.select(model.versions[0].versionId);
  await until(model, () => model.metadata?.info.versionId === model.versions[0].versionId);
  expect(model.metadata?.helium?.user_meta).toEqual({ reviewed: true });
});

it('drops answers for an object the drawer no longer shows', async () => {
  const { model } = makeModel();
  const first = model.show({ connection: 'local', bucket, key: 'notes.json' });
  const second = model.show({ connection: 'local', bucket, key: 'other.txt' });
  await Promise.all([first, second]);
  expect(model.target?.key).toBe('other.txt');
  expect(model.versions.every(v => v.key === 'other.txt')).toBe(true);
});

it('ticks at most two versions for comparison, oldest first', async () => {
  const { model } = makeModel();
  await model.show({ connection: 'local', bucket, key: 'notes.json' });
  const [a, b, c] = model.versions;
  model.toggleCompare(a.versionId);
  model.toggleCompare(b.versionId);
  model.toggleCompare(c.versionId); // replaces the first tick
  expect(model.compareSelection.map(v => v.versionId)).toEqual([c.versionId, b.versionId]);
  expect(model.previousContent(a.versionId)?.versionId).toBe(b.versionId);
});
