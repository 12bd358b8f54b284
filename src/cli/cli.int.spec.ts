/**
 * The `helium` command end to end: dist/helium.cjs run as a child process against the local S3
 * server (moto, from jest's global setup), checked with src/service and the file system.
 * @jest-environment-options {"customExportConditions": ["node", "require", "default"]}
 */
import { ListMultipartUploadsCommand, S3Client } from '@aws-sdk/client-s3';
import { createHash, randomBytes } from 'crypto';
import { promises as fs } from 'fs';
import * as os from 'os';
import * as path from 'path';
import { getObjectBytes, headObject, putObject } from '../service/objects';
import { createTestBucket, testClient, testS3Url } from '../testing/s3';
import { ensureCliBuilt, readTree, runCli, startCli } from '../testing/cli-harness';
import { failure } from '../testing/failure';

jest.setTimeout(120_000);

let s3: S3Client;
let bucket: string;
let endpoint: string;
let tmp: string;

/** Run helium against the local S3 server. */
const helium = (...args: string[]) => runCli(args, { endpoint, cwd: tmp });

/** Write `size` random bytes to a file. */
async function randomFile(file: string, size: number): Promise<Buffer> {
  const bytes = randomBytes(size);
  await fs.mkdir(path.dirname(file), { recursive: true });
  await fs.writeFile(file, bytes);
  return bytes;
}

beforeAll(async () => {
  endpoint = testS3Url();
  s3 = testClient();
  bucket = await createTestBucket(s3, 'cli');
  tmp = await fs.mkdtemp(path.join(os.tmpdir(), 'helium-cli-'));
  await ensureCliBuilt();
});

afterAll(async () => {
  s3?.destroy();
  if (tmp) {
    await fs.rm(tmp, { recursive: true, force: true });
  }
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
});

describe('helium put and get', () => {
  it('uploads a file (multipart) and downloads the same bytes', async () => {
    const file = path.join(tmp, 'pg', 'data.bin');
    const bytes = await randomFile(file, 20 * 1024 * 1024 + 123);
    const put = await helium('put', file, `s3://${bucket}/pg/`);
    expect(put.code).toBe(0);
    expect(put.stdout).toBe(`upload: pg/data.bin to s3://${bucket}/pg/data.bin\n`);
    const info = await headObject(s3, { bucket, key: 'pg/data.bin' });
    expect(info.size).toBe(bytes.length);

    const out = path.join(tmp, 'pg-out', 'copy.bin');
    const get = await helium('get', `s3://${bucket}/pg/data.bin`, out);
    expect(get.code).toBe(0);
    expect((await fs.readFile(out)).equals(bytes)).toBe(true);
    // Written through a temp file renamed into place: nothing else is left in the folder.
    expect(await fs.readdir(path.dirname(out))).toEqual(['copy.bin']);

    // Into an existing folder, under the key's name.
    const get2 = await helium('get', `s3://${bucket}/pg/data.bin`, path.join(tmp, 'pg-out'));
    expect(get2.code).toBe(0);
    expect((await fs.readFile(path.join(tmp, 'pg-out', 'data.bin'))).equals(bytes)).toBe(true);

    // The same file again: skipped, and said so.
    const again = await helium('put', file, `s3://${bucket}/pg/data.bin`, '--json');
    expect(again.code).toBe(0);
    const doc = JSON.parse(again.stdout);
    expect(doc.uploaded).toHaveLength(1);
    expect(doc.uploaded[0]).toMatchObject({ key: 'pg/data.bin', skipped: true, parts: 0 });
    const againText = await helium('put', file, `s3://${bucket}/pg/data.bin`);
    expect(againText.stdout).toBe(`skip: pg/data.bin (unchanged at s3://${bucket}/pg/data.bin)\n`);
  });

  it('uploads a folder recursively and downloads the same tree', async () => {
    const src = path.join(tmp, 'tree');
    await randomFile(path.join(src, 'a.txt'), 10);
    await randomFile(path.join(src, 'sub', 'b.csv'), 1000);
    await randomFile(path.join(src, 'sub', 'deeper', 'c d + ü.bin'), 9 * 1024 * 1024);
    await randomFile(path.join(src, 'empty.dat'), 0);
    const put = await helium('put', src, `s3://${bucket}/tree`, '--concurrency', '3');
    expect(put.code).toBe(0);
    expect(put.stdout.trimEnd().split('\n').sort()).toEqual([
      `upload: tree/a.txt to s3://${bucket}/tree/a.txt`,
      `upload: tree/empty.dat to s3://${bucket}/tree/empty.dat`,
      `upload: tree/sub/b.csv to s3://${bucket}/tree/sub/b.csv`,
      // URIs are printed so that they can be pasted back: spaces are %20.
      `upload: tree/sub/deeper/c d + ü.bin to s3://${bucket}/tree/sub/deeper/c%20d%20+%20ü.bin`
    ]);
    expect(put.stderr).toContain('4 uploaded, 0 unchanged (skipped), 4 files in all.');
    expect((await headObject(s3, { bucket, key: 'tree/sub/b.csv' })).contentType).toMatch(/^text\/csv/);

    const out = path.join(tmp, 'tree-out');
    const get = await helium('get', `s3://${bucket}/tree/`, out);
    expect(get.code).toBe(0);
    expect(await readTree(out)).toEqual(await readTree(src));

    // Only the changed file is sent again.
    await randomFile(path.join(src, 'a.txt'), 11);
    const again = await helium('put', src, `s3://${bucket}/tree/`, '--json');
    const uploaded = JSON.parse(again.stdout).uploaded as { key: string; skipped: boolean }[];
    expect(Object.fromEntries(uploaded.map(u => [u.key, u.skipped]))).toEqual({
      'tree/a.txt': false,
      'tree/empty.dat': true,
      'tree/sub/b.csv': true,
      'tree/sub/deeper/c d + ü.bin': true
    });

    // `get s3://b/tree dir` without the slash downloads the folder too.
    const out2 = path.join(tmp, 'tree-out2');
    expect((await helium('get', `s3://${bucket}/tree`, out2)).code).toBe(0);
    expect(await readTree(out2)).toEqual(await readTree(src));
  });

  it('gets an old version with ?versionId=', async () => {
    const v1 = await putObject(s3, { bucket, key: 'ver/doc.txt', body: 'first version' });
    await putObject(s3, { bucket, key: 'ver/doc.txt', body: 'second version' });
    const out = path.join(tmp, 'ver', 'old.txt');
    const get = await helium('get', `s3://${bucket}/ver/doc.txt?versionId=${v1.versionId}`, out, '--json');
    expect(get.code).toBe(0);
    expect(await fs.readFile(out, 'utf8')).toBe('first version');
    expect(JSON.parse(get.stdout).downloaded[0]).toMatchObject({ key: 'ver/doc.txt', versionId: v1.versionId });
    const current = path.join(tmp, 'ver', 'current.txt');
    expect((await helium('get', `s3://${bucket}/ver/doc.txt`, current)).code).toBe(0);
    expect(await fs.readFile(current, 'utf8')).toBe('second version');
  });

  it('stores --meta as the T4 x-amz-meta-helium header', async () => {
    const file = path.join(tmp, 'meta', 'table.csv');
    await fs.mkdir(path.dirname(file), { recursive: true });
    await fs.writeFile(file, 'a,b\n1,2\n');
    const meta = { source: 'lab 3', run: 12, tags: ['x', 'ÿ'] };
    const put = await helium('put', file, `s3://${bucket}/meta/table.csv`, '--meta', JSON.stringify(meta));
    expect(put.code).toBe(0);
    const info = await headObject(s3, { bucket, key: 'meta/table.csv' });
    expect(JSON.parse(info.userMetadata.helium)).toEqual({ target: 'csv', user_meta: meta });
    // New metadata on the same bytes is written (not skipped as unchanged).
    const put2 = await helium('put', file, `s3://${bucket}/meta/table.csv`, '--meta', '{"run": 13}', '--json');
    expect(JSON.parse(put2.stdout).uploaded[0].skipped).toBe(false);
    const info2 = await headObject(s3, { bucket, key: 'meta/table.csv' });
    expect(JSON.parse(info2.userMetadata.helium).user_meta).toEqual({ run: 13 });
  });

  it('refuses bad --meta with exit code 2 and writes nothing', async () => {
    const file = path.join(tmp, 'meta', 'bad.txt');
    await fs.writeFile(file, 'x');
    const bad = await helium('put', file, `s3://${bucket}/meta/bad.txt`, '--meta', '{not json');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/^helium: --meta is not valid JSON \(.*\)\. Give a JSON object/);
    expect(bad.stderr).not.toMatch(/\n\s+at /);
    const big = await helium('put', file, `s3://${bucket}/meta/bad.txt`, '--meta', JSON.stringify({ a: 'x'.repeat(3000) }));
    expect(big.code).toBe(2);
    expect(big.stderr).toContain('2,048');
    const json = await helium('--json', 'put', file, `s3://${bucket}/meta/bad.txt`, '--meta', '[1]');
    expect(json.code).toBe(2);
    expect(JSON.parse(json.stderr).error).toMatchObject({ kind: 'InvalidInput', message: expect.stringContaining('--meta') });
    expect((await failure(headObject(s3, { bucket, key: 'meta/bad.txt' }))).kind).toBe('NotFound');
  });

  it('never writes outside the target folder: keys that are not paths in it are skipped, said so, and the command fails', async () => {
    await putObject(s3, { bucket, key: 'esc/ok.txt', body: 'fine' });
    await putObject(s3, { bucket, key: 'esc/a/../../escape.txt', body: 'gotcha' });
    const base = path.join(tmp, 'esc-base');
    await fs.mkdir(base);
    const out = path.join(base, 'inside', 'deeper');
    const result = await helium('get', `s3://${bucket}/esc/`, out);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(
      `skip: s3://${bucket}/esc/a/../../escape.txt: it has a ".." segment, so it is not a path inside the folder.`
    );
    expect(result.stderr).toContain(`Download it alone: helium get 's3://${bucket}/esc/a/../../escape.txt' FILE`);
    expect(result.stderr).toContain('helium: 1 object of the folder was not downloaded (1 was)');
    // The rest is downloaded; nothing lands outside the folder.
    // readTree gives each file as "<size>:<sha256>".
    const file = (text: string): string => `${Buffer.byteLength(text)}:${createHash('sha256').update(text).digest('hex')}`;
    expect(await readTree(base)).toEqual(new Map([['inside/deeper/ok.txt', file('fine')]]));

    // The object alone, into a folder: saved under the last segment of its key, inside it.
    const single = await helium('get', `s3://${bucket}/esc/a/../../escape.txt`, `${base}/`);
    expect(single.code).toBe(0);
    expect(await fs.readFile(path.join(base, 'escape.txt'), 'utf8')).toBe('gotcha');
    // To a chosen file name: fine.
    const named = await helium('get', `s3://${bucket}/esc/a/../../escape.txt`, path.join(base, 'chosen.txt'));
    expect(named.code).toBe(0);
    expect(await fs.readFile(path.join(base, 'chosen.txt'), 'utf8')).toBe('gotcha');
    // A key whose last segment is ".." has no name of its own: only to a file name one chooses.
    await putObject(s3, { bucket, key: 'esc/up/..', body: 'dots' });
    const dots = await helium('get', `s3://${bucket}/esc/up/..`, `${base}/`);
    expect(dots.code).toBe(1);
    expect(dots.stderr).toContain(`Cannot save s3://${bucket}/esc/up/.. under its own name: it has a ".." segment.`);
    expect(await readTree(base)).toEqual(
      new Map([
        ['chosen.txt', file('gotcha')],
        ['escape.txt', file('gotcha')],
        ['inside/deeper/ok.txt', file('fine')]
      ])
    );
  });

  it('refuses to write through a symbolic link in the target folder that leads outside it', async () => {
    for (const key of ['link/a/one.txt', 'link/a/two.txt', 'link/sub/three.txt']) {
      await putObject(s3, { bucket, key, body: key });
    }
    const outside = path.join(tmp, 'link-outside');
    const out = path.join(tmp, 'link-out');
    await fs.mkdir(outside);
    await fs.mkdir(out);
    await fs.symlink(outside, path.join(out, 'sub'));
    const result = await helium('get', `s3://${bucket}/link/`, out);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('leads outside the target folder (through a symbolic link)');
    expect(await fs.readdir(outside)).toEqual([]);
  });

  it('refuses keys that would clash as local files, before writing anything', async () => {
    await putObject(s3, { bucket, key: 'clash/a', body: 'file a' });
    await putObject(s3, { bucket, key: 'clash/a/b', body: 'file under a' });
    const out = path.join(tmp, 'clash-out');
    const result = await helium('get', `s3://${bucket}/clash/`, out);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('"clash/a" is both an object and a folder');
    await expect(fs.stat(out)).rejects.toThrow();
  });

  it('refuses uploads to keys with .. segments', async () => {
    const file = path.join(tmp, 'dots.txt');
    await fs.writeFile(file, 'x');
    const result = await helium('put', file, `s3://${bucket}/up/../dots.txt`);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('has a ".." segment');
    expect(result.stderr).toContain('Nothing was uploaded.');
    expect((await failure(headObject(s3, { bucket, key: 'up/../dots.txt' }))).kind).toBe('NotFound');
  });

  it('says so when a folder stands where a file would be saved', async () => {
    // The object was read whole, then the rename failed: "Reading s3://… failed: EISDIR: illegal
    // operation on a directory, rename '….part' -> '…'. Try again; if it keeps failing, report this message."
    await putObject(s3, { bucket, key: 'isdir/a.txt', body: 'a' });
    const into = path.join(tmp, 'isdir-into');
    await fs.mkdir(path.join(into, 'a.txt'), { recursive: true });
    for (const args of [
      ['get', `s3://${bucket}/isdir/a.txt`, `${into}/`],
      ['get', `s3://${bucket}/isdir/`, into]
    ]) {
      const result = await helium(...args);
      expect({ args, code: result.code }).toEqual({ args, code: 1 });
      expect(result.stderr).toBe(
        `helium: Cannot save s3://${bucket}/isdir/a.txt as "${path.join(into, 'a.txt')}": that is a folder. Move it away, or download to another name.\n`
      );
    }
    expect(await fs.readdir(into)).toEqual(['a.txt']);
  });

  it('says so when a file stands where a folder would be made', async () => {
    // mkdir answers EEXIST for the folder itself: "\"…/file\" already exists." said nothing of why.
    await putObject(s3, { bucket, key: 'notdir/a.txt', body: 'a' });
    const file = path.join(tmp, 'notdir-file');
    await fs.writeFile(file, 'keep');
    const result = await helium('get', `s3://${bucket}/notdir/a.txt`, path.join(file, 'a.txt'));
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(`helium: Cannot save s3://${bucket}/notdir/a.txt in "${file}": that is a file, not a folder.\n`);
    expect(await fs.readFile(file, 'utf8')).toBe('keep');
  });

  it('reports missing local files and objects readably', async () => {
    const missing = await helium('put', path.join(tmp, 'nope.txt'), `s3://${bucket}/x`);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toBe(`helium: "${path.join(tmp, 'nope.txt')}" does not exist.\n`);
    const gone = await helium('get', `s3://${bucket}/no/such/key.txt`, path.join(tmp, 'x.txt'));
    expect(gone.code).toBe(1);
    expect(gone.stderr).toMatch(/^helium: s3:\/\/.*\/no\/such\/key\.txt was not found/);
    await expect(fs.stat(path.join(tmp, 'x.txt'))).rejects.toThrow();
  });
});

describe('helium rm and cp', () => {
  it('copies an object, and deletes it leaving a delete marker in a versioned bucket', async () => {
    await putObject(s3, { bucket, key: 'rm/one.txt', body: 'one' });
    const cp = await helium('cp', `s3://${bucket}/rm/one.txt`, `s3://${bucket}/rm/copies/`);
    expect(cp.code).toBe(0);
    expect(cp.stdout).toMatch(new RegExp(`^copy: s3://${bucket}/rm/one.txt to s3://${bucket}/rm/copies/one.txt \\(version .+\\)\\n$`));
    expect(new TextDecoder().decode((await getObjectBytes(s3, { bucket, key: 'rm/copies/one.txt' })).bytes)).toBe('one');

    const rm = await helium('rm', `s3://${bucket}/rm/one.txt`, '--yes');
    expect(rm.code).toBe(0);
    expect(rm.stdout).toContain(`delete: s3://${bucket}/rm/one.txt`);
    expect(rm.stdout).toContain('a delete marker now hides it');
    expect((await failure(headObject(s3, { bucket, key: 'rm/one.txt' }))).kind).toBe('NotFound');

    // Deleting what is not there is an error, not a silent new delete marker.
    const again = await helium('rm', `s3://${bucket}/rm/one.txt`, '--yes');
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('was not found');

    // A folder needs --recursive.
    const folder = await helium('rm', `s3://${bucket}/rm/copies/`);
    expect(folder.code).toBe(2);
    expect(folder.stderr).toContain('--recursive');
  });

  it('deletes a prefix recursively (and only that folder)', async () => {
    for (const key of ['rmr/a.txt', 'rmr/sub/b.txt', 'rmr2/keep.txt']) {
      await putObject(s3, { bucket, key, body: key });
    }
    const result = await helium('rm', `s3://${bucket}/rmr`, '--recursive', '--yes', '--json');
    expect(result.code).toBe(0);
    const deleted = JSON.parse(result.stdout).deleted as { key: string; deleteMarker: boolean }[];
    expect(deleted.map(d => d.key).sort()).toEqual(['rmr/a.txt', 'rmr/sub/b.txt']);
    expect(deleted.every(d => d.deleteMarker)).toBe(true);
    expect((await headObject(s3, { bucket, key: 'rmr2/keep.txt' })).size).toBe(13);
  });
});

describe('usage, unreachable endpoints, cancel', () => {
  it('exits 2 on usage errors', async () => {
    const unknown = await helium('ls', '--bogus');
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain("Unknown option '--bogus'");
    const notUri = await helium('ls', '/tmp');
    expect(notUri.code).toBe(2);
    expect(notUri.stderr).toContain('is not an S3 URI');
    const missingArg = await helium('put', 'x');
    expect(missingArg.code).toBe(2);
    const badBucket = await helium('ls', 's3://Bad_Bucket/');
    expect(badBucket.code).toBe(2);
    expect(badBucket.stderr).toContain('lowercase');
  });

  it('refuses a "?" or "#" that would cut the key short, and writes nothing', async () => {
    // As `aws s3 cp` users write keys: literally. In an S3 URI "?" starts a query and "#" a
    // fragment, so these named the key "odd/what" and put overwrote it.
    const file = path.join(tmp, 'literal.txt');
    await fs.writeFile(file, 'literal');
    for (const [uri, suggestion] of [
      [`s3://${bucket}/odd/what?.txt`, `s3://${bucket}/odd/what%3F.txt`],
      [`s3://${bucket}/odd/what#1.txt`, `s3://${bucket}/odd/what%231.txt`],
      [`s3://${bucket}/odd/what?x=1`, `s3://${bucket}/odd/what%3Fx=1`]
    ]) {
      const result = await helium('put', file, uri);
      expect({ uri, code: result.code, stdout: result.stdout }).toEqual({ uri, code: 2, stdout: '' });
      expect(result.stderr).toContain(suggestion);
    }
    expect((await failure(headObject(s3, { bucket, key: 'odd/what' }))).kind).toBe('NotFound');
    const get = await helium('get', `s3://${bucket}/odd/what?.txt`, path.join(tmp, 'what.txt'));
    expect(get.code).toBe(2);
    // ?versionId= is still a version.
    const versioned = await helium('get', `s3://${bucket}/odd/what?versionId=v1`, path.join(tmp, 'what.txt'));
    expect(versioned.stderr).not.toContain('%3F');
  });

  it('refuses "-" (standard input or output, as aws s3 cp reads it) instead of a file named "-"', async () => {
    // get wrote a file "-" in the working folder, and put uploaded whatever file "-" was there.
    await putObject(s3, { bucket, key: 'dash/a.txt', body: 'a' });
    const cwd = path.join(tmp, 'dash');
    await fs.mkdir(cwd, { recursive: true });
    const get = await runCli(['get', `s3://${bucket}/dash/a.txt`, '-'], { endpoint, cwd });
    expect(get.code).toBe(2);
    expect(get.stderr).toContain('does not write to standard output');
    const snapshotGet = await runCli(['get', `s3://${bucket}/dash/a.txt`, '--snapshot', 'abcdef', '-'], { endpoint, cwd });
    expect(snapshotGet.code).toBe(2);
    expect(await fs.readdir(cwd)).toEqual([]);
    await fs.writeFile(path.join(cwd, '-'), 'stale');
    const put = await runCli(['put', '-', `s3://${bucket}/dash/b.txt`], { endpoint, cwd });
    expect(put.code).toBe(2);
    expect(put.stderr).toContain('does not read standard input');
    expect(put.stderr).toContain('./-');
    expect((await failure(headObject(s3, { bucket, key: 'dash/b.txt' }))).kind).toBe('NotFound');
  });

  it('uses --profile and --region', async () => {
    const credentials = path.join(tmp, 'aws-credentials');
    await fs.writeFile(credentials, '[helium-test]\naws_access_key_id = testing\naws_secret_access_key = testing\n');
    const env = {
      AWS_SHARED_CREDENTIALS_FILE: credentials,
      AWS_CONFIG_FILE: path.join(tmp, 'no-such-aws-config'),
      AWS_ACCESS_KEY_ID: '',
      AWS_SECRET_ACCESS_KEY: ''
    };
    const ok = await runCli(['--profile', 'helium-test', '--region', 'eu-west-1', 'ls', `s3://${bucket}/ls/`], {
      endpoint,
      cwd: tmp,
      env
    });
    expect(ok.stderr).toBe('');
    expect(ok.code).toBe(0);
    expect(ok.stdout).toContain('a.txt');
    const missing = await runCli(['ls', `s3://${bucket}/ls/`, '--profile', 'no-such-profile'], { endpoint, cwd: tmp, env });
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/^helium: .*credentials/i);
    expect(missing.stderr).not.toMatch(/\n\s+at /);
  });

  it('exits 1 with a readable message when the endpoint is unreachable', async () => {
    const result = await runCli(['ls', `s3://${bucket}/`], { endpoint: 'http://127.0.0.1:9', cwd: tmp });
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(
      'helium: Cannot reach the S3 endpoint http://127.0.0.1:9: is it running? Check its address and your network connection, then try again.\n'
    );
    const json = await runCli(['--json', 'ls'], { endpoint: 'http://127.0.0.1:9', cwd: tmp });
    expect(json.code).toBe(1);
    expect(JSON.parse(json.stderr).error.kind).toBe('Network');
  });

  it('exits 2, saying how to write it, when the endpoint is not an http(s) URL', async () => {
    // "Invalid URL. Try again; if it keeps failing, report this message." and, from doctor,
    // "Unexpected error: Invalid URL" were all a mistyped endpoint got.
    const port = new URL(endpoint).port;
    for (const args of [['ls'], ['doctor'], ['--json', 'ls']]) {
      const result = await runCli(args, { endpoint: `127.0.0.1:${port}`, cwd: tmp });
      expect({ args, code: result.code }).toEqual({ args, code: 2 });
      const message = args[0] === '--json' ? JSON.parse(result.stderr).error.message : result.stderr;
      expect(message).toContain(`--endpoint-url "127.0.0.1:${port}" is not an http:// or https:// URL`);
      expect(message).toContain(`e.g. http://127.0.0.1:${port}.`);
    }
    const fromEnv = await runCli(['ls'], { cwd: tmp, env: { AWS_ENDPOINT_URL: 'localhost:9000' } });
    expect(fromEnv.code).toBe(2);
    expect(fromEnv.stderr).toContain('AWS_ENDPOINT_URL "localhost:9000" is not an http:// or https:// URL');
  });

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
});
