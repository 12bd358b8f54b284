/**
 * Ctrl-C (SIGINT) during `helium put` and `helium get`: exit 130, nothing partial left behind.
 * dist/helium.cjs run as a child process against the local S3 server (jest's global setup).
 * @jest-environment-options {"customExportConditions": ["node", "require", "default"]}
 */
import { ListMultipartUploadsCommand, S3Client } from '@aws-sdk/client-s3';
import { promises as fs } from 'fs';
import * as path from 'path';
import { headObject } from '../service/objects';
import { startCli } from '../testing/cli-harness';
import { cliSuite, randomFile } from '../testing/cli-suite';
import { failure } from '../testing/failure';

jest.setTimeout(120_000);

const suite = cliSuite('cli-cancel');
const { helium } = suite;
let s3: S3Client, bucket: string, endpoint: string, tmp: string;

beforeAll(() => {
  ({ s3, bucket, endpoint, tmp } = suite);
});

describe('cancel', () => {
  it('cancels an upload on SIGINT: exit 130, no object, no multipart upload left', async () => {
    const file = path.join(tmp, 'sigint', 'big.bin');
    await randomFile(file, 64 * 1024 * 1024);
    const key = 'sigint/big.bin';
    const running = startCli(['put', file, `s3://${bucket}/${key}`, '--concurrency', '1'], { endpoint, cwd: tmp });
    // Interrupt as soon as the multipart upload exists (it has 8 parts to send one by one).
    const list = () => s3.send(new ListMultipartUploadsCommand({ Bucket: bucket, Prefix: 'sigint/' }));
    let started = false;
    const deadline = Date.now() + 30_000;
    while (!started && Date.now() < deadline && running.child.exitCode === null) {
      started = ((await list()).Uploads ?? []).length > 0;
      if (!started) {
        await new Promise(r => setTimeout(r, 10));
      }
    }
    expect(started).toBe(true);
    running.child.kill('SIGINT');
    const result = await running.done;
    expect(result.code).toBe(130);
    expect(result.stderr).toContain('Cancelling');
    expect(result.stderr).toMatch(/was cancelled/);
    expect(result.stderr).not.toMatch(/\n\s+at /);
    expect((await list()).Uploads ?? []).toEqual([]);
    expect((await failure(headObject(s3, { bucket, key }))).kind).toBe('NotFound');
  });

  it('cancels a download on SIGINT: exit 130, no partial file', async () => {
    const key = 'sigint-get/big.bin';
    const file = path.join(tmp, 'sigint-get', 'src.bin');
    await randomFile(file, 64 * 1024 * 1024);
    expect((await helium('put', file, `s3://${bucket}/${key}`)).code).toBe(0);
    const out = path.join(tmp, 'sigint-get', 'out');
    await fs.mkdir(out);
    const running = startCli(['get', `s3://${bucket}/${key}`, `${out}/`, '--concurrency', '1'], { endpoint, cwd: tmp });
    // Interrupt once the temporary file exists.
    const deadline = Date.now() + 30_000;
    while (Date.now() < deadline && running.child.exitCode === null && (await fs.readdir(out)).length === 0) {
      await new Promise(r => setTimeout(r, 5));
    }
    const seen = await fs.readdir(out);
    running.child.kill('SIGINT');
    const result = await running.done;
    expect(seen).toHaveLength(1);
    expect(seen[0]).toMatch(/^\.big\.bin\.helium-.*\.part$/);
    expect(result.code).toBe(130);
    expect(await fs.readdir(out)).toEqual([]);
  });

  it('cancels a download into new folders: they go too, the folder that was there stays', async () => {
    const key = 'sigint-get/big.bin';
    if ((await helium('ls', `s3://${bucket}/${key}`)).code !== 0) {
      const file = path.join(tmp, 'sigint-new', 'src.bin');
      await randomFile(file, 64 * 1024 * 1024);
      expect((await helium('put', file, `s3://${bucket}/${key}`)).code).toBe(0);
    }
    const base = path.join(tmp, 'sigint-new-base');
    await fs.mkdir(base);
    const deeper = path.join(base, 'made', 'by-get');
    const running = startCli(['get', `s3://${bucket}/${key}`, `${deeper}/`, '--concurrency', '1'], { endpoint, cwd: tmp });
    const deadline = Date.now() + 30_000;
    const parts = () => fs.readdir(deeper).catch(() => [] as string[]);
    while (Date.now() < deadline && running.child.exitCode === null && (await parts()).length === 0) {
      await new Promise(r => setTimeout(r, 5));
    }
    running.child.kill('SIGINT');
    const result = await running.done;
    expect(result.code).toBe(130);
    expect(await fs.readdir(base)).toEqual([]);
  });
});
