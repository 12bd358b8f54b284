/**
 * The `s3:` drive's save against a real local S3 (moto): saving unchanged content writes nothing
 * (DESIGN: history is the product), saving anything else writes a new version, whatever wrote the
 * current version (our single PUT with a SHA-256, another tool without one, a multipart upload).
 * @jest-environment-options {"customExportConditions": ["node", "require", "default"]}
 */
import {
  DeleteObjectCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  ListObjectVersionsCommand,
  PutObjectCommand,
  S3Client
} from '@aws-sdk/client-s3';
import type { Contents } from '@jupyterlab/services';
import { getObjectBytes, getObjectText } from '../service/objects';
import { uploadObject } from '../service/transfers/upload';
import { bytesSource } from '../service/transfers/sources';
import { TestConnections } from '../testing/connections';
import { createTestBucket, testClient } from '../testing/s3';
import { patternBytes } from '../testing/transfer-fixtures';
import type { IObjectChange } from '../tokens';
import { testTrans as trans } from '../testing/translation';
import { S3Drive } from './s3drive';

const MiB = 1024 * 1024;
let s3: S3Client;
let bucket: string;
let drive: S3Drive;
/** What the drive told the panel and the versions drawer. */
const told: IObjectChange[] = [];
/** What the drive told JupyterLab's documents. */
const saved: Contents.IChangedArgs[] = [];
/** The S3 commands the drive sent (each once, whatever retries happen underneath). */
const sent: string[] = [];

const path = (key: string) => `local/${bucket}/${key}`;
const versionIds = async (key: string) =>
  ((await s3.send(new ListObjectVersionsCommand({ Bucket: bucket, Prefix: key }))).Versions ?? [])
    .filter(v => v.Key === key)
    .map(v => v.VersionId);
const saveText = (key: string, content: string) => drive.save(path(key), { type: 'file', format: 'text', content });
const saveBase64 = (key: string, bytes: Uint8Array) =>
  drive.save(path(key), { type: 'file', format: 'base64', content: Buffer.from(bytes).toString('base64') });

beforeAll(async () => {
  s3 = testClient();
  bucket = await createTestBucket(s3, 'drive-save');
  const connections = new TestConnections({ local: s3 }, { local: [bucket] });
  connections.objectsChanged.connect((_, change) => told.push(change));
  drive = new S3Drive(connections, trans);
  drive.fileChanged.connect((_, change) => saved.push(change));
  s3.middlewareStack.add(
    (next, context) => args => {
      sent.push(context.commandName ?? '');
      return next(args);
    },
    { step: 'initialize', name: 'recordCommands' }
  );
});

beforeEach(() => {
  told.length = 0;
  saved.length = 0;
});

/**
 * The commands sent while `work` ran.
 * @param work - what to do.
 * @returns the command names.
 */
async function commandsOf(work: () => Promise<unknown>): Promise<string[]> {
  sent.length = 0;
  await work();
  return [...sent];
}

it('saves the same text twice as one version, and answers the second save with that version', async () => {
  const first = await saveText('same/notes.md', '# Notes\n');
  const [version] = await versionIds('same/notes.md');
  expect(told).toHaveLength(1);
  let second: Contents.IModel | undefined;
  // Decided from the checksum S3 keeps: no download, no upload.
  const commands = await commandsOf(async () => (second = await saveText('same/notes.md', '# Notes\n')));
  expect(commands.filter(c => c !== 'HeadObjectCommand')).toEqual([]);
  expect(await versionIds('same/notes.md')).toEqual([version]);
  expect(second).toMatchObject({ last_modified: first.last_modified, hash: first.hash, size: 8, type: 'file' });
  // Nothing new for the panel; the document still hears that its save is done.
  expect(told).toHaveLength(1);
  expect(saved.map(change => [change.type, change.newValue?.path])).toEqual([
    ['save', path('same/notes.md')],
    ['save', path('same/notes.md')]
  ]);
});

it('saves the same notebook twice as one version', async () => {
  const content = { cells: [{ cell_type: 'markdown', metadata: {}, source: 'once' }], metadata: {}, nbformat: 4, nbformat_minor: 5 };
  await drive.save(path('same/a.ipynb'), { type: 'notebook', format: 'json', content });
  const second = await drive.save(path('same/a.ipynb'), { type: 'notebook', format: 'json', content: { ...content } });
  expect(await versionIds('same/a.ipynb')).toHaveLength(1);
  expect(second.type).toBe('notebook');
});

it('saves a notebook another tool wrote (1.0, two-space indent, other key order) without an edit as no version', async () => {
  // As json.dump(nb, f, indent=2) writes it; JavaScript reads 1.0 as 1 and would write "1".
  const written =
    '{\n  "nbformat": 4,\n  "nbformat_minor": 5,\n  "metadata": {"ratio": 1.0},\n  "cells": [\n    {"cell_type": "code", "id": "c1", "metadata": {}, "source": "x = 1.0\\n", "outputs": [], "execution_count": null}\n  ]\n}';
  await s3.send(new PutObjectCommand({ Bucket: bucket, Key: 'other/run.ipynb', Body: written }));
  const opened = await drive.get(path('other/run.ipynb'), { type: 'notebook', content: true });
  await drive.save(path('other/run.ipynb'), { type: 'notebook', format: 'json', content: opened.content });
  expect(await versionIds('other/run.ipynb')).toHaveLength(1);
  const edited = JSON.parse(JSON.stringify(opened.content));
  edited.cells[0].source = 'x = 2.0\n';
  await drive.save(path('other/run.ipynb'), { type: 'notebook', format: 'json', content: edited });
  expect(await versionIds('other/run.ipynb')).toHaveLength(2);
});

it('writes a new version for different content, also of the same size', async () => {
  await saveText('diff/a.txt', 'abc');
  await saveText('diff/a.txt', 'abd');
  await saveText('diff/a.txt', 'abcd');
  expect(await versionIds('diff/a.txt')).toHaveLength(3);
  expect((await getObjectText(s3, { bucket, key: 'diff/a.txt' })).text).toBe('abcd');
});

it('compares the bytes of an object another tool wrote without a SHA-256 checksum', async () => {
  await s3.send(new PutObjectCommand({ Bucket: bucket, Key: 'plain/data.csv', Body: 'a,b\n1,2\n' }));
  const head = await s3.send(new HeadObjectCommand({ Bucket: bucket, Key: 'plain/data.csv', ChecksumMode: 'ENABLED' }));
  expect(head.ChecksumSHA256).toBeUndefined();
  let same: Contents.IModel | undefined;
  const commands = await commandsOf(async () => (same = await saveText('plain/data.csv', 'a,b\n1,2\n')));
  expect(commands).toContain('GetObjectCommand');
  expect(commands).not.toContain('PutObjectCommand');
  expect(await versionIds('plain/data.csv')).toEqual([head.VersionId]);
  expect(same?.last_modified).toBe(head.LastModified!.toISOString());
  await saveText('plain/data.csv', 'a,b\n1,3\n');
  expect(await versionIds('plain/data.csv')).toHaveLength(2);
  expect(told).toHaveLength(1);
});

it('compares the bytes of a multipart upload, whose checksum is a composite of its parts', async () => {
  const bytes = patternBytes(9 * MiB, 3);
  const upload = await uploadObject(s3, { bucket, key: 'parts/big.bin', source: bytesSource(bytes) });
  expect(upload.parts).toBe(2);
  await saveBase64('parts/big.bin', bytes);
  expect(await versionIds('parts/big.bin')).toEqual([upload.versionId]);
  const changed = bytes.slice();
  changed[changed.length - 1] ^= 1;
  await saveBase64('parts/big.bin', changed);
  expect(await versionIds('parts/big.bin')).toHaveLength(2);
  expect((await getObjectBytes(s3, { bucket, key: 'parts/big.bin' })).bytes.at(-1)).toBe(changed.at(-1));
});

it('reports the same hash for a multipart object when opened and when checked before a save', async () => {
  const bytes = patternBytes(9 * MiB, 5);
  await uploadObject(s3, { bucket, key: 'parts/opened.txt', source: bytesSource(bytes) });
  const opened = await drive.get(path('parts/opened.txt'), { type: 'file', format: 'base64' });
  // What JupyterLab's context asks before it saves (a different hash = "File Changed").
  const check = await drive.get(path('parts/opened.txt'), { content: false, hash: true } as Contents.IFetchOptions);
  expect(opened.hash).toBeTruthy();
  expect(check.hash).toBe(opened.hash);
});

it('writes content the editor loaded over a version someone else wrote meanwhile once it was checked (Overwrite)', async () => {
  await saveText('race/a.txt', 'mine');
  await s3.send(new PutObjectCommand({ Bucket: bucket, Key: 'race/a.txt', Body: 'theirs' }));
  // Unseen, "theirs" is not superseded (s3drive-conditional.int.spec.ts); JupyterLab's check before
  // a save (and its File Changed › Overwrite) reads the new version first, and then it is.
  await expect(saveText('race/a.txt', 'mine')).rejects.toThrow(/changed on S3/);
  await drive.get(path('race/a.txt'), { content: false });
  await saveText('race/a.txt', 'mine');
  expect(await versionIds('race/a.txt')).toHaveLength(3);
  expect((await getObjectText(s3, { bucket, key: 'race/a.txt' })).text).toBe('mine');
});

it('writes content again after the object was deleted', async () => {
  await saveText('gone/a.txt', 'back');
  await s3.send(new DeleteObjectCommand({ Bucket: bucket, Key: 'gone/a.txt' }));
  await saveText('gone/a.txt', 'back');
  expect(await versionIds('gone/a.txt')).toHaveLength(2);
  expect((await getObjectText(s3, { bucket, key: 'gone/a.txt' })).text).toBe('back');
});

it("keeps the object's metadata on the new version a save writes", async () => {
  const meta = JSON.stringify({ target: 'txt', user_meta: { source: 'NOAA' } });
  await s3.send(new PutObjectCommand({ Bucket: bucket, Key: 'meta/notes.md', Body: 'v1\n', Metadata: { helium: meta, owner: 'ana' } }));
  await saveText('meta/notes.md', 'v2\n');
  const head = await s3.send(new HeadObjectCommand({ Bucket: bucket, Key: 'meta/notes.md' }));
  expect(await versionIds('meta/notes.md')).toHaveLength(2);
  expect(head.Metadata).toEqual({ helium: meta, owner: 'ana' });
  expect((await getObjectText(s3, { bucket, key: 'meta/notes.md' })).text).toBe('v2\n');
});

it('refuses to rename to a name with a control character, and changes nothing', async () => {
  await saveText('rename/a.txt', 'a\n');
  await expect(drive.rename(path('rename/a.txt'), path('rename/b\tc.txt'))).rejects.toThrow(/control character \(U\+0009\)/);
  expect(await versionIds('rename/a.txt')).toHaveLength(1);
  expect(await versionIds('rename/b\tc.txt')).toEqual([]);
});

it('leaves out of its listings the entries whose paths JupyterLab would rewrite', async () => {
  for (const key of ['list/ok.txt', 'list/../escape.txt', 'list//empty.txt', 'list/./dot.txt']) {
    await s3.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: 'x' }));
  }
  // All four are in the bucket under their own keys (the panel lists them)…
  const stored = await s3.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: 'list/' }));
  expect((stored.Contents ?? []).map(o => o.Key).sort()).toEqual([
    'list/../escape.txt',
    'list/./dot.txt',
    'list//empty.txt',
    'list/ok.txt'
  ]);
  // …but the drive's listing, which JupyterLab's file browser shows, has only the one it can open.
  const listing = await drive.get(path('list'), { content: true });
  const names = (listing.content as Contents.IModel[]).map(m => m.name).sort();
  expect(names).toEqual(['ok.txt']);
});
