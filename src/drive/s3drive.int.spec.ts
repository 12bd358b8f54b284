/**
 * The `s3:` drive against a real local S3 (moto): what JupyterLab's documents see when they open
 * and save S3 objects. Every save must be a new object version.
 * @jest-environment-options {"customExportConditions": ["node", "require", "default"]}
 */
import { ListObjectVersionsCommand, S3Client } from '@aws-sdk/client-s3';
import { getObjectText, putObject } from '../service/objects';
import { TestConnections } from '../testing/connections';
import { createTestBucket, testClient } from '../testing/s3';
import { markingTrans, testTrans as trans } from '../testing/translation';
import { S3Drive } from './s3drive';

let s3: S3Client;
let bucket: string;
let drive: S3Drive;

const path = (key: string) => `local/${bucket}/${key}`;
const versionsOf = async (key: string) =>
  ((await s3.send(new ListObjectVersionsCommand({ Bucket: bucket, Prefix: key }))).Versions ?? []).filter(v => v.Key === key);

beforeAll(async () => {
  s3 = testClient();
  bucket = await createTestBucket(s3, 'drive');
  drive = new S3Drive(new TestConnections({ local: s3 }, { local: [bucket] }), trans);
  await putObject(s3, { bucket, key: 'docs/notes é.md', body: '# Notes\n' });
  await putObject(s3, { bucket, key: 'img/dot.png', body: new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0xff]) });
  await putObject(s3, {
    bucket,
    key: 'nb/a.ipynb',
    body: JSON.stringify({ cells: [], metadata: {}, nbformat: 4, nbformat_minor: 5 })
  });
});

it('opens text, binary and notebook objects in the format JupyterLab asks for', async () => {
  const text = await drive.get(path('docs/notes é.md'), { type: 'file', format: 'text' });
  expect(text).toMatchObject({ type: 'file', format: 'text', content: '# Notes\n', name: 'notes é.md', size: 8 });
  const image = await drive.get(path('img/dot.png'), { type: 'file', format: 'base64' });
  expect(image.format).toBe('base64');
  expect(Buffer.from(image.content, 'base64')[0]).toBe(0x89);
  expect(image.mimetype).toBe('image/png');
  const nb = await drive.get(path('nb/a.ipynb'), { type: 'notebook' });
  expect(nb).toMatchObject({ type: 'notebook', format: 'json', content: { nbformat: 4 } });
  await expect(drive.get(path('img/dot.png'), { type: 'file', format: 'text' })).rejects.toThrow(/not UTF-8 text/);
});

it("says why it cannot open or save through the translator it is given (JupyterLab's dialogs show it)", async () => {
  const marked = new S3Drive(new TestConnections({ local: s3 }, { local: [bucket] }), markingTrans);
  await expect(marked.get(path('img/dot.png'), { type: 'file', format: 'text' })).rejects.toThrow(
    `«s3://${bucket}/img/dot.png is not UTF-8 text, so it cannot open in a text editor.»`
  );
});

it('lists a folder as a directory model', async () => {
  const dir = await drive.get(`local/${bucket}`, {});
  expect(dir.type).toBe('directory');
  expect(dir.content.map((m: { name: string; type: string }) => `${m.type}:${m.name}`).sort()).toEqual([
    'directory:docs',
    'directory:img',
    'directory:nb'
  ]);
  const nb = await drive.get(path('nb'), {});
  expect(nb.content.map((m: { path: string }) => m.path)).toEqual([path('nb/a.ipynb')]);
});

it('saves a notebook as a new version and reports its new modification time', async () => {
  const before = await versionsOf('nb/a.ipynb');
  const content = {
    cells: [{ cell_type: 'markdown', metadata: {}, source: 'Saved from the drive' }],
    metadata: {},
    nbformat: 4,
    nbformat_minor: 5
  };
  const saved = await drive.save(path('nb/a.ipynb'), { type: 'notebook', format: 'json', content });
  expect(saved.type).toBe('notebook');
  expect(saved.last_modified).toBeTruthy();
  const after = await versionsOf('nb/a.ipynb');
  expect(after).toHaveLength(before.length + 1);
  const { text } = await getObjectText(s3, { bucket, key: 'nb/a.ipynb' });
  // As Jupyter's server writes it (notebook-text.ts): multi-line strings as lists of lines.
  expect(JSON.parse(text).cells[0].source).toEqual(['Saved from the drive']);
});

it('creates untitled files without overwriting existing ones', async () => {
  const first = await drive.newUntitled({ path: path('docs'), type: 'file', ext: '.txt' });
  const second = await drive.newUntitled({ path: path('docs'), type: 'file', ext: '.txt' });
  expect(first.name).toBe('untitled.txt');
  expect(second.name).toBe('untitled1.txt');
  expect(await versionsOf('docs/untitled.txt')).toHaveLength(1);
});

it('refuses paths without a bucket or key, and changes nothing', async () => {
  await expect(drive.save(`local/${bucket}`, { type: 'file', format: 'text', content: 'x' })).rejects.toThrow(/bucket/);
  await expect(drive.get('', { type: 'file' })).resolves.toMatchObject({ type: 'directory' });
});

it('gives a not-found error for a missing object', async () => {
  await expect(drive.get(path('docs/missing.md'), { type: 'file', format: 'text' })).rejects.toThrow(/does not exist/);
});

it('answers 404 for a key that is neither an object nor a folder (Save As relies on it)', async () => {
  await expect(drive.get(path('docs/new-name.md'), {})).rejects.toMatchObject({ response: { status: 404 } });
  await expect(drive.get(path('docs'), {})).resolves.toMatchObject({ type: 'directory' });
});

it('refuses to rename onto an existing object (409) and keeps both', async () => {
  await putObject(s3, { bucket, key: 'r/keep.txt', body: 'keep me' });
  await putObject(s3, { bucket, key: 'r/move.txt', body: 'move me' });
  await expect(drive.rename(path('r/move.txt'), path('r/keep.txt'))).rejects.toMatchObject({
    response: { status: 409 }
  });
  expect((await getObjectText(s3, { bucket, key: 'r/keep.txt' })).text).toBe('keep me');
  expect((await getObjectText(s3, { bucket, key: 'r/move.txt' })).text).toBe('move me');
  const moved = await drive.rename(path('r/move.txt'), path('r/moved.txt'));
  expect(moved.name).toBe('moved.txt');
  await expect(drive.get(path('r/move.txt'), { type: 'file' })).rejects.toMatchObject({ response: { status: 404 } });
});

it('copies to a free name instead of overwriting an earlier copy', async () => {
  const first = await drive.copy(path('docs/notes é.md'), path('docs'));
  const second = await drive.copy(path('docs/notes é.md'), path('docs'));
  expect([first.name, second.name]).toEqual(['notes é-Copy1.md', 'notes é-Copy2.md']);
});

it('refuses keys a browser would rewrite instead of touching another object', async () => {
  await expect(drive.get(path('a/../docs/notes é.md'), { type: 'file' })).rejects.toMatchObject({
    response: { status: 400 }
  });
  await expect(drive.delete(path('docs/./x.md'))).rejects.toMatchObject({ response: { status: 400 } });
});

it('reports a content hash so JupyterLab detects concurrent saves exactly', async () => {
  const model = await drive.get(path('docs/notes é.md'), { type: 'file', format: 'text', content: false });
  expect(model.hash).toMatch(/.+/);
  await putObject(s3, { bucket, key: 'docs/notes é.md', body: '# Changed elsewhere\n' });
  const after = await drive.get(path('docs/notes é.md'), { type: 'file', format: 'text', content: false });
  expect(after.hash).not.toBe(model.hash);
});
