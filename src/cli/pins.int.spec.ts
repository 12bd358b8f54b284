/**
 * `helium pin`, `helium pins` and `helium pins update` end to end (tags and lineage: tags-lineage.int.spec.ts):
 * dist/helium.cjs as a child process against the local S3 (moto), on notebook files in a temporary folder.
 * @jest-environment-options {"customExportConditions": ["node", "require", "default"]}
 */
import type { S3Client } from '@aws-sdk/client-s3';
import { promises as fs } from 'fs';
import * as os from 'os';
import * as path from 'path';
import { deleteObject, putObject } from '../service/objects';
import { readSnapshot } from '../service/snapshots/registry';
import { snapshot } from '../service/snapshots/snapshot';
import { createTestBucket, testClient, testS3Url } from '../testing/s3';
import { ensureCliBuilt, runCli } from '../testing/cli-harness';
import { notebookWithPins, pinnedFolder } from '../testing/pin-fixtures';

jest.setTimeout(120_000);

let s3: S3Client;
let bucket: string;
let endpoint: string;
let tmp: string;

const helium = (...args: string[]) => runCli(args, { endpoint, cwd: tmp });
const nextSecond = () => new Promise(resolve => setTimeout(resolve, 1050 - (Date.now() % 1000)));

const pinned = (folder: string) => pinnedFolder(s3, bucket, folder);
const notebookWith = (name: string, pins: unknown[]) => notebookWithPins(tmp, name, pins);

beforeAll(async () => {
  endpoint = testS3Url();
  s3 = testClient();
  bucket = await createTestBucket(s3, 'cli-pins');
  tmp = await fs.mkdtemp(path.join(os.tmpdir(), 'helium-cli-pins-'));
  await ensureCliBuilt();
});

afterAll(async () => {
  s3?.destroy();
  if (tmp) {
    await fs.rm(tmp, { recursive: true, force: true });
  }
});

describe('helium pins', () => {
  it('exits 0 when every pin is in sync, with text and --json', async () => {
    const { pin } = await pinned('sync/');
    const file = await notebookWith('sync.ipynb', [pin]);
    const text = await helium('pins', file);
    expect(text.code).toBe(0);
    expect(text.stdout).toContain(`sync: s3://${bucket}/sync/ @ ${String(pin.top_hash).slice(0, 12)}`);
    expect(text.stdout).toContain('  in sync');
    expect(text.stdout).toContain('follows latest: up to date');
    const json = await helium('pins', file, '--json');
    expect(json.code).toBe(0);
    const doc = JSON.parse(json.stdout);
    expect(doc).toMatchObject({
      exitCode: 0,
      problems: [],
      pins: [{ name: 'sync', state: 'in-sync', top_hash: pin.top_hash, changed: 0 }]
    });
  });

  it('exits 3 on drift, 4 on missing data, 5 on errors, 6 on malformed pins (the most severe wins)', async () => {
    const { pin: drift } = await pinned('drift/');
    await putObject(s3, { bucket, key: 'drift/a.txt', body: 'alpha, changed' });
    const driftFile = await notebookWith('drift.ipynb', [drift]);
    const driftRun = await helium('pins', driftFile);
    expect(driftRun.code).toBe(3);
    expect(driftRun.stdout).toContain('changed since pinned: 1 modified');

    const { pin: gone, aVersion } = await pinned('gone/');
    await deleteObject(s3, { bucket, key: 'gone/a.txt', versionId: aVersion });
    const goneRun = await helium('pins', await notebookWith('gone.ipynb', [drift, gone]), '--json');
    expect(goneRun.code).toBe(4);
    const goneDoc = JSON.parse(goneRun.stdout);
    expect(goneDoc.pins.map((p: { state: string }) => p.state)).toEqual(['changed', 'missing']);
    expect(goneDoc.pins[1].missing).toEqual([{ logicalKey: 'a.txt', physicalKey: expect.stringContaining('gone/a.txt?versionId=') }]);

    const ghost = { ...drift, name: 'ghost', top_hash: 'e'.repeat(64) };
    const errorRun = await helium('pins', await notebookWith('error.ipynb', [drift, ghost]));
    expect(errorRun.code).toBe(5);
    expect(errorRun.stdout).toContain(`ERROR: The pinned snapshot ${'e'.repeat(64)}`);

    const malformed = await helium('pins', await notebookWith('bad.ipynb', [drift, { ...drift, name: 'bad', top_hash: 'nope' }]), '--json');
    expect(malformed.code).toBe(6);
    const doc = JSON.parse(malformed.stdout);
    expect(doc.pins.map((p: { name: string }) => p.name)).toEqual(['drift']);
    expect(doc.problems).toEqual([expect.objectContaining({ name: 'bad', field: 'top_hash' })]);
  });

  it('says what to do about a pin that drifted, with commands that work as printed (odd keys quoted)', async () => {
    /** The arguments of the helium command a line prints after `label`, read as a shell would. */
    const commandAfter = (stdout: string, label: string): string[] => {
      const line = stdout.split('\n').find(l => l.trimStart().startsWith(label));
      expect(line).toBeDefined();
      const command = line!.slice(line!.indexOf('helium ') + 'helium '.length);
      return [...command.matchAll(/'((?:[^']|'\\'')*)'|(\S+)/g)].map(m => (m[1] ?? m[2]).replace(/'\\''/g, "'"));
    };
    const key = "todo dir/l'été 🌀.txt";
    const v1 = (await putObject(s3, { bucket, key, body: 'one' })).versionId as string;
    const { pin: folderPin } = await pinned('todo/');
    const file = await notebookWith("it's.ipynb", [folderPin]);
    expect((await helium('pin', file, `s3://${bucket}/${encodeURIComponent(key).replace(/%2F/g, '/')}`)).code).toBe(0);
    await putObject(s3, { bucket, key, body: 'two' });
    await putObject(s3, { bucket, key: 'todo/a.txt', body: 'alpha, changed' });

    const drifted = await helium('pins', file);
    expect(drifted.code).toBe(3);
    expect(commandAfter(drifted.stdout, 'what changed:')).toEqual([
      'diff',
      `s3://${bucket}/todo/`,
      String(folderPin.top_hash).slice(0, 12),
      'latest'
    ]);
    const folderRestore = commandAfter(drifted.stdout, 'bring the pinned data back');
    expect(folderRestore).toEqual(['restore', `s3://${bucket}/todo/`, '--snapshot', String(folderPin.top_hash).slice(0, 12)]);
    const plan = await helium(...folderRestore, '--dry-run');
    expect(plan.code).toBe(0);
    expect(plan.stdout).toContain('copy back  a.txt (modified since');
    expect(commandAfter(drifted.stdout, 'a local copy instead:')).toEqual([
      'get',
      `s3://${bucket}/todo/`,
      '--snapshot',
      String(folderPin.top_hash).slice(0, 12),
      'DIR/'
    ]);
    const restore = commandAfter(drifted.stdout, 'bring the pinned version back:');
    expect(restore).toEqual(['restore', `s3://${bucket}/todo%20dir/l'été%20🌀.txt`, '--version', v1]);
    expect((await helium(...restore)).code).toBe(0);
    const keep = commandAfter(drifted.stdout, 'or keep the new data:');
    expect(keep).toEqual(['pin', file, `s3://${bucket}/todo/`, '--snapshot', '--name', 'todo']);
    expect((await helium(...keep)).code).toBe(0);
    const after = await helium('pins', file);
    expect(after.code).toBe(0);
    expect(after.stdout).not.toContain('to do');
  });

  it('says the notebook has no pins (exit 0), and fails with 1 for a file that is not a notebook', async () => {
    const empty = await notebookWith('empty.ipynb', []);
    const run = await helium('pins', empty);
    expect(run.code).toBe(0);
    expect(run.stderr).toContain('has no pins');
    const notJson = path.join(tmp, 'not.ipynb');
    await fs.writeFile(notJson, 'not json');
    const bad = await helium('pins', notJson);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('is not a notebook');
  });
});

describe('helium pin', () => {
  /** The pins a notebook file holds now. */
  const pinsOf = async (file: string) => JSON.parse(await fs.readFile(file, 'utf8')).metadata.helium.pins as Record<string, unknown>[];

  it("pins a folder's latest snapshot, then (--snapshot) snapshots it first only when it changed", async () => {
    const { pin } = await pinned('pinme/');
    const file = await notebookWith('pinme.ipynb', []);
    const first = await helium('pin', file, `s3://${bucket}/pinme/`);
    expect(first.code).toBe(0);
    expect(first.stdout).toContain(`pinned  cli/pinme: s3://${bucket}/pinme/ @ snapshot ${String(pin.top_hash).slice(0, 12)}`);
    expect(await pinsOf(file)).toEqual([expect.objectContaining({ name: 'cli/pinme', top_hash: pin.top_hash, follows: 'latest' })]);

    const unchanged = await helium('pin', file, `s3://${bucket}/pinme/`, '--snapshot');
    expect(unchanged.code).toBe(0);
    expect(unchanged.stderr).toContain('no new snapshot');
    expect((await pinsOf(file))[0].top_hash).toBe(pin.top_hash);

    await putObject(s3, { bucket, key: 'pinme/c.txt', body: 'new file' });
    await nextSecond();
    const changed = await helium('pin', file, `s3://${bucket}/pinme/`, '--snapshot', '-m', 'for the paper', '--json');
    expect(changed.code).toBe(0);
    const pins = await pinsOf(file);
    expect(pins).toHaveLength(1);
    expect(pins[0].top_hash).not.toBe(pin.top_hash);
    expect(JSON.parse(changed.stdout).pin.top_hash).toBe(pins[0].top_hash);
    const manifest = await readSnapshot(s3, bucket, String(pins[0].top_hash));
    expect(manifest.entries.map(e => e.logical_key)).toEqual(['a.txt', 'b.txt', 'c.txt']);
    expect(await helium('pins', file)).toMatchObject({ code: 0 });
  });

  it("pins a file's current version, or the one given; helium pins then sees it drift (exit 3)", async () => {
    const v1 = (await putObject(s3, { bucket, key: 'files/t.csv', body: 'x\n1\n' })).versionId as string;
    const v2 = (await putObject(s3, { bucket, key: 'files/t.csv', body: 'x\n2\n' })).versionId as string;
    const file = await notebookWith('file.ipynb', []);
    expect((await helium('pin', file, `s3://${bucket}/files/t.csv`)).code).toBe(0);
    expect(await pinsOf(file)).toEqual([
      expect.objectContaining({ name: 't.csv', uri: `s3://${bucket}/files/t.csv`, version_id: v2, size: 4 })
    ]);
    expect((await helium('pins', file)).code).toBe(0);
    await putObject(s3, { bucket, key: 'files/other/t.csv', body: 'y' });
    expect((await helium('pin', file, `s3://${bucket}/files/other/t.csv`)).stdout).toContain('pinned  other/t.csv:');
    expect((await pinsOf(file)).map(p => p.name)).toEqual(['t.csv', 'other/t.csv']);
    const old = await helium('pin', file, `s3://${bucket}/files/t.csv?versionId=${v1}`, '--name', 'first');
    expect(old.stdout).toContain('pinned  first:');
    const status = await helium('pins', file);
    expect(status.code).toBe(3);
    expect(status.stdout).toContain(`first: s3://${bucket}/files/t.csv @ version ${v1.slice(0, 12)}`);
    expect(status.stdout).toContain('changed since pinned: 1 modified');
  });

  it('refuses options that do not fit (exit 2) and a folder without snapshots (exit 1), writing nothing', async () => {
    await putObject(s3, { bucket, key: 'bare/a.txt', body: 'a' });
    const file = await notebookWith('refuse.ipynb', []);
    const before = await fs.readFile(file, 'utf8');
    const fileWithTag = await helium('pin', file, `s3://${bucket}/bare/a.txt`, '--tag', 'q3');
    expect(fileWithTag.code).toBe(2);
    expect(fileWithTag.stderr).toContain('names a file');
    expect((await helium('pin', file, `s3://${bucket}/bare/`, 'abcdef', '--snapshot')).code).toBe(2);
    const none = await helium('pin', file, `s3://${bucket}/bare/`);
    expect(none.code).toBe(1);
    expect(none.stderr).toContain('has no snapshot to pin');
    expect(await fs.readFile(file, 'utf8')).toBe(before);
  });

  it('refuses a top hash that is no snapshot of the folder (another folder’s, exit 1), saying where it was taken, writing nothing', async () => {
    await putObject(s3, { bucket, key: 'mine/a.txt', body: 'mine' });
    await putObject(s3, { bucket, key: 'theirs/a.txt', body: 'theirs' });
    const mine = await snapshot(s3, { bucket, folder: 'mine/', name: 'cli/mine', message: 'm' });
    const theirs = await snapshot(s3, { bucket, folder: 'theirs/', name: 'cli/theirs', message: 't' });
    const file = await notebookWith('other-folder.ipynb', []);
    const before = await fs.readFile(file, 'utf8');
    for (const extra of [[], ['--package', 'cli/mine']]) {
      const other = await helium('pin', file, `s3://${bucket}/mine/`, theirs.topHash.slice(0, 10), ...extra);
      expect(other.code).toBe(1);
      expect(other.stderr).toContain(`${theirs.topHash.slice(0, 12)} is not a snapshot of s3://${bucket}/mine/`);
      expect(other.stderr).toContain(`it was taken of s3://${bucket}/theirs/`);
      expect(await fs.readFile(file, 'utf8')).toBe(before);
    }
    const own = await helium('pin', file, `s3://${bucket}/mine/`, mine.topHash.slice(0, 10));
    expect(own.code).toBe(0);
    expect(await pinsOf(file)).toEqual([expect.objectContaining({ package: 'cli/mine', top_hash: mine.topHash })]);
  });

  it('refuses to pin into a notebook whose metadata.helium.pins is not a list, keeping what was there', async () => {
    await putObject(s3, { bucket, key: 'handmade/a.txt', body: 'a' });
    const file = await notebookWith('handmade.ipynb', []);
    const nb = JSON.parse(await fs.readFile(file, 'utf8'));
    nb.metadata.helium.pins = { hurdat: 's3://elsewhere/hurdat2/' }; // a hand edit: an object, not a list
    await fs.writeFile(file, JSON.stringify(nb, null, 1));
    const before = await fs.readFile(file, 'utf8');
    const result = await helium('pin', file, `s3://${bucket}/handmade/a.txt`);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('metadata.helium.pins is not a list');
    expect(result.stderr).toContain('Nothing was written');
    expect(result.stderr).toContain('then pin again');
    expect(await fs.readFile(file, 'utf8')).toBe(before);
    // Nor does a snapshot get taken for a pin that cannot be written.
    const snap = await helium('pin', file, `s3://${bucket}/handmade/`, '--snapshot', '-m', 'never');
    expect(snap.code).toBe(1);
    expect((await helium('snapshots', `s3://${bucket}/handmade/`)).stdout).toBe('');
  });
});

describe('helium pins update', () => {
  it('re-locks only the pin that moved, rewriting only its lines; a second run writes nothing', async () => {
    const { pin: moving } = await pinned('upd/');
    const { pin: still } = await pinned('still/');
    const file = await notebookWith('upd.ipynb', [moving, still, { name: 'hand-written', uri: 'oops' }]);
    await putObject(s3, { bucket, key: 'upd/a.txt', body: 'alpha 2' });
    await nextSecond();
    const second = await snapshot(s3, { bucket, folder: 'upd/', name: String(moving.package), message: 'second' });
    const before = await fs.readFile(file, 'utf8');
    const run = await helium('pins', 'update', file);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(`updated  upd: ${String(moving.top_hash).slice(0, 12)} -> ${second.topHash.slice(0, 12)}`);
    expect(run.stdout).toContain('current  still');
    expect(run.stderr).toContain('Pin "hand-written": field "uri"');
    const after = await fs.readFile(file, 'utf8');
    const changedLines = after.split('\n').filter((line, i) => line !== before.split('\n')[i]);
    expect(changedLines).toHaveLength(2);
    expect(changedLines[0]).toContain(second.topHash);
    expect(changedLines[1]).toContain('"pinned_at"');
    expect(JSON.parse(after).cells).toEqual(JSON.parse(before).cells);
    expect(JSON.parse(after).metadata.helium.pins[2]).toEqual({ name: 'hand-written', uri: 'oops' });

    const stat = await fs.stat(file);
    const again = await helium('pins', 'update', file);
    expect(again.code).toBe(0);
    expect(again.stderr).toContain('was not written');
    expect((await fs.stat(file)).mtimeMs).toBe(stat.mtimeMs);
    expect(await fs.readdir(tmp)).not.toContainEqual(expect.stringContaining('.tmp'));
  });
});

describe('helium pins update through a symbolic link', () => {
  it('rewrites the file the link points at and keeps the link', async () => {
    const { pin } = await pinned('linked/');
    const real = await notebookWith('real.ipynb', [pin]);
    const link = path.join(tmp, 'link.ipynb');
    await fs.symlink(real, link);
    await putObject(s3, { bucket, key: 'linked/a.txt', body: 'alpha 2' });
    await nextSecond();
    const second = await snapshot(s3, { bucket, folder: 'linked/', name: String(pin.package), message: 'second' });
    expect((await helium('pins', 'update', link)).code).toBe(0);
    expect((await fs.lstat(link)).isSymbolicLink()).toBe(true);
    expect(JSON.parse(await fs.readFile(real, 'utf8')).metadata.helium.pins[0].top_hash).toBe(second.topHash);
  });
});
