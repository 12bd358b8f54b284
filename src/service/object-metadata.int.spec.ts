/**
 * Integration tests of reading and writing object metadata against a real local S3 server (moto,
 * see src/testing): T4's x-amz-meta-helium, new versions for new user_meta, headers kept,
 * oversized metadata and unversioned buckets refused with nothing written, the multipart path.
 * @jest-environment-options {"customExportConditions": ["node", "require", "default"]}
 */
import { GetObjectTaggingCommand, ListMultipartUploadsCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { createHash, randomBytes } from 'crypto';
import { failure } from '../testing/failure';
import { createTestBucket, testClient } from '../testing/s3';
import { readCopySource } from './copy-multipart';
import { readObjectMetadata, writeUserMeta } from './object-metadata';
import { deleteObject, getObjectBytes, putObject } from './objects';
import { listVersions } from './versions-list';

jest.setTimeout(60_000);

let s3: S3Client;
let bucket: string;

const text = (bytes: Uint8Array) => new TextDecoder().decode(bytes);
const sha256b64 = (data: Uint8Array | string) => createHash('sha256').update(data).digest('base64');
const countVersions = async (key: string, b = bucket) => (await listVersions(s3, { bucket: b, key })).versions.length;

beforeAll(async () => {
  s3 = testClient();
  bucket = await createTestBucket(s3, 'objmeta');
});

afterAll(() => s3?.destroy());

/** Write an object with every header a REPLACE copy would drop. */
async function putWithHeaders(key: string, body: string | Uint8Array, helium?: string): Promise<string> {
  const output = await s3.send(
    new PutObjectCommand({
      Bucket: bucket,
      Key: key,
      Body: body,
      ContentType: 'text/csv',
      ContentEncoding: 'identity',
      CacheControl: 'max-age=60',
      ContentDisposition: 'attachment; filename="t.csv"',
      ContentLanguage: 'en',
      Expires: new Date('2031-01-01T00:00:00Z'),
      Metadata: { ...(helium === undefined ? {} : { helium }), source: 'lab-3' }
    })
  );
  return output.VersionId as string;
}

describe('readObjectMetadata', () => {
  it('reads T4 metadata, other user metadata, content type and checksum', async () => {
    await putObject(s3, {
      bucket,
      key: 'read/t.csv',
      body: 'a,b\n',
      contentType: 'text/csv',
      userMetadata: { helium: '{"target":"csv","user_meta":{"run":12,"tags":["x"]}}', source: 'lab-3' }
    });
    const meta = await readObjectMetadata(s3, { bucket, key: 'read/t.csv' });
    expect(meta.helium).toEqual({ target: 'csv', user_meta: { run: 12, tags: ['x'] } });
    expect(meta.heliumProblem).toBeUndefined();
    expect(meta.otherUserMetadata).toEqual({ source: 'lab-3' });
    expect(meta.contentType).toBe('text/csv');
    expect(meta.checksumSha256).toBe(sha256b64('a,b\n'));
    expect(meta.info.size).toBe(4);
  });

  it('says what is wrong with a header that is not JSON, and reads objects without one', async () => {
    await putObject(s3, { bucket, key: 'read/bad', body: 'x', userMetadata: { helium: '{"target": csv}' } });
    const bad = await readObjectMetadata(s3, { bucket, key: 'read/bad' });
    expect(bad.helium).toBeNull();
    expect(bad.heliumProblem).toContain('not valid JSON (column 12');
    await putObject(s3, { bucket, key: 'read/none', body: 'x' });
    const none = await readObjectMetadata(s3, { bucket, key: 'read/none' });
    expect(none).toMatchObject({ helium: null, otherUserMetadata: {} });
    expect(none.heliumProblem).toBeUndefined();
  });
});

describe('writeUserMeta', () => {
  it('writes a new version with new user_meta, keeping content, target and every header', async () => {
    const key = 'write/t.csv';
    const v1 = await putWithHeaders(key, 'a,b\n1,2\n', '{"target":"csv","user_meta":{"run":1}}');
    const before = await readCopySource(s3, { bucket, key });
    const result = await writeUserMeta(s3, { bucket, key, userMeta: { run: 2, note: 'ü' } });
    expect(result.versionId).toBeTruthy();
    expect(result.versionId).not.toBe(v1);
    expect(result).toMatchObject({ sourceVersionId: v1, multipart: false, helium: { target: 'csv', user_meta: { run: 2, note: 'ü' } } });

    const meta = await readObjectMetadata(s3, { bucket, key });
    expect(meta.info.versionId).toBe(result.versionId);
    expect(meta.helium).toEqual({ target: 'csv', user_meta: { run: 2, note: 'ü' } });
    expect(meta.otherUserMetadata).toEqual({ source: 'lab-3' });
    expect(meta.contentType).toBe('text/csv');
    expect(meta.checksumSha256).toBe(sha256b64('a,b\n1,2\n'));
    const after = await readCopySource(s3, { bucket, key });
    expect(after.headers).toEqual(before.headers);
    expect(after.headers).toMatchObject({ cacheControl: 'max-age=60', contentLanguage: 'en', contentEncoding: 'identity' });
    expect(text((await getObjectBytes(s3, { bucket, key })).bytes)).toBe('a,b\n1,2\n');
    // The version copied keeps its metadata.
    expect((await readObjectMetadata(s3, { bucket, key, versionId: v1 })).helium?.user_meta).toEqual({ run: 1 });
    expect(await countVersions(key)).toBe(2);
  });

  it('refuses an older version unless told to restore its content, naming the way to do it', async () => {
    const key = 'write/refused.txt';
    const v1 = await putWithHeaders(key, 'old content', '{"target":"text","user_meta":{"run":1}}');
    const v2 = (await putObject(s3, { bucket, key, body: 'new content' })).versionId as string;
    const err = await failure(writeUserMeta(s3, { bucket, key, versionId: v1, userMeta: { run: 2 } }));
    expect(err).toMatchObject({ kind: 'InvalidInput', code: 'NotCurrentVersion' });
    expect(err.message).toContain(`Version ${v1} is not the current version of s3://${bucket}/${key} (that is version ${v2})`);
    expect(err.message).toContain('making that old content current again, so nothing was written');
    expect(err.message).toContain(`helium restore s3://${bucket}/${key} --version ${v1}`);
    expect(await countVersions(key)).toBe(2);
    expect(text((await getObjectBytes(s3, { bucket, key })).bytes)).toBe('new content');
    // The current version given by id is fine.
    const ok = await writeUserMeta(s3, { bucket, key, versionId: v2, userMeta: { run: 3 } });
    expect(ok.sourceVersionId).toBe(v2);
    expect(text((await getObjectBytes(s3, { bucket, key })).bytes)).toBe('new content');
    // A deleted object: its last version is not current either.
    await deleteObject(s3, { bucket, key });
    const deleted = await failure(writeUserMeta(s3, { bucket, key, versionId: ok.versionId, userMeta: {} }));
    expect(deleted).toMatchObject({ kind: 'InvalidInput', code: 'NotCurrentVersion' });
    expect(deleted.message).toContain('which is deleted');
    expect(await countVersions(key)).toBe(4);
  });

  it('copies the chosen older version with restoreContent, and sets a target from the key when there was none', async () => {
    const key = 'write/older.json';
    const v1 = await putWithHeaders(key, '{"old": true}');
    await putObject(s3, { bucket, key, body: 'newer' });
    const result = await writeUserMeta(s3, { bucket, key, versionId: v1, userMeta: null, restoreContent: true });
    expect(result.sourceVersionId).toBe(v1);
    const meta = await readObjectMetadata(s3, { bucket, key });
    expect(meta.helium).toEqual({ target: 'json', user_meta: null });
    expect(text((await getObjectBytes(s3, { bucket, key })).bytes)).toBe('{"old": true}');
    expect(await countVersions(key)).toBe(3);
  });

  it('refuses oversized metadata before writing anything', async () => {
    const key = 'write/big-meta.txt';
    await putObject(s3, { bucket, key, body: 'x', userMetadata: { helium: '{"target":"text","user_meta":{}}' } });
    const tooBig = await failure(writeUserMeta(s3, { bucket, key, userMeta: { blob: 'y'.repeat(3000) } }));
    expect(tooBig).toMatchObject({ kind: 'InvalidInput', code: 'MetadataTooLarge' });
    expect(tooBig.message).toContain('2 KB');
    // Fits alone, but not with the object's other metadata: refused after HEAD, before the copy.
    await putObject(s3, { bucket, key, body: 'x', userMetadata: { other: 'z'.repeat(1500) } });
    const together = await failure(writeUserMeta(s3, { bucket, key, userMeta: { blob: 'y'.repeat(600) } }));
    expect(together).toMatchObject({ kind: 'InvalidInput', code: 'MetadataTooLarge' });
    expect(together.message).toContain('other user metadata counts too');
    expect(await countVersions(key)).toBe(2);
  });

  it('refuses a delete marker, writing nothing', async () => {
    const key = 'write/deleted.txt';
    await putObject(s3, { bucket, key, body: 'x' });
    const marker = await deleteObject(s3, { bucket, key });
    const err = await failure(writeUserMeta(s3, { bucket, key, versionId: marker.versionId, userMeta: {} }));
    expect(err).toMatchObject({ kind: 'InvalidInput', code: 'DeleteMarker' });
    const current = await failure(writeUserMeta(s3, { bucket, key, userMeta: {} }));
    expect(current.kind).toBe('NotFound');
    expect(await countVersions(key)).toBe(2);
  });

  it('refuses on an unversioned bucket: the old metadata would be lost', async () => {
    const off = await createTestBucket(s3, 'objmeta-off', false);
    await putObject(s3, { bucket: off, key: 'k.txt', body: 'x', userMetadata: { helium: '{"target":"text","user_meta":{"a":1}}' } });
    const err = await failure(writeUserMeta(s3, { bucket: off, key: 'k.txt', userMeta: { a: 2 } }));
    expect(err.kind).toBe('NotVersioned');
    expect(err.message).toContain(`Bucket "${off}" does not keep versions, so changing the metadata would overwrite the only copy`);
    expect((await readObjectMetadata(s3, { bucket: off, key: 'k.txt' })).helium?.user_meta).toEqual({ a: 1 });
  });

  it('copies in parts above the threshold: same bytes and headers, no pending upload', async () => {
    const mp = await createTestBucket(s3, 'objmeta-mp');
    const bytes = randomBytes(9 * 1024 * 1024);
    await s3.send(
      new PutObjectCommand({
        Bucket: mp,
        Key: 'big.bin',
        Body: bytes,
        ContentType: 'application/x-big',
        CacheControl: 'no-cache',
        Metadata: { other: 'kept' },
        Tagging: 'stage=raw&owner=lab%203'
      })
    );
    const result = await writeUserMeta(s3, { bucket: mp, key: 'big.bin', userMeta: { big: true }, multipartThreshold: 1024 * 1024 });
    expect(result.multipart).toBe(true);
    const now = await getObjectBytes(s3, { bucket: mp, key: 'big.bin' });
    expect(now.info.versionId).toBe(result.versionId);
    expect(sha256b64(now.bytes)).toBe(sha256b64(bytes));
    const meta = await readObjectMetadata(s3, { bucket: mp, key: 'big.bin' });
    expect(meta).toMatchObject({
      contentType: 'application/x-big',
      otherUserMetadata: { other: 'kept' },
      helium: { target: 'bytes', user_meta: { big: true } }
    });
    expect((await readCopySource(s3, { bucket: mp, key: 'big.bin' })).headers.cacheControl).toBe('no-cache');
    const tags = (await s3.send(new GetObjectTaggingCommand({ Bucket: mp, Key: 'big.bin', VersionId: result.versionId }))).TagSet ?? [];
    expect(Object.fromEntries(tags.map(t => [t.Key, t.Value]))).toEqual({ stage: 'raw', owner: 'lab 3' });
    expect((await s3.send(new ListMultipartUploadsCommand({ Bucket: mp }))).Uploads ?? []).toEqual([]);
  });
});
