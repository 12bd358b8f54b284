/**
 * 1 GiB through the `helium` command: the upload and the download each keep the process under
 * 300 MB resident (peak, VmHWM), and S3's composite SHA-256 of the object equals Quilt's
 * `sha2-256-chunked` hash of the file, computed here independently with Node's crypto.
 *
 * Needs ~2 GiB of free space in the temp folder and about a minute. Skip it with
 * HELIUM_SKIP_BIG_TESTS=1.
 * @jest-environment-options {"customExportConditions": ["node", "require", "default"]}
 */
import { DeleteObjectCommand, ListMultipartUploadsCommand, S3Client } from '@aws-sdk/client-s3';
import { createHash, randomBytes } from 'crypto';
import { createReadStream, promises as fs } from 'fs';
import * as os from 'os';
import * as path from 'path';
import { headObject } from '../service/objects';
import { createTestBucket, testClient, testS3Url } from '../testing/s3';
import { ensureCliBuilt, peakRss, startCli } from '../testing/cli-harness';

const SIZE = 1024 * 1024 * 1024;
const CHUNK = 8 * 1024 * 1024;
const RSS_LIMIT = 300 * 1000 * 1000;

const skip = process.env.HELIUM_SKIP_BIG_TESTS === '1';
const maybe = skip ? describe.skip : describe;

/**
 * Quilt's `sha2-256-chunked`: SHA-256 of each 8 MiB chunk (the chunk size doubles only past
 * 10,000 chunks, not at 1 GiB), the digests concatenated, their SHA-256, in base64.
 * @param digests - the chunk digests.
 * @returns the hash.
 */
function quiltHash(digests: Buffer[]): string {
  return createHash('sha256').update(Buffer.concat(digests)).digest('base64');
}

/**
 * Write `size` random-ish bytes to a file, 8 MiB at a time (never more in memory), hashing
 * each chunk as it is written.
 * @param file - the file.
 * @param size - its size.
 * @returns the chunk digests.
 */
async function writeRandomFile(file: string, size: number): Promise<Buffer[]> {
  const handle = await fs.open(file, 'w');
  const digests: Buffer[] = [];
  // One random 8 MiB block, varied per chunk by a counter, is fast and never repeats a chunk.
  const block = randomBytes(CHUNK);
  try {
    for (let offset = 0, n = 0; offset < size; offset += CHUNK, n++) {
      block.writeUInt32LE(n, 0);
      block.writeUInt32LE((n * 2654435761) >>> 0, CHUNK / 2);
      const chunk = block.subarray(0, Math.min(CHUNK, size - offset));
      digests.push(createHash('sha256').update(chunk).digest());
      await handle.write(chunk);
    }
  } finally {
    await handle.close();
  }
  return digests;
}

/**
 * Quilt's hash of a file, read as a stream in 8 MiB chunks.
 * @param file - the file.
 * @returns the hash.
 */
async function quiltHashOfFile(file: string): Promise<string> {
  const digests: Buffer[] = [];
  let chunk = createHash('sha256');
  let filled = 0;
  for await (const data of createReadStream(file, { highWaterMark: 1024 * 1024 }) as AsyncIterable<Buffer>) {
    let offset = 0;
    while (offset < data.length) {
      const take = Math.min(CHUNK - filled, data.length - offset);
      chunk.update(data.subarray(offset, offset + take));
      filled += take;
      offset += take;
      if (filled === CHUNK) {
        digests.push(chunk.digest());
        chunk = createHash('sha256');
        filled = 0;
      }
    }
  }
  if (filled > 0) {
    digests.push(chunk.digest());
  }
  return quiltHash(digests);
}

/**
 * Run helium, sampling its peak resident memory until it exits.
 * @param args - the arguments.
 * @param endpoint - the S3 endpoint.
 * @returns exit code, stderr, peak RSS in bytes, and the time taken in seconds.
 */
async function runMeasured(
  args: string[],
  endpoint: string
): Promise<{ code: number | null; stderr: string; peak: number; seconds: number }> {
  const started = Date.now();
  const running = startCli(args, { endpoint });
  let peak = 0;
  let exited = false;
  void running.done.then(() => (exited = true));
  const pid = running.child.pid as number;
  while (!exited) {
    const rss = await peakRss(pid);
    if (rss !== undefined) {
      peak = Math.max(peak, rss);
    }
    await new Promise(r => setTimeout(r, 50));
  }
  const result = await running.done;
  return { code: result.code, stderr: result.stderr, peak, seconds: (Date.now() - started) / 1000 };
}

maybe('1 GiB through the CLI', () => {
  let s3: S3Client;
  let bucket: string;
  let endpoint: string;
  let tmp: string;

  beforeAll(async () => {
    endpoint = testS3Url();
    s3 = testClient();
    bucket = await createTestBucket(s3, 'cli-big', false);
    tmp = await fs.mkdtemp(path.join(os.tmpdir(), 'helium-big-'));
    await ensureCliBuilt();
  });

  afterAll(async () => {
    await s3?.send(new DeleteObjectCommand({ Bucket: bucket, Key: 'big/one-gib.bin' })).catch(() => undefined);
    s3?.destroy();
    if (tmp) {
      await fs.rm(tmp, { recursive: true, force: true });
    }
  });

  it('uploads and downloads 1 GiB under 300 MB resident, with the Quilt hash as checksum', async () => {
    const file = path.join(tmp, 'one-gib.bin');
    const expected = quiltHash(await writeRandomFile(file, SIZE));
    const uri = `s3://${bucket}/big/one-gib.bin`;

    const up = await runMeasured(['put', file, uri, '--concurrency', '4'], endpoint);
    expect(up.stderr).toBe('');
    expect(up.code).toBe(0);
    const info = await headObject(s3, { bucket, key: 'big/one-gib.bin' });
    expect(info.size).toBe(SIZE);
    expect(info.checksumSha256?.replace(/-\d+$/, '')).toBe(expected);
    expect((await s3.send(new ListMultipartUploadsCommand({ Bucket: bucket }))).Uploads ?? []).toEqual([]);

    // The source is not needed any more: keep the disk use at 1 GiB.
    await fs.rm(file);
    const out = path.join(tmp, 'downloaded.bin');
    const down = await runMeasured(['get', uri, out, '--concurrency', '4'], endpoint);
    expect(down.stderr).toBe('');
    expect(down.code).toBe(0);
    expect((await fs.stat(out)).size).toBe(SIZE);
    expect(await quiltHashOfFile(out)).toBe(expected);

    // Numbers for the record (the assertions below are the requirement).
    process.stdout.write(
      `1 GiB upload: ${up.seconds.toFixed(1)} s, peak RSS ${(up.peak / 1e6).toFixed(0)} MB; ` +
        `download: ${down.seconds.toFixed(1)} s, peak RSS ${(down.peak / 1e6).toFixed(0)} MB\n`
    );
    expect(up.peak).toBeGreaterThan(0);
    expect(up.peak).toBeLessThan(RSS_LIMIT);
    expect(down.peak).toBeGreaterThan(0);
    expect(down.peak).toBeLessThan(RSS_LIMIT);
  }, 300_000);
});
