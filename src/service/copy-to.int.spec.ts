/**
 * Integration tests of *Copy to…* against the real local S3 (moto): a folder of 3 to another
 * bucket (server-side), the multipart copy path (a small threshold), and copies and moves to
 * another connection (a second client with its own credentials, to the same moto), streamed.
 * @jest-environment-options {"customExportConditions": ["node", "require", "default"]}
 */
import { S3Client } from '@aws-sdk/client-s3';
import { createHash } from 'crypto';
import { failure } from '../testing/failure';
import { createTestBucket, testClient } from '../testing/s3';
import { createNodeClient } from './client';
import { copyAcrossConnections } from './copy-across';
import { copyHistoryNote, copyObjects, isHeliumError, listVersions, MoveProgress } from './index';
import { getObjectBytes, headObject, putObject } from './objects';
import { uploadObject } from './transfers/upload';
import { bytesSource } from './transfers/sources';
import { testS3Url } from '../testing/s3';

jest.setTimeout(120_000);

let s3: S3Client;
/** Another connection: its own client and credentials (moto maps any to one account). */
let elsewhere: S3Client;
let bucket: string;
let other: string;

const sha = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/** Deterministic bytes, different per seed. */
function bytesOf(size: number, seed: number): Uint8Array {
  const out = new Uint8Array(size);
  for (let i = 0; i < size; i++) {
    out[i] = (i * 31 + seed * 7 + (i >> 13)) & 0xff;
  }
  return out;
}

async function sha256Of(client: S3Client, b: string, key: string): Promise<string | null> {
  try {
    return sha((await getObjectBytes(client, { bucket: b, key })).bytes);
  } catch (err) {
    if (isHeliumError(err, 'NotFound')) {
      return null;
    }
    throw err;
  }
}

beforeAll(async () => {
  s3 = testClient();
  elsewhere = createNodeClient({
    endpoint: testS3Url(),
    region: 'us-east-1',
    credentials: { accessKeyId: 'elsewhere', secretAccessKey: 'elsewhere-secret' }
  });
  bucket = await createTestBucket(s3, 'copyto');
  other = await createTestBucket(s3, 'copyto-other');
});

describe('copy to another bucket (one connection, server-side)', () => {
  it('copies a folder of 3: new keys start one version each, the sources keep their history', async () => {
    const names = ['a.csv', 'sub/b.json', 'c.txt'];
    for (const name of names) {
      await putObject(s3, { bucket, key: `three/${name}`, body: `old ${name}` });
      await putObject(s3, { bucket, key: `three/${name}`, body: `content of ${name}`, userMetadata: { n: name.length.toString() } });
    }
    const seen: MoveProgress[] = [];
    const result = await copyObjects(s3, {
      from: { bucket, key: 'three/' },
      to: { bucket: other, key: 'into/three/' },
      onProgress: p => seen.push(p)
    });
    expect(result.moved.map(m => m.to).sort()).toEqual(names.map(n => `into/three/${n}`).sort());
    expect(seen[seen.length - 1]).toMatchObject({ objectsDone: 3, objectsTotal: 3 });
    for (const name of names) {
      const copy = await getObjectBytes(s3, { bucket: other, key: `into/three/${name}` });
      expect(new TextDecoder().decode(copy.bytes)).toBe(`content of ${name}`);
      expect(copy.info.userMetadata).toEqual({ n: name.length.toString() });
      expect((await listVersions(s3, { bucket: other, key: `into/three/${name}` })).versions).toHaveLength(1);
      expect((await listVersions(s3, { bucket, key: `three/${name}` })).versions).toHaveLength(2);
    }
    expect(copyHistoryNote('Enabled')).toMatch(/history of its own.*originals and their version history stay/s);
    expect(copyHistoryNote('Off')).toMatch(/replaces it for good/);
  });

  it('copies a big object in parts above the threshold, bytes and metadata intact', async () => {
    const body = bytesOf(9 * 1024 * 1024 + 123, 1); // two 8 MiB-layout parts: S3 refuses parts under 5 MiB but the last
    await putObject(s3, { bucket, key: 'big/nine.bin', body, contentType: 'application/x-nine', userMetadata: { kind: 'big' } });
    await copyObjects(s3, {
      from: { bucket, key: 'big/nine.bin' },
      to: { bucket: other, key: 'big/nine.bin' },
      multipartThreshold: 5 * 1024 * 1024
    });
    const info = await headObject(s3, { bucket: other, key: 'big/nine.bin' });
    expect(info.etag).toMatch(/-2$/); // a multipart object: the copy went through UploadPartCopy
    expect(info.contentType).toBe('application/x-nine');
    expect(info.userMetadata).toEqual({ kind: 'big' });
    expect(await sha256Of(s3, other, 'big/nine.bin')).toBe(sha(body));
  });
});

describe('copyAcrossConnections (streamed through the client)', () => {
  it('copies a folder, a multipart-sized object included, with content type and metadata', async () => {
    const big = bytesOf(9 * 1024 * 1024 + 5, 2);
    await putObject(s3, { bucket, key: 'across/small.txt', body: 'small', contentType: 'text/plain', userMetadata: { a: '1' } });
    await putObject(s3, { bucket, key: 'across/deep/empty.txt', body: '' });
    await uploadObject(s3, { bucket, key: 'across/big.bin', source: bytesSource(big), contentType: 'application/x-big' });
    const seen: MoveProgress[] = [];
    const result = await copyAcrossConnections(s3, elsewhere, {
      from: { bucket, key: 'across/' },
      to: { bucket: other, key: 'from-elsewhere/' },
      onProgress: p => seen.push(p)
    });
    expect(result.moved).toHaveLength(3);
    expect(result.historyNote).toBeNull();
    const last = seen[seen.length - 1];
    expect(last).toEqual({ objectsDone: 3, objectsTotal: 3, bytesDone: big.length + 5, bytesTotal: big.length + 5 });
    expect(await sha256Of(elsewhere, other, 'from-elsewhere/big.bin')).toBe(sha(big));
    const bigInfo = await headObject(elsewhere, { bucket: other, key: 'from-elsewhere/big.bin' });
    expect(bigInfo.etag).toMatch(/-2$/); // written in parts by the upload engine
    expect(bigInfo.contentType).toBe('application/x-big');
    const small = await headObject(elsewhere, { bucket: other, key: 'from-elsewhere/small.txt' });
    expect(small.contentType).toBe('text/plain');
    expect(small.userMetadata).toEqual({ a: '1' });
    expect((await headObject(elsewhere, { bucket: other, key: 'from-elsewhere/deep/empty.txt' })).size).toBe(0);
    // The source is untouched.
    expect(await sha256Of(s3, bucket, 'across/big.bin')).toBe(sha(big));
  });

  it('refuses to write over what exists there, writing nothing', async () => {
    await putObject(s3, { bucket, key: 'clash/x.txt', body: 'new' });
    await putObject(elsewhere, { bucket: other, key: 'clash/x.txt', body: 'kept' });
    const error = await failure(
      copyAcrossConnections(s3, elsewhere, { from: { bucket, key: 'clash/x.txt' }, to: { bucket: other, key: 'clash/x.txt' } })
    );
    expect(error.kind).toBe('Conflict');
    expect((await listVersions(s3, { bucket: other, key: 'clash/x.txt' })).versions).toHaveLength(1);
    // Same bucket and key names through two connections are not "onto itself": with overwrite, a new version.
    await copyAcrossConnections(s3, elsewhere, {
      from: { bucket, key: 'clash/x.txt' },
      to: { bucket: other, key: 'clash/x.txt' },
      overwrite: true
    });
    expect((await listVersions(s3, { bucket: other, key: 'clash/x.txt' })).versions).toHaveLength(2);
  });

  it('a move deletes the sources only after every copy succeeded; a cancel part-way deletes none', async () => {
    const names = ['1.txt', '2.txt', '3.txt', '4.txt'];
    for (const name of names) {
      await putObject(s3, { bucket, key: `mv/${name}`, body: name });
    }
    const controller = new AbortController();
    const error = await failure(
      copyAcrossConnections(s3, elsewhere, {
        from: { bucket, key: 'mv/' },
        to: { bucket: other, key: 'mv/' },
        move: true,
        concurrency: 1,
        signal: controller.signal,
        onProgress: p => {
          if (p.objectsDone === 1) {
            controller.abort();
          }
        }
      })
    );
    expect(error.kind).toBe('Cancelled');
    for (const name of names) {
      expect(await sha256Of(s3, bucket, `mv/${name}`)).toBe(sha(new TextEncoder().encode(name)));
    }
    // Run to the end: every source gone (a delete marker over its history), every copy there.
    const result = await copyAcrossConnections(s3, elsewhere, {
      from: { bucket, key: 'mv/' },
      to: { bucket: other, key: 'mv/' },
      move: true,
      overwrite: true
    });
    expect(result.historyNote).toMatch(/keep their version history/);
    for (const name of names) {
      expect(await sha256Of(s3, bucket, `mv/${name}`)).toBeNull();
      expect(await sha256Of(elsewhere, other, `mv/${name}`)).toBe(sha(new TextEncoder().encode(name)));
    }
  });
});
