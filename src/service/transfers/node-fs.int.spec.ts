/**
 * Node file sources and sinks, and a file round trip through the local S3 (moto).
 * @jest-environment-options {"customExportConditions": ["node", "require", "default"]}
 */
import type { S3Client } from '@aws-sdk/client-s3';
import { createHash } from 'crypto';
import { promises as fs } from 'fs';
import * as os from 'os';
import * as path from 'path';
import { createTestBucket, testClient } from '../../testing/s3';
import { patternBytes } from '../../testing/transfer-fixtures';
import { HeliumError } from '../error-class';
import { downloadObject } from './download';
import { openFileSink, openFileSource } from './node-fs';
import { uploadObject } from './upload';

const MiB = 1024 * 1024;
let s3: S3Client;
let bucket: string;
let dir: string;

beforeAll(async () => {
  s3 = testClient();
  bucket = await createTestBucket(s3, 'files');
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'helium-files-'));
});

afterAll(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

const sha = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

it('uploads a file and downloads it to another, atomically', async () => {
  const data = patternBytes(17 * MiB + 5, 17);
  const from = path.join(dir, 'in.bin');
  const to = path.join(dir, 'out.bin');
  await fs.writeFile(from, data);
  const source = await openFileSource(from);
  try {
    expect(source.size).toBe(data.length);
    const result = await uploadObject(s3, { bucket, key: 'files/in.bin', source });
    expect(result.parts).toBe(3);
  } finally {
    await source.close();
  }
  await fs.writeFile(to, 'the previous content');
  const sink = await openFileSink(to);
  await downloadObject(s3, { bucket, key: 'files/in.bin', sink });
  expect(sha(await fs.readFile(to))).toBe(sha(data));
  expect((await fs.readdir(dir)).sort()).toEqual(['in.bin', 'out.bin']);
});

it('a failed download deletes the temporary file and keeps the old one', async () => {
  const to = path.join(dir, 'kept.txt');
  await fs.writeFile(to, 'keep me');
  const sink = await openFileSink(to);
  await expect(fs.stat(sink.tempPath)).resolves.toBeTruthy();
  const err = await downloadObject(s3, { bucket, key: 'files/missing.bin', sink }).catch(e => e);
  expect(err).toBeInstanceOf(HeliumError);
  expect((err as HeliumError).kind).toBe('NotFound');
  await expect(fs.stat(sink.tempPath)).rejects.toThrow();
  expect(await fs.readFile(to, 'utf8')).toBe('keep me');
});

it('a file that shrinks during the upload fails instead of uploading less', async () => {
  const from = path.join(dir, 'shrinks.bin');
  await fs.writeFile(from, patternBytes(10 * MiB, 3));
  const source = await openFileSource(from);
  try {
    await fs.truncate(from, 9 * MiB);
    const err = await uploadObject(s3, { bucket, key: 'files/shrinks.bin', source }).catch(e => e);
    expect(err).toBeInstanceOf(HeliumError);
    expect((err as HeliumError).kind).toBe('Conflict');
    expect((err as HeliumError).code).toBe('SourceChanged');
  } finally {
    await source.close();
  }
});

it('a small file is read whole when opened; files around the 1 MiB cut round-trip intact', async () => {
  const from = path.join(dir, 'small.bin');
  const original = patternBytes(200 * 1024, 5);
  await fs.writeFile(from, original);
  const source = await openFileSource(from);
  // Rewritten after the open: the upload sends what the file held when it was opened.
  await fs.writeFile(from, patternBytes(100, 6));
  await uploadObject(s3, { bucket, key: 'files/small.bin', source });
  await source.close();
  for (const size of [0, MiB, MiB + 1]) {
    const file = path.join(dir, `edge-${size}.bin`);
    await fs.writeFile(file, patternBytes(size, 7));
    const edge = await openFileSource(file);
    expect(edge.size).toBe(size);
    await uploadObject(s3, { bucket, key: `files/edge-${size}.bin`, source: edge });
    await edge.close();
  }
  for (const [key, expected] of [
    ['files/small.bin', original],
    ...[0, MiB, MiB + 1].map(size => [`files/edge-${size}.bin`, patternBytes(size, 7)] as const)
  ] as const) {
    const to = path.join(dir, `back-${path.basename(key)}`);
    const sink = await openFileSink(to);
    await downloadObject(s3, { bucket, key, sink });
    expect(sha(await fs.readFile(to))).toBe(sha(expected));
  }
});

it('refuses a folder as a source', async () => {
  await expect(openFileSource(dir)).rejects.toThrow();
});

it('flushes the file before the rename unless told it replaces nothing', async () => {
  const probe = await fs.open(path.join(dir, 'probe.txt'), 'w');
  const datasync = jest.spyOn(Object.getPrototypeOf(probe) as { datasync(): Promise<void> }, 'datasync');
  await probe.close();
  try {
    const fresh = path.join(dir, 'fresh.txt');
    const unsynced = await openFileSink(fresh, { syncBeforeRename: false });
    await unsynced.write(new TextEncoder().encode('new file'));
    await unsynced.close();
    expect(datasync).not.toHaveBeenCalled();
    expect(await fs.readFile(fresh, 'utf8')).toBe('new file');
    await expect(fs.stat(unsynced.tempPath)).rejects.toThrow();

    const synced = await openFileSink(fresh);
    await synced.write(new TextEncoder().encode('replaced'));
    await synced.close();
    expect(datasync).toHaveBeenCalledTimes(1);
    expect(await fs.readFile(fresh, 'utf8')).toBe('replaced');
  } finally {
    datasync.mockRestore();
  }
});
