/**
 * Many requests sent with one caller's abort signal leave no listener behind on it, and never
 * hold more than one at a time (the warning `MaxListenersExceededWarning: Possible EventTarget
 * memory leak detected. 11 abort listeners added to [AbortSignal]` printed by `helium snapshot`),
 * while an abort still stops a request whose body is being read. Against the real local S3, with
 * Node's own AbortController (see src/testing/node-abort.ts).
 * @jest-environment-options {"customExportConditions": ["node", "require", "default"]}
 */
import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { countedAbort, CountedAbort } from '../testing/node-abort';
import { createTestBucket, putMany, testClient, testS3Url } from '../testing/s3';
import { generatedSource, patternBytes } from '../testing/transfer-fixtures';
import { createProxyClient } from './client';
import { mapWithConcurrency } from './concurrency';
import { isHeliumError } from './error-class';
import { getObjectBytes, getObjectStream, headObject, putObject } from './objects';
import { snapshot } from './snapshots/snapshot';
import { downloadObject } from './transfers/download';
import { memorySink } from './transfers/sinks';
import { uploadObject } from './transfers/upload';

const MiB = 1024 * 1024;
const REQUESTS = 200;
let s3: S3Client;
let bucket: string;
const keys = Array.from({ length: 20 }, (_, i) => `many/${String(i).padStart(2, '0')}.txt`);

/** The proxy client the browser uses (fetch, web stream bodies), pointed at moto. */
function fetchClient(): S3Client {
  return createProxyClient({
    proxyUrl: testS3Url(),
    fetch: (input, init) => {
      const headers = new Headers(input instanceof Request ? input.headers : undefined);
      new Headers(init?.headers).forEach((value, name) => headers.set(name, value));
      // moto accepts any signature; our Jupyter proxy would sign the request instead.
      headers.set(
        'Authorization',
        'AWS4-HMAC-SHA256 Credential=testing/20250101/us-east-1/s3/aws4_request, SignedHeaders=host, Signature=0'
      );
      return fetch(input, { ...init, headers });
    }
  });
}

/**
 * A caller's signal that already holds one listener of the caller's own, so "back to what it was"
 * is not the same as "none".
 * @returns the counted signal.
 */
function callerSignal(): CountedAbort {
  const caller = countedAbort();
  caller.controller.signal.addEventListener('abort', () => undefined);
  return caller;
}

/**
 * Read a stream to its end.
 * @param stream - the stream.
 * @returns the bytes read.
 */
async function drain(stream: ReadableStream<Uint8Array>): Promise<number> {
  const reader = stream.getReader();
  let bytes = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) {
      return bytes;
    }
    bytes += value.length;
  }
}

beforeAll(async () => {
  s3 = testClient();
  bucket = await createTestBucket(s3, 'signals');
  await putMany(s3, bucket, keys);
  await putObject(s3, { bucket, key: 'big/4mib.bin', body: patternBytes(4 * MiB, 7) });
});

describe.each([
  ['the Node client', () => s3],
  ['the proxy client (fetch)', fetchClient]
])('%s', (_name, client) => {
  it(`leaves the caller's signal as it was after ${REQUESTS} reads and writes, 16 at a time`, async () => {
    const c = client();
    const caller = callerSignal();
    const signal = caller.controller.signal;
    const kinds = ['head', 'bytes', 'stream', 'put'] as const;
    const work = Array.from({ length: REQUESTS }, (_, i) => ({ kind: kinds[i % kinds.length], key: keys[i % keys.length] }));
    const results = await mapWithConcurrency(work, 16, async ({ kind, key }) => {
      switch (kind) {
        case 'head':
          return (await headObject(c, { bucket, key, signal })).size;
        case 'bytes':
          return (await getObjectBytes(c, { bucket, key, signal })).bytes.length;
        case 'stream':
          return drain((await getObjectStream(c, { bucket, key, signal })).stream);
        case 'put':
          await putObject(c, { bucket, key: `written/${key}`, body: key, signal });
          return key.length;
      }
    });
    expect(results.every(size => size === keys[0].length)).toBe(true);
    expect(caller.listeners()).toBe(1);
    // One for all requests in flight, not one (or two) per request.
    expect(caller.peak()).toBe(2);
  });

  it('still stops a body being read when the caller aborts', async () => {
    const caller = callerSignal();
    const { stream } = await getObjectStream(client(), { bucket, key: 'big/4mib.bin', signal: caller.controller.signal });
    const reader = stream.getReader();
    const first = await reader.read();
    expect(first.done).toBe(false);
    caller.controller.abort(new Error('Ctrl-C'));
    let failure: unknown;
    try {
      for (;;) {
        const { done } = await reader.read();
        if (done) {
          break;
        }
      }
    } catch (err) {
      failure = err;
    }
    expect(isHeliumError(failure, 'Cancelled')).toBe(true);
    expect(caller.listeners()).toBe(1);
  });
});

it('leaves the caller’s signal as it was after 40 uploads and downloads at once and a multipart round trip', async () => {
  const caller = callerSignal();
  const signal = caller.controller.signal;
  const small = keys.slice(0, 20);
  await Promise.all([
    ...small.map(key => uploadObject(s3, { bucket, key: `up/${key}`, source: generatedSource(1000, 3), signal })),
    ...small.map(key => downloadObject(s3, { bucket, key, sink: memorySink(), signal }))
  ]);
  // 3 parts of 8 MiB at 16 in flight: the parts share the transfer's signal, which is derived too.
  await uploadObject(s3, { bucket, key: 'up/parts.bin', source: generatedSource(17 * MiB, 5), concurrency: 16, signal });
  const sink = memorySink();
  await downloadObject(s3, { bucket, key: 'up/parts.bin', sink, concurrency: 16, signal });
  expect(sink.bytes().length).toBe(17 * MiB);
  expect(caller.listeners()).toBe(1);
  expect(caller.peak()).toBe(2);
});

it('leaves the caller’s signal as it was after a snapshot that reads every object (no checksums)', async () => {
  // Written without a checksum, as other tools do: the snapshot HEADs and then downloads each one.
  const folder = 'plain/';
  await mapWithConcurrency(keys, 8, key => s3.send(new PutObjectCommand({ Bucket: bucket, Key: folder + key, Body: key })));
  const caller = callerSignal();
  const result = await snapshot(s3, { bucket, folder, message: 'signals', concurrency: 16, signal: caller.controller.signal });
  expect(result.streamedHashes).toBe(keys.length);
  expect(caller.listeners()).toBe(1);
  expect(caller.peak()).toBe(2);
});
