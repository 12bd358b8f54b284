/**
 * Tags in the Snapshots UI against a real local S3 (moto): *Tag Snapshot…*'s logic with the real
 * snapshots model and fake dialogs (create a tag and see it on the row; refuse a bad name and
 * write nothing; move a tag only when the person chooses *Move tag here*, its history kept), the
 * tags read once per package with the listing, and *Pin to Notebook* following a tag.
 * @jest-environment-options {"customExportConditions": ["node", "require", "default"]}
 */
import type { S3Client } from '@aws-sdk/client-s3';
import { Signal } from '@lumino/signaling';
import { putObject } from '../service/objects';
import { listTags, readTag } from '../service/pins/tags';
import type { SnapshotInfo } from '../service/snapshots/types';
import { createTestBucket, testClient } from '../testing/s3';
import { TestConnections } from '../testing/connections';
import { testTrans as trans } from '../testing/translation';
import { until } from '../testing/until';
import { shortHash } from '../models/snapshot-target';
import { SnapshotsModel } from '../models/snapshots';
import { IPinsMetadata, NotebookPinsModel } from '../models/notebook-pins';
import { tooltipLines } from '../widgets/pins/pin-status-text';
import { pinRequestFromArgs, pinToNotebook } from './pins-actions';
import { ITagSnapshotUI, tagSnapshot } from './snapshots-tag-action';

const FOLDER = 'survey/raw/';
const PKG = 'survey/raw';

let s3: S3Client;
let bucket: string;
let model: SnapshotsModel;
/** The older and the newer snapshot, as listed. */
let older: SnapshotInfo;
let newer: SnapshotInfo;

/** Fake dialogs: answer the name question and the move question, recording what was asked. */
function fakeUI(answers: { name?: string | null; move?: boolean }, seen: Record<string, unknown>): ITagSnapshotUI {
  return {
    askName: async ({ check }) => {
      seen.checks = {
        empty: check(''),
        latest: check('latest'),
        hex: check('abcdef12'),
        spaced: check('q3 release'),
        good: check('q3-release')
      };
      return answers.name ?? null;
    },
    confirmMove: async options => {
      seen.move = options;
      return answers.move ?? false;
    },
    notify: message => (seen.notified = message),
    fail: (title, error) => (seen.failed = { title, message: (error as Error).message })
  };
}

beforeAll(async () => {
  s3 = testClient();
  bucket = await createTestBucket(s3, 'tags-ui');
  await putObject(s3, { bucket, key: `${FOLDER}a.csv`, body: 'x,y\n1,2\n' });
  const connections = new TestConnections({ local: s3 }, { local: [bucket] });
  model = new SnapshotsModel(connections);
  const target = { connection: 'local', bucket, folder: FOLDER };
  await model.snapshot(target, { message: 'first', name: PKG });
  await putObject(s3, { bucket, key: `${FOLDER}a.csv`, body: 'x,y\n1,3\n' });
  await model.snapshot(target, { message: 'second', name: PKG });
  await model.show(target);
  await until(model, () => model.snapshots.length === 2 && !model.loading, 15_000);
  [newer, older] = model.snapshots;
}, 60_000);

afterAll(() => model.dispose());

describe('tagSnapshot', () => {
  it('checks the name as the engine does, creates the tag and shows it on that row only', async () => {
    const seen: Record<string, unknown> = {};
    const result = await tagSnapshot(model, { topHash: older.topHash }, trans, fakeUI({ name: 'q3-release' }, seen));
    expect(seen.failed).toBeUndefined();
    expect(seen.checks).toEqual({
      empty: '',
      latest: expect.stringContaining('not a valid tag name'),
      hex: expect.stringContaining('not a valid tag name'),
      spaced: expect.stringContaining('not a valid tag name'),
      good: null
    });
    expect(result?.action).toBe('created');
    expect((await readTag(s3, bucket, PKG, 'q3-release'))?.top_hash).toBe(older.topHash);
    // The model listed again with the tags: the label is on the older row, not the newer one.
    expect(model.tags.of(older).map(t => t.tag)).toEqual(['q3-release']);
    expect(model.tags.of(newer)).toEqual([]);
    expect(seen.notified).toContain('q3-release');
  });

  it('refuses a bad name with the rule and writes nothing', async () => {
    const seen: Record<string, unknown> = {};
    const result = await tagSnapshot(model, { topHash: newer.topHash, tag: 'latest' }, trans, fakeUI({}, seen));
    expect(result).toBeNull();
    expect(seen.failed).toEqual({ title: expect.any(String), message: expect.stringContaining('"latest" is not a valid tag name') });
    expect((await listTags(s3, bucket, PKG)).map(t => t.tag)).toEqual(['q3-release']);
  });

  it('moves a tag that names another snapshot only when the person chooses to, keeping its history', async () => {
    const kept: Record<string, unknown> = {};
    expect(await tagSnapshot(model, { topHash: newer.topHash }, trans, fakeUI({ name: 'q3-release', move: false }, kept))).toBeNull();
    expect(kept.move).toMatchObject({ tag: 'q3-release', from: shortHash(older.topHash) });
    expect(String((kept.move as { message: string }).message)).toContain(shortHash(older.topHash));
    const unmoved = await readTag(s3, bucket, PKG, 'q3-release');
    expect(unmoved?.top_hash).toBe(older.topHash);
    expect(unmoved?.history).toHaveLength(1);

    const moved: Record<string, unknown> = {};
    const result = await tagSnapshot(model, { topHash: newer.topHash }, trans, fakeUI({ name: 'q3-release', move: true }, moved));
    expect(moved.failed).toBeUndefined();
    expect(result?.action).toBe('moved');
    const record = await readTag(s3, bucket, PKG, 'q3-release');
    expect(record?.top_hash).toBe(newer.topHash);
    expect(record?.history.map(h => h.top_hash)).toEqual([older.topHash, newer.topHash]);
    expect(model.tags.of(newer).map(t => t.tag)).toEqual(['q3-release']);
    expect(model.tags.of(older)).toEqual([]);
    expect(model.tags.of(newer)[0].history).toHaveLength(2);
  });
});

/** A notebook's metadata as JupyterLab's notebook model keeps it. */
class FakeMetadata implements IPinsMetadata {
  readonly metadataChanged = new Signal<this, { key: string }>(this);
  private _map = new Map<string, unknown>();
  getMetadata(key: string): unknown {
    return this._map.get(key);
  }
  setMetadata(key: string, value: unknown): void {
    this._map.set(key, value);
    this.metadataChanged.emit({ key });
  }
}

describe('pinToNotebook with tags', () => {
  it('asks what the pin follows when the snapshot has tags, pins following the chosen tag, and the tooltip says so', async () => {
    const pins = new NotebookPinsModel(new TestConnections({ local: s3 }, { local: [bucket] }), new FakeMetadata(), trans);
    try {
      const offered: (readonly string[])[] = [];
      const request = pinRequestFromArgs(model, { topHash: newer.topHash });
      expect(request?.follows).toBeUndefined();
      const pin = await pinToNotebook(pins, model, request!, 'analysis.ipynb', trans, {
        offerCell: async () => false,
        insertCell: () => undefined,
        notify: () => undefined,
        fail: (_title, err) => {
          throw err;
        },
        chooseFollows: async tags => (offered.push(tags), { tag: tags[0] })
      });
      expect(offered).toEqual([['q3-release']]);
      expect(pin?.follows).toEqual({ tag: 'q3-release' });
      expect(pins.pins[0].follows).toEqual({ tag: 'q3-release' });
      expect(tooltipLines(pins.pins, new Map(), [], trans)[0]).toContain('follows tag "q3-release"');

      // A snapshot without tags is pinned following latest, without asking.
      const untagged = await pinToNotebook(pins, model, pinRequestFromArgs(model, { topHash: older.topHash })!, 'analysis.ipynb', trans, {
        offerCell: async () => false,
        insertCell: () => undefined,
        notify: () => undefined,
        fail: (_title, err) => {
          throw err;
        },
        chooseFollows: async () => {
          throw new Error('asked for a snapshot without tags');
        }
      });
      expect(untagged?.follows).toBe('latest');
    } finally {
      pins.dispose();
    }
  });
});
