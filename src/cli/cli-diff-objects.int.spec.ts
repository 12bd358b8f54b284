/**
 * `helium diff` of objects: two versions of one (the last change by default), or two objects;
 * a unified diff for text, a byte comparison otherwise. dist/helium.cjs run as a child process
 * against the local S3 server (jest's global setup).
 * @jest-environment-options {"customExportConditions": ["node", "require", "default"]}
 */
import { S3Client } from '@aws-sdk/client-s3';
import * as http from 'http';
import type { AddressInfo } from 'net';
import { deleteObject, putObject } from '../service/objects';
import { runCli } from '../testing/cli-harness';
import { cliSuite } from '../testing/cli-suite';
import { createTestBucket } from '../testing/s3';

jest.setTimeout(120_000);

const suite = cliSuite('cli-diffobj');
const { helium } = suite;
let s3: S3Client, bucket: string;

beforeAll(() => {
  ({ s3, bucket } = suite);
});

/** Run helium against another endpoint (a proxy in front of the local S3). */
function heliumAt(endpoint: string, ...args: string[]) {
  return runCli(args, { endpoint, cwd: suite.tmp, env: { XDG_DATA_HOME: suite.dataHome } });
}

/**
 * A proxy in front of the local S3 that writes a new object over `key` right after answering
 * the first HEAD of its current version, before the CLI's GET can go out.
 * @param raceBucket - the bucket.
 * @param key - the key.
 * @param body - what the racing write writes.
 * @returns its endpoint, the requests it saw, whether it wrote, and how to close it.
 */
async function racingProxy(
  raceBucket: string,
  key: string,
  body: string
): Promise<{ endpoint: string; seen: string[]; wrote: () => boolean; close: () => Promise<void> }> {
  const seen: string[] = [];
  let wrote = false;
  const proxy = http.createServer((req, res) => {
    seen.push(`${req.method} ${req.url}`);
    const upstream = new URL(req.url ?? '/', suite.endpoint);
    const out = http.request(upstream, { method: req.method, headers: req.headers }, answer => {
      const relay = () => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      };
      if (!wrote && req.method === 'HEAD' && upstream.pathname === `/${raceBucket}/${key}` && !upstream.searchParams.has('versionId')) {
        wrote = true;
        putObject(s3, { bucket: raceBucket, key, body }).then(relay, relay);
      } else {
        relay();
      }
    });
    out.on('error', () => res.destroy());
    req.pipe(out);
  });
  await new Promise<void>(resolve => proxy.listen(0, '127.0.0.1', resolve));
  return {
    endpoint: `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`,
    seen,
    wrote: () => wrote,
    close: () => new Promise<void>(resolve => proxy.close(() => resolve()))
  };
}

describe('helium diff of objects', () => {
  it('shows what the last write changed as a unified diff, and any two versions with --version', async () => {
    const first = await putObject(s3, { bucket, key: 'd/notes.tsv', body: 'id\tname\n1\tAda\n2\tBob\n' });
    await putObject(s3, { bucket, key: 'd/notes.tsv', body: 'id\tname\n1\tAda\n2\tBobby\n3\t\u001b[2JCy\n' });
    const last = await helium('diff', `s3://${bucket}/d/notes.tsv`);
    expect(last.code).toBe(0);
    const lines = last.stdout.split('\n');
    expect(lines[0]).toMatch(new RegExp(`^--- s3://${bucket}/d/notes.tsv \\(version ${first.versionId}, `));
    expect(lines[1]).toMatch(new RegExp(`^\\+\\+\\+ s3://${bucket}/d/notes.tsv \\(version `));
    // Tabs stay tabs; an escape sequence in the content is shown, not run.
    expect(lines.slice(2)).toEqual(['@@ -1,3 +1,4 @@', ' id\tname', ' 1\tAda', '-2\tBob', '+2\tBobby', '+3\t\\x1b[2JCy', '']);

    const third = await putObject(s3, { bucket, key: 'd/notes.tsv', body: 'id\tname\n' });
    const pinned = await helium(
      'diff',
      `s3://${bucket}/d/notes.tsv`,
      '--version',
      first.versionId as string,
      '--version',
      third.versionId as string,
      '-U',
      '0',
      '--json'
    );
    expect(pinned.code).toBe(0);
    const doc = JSON.parse(pinned.stdout);
    expect(doc).toMatchObject({
      identical: false,
      kind: 'text',
      left: { versionId: first.versionId },
      right: { versionId: third.versionId }
    });
    expect(doc.patch).toContain('@@ -2,2 +1,0 @@\n-1\tAda\n-2\tBob\n');
  });

  it('compares notebooks cell by cell, JSON path by path, and a broken notebook line by line', async () => {
    const cell = (source: string) => ({ id: 'c1', cell_type: 'code', source, metadata: {}, outputs: [], execution_count: 1 });
    const nb = (source: string) => JSON.stringify({ nbformat: 4, nbformat_minor: 5, metadata: {}, cells: [cell(source)] });
    await putObject(s3, { bucket, key: 'd/run.ipynb', body: nb('x = 1\n') });
    await putObject(s3, { bucket, key: 'd/run.ipynb', body: nb('x = 2\n') });
    const cells = await helium('diff', `s3://${bucket}/d/run.ipynb`);
    expect(cells.code).toBe(0);
    expect(cells.stdout).toContain('## cell 1 (code, id c1) modified\n  -x = 1\n  +x = 2\n');
    await putObject(s3, { bucket, key: 'd/summary.json', body: '{"rows":10,"source":"a"}' });
    await putObject(s3, { bucket, key: 'd/summary.json', body: '{\n  "source": "a",\n  "rows": 12\n}\n' });
    const paths = await helium('diff', `s3://${bucket}/d/summary.json`);
    expect(paths.stdout).toContain('paths: 1 changed, 0 added, 0 removed\n~$.rows: 10 → 12\n');
    await putObject(s3, { bucket, key: 'd/run.ipynb', body: '{"cells": [' });
    const broken = await helium('diff', `s3://${bucket}/d/run.ipynb`, '--json');
    expect(JSON.parse(broken.stdout)).toMatchObject({ kind: 'text' });
  });

  it('compares two objects: identical, binary, or over the line-diff size by their sizes only', async () => {
    await putObject(s3, { bucket, key: 'd/a.bin', body: new Uint8Array([0, 1, 2, 3]) });
    await putObject(s3, { bucket, key: 'd/b.bin', body: new Uint8Array([0, 1, 2, 4]) });
    await putObject(s3, { bucket, key: 'd/a-copy.bin', body: new Uint8Array([0, 1, 2, 3]) });
    const binary = await helium('diff', `s3://${bucket}/d/a.bin`, `s3://${bucket}/d/b.bin`);
    expect(binary.code).toBe(0);
    expect(binary.stdout).toContain('Binary content differs (4 B and 4 B).');
    await putObject(s3, { bucket, key: 'd/t.parquet', body: new Uint8Array([80, 65, 82, 49, 0]) });
    await putObject(s3, { bucket, key: 'd/t.parquet', body: new Uint8Array([80, 65, 82, 49, 1]) });
    // Not Parquet after all (a damaged file): compared by bytes, saying why there is no table diff.
    const damaged = await helium('diff', `s3://${bucket}/d/t.parquet`);
    expect(damaged.code).toBe(0);
    expect(damaged.stdout).toContain('Binary content differs (5 B and 5 B).\nNo table diff: ');
    expect(binary.stdout).not.toContain('No table diff');
    const same = await helium('diff', `s3://${bucket}/d/a.bin`, `s3://${bucket}/d/a-copy.bin`, '--json');
    expect(JSON.parse(same.stdout)).toMatchObject({ identical: true, kind: 'same-etag', patch: null });

    const big = new Uint8Array(8 * 1024 * 1024 + 1).fill(65);
    await putObject(s3, { bucket, key: 'd/big.txt', body: big });
    await putObject(s3, { bucket, key: 'd/big2.txt', body: big.slice(1) });
    const tooBig = await helium('diff', `s3://${bucket}/d/big.txt`, `s3://${bucket}/d/big2.txt`);
    expect(tooBig.code).toBe(0);
    expect(tooBig.stdout).toContain('no line diff is made');
  });

  it('reads the versions its HEADs named, even when a write lands between the HEAD and the GET', async () => {
    const first = await putObject(s3, { bucket, key: 'd/race.txt', body: 'a\n' });
    const second = await putObject(s3, { bucket, key: 'd/race.txt', body: 'b\n' });
    const proxy = await racingProxy(bucket, 'd/race.txt', 'c\n');
    try {
      const diff = await heliumAt(proxy.endpoint, 'diff', `s3://${bucket}/d/race.txt`, '--version', first.versionId as string, '--json');
      expect(proxy.wrote()).toBe(true);
      expect(diff.code).toBe(0);
      const doc = JSON.parse(diff.stdout);
      expect(doc.right.versionId).toBe(second.versionId);
      // The bytes of the version the HEAD named, not of the one written after it.
      expect(doc.patch).toContain('-a\n+b\n');
      expect(doc.patch).not.toContain('+c');
      const gets = proxy.seen.filter(line => line.startsWith('GET ') && line.includes('/d/race.txt'));
      expect(gets).toHaveLength(2);
      expect(gets.some(line => line.includes(`versionId=${encodeURIComponent(second.versionId as string)}`))).toBe(true);
    } finally {
      await proxy.close();
    }
  });

  it('in a bucket without versions, refuses to diff bytes written after the HEAD (their ETag changed)', async () => {
    const plain = await createTestBucket(s3, 'cli-diffobj-plain', false);
    await putObject(s3, { bucket: plain, key: 'a.txt', body: 'a\n' });
    await putObject(s3, { bucket: plain, key: 'b.txt', body: 'b\n' });
    const proxy = await racingProxy(plain, 'b.txt', 'c\n');
    try {
      const diff = await heliumAt(proxy.endpoint, 'diff', `s3://${plain}/a.txt`, `s3://${plain}/b.txt`);
      expect(proxy.wrote()).toBe(true);
      expect(diff.stdout).not.toContain('+c');
      expect(diff.code).not.toBe(0);
      expect(diff.stderr).toContain('was replaced by a new write while it was being read');
      expect(proxy.seen.filter(line => line.startsWith('GET ') && line.includes('/b.txt'))).toHaveLength(1);
      // Without the race, the same diff is read (If-Match holds).
      const calm = await helium('diff', `s3://${plain}/a.txt`, `s3://${plain}/b.txt`);
      expect(calm.code).toBe(0);
      expect(calm.stdout).toContain('-a\n+c\n');
    } finally {
      await proxy.close();
    }
  });

  it('says what to do when there is no earlier version, the object is deleted, or a folder lacks its sides', async () => {
    await putObject(s3, { bucket, key: 'd/once.txt', body: 'once' });
    const once = await helium('diff', `s3://${bucket}/d/once.txt`);
    expect(once.code).toBe(1);
    expect(once.stderr).toContain('has no earlier version to compare its current one with: name one with --version');

    await putObject(s3, { bucket, key: 'd/gone.txt', body: 'x' });
    await deleteObject(s3, { bucket, key: 'd/gone.txt' });
    const gone = await helium('diff', `s3://${bucket}/d/gone.txt`);
    expect(gone.code).toBe(1);
    expect(gone.stderr).toContain('is deleted (a delete marker is its newest version)');

    const folder = await helium('diff', `s3://${bucket}/d/`);
    expect(folder.code).toBe(2);
    expect(folder.stderr).toContain("A folder's diff takes two sides");
    const tooMany = await helium('diff', `s3://${bucket}/d/once.txt`, '--version', 'a', '--version', 'b', '--version', 'c');
    expect(tooMany.code).toBe(2);
    expect(tooMany.stderr).toContain('Give --version at most twice');
    const badContext = await helium('diff', `s3://${bucket}/d/once.txt`, '-U', 'many');
    expect(badContext.code).toBe(2);
    expect(badContext.stderr).toContain('--context must be a whole number of lines');
  });
});
