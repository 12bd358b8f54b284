/**
 * Pins of an open notebook against a real local S3 (moto): the notebook pins model (statuses when
 * asked, after helium's own writes, never writing the notebook by itself) and the pin commands'
 * logic (pin a listed snapshot and offer its quilt3 cell, compare/restore args, update a pin with
 * a new snapshot first when the folder changed), with the toolbar's words checked on each state.
 * @jest-environment-options {"customExportConditions": ["node", "require", "default"]}
 */
import type { FolderPin } from '../service/pins/types';
import type { S3Client } from '@aws-sdk/client-s3';
import { putObject } from '../service/objects';
import { createTestBucket, testClient } from '../testing/s3';
import { TestConnections } from '../testing/connections';
import { testTrans as trans } from '../testing/translation';
import { until } from '../testing/until';
import { LIVE } from '../models/snapshot-target';
import { SnapshotsModel } from '../models/snapshots';
import { NotebookPinsModel } from '../models/notebook-pins';
import { FakeMetadata } from '../testing/pins-metadata';
import { pinnedFiles } from '../models/pinned-files';
import { headObjectOutput } from '../service/objects-read';
import { summaryText } from '../widgets/pins/pin-status-text';
import { comparePinArgs, IPinUI, pinRequestFromArgs, pinToNotebook, restorePinArgs, updatePin } from './pins-actions';
import { restoreToSnapshot } from './snapshots-restore-action';
import { snapshotFolder } from './snapshots-actions';
import { createHash } from 'crypto';

const FOLDER = 'survey/raw/';

let s3: S3Client;
let bucket: string;
let connections: TestConnections;
let snapshots: SnapshotsModel;
let metadata: FakeMetadata;
let pins: NotebookPinsModel;

/** A folder pin of the notebook, by name. */
function folderPin(name: string): FolderPin {
  const pin = pins.pin(name);
  if (pin?.kind !== 'folder') {
    throw new Error(`no folder pin ${name}`);
  }
  return pin;
}
const target = () => ({ connection: 'local', bucket, folder: FOLDER });
const words = () => summaryText(pins.pins, pins.statuses, pins.problems, trans).text;
const settled = (state: string) => () => !pins.loading && pins.statuses.get('survey/raw')?.state === state;

beforeAll(async () => {
  s3 = testClient();
  bucket = await createTestBucket(s3, 'pins-ui');
  await putObject(s3, { bucket, key: `${FOLDER}a.csv`, body: 'x,y\n1,2\n' });
  await putObject(s3, { bucket, key: `${FOLDER}b.txt`, body: 'bee' });
  connections = new TestConnections({ local: s3 }, { local: [bucket] });
  snapshots = new SnapshotsModel(connections);
  await snapshots.snapshot(target(), { message: 'first', name: 'survey/raw' });
  await snapshots.show(target());
  await until(snapshots, () => snapshots.snapshots.length === 1 && !snapshots.loading, 15_000);
  metadata = new FakeMetadata();
  pins = new NotebookPinsModel(connections, metadata, trans);
}, 60_000);

afterAll(() => {
  pins.dispose();
  snapshots.dispose();
});

describe('a notebook without pins', () => {
  it('has no pins, computes nothing and writes nothing', async () => {
    await pins.refresh();
    expect(pins.pins).toEqual([]);
    expect(pins.statuses.size).toBe(0);
    expect(metadata.writes).toBe(0);
  });
});

describe('pinToNotebook', () => {
  it('pins the listed snapshot (following latest), offers its quilt3 cell and shows "in sync"', async () => {
    const listed = snapshots.snapshots[0];
    const request = pinRequestFromArgs(snapshots, { topHash: listed.topHash });
    expect(request).toEqual({ connection: 'local', bucket, folder: FOLDER, package: 'survey/raw', topHash: listed.topHash });
    const inserted: string[] = [];
    const offered: string[] = [];
    const ui: IPinUI = {
      offerCell: async (_pin, code) => (offered.push(code), true),
      insertCell: code => inserted.push(code),
      notify: () => undefined,
      fail: (_title, err) => {
        throw err;
      }
    };
    const pin = await pinToNotebook(pins, snapshots, request!, 'analysis.ipynb', trans, ui);
    expect(pin).toMatchObject({ name: 'survey/raw', uri: `s3://${bucket}/${FOLDER}`, top_hash: listed.topHash, follows: 'latest' });
    // Written through the notebook model's metadata: one write, in helium's key.
    expect(metadata.writes).toBe(1);
    expect(metadata.getMetadata('helium')).toEqual({
      pins: [expect.objectContaining({ name: 'survey/raw', package: 'survey/raw', top_hash: listed.topHash, follows: 'latest' })]
    });
    expect(offered).toHaveLength(1);
    expect(inserted).toEqual(offered);
    expect(inserted[0]).toContain(`quilt3.Package.browse("survey/raw", registry="s3://${bucket}", top_hash="${listed.topHash}")`);
    // The metadata change makes the model compute the status.
    await until(pins, settled('in-sync'), 15_000);
    expect(words()).toBe('Data: in sync');
    expect(metadata.writes).toBe(1);
  }, 60_000);

  it('lists the files of the pin at their pinned versions (Open Data as Pinned)', async () => {
    const files = await pinnedFiles(connections, pins, 'survey/raw');
    expect(files.map(f => [f.logicalKey, f.connection, f.bucket, f.key])).toEqual([
      ['a.csv', 'local', bucket, `${FOLDER}a.csv`],
      ['b.txt', 'local', bucket, `${FOLDER}b.txt`]
    ]);
    for (const f of files) {
      const current = await headObjectOutput(s3, { bucket, key: f.key });
      expect(f.versionId).toBe(current.VersionId);
    }
    await expect(pinnedFiles(connections, pins, 'no such pin')).rejects.toThrow('no pin named "no such pin"');
  }, 30_000);

  it('names no snapshot when the args and the panel name none', () => {
    expect(pinRequestFromArgs(snapshots, { topHash: 'f'.repeat(64) })).toBeNull();
  });
});

describe('status after helium writes', () => {
  it('is computed again after a write under the pinned folder, not after one elsewhere', async () => {
    connections.notifyChanged({ connection: 'local', bucket, key: 'elsewhere/x.txt', type: 'put' });
    expect(pins.loading).toBe(false);
    await putObject(s3, { bucket, key: `${FOLDER}a.csv`, body: 'x,y\n1,3\n' });
    connections.notifyChanged({ connection: 'local', bucket, key: `${FOLDER}a.csv`, type: 'put' });
    expect(pins.loading).toBe(true);
    await until(pins, settled('changed'), 15_000);
    expect(words()).toBe('Data: changed since pinned: 1 modified');
    expect(pins.statuses.get('survey/raw')?.followed?.newer).toBe(false);
    expect(metadata.writes).toBe(1); // a status never writes the notebook
  }, 60_000);

  it('gives the compare and restore commands the pin, its folder and the live side', async () => {
    const pin = folderPin('survey/raw');
    expect(await comparePinArgs(pins, pin)).toEqual({ connection: 'local', bucket, folder: FOLDER, left: pin.top_hash, right: LIVE });
    expect(await restorePinArgs(pins, pin)).toEqual({ connection: 'local', bucket, folder: FOLDER, topHash: pin.top_hash });
  });

  it('is in sync again once the folder is restored to the pin', async () => {
    const pin = folderPin('survey/raw');
    const outcome = await restoreToSnapshot(snapshots, await restorePinArgs(pins, pin), trans, {
      progress: async (_t, _h, work) => {
        try {
          return { ok: true, value: await work(new AbortController().signal, () => undefined) };
        } catch (error) {
          return { ok: false, error, cancelled: false };
        }
      },
      nothingToRestore: async () => undefined,
      ask: async () => 'restore',
      review: () => undefined,
      restoreAgain: () => undefined,
      notify: () => undefined,
      fail: (_title, err) => {
        throw err;
      }
    });
    expect(outcome.kind).toBe('restored');
    // The restore told the connections; the model computed the status again by itself.
    await until(pins, settled('in-sync'), 15_000);
    expect(words()).toBe('Data: in sync');
  }, 60_000);
});

describe('updatePin', () => {
  it('snapshots a folder that changed since its latest snapshot, then re-locks the pin to it', async () => {
    const before = folderPin('survey/raw').top_hash;
    await putObject(s3, { bucket, key: `${FOLDER}c.txt`, body: 'new file' });
    await pins.refresh();
    expect(words()).toBe('Data: changed since pinned: 1 added');
    const snapshotted: unknown[] = [];
    // Snapshots are named by the second.
    await new Promise(resolve => setTimeout(resolve, 1100));
    const action = await updatePin(pins, 'survey/raw', trans, {
      snapshotFolder: async args => {
        snapshotted.push(args);
        await snapshots.snapshot(args, { message: 'second', name: 'survey/raw' });
        return true;
      },
      notify: () => undefined,
      fail: (_title, err) => {
        throw err;
      }
    });
    expect(snapshotted).toEqual([{ connection: 'local', bucket, folder: FOLDER }]);
    expect(action).toBe('updated');
    const after = folderPin('survey/raw').top_hash;
    expect(after).not.toBe(before);
    expect(metadata.writes).toBe(2);
    await until(pins, settled('in-sync'), 15_000);
  }, 60_000);

  it('says the pin is current when nothing changed, without a snapshot or a write', async () => {
    const action = await updatePin(pins, 'survey/raw', trans, {
      snapshotFolder: async () => {
        throw new Error('no snapshot expected');
      },
      notify: () => undefined,
      fail: (_title, err) => {
        throw err;
      }
    });
    expect(action).toBe('current');
    expect(metadata.writes).toBe(2);
  }, 30_000);
});

describe('bad pins', () => {
  it('reports a malformed pin and a pin of a bucket that does not exist, each with its message', async () => {
    const other = new FakeMetadata();
    other.setMetadata('helium', {
      pins: [
        { name: 'typo', uri: 'not-a-uri', package: 'a/b', top_hash: 'x' },
        { name: 'gone', uri: 's3://no-such-bucket-pins-ui/x/', package: 'a/b', top_hash: 'a'.repeat(64), follows: 'latest' }
      ]
    });
    const model = new NotebookPinsModel(connections, other, trans);
    try {
      await model.refresh();
      expect(model.problems).toHaveLength(1);
      expect(model.problems[0].message).toContain('typo');
      expect(model.statuses.get('gone')?.state).toBe('error');
      const summary = summaryText(model.pins, model.statuses, model.problems, trans);
      expect(summary).toEqual({ state: 'malformed', text: 'Data: 1 malformed pin' });
      expect(other.writes).toBe(1); // only the test's own write
    } finally {
      model.dispose();
    }
  }, 30_000);
});

describe('lineage', () => {
  it('offers lineage from the open notebook in the Snapshot Folder dialog and records it, and the details read it back', async () => {
    const saved = new TextEncoder().encode('{"cells": [], "metadata": {}}\n');
    snapshots.lineage = {
      notebook: () => 'work/analysis.ipynb',
      meta: async userMeta => pins.lineageMeta('work/analysis.ipynb', saved, userMeta)
    };
    const seen: Record<string, unknown> = {};
    await new Promise(resolve => setTimeout(resolve, 1100)); // snapshots are named by the second
    try {
      const result = await snapshotFolder(snapshots, target(), trans, {
        dialog: async options => {
          seen.lineageNotebook = options.lineageNotebook;
          seen.initial = options.initial;
          return options.run(
            { ...options.initial, lineage: true, message: 'with lineage', metaText: '{"run": 12}' },
            new AbortController().signal,
            () => undefined
          );
        },
        fail: (_title, err) => {
          throw err;
        }
      });
      expect(seen.lineageNotebook).toBe('work/analysis.ipynb');
      expect(seen.initial).toMatchObject({ lineage: false });
      const lineage = await snapshots.requests.lineage({ connection: 'local', bucket }, result!.topHash);
      const pin = folderPin('survey/raw');
      expect(lineage).toEqual({
        notebook: { path: 'work/analysis.ipynb', sha256: createHash('sha256').update(saved).digest('hex') },
        pins: [{ name: pin.name, uri: pin.uri, package: pin.package, top_hash: pin.top_hash }]
      });
      // A snapshot taken without lineage records none.
      const plain = await snapshots.requests.lineage({ connection: 'local', bucket }, pin.top_hash);
      expect(plain).toBeUndefined();
    } finally {
      snapshots.lineage = null;
    }
  }, 60_000);
});
