/**
 * File pins and *Pin Data…* against a real local S3 (moto): pin a file's version and offer its
 * boto3 cell, compare it with the current version, see it drift and restore it, and pin whatever
 * a URI names (a file; a folder's latest snapshot, or a new snapshot first when it changed).
 * @jest-environment-options {"customExportConditions": ["node", "require", "default"]}
 */
import type { S3Client } from '@aws-sdk/client-s3';
import { deleteObject, putObject } from '../service/objects';
import { listVersions } from '../service/versions-list';
import { createTestBucket, testClient } from '../testing/s3';
import { TestConnections } from '../testing/connections';
import { FakeMetadata } from '../testing/pins-metadata';
import { testTrans as trans } from '../testing/translation';
import { until } from '../testing/until';
import { SnapshotsModel } from '../models/snapshots';
import { NotebookPinsModel } from '../models/notebook-pins';
import { VersionsModel } from '../models/versions';
import { summaryText } from '../widgets/pins/pin-status-text';
import type { IPinUI } from './pins-actions';
import { IPinDataUI, pinData } from './pins-data-actions';
import { compareFilePinRequest, filePinRequestFromArgs, pinFileToNotebook, restoreFilePin } from './pins-file-actions';

let s3: S3Client;
let bucket: string;
let connections: TestConnections;
let snapshots: SnapshotsModel;
let metadata: FakeMetadata;
let pins: NotebookPinsModel;

const words = () => summaryText(pins.pins, pins.statuses, pins.problems, trans).text;
const settled = (name: string, state: string) => () => !pins.loading && pins.statuses.get(name)?.state === state;

/** A UI that inserts every offered cell and fails loudly. */
function recordingUI(cells: string[]): IPinUI {
  return {
    offerCell: async () => true,
    insertCell: code => cells.push(code),
    notify: () => undefined,
    fail: (_title, err) => {
      throw err;
    }
  };
}

beforeAll(async () => {
  s3 = testClient();
  bucket = await createTestBucket(s3, 'pins-file-ui');
  connections = new TestConnections({ local: s3 }, { local: [bucket] });
  snapshots = new SnapshotsModel(connections);
  metadata = new FakeMetadata();
  pins = new NotebookPinsModel(connections, metadata, trans);
}, 60_000);

afterAll(() => {
  pins.dispose();
  snapshots.dispose();
});

describe('file pins in a notebook', () => {
  const key = 'tables/storms.csv';
  let pinned: string;

  it('pins the current version and offers a boto3/pandas cell that reads exactly it', async () => {
    pinned = (await putObject(s3, { bucket, key, body: 'name,wind\nAl,40\n' })).versionId as string;
    const request = filePinRequestFromArgs({ connection: 'local', bucket, key });
    expect(request).toEqual({ connection: 'local', bucket, key });
    expect(filePinRequestFromArgs({ connection: 'local', bucket, key: 'tables/' })).toBeNull();
    const cells: string[] = [];
    const pin = await pinFileToNotebook(pins, connections, request!, 'a.ipynb', trans, recordingUI(cells));
    expect(pin).toMatchObject({ kind: 'file', name: 'storms.csv', version_id: pinned, size: 16 });
    expect(metadata.getMetadata('helium')).toEqual({
      pins: [expect.objectContaining({ name: 'storms.csv', uri: `s3://${bucket}/${key}`, version_id: pinned })]
    });
    expect(cells).toHaveLength(1);
    expect(cells[0]).toContain(`VersionId="${pinned}"`);
    expect(cells[0]).toContain('pd.read_csv');
    await until(pins, settled('storms.csv', 'in-sync'), 15_000);
    expect(words()).toBe('Data: in sync');
  }, 60_000);

  it('turns "changed since pinned: 1 modified" after a write, compares pinned ↔ current, and restores the pin', async () => {
    await putObject(s3, { bucket, key, body: 'name,wind\nAl,45\n' });
    connections.notifyChanged({ connection: 'local', bucket, key, type: 'put' });
    await until(pins, settled('storms.csv', 'changed'), 15_000);
    expect(words()).toBe('Data: changed since pinned: 1 modified');
    const pin = pins.pin('storms.csv');
    if (pin?.kind !== 'file') {
      throw new Error('no file pin');
    }
    const request = await compareFilePinRequest(pins, pin, trans);
    expect(request.left).toMatchObject({ connection: 'local', bucket, key, versionId: pinned, size: 16 });
    expect(request.right).toEqual({ connection: 'local', bucket, key, label: 'live (current version)' });

    const versions = new VersionsModel(connections, trans);
    const asked: string[] = [];
    const cancelled = await restoreFilePin(pins, versions, pin, trans, {
      confirm: async title => (asked.push(title), false),
      notify: () => undefined,
      fail: (_t, err) => {
        throw err;
      }
    });
    expect(cancelled).toBeNull();
    expect(asked).toEqual(['Restore storms.csv to the pinned version?']);
    const restored = await restoreFilePin(pins, versions, pin, trans, {
      confirm: async () => true,
      notify: () => undefined,
      fail: (_t, err) => {
        throw err;
      }
    });
    expect(restored).toBeTruthy();
    await until(pins, settled('storms.csv', 'in-sync'), 15_000);
    // The restore is a new version with the pinned bytes: in sync by content, the pin unchanged.
    expect(pins.statuses.get('storms.csv')?.counts?.['same-content-new-version']).toBe(1);
    expect(pins.pin('storms.csv')).toMatchObject({ version_id: pinned });
    versions.dispose();
  }, 60_000);
});

describe('a file pin whose version was deleted for good', () => {
  it('says it cannot be restored and what to do instead, without asking or writing anything', async () => {
    const key = 'gone/pinned.csv';
    const first = (await putObject(s3, { bucket, key, body: 'a\n1\n' })).versionId as string;
    const pin = await pinFileToNotebook(pins, connections, { connection: 'local', bucket, key }, 'a.ipynb', trans, recordingUI([]));
    await putObject(s3, { bucket, key, body: 'a\n2\n' });
    await deleteObject(s3, { bucket, key, versionId: first });
    await pins.refresh();
    await until(pins, settled('pinned.csv', 'missing'), 15_000);
    const before = (await listVersions(s3, { bucket, key })).versions.length;
    const versions = new VersionsModel(connections, trans);
    const asked: string[] = [];
    const failures: string[] = [];
    const restored = await restoreFilePin(pins, versions, pin!, trans, {
      confirm: async title => (asked.push(title), true),
      notify: () => undefined,
      fail: (title, err) => failures.push(`${title}: ${(err as Error).message}`)
    });
    expect(restored).toBeNull();
    expect(asked).toEqual([]);
    expect(failures).toEqual([
      expect.stringMatching(/deleted for good.*cannot be brought back\. Update Pin locks the pin to the current version/)
    ]);
    expect((await listVersions(s3, { bucket, key })).versions.length).toBe(before);
    versions.dispose();
  }, 60_000);
});

describe('Pin Data (a URI)', () => {
  const asking = (answer: 'snapshot' | 'latest' | null, log: string[]): IPinDataUI => ({
    ...recordingUI([]),
    offerCell: async () => false,
    askSnapshotFirst: async (uri, latest) => (log.push(`${uri} ${latest ?? 'none'}`), answer),
    snapshotFolder: async args => {
      log.push(`snapshot ${args.folder}`);
      const taken = await snapshots.snapshot(args, { message: 'for the pin', name: 'team/inputs' });
      return { topHash: taken.topHash, name: taken.name };
    }
  });

  it('snapshots a folder without snapshots first (when asked to), then pins it; an unchanged folder pins its latest without asking', async () => {
    await putObject(s3, { bucket, key: 'inputs/a.txt', body: 'a' });
    const log: string[] = [];
    const where = { connection: 'local', bucket, key: 'inputs/' };
    expect(await pinData(pins, snapshots, connections, where, 'a.ipynb', trans, asking(null, log))).toBeNull();
    expect(log).toEqual([`s3://${bucket}/inputs/ none`]);
    const pin = await pinData(pins, snapshots, connections, where, 'a.ipynb', trans, asking('snapshot', log));
    expect(log.slice(1)).toEqual([`s3://${bucket}/inputs/ none`, 'snapshot inputs/']);
    expect(pin).toMatchObject({ kind: 'folder', name: 'team/inputs', package: 'team/inputs' });
    const again = await pinData(pins, snapshots, connections, where, 'a.ipynb', trans, asking('snapshot', log));
    expect(log).toHaveLength(3); // not asked: the folder is as its latest snapshot
    expect(again).toMatchObject({ top_hash: pin?.kind === 'folder' ? pin.top_hash : '' });
  }, 60_000);

  it('pins a file URI at its version, and refuses a folder with several packages', async () => {
    const v = (await putObject(s3, { bucket, key: 'inputs/b.txt', body: 'b' })).versionId as string;
    const log: string[] = [];
    const file = await pinData(
      pins,
      snapshots,
      connections,
      { connection: 'local', bucket, key: 'inputs/b.txt' },
      'a.ipynb',
      trans,
      asking(null, log)
    );
    expect(file).toMatchObject({ kind: 'file', version_id: v });
    await snapshots.snapshot({ connection: 'local', bucket, folder: 'inputs/' }, { message: 'other', name: 'team/other' });
    const failures: string[] = [];
    const ui = { ...asking(null, log), fail: (_t: string, err: unknown) => void failures.push(String(err)) };
    expect(await pinData(pins, snapshots, connections, { connection: 'local', bucket, key: 'inputs/' }, 'a.ipynb', trans, ui)).toBeNull();
    expect(failures[0]).toContain('several packages (team/inputs, team/other)');
    expect(log).toEqual([]);
  }, 60_000);
});
