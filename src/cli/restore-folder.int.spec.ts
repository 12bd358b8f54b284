/**
 * `helium restore s3://bucket/folder/ --snapshot REF` end to end: dist/helium.cjs against the local
 * S3 server (jest's global setup), checked with the S3 API: the folder's bytes come back, every
 * earlier version stays, and a dry run or a refusal writes nothing.
 * @jest-environment-options {"customExportConditions": ["node", "require", "default"]}
 */
import { ListObjectVersionsCommand } from '@aws-sdk/client-s3';
import { deleteObject, getObjectText, putObject } from '../service/objects';
import { headCurrent } from '../service/objects-read';
import { promises as fs } from 'fs';
import * as os from 'os';
import * as path from 'path';
import { cliSuite } from '../testing/cli-suite';
import { runPythonJson } from '../testing/python-interop';

jest.setTimeout(120_000);

const t = cliSuite('cli-restore-folder');

/** The folder as the snapshot holds it. */
const ORIGINAL: Record<string, string> = {
  'a.txt': 'alpha',
  'gone.txt': 'to be deleted',
  "sp ace/l'été 🌀.txt": 'ünïcode content',
  'sub/b.csv': 'x,y\n1,2\n'
};

let hash: string;
/** The version of proj/a.txt the snapshot pinned. */
let firstA: string;

/**
 * Every version and delete marker under a prefix, one string each.
 * @param prefix - the prefix.
 * @returns `key@versionId` (`+dm` for delete markers), sorted.
 */
async function history(prefix: string): Promise<string[]> {
  const out = await t.s3.send(new ListObjectVersionsCommand({ Bucket: t.bucket, Prefix: prefix }));
  return [
    ...(out.Versions ?? []).map(v => `${v.Key}@${v.VersionId}`),
    ...(out.DeleteMarkers ?? []).map(d => `${d.Key}@${d.VersionId}+dm`)
  ].sort();
}

/**
 * The current content of every key under a prefix (keys without a current version left out).
 * @param prefix - the folder.
 * @param keys - the logical keys to read.
 * @returns logical key → text, or null when it has no current version.
 */
async function contents(prefix: string, keys: string[]): Promise<Record<string, string | null>> {
  const result: Record<string, string | null> = {};
  for (const key of keys) {
    const info = await headCurrent(t.s3, { bucket: t.bucket, key: prefix + key });
    result[key] = info ? (await getObjectText(t.s3, { bucket: t.bucket, key: prefix + key })).text : null;
  }
  return result;
}

/**
 * Fill a folder with {@link ORIGINAL}, snapshot it, then change it: modify two files (one with
 * spaces and unicode), delete one, add one.
 * @param prefix - the folder.
 * @returns the snapshot's top hash.
 */
async function snapshotThenChange(prefix: string): Promise<string> {
  for (const [key, body] of Object.entries(ORIGINAL)) {
    const put = await putObject(t.s3, { bucket: t.bucket, key: prefix + key, body });
    if (key === 'a.txt') {
      firstA = put.versionId as string;
    }
  }
  const snap = await t.helium('snapshot', `s3://${t.bucket}/${prefix}`, '-m', 'before the changes');
  expect(snap.code).toBe(0);
  await putObject(t.s3, { bucket: t.bucket, key: `${prefix}a.txt`, body: 'alpha, changed' });
  await putObject(t.s3, { bucket: t.bucket, key: `${prefix}sp ace/l'été 🌀.txt`, body: 'other content' });
  await deleteObject(t.s3, { bucket: t.bucket, key: `${prefix}gone.txt` });
  await putObject(t.s3, { bucket: t.bucket, key: `${prefix}new.txt`, body: 'added since' });
  return snap.stdout.trim();
}

const KEYS = [...Object.keys(ORIGINAL), 'new.txt'];

beforeAll(async () => {
  hash = await snapshotThenChange('proj/');
});

describe('helium restore FOLDER --snapshot', () => {
  it('--dry-run prints the plan and writes nothing', async () => {
    const before = await history('proj/');
    const result = await t.helium('restore', `s3://${t.bucket}/proj/`, '--snapshot', hash.slice(0, 12), '--dry-run');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(`Restore s3://${t.bucket}/proj/ to snapshot ${hash.slice(0, 12)}:`);
    expect(result.stdout).toContain('3 files copied back from the snapshot');
    expect(result.stdout).toContain('2 changed since, 1 deleted since');
    expect(result.stdout).toContain('1 file deleted (added since the snapshot');
    expect(result.stdout).toContain('copy back  gone.txt (deleted since');
    expect(result.stdout).toContain('delete     new.txt (added since');
    expect(result.stderr).toContain('Dry run: nothing was written.');
    expect(await history('proj/')).toEqual(before);
  });

  it('refuses without --yes off a terminal (exit 2) and writes nothing', async () => {
    const before = await history('proj/');
    const result = await t.helium('restore', `s3://${t.bucket}/proj/`, '--snapshot', hash.slice(0, 12));
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('add --yes');
    expect(result.stderr).toContain('Nothing was written.');
    expect(result.stdout).toBe('');
    expect(await history('proj/')).toEqual(before);
  });

  it('--yes brings the folder back to the snapshot, keeping every earlier version', async () => {
    const before = await history('proj/');
    expect(await contents('proj/', KEYS)).not.toEqual({ ...ORIGINAL, 'new.txt': null });
    const result = await t.helium('restore', `s3://${t.bucket}/proj/`, '--snapshot', hash.slice(0, 12), '--yes');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(
      `restore: s3://${t.bucket}/proj/ is snapshot ${hash.slice(0, 12)} again: 3 files copied back (new versions), 1 deleted`
    );
    expect(await contents('proj/', KEYS)).toEqual({ ...ORIGINAL, 'new.txt': null });
    const after = await history('proj/');
    expect(after).toEqual(expect.arrayContaining(before));
    // 3 new versions and 1 delete marker on top of what was there.
    expect(after.length).toBe(before.length + 4);
    expect(after.filter(v => v.startsWith('proj/new.txt@') && v.endsWith('+dm'))).toHaveLength(1);

    const again = await t.helium('restore', `s3://${t.bucket}/proj/`, '--snapshot', hash, '--yes');
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('already holds exactly the files of snapshot');
    expect(await history('proj/')).toEqual(after);
  });

  it('takes a tag, and says what it did as JSON', async () => {
    const tagged = await t.helium('tag', `s3://${t.bucket}/proj/`, hash.slice(0, 8), 'before-run');
    expect(tagged.code).toBe(0);
    await putObject(t.s3, { bucket: t.bucket, key: 'proj/sub/b.csv', body: 'x,y\n9,9\n' });
    const result = await t.helium('restore', `s3://${t.bucket}/proj/`, '--snapshot', 'before-run', '--yes', '--json');
    expect(result.code).toBe(0);
    const doc = JSON.parse(result.stdout).restore;
    expect(doc.topHash).toBe(hash);
    expect(doc.via).toContain('tag "before-run"');
    expect(doc.plan.actions).toEqual([{ kind: 'copy', key: 'proj/sub/b.csv', logicalKey: 'sub/b.csv', reason: 'modified', size: 8 }]);
    expect(doc.restored.copied).toEqual([expect.objectContaining({ key: 'proj/sub/b.csv' })]);
    expect((await getObjectText(t.s3, { bucket: t.bucket, key: 'proj/sub/b.csv' })).text).toBe(ORIGINAL['sub/b.csv']);
  });

  it('names an unknown snapshot or tag clearly, and writes nothing', async () => {
    await putObject(t.s3, { bucket: t.bucket, key: 'proj/a.txt', body: 'changed once more' });
    const before = await history('proj/');
    const unknown = hash.startsWith('abcdef') ? '123456789a' : 'abcdef0123';
    const byHash = await t.helium('restore', `s3://${t.bucket}/proj/`, '--snapshot', unknown, '--yes');
    expect(byHash.code).toBe(1);
    expect(byHash.stderr).toContain(`No snapshot in s3://${t.bucket} has a top hash starting with "${unknown}"`);
    expect(byHash.stderr).toContain('Nothing was written.');
    const byTag = await t.helium('restore', `s3://${t.bucket}/proj/`, '--snapshot', 'no-such-tag', '--yes');
    expect(byTag.code).toBe(1);
    expect(byTag.stderr).toContain('has no tag "no-such-tag"');
    expect(await history('proj/')).toEqual(before);
  });

  it('asks for --package when latest could name several packages, and writes nothing', async () => {
    await putObject(t.s3, { bucket: t.bucket, key: 'two/a.txt', body: 'a' });
    for (const name of ['team/one', 'team/two']) {
      expect((await t.helium('snapshot', `s3://${t.bucket}/two/`, '--name', name, '-m', name)).code).toBe(0);
    }
    const before = await history('two/');
    const result = await t.helium('restore', `s3://${t.bucket}/two/`, '--snapshot', 'latest', '--yes');
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('several packages (team/one, team/two): name one of them (helium: --package team/one)');
    expect(await history('two/')).toEqual(before);
  });

  it('refuses a snapshot of another folder (it would delete this folder’s files)', async () => {
    await putObject(t.s3, { bucket: t.bucket, key: 'other/keep.txt', body: 'keep' });
    const before = await history('other/');
    const result = await t.helium('restore', `s3://${t.bucket}/other/`, '--snapshot', hash.slice(0, 12), '--yes');
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`was taken of s3://${t.bucket}/proj/, not s3://${t.bucket}/other/`);
    expect(await history('other/')).toEqual(before);
  });

  it('refuses a snapshot that names no folder (quilt3, no files) on a folder: it would delete the folder’s files', async () => {
    await putObject(t.s3, { bucket: t.bucket, key: 'kept/one.txt', body: 'one' });
    const empty = await fs.mkdtemp(path.join(os.tmpdir(), 'helium-empty-package-'));
    const { top_hash: emptyHash } = await runPythonJson<{ top_hash: string }>('quilt_interop.py', [
      'push',
      t.bucket,
      'qlt/empty',
      empty,
      'no files'
    ]);
    await fs.rm(empty, { recursive: true });
    const before = await history('kept/');
    const result = await t.helium('restore', `s3://${t.bucket}/kept/`, '--snapshot', emptyHash.slice(0, 12), '--yes');
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`Snapshot ${emptyHash.slice(0, 12)} does not tell which folder it was taken of`);
    expect(result.stderr).toContain('Nothing was written.');
    expect(await history('kept/')).toEqual(before);
    // It is the bucket root's: there a dry run plans (and writes nothing).
    const root = await t.helium('restore', `s3://${t.bucket}/`, '--snapshot', emptyHash.slice(0, 12), '--dry-run', '--json');
    expect(root.code).toBe(0);
    expect(JSON.parse(root.stdout).restore).toEqual(expect.objectContaining({ dryRun: true }));
    expect(await history('kept/')).toEqual(before);
  });

  it.each([
    [['proj/', '--snapshot', 'HASH', '--version', 'v1'], 'give one of them'],
    [['proj/a.txt', '--snapshot', 'HASH'], 'restores a folder: give it ending in "/"'],
    [['proj/', '--version', 'v1'], 'is a bucket or folder: restore it to a snapshot with --snapshot'],
    [['proj/a.txt', '--version', 'v1', '--yes'], '--yes goes with --snapshot'],
    [['proj/', '--snapshot', 'not a ref!', '--yes'], 'is neither a top hash']
  ])('refuses mixed or invalid forms: %j', async (args, message) => {
    const [where, ...rest] = args;
    const result = await t.helium('restore', `s3://${t.bucket}/${where}`, ...rest.map(a => (a === 'HASH' ? hash.slice(0, 12) : a)));
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(message);
  });

  it('still restores one object to a version', async () => {
    const result = await t.helium('restore', `s3://${t.bucket}/proj/a.txt`, '--version', firstA);
    expect(result.code).toBe(0);
    expect((await getObjectText(t.s3, { bucket: t.bucket, key: 'proj/a.txt' })).text).toBe(ORIGINAL['a.txt']);
  });
});
