/**
 * The snapshots model against a real local S3 (moto) and the real snapshot service: take two
 * snapshots of a folder, list them, diff them (and one against the live folder) into the tree the
 * comparison tab shows, then plan and apply a restore. What the panel and the tab do, without a
 * browser.
 * @jest-environment-options {"customExportConditions": ["node", "require", "default"]}
 */
import { PutBucketVersioningCommand, S3Client } from '@aws-sdk/client-s3';
import { deleteObject, getObjectText, putObject } from '../service/objects';
import { snapshot } from '../service/snapshots/snapshot';
import { createTestBucket, testClient } from '../testing/s3';
import { TestConnections } from '../testing/connections';
import { until } from '../testing/until';
import { buildSnapshotTree, CHANGED_STATUSES, flattenSnapshotTree } from '../service/snapshots/tree';
import { LIVE } from './snapshot-target';
import { restoreSummary } from '../service/snapshots/restore-summary';
import { SnapshotsModel } from './snapshots';

let s3: S3Client;
let bucket: string;

beforeAll(async () => {
  s3 = testClient();
  bucket = await createTestBucket(s3, 'snapmodel');
  await putObject(s3, { bucket, key: 'team/data/a.csv', body: 'x,y\n1,2\n' });
  await putObject(s3, { bucket, key: 'team/data/sub/b.txt', body: 'bee' });
  await putObject(s3, { bucket, key: 'team/data/gone.txt', body: 'soon gone' });
  await putObject(s3, { bucket, key: 'team/other.txt', body: 'not in the folder' });
}, 60_000);

it('snapshots, lists, diffs into a tree, and restores a folder', async () => {
  const connections = new TestConnections({ local: s3 }, { local: [bucket] });
  const model = new SnapshotsModel(connections);
  const target = { connection: 'local', bucket, folder: 'team/data/' };
  await model.show(target);
  expect(model.error).toBeNull();
  expect(model.snapshots).toEqual([]);

  const name = await model.requests.defaultPackageName(target);
  expect(name).toBe('team/data');
  const progress: unknown[] = [];
  const first = await model.snapshot(target, { message: 'first <b>cut</b>', name, onProgress: p => progress.push(p) });
  expect(first.topHash).toMatch(/^[0-9a-f]{64}$/);
  expect(first.entries).toBe(3);
  expect(progress.length).toBeGreaterThan(0);
  await until(model, () => model.snapshots.length === 1 && !model.loading, 15_000);
  expect(model.snapshots[0]).toMatchObject({ topHash: first.topHash, name, message: 'first <b>cut</b>', folder: 'team/data/' });

  // Change the folder: modify a.csv, delete gone.txt, add new.txt; snapshot again.
  await putObject(s3, { bucket, key: 'team/data/a.csv', body: 'x,y\n1,3\n' });
  await deleteObject(s3, { bucket, key: 'team/data/gone.txt' });
  await putObject(s3, { bucket, key: 'team/data/sub/new.txt', body: 'new' });
  // Snapshots are named by the second: make the second one land in a later second.
  await new Promise(resolve => setTimeout(resolve, 1100));
  const second = await model.snapshot(target, { message: 'second', name });
  await until(model, () => model.snapshots.length === 2 && !model.loading, 15_000);
  expect(model.snapshots.map(s => s.topHash)).toEqual([second.topHash, first.topHash]);

  // Tick both (newest first): the pair is older first.
  model.toggleTick(second.topHash);
  model.toggleTick(first.topHash);
  const [left, right] = model.comparePair!;
  expect([left, right]).toEqual([first.topHash, second.topHash]);
  const diff = await model.diff(target, undefined, left, right);
  const statuses = Object.fromEntries(diff.changes.map(c => [c.logicalKey, c.status]));
  expect(statuses).toEqual({ 'a.csv': 'modified', 'gone.txt': 'deleted', 'sub/b.txt': 'same', 'sub/new.txt': 'added' });
  expect(diff.folders.get('sub/')).toMatchObject({ added: 1, same: 1 });
  const rows = flattenSnapshotTree(buildSnapshotTree(diff.changes), { statuses: new Set(CHANGED_STATUSES) });
  expect(rows.map(r => r.path)).toEqual(['sub/', 'sub/new.txt', 'a.csv', 'gone.txt']);

  // Against the live folder after one more change: only that change shows.
  await putObject(s3, { bucket, key: 'team/data/sub/b.txt', body: 'bee 2' });
  const live = await model.diff(target, target.folder, second.topHash, LIVE);
  expect(live.changes.filter(c => c.status !== 'same').map(c => [c.logicalKey, c.status])).toEqual([['sub/b.txt', 'modified']]);

  // Restore the folder to the first snapshot: copies back a.csv, gone.txt and b.txt; deletes new.txt.
  const plan = await model.planRestore(target, first.topHash, undefined);
  expect(plan.folder).toBe('team/data/');
  expect(restoreSummary(plan.actions)).toMatchObject({ copies: 3, changedSince: 2, deletedSince: 1, deletes: 1 });
  const changed: string[] = [];
  connections.objectsChanged.connect((_, change) => changed.push(change.key));
  const result = await model.restore({ ...target, folder: plan.folder }, plan);
  expect(result.copied).toHaveLength(3);
  expect(result.deleted).toHaveLength(1);
  expect(changed).toContain('team/data/');
  expect((await getObjectText(s3, { bucket, key: 'team/data/a.csv' })).text).toBe('x,y\n1,2\n');
  expect((await getObjectText(s3, { bucket, key: 'team/data/gone.txt' })).text).toBe('soon gone');
  const after = await model.diff(target, target.folder, first.topHash, LIVE);
  expect(after.changes.filter(c => c.status === 'added' || c.status === 'deleted' || c.status === 'modified')).toEqual([]);
  expect((await getObjectText(s3, { bucket, key: 'team/other.txt' })).text).toBe('not in the folder');
  model.dispose();
}, 120_000);

it('refuses unversioned buckets: no snapshot, and no restore once versioning is suspended', async () => {
  const plain = await createTestBucket(s3, 'snapmodel-plain', false);
  await putObject(s3, { bucket: plain, key: 'f/a.txt', body: 'one' });
  const model = new SnapshotsModel(new TestConnections({ local: s3 }, { local: [plain] }));
  const target = { connection: 'local', bucket: plain, folder: 'f/' };
  await expect(model.snapshot(target, { message: 'm', name: 'f/snapshot' })).rejects.toMatchObject({ kind: 'NotVersioned' });
  await model.show(target);
  expect(model.snapshots).toEqual([]);

  const suspended = await createTestBucket(s3, 'snapmodel-susp');
  await putObject(s3, { bucket: suspended, key: 'f/a.txt', body: 'one' });
  const other = new SnapshotsModel(new TestConnections({ local: s3 }, { local: [suspended] }));
  const where = { connection: 'local', bucket: suspended, folder: 'f/' };
  const taken = await other.snapshot(where, { message: 'm', name: 'f/snapshot' });
  await putObject(s3, { bucket: suspended, key: 'f/a.txt', body: 'two' });
  // Planned while versioned (moto refuses HEADs of versions once versioning is suspended).
  const plan = await other.planRestore(where, taken.topHash, undefined);
  await s3.send(new PutBucketVersioningCommand({ Bucket: suspended, VersioningConfiguration: { Status: 'Suspended' } }));
  await expect(other.restore({ ...where, folder: plan.folder }, plan)).rejects.toMatchObject({ kind: 'NotVersioned' });
  expect((await getObjectText(s3, { bucket: suspended, key: 'f/a.txt' })).text).toBe('two');
  model.dispose();
  other.dispose();
}, 60_000);

it('reveals a snapshot by top hash (a search hit): selects its row, lists afresh once for a new one, null for none', async () => {
  const connections = new TestConnections({ local: s3 }, { local: [bucket] });
  const model = new SnapshotsModel(connections);
  const target = { connection: 'local', bucket, folder: 'team/' };
  await model.show(target);
  // Pushed behind the model's back (as quilt3 or the CLI would): not listed yet.
  const name = await model.requests.defaultPackageName({ bucket, folder: 'team/' });
  const made = await snapshot(s3, { bucket, folder: 'team/', message: 'made elsewhere', name });
  expect(model.snapshots.some(s => s.topHash === made.topHash)).toBe(false);
  const before = model.revealCount;
  const found = await model.reveal(made.topHash, 'team');
  expect(found?.topHash).toBe(made.topHash);
  expect(model.selected?.topHash).toBe(made.topHash);
  expect(model.revealCount).toBe(before + 1);
  expect(await model.reveal('0'.repeat(64))).toBeNull();
  expect(model.selected?.topHash).toBe(made.topHash);
  expect(model.revealCount).toBe(before + 1);
}, 60_000);
