/**
 * Integration tests of object operations against a real local S3 server (moto, see src/testing).
 * @jest-environment-options {"customExportConditions": ["node", "require", "default"]}
 */
import type { S3Client } from '@aws-sdk/client-s3';
import { createHash } from 'crypto';
import { freePortForTests } from '../testing/ports';
import { createTestBucket, testClient } from '../testing/s3';
import { ListingPage, listPrefixPages } from './listing';
import {
  copyObject,
  createFolder,
  deleteObject,
  getBucketVersioning,
  getObjectBytes,
  getObjectStream,
  getObjectText,
  headObject,
  putObject
} from './objects';
import { failure } from '../testing/failure';

let s3: S3Client;
let bucket: string;

beforeAll(async () => {
  s3 = testClient();
  bucket = await createTestBucket(s3, 'objects');
});

const text = (bytes: Uint8Array) => new TextDecoder().decode(bytes);
const sha256b64 = (data: Uint8Array | string) => createHash('sha256').update(data).digest('base64');

/** Every key under a prefix (recursive). */
async function keysUnder(prefix: string): Promise<string[]> {
  const pages: ListingPage[] = [];
  for await (const page of listPrefixPages(s3, { bucket, prefix, delimiter: '' })) {
    pages.push(page);
  }
  return pages.flatMap(p => p.objects.map(o => o.key));
}

describe('versions', () => {
  it('head and get with versionId return the old bytes', async () => {
    const v1 = await putObject(s3, { bucket, key: 'v/doc.txt', body: 'one', contentType: 'text/plain' });
    const v2 = await putObject(s3, { bucket, key: 'v/doc.txt', body: 'second' });
    expect(v1.versionId).toBeTruthy();
    expect(v2.versionId).toBeTruthy();
    expect(v2.versionId).not.toBe(v1.versionId);

    const old = await getObjectBytes(s3, { bucket, key: 'v/doc.txt', versionId: v1.versionId });
    expect(text(old.bytes)).toBe('one');
    expect(old.info.versionId).toBe(v1.versionId);
    expect(old.info.size).toBe(3);
    expect(old.info.contentType).toBe('text/plain');

    const oldHead = await headObject(s3, { bucket, key: 'v/doc.txt', versionId: v1.versionId });
    expect(oldHead).toMatchObject({ key: 'v/doc.txt', size: 3, versionId: v1.versionId, etag: v1.etag });
    expect(oldHead.checksumSha256).toBe(sha256b64('one'));

    const current = await getObjectText(s3, { bucket, key: 'v/doc.txt' });
    expect(current.text).toBe('second');
    expect(current.info.versionId).toBe(v2.versionId);

    const missing = await failure(getObjectBytes(s3, { bucket, key: 'v/doc.txt', versionId: 'no-such-version' }));
    expect(missing.kind).toBe('NotFound');
  });

  it('reports the versioning state', async () => {
    expect(await getBucketVersioning(s3, bucket)).toBe('Enabled');
    const plain = await createTestBucket(s3, 'plain', false);
    expect(await getBucketVersioning(s3, plain)).toBe('Off');
    expect((await failure(getBucketVersioning(s3, 'helium-missing-bucket-x'))).kind).toBe('NotFound');
  });
});

describe('ranges and streams', () => {
  const body = Uint8Array.from({ length: 100 }, (_, i) => i);

  beforeAll(async () => {
    await putObject(s3, { bucket, key: 'r/bytes.bin', body });
  });

  it('range returns exactly those bytes', async () => {
    const mid = await getObjectBytes(s3, { bucket, key: 'r/bytes.bin', range: { start: 10, end: 20 } });
    expect(Array.from(mid.bytes)).toEqual(Array.from(body.slice(10, 20)));
    expect(mid.info.size).toBe(100);
    const tail = await getObjectBytes(s3, { bucket, key: 'r/bytes.bin', range: { start: 95 } });
    expect(Array.from(tail.bytes)).toEqual([95, 96, 97, 98, 99]);
    const one = await getObjectBytes(s3, { bucket, key: 'r/bytes.bin', range: { start: 0, end: 1 } });
    expect(Array.from(one.bytes)).toEqual([0]);
  });

  it('refuses empty or negative ranges before any request', async () => {
    for (const range of [{ start: 5, end: 5 }, { start: -1, end: 3 }, { start: 1.5 }]) {
      const err = await failure(getObjectBytes(s3, { bucket, key: 'r/bytes.bin', range }));
      expect(err.kind).toBe('InvalidInput');
    }
  });

  it('a range outside the object → InvalidInput', async () => {
    const err = await failure(getObjectBytes(s3, { bucket, key: 'r/bytes.bin', range: { start: 500, end: 600 } }));
    expect(err.kind).toBe('InvalidInput');
  });

  it('streams an object', async () => {
    const { stream, info } = await getObjectStream(s3, { bucket, key: 'r/bytes.bin' });
    expect(info.size).toBe(100);
    const reader = stream.getReader();
    const chunks: number[] = [];
    for (;;) {
      const { done, value } = await reader.read();
      if (done) {
        break;
      }
      chunks.push(...value);
    }
    expect(chunks).toEqual(Array.from(body));
  });
});

describe('putObject', () => {
  it('sends a SHA-256 checksum that S3 stores', async () => {
    const data = new TextEncoder().encode('checksum me ✓');
    const result = await putObject(s3, { bucket, key: 'c/sum.txt', body: data, userMetadata: { helium: '{"user_meta":{"a":1}}' } });
    const expected = sha256b64(data);
    expect(result.checksumSha256).toBe(expected);
    const info = await headObject(s3, { bucket, key: 'c/sum.txt' });
    expect(info.checksumSha256).toBe(expected);
    expect(info.userMetadata).toEqual({ helium: '{"user_meta":{"a":1}}' });
    expect(info.etag).toBe(result.etag);
    expect(info.versionId).toBe(result.versionId);
  });

  it('refuses metadata over 2 KB and writes nothing', async () => {
    const err = await failure(putObject(s3, { bucket, key: 'm/too-big.txt', body: 'x', userMetadata: { helium: 'x'.repeat(2043) } }));
    expect(err.kind).toBe('InvalidInput');
    expect(err.message).toContain('2,049 bytes');
    expect(await keysUnder('m/')).toEqual([]);
  });

  it('ifNoneMatch "*" on an existing key → Conflict, and nothing changes', async () => {
    const first = await putObject(s3, { bucket, key: 'n/once.txt', body: 'first', ifNoneMatch: '*' });
    const err = await failure(putObject(s3, { bucket, key: 'n/once.txt', body: 'second', ifNoneMatch: '*' }));
    expect(err.kind).toBe('Conflict');
    expect(err.status).toBe(412);
    expect(err.message).toContain('already exists');
    const current = await getObjectText(s3, { bucket, key: 'n/once.txt' });
    expect(current.text).toBe('first');
    expect(current.info.versionId).toBe(first.versionId);
  });

  it('ifMatch with a stale ETag → Conflict', async () => {
    const v1 = await putObject(s3, { bucket, key: 'n/match.txt', body: 'a' });
    await putObject(s3, { bucket, key: 'n/match.txt', body: 'b', ifMatch: v1.etag });
    const err = await failure(putObject(s3, { bucket, key: 'n/match.txt', body: 'c', ifMatch: v1.etag }));
    expect(err.kind).toBe('Conflict');
  });
});

describe('delete and copy', () => {
  it('delete then get → NotFound; the old version is still there', async () => {
    const v1 = await putObject(s3, { bucket, key: 'd/gone.txt', body: 'bye' });
    const deleted = await deleteObject(s3, { bucket, key: 'd/gone.txt' });
    expect(deleted.deleteMarker).toBe(true);
    const err = await failure(getObjectBytes(s3, { bucket, key: 'd/gone.txt' }));
    expect(err.kind).toBe('NotFound');
    expect(err.message).toContain(`s3://${bucket}/d/gone.txt does not exist`);
    expect((await failure(headObject(s3, { bucket, key: 'd/gone.txt' }))).kind).toBe('NotFound');
    const old = await getObjectText(s3, { bucket, key: 'd/gone.txt', versionId: v1.versionId });
    expect(old.text).toBe('bye');
  });

  it('copies an old version on top (restore) with a SHA-256 checksum', async () => {
    const v1 = await putObject(s3, { bucket, key: 'cp/a.txt', body: 'old', contentType: 'text/plain', userMetadata: { k: 'v' } });
    await putObject(s3, { bucket, key: 'cp/a.txt', body: 'new' });
    const restored = await copyObject(s3, { from: { bucket, key: 'cp/a.txt', versionId: v1.versionId }, to: { bucket, key: 'cp/a.txt' } });
    expect(restored.versionId).toBeTruthy();
    expect(restored.sourceVersionId).toBe(v1.versionId);
    expect(restored.checksumSha256).toBe(sha256b64('old'));
    const now = await getObjectText(s3, { bucket, key: 'cp/a.txt' });
    expect(now.text).toBe('old');
    expect(now.info.versionId).toBe(restored.versionId);
    expect(now.info.userMetadata).toEqual({ k: 'v' });
  });

  it('copies to an odd key with new metadata, keeping the content type', async () => {
    await putObject(s3, { bucket, key: 'cp/src ü+%.txt', body: 'content', contentType: 'text/csv', userMetadata: { a: '1' } });
    await copyObject(s3, {
      from: { bucket, key: 'cp/src ü+%.txt' },
      to: { bucket, key: 'cp/dst ü+%.txt' },
      userMetadata: { b: '2' }
    });
    const info = await headObject(s3, { bucket, key: 'cp/dst ü+%.txt' });
    expect(info.userMetadata).toEqual({ b: '2' });
    expect(info.contentType).toBe('text/csv');
    expect((await getObjectText(s3, { bucket, key: 'cp/dst ü+%.txt' })).text).toBe('content');
  });

  it('copying a missing object → NotFound', async () => {
    const err = await failure(copyObject(s3, { from: { bucket, key: 'cp/none' }, to: { bucket, key: 'cp/x' } }));
    expect(err.kind).toBe('NotFound');
  });
});

describe('createFolder', () => {
  it('creates an empty folder marker, and refuses an existing folder', async () => {
    await createFolder(s3, { bucket, prefix: 'f/new' });
    const info = await headObject(s3, { bucket, key: 'f/new/' });
    expect(info.size).toBe(0);
    const again = await failure(createFolder(s3, { bucket, prefix: 'f/new/' }));
    expect(again.kind).toBe('Conflict');
    expect(again.message).toBe(`Folder s3://${bucket}/f/new/ already exists. Choose another name.`);

    // A folder that exists only through the keys under it.
    await putObject(s3, { bucket, key: 'f/implicit/file.txt', body: 'x' });
    expect((await failure(createFolder(s3, { bucket, prefix: 'f/implicit/' }))).kind).toBe('Conflict');

    const pages: ListingPage[] = [];
    for await (const page of listPrefixPages(s3, { bucket, prefix: 'f/' })) {
      pages.push(page);
    }
    expect(pages.flatMap(p => p.folders.map(f => f.name))).toEqual(['implicit', 'new']);
    const inside: ListingPage[] = [];
    for await (const page of listPrefixPages(s3, { bucket, prefix: 'f/new/' })) {
      inside.push(page);
    }
    expect(inside.flatMap(p => [...p.folders, ...p.objects])).toEqual([]);
  });

  it('refuses empty folder names', async () => {
    expect((await failure(createFolder(s3, { bucket, prefix: 'f//' }))).kind).toBe('InvalidInput');
    expect((await failure(createFolder(s3, { bucket, prefix: '' }))).kind).toBe('InvalidInput');
  });
});

describe('odd keys', () => {
  const keys: [string, string][] = [
    ['spaces, +, %, unicode and emoji', 'odd/a b+c%d/ü 😀.txt'],
    ['.. segments', 'odd/../dots/..'],
    ['URL syntax characters', 'odd/q?x#y&z=1.txt'],
    ['1,024 ASCII bytes', 'odd/' + 'k'.repeat(1020)],
    ['1,024 bytes of 2-byte characters', 'odd/' + 'é'.repeat(510)]
  ];

  it.each(keys)('round-trips a key with %s', async (_label, key) => {
    const body = `content of ${key}`;
    const put = await putObject(s3, { bucket, key, body });
    const got = await getObjectText(s3, { bucket, key });
    expect(got.text).toBe(body);
    expect(got.info.key).toBe(key);
    expect(got.info.versionId).toBe(put.versionId);
    expect((await headObject(s3, { bucket, key })).checksumSha256).toBe(sha256b64(body));
    expect(await keysUnder(key)).toContain(key);
  });

  it('lists odd names exactly', async () => {
    const pages: ListingPage[] = [];
    for await (const page of listPrefixPages(s3, { bucket, prefix: 'odd/a b+c%d/' })) {
      pages.push(page);
    }
    expect(pages[0].objects.map(o => o.name)).toEqual(['ü 😀.txt']);
  });

  it('refuses a 1,025-byte key before any request', async () => {
    const offline = testClient({ endpoint: `http://127.0.0.1:${await freePortForTests()}`, maxAttempts: 1 });
    const err = await failure(putObject(offline, { bucket, key: 'odd/' + 'k'.repeat(1021), body: 'x' }));
    expect(err.kind).toBe('InvalidInput');
    expect(err.message).toContain('1025 bytes');
  });
});

describe('errors', () => {
  it('a missing bucket → NotFound with the message', async () => {
    const err = await failure(getObjectBytes(s3, { bucket: 'helium-missing-bucket-y', key: 'k' }));
    expect(err.kind).toBe('NotFound');
    expect(err.message).toBe('Bucket "helium-missing-bucket-y" does not exist on this endpoint. Check the name, or pick another bucket.');
    const write = await failure(putObject(s3, { bucket: 'helium-missing-bucket-y', key: 'k', body: 'x' }));
    expect(write.kind).toBe('NotFound');
  });

  it('an invalid bucket name is rejected before any request', async () => {
    const offline = testClient({ endpoint: `http://127.0.0.1:${await freePortForTests()}`, maxAttempts: 1 });
    for (const call of [
      () => headObject(offline, { bucket: 'a', key: 'k' }),
      () => getObjectBytes(offline, { bucket: 'UPPER', key: 'k' }),
      () => putObject(offline, { bucket: 'has_underscore', key: 'k', body: 'x' }),
      () => deleteObject(offline, { bucket: '192.168.1.1', key: 'k' }),
      () => getBucketVersioning(offline, 'xn--abc')
    ]) {
      expect((await failure(call())).kind).toBe('InvalidInput');
    }
  });

  it('an unreachable endpoint → Network naming it', async () => {
    const endpoint = `http://127.0.0.1:${await freePortForTests()}`;
    const offline = testClient({ endpoint, maxAttempts: 1 });
    const err = await failure(headObject(offline, { bucket, key: 'k' }));
    expect(err.kind).toBe('Network');
    expect(err.message).toContain(`Cannot reach the S3 endpoint ${endpoint}: is it running?`);
  });
});
