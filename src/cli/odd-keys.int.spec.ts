/**
 * Every key S3 holds works: boto3 writes objects under odd keys (control characters, `.`, `..`
 * and empty segments, `%`, `?`, `#`, `+`, spaces, unicode, 1,024 bytes), then the engine lists and
 * reads them, and the `helium` command (dist/helium.cjs as a child process) lists, downloads,
 * lists versions, snapshots, diffs and downloads from a snapshot, against the local S3 (moto);
 * real quilt3 browses and fetches the snapshot, and packages the same folder the same way.
 *
 * moto cannot hold a key with a line feed (its router does not match `\n`), so LF is left out here;
 * the CR key stands for it (an XML parser would turn it into LF; see listed-keys.ts).
 * @jest-environment-options {"customExportConditions": ["node", "require", "default"]}
 */
import type { S3Client } from '@aws-sdk/client-s3';
import { createHash } from 'crypto';
import { promises as fs } from 'fs';
import * as os from 'os';
import * as path from 'path';
import { listPrefixPages } from '../service/listing';
import { getObjectBytes } from '../service/objects';
import { parsePhysicalKey } from '../service/snapshots/manifest';
import { readSnapshot } from '../service/snapshots/registry';
import { snapshot } from '../service/snapshots/snapshot';
import { quiltChunkedHash } from '../service/transfers/quilt-hash';
import { bytesSource } from '../service/transfers/sources';
import { formatS3Uri, parseS3Uri, utf8Length } from '../service/uri';
import { listVersionPages } from '../service/versions-list';
import { runPythonJson } from '../testing/python-interop';
import { createTestBucket, testClient, testS3Url } from '../testing/s3';
import { ensureCliBuilt, readTree, runCli } from '../testing/cli-harness';

jest.setTimeout(180_000);

/** A 1,024-byte key (the most S3 allows): folders of 200 bytes, an astral character at the end. */
const LONG = `long/${`${'l'.repeat(199)}/`.repeat(4)}${'x'.repeat(1024 - 'odd/long/'.length - 800 - 4)}😀`;

/** Names below the folder that quilt3 accepts as logical keys: a snapshot holds them all. */
const HELD = [
  'tab\there.txt',
  'cr\rhere',
  'ctl\x01x',
  'del\x7fx',
  'pct%41.txt',
  'q?x',
  'h#x',
  'p+x',
  'sp ace.txt',
  'emoji😀.txt',
  'tab\tdir/in.txt',
  'sp ace+dir/in.txt',
  LONG
];

/** Names below the folder with `..`, `.` or empty segments: S3 holds them, quilt3 refuses them. */
const SEGMENTS = ['a/../b', 'a/./b', 'a//b', '/lead'];

/** The ones quilt3 itself can list on moto (not CR: moto's ListObjectVersions answers it raw; not \x01: botocore's XML parser refuses it). */
const QUILT_LISTABLE = HELD.filter(name => !/[\r\x01]/.test(name));

const FOLDER = 'odd/';
const ALL = [...HELD, ...SEGMENTS].map(name => `${FOLDER}${name}`);
const body = (key: string): string => `bytes of ${JSON.stringify(key)}`;
const sha256 = (data: string | Uint8Array): string => createHash('sha256').update(data).digest('hex');
/** A file as the harness's readTree shows it. */
const treeFile = (text: string): string => `${Buffer.byteLength(text)}:${sha256(text)}`;
const byCodeUnit = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

let s3: S3Client;
let bucket: string;
let endpoint: string;
let tmp: string;
/** The version boto3 wrote, by key. */
let versions: Record<string, string>;
let topHash: string;

/** Run helium against the local S3 server. */
const helium = (...args: string[]) => runCli(args, { endpoint, cwd: tmp });
const uri = (key: string, versionId?: string): string => formatS3Uri({ bucket, key, ...(versionId ? { versionId } : {}) });

interface Browsed {
  top_hash: string;
  entries: { logical_key: string; physical_key: string; size: number; hash: { type: string; value: string } }[];
  error?: string;
}

beforeAll(async () => {
  expect(utf8Length(`${FOLDER}${LONG}`)).toBe(1024);
  endpoint = testS3Url();
  s3 = testClient();
  bucket = await createTestBucket(s3, 'odd-keys');
  tmp = await fs.mkdtemp(path.join(os.tmpdir(), 'helium-odd-keys-'));
  const items = [
    ...ALL,
    // As long a folder name as FOLDER: the long key stays 1,024 bytes.
    ...QUILT_LISTABLE.map(name => `qlt/${name}`),
    'seg/ok.txt',
    'seg/a/../b',
    '/rooted/x.txt',
    'paging/cr\rkey',
    'paging/cr\rkey',
    'paging/cr\rkey'
  ].map(key => [key, body(key)]);
  versions = await runPythonJson<Record<string, string>>('boto3_keys.py', ['put', bucket, JSON.stringify(items)]);
  await ensureCliBuilt();
});

afterAll(async () => {
  s3?.destroy();
  if (tmp) {
    await fs.rm(tmp, { recursive: true, force: true });
  }
});

describe('listing', () => {
  it('lists every key exactly, one key per page too (paging tokens stay right)', async () => {
    for (const pageSize of [1000, 1]) {
      const keys: string[] = [];
      for await (const page of listPrefixPages(s3, { bucket, prefix: FOLDER, delimiter: '', pageSize })) {
        keys.push(...page.objects.map(o => o.key));
      }
      expect(keys).toEqual([...ALL].sort(byCodeUnit));
    }
  });

  it('lists folders (common prefixes) with odd names, through page boundaries', async () => {
    const folders: string[] = [];
    const objects: string[] = [];
    for await (const page of listPrefixPages(s3, { bucket, prefix: FOLDER, pageSize: 2 })) {
      folders.push(...page.folders.map(f => f.prefix));
      objects.push(...page.objects.map(o => o.key));
    }
    expect(folders).toEqual(['odd//', 'odd/a/', 'odd/long/', 'odd/sp ace+dir/', 'odd/tab\tdir/']);
    expect(objects).toEqual(ALL.filter(k => !k.slice(FOLDER.length).includes('/')).sort(byCodeUnit));
  });

  it('helium ls --json lists every key, with URIs that parse back to it', async () => {
    const result = await helium('--json', 'ls', `s3://${bucket}/${FOLDER}`, '--recursive');
    expect(result.code).toBe(0);
    const entries = (JSON.parse(result.stdout) as { entries: { key: string; uri: string }[] }).entries;
    expect(entries.map(e => e.key)).toEqual([...ALL].sort(byCodeUnit));
    for (const entry of entries) {
      expect(parseS3Uri(entry.uri)).toEqual({ bucket, key: entry.key });
    }
  });

  it('helium ls shows control characters escaped, never raw', async () => {
    const result = await helium('ls', `s3://${bucket}/${FOLDER}`);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(' tab\\x09here.txt\n');
    expect(result.stdout).toContain(' cr\\x0dhere\n');
    expect(result.stdout).toContain(' ctl\\x01x\n');
    expect(result.stdout).toContain('PRE tab\\x09dir/\n');
    expect(result.stdout).not.toMatch(/[\x00-\x09\x0b-\x1f\x7f]/);
  });
});

describe('objects', () => {
  it('reads every object, and helium get saves each to a file name of one’s choosing', async () => {
    for (const [i, key] of ALL.entries()) {
      const read = await getObjectBytes(s3, { bucket, key });
      expect(Buffer.from(read.bytes).toString('utf8')).toBe(body(key));
      expect(read.info.key).toBe(key);
      const file = path.join(tmp, `one-${i}`);
      const result = await helium('get', uri(key), file);
      expect({ key, code: result.code, stderr: result.stderr }).toEqual({ key, code: 0, stderr: '' });
      expect(await fs.readFile(file, 'utf8')).toBe(body(key));
    }
  });

  it('helium versions lists the version boto3 wrote, for each key', async () => {
    for (const key of ALL) {
      const result = await helium('--json', 'versions', uri(key));
      expect({ key, code: result.code }).toEqual({ key, code: 0 });
      const listed = JSON.parse(result.stdout) as { key: string; versions: { versionId: string; uri: string }[] };
      expect(listed.key).toBe(key);
      expect(listed.versions.map(v => v.versionId)).toEqual([versions[key]]);
      expect(parseS3Uri(listed.versions[0].uri)).toEqual({ bucket, key, versionId: versions[key] });
    }
  });

  it('pages through the versions of a key with a CR (the marker goes back as S3 holds it)', async () => {
    const pages: string[][] = [];
    for await (const page of listVersionPages(s3, { bucket, key: 'paging/cr\rkey', pageSize: 1 })) {
      pages.push(page.map(v => v.versionId));
    }
    expect(pages).toHaveLength(3);
    expect(new Set(pages.flat()).size).toBe(3);
    expect(pages[0]).toEqual([versions['paging/cr\rkey']]);
  });

  it('helium get of the folder saves every key that is a path in it, and names the others with how to get each', async () => {
    const parent = path.join(tmp, 'folder-get');
    const out = path.join(parent, 'out');
    const result = await helium('get', `s3://${bucket}/${FOLDER}`, out);
    expect(result.code).toBe(1);
    expect(await readTree(parent)).toEqual(new Map(HELD.map(name => [`out/${name}`, treeFile(body(`${FOLDER}${name}`))])));
    for (const name of SEGMENTS) {
      const key = `${FOLDER}${name}`;
      expect(result.stderr).toContain(`skip: ${uri(key)}: `);
      expect(result.stderr).toContain(`Download it alone: helium get '${uri(key)}' FILE\n`);
    }
    expect(result.stderr).toContain(`helium: 4 objects of the folder were not downloaded (${HELD.length} were)`);
    expect(result.stderr).not.toMatch(/[\x00-\x09\x0b-\x1f\x7f]/);
  });
});

describe('new objects', () => {
  it('helium cp reads any source key, but refuses a destination key with a control character', async () => {
    const source = uri(`${FOLDER}tab\there.txt`);
    const refused = await helium('cp', source, `s3://${bucket}/copies/`);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain(
      `Cannot copy to ${uri('copies/tab\there.txt')}: Object key "copies/tab␉here.txt" contains a control character (U+0009); remove it. Nothing was copied.`
    );
    const named = await helium('cp', source, `s3://${bucket}/copies/tab-here.txt`);
    expect(named.code).toBe(0);
    expect(Buffer.from((await getObjectBytes(s3, { bucket, key: 'copies/tab-here.txt' })).bytes).toString('utf8')).toBe(
      body(`${FOLDER}tab\there.txt`)
    );
    const keys: string[] = [];
    for await (const page of listPrefixPages(s3, { bucket, prefix: 'copies/', delimiter: '' })) {
      keys.push(...page.objects.map(o => o.key));
    }
    expect(keys).toEqual(['copies/tab-here.txt']);
  });

  it('helium put refuses a key with a control character or a ".." segment, and writes nothing', async () => {
    const file = path.join(tmp, 'upload.txt');
    await fs.writeFile(file, 'new');
    const tab = await helium('put', file, `s3://${bucket}/puts/a%09b.txt`);
    expect(tab.code).toBe(2);
    expect(tab.stderr).toContain('contains a control character (U+0009); remove it. Nothing was uploaded.');
    const dots = await helium('put', file, `s3://${bucket}/puts/a/../b.txt`);
    expect(dots.code).toBe(2);
    expect(dots.stderr).toContain('has a ".." segment');
    for await (const page of listPrefixPages(s3, { bucket, prefix: 'puts/', delimiter: '' })) {
      expect(page.objects).toEqual([]);
    }
  });
});

describe('snapshots', () => {
  it('helium snapshot holds every object quilt3 can name, and names those it left out', async () => {
    const result = await helium('--json', 'snapshot', `s3://${bucket}/${FOLDER}`, '-m', 'odd keys');
    expect(result.code).toBe(1);
    const made = JSON.parse(result.stdout) as {
      topHash: string;
      entries: number;
      leftOut: { key: string; versionId: string; reason: string }[];
    };
    topHash = made.topHash;
    expect(made.entries).toBe(HELD.length);
    expect(made.leftOut.map(o => [o.key, o.versionId])).toEqual(
      SEGMENTS.map(name => `${FOLDER}${name}`)
        .sort(byCodeUnit)
        .map(key => [key, versions[key]])
    );
    expect(JSON.parse(result.stderr).error).toMatchObject({ kind: 'InvalidInput', code: 'LeftOutObjects' });

    const manifest = await readSnapshot(s3, bucket, topHash);
    expect(manifest.entries.map(e => e.logical_key).sort(byCodeUnit)).toEqual([...HELD].sort(byCodeUnit));
    for (const entry of manifest.entries) {
      const key = `${FOLDER}${entry.logical_key}`;
      expect(parsePhysicalKey(entry.physical_keys[0])).toEqual({ bucket, key, versionId: versions[key] });
      const bytes = Buffer.from(body(key), 'utf8');
      expect(entry.hash).toEqual({ type: 'sha2-256-chunked', value: await quiltChunkedHash(bytesSource(bytes)) });
      expect(entry.size).toBe(bytes.length);
    }
  });

  it('says on the terminal which objects it left out and why', async () => {
    const again = await helium('snapshot', `s3://${bucket}/${FOLDER}`, '-m', 'odd keys');
    expect(again.code).toBe(1);
    expect(again.stdout).toBe(`${topHash}\n`);
    expect(again.stderr).toContain(`left out: ${uri(`${FOLDER}a/../b`)}: its name in the folder has a ".." segment\n`);
    expect(again.stderr).toContain(`left out: ${uri(`${FOLDER}a/./b`)}: its name in the folder has a "." segment\n`);
    expect(again.stderr).toContain(`left out: ${uri(`${FOLDER}a//b`)}: its name in the folder has an empty segment`);
    expect(again.stderr).toContain(`left out: ${uri(`${FOLDER}/lead`)}: its name in the folder has an empty segment`);
    expect(again.stderr).toContain(`helium: Snapshot ${topHash.slice(0, 12)} was recorded without 4 objects of the folder`);
  });

  it('quilt3 browses the snapshot with every key and our hashes, and fetches every file’s bytes', async () => {
    const manifest = await readSnapshot(s3, bucket, topHash);
    const browsed = await runPythonJson<Browsed>('quilt_interop.py', ['browse', bucket, 'odd/snapshot', topHash]);
    expect(browsed.top_hash).toBe(topHash);
    const ours = new Map(manifest.entries.map(e => [e.logical_key, { physical_key: e.physical_keys[0], size: e.size, hash: e.hash }]));
    expect(new Map(browsed.entries.map(e => [e.logical_key, { physical_key: e.physical_key, size: e.size, hash: e.hash }]))).toEqual(ours);

    const fetched = await runPythonJson<Record<string, string>>('quilt_interop.py', ['fetch', bucket, 'odd/snapshot', topHash]);
    expect(fetched).toEqual(Object.fromEntries(HELD.map(name => [name, sha256(body(`${FOLDER}${name}`))])));
  });

  it('gives a folder’s objects the logical keys quilt3 gives them, and leaves out what quilt3 refuses', async () => {
    const theirs = await runPythonJson<Browsed>('quilt_interop.py', ['set_dir', bucket, 'qlt/', 'quilt/qlt']);
    expect(theirs.error).toBeUndefined();
    const ours = await snapshot(s3, { bucket, folder: 'qlt/', message: 'qlt' });
    expect(ours.leftOut).toEqual([]);
    const manifest = await readSnapshot(s3, bucket, ours.topHash);
    const entry = (e: { logical_key: string; size: number; hash: unknown }, physical: string) => [e.logical_key, physical, e.size, e.hash];
    expect(manifest.entries.map(e => entry(e, e.physical_keys[0]))).toEqual(theirs.entries.map(e => entry(e, e.physical_key)));
    expect(theirs.entries.map(e => e.logical_key).sort(byCodeUnit)).toEqual([...QUILT_LISTABLE].sort(byCodeUnit));

    // quilt3 refuses a folder holding a ".." key outright.
    const refused = await runPythonJson<Browsed>('quilt_interop.py', ['set_dir', bucket, 'seg/', 'quilt/seg']);
    expect(refused.error).toMatch(/^QuiltException: Invalid key 'a\/\.\.\/b'/);
  });

  it('snapshots a folder whose name starts with "/" as that folder, not another', async () => {
    const rooted = await helium('--json', 'snapshot', `s3://${bucket}//rooted/`, '-m', 'rooted');
    expect(rooted.code).toBe(0);
    const made = JSON.parse(rooted.stdout) as { topHash: string; folder: string };
    expect(made.folder).toBe('/rooted/');
    const manifest = await readSnapshot(s3, bucket, made.topHash);
    expect(manifest.entries.map(e => [e.logical_key, parsePhysicalKey(e.physical_keys[0])?.key])).toEqual([['x.txt', '/rooted/x.txt']]);
  });

  it('helium diff reports exactly the one odd-key object that changed, and which objects it could not compare', async () => {
    const changed = `${FOLDER}cr\rhere`;
    await runPythonJson('boto3_keys.py', ['put', bucket, JSON.stringify([[changed, 'changed bytes']])]);
    const json = await helium('--json', 'diff', `s3://${bucket}/${FOLDER}`, topHash.slice(0, 12), 'latest');
    expect(json.code).toBe(0);
    const diff = JSON.parse(json.stdout) as { changes: { logicalKey: string; status: string }[]; right: { leftOut: { key: string }[] } };
    expect(diff.changes.map(c => [c.logicalKey, c.status])).toEqual([['cr\rhere', 'modified']]);
    expect(diff.right.leftOut.map(o => o.key)).toEqual(SEGMENTS.map(name => `${FOLDER}${name}`).sort(byCodeUnit));

    const text = await helium('diff', `s3://${bucket}/${FOLDER}`, topHash.slice(0, 12), 'latest');
    expect(text.code).toBe(0);
    const changeLines = text.stdout
      .split('\n')
      .filter(line => /^(added|deleted|modified|metadata-changed|same-content-new-version) /.test(line));
    expect(changeLines).toEqual([`${'modified'.padEnd(24)}  cr\\x0dhere`]);
    expect(text.stderr).toContain('4 objects of the live folder were not compared');
    expect(text.stderr).toContain(`not compared: ${uri(`${FOLDER}a/../b`)}: its name in the folder has a ".." segment`);
  });

  it('helium get --snapshot downloads the versions the snapshot pinned, every odd key included', async () => {
    const out = path.join(tmp, 'as-of');
    const folder = await helium('get', `s3://${bucket}/${FOLDER}`, '--snapshot', topHash.slice(0, 12), out);
    expect(folder.code).toBe(0);
    // The CR key as it was when the snapshot was taken, not as it is now.
    expect(await readTree(out)).toEqual(new Map(HELD.map(name => [name, treeFile(body(`${FOLDER}${name}`))])));

    const file = path.join(tmp, 'as-of-cr');
    const one = await helium('get', uri(`${FOLDER}cr\rhere`), '--snapshot', topHash, file);
    expect(one.code).toBe(0);
    expect(await fs.readFile(file, 'utf8')).toBe(body(`${FOLDER}cr\rhere`));
  });
});
