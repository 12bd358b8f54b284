/**
 * "Restore Folder to This Snapshot…" (snapshots-restore-action.ts) against a real local S3 (moto),
 * with the real snapshots model and fake UI callbacks in place of JupyterLab's dialogs: the
 * question shows what will change, Cancel changes nothing, Review opens the exact diff the restore
 * applies, Restore puts the folder back; and the plan's progress dialog can be cancelled.
 * @jest-environment-options {"customExportConditions": ["node", "require", "default"]}
 */
import type { S3Client } from '@aws-sdk/client-s3';
import type { ReadonlyPartialJSONObject } from '@lumino/coreutils';
import { deleteObject, getObjectText, putObject } from '../service/objects';
import type { SnapshotDiff } from '../service/snapshots/types';
import { createTestBucket, testClient } from '../testing/s3';
import { TestConnections } from '../testing/connections';
import { testTrans as trans } from '../testing/translation';
import { LIVE, snapshotRowId } from '../models/snapshot-target';
import type { ISnapshotDiffRequest } from '../models/snapshot-diff';
import type { SnapshotRunResult } from '../models/snapshot-requests';
import { SnapshotsModel } from '../models/snapshots';
import { isCancelled } from '../widgets/snapshot-dialog/is-cancelled';
import type { DiffRun } from './snapshots-actions';
import { IRestoreQuestion, IRestoreUI, restoreToSnapshot, WorkOutcome } from './snapshots-restore-action';

const FOLDER = 'lab/runs/';

let s3: S3Client;
let bucket: string;
let model: SnapshotsModel;
let target: { connection: string; bucket: string; folder: string };
let taken: SnapshotRunResult;

/** What the fake UI was asked and told. */
interface IRecord {
  progress: string[];
  questions: IRestoreQuestion[];
  nothing: string[];
  reviews: { request: ISnapshotDiffRequest; run: DiffRun; key: string; banner: { text: string; onAction: () => void } }[];
  again: ReadonlyPartialJSONObject[];
  notes: [string, string][];
  failures: [string, unknown][];
}

/**
 * UI callbacks that answer the question with `answer` and run the work as the progress dialog
 * does (cancelled first when `cancel` is set).
 */
function fakeUI(answer: 'cancel' | 'review' | 'restore', cancel = false): { ui: IRestoreUI; record: IRecord } {
  const record: IRecord = { progress: [], questions: [], nothing: [], reviews: [], again: [], notes: [], failures: [] };
  const ui: IRestoreUI = {
    progress: async <R>(title: string, heading: string, work: (signal: AbortSignal, onProgress: (r: unknown) => void) => Promise<R>) => {
      record.progress.push(heading);
      const abort = new AbortController();
      if (cancel) {
        abort.abort();
      }
      try {
        return { ok: true, value: await work(abort.signal, () => undefined) } as WorkOutcome<R>;
      } catch (error) {
        return { ok: false, error, cancelled: isCancelled(error, abort.signal) };
      }
    },
    nothingToRestore: async (_title, message) => void record.nothing.push(message),
    ask: async question => {
      record.questions.push(question);
      return answer;
    },
    review: (request, run, key, banner) => void record.reviews.push({ request, run, key, banner }),
    restoreAgain: args => void record.again.push(args),
    notify: (kind, message) => void record.notes.push([kind, message]),
    fail: (title, error) => void record.failures.push([title, error])
  };
  return { ui, record };
}

const text = async (key: string) => (await getObjectText(s3, { bucket, key: `${FOLDER}${key}` })).text;

beforeAll(async () => {
  s3 = testClient();
  bucket = await createTestBucket(s3, 'snaprestore');
  await putObject(s3, { bucket, key: `${FOLDER}a.csv`, body: 'x,y\n1,2\n' });
  await putObject(s3, { bucket, key: `${FOLDER}gone.txt`, body: 'soon gone' });
  model = new SnapshotsModel(new TestConnections({ local: s3 }, { local: [bucket] }));
  target = { connection: 'local', bucket, folder: FOLDER };
  await model.show(target);
  taken = await model.snapshot(target, { message: 'before the run', name: 'lab/runs' });
  await model.refresh({ fresh: true });
  // The folder moves on: one file changed, one deleted, one added.
  await putObject(s3, { bucket, key: `${FOLDER}a.csv`, body: 'x,y\n9,9\n' });
  await deleteObject(s3, { bucket, key: `${FOLDER}gone.txt` });
  await putObject(s3, { bucket, key: `${FOLDER}new.txt`, body: 'added later' });
}, 60_000);

afterAll(() => model.dispose());

it('does nothing without a snapshot named or selected', async () => {
  model.select(null);
  const { ui, record } = fakeUI('restore');
  expect(await restoreToSnapshot(model, {}, trans, ui)).toEqual({ kind: 'none' });
  expect(record.progress).toEqual([]);
});

it('asks with what will change, and changes nothing when the user cancels', async () => {
  model.select(snapshotRowId(model.snapshots[0]));
  const { ui, record } = fakeUI('cancel');
  expect(await restoreToSnapshot(model, {}, trans, ui)).toEqual({ kind: 'declined' });
  expect(record.questions).toHaveLength(1);
  const [question] = record.questions;
  expect(question.uri).toBe(`s3://${bucket}/${FOLDER}`);
  expect(question.topHash).toBe(taken.topHash);
  expect(question.message).toBe('before the run');
  expect(question.summary).toMatchObject({ copies: 2, changedSince: 1, deletedSince: 1, deletes: 1 });
  expect(await text('a.csv')).toBe('x,y\n9,9\n');
  expect(await text('new.txt')).toBe('added later');
}, 30_000);

it('opens the review tab: the plan diff first, planned afresh on refresh, and a banner that restores again', async () => {
  const { ui, record } = fakeUI('review');
  expect(await restoreToSnapshot(model, { topHash: taken.topHash }, trans, ui)).toEqual({ kind: 'review' });
  expect(record.reviews).toHaveLength(1);
  const [review] = record.reviews;
  expect(review.request.left).toEqual({ ref: LIVE, label: 'live' });
  expect(review.request.right.ref).toBe(taken.topHash);
  expect(review.key.startsWith('restore\u0000')).toBe(true);
  const statuses = (diff: SnapshotDiff) =>
    Object.fromEntries(diff.changes.filter(c => c.status !== 'same').map(c => [c.logicalKey, c.status]));
  const options = { signal: new AbortController().signal, onProgress: () => undefined };
  // From the live folder to the snapshot: what the restore copies back and deletes.
  expect(statuses(await review.run(review.request, options))).toEqual({ 'a.csv': 'modified', 'gone.txt': 'added', 'new.txt': 'deleted' });
  await putObject(s3, { bucket, key: `${FOLDER}another.txt`, body: 'one more' });
  expect(statuses(await review.run(review.request, options))).toMatchObject({ 'another.txt': 'deleted' });
  await deleteObject(s3, { bucket, key: `${FOLDER}another.txt` });
  review.banner.onAction();
  expect(record.again).toEqual([
    { topHash: taken.topHash, row: snapshotRowId(model.snapshots[0]), connection: 'local', bucket, folder: FOLDER }
  ]);
  expect(await text('a.csv')).toBe('x,y\n9,9\n');
}, 30_000);

it('stops when the plan is cancelled, without failing or writing', async () => {
  const { ui, record } = fakeUI('restore', true);
  expect(await restoreToSnapshot(model, { topHash: taken.topHash }, trans, ui)).toEqual({ kind: 'cancelled' });
  expect(record.failures).toEqual([]);
  expect(record.questions).toEqual([]);
  expect(await text('a.csv')).toBe('x,y\n9,9\n');
}, 30_000);

it('says why it cannot restore to a snapshot the bucket does not have', async () => {
  const { ui, record } = fakeUI('restore');
  const missing = '0'.repeat(64);
  expect(await restoreToSnapshot(model, { topHash: missing, connection: 'local', bucket }, trans, ui)).toEqual({ kind: 'failed' });
  expect(record.failures.map(f => f[0])).toEqual([`Cannot restore to snapshot ${missing.slice(0, 10)}`]);
  expect((record.failures[0][1] as Error).message).toEqual(expect.any(String));
}, 30_000);

it('restores the folder when the user confirms, then finds nothing left to restore', async () => {
  const { ui, record } = fakeUI('restore');
  const outcome = await restoreToSnapshot(model, { topHash: taken.topHash }, trans, ui);
  expect(outcome.kind).toBe('restored');
  expect(await text('a.csv')).toBe('x,y\n1,2\n');
  expect(await text('gone.txt')).toBe('soon gone');
  await expect(text('new.txt')).rejects.toMatchObject({ kind: 'NotFound' });
  expect(record.notes).toEqual([
    ['success', `Restored s3://${bucket}/${FOLDER}: 2 files copied back, 1 deleted (delete markers; history kept).`]
  ]);

  const again = fakeUI('restore');
  expect(await restoreToSnapshot(model, { topHash: taken.topHash }, trans, again.ui)).toEqual({ kind: 'nothing' });
  expect(again.record.nothing).toEqual([
    `s3://${bucket}/${FOLDER} already holds exactly the files of snapshot ${taken.topHash.slice(0, 10)}.`
  ]);
  expect(again.record.questions).toEqual([]);
}, 60_000);
