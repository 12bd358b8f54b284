/**
 * The browser's code path: the proxy client (fetch handler, no-op signer, checksums only when
 * required) uploading and downloading through a TCP proxy that cuts a connection once. moto
 * stands in for our Jupyter proxy; the fetch adds a dummy Authorization header (moto accepts
 * any signature, and our Jupyter proxy would sign the request instead).
 * @jest-environment-options {"customExportConditions": ["node", "require", "default"]}
 */
import { ListMultipartUploadsCommand, S3Client } from '@aws-sdk/client-s3';
import { Blob as NodeBlob } from 'buffer';
import { createHash } from 'crypto';
import { CuttingProxy, RecordedRequest, startCuttingProxy } from '../../testing/cutting-proxy';
import { createTestBucket, testClient, testS3Url } from '../../testing/s3';
import { patternBytes } from '../../testing/transfer-fixtures';
import { createProxyClient } from '../client';
import { downloadObject } from './download';
import { memorySink } from './sinks';
import { blobSource } from './sources';
import { uploadObject } from './upload';

const MiB = 1024 * 1024;
const data = patternBytes(20 * MiB, 42);
let direct: S3Client;
let bucket: string;
let proxy: CuttingProxy | undefined;

/** A Blob as browsers have (Node's: jsdom's Blob cannot be read as an ArrayBuffer). */
const blobOf = (bytes: Uint8Array) => new NodeBlob([bytes]) as unknown as Blob;
const sha = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
const isUploadPart = (r: RecordedRequest) => r.method === 'PUT' && /[?&]partNumber=/.test(r.path);

/** A browser-like client whose requests go through `url`. */
function browserClient(url: string): S3Client {
  return createProxyClient({
    proxyUrl: url,
    fetch: (input, init) => {
      // The SDK passes a Request (its headers inside) and maybe init headers: keep both.
      const headers = new Headers(input instanceof Request ? input.headers : undefined);
      new Headers(init?.headers).forEach((value, name) => headers.set(name, value));
      headers.set(
        'Authorization',
        'AWS4-HMAC-SHA256 Credential=testing/20250101/us-east-1/s3/aws4_request, SignedHeaders=host, Signature=0'
      );
      return fetch(input, { ...init, headers });
    }
  });
}

beforeAll(async () => {
  direct = testClient();
  bucket = await createTestBucket(direct, 'fetch');
});

afterEach(async () => {
  await proxy?.close();
  proxy = undefined;
});

it('uploads a Blob in parts through a cut connection, with plain checksum headers', async () => {
  proxy = await startCuttingProxy(testS3Url(), { match: isUploadPart, nth: 2 });
  const result = await uploadObject(browserClient(proxy.url), {
    bucket,
    key: 'fetch/blob.bin',
    source: blobSource(blobOf(data)),
    concurrency: 2
  });
  expect(proxy.cuts).toBe(1);
  expect(result.parts).toBe(3);
  // Every part, and the one cut (the second to arrive) sent again; no exact total (see dropped-connection).
  const parts = proxy.requests.filter(isUploadPart);
  const partNumberOf = (r: RecordedRequest) => Number(/[?&]partNumber=(\d+)/.exec(r.path)?.[1]);
  expect(new Set(parts.map(partNumberOf))).toEqual(new Set([1, 2, 3]));
  expect(parts.slice(2).map(partNumberOf)).toContain(partNumberOf(parts[1]));
  for (const part of parts) {
    expect(part.headers['x-amz-checksum-sha256']).toMatch(/^[A-Za-z0-9+/]{43}=$/);
    expect(part.headers['x-amz-trailer']).toBeUndefined();
    expect(part.headers['content-encoding'] ?? '').not.toMatch(/aws-chunked/);
    expect(part.headers['transfer-encoding']).toBeUndefined();
  }
  const uploads = await direct.send(new ListMultipartUploadsCommand({ Bucket: bucket }));
  expect(uploads.Uploads ?? []).toEqual([]);

  const sink = memorySink();
  proxy.requests.length = 0;
  const downloaded = await downloadObject(browserClient(proxy.url), { bucket, key: 'fetch/blob.bin', sink });
  expect(downloaded.versionId).toBe(result.versionId);
  expect(sha(sink.bytes())).toBe(sha(data));
});

it('downloads through a response cut short', async () => {
  await uploadObject(direct, { bucket, key: 'fetch/cut.bin', source: blobSource(blobOf(data)) });
  proxy = await startCuttingProxy(testS3Url(), {
    // The download's first (and only) stream, a GET of the whole object read as a web stream.
    match: r => r.method === 'GET' && r.path.includes('fetch/cut.bin'),
    where: 'response-body',
    afterBytes: 2 * MiB
  });
  const sink = memorySink();
  await downloadObject(browserClient(proxy.url), { bucket, key: 'fetch/cut.bin', sink, concurrency: 3 });
  expect(proxy.cuts).toBe(1);
  // It resumed from where the cut left it, not from the start.
  const gets = proxy.requests.filter(r => r.method === 'GET' && r.path.includes('fetch/cut.bin'));
  expect(gets[0].headers.range).toBeUndefined();
  expect(Number(/^bytes=(\d+)-/.exec(gets[1]?.headers.range ?? '')?.[1])).toBeGreaterThan(0);
  expect(sha(sink.bytes())).toBe(sha(data));
});
