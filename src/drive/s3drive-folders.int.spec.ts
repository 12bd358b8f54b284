/**
 * The `s3:` drive's folders against a real local S3 (moto), as JupyterLab's file browser uses
 * them: *New Folder* then open or rename it, rename (and drag into another folder), *Duplicate*
 * and *Delete* of folders and objects. In S3 a folder is a prefix; each of these must act on the
 * keys under it, refuse to write over anything, and never report success for nothing done.
 * @jest-environment-options {"customExportConditions": ["node", "require", "default"]}
 */
import { ListObjectVersionsCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import type { Contents } from '@jupyterlab/services';
import { TestConnections } from '../testing/connections';
import { createTestBucket, testClient } from '../testing/s3';
import { testTrans as trans } from '../testing/translation';
import { S3Drive } from './s3drive';

let s3: S3Client;
let bucket: string;
let drive: S3Drive;

const path = (key: string) => `local/${bucket}/${key}`;
const put = (key: string, body = 'x') => s3.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: body }));
/** Current keys under a prefix, and the keys with a delete marker on top. */
async function stored(prefix: string): Promise<{ current: string[]; deleted: string[] }> {
  const current: string[] = [];
  const deleted: string[] = [];
  let keyMarker: string | undefined;
  do {
    const page = await s3.send(new ListObjectVersionsCommand({ Bucket: bucket, Prefix: prefix, KeyMarker: keyMarker }));
    current.push(...(page.Versions ?? []).filter(v => v.IsLatest).map(v => v.Key!));
    deleted.push(...(page.DeleteMarkers ?? []).filter(v => v.IsLatest).map(v => v.Key!));
    keyMarker = page.IsTruncated ? page.NextKeyMarker : undefined;
  } while (keyMarker);
  return { current: current.sort(), deleted: deleted.sort() };
}
const status = (promise: Promise<unknown>) =>
  promise.then(
    () => 200,
    (err: { response?: Response }) => err.response?.status
  );

beforeAll(async () => {
  s3 = testClient();
  bucket = await createTestBucket(s3, 'drive-folders');
  drive = new S3Drive(new TestConnections({ local: s3 }, { local: [bucket] }), trans);
});

it('opens a folder New Folder just made, though only its marker object is in it', async () => {
  const made = await drive.newUntitled({ path: path('new'), type: 'directory' });
  // The file browser opens a folder without saying it is one.
  const opened = await drive.get(made.path, { content: true });
  expect(opened).toMatchObject({ type: 'directory', name: 'Untitled Folder', content: [] });
});

it('renames a folder New Folder just made, keeping nothing under the old name', async () => {
  const made = await drive.newUntitled({ path: path('fresh'), type: 'directory' });
  const renamed = await drive.rename(made.path, path('fresh/Data'));
  expect(renamed).toMatchObject({ type: 'directory', path: path('fresh/Data') });
  expect(await stored('fresh/')).toEqual({ current: ['fresh/Data/'], deleted: ['fresh/Untitled Folder/'] });
});

it('renames (moves) a folder of hundreds of keys, each with its history left at the old key', async () => {
  const keys = Array.from({ length: 210 }, (_, i) => `many/in/k${String(i).padStart(3, '0')}.txt`);
  for (let i = 0; i < keys.length; i += 30) {
    await Promise.all(keys.slice(i, i + 30).map(key => put(key)));
  }
  await drive.rename(path('many/in'), path('many/out/moved'));
  const after = await stored('many/');
  expect(after.current).toEqual(keys.map(key => key.replace('many/in/', 'many/out/moved/')));
  expect(after.deleted).toEqual(keys);
});

it('refuses to rename onto an existing folder or object, and changes nothing', async () => {
  await put('clash/a.txt', 'a');
  await put('clash/b/x.txt', 'b');
  await put('clash/c/y.txt', 'c');
  const before = await stored('clash/');
  // A file onto a folder's name would leave an object and a folder of one name.
  expect(await status(drive.rename(path('clash/a.txt'), path('clash/b')))).toBe(409);
  expect(await status(drive.rename(path('clash/c'), path('clash/b')))).toBe(409);
  expect(await status(drive.rename(path('clash/c'), path('clash/a.txt')))).toBe(409);
  await expect(drive.rename(path('clash/c'), path('clash/b'))).rejects.toThrow(/A folder named s3:\/\/.*\/clash\/b\/ already exists/);
  expect(await stored('clash/')).toEqual(before);
});

it('duplicates a folder with every key in it, the original untouched', async () => {
  await put('dup/src/a.txt', 'a');
  await put('dup/src/deep/b.txt', 'b');
  const copy = await drive.copy(path('dup/src'), path('dup'));
  expect(copy).toMatchObject({ type: 'directory', path: path('dup/src-Copy1') });
  expect((await stored('dup/')).current).toEqual([
    'dup/src-Copy1/a.txt',
    'dup/src-Copy1/deep/b.txt',
    'dup/src/a.txt',
    'dup/src/deep/b.txt'
  ]);
});

it('deletes an empty folder, refuses one with objects in it, and changes nothing then', async () => {
  const made = await drive.newUntitled({ path: path('del'), type: 'directory' });
  await drive.delete(made.path);
  await put('del/full/a.txt');
  expect(await status(drive.delete(path('del/full')))).toBe(400);
  await expect(drive.delete(path('del/full'))).rejects.toThrow(/is not empty, so it was not deleted/);
  expect(await stored('del/')).toEqual({ current: ['del/full/a.txt'], deleted: ['del/Untitled Folder/'] });
  const listing = await drive.get(path('del'));
  expect((listing.content as Contents.IModel[]).map(m => m.name)).toEqual(['full']);
});

it('answers 404 for deleting what is not there, without writing a delete marker', async () => {
  expect(await status(drive.delete(path('ghost/nothing.txt')))).toBe(404);
  expect(await stored('ghost/')).toEqual({ current: [], deleted: [] });
});

it('refuses to save a new object where a folder of that name is, and writes nothing', async () => {
  await put('saveas/results/a.csv', 'a');
  const saving = drive.save(path('saveas/results'), { type: 'file', format: 'text', content: 'x' });
  await expect(saving).rejects.toThrow(/saveas\/results\/ is a folder: save under another name/);
  expect(await status(drive.save(path('saveas/results'), { type: 'file', format: 'text', content: 'x' }))).toBe(400);
  expect(await stored('saveas/')).toEqual({ current: ['saveas/results/a.csv'], deleted: [] });
});

it('refuses to save a new object under a name with a control character, and writes nothing', async () => {
  expect(await status(drive.save(path('saveas/a\u0007b.txt'), { type: 'file', format: 'text', content: 'x' }))).toBe(400);
  expect(await stored('saveas/a')).toEqual({ current: [], deleted: [] });
});

describe('an object and a folder of one name (S3 holds `x` and `x/…`)', () => {
  beforeAll(async () => {
    await put('twin/x', 'the object x');
    await put('twin/x/inside.txt', 'in the folder x');
  });

  it('opens the object as a document and the folder as a listing', async () => {
    // A document names its type (what JupyterLab's document context asks): the object.
    const file = await drive.get(path('twin/x'), { type: 'file', format: 'text', content: true });
    expect([file.type, file.content]).toEqual(['file', 'the object x']);
    // JupyterLab's "has it changed?" check and *Open Path* ask without content: the object.
    expect((await drive.get(path('twin/x'), { content: false })).type).toBe('file');
    // Its file browser opens a folder with content and no type: the folder.
    const folder = await drive.get(path('twin/x'), { content: true });
    expect(folder.type).toBe('directory');
    expect((folder.content as Contents.IModel[]).map(m => [m.type, m.name])).toEqual([['file', 'inside.txt']]);
    const parent = await drive.get(path('twin'), { content: true });
    expect((parent.content as Contents.IModel[]).map(m => [m.type, m.name])).toEqual([
      ['directory', 'x'],
      ['file', 'x']
    ]);
  });

  it('saves the object, and refuses to rename, duplicate or delete the path (it names both), changing nothing', async () => {
    await drive.save(path('twin/x'), { type: 'file', format: 'text', content: 'the object x, edited' });
    expect((await drive.get(path('twin/x'), { type: 'file', format: 'text' })).content).toBe('the object x, edited');
    // One at a time, each refusal caught as it comes (a refusal left waiting fails the test).
    for (const attempt of [
      () => drive.rename(path('twin/x'), path('twin/y')),
      () => drive.copy(path('twin/x'), path('twin')),
      () => drive.delete(path('twin/x'))
    ]) {
      const err = await attempt().catch(e => e);
      expect(err.response?.status).toBe(400);
      expect(err.message).toMatch(/Both an object .*twin\/x and a folder .*twin\/x\/ have this path.*nothing was changed/);
    }
    expect(await stored('twin/')).toEqual({ current: ['twin/x', 'twin/x/inside.txt'], deleted: [] });
  });
});
