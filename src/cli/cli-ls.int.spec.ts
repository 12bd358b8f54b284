/**
 * `helium ls`: buckets, prefixes (folders first, like `aws s3 ls`), JSON, a missing bucket.
 * dist/helium.cjs run as a child process against the local S3 server (jest's global setup).
 * @jest-environment-options {"customExportConditions": ["node", "require", "default"]}
 */
import { S3Client } from '@aws-sdk/client-s3';
import { putObject } from '../service/objects';
import { cliSuite } from '../testing/cli-suite';
import { createTestBucket } from '../testing/s3';

jest.setTimeout(120_000);

const suite = cliSuite('cli-ls');
const { helium } = suite;
let s3: S3Client, bucket: string;

beforeAll(() => {
  ({ s3, bucket } = suite);
});

describe('helium ls', () => {
  beforeAll(async () => {
    for (const key of ['ls/b.txt', 'ls/a.txt', 'ls/sub/c.txt', 'ls/sub/deep/d.txt', 'ls/zz/e.txt']) {
      await putObject(s3, { bucket, key, body: key });
    }
  });

  it('lists buckets, as text and JSON', async () => {
    const text = await helium('ls');
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(new RegExp(`^\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d ${bucket}$`, 'm'));
    // As `aws s3 ls s3://`.
    const s3Root = await helium('ls', 's3://');
    expect(s3Root.code).toBe(0);
    expect(s3Root.stdout).toMatch(new RegExp(`^\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d ${bucket}$`, 'm'));
    const json = await helium('ls', '--json');
    expect(json.code).toBe(0);
    const names = (JSON.parse(json.stdout).buckets as { name: string }[]).map(b => b.name);
    expect(names).toContain(bucket);
  });

  it('lists a prefix with folders first, like aws s3 ls', async () => {
    const result = await helium('ls', `s3://${bucket}/ls/`);
    expect(result.code).toBe(0);
    const lines = result.stdout.trimEnd().split('\n');
    expect(lines[0]).toBe(`${' '.repeat(27)}PRE sub/`);
    expect(lines[1]).toBe(`${' '.repeat(27)}PRE zz/`);
    expect(lines[2]).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d +8 a\.txt$/);
    expect(lines[3]).toMatch(/ b\.txt$/);
    expect(lines).toHaveLength(4);
    expect(result.stderr).toBe('');
  });

  it('lists recursively and as JSON', async () => {
    const recursive = await helium('ls', `s3://${bucket}/ls/`, '--recursive');
    expect(
      recursive.stdout
        .trimEnd()
        .split('\n')
        .map(l => l.split(' ').pop())
    ).toEqual(['ls/a.txt', 'ls/b.txt', 'ls/sub/c.txt', 'ls/sub/deep/d.txt', 'ls/zz/e.txt']);
    // --json works before or after the command.
    for (const args of [
      ['--json', 'ls', `s3://${bucket}/ls/`],
      ['ls', `s3://${bucket}/ls/`, '--json']
    ]) {
      const result = await helium(...args);
      expect(result.code).toBe(0);
      const doc = JSON.parse(result.stdout);
      expect(doc.bucket).toBe(bucket);
      expect(doc.prefix).toBe('ls/');
      expect(doc.entries.map((e: { type: string; name: string }) => `${e.type}:${e.name}`)).toEqual([
        'folder:sub',
        'folder:zz',
        'object:a.txt',
        'object:b.txt'
      ]);
      expect(doc.entries[2]).toMatchObject({ key: 'ls/a.txt', size: 8, uri: `s3://${bucket}/ls/a.txt` });
    }
  });

  it('says clearly when the bucket does not exist', async () => {
    const result = await helium('ls', 's3://helium-no-such-bucket-here/');
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(
      'helium: Bucket "helium-no-such-bucket-here" does not exist on this endpoint. Check the name, or pick another bucket.\n'
    );
    const json = await helium('--json', 'ls', 's3://helium-no-such-bucket-here/');
    expect(json.code).toBe(1);
    expect(JSON.parse(json.stderr)).toEqual({
      error: { kind: 'NotFound', code: 'NoSuchBucket', message: expect.stringContaining('does not exist') }
    });
  });

  it('exits 1 for a prefix with nothing under it, as aws s3 ls does, saying so on stderr', async () => {
    const none = await helium('ls', `s3://${bucket}/no-such-prefix/`);
    expect(none).toMatchObject({ code: 1, stdout: '' });
    expect(none.stderr).toBe(`Nothing under s3://${bucket}/no-such-prefix/: no object or folder starts with it.\n`);
    const json = await helium('ls', `s3://${bucket}/no-such-prefix/`, '--json');
    expect(json.code).toBe(1);
    expect(JSON.parse(json.stdout).entries).toEqual([]);
    // An empty folder (its own key "f/", which listings leave out) exists: exit 0.
    await putObject(s3, { bucket, key: 'ls-empty/', body: '' });
    expect(await helium('ls', `s3://${bucket}/ls-empty/`)).toMatchObject({
      code: 0,
      stdout: '',
      stderr: `s3://${bucket}/ls-empty/ is an empty folder.\n`
    });
    // A folder's own key holding bytes is listed (its name is empty, as aws s3 ls prints it).
    await putObject(s3, { bucket, key: 'ls-held/', body: 'held bytes' });
    await putObject(s3, { bucket, key: 'ls-held/x.txt', body: 'x' });
    const held = await helium('ls', `s3://${bucket}/ls-held/`);
    expect(held.code).toBe(0);
    expect(
      held.stdout
        .split('\n')
        .filter(Boolean)
        .map(l => l.replace(/^\S+ \S+ +/, ''))
    ).toEqual(['10 ', '1 x.txt']);
    const heldJson = await helium('ls', `s3://${bucket}/ls-held/`, '--json');
    expect(JSON.parse(heldJson.stdout).entries.map((e: { key: string; size: number }) => [e.key, e.size])).toEqual([
      ['ls-held/', 10],
      ['ls-held/x.txt', 1]
    ]);
    // A key is a prefix too: `helium ls s3://b/key` finds it (exit 0).
    expect((await helium('ls', `s3://${bucket}/ls/a.txt`)).code).toBe(0);
    const empty = await createTestBucket(s3, 'cli-ls-empty');
    expect(await helium('ls', `s3://${empty}/`)).toMatchObject({ code: 0, stdout: '', stderr: `The bucket ${empty} is empty.\n` });
  });
});
