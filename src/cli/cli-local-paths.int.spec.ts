/**
 * Where `helium get` and `helium put` may write and read locally: never outside the target folder, clear words for clashes, links and missing files.
 * dist/helium.cjs run as a child process against the local S3 server (jest's global setup).
 * @jest-environment-options {"customExportConditions": ["node", "require", "default"]}
 */
import { S3Client } from '@aws-sdk/client-s3';
import { createHash } from 'crypto';
import { promises as fs } from 'fs';
import * as path from 'path';
import { headObject, putObject } from '../service/objects';
import { readTree } from '../testing/cli-harness';
import { cliSuite } from '../testing/cli-suite';
import { failure } from '../testing/failure';

jest.setTimeout(120_000);

const suite = cliSuite('cli-paths');
const { helium } = suite;
let s3: S3Client, bucket: string, tmp: string;

beforeAll(() => {
  ({ s3, bucket, tmp } = suite);
});

describe('local paths of helium get and put', () => {
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
    expect(result.code).toBe(2);
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

  it('leaves no folder behind when every object of the folder was skipped, and keeps a folder it did not make', async () => {
    await putObject(s3, { bucket, key: 'allskip/a/../../out.txt', body: 'x' });
    const fresh = path.join(tmp, 'allskip-new', 'deeper');
    const result = await helium('get', `s3://${bucket}/allskip/`, fresh);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('1 object of the folder was not downloaded (0 were)');
    await expect(fs.stat(path.join(tmp, 'allskip-new'))).rejects.toThrow();
    const existing = path.join(tmp, 'allskip-existing');
    await fs.mkdir(existing);
    expect((await helium('get', `s3://${bucket}/allskip/`, existing)).code).toBe(1);
    expect(await fs.readdir(existing)).toEqual([]);
  });
});
