/**
 * The `s3:` drive and what files hold, against a real local S3 (moto): a file opened and saved
 * without an edit must keep its bytes (no new version), whatever its encoding details.
 * @jest-environment-options {"customExportConditions": ["node", "require", "default"]}
 */
import { ListObjectVersionsCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { getObjectBytes } from '../service/objects';
import { TestConnections } from '../testing/connections';
import { createTestBucket, testClient } from '../testing/s3';
import { testTrans as trans } from '../testing/translation';
import { S3Drive } from './s3drive';

let s3: S3Client;
let bucket: string;
let drive: S3Drive;

const path = (key: string) => `local/${bucket}/${key}`;
const put = (key: string, body: Uint8Array | string) => s3.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: body }));
const versionCount = async (key: string) =>
  ((await s3.send(new ListObjectVersionsCommand({ Bucket: bucket, Prefix: key }))).Versions ?? []).filter(v => v.Key === key).length;

beforeAll(async () => {
  s3 = testClient();
  bucket = await createTestBucket(s3, 'drive-content');
  drive = new S3Drive(new TestConnections({ local: s3 }, { local: [bucket] }), trans);
});

/**
 * Open a text file as the editor does and save what it got back, unedited.
 * @param key - the object.
 * @returns the bytes stored afterwards.
 */
async function openAndSaveText(key: string): Promise<Uint8Array> {
  const opened = await drive.get(path(key), { type: 'file', format: 'text' });
  await drive.save(path(key), { type: 'file', format: 'text', content: opened.content });
  return (await getObjectBytes(s3, { bucket, key })).bytes;
}

it.each([
  ['a byte order mark', 'bom.csv', [0xef, 0xbb, 0xbf, 0x61, 0x2c, 0x62, 0x0a]],
  ['CRLF line ends', 'crlf.txt', [...Buffer.from('a\r\nb\r\n')]],
  ['no bytes at all', 'empty.txt', []]
])('saves a text file with %s unchanged as no new version, its bytes kept', async (_, key, bytes) => {
  await put(key as string, new Uint8Array(bytes as number[]));
  expect(Buffer.from(await openAndSaveText(key as string))).toEqual(Buffer.from(bytes as number[]));
  expect(await versionCount(key as string)).toBe(1);
});

it('opens a notebook written with a byte order mark', async () => {
  const notebook = { cells: [], metadata: {}, nbformat: 4, nbformat_minor: 5 };
  await put('bom.ipynb', '\uFEFF' + JSON.stringify(notebook));
  const opened = await drive.get(path('bom.ipynb'), { type: 'notebook', format: 'json' });
  expect(opened.content).toEqual(notebook);
});
