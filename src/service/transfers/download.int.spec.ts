/**
 * Integration tests of downloads against the real local S3 (moto): order with concurrency,
 * the reorder window, version pinning, cancel and failures.
 * @jest-environment-options {"customExportConditions": ["node", "require", "default"]}
 */
import type { S3Client } from '@aws-sdk/client-s3';
import { createHash } from 'crypto';
import { createTestBucket, testClient } from '../../testing/s3';
import { patternBytes } from '../../testing/transfer-fixtures';
import { putObject } from '../objects';
import { downloadObject } from './download';
import { memorySink } from './sinks';
import { bytesSource } from './sources';
import type { ByteSink, TransferProgress } from './types';
import { uploadObject } from './upload';
import { failure } from '../../testing/failure';

const MiB = 1024 * 1024;
let s3: S3Client;
let bucket: string;
const size = 36 * MiB + 123; // 5 ranges of 8 MiB, the last short
const data = patternBytes(size, 36);

beforeAll(async () => {
  s3 = testClient();
  bucket = await createTestBucket(s3, 'downloads');
  await uploadObject(s3, { bucket, key: 'big.bin', source: bytesSource(data) });
});

const sha = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

it('delivers ranges in order with concurrency 4', async () => {
  // A slow sink: fetches finish while it writes, so out-of-order completion really happens.
  const sink = memorySink();
  const offsets: number[] = [];
  let written = 0;
  const slow: ByteSink = {
    write: async bytes => {
      offsets.push(written);
      written += bytes.byteLength;
      await new Promise(resolve => setTimeout(resolve, 30));
      await sink.write(bytes);
    },
    close: () => sink.close(),
    abort: () => sink.abort()
  };
  const seen: TransferProgress[] = [];
  const result = await downloadObject(s3, { bucket, key: 'big.bin', sink: slow, concurrency: 4, onProgress: p => seen.push(p) });
  expect(result.size).toBe(size);
  expect(offsets).toEqual([0, 8, 16, 24, 32].map(m => m * MiB));
  expect(sink.closed).toBe(true);
  expect(sha(sink.bytes())).toBe(sha(data));
  expect(seen[seen.length - 1]).toEqual({ transferredBytes: size, totalBytes: size });
  for (let i = 1; i < seen.length; i++) {
    expect(seen[i].transferredBytes).toBeGreaterThanOrEqual(seen[i - 1].transferredBytes);
  }
});

it('never starts a range beyond the window while the sink is stuck', async () => {
  let release!: () => void;
  const gate = new Promise<void>(resolve => (release = resolve));
  let entered!: () => void;
  const sinkEntered = new Promise<void>(resolve => (entered = resolve));
  let bothFetched!: () => void;
  const rangesFetched = new Promise<void>(resolve => (bothFetched = resolve));
  const calls: string[] = [];
  const fetched: string[] = [];
  const original = s3.send.bind(s3) as (...args: unknown[]) => Promise<{ Body?: { transformToByteArray(): Promise<Uint8Array> } }>;
  const spy = jest.spyOn(s3, 'send').mockImplementation(((command: { input: { Range?: string } }, ...rest: unknown[]) => {
    const range = command.input.Range;
    if (!range) {
      return original(command, ...rest);
    }
    calls.push(range);
    // Note when a range's bytes are all in: that is when its fetcher goes for the next one.
    return original(command, ...rest).then(output => {
      const body = output.Body;
      if (body) {
        const read = body.transformToByteArray.bind(body);
        body.transformToByteArray = async () => {
          const bytes = await read();
          fetched.push(range);
          if (fetched.length === 2) {
            bothFetched();
          }
          return bytes;
        };
      }
      return output;
    });
  }) as never);
  try {
    const sink = memorySink();
    const stuck: ByteSink = {
      write: async bytes => {
        entered();
        await gate;
        await sink.write(bytes);
      },
      close: () => sink.close(),
      abort: () => sink.abort()
    };
    const download = downloadObject(s3, { bucket, key: 'big.bin', sink: stuck, concurrency: 2 });
    // The first range is in the (stuck) sink and both fetchers have their range: what each does
    // next runs in promise callbacks only (no I/O), all done before the next turn of the loop.
    await Promise.all([sinkEntered, rangesFetched]);
    await new Promise(resolve => setTimeout(resolve, 0));
    // Two ranges in flight or held, the window of 2 is full: nothing else started.
    expect(calls.length).toBe(2);
    release();
    await download;
    expect(calls.length).toBe(5);
    expect(sha(sink.bytes())).toBe(sha(data));
  } finally {
    spy.mockRestore();
  }
});

it('reads the version it started with when the object is overwritten meanwhile', async () => {
  const key = 'pinned.bin';
  const first = patternBytes(20 * MiB, 1);
  const v1 = await uploadObject(s3, { bucket, key, source: bytesSource(first) });
  const sink = memorySink();
  let overwritten = false;
  const overwriting: ByteSink = {
    write: async bytes => {
      if (!overwritten) {
        overwritten = true;
        // After HEAD and the first range, before the others (concurrency 1).
        await uploadObject(s3, { bucket, key, source: bytesSource(patternBytes(20 * MiB, 2)) });
      }
      await sink.write(bytes);
    },
    close: () => sink.close(),
    abort: () => sink.abort()
  };
  const result = await downloadObject(s3, { bucket, key, sink: overwriting, concurrency: 1 });
  expect(overwritten).toBe(true);
  expect(result.versionId).toBe(v1.versionId);
  expect(sha(sink.bytes())).toBe(sha(first));
});

it('fails with Conflict when an unversioned object is overwritten meanwhile', async () => {
  const plain = await createTestBucket(s3, 'downloads-plain', false);
  const key = 'plain.bin';
  await uploadObject(s3, { bucket: plain, key, source: bytesSource(patternBytes(20 * MiB, 1)) });
  const sink = memorySink();
  let overwritten = false;
  const overwriting: ByteSink = {
    write: async bytes => {
      if (!overwritten) {
        overwritten = true;
        await putObject(s3, { bucket: plain, key, body: 'something else entirely' });
      }
      await sink.write(bytes);
    },
    close: () => sink.close(),
    abort: () => sink.abort()
  };
  const err = await failure(downloadObject(s3, { bucket: plain, key, sink: overwriting, concurrency: 1 }));
  expect(err.kind).toBe('Conflict');
  expect(err.message).toMatch(/overwritten while it was being downloaded/);
  expect(sink.aborted).toBe(true);
  expect(sink.closed).toBe(false);
});

it('downloads an older version by id', async () => {
  const key = 'versions.txt';
  const v1 = await putObject(s3, { bucket, key, body: 'one' });
  await putObject(s3, { bucket, key, body: 'two' });
  const sink = memorySink();
  const result = await downloadObject(s3, { bucket, key, versionId: v1.versionId, sink });
  expect(new TextDecoder().decode(sink.bytes())).toBe('one');
  expect(result).toMatchObject({ size: 3, versionId: v1.versionId, checksumSha256: v1.checksumSha256 });
});

it('cancel: Cancelled, the sink is aborted, not closed', async () => {
  const controller = new AbortController();
  const sink = memorySink();
  const err = await failure(
    downloadObject(s3, {
      bucket,
      key: 'big.bin',
      sink,
      signal: controller.signal,
      onProgress: p => {
        if (p.transferredBytes > 0) {
          controller.abort();
        }
      }
    })
  );
  expect(err.kind).toBe('Cancelled');
  expect(sink.aborted).toBe(true);
  expect(sink.closed).toBe(false);
});

it('a missing object: NotFound, the sink is aborted', async () => {
  const sink = memorySink();
  const err = await failure(downloadObject(s3, { bucket, key: 'no/such.bin', sink }));
  expect(err.kind).toBe('NotFound');
  expect(sink.aborted).toBe(true);
});

it('a sink that fails: its error, the sink aborted', async () => {
  const sink = memorySink(10 * MiB);
  const err = await failure(downloadObject(s3, { bucket, key: 'big.bin', sink }));
  expect(err.message).toMatch(/larger than 10,485,760 bytes/);
  expect(sink.aborted).toBe(true);
});
