/**
 * Objects with bytes whose key ends in "/" (S3 allows them; a folder marker is empty): a folder
 * download never drops one in silence. It makes the folder, names the object in a "skip:" line
 * with the version that downloads it alone (`null` in an unversioned bucket), fails at the end as
 * for other keys that are not paths, and that command downloads the bytes. Against the local S3
 * (moto), with the built `helium` command.
 * @jest-environment-options {"customExportConditions": ["node", "require", "default"]}
 */
import type { S3Client } from '@aws-sdk/client-s3';
import { promises as fs } from 'fs';
import * as os from 'os';
import * as path from 'path';
import { putObject } from '../service/objects';
import { formatS3Uri } from '../service/uri';
import { createTestBucket, testClient, testS3Url } from '../testing/s3';
import { ensureCliBuilt, readTree, runCli } from '../testing/cli-harness';

jest.setTimeout(120_000);

let s3: S3Client;
let endpoint: string;
let tmp: string;

const helium = (...args: string[]) => runCli(args, { endpoint, cwd: tmp });

/** The command a skip line offers, as its arguments (FILE replaced by a path). */
function offeredCommand(stderr: string, key: string, file: string): string[] {
  const line = stderr.split('\n').find(l => l.startsWith('skip: ') && l.includes(key));
  const match = /Download it alone: helium get '([^']+)' FILE$/.exec(line ?? '');
  if (!match) {
    throw new Error(`no skip line with a command for ${key} in:\n${stderr}`);
  }
  return ['get', match[1], file];
}

beforeAll(async () => {
  s3 = testClient();
  endpoint = testS3Url();
  tmp = await fs.mkdtemp(path.join(os.tmpdir(), 'helium-folder-named-'));
  await ensureCliBuilt();
});

afterAll(async () => {
  s3?.destroy();
  await fs.rm(tmp, { recursive: true, force: true });
});

describe('a folder download with an object whose key ends in "/"', () => {
  it('saves the rest, makes the folder, and names the object with the version that gets it', async () => {
    const bucket = await createTestBucket(s3, 'fnamed');
    await putObject(s3, { bucket, key: 'fk/a.txt', body: 'aaa' });
    await putObject(s3, { bucket, key: 'fk/empty/', body: '' });
    const held = await putObject(s3, { bucket, key: 'fk/data/', body: 'nine byte' });
    const out = path.join(tmp, 'versioned');

    const result = await helium('get', `s3://${bucket}/fk/`, out);

    expect(result.code).toBe(1);
    const uri = formatS3Uri({ bucket, key: 'fk/data/', versionId: held.versionId });
    expect(result.stderr).toContain(`skip: ${uri}: its name ends in "/" but it holds 9 bytes (a folder marker is empty)`);
    expect(result.stderr).toContain('1 object of the folder was not downloaded (1 was)');
    expect(await readTree(out)).toEqual(new Map([['a.txt', expect.stringMatching(/^3:/)]]));
    expect((await fs.stat(path.join(out, 'data'))).isDirectory()).toBe(true);
    expect((await fs.stat(path.join(out, 'empty'))).isDirectory()).toBe(true);

    const file = path.join(tmp, 'data-alone.bin');
    const alone = await helium(...offeredCommand(result.stderr, 'fk/data/', file));
    expect(alone.stderr).toBe('');
    expect(alone.code).toBe(0);
    expect(await fs.readFile(file, 'utf8')).toBe('nine byte');
  });

  it('reports the listed folder itself when it holds bytes (unversioned bucket: version "null")', async () => {
    const bucket = await createTestBucket(s3, 'fnamedu', false);
    await putObject(s3, { bucket, key: 'only/', body: 'just me' });
    const out = path.join(tmp, 'unversioned');

    const result = await helium('get', `s3://${bucket}/only/`, out);

    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`skip: s3://${bucket}/only/?versionId=null: its name ends in "/" but it holds 7 bytes`);
    expect(result.stderr).not.toContain('There is nothing under');

    const file = path.join(tmp, 'only-alone.bin');
    const alone = await helium(...offeredCommand(result.stderr, 'only/', file));
    expect(alone.stderr).toBe('');
    expect(alone.code).toBe(0);
    expect(await fs.readFile(file, 'utf8')).toBe('just me');
  });

  it('still downloads a folder whose own marker is empty, and a version still names one object only', async () => {
    const bucket = await createTestBucket(s3, 'fnamedm');
    await putObject(s3, { bucket, key: 'm/', body: '' });
    const inner = await putObject(s3, { bucket, key: 'm/in.txt', body: 'in' });
    const out = path.join(tmp, 'marker');

    const result = await helium('get', `s3://${bucket}/m/`, out);
    expect(result.stderr).not.toContain('skip:');
    expect(result.code).toBe(0);
    expect(await readTree(out)).toEqual(new Map([['in.txt', expect.stringMatching(/^2:/)]]));

    // A version of a folder's key is an object version: the marker's (empty) bytes, never the folder.
    const wrong = await helium('get', formatS3Uri({ bucket, key: 'm/', versionId: inner.versionId }), path.join(tmp, 'x.bin'));
    expect(wrong.code).not.toBe(0);
    await expect(fs.stat(path.join(tmp, 'x.bin'))).rejects.toThrow();
  });
});
