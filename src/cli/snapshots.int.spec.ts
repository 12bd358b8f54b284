/**
 * The `helium` snapshot commands end to end (snapshot, snapshots, diff, get --snapshot):
 * dist/helium.cjs run as a child process against the local S3 server (moto, from jest's global
 * setup), checked with src/service.
 * @jest-environment-options {"customExportConditions": ["node", "require", "default"]}
 */
import type { S3Client } from '@aws-sdk/client-s3';
import { promises as fs } from 'fs';
import * as os from 'os';
import * as path from 'path';
import { deleteObject, putObject } from '../service/objects';
import { isLosslessNumber } from '../service/snapshots/python-json';
import { readSnapshot } from '../service/snapshots/registry';
import { createTestBucket, testClient, testS3Url } from '../testing/s3';
import { ensureCliBuilt, readTree, runCli } from '../testing/cli-harness';

jest.setTimeout(120_000);

let s3: S3Client;
let bucket: string;
let endpoint: string;
let tmp: string;
let first: string;
let second: string;

/** Snapshots are timed to the second: wait until the next second starts. */
const nextSecond = () => new Promise(resolve => setTimeout(resolve, 1050 - (Date.now() % 1000)));

/** Run helium against the local S3 server. */
const helium = (...args: string[]) => runCli(args, { endpoint, cwd: tmp });

beforeAll(async () => {
  endpoint = testS3Url();
  s3 = testClient();
  bucket = await createTestBucket(s3, 'cli-snap');
  tmp = await fs.mkdtemp(path.join(os.tmpdir(), 'helium-cli-snap-'));
  await putObject(s3, { bucket, key: 'proj/a.txt', body: 'alpha' });
  await putObject(s3, { bucket, key: 'proj/sub/b.csv', body: 'x,y\n1,2\n' });
  await putObject(s3, { bucket, key: 'proj/gone.txt', body: 'gone' });
  await ensureCliBuilt();
});

afterAll(async () => {
  s3?.destroy();
  if (tmp) {
    await fs.rm(tmp, { recursive: true, force: true });
  }
});

describe('helium snapshot', () => {
  it('prints the top hash, and what was written on stderr', async () => {
    const result = await helium('snapshot', `s3://${bucket}/proj/`, '-m', 'first');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^[0-9a-f]{64}\n$/);
    first = result.stdout.trim();
    expect(result.stderr).toContain(`Snapshot of s3://${bucket}/proj/ as proj/snapshot: 3 files`);
    expect(result.stderr).toContain(`quilt3.Package.browse("proj/snapshot", registry="s3://${bucket}", top_hash="${first}")`);
    const manifest = await readSnapshot(s3, bucket, first);
    expect(manifest.header.message).toBe('first');
    expect(manifest.entries.map(e => e.logical_key).sort()).toEqual(['a.txt', 'gone.txt', 'sub/b.csv']);
  });

  it('takes --name and --meta (number tokens kept), and prints JSON with --json', async () => {
    await putObject(s3, { bucket, key: 'proj/a.txt', body: 'alpha 2' });
    await deleteObject(s3, { bucket, key: 'proj/gone.txt' });
    await putObject(s3, { bucket, key: 'proj/new.txt', body: 'new' });
    await nextSecond();
    const result = await helium(
      'snapshot',
      `s3://${bucket}/proj`,
      '-m',
      'second',
      '--name',
      'team/proj',
      '--meta',
      '{"run": 1.0}',
      '--json'
    );
    expect(result.code).toBe(0);
    expect(result.stderr).toBe('');
    const doc = JSON.parse(result.stdout);
    expect(doc).toMatchObject({ bucket, folder: 'proj/', name: 'team/proj', entries: 3, uri: `s3://${bucket}/proj/` });
    second = doc.topHash;
    const manifest = await readSnapshot(s3, bucket, second);
    const run = (manifest.header.user_meta as Record<string, unknown>).run;
    expect(isLosslessNumber(run) && run.value).toBe('1.0');
  });

  it('refuses bad arguments', async () => {
    const noMessage = await helium('snapshot', `s3://${bucket}/proj/`);
    expect(noMessage.code).toBe(2);
    expect(noMessage.stderr).toContain('--message');
    const badMeta = await helium('snapshot', `s3://${bucket}/proj/`, '-m', 'x', '--meta', '[1]', '--json');
    expect(badMeta.code).toBe(2);
    expect(JSON.parse(badMeta.stderr).error).toMatchObject({ code: 'InvalidMetadata' });
    const badName = await helium('snapshot', `s3://${bucket}/proj/`, '-m', 'x', '--name', 'no.dots/allowed');
    expect(badName.code).toBe(2);
    expect(badName.stderr).toContain('not a valid package name');
    const empty = await helium('snapshot', `s3://${bucket}/nothing/`, '-m', 'x');
    expect(empty.code).toBe(1);
    expect(empty.stderr).toContain('nothing to snapshot');
  });
});

describe('helium snapshots', () => {
  it('lists the snapshots of a folder, newest first', async () => {
    const result = await helium('snapshots', `s3://${bucket}/proj/`);
    expect(result.code).toBe(0);
    const lines = result.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^TIME +TOP HASH +PACKAGE +FOLDER +FILES +SIZE +MESSAGE$/);
    expect(lines).toHaveLength(3);
    expect(lines[1]).toContain(second.slice(0, 12));
    expect(lines[1]).toMatch(/team\/proj +proj\/ +3 +\d+ B +second$/);
    expect(lines[2]).toContain(first.slice(0, 12));
    expect(lines[2]).toMatch(/ first$/);
  });

  it('prints JSON, and finds inner snapshots with --inner only', async () => {
    const json = await helium('snapshots', `s3://${bucket}/proj/`, '--json');
    const list = JSON.parse(json.stdout);
    expect(list.map((s: { topHash: string }) => s.topHash)).toEqual([second, first]);
    expect(list[0]).toMatchObject({ bucket, name: 'team/proj', folder: 'proj/', message: 'second', entries: 3 });
    expect(JSON.parse((await helium('snapshots', `s3://${bucket}/`, '--json')).stdout)).toEqual([]);
    expect(JSON.parse((await helium('snapshots', `s3://${bucket}/`, '--inner', '--json')).stdout)).toHaveLength(2);
    const none = await helium('snapshots', `s3://${bucket}/other/`);
    expect(none.code).toBe(0);
    expect(none.stdout).toBe('');
    expect(none.stderr).toContain('No snapshots');
  });
});

describe('helium diff', () => {
  it('prints a per-folder summary and the changed files, exit code 0', async () => {
    const result = await helium('diff', `s3://${bucket}`, first.slice(0, 8), second);
    expect(result.code).toBe(0);
    const lines = result.stdout.trimEnd().split('\n');
    expect(lines[0]).toBe(`--- s3://${bucket}/proj/ @ ${first.slice(0, 12)}`);
    expect(lines[1]).toBe(`+++ s3://${bucket}/proj/ @ ${second.slice(0, 12)}`);
    expect(lines[3]).toMatch(/^FOLDER +ADDED +DELETED +MODIFIED +METADATA +NEW VERSION +SAME$/);
    expect(lines[4].split(/ +/)).toEqual(['(all)', '1', '1', '1', '0', '0', '1']);
    expect(lines.slice(6)).toEqual([
      expect.stringMatching(/^modified +a\.txt$/),
      expect.stringMatching(/^deleted +gone\.txt$/),
      expect.stringMatching(/^added +new\.txt$/)
    ]);
  });

  it('diffs against latest and in JSON, with --same', async () => {
    await putObject(s3, { bucket, key: 'proj/sub/b.csv', body: 'x,y\n1,3\n' });
    const result = await helium('diff', `s3://${bucket}/proj/`, second, 'latest', '--same', '--json');
    expect(result.code).toBe(0);
    const doc = JSON.parse(result.stdout);
    expect(doc.left).toMatchObject({ ref: second, folder: 'proj/', message: 'second', entries: 3 });
    expect(doc.right).toMatchObject({ ref: 'latest', folder: 'proj/' });
    expect(doc.changes.map((c: { logicalKey: string; status: string }) => [c.logicalKey, c.status])).toEqual([
      ['a.txt', 'same'],
      ['new.txt', 'same'],
      ['sub/b.csv', 'modified']
    ]);
    expect(doc.folders['sub/']).toMatchObject({ modified: 1 });
    expect(doc.changes[2].left.physicalKey).toMatch(/^s3:\/\/.*\/proj\/sub\/b\.csv\?versionId=/);
    const clean = await helium('diff', `s3://${bucket}`, 'latest', 'latest');
    expect(clean.code).toBe(2);
  });

  it('fails clearly on an unknown snapshot', async () => {
    const result = await helium('diff', `s3://${bucket}`, 'abcdef0', 'latest', '--json');
    expect(result.code).toBe(1);
    expect(JSON.parse(result.stderr).error).toMatchObject({ code: 'SnapshotNotFound' });
  });
});

describe('helium get --snapshot', () => {
  it('downloads a file as the snapshot pinned it', async () => {
    const result = await helium('get', `s3://${bucket}/proj/a.txt`, '--snapshot', first.slice(0, 10), 'old-a.txt');
    expect(result.code).toBe(0);
    expect(await fs.readFile(path.join(tmp, 'old-a.txt'), 'utf8')).toBe('alpha');
    const deleted = await helium('get', `s3://${bucket}/proj/gone.txt`, '--snapshot', first, 'dir/', '--json');
    expect(deleted.code).toBe(0);
    expect(JSON.parse(deleted.stdout)).toMatchObject({ snapshot: first, downloaded: [{ key: 'proj/gone.txt', size: 4 }] });
    expect(await fs.readFile(path.join(tmp, 'dir', 'gone.txt'), 'utf8')).toBe('gone');
  });

  it('downloads a folder as the snapshot pinned it', async () => {
    const result = await helium('get', `s3://${bucket}/proj/`, '--snapshot', first, 'snap1');
    expect(result.code).toBe(0);
    expect([...(await readTree(path.join(tmp, 'snap1'))).keys()]).toEqual(['a.txt', 'gone.txt', 'sub/b.csv']);
    expect(await fs.readFile(path.join(tmp, 'snap1', 'sub', 'b.csv'), 'utf8')).toBe('x,y\n1,2\n');
    const sub = await helium('get', `s3://${bucket}/proj/sub`, '--snapshot', first, 'snap1-sub');
    expect(sub.code).toBe(0);
    expect([...(await readTree(path.join(tmp, 'snap1-sub'))).keys()]).toEqual(['b.csv']);
  });

  it('refuses files the snapshot does not have, or outside its folder', async () => {
    const missing = await helium('get', `s3://${bucket}/proj/new.txt`, '--snapshot', first, 'x.txt');
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('has no file "new.txt"');
    const outside = await helium('get', `s3://${bucket}/elsewhere/a.txt`, '--snapshot', first, 'x.txt');
    expect(outside.code).toBe(1);
    expect(outside.stderr).toContain('is not in the folder snapshot');
    await expect(fs.stat(path.join(tmp, 'x.txt'))).rejects.toThrow();
  });
});

describe('tags where diff and get --snapshot take a top hash', () => {
  let tagged: string;

  beforeAll(async () => {
    await putObject(s3, { bucket, key: 'tagged/sub/t.txt', body: 'tagged once' });
    const snap = await helium('snapshot', `s3://${bucket}/tagged/`, '-m', 'to tag');
    tagged = snap.stdout.trim();
    expect((await helium('tag', `s3://${bucket}/tagged/`, tagged.slice(0, 10), 'v1')).code).toBe(0);
    await putObject(s3, { bucket, key: 'tagged/sub/t.txt', body: 'changed since' });
  });

  it('diff and get take a tag of the folder’s package (a file’s: the nearest folder with one)', async () => {
    const diffed = await helium('diff', `s3://${bucket}/tagged/`, 'v1', 'latest', '--json');
    expect(diffed.code).toBe(0);
    const doc = JSON.parse(diffed.stdout);
    expect(doc.left.ref).toBe(tagged);
    expect(doc.changes).toEqual([expect.objectContaining({ logicalKey: 'sub/t.txt', status: 'modified' })]);
    const got = await helium('get', `s3://${bucket}/tagged/sub/t.txt`, '--snapshot', 'v1', 'tagged-t.txt');
    expect(got.code).toBe(0);
    expect(await fs.readFile(path.join(tmp, 'tagged-t.txt'), 'utf8')).toBe('tagged once');
  });

  it('says when no package has the tag, and asks for --package where the folder has several', async () => {
    const missing = await helium('diff', `s3://${bucket}/tagged/`, 'v9', 'latest');
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('No snapshot is tagged "v9"');
    expect((await helium('tag', `s3://${bucket}/proj/`, first.slice(0, 10), 'v1', '--package', 'proj/snapshot')).code).toBe(0);
    const ambiguous = await helium('get', `s3://${bucket}/proj/a.txt`, '--snapshot', 'v1', 'amb.txt');
    expect(ambiguous.code).toBe(1);
    expect(ambiguous.stderr).toContain('--package NAME');
    await expect(fs.stat(path.join(tmp, 'amb.txt'))).rejects.toThrow();
    const named = await helium('get', `s3://${bucket}/proj/a.txt`, '--snapshot', 'v1', '--package', 'proj/snapshot', 'named.txt');
    expect(named.code).toBe(0);
    expect(await fs.readFile(path.join(tmp, 'named.txt'), 'utf8')).toBe('alpha');
    const invalid = await helium('diff', `s3://${bucket}/proj/`, 'not a ref!', 'latest');
    expect(invalid.code).toBe(2);
    expect(invalid.stderr).toContain('a tag (helium tags lists them)');
  });
});

describe('helium get --snapshot of files the snapshot did not pin (no versionId)', () => {
  let unpinned: string;

  beforeAll(async () => {
    const { PutObjectCommand } = await import('@aws-sdk/client-s3');
    const { buildManifest, formatPhysicalKey } = await import('../service/snapshots/manifest');
    const { manifestKey, pointerKey } = await import('../service/snapshots/registry');
    const { quiltChunkedHash } = await import('../service/transfers/quilt-hash');
    const { bytesSource } = await import('../service/transfers/sources');
    const hash = (body: string) => quiltChunkedHash(bytesSource(new TextEncoder().encode(body)));
    await putObject(s3, { bucket, key: 'uq/same.txt', body: 'same' });
    await putObject(s3, { bucket, key: 'uq/changed.txt', body: 'before' });
    // Without a SHA-256 checksum: only hashing the bytes tells.
    await s3.send(new PutObjectCommand({ Bucket: bucket, Key: 'uq/plain.bin', Body: new TextEncoder().encode('PLAIN') }));
    // As quilt3 writes a package pushed to a bucket without versions; plain.bin had other bytes then.
    const recorded: Record<string, string> = { 'uq/same.txt': 'same', 'uq/changed.txt': 'before', 'uq/plain.bin': 'plain' };
    const entries = [];
    for (const [key, body] of Object.entries(recorded)) {
      entries.push({
        logical_key: key.slice('uq/'.length),
        physical_keys: [formatPhysicalKey({ bucket, key })],
        size: body.length,
        hash: { type: 'sha2-256-chunked', value: await hash(body) },
        meta: {}
      });
    }
    const manifest = buildManifest({ header: { version: 'v0', message: 'unversioned push', user_meta: {} }, entries });
    unpinned = manifest.topHash;
    await putObject(s3, { bucket, key: manifestKey(unpinned), body: manifest.text });
    await putObject(s3, { bucket, key: pointerKey('team/uq', 1_800_000_000), body: unpinned });
    await putObject(s3, { bucket, key: 'uq/changed.txt', body: 'BEFORE' });
  });

  it('downloads one whose object still has the snapshot’s content', async () => {
    const result = await helium('get', `s3://${bucket}/uq/same.txt`, '--snapshot', unpinned, 'uq-same.txt');
    expect(result.code).toBe(0);
    expect(await fs.readFile(path.join(tmp, 'uq-same.txt'), 'utf8')).toBe('same');
  });

  it('refuses one that changed since, before downloading it', async () => {
    const result = await helium('get', `s3://${bucket}/uq/changed.txt`, '--snapshot', unpinned, 'uq-changed.txt');
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('"changed.txt" is not pinned in the snapshot');
    expect(result.stderr).toContain('Nothing was downloaded.');
    await expect(fs.stat(path.join(tmp, 'uq-changed.txt'))).rejects.toThrow();
  });

  it('refuses one without a checksum after hashing its bytes, leaving no file behind', async () => {
    await fs.mkdir(path.join(tmp, 'uq-plain'));
    const result = await helium('get', `s3://${bucket}/uq/plain.bin`, '--snapshot', unpinned, 'uq-plain/', '--json');
    expect(result.code).toBe(1);
    expect(JSON.parse(result.stderr).error).toMatchObject({ code: 'UnpinnedContentChanged' });
    expect(await fs.readdir(path.join(tmp, 'uq-plain'))).toEqual([]);
  });

  it('refuses a folder with a changed file, downloading nothing', async () => {
    const result = await helium('get', `s3://${bucket}/uq/`, '--snapshot', unpinned, 'uq-all');
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('not pinned in the snapshot');
    await expect(fs.stat(path.join(tmp, 'uq-all'))).rejects.toThrow();
  });
});

describe('a package whose files are in several buckets', () => {
  let mbHash: string;

  it('get --snapshot downloads every file from its own bucket', async () => {
    const { buildManifest, formatPhysicalKey } = await import('../service/snapshots/manifest');
    const { manifestKey, pointerKey } = await import('../service/snapshots/registry');
    const { quiltChunkedHash } = await import('../service/transfers/quilt-hash');
    const { bytesSource } = await import('../service/transfers/sources');
    const other = await createTestBucket(s3, 'cli-snap-other');
    // As quilt3's build() records entries it does not copy: each where it is.
    const files = [
      { bucket, key: 'mb/here.txt', logical: 'here.txt', body: 'here' },
      { bucket: other, key: 'far/away.txt', logical: 'sub/away.txt', body: 'far away' }
    ];
    const entries = [];
    for (const f of files) {
      const put = await putObject(s3, { bucket: f.bucket, key: f.key, body: f.body });
      entries.push({
        logical_key: f.logical,
        physical_keys: [formatPhysicalKey({ bucket: f.bucket, key: f.key, versionId: put.versionId })],
        size: f.body.length,
        hash: { type: 'sha2-256-chunked', value: await quiltChunkedHash(bytesSource(new TextEncoder().encode(f.body))) },
        meta: {}
      });
    }
    const manifest = buildManifest({ header: { version: 'v0', message: 'built' }, entries });
    mbHash = manifest.topHash;
    await putObject(s3, { bucket, key: manifestKey(manifest.topHash), body: manifest.text });
    await putObject(s3, { bucket, key: pointerKey('team/mb', 1_800_000_100), body: manifest.topHash });
    const result = await helium('get', `s3://${bucket}/`, '--snapshot', manifest.topHash, 'mb');
    expect(result.stderr).not.toContain('several buckets');
    expect(result.code).toBe(0);
    expect(await fs.readFile(path.join(tmp, 'mb', 'here.txt'), 'utf8')).toBe('here');
    expect(await fs.readFile(path.join(tmp, 'mb', 'sub', 'away.txt'), 'utf8')).toBe('far away');
    expect(result.stdout).toContain(`s3://${other}/far/away.txt`);
  });

  it('snapshot says "1 file" for one file', async () => {
    await putObject(s3, { bucket, key: 'one/only.txt', body: 'only' });
    const result = await helium('snapshot', `s3://${bucket}/one/`, '-m', 'one');
    expect(result.code).toBe(0);
    expect(result.stderr).toContain(`Snapshot of s3://${bucket}/one/ as one/snapshot: 1 file, 4 B`);
  });

  it('diff against latest asks for the folder, and --folder / is the bucket root', async () => {
    const unknown = await helium('diff', `s3://${bucket}`, mbHash, 'latest');
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('--folder / for the whole bucket');
    const root = await helium('diff', `s3://${bucket}`, mbHash, 'latest', '--folder', '/');
    expect(root.code).toBe(0);
    expect(root.stdout).toContain(`+++ s3://${bucket}/ (latest)`);
    expect(root.stdout).toMatch(/deleted +here\.txt/);
    expect(root.stdout).toMatch(/added +mb\/here\.txt/);
  });

  it('tag and tags at the bucket root find it, as snapshots lists it there', async () => {
    const tagged = await helium('tag', `s3://${bucket}/`, mbHash.slice(0, 10), 'built-1');
    expect(tagged.stderr).toBe('');
    expect(tagged.code).toBe(0);
    const tags = await helium('tags', `s3://${bucket}/`);
    expect(tags.code).toBe(0);
    expect(tags.stdout).toMatch(/team\/mb +built-1 +[0-9a-f]{12}/);
  });
});
