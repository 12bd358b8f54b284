/**
 * `helium put` and `helium get`: files, folders, versions and --meta, checked byte for byte.
 * dist/helium.cjs run as a child process against the local S3 server (jest's global setup).
 * @jest-environment-options {"customExportConditions": ["node", "require", "default"]}
 */
import { S3Client } from '@aws-sdk/client-s3';
import { promises as fs } from 'fs';
import * as path from 'path';
import { headObject, putObject } from '../service/objects';
import { readTree } from '../testing/cli-harness';
import { cliSuite, randomFile } from '../testing/cli-suite';
import { failure } from '../testing/failure';

jest.setTimeout(120_000);

const suite = cliSuite('cli-pg');
const { helium } = suite;
let s3: S3Client, bucket: string, tmp: string;

beforeAll(() => {
  ({ s3, bucket, tmp } = suite);
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

  it('keeps the number tokens of --meta and meta --set whole (quilt3 reads ints past 2^53 and 1.0 as written)', async () => {
    const file = path.join(tmp, 'meta', 'numbers.txt');
    await fs.mkdir(path.dirname(file), { recursive: true });
    await fs.writeFile(file, 'n\n');
    const uri = `s3://${bucket}/meta/numbers.txt`;
    const put = await helium('put', file, uri, '--meta', '{"big": 123456789012345678901234567890, "one": 1.0}');
    expect(put.code).toBe(0);
    const info = await headObject(s3, { bucket, key: 'meta/numbers.txt' });
    expect(info.userMetadata.helium).toBe('{"target":"txt","user_meta":{"big":123456789012345678901234567890,"one":1.0}}');
    const set = await helium('meta', uri, '--set', '{"id": -18446744073709551617}', '--json');
    expect(set.code).toBe(0);
    expect(set.stdout).toContain('"id": -18446744073709551617');
    const info2 = await headObject(s3, { bucket, key: 'meta/numbers.txt' });
    expect(info2.userMetadata.helium).toBe('{"target":"txt","user_meta":{"id":-18446744073709551617}}');
    // And shown as stored, for people and as JSON.
    expect((await helium('meta', uri)).stdout).toContain('"id": -18446744073709551617');
    expect((await helium('meta', uri, '--json')).stdout).toContain('"id": -18446744073709551617');
  });

  it('refuses bad --meta with exit code 2 and writes nothing', async () => {
    const file = path.join(tmp, 'meta', 'bad.txt');
    await fs.writeFile(file, 'x');
    const bad = await helium('put', file, `s3://${bucket}/meta/bad.txt`, '--meta', '{not json');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(
      /^helium: --meta is not valid JSON \(line 1, column 2, right after '\{'\): expected a name in double quotes, found "n"\. Give a JSON object/
    );
    expect(bad.stderr).not.toMatch(/\n\s+at /);
    const big = await helium('put', file, `s3://${bucket}/meta/bad.txt`, '--meta', JSON.stringify({ a: 'x'.repeat(3000) }));
    expect(big.code).toBe(2);
    expect(big.stderr).toContain('2,048');
    const json = await helium('--json', 'put', file, `s3://${bucket}/meta/bad.txt`, '--meta', '[1]');
    expect(json.code).toBe(2);
    expect(JSON.parse(json.stderr).error).toMatchObject({ kind: 'InvalidInput', message: expect.stringContaining('--meta') });
    expect((await failure(headObject(s3, { bucket, key: 'meta/bad.txt' }))).kind).toBe('NotFound');
  });

  it('downloads an empty folder (its own key, as the console makes) as an empty folder', async () => {
    await putObject(s3, { bucket, key: 'empty-folder/', body: '' });
    const out = path.join(tmp, 'empty-folder-out');
    const result = await helium('get', `s3://${bucket}/empty-folder/`, out);
    expect(result).toMatchObject({ code: 0, stdout: '' });
    expect(result.stderr).toBe(`s3://${bucket}/empty-folder/ is an empty folder: made "${out}".\n`);
    expect(await fs.readdir(out)).toEqual([]);
    // Named without the "/" too.
    expect((await helium('get', `s3://${bucket}/empty-folder`, path.join(tmp, 'empty-folder-2'))).code).toBe(0);
    expect(await fs.readdir(path.join(tmp, 'empty-folder-2'))).toEqual([]);
  });
});
