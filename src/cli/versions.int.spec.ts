/**
 * The `helium` commands for versions and metadata end to end (versions, get --version, restore,
 * undelete, meta, rm --version): dist/helium.cjs run as a child process against the local S3
 * server (moto, from jest's global setup), checked with src/service.
 * @jest-environment-options {"customExportConditions": ["node", "require", "default"]}
 */
import type { S3Client } from '@aws-sdk/client-s3';
import { createHash } from 'crypto';
import { promises as fs } from 'fs';
import * as os from 'os';
import * as path from 'path';
import { readObjectMetadata } from '../service/object-metadata';
import { deleteObject, getObjectBytes, putObject } from '../service/objects';
import { listVersions } from '../service/versions-list';
import { failure } from '../testing/failure';
import { createTestBucket, testClient, testS3Url } from '../testing/s3';
import { versions } from './cmd-versions';
import type { CliContext } from './context';
import { ensureCliBuilt, runCli } from '../testing/cli-harness';
import { Output } from './output';

jest.setTimeout(120_000);

let s3: S3Client;
let bucket: string;
let unversioned: string;
let endpoint: string;
let tmp: string;

/** Run helium against the local S3 server. */
const helium = (...args: string[]) => runCli(args, { endpoint, cwd: tmp });
const text = (bytes: Uint8Array) => new TextDecoder().decode(bytes);
const current = async (key: string) => text((await getObjectBytes(s3, { bucket, key })).bytes);
const versionIds = async (key: string, b = bucket) => (await listVersions(s3, { bucket: b, key })).versions.map(v => v.versionId);

beforeAll(async () => {
  endpoint = testS3Url();
  s3 = testClient();
  bucket = await createTestBucket(s3, 'cli-versions');
  unversioned = await createTestBucket(s3, 'cli-versions-off', false);
  tmp = await fs.mkdtemp(path.join(os.tmpdir(), 'helium-cli-versions-'));
  await ensureCliBuilt();
});

afterAll(async () => {
  s3?.destroy();
  if (tmp) {
    await fs.rm(tmp, { recursive: true, force: true });
  }
});

describe('helium versions', () => {
  let v1: string;
  let v2: string;
  let marker: string;

  beforeAll(async () => {
    v1 = (await putObject(s3, { bucket, key: 'ver/doc.txt', body: 'one' })).versionId as string;
    v2 = (await putObject(s3, { bucket, key: 'ver/doc.txt', body: 'second' })).versionId as string;
    marker = (await deleteObject(s3, { bucket, key: 'ver/doc.txt' })).versionId as string;
    await putObject(s3, { bucket, key: 'ver/doc.txt.bak', body: 'neighbour' });
  });

  it('prints a table, newest first, with the latest flag and the delete marker', async () => {
    const result = await helium('versions', `s3://${bucket}/ver/doc.txt`);
    expect(result.code).toBe(0);
    expect(result.stderr).toBe('');
    const lines = result.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^LAST MODIFIED +SIZE +LATEST +DELETE MARKER +VERSION ID$/);
    expect(lines).toHaveLength(4);
    expect(lines[1]).toMatch(new RegExp(`^\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d +- +yes +yes +${marker}$`));
    expect(lines[2]).toMatch(new RegExp(` +6 +${v2}$`));
    expect(lines[3]).toMatch(new RegExp(` +3 +${v1}$`));
  });

  it('prints one JSON document with --json', async () => {
    const result = await helium('versions', `s3://${bucket}/ver/doc.txt`, '--json');
    expect(result.code).toBe(0);
    const doc = JSON.parse(result.stdout);
    expect(doc).toMatchObject({ bucket, key: 'ver/doc.txt', versioning: 'Enabled', notice: null });
    expect(doc.versions.map((v: { versionId: string }) => v.versionId)).toEqual([marker, v2, v1]);
    expect(doc.versions[0]).toMatchObject({ isLatest: true, isDeleteMarker: true, size: 0, etag: null });
    expect(doc.versions[1]).toMatchObject({ isLatest: false, isDeleteMarker: false, size: 6 });
    expect(doc.versions[1].uri).toBe(`s3://${bucket}/ver/doc.txt?versionId=${v2}`);
  });

  it('streams --json page by page: one valid document, written before the listing ends', async () => {
    const key = 'ver/many.txt';
    const ids: string[] = [];
    for (let i = 0; i < 7; i++) {
      ids.unshift((await putObject(s3, { bucket, key, body: `v${i}` })).versionId as string);
    }
    const client = testClient();
    const log: string[] = [];
    const original = client.send.bind(client);
    client.send = ((command: { constructor: { name: string } }, ...rest: unknown[]) => {
      log.push(command.constructor.name === 'ListObjectVersionsCommand' ? 'list' : 'other');
      return (original as (...args: unknown[]) => Promise<unknown>)(command, ...rest);
    }) as typeof client.send;
    const chunks: string[] = [];
    const stream = {
      write: (chunk: string) => {
        chunks.push(chunk);
        log.push('write');
        return true;
      },
      once: () => undefined
    };
    const ctx = {
      s3: client,
      json: true,
      signal: new AbortController().signal,
      out: new Output(stream, stream, true)
    } as unknown as CliContext;
    await versions(ctx, `s3://${bucket}/${key}`, { pageSize: 2 });
    client.destroy();
    const stdout = chunks.join('');
    const doc = JSON.parse(stdout);
    expect(doc).toMatchObject({ uri: `s3://${bucket}/${key}`, bucket, key, versioning: 'Enabled', notice: null });
    expect(doc.versions.map((v: { versionId: string }) => v.versionId)).toEqual(ids);
    // Laid out exactly as JSON.stringify(…, null, 2) would.
    expect(stdout).toBe(`${JSON.stringify(doc, null, 2)}\n`);
    // 7 versions at 2 a page: 4 pages, each written before the next one is listed.
    expect(log.filter(e => e === 'list')).toHaveLength(4);
    expect(log.indexOf('write')).toBeLessThan(log.lastIndexOf('list'));
    expect(chunks.length).toBeGreaterThanOrEqual(4);
  });

  it('says when the bucket does not keep versions, and when a key has none', async () => {
    await putObject(s3, { bucket: unversioned, key: 'a.txt', body: 'a' });
    const off = await helium('versions', `s3://${unversioned}/a.txt`);
    expect(off.code).toBe(0);
    expect(off.stdout).toMatch(/ +1 +yes +null\n$/);
    expect(off.stderr).toContain(`Bucket "${unversioned}" does not keep versions`);
    const none = await helium('versions', `s3://${bucket}/ver/never.txt`);
    expect(none.code).toBe(1);
    expect(none.stderr).toContain('has no versions');
    const folder = await helium('versions', `s3://${bucket}/ver/`);
    expect(folder.code).toBe(2);
  });

  it('gets an old version with --version, which must agree with ?versionId=', async () => {
    const out = path.join(tmp, 'old.txt');
    const get = await helium('get', `s3://${bucket}/ver/doc.txt`, '--version', v1, out);
    expect(get.code).toBe(0);
    expect(await fs.readFile(out, 'utf8')).toBe('one');
    const both = await helium('get', `s3://${bucket}/ver/doc.txt?versionId=${v2}`, '--version', v2, path.join(tmp, 'v2.txt'));
    expect(both.code).toBe(0);
    expect(await fs.readFile(path.join(tmp, 'v2.txt'), 'utf8')).toBe('second');
    const clash = await helium('get', `s3://${bucket}/ver/doc.txt?versionId=${v2}`, '--version', v1, path.join(tmp, 'clash.txt'));
    expect(clash.code).toBe(2);
    expect(clash.stderr).toContain(`The URI names version "${v2}" but --version says "${v1}"`);
    await expect(fs.stat(path.join(tmp, 'clash.txt'))).rejects.toThrow();
  });
});

describe('helium restore and undelete', () => {
  it('restores a version as a new version and says which', async () => {
    const key = 'rest/doc.txt';
    const v1 = (await putObject(s3, { bucket, key, body: 'original' })).versionId as string;
    await putObject(s3, { bucket, key, body: 'changed' });
    const result = await helium('restore', `s3://${bucket}/${key}`, '--version', v1);
    expect(result.code).toBe(0);
    const ids = await versionIds(key);
    expect(ids).toHaveLength(3);
    expect(result.stdout).toBe(`restore: s3://${bucket}/${key}?versionId=${v1} to s3://${bucket}/${key} (new version ${ids[0]}, 8 B)\n`);
    expect(await current(key)).toBe('original');

    const again = await helium('restore', `s3://${bucket}/${key}?versionId=${ids[0]}`, '--json');
    expect(again.code).toBe(0);
    expect(JSON.parse(again.stdout).restored).toMatchObject({ written: false, versionId: null, sourceVersionId: ids[0] });
    expect(await versionIds(key)).toHaveLength(3);

    const noVersion = await helium('restore', `s3://${bucket}/${key}`);
    expect(noVersion.code).toBe(2);
    expect(noVersion.stderr).toContain('Add --version ID');
  });

  it('refuses delete markers and unversioned buckets, writing nothing', async () => {
    const key = 'rest/gone.txt';
    await putObject(s3, { bucket, key, body: 'x' });
    const marker = (await deleteObject(s3, { bucket, key })).versionId as string;
    const result = await helium('restore', `s3://${bucket}/${key}`, '--version', marker);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('is a delete marker: it has no content');
    expect(await versionIds(key)).toHaveLength(2);

    await putObject(s3, { bucket: unversioned, key: 'b.txt', body: 'only' });
    const off = await helium('restore', `s3://${unversioned}/b.txt`, '--version', 'null');
    expect(off.code).toBe(1);
    expect(off.stderr).toMatch(/^helium: Bucket ".*" does not keep versions, so restoring an old version would overwrite the only copy\./);
    expect(off.stderr).toContain('put-bucket-versioning');
    expect(await versionIds('b.txt', unversioned)).toEqual(['null']);
  });

  it('undeletes a deleted object, and says when it is not deleted', async () => {
    const key = 'undel/doc.txt';
    await putObject(s3, { bucket, key, body: 'before' });
    const last = (await putObject(s3, { bucket, key, body: 'last words' })).versionId as string;
    const marker = (await deleteObject(s3, { bucket, key })).versionId as string;
    const result = await helium('undelete', `s3://${bucket}/${key}`);
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(
      `undelete: s3://${bucket}/${key} is back (current version ${last}, 10 B); removed delete marker ${marker}\n`
    );
    expect(await current(key)).toBe('last words');
    const again = await helium('undelete', `s3://${bucket}/${key}`, '--json');
    expect(again.code).toBe(1);
    expect(JSON.parse(again.stderr).error).toMatchObject({ kind: 'InvalidInput', code: 'NotDeleted' });
  });
});

describe('helium meta', () => {
  const key = 'meta/table.csv';
  let v1: string;

  beforeAll(async () => {
    v1 = (
      await putObject(s3, {
        bucket,
        key,
        body: 'a,b\n1,2\n',
        contentType: 'text/csv',
        userMetadata: { helium: '{"target":"csv","user_meta":{"run":12}}', source: 'lab-3' }
      })
    ).versionId as string;
  });

  it('shows T4 metadata, other user metadata, content type and checksum', async () => {
    const result = await helium('meta', `s3://${bucket}/${key}`);
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(
      [
        `s3://${bucket}/${key}?versionId=${v1}`,
        'content type:   text/csv',
        'size:           8 B (8 bytes)',
        `SHA-256:        ${createHash('sha256').update('a,b\n1,2\n').digest('base64')}`,
        'storage class:  STANDARD',
        'T4 target:      csv',
        'T4 user_meta:   {',
        '                  "run": 12',
        '                }',
        'other user metadata:',
        '  x-amz-meta-source: lab-3',
        ''
      ].join('\n')
    );
    const json = await helium('meta', `s3://${bucket}/${key}`, '--json');
    expect(JSON.parse(json.stdout)).toMatchObject({
      versionId: v1,
      contentType: 'text/csv',
      helium: { target: 'csv', user_meta: { run: 12 } },
      heliumProblem: null,
      otherUserMetadata: { source: 'lab-3' }
    });
  });

  it('replaces user_meta with --set as a new version', async () => {
    const result = await helium('meta', `s3://${bucket}/${key}`, '--set', '{"run": 13, "ok": true}');
    expect(result.code).toBe(0);
    const ids = await versionIds(key);
    expect(ids).toHaveLength(2);
    expect(result.stdout).toContain(`meta: s3://${bucket}/${key} new version ${ids[0]} with the new user_meta (copied from version ${v1}`);
    const meta = await readObjectMetadata(s3, { bucket, key });
    expect(meta).toMatchObject({ contentType: 'text/csv', otherUserMetadata: { source: 'lab-3' } });
    expect(meta.helium).toEqual({ target: 'csv', user_meta: { run: 13, ok: true } });
    const old = await helium('meta', `s3://${bucket}/${key}`, '--version', v1, '--json');
    expect(JSON.parse(old.stdout).helium.user_meta).toEqual({ run: 12 });
  });

  it('refuses --set on an older --version unless --restore is given', async () => {
    const k = 'meta/old.txt';
    const old = (
      await putObject(s3, { bucket, key: k, body: 'old content', userMetadata: { helium: '{"target":"text","user_meta":{"run":1}}' } })
    ).versionId as string;
    await putObject(s3, { bucket, key: k, body: 'new content' });
    const before = await versionIds(k);
    const refused = await helium('meta', `s3://${bucket}/${k}`, '--version', old, '--set', '{"run": 2}');
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain(`Version ${old} is not the current version of s3://${bucket}/${k}`);
    expect(refused.stderr).toContain('making that old content current again, so nothing was written');
    expect(refused.stderr).toContain(`helium restore s3://${bucket}/${k} --version ${old}`);
    expect(refused.stderr).toContain('or add --restore to do both in one new version');
    const json = await helium('meta', `s3://${bucket}/${k}`, '--version', old, '--set', '{"run": 2}', '--json');
    expect(JSON.parse(json.stderr).error).toMatchObject({ kind: 'InvalidInput', code: 'NotCurrentVersion' });
    const lone = await helium('meta', `s3://${bucket}/${k}`, '--restore');
    expect(lone.code).toBe(2);
    expect(lone.stderr).toContain('--restore goes with --set');
    expect(await versionIds(k)).toEqual(before);
    expect(await current(k)).toBe('new content');

    const restored = await helium('meta', `s3://${bucket}/${k}`, '--version', old, '--set', '{"run": 2}', '--restore');
    expect(restored.code).toBe(0);
    expect(restored.stdout).toContain(`(copied from version ${old}, its content restored, which keeps its metadata)`);
    expect(await versionIds(k)).toHaveLength(3);
    expect(await current(k)).toBe('old content');
    expect((await readObjectMetadata(s3, { bucket, key: k })).helium?.user_meta).toEqual({ run: 2 });
  });

  it('refuses invalid or oversized JSON with exit code 2, writing nothing', async () => {
    const before = await versionIds(key);
    const bad = await helium('meta', `s3://${bucket}/${key}`, '--set', '{"run": 13,}');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toBe(
      'helium: --set is not valid JSON (line 1, column 12, right after \'{"run": 13,\'): a comma before "}" is not allowed in JSON. Give a JSON object, e.g. --set \'{"source": "lab 3", "run": 12}\' (or --set null for none). Nothing was written.\n'
    );
    const array = await helium('meta', `s3://${bucket}/${key}`, '--set', '[1]');
    expect(array.code).toBe(2);
    expect(array.stderr).toContain('must be a JSON object');
    const big = await helium('meta', `s3://${bucket}/${key}`, '--set', JSON.stringify({ a: 'x'.repeat(3000) }));
    expect(big.code).toBe(2);
    expect(big.stderr).toContain('2,048');
    expect(await versionIds(key)).toEqual(before);
  });
});

describe('helium rm --version', () => {
  it('deletes one version for good only with --yes', async () => {
    const key = 'rmv/doc.txt';
    const v1 = (await putObject(s3, { bucket, key, body: 'one' })).versionId as string;
    const v2 = (await putObject(s3, { bucket, key, body: 'two' })).versionId as string;
    const refused = await helium('rm', `s3://${bucket}/${key}`, '--version', v1);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain(`Deleting version ${v1} of s3://${bucket}/${key} is permanent`);
    expect(refused.stderr).toContain('Add --yes');
    const refusedUri = await helium('rm', `s3://${bucket}/${key}?versionId=${v1}`);
    expect(refusedUri.code).toBe(2);
    expect(await versionIds(key)).toEqual([v2, v1]);

    const done = await helium('rm', `s3://${bucket}/${key}`, '--version', v1, '--yes');
    expect(done.code).toBe(0);
    expect(done.stdout).toBe(`delete: s3://${bucket}/${key}?versionId=${v1} (that version is gone for good)\n`);
    expect(await versionIds(key)).toEqual([v2]);
    expect((await failure(getObjectBytes(s3, { bucket, key, versionId: v1 }))).kind).toBe('NotFound');
    expect(await current(key)).toBe('two');

    const missing = await helium('rm', `s3://${bucket}/${key}`, '--version', v1, '--yes');
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/does not exist|was not found/);
  });

  it('leaves plain rm as it is: a delete marker, earlier versions kept', async () => {
    const key = 'rmv/plain.txt';
    await putObject(s3, { bucket, key, body: 'x' });
    const result = await helium('rm', `s3://${bucket}/${key}`, '--yes');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('a delete marker now hides it');
    expect(await versionIds(key)).toHaveLength(2);
  });
});
