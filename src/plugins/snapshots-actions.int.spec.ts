/**
 * The snapshot commands' logic (snapshots-actions.ts) against a real local S3 (moto), with the
 * real snapshots model and fake UI callbacks in place of JupyterLab's dialogs and clipboard:
 * snapshot a folder through the form, compare two snapshots and a snapshot with the live folder,
 * copy a hash and a quilt3 snippet, and work out what opening one compared file shows.
 * @jest-environment-options {"customExportConditions": ["node", "require", "default"]}
 */
import type { S3Client } from '@aws-sdk/client-s3';
import { deleteObject, getObjectText, putObject } from '../service/objects';
import type { SnapshotDiff } from '../service/snapshots/types';
import { createTestBucket, testClient } from '../testing/s3';
import { TestConnections } from '../testing/connections';
import { testTrans } from '../testing/translation';
import { until } from '../testing/until';
import { LIVE, snapshotRowId } from '../models/snapshot-target';
import type { ISnapshotDiffRequest } from '../models/snapshot-diff';
import type { SnapshotRunResult } from '../models/snapshot-requests';
import { SnapshotsModel } from '../models/snapshots';
import {
  comparedFileView,
  compareSnapshots,
  copySnapshotHash,
  copySnapshotSnippet,
  DiffRun,
  ISnapshotFolderUI,
  snapshotFolder
} from './snapshots-actions';

const trans = testTrans;
const FOLDER = 'team/data/';

let s3: S3Client;
let bucket: string;
let model: SnapshotsModel;
let target: { connection: string; bucket: string; folder: string };
/** What the fake dialog saw, and the snapshots taken through it. */
let first: SnapshotRunResult;
let second: SnapshotRunResult;

/** A dialog that types the values, runs the snapshot and asks for its snippet, as the real one does. */
function typingDialog(values: { message: string; name?: string; metaText: string }, seen: Record<string, unknown>): ISnapshotFolderUI {
  return {
    dialog: async options => {
      seen.initial = options.initial;
      seen.uri = options.uri;
      seen.badName = options.checks.name('Not A Name');
      seen.badMeta = options.checks.meta('{"year": ');
      seen.goodMeta = options.checks.meta(values.metaText);
      const progress: unknown[] = [];
      const result = await options.run({ ...values, name: values.name ?? options.initial.name }, new AbortController().signal, p =>
        progress.push(p)
      );
      seen.progress = progress.length;
      seen.snippet = await options.snippet(result);
      return result;
    },
    fail: (title, error) => {
      seen.failed = { title, error };
    }
  };
}

beforeAll(async () => {
  s3 = testClient();
  bucket = await createTestBucket(s3, 'snapactions');
  await putObject(s3, { bucket, key: `${FOLDER}a.csv`, body: 'x,y\n1,2\n' });
  await putObject(s3, { bucket, key: `${FOLDER}gone.txt`, body: 'soon gone' });
  await putObject(s3, { bucket, key: `${FOLDER}sub/b.txt`, body: 'bee' });
  model = new SnapshotsModel(new TestConnections({ local: s3 }, { local: [bucket] }));
  target = { connection: 'local', bucket, folder: FOLDER };
  await model.show(target);
}, 60_000);

afterAll(() => model.dispose());

describe('snapshotFolder', () => {
  it('fills the form with the default name and the checks, snapshots what is typed, and selects the new row', async () => {
    const seen: Record<string, unknown> = {};
    const result = await snapshotFolder(model, target, trans, typingDialog({ message: 'first cut', metaText: '{"year": 1.0}' }, seen));
    expect(seen.failed).toBeUndefined();
    expect(seen.initial).toEqual({ message: '', name: 'team/data', metaText: '' });
    expect(seen.uri).toBe(`s3://${bucket}/${FOLDER}`);
    expect(seen.badName).toEqual(expect.any(String));
    expect(seen.badMeta).toEqual(expect.any(String));
    expect(seen.goodMeta).toBeNull();
    expect(seen.progress).toBeGreaterThan(0);
    expect(result).not.toBeNull();
    first = result!;
    expect(first).toMatchObject({ name: 'team/data', entries: 3 });
    // The snippet names this snapshot and the connection's (non-AWS) endpoint.
    expect(seen.snippet).toContain(`top_hash="${first.topHash}"`);
    expect(seen.snippet).toContain(`registry="s3://${bucket}"`);
    expect(seen.snippet).toContain('AWS_ENDPOINT_URL_S3');
    // The panel lists it and its row is the one selected.
    await until(model, () => model.snapshots.length === 1 && !model.loading, 15_000);
    expect(model.selected).toMatchObject({ topHash: first.topHash, message: 'first cut' });
  }, 60_000);

  it('takes no snapshot when the user cancels the dialog', async () => {
    const result = await snapshotFolder(model, target, trans, { dialog: async () => null, fail: () => undefined });
    expect(result).toBeNull();
    await model.refresh({ fresh: true });
    expect(model.snapshots.map(s => s.topHash)).toEqual([first.topHash]);
  }, 30_000);

  it('snapshots the folder it was given, whatever the panel shows while the dialog is open', async () => {
    // Change the folder, then snapshot it while the panel moves to another folder.
    await putObject(s3, { bucket, key: `${FOLDER}a.csv`, body: 'x,y\n1,3\n' });
    await deleteObject(s3, { bucket, key: `${FOLDER}gone.txt` });
    await putObject(s3, { bucket, key: `${FOLDER}sub/new.txt`, body: 'new' });
    // Snapshots are named by the second: make this one land in a later second.
    await new Promise(resolve => setTimeout(resolve, 1100));
    const seen: Record<string, unknown> = {};
    const ui = typingDialog({ message: 'second', metaText: '' }, seen);
    const result = await snapshotFolder(model, target, trans, {
      ...ui,
      dialog: async options => {
        await model.show({ ...target, folder: 'elsewhere/' });
        return ui.dialog(options);
      }
    });
    second = result!;
    expect(second.folder).toBe(FOLDER);
    await model.show(target);
    await until(model, () => model.snapshots.length === 2 && !model.loading, 15_000);
    expect(model.snapshots.map(s => s.topHash)).toEqual([second.topHash, first.topHash]);
  }, 60_000);
});

describe('compareSnapshots', () => {
  /** The UI callbacks, recording what the command did. */
  function recordingUI() {
    const calls: { errors: [string, string][]; opened: { request: ISnapshotDiffRequest; run: DiffRun }[] } = { errors: [], opened: [] };
    return {
      calls,
      ui: {
        error: (title: string, message: string) => void calls.errors.push([title, message]),
        open: (request: ISnapshotDiffRequest, run: DiffRun) => void calls.opened.push({ request, run })
      }
    };
  }
  const runIt = (run: DiffRun, request: ISnapshotDiffRequest): Promise<SnapshotDiff> =>
    run(request, { signal: new AbortController().signal, onProgress: () => undefined });

  it('says there is nothing to compare until two sides are ticked', async () => {
    model.clearTicks();
    const { calls, ui } = recordingUI();
    expect(await compareSnapshots(model, {}, trans, ui)).toBeNull();
    expect(calls.errors.map(e => e[0])).toEqual(['Nothing to compare']);
    expect(calls.opened).toEqual([]);
    // The live folder against itself is no comparison either.
    expect(await compareSnapshots(model, { left: LIVE, right: LIVE }, trans, ui)).toBeNull();
    expect(calls.errors[1][1]).toBe('Pick at least one snapshot to compare with the live folder.');
    expect(calls.opened).toEqual([]);
  });

  it('compares the two ticked snapshots, older first, into a diff of every file', async () => {
    model.toggleTick(snapshotRowId(model.snapshots[0]));
    model.toggleTick(snapshotRowId(model.snapshots[1]));
    const { calls, ui } = recordingUI();
    const request = await compareSnapshots(model, {}, trans, ui);
    expect(calls.errors).toEqual([]);
    expect(calls.opened).toHaveLength(1);
    expect(request).toMatchObject({ connection: 'local', bucket, folder: FOLDER });
    expect(request!.left.ref).toBe(first.topHash);
    expect(request!.right.ref).toBe(second.topHash);
    expect(request!.left.label).toMatch(/^snapshot [0-9a-f]{6}… · /);
    const diff = await runIt(calls.opened[0].run, request!);
    const statuses = Object.fromEntries(diff.changes.map(c => [c.logicalKey, c.status]));
    expect(statuses).toEqual({ 'a.csv': 'modified', 'gone.txt': 'deleted', 'sub/b.txt': 'same', 'sub/new.txt': 'added' });
    model.clearTicks();
  }, 30_000);

  it('compares a snapshot named in the args with the live folder', async () => {
    await putObject(s3, { bucket, key: `${FOLDER}sub/b.txt`, body: 'bee 2' });
    const { calls, ui } = recordingUI();
    const request = await compareSnapshots(model, { left: second.topHash, right: LIVE, ...target }, trans, ui);
    expect(request!.right).toEqual({ ref: LIVE, label: 'live' });
    const diff = await runIt(calls.opened[0].run, request!);
    expect(diff.changes.filter(c => c.status !== 'same').map(c => [c.logicalKey, c.status])).toEqual([['sub/b.txt', 'modified']]);
  }, 30_000);
});

describe('copying a hash and a snippet', () => {
  it('copies the top hash named in the args, else the selected one, else nothing', async () => {
    const copied: string[] = [];
    const notes: string[] = [];
    const ui = { copy: (text: string) => void copied.push(text), notify: (message: string) => void notes.push(message) };
    model.select(null);
    expect(copySnapshotHash(model, {}, trans, ui)).toBeNull();
    expect(copied).toEqual([]);
    model.select(snapshotRowId(model.snapshots[1]));
    expect(copySnapshotHash(model, {}, trans, ui)).toBe(first.topHash);
    expect(copySnapshotHash(model, { topHash: second.topHash }, trans, ui)).toBe(second.topHash);
    expect(copied).toEqual([first.topHash, second.topHash]);
    expect(notes[0]).toBe(`Top hash ${first.topHash.slice(0, 10)} copied.`);
  });

  it('copies the quilt3 snippet of a listed snapshot (named by row), never of one it does not list', async () => {
    const copied: string[] = [];
    const ui = { copy: (text: string) => void copied.push(text), notify: () => undefined };
    const row = snapshotRowId(model.snapshots[0]);
    const snippet = await copySnapshotSnippet(model, { topHash: second.topHash, row }, trans, ui);
    expect(copied).toEqual([snippet]);
    expect(snippet).toContain(`quilt3.Package.browse("team/data", registry="s3://${bucket}", top_hash="${second.topHash}")`);
    expect(await copySnapshotSnippet(model, { topHash: '0'.repeat(64) }, trans, ui)).toBeNull();
    expect(copied).toHaveLength(1);
  }, 30_000);
});

describe('comparedFileView', () => {
  it('opens a file on both sides as a content diff pinned to each version (the live side: the current one)', async () => {
    const request: ISnapshotDiffRequest = {
      ...target,
      left: { ref: first.topHash, label: 'A' },
      right: { ref: LIVE, label: 'B' }
    };
    const diff = await model.diff(target, FOLDER, first.topHash, LIVE);
    const change = diff.changes.find(c => c.logicalKey === 'a.csv')!;
    const view = await comparedFileView(model, request, change, trans);
    if (view.kind !== 'diff') {
      throw new Error(`expected a diff, got ${view.kind}`);
    }
    expect(view.left).toMatchObject({ connection: 'local', bucket, key: `${FOLDER}a.csv`, label: 'A', size: 8 });
    expect(view.right).toMatchObject({ connection: 'local', bucket, key: `${FOLDER}a.csv`, label: 'B', versionId: undefined });
    expect((await getObjectText(s3, { bucket, key: view.left.key, versionId: view.left.versionId })).text).toBe('x,y\n1,2\n');
  }, 30_000);

  it('opens a deleted file as the one version the snapshot pinned', async () => {
    const request: ISnapshotDiffRequest = {
      ...target,
      left: { ref: first.topHash, label: 'A' },
      right: { ref: second.topHash, label: 'B' }
    };
    const diff = await model.diff(target, undefined, first.topHash, second.topHash);
    const change = diff.changes.find(c => c.logicalKey === 'gone.txt')!;
    const view = await comparedFileView(model, request, change, trans);
    if (view.kind !== 'version') {
      throw new Error(`expected a version, got ${view.kind}`);
    }
    expect(view.label).toBe(`gone.txt @ ${first.topHash.slice(0, 8)}`);
    expect(view.caption).toBe(`s3://${bucket}/${FOLDER}gone.txt as in A (read-only)`);
    expect((await getObjectText(s3, { bucket: view.version.bucket, key: view.version.key, versionId: view.version.versionId })).text).toBe(
      'soon gone'
    );
  }, 30_000);
});
