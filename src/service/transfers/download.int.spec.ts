/**
 * Integration tests of downloads against the real local S3 (moto): one stream by default, order
 * and the bounded read-ahead with several streams, files written by several streams, version
 * pinning, cancel and failures.
 * @jest-environment-options {"customExportConditions": ["node", "require", "default"]}
 */
import type { S3Client } from '@aws-sdk/client-s3';
import { createHash } from 'crypto';
import { createTestBucket, recordCommands, testClient } from '../../testing/s3';
import { patternBytes } from '../../testing/transfer-fixtures';
import { putObject } from '../objects';
import { promises as fs } from 'fs';
import * as os from 'os';
import * as path from 'path';
import { downloadObject, DownloadTuning, runDownload } from './download';
import { openFileSink } from './node-fs';
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

/**
 * A tuner that adds a stream at every chance, up to the most allowed (and may be told to wait
 * for a signal first): the parallel paths run whatever the server's speed.
 * @param ready - add streams only once this returns true.
 * @returns the tuner factory for runDownload.
 */
function eagerTuner(ready: () => boolean = () => true): DownloadTuning['tuner'] {
  return (maxStreams: number) => {
    let streams = 1;
    return {
      get parallel() {
        return true;
      },
      get settled() {
        return streams >= maxStreams;
      },
      start: () => undefined,
      added: () => void streams++,
      firstByte: () => undefined,
      cannotAdd: () => void (streams = maxStreams),
      observe: () => (ready() && streams < maxStreams ? 'add' : 'wait')
    };
  };
}

/** Count the GetObject requests a client sends, and their ranges. */
function countGets(client: S3Client): { ranges: (string | undefined)[]; restore(): void } {
  const ranges: (string | undefined)[] = [];
  const original = client.send.bind(client) as (...args: unknown[]) => Promise<unknown>;
  const spy = jest.spyOn(client, 'send').mockImplementation(((
    command: { constructor: { name: string }; input: { Range?: string } },
    ...rest: unknown[]
  ) => {
    if (command.constructor.name === 'GetObjectCommand') {
      ranges.push(command.input.Range);
    }
    return original(command, ...rest);
  }) as never);
  return { ranges, restore: () => spy.mockRestore() };
}

it('an object of less than two parts: one GET, no HEAD, whatever the tuner says', async () => {
  const small = patternBytes(12 * MiB, 5);
  await uploadObject(s3, { bucket, key: 'small.bin', source: bytesSource(small) });
  const { sent, restore } = recordCommands(s3);
  try {
    const sink = memorySink();
    const result = await runDownload(s3, { bucket, key: 'small.bin', sink, concurrency: 4 }, { tuner: eagerTuner() });
    expect(result.size).toBe(small.byteLength);
    expect(sha(sink.bytes())).toBe(sha(small));
    expect(sent).toEqual(['GetObject']);
  } finally {
    restore();
  }
});

it('delivers bytes in order to an in-order sink with 4 streams', async () => {
  // A slow sink: the other streams read ahead while it writes, so out-of-order arrival happens.
  const sink = memorySink();
  const offsets: number[] = [];
  let written = 0;
  const slow: ByteSink = {
    write: async bytes => {
      offsets.push(written);
      written += bytes.byteLength;
      await new Promise(resolve => setTimeout(resolve, 5));
      await sink.write(bytes);
    },
    close: () => sink.close(),
    abort: () => sink.abort()
  };
  const seen: TransferProgress[] = [];
  const gets = countGets(s3);
  try {
    const result = await runDownload(
      s3,
      { bucket, key: 'big.bin', sink: slow, concurrency: 4, onProgress: p => seen.push(p) },
      { tuner: eagerTuner() }
    );
    expect(result.size).toBe(size);
    expect(gets.ranges.filter(r => r !== undefined).length).toBeGreaterThanOrEqual(1);
  } finally {
    gets.restore();
  }
  expect(sink.closed).toBe(true);
  expect(sha(sink.bytes())).toBe(sha(data));
  // Every write starts where the previous one ended.
  expect(offsets[0]).toBe(0);
  expect(offsets).toEqual([...offsets].sort((a, b) => a - b));
  expect(new Set(offsets).size).toBe(offsets.length);
  expect(seen[seen.length - 1]).toEqual({ transferredBytes: size, totalBytes: size });
  for (let i = 1; i < seen.length; i++) {
    expect(seen[i].transferredBytes).toBeGreaterThanOrEqual(seen[i - 1].transferredBytes);
  }
});

it('reads ahead at most `concurrency` parts (plus write batches) while an in-order sink is stuck', async () => {
  let release!: () => void;
  const gate = new Promise<void>(resolve => (release = resolve));
  const sink = memorySink();
  const stuck: ByteSink = {
    write: async bytes => {
      await gate;
      await sink.write(bytes);
    },
    close: () => sink.close(),
    abort: () => sink.abort()
  };
  let received = 0;
  const download = runDownload(
    s3,
    { bucket, key: 'big.bin', sink: stuck, concurrency: 2, onProgress: p => (received = p.transferredBytes) },
    { tuner: eagerTuner() }
  );
  // Wait until the streams stop reading (nothing more arrives for a while).
  let before = -1;
  while (received !== before) {
    before = received;
    await new Promise(resolve => setTimeout(resolve, 400));
  }
  // 2 parts of 8 MiB held for the sink, and per stream one batch being written and one gathered.
  expect(received).toBeGreaterThan(0);
  expect(received).toBeLessThanOrEqual(2 * 8 * MiB + 2 * 2 * MiB + 2 * 64 * 1024);
  expect(received).toBeLessThan(size);
  release();
  await download;
  expect(sha(sink.bytes())).toBe(sha(data));
});

it('reassembles an object read by several ranged streams straight into a file', async () => {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'helium-dl-'));
  try {
    const file = path.join(dir, 'big.bin');
    const gets = countGets(s3);
    try {
      const result = await runDownload(
        s3,
        { bucket, key: 'big.bin', sink: await openFileSink(file), concurrency: 4 },
        { tuner: eagerTuner() }
      );
      expect(result.size).toBe(size);
      // The first GET of the whole object, then ranged GETs of the parts split off it.
      expect(gets.ranges[0]).toBeUndefined();
      expect(gets.ranges.slice(1).length).toBeGreaterThanOrEqual(2);
      for (const range of gets.ranges.slice(1)) {
        expect(range).toMatch(/^bytes=\d+-\d+$/);
      }
    } finally {
      gets.restore();
    }
    expect(sha(await fs.readFile(file))).toBe(sha(data));
    expect(await fs.readdir(dir)).toEqual(['big.bin']); // no temporary file left
  } finally {
    await fs.rm(dir, { recursive: true, force: true });
  }
});

it('cancel while several streams write into a file: Cancelled, no file, no temporary file', async () => {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'helium-dl-'));
  try {
    const controller = new AbortController();
    const err = await failure(
      runDownload(
        s3,
        {
          bucket,
          key: 'big.bin',
          sink: await openFileSink(path.join(dir, 'big.bin')),
          concurrency: 4,
          signal: controller.signal,
          onProgress: p => {
            if (p.transferredBytes > 12 * MiB) {
              controller.abort();
            }
          }
        },
        { tuner: eagerTuner() }
      )
    );
    expect(err.kind).toBe('Cancelled');
    expect(await fs.readdir(dir)).toEqual([]);
  } finally {
    await fs.rm(dir, { recursive: true, force: true });
  }
});

it('reads the version it started with when the object is overwritten meanwhile', async () => {
  const key = 'pinned.bin';
  const first = patternBytes(40 * MiB, 1);
  const v1 = await uploadObject(s3, { bucket, key, source: bytesSource(first) });
  const sink = memorySink();
  let overwritten = false;
  const overwriting: ByteSink = {
    write: async bytes => {
      if (!overwritten) {
        await uploadObject(s3, { bucket, key, source: bytesSource(patternBytes(40 * MiB, 2)) });
        overwritten = true;
      }
      await sink.write(bytes);
    },
    close: () => sink.close(),
    abort: () => sink.abort()
  };
  // The second stream starts after the overwrite: it must read the first version.
  const gets = countGets(s3);
  const result = await runDownload(
    s3,
    { bucket, key, sink: overwriting, concurrency: 2 },
    { tuner: eagerTuner(() => overwritten) }
  ).finally(() => gets.restore());
  expect(gets.ranges.filter(r => r !== undefined).length).toBeGreaterThanOrEqual(1);
  expect(overwritten).toBe(true);
  expect(result.versionId).toBe(v1.versionId);
  expect(sha(sink.bytes())).toBe(sha(first));
});

it('fails with Conflict when an unversioned object is overwritten before a later range is read', async () => {
  const plain = await createTestBucket(s3, 'downloads-plain', false);
  const key = 'plain.bin';
  await uploadObject(s3, { bucket: plain, key, source: bytesSource(patternBytes(40 * MiB, 1)) });
  const sink = memorySink();
  let overwritten = false;
  const overwriting: ByteSink = {
    write: async bytes => {
      if (!overwritten) {
        await putObject(s3, { bucket: plain, key, body: 'something else entirely' });
        overwritten = true;
      }
      await sink.write(bytes);
    },
    close: () => sink.close(),
    abort: () => sink.abort()
  };
  const err = await failure(
    runDownload(s3, { bucket: plain, key, sink: overwriting, concurrency: 2 }, { tuner: eagerTuner(() => overwritten) })
  );
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
  expect(result).toMatchObject({ size: 3, versionId: v1.versionId, etag: v1.etag });
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
