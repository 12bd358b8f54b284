import { Signal } from '@lumino/signaling';
import type { IHeliumConnections, IObjectChange } from '../tokens';
import type { SnapshotDiff, SnapshotInfo } from '../service/snapshots/types';
import { LIVE, snapshotRowId, snapshotTargetFor } from './snapshot-target';
import { SnapshotsModel } from './snapshots';
import { diffRequestKey, ISnapshotDiffRequest, SnapshotDiffModel } from './snapshot-diff';
import { restoreSummary } from '../service/snapshots/restore-summary';

const mockService = {
  listSnapshots: jest.fn(),
  snapshot: jest.fn(),
  diffSnapshots: jest.fn(),
  planRestore: jest.fn(),
  restoreFolder: jest.fn()
};
jest.mock('../service/snapshots', () => mockService);

class FakeConnections {
  readonly objectsChanged = new Signal<IHeliumConnections, IObjectChange>(this as unknown as IHeliumConnections);
  readonly notified: IObjectChange[] = [];
  async client(connection: string) {
    return { connection } as never;
  }
  async list() {
    return [];
  }
  objectUrl(): string {
    return '';
  }
  notifyChanged(change: IObjectChange) {
    this.notified.push(change);
    this.objectsChanged.emit(change);
  }
}

function info(topHash: string, seconds: number, folder = 'data/', name = 'data/snapshot'): SnapshotInfo {
  return { bucket: 'b', name, topHash, timestamp: new Date(seconds * 1000), message: topHash, folder };
}

/** The row id of `info(hash, seconds, …, name)`. */
function row(seconds: number, name = 'data/snapshot', hash = 'aaaaaa'): string {
  return `${name}@${seconds * 1000}@${hash}`;
}

/** Let the refresh (which awaits the client before it lists) run. */
async function settle(): Promise<void> {
  for (let i = 0; i < 10; i++) {
    await Promise.resolve();
  }
}

function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (err: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

const A = { connection: 'local', bucket: 'b', folder: 'data/' };
const B = { connection: 'local', bucket: 'b', folder: 'other/' };

beforeEach(() => {
  Object.values(mockService).forEach(fn => fn.mockReset());
});

describe('SnapshotsModel', () => {
  it('lists the snapshots of the folder it shows', async () => {
    const list = [info('bbbbbb', 20), info('aaaaaa', 10)];
    mockService.listSnapshots.mockResolvedValue(list);
    const model = new SnapshotsModel(new FakeConnections() as unknown as IHeliumConnections);
    await model.show(A);
    expect(mockService.listSnapshots).toHaveBeenCalledWith(
      { connection: 'local' },
      expect.objectContaining({ bucket: 'b', folder: 'data/', includeInner: false })
    );
    expect(model.snapshots).toEqual(list);
    expect(model.loading).toBe(false);
    expect(model.error).toBeNull();
    model.dispose();
  });

  it('drops the answer for a folder the user has left', async () => {
    const slow = deferred<SnapshotInfo[]>();
    mockService.listSnapshots.mockImplementation((_s3: unknown, options: { folder: string }) =>
      options.folder === 'data/' ? slow.promise : Promise.resolve([info('cccccc', 30, 'other/')])
    );
    const model = new SnapshotsModel(new FakeConnections() as unknown as IHeliumConnections);
    const first = model.show(A);
    await model.show(B);
    slow.resolve([info('aaaaaa', 10)]);
    await first;
    expect(model.target).toEqual(B);
    expect(model.snapshots.map(s => s.topHash)).toEqual(['cccccc']);
    model.dispose();
  });

  it('shows an error from the mockService as text and keeps no stale list', async () => {
    mockService.listSnapshots.mockRejectedValue(new Error('Access denied to s3://b/.quilt/'));
    const model = new SnapshotsModel(new FakeConnections() as unknown as IHeliumConnections);
    await model.show(A);
    expect(model.error).toBe('Access denied to s3://b/.quilt/');
    expect(model.snapshots).toEqual([]);
    model.dispose();
  });

  it('ticks two sides; a third replaces the oldest tick; the pair is older first and live last', async () => {
    mockService.listSnapshots.mockResolvedValue([info('cccccc', 30), info('bbbbbb', 20), info('aaaaaa', 10)]);
    const model = new SnapshotsModel(new FakeConnections() as unknown as IHeliumConnections);
    await model.show(A);
    model.toggleTick(row(30, undefined, 'cccccc'));
    expect(model.comparePair).toBeNull();
    model.toggleTick(row(10));
    expect(model.comparePair).toEqual(['aaaaaa', 'cccccc']);
    expect(model.compareRows).toEqual([row(10), row(30, undefined, 'cccccc')]);
    model.toggleTick(LIVE);
    expect(model.ticked).toEqual([row(10), LIVE]);
    expect(model.comparePair).toEqual(['aaaaaa', LIVE]);
    model.toggleTick(row(10));
    model.toggleTick(row(20, undefined, 'bbbbbb'));
    expect(model.comparePair).toEqual(['bbbbbb', LIVE]);
    model.dispose();
  });

  it('forgets ticks and selection when it moves to another folder', async () => {
    mockService.listSnapshots.mockResolvedValue([info('aaaaaa', 10)]);
    const model = new SnapshotsModel(new FakeConnections() as unknown as IHeliumConnections);
    await model.show(A);
    model.toggleTick(row(10));
    model.select(row(10));
    expect(model.selected?.topHash).toBe('aaaaaa');
    await model.show(B);
    expect(model.ticked).toEqual([]);
    expect(model.selected).toBeNull();
    model.dispose();
  });

  it('lists again after changes in the registry of its bucket, not after writes to the folder', async () => {
    jest.useFakeTimers();
    try {
      mockService.listSnapshots.mockResolvedValue([]);
      const connections = new FakeConnections();
      const model = new SnapshotsModel(connections as unknown as IHeliumConnections);
      await model.show(A);
      expect(mockService.listSnapshots).toHaveBeenCalledTimes(1);
      connections.notifyChanged({ connection: 'local', bucket: 'b', key: 'elsewhere/x.csv', type: 'put' });
      connections.notifyChanged({ connection: 'other', bucket: 'b', key: '.quilt/named_packages/x/y/latest', type: 'put' });
      // Objects of the folder itself: no snapshot is listed or dropped by them.
      connections.notifyChanged({ connection: 'local', bucket: 'b', key: 'data/x.csv', type: 'put' });
      connections.notifyChanged({ connection: 'local', bucket: 'b', key: 'data/sub/', type: 'folder' });
      connections.notifyChanged({ connection: 'local', bucket: 'b', key: 'data/', type: 'folder' });
      jest.advanceTimersByTime(1000);
      await settle();
      expect(mockService.listSnapshots).toHaveBeenCalledTimes(1);
      // A burst of registry changes lists once.
      connections.notifyChanged({ connection: 'local', bucket: 'b', key: '.quilt/packages/' + 'f'.repeat(64), type: 'put' });
      connections.notifyChanged({ connection: 'local', bucket: 'b', key: '.quilt/named_packages/data/snapshot/latest', type: 'put' });
      jest.advanceTimersByTime(1000);
      await settle();
      expect(mockService.listSnapshots).toHaveBeenCalledTimes(2);
      // A change of the whole bucket covers the registry.
      connections.notifyChanged({ connection: 'local', bucket: 'b', key: '', type: 'folder' });
      jest.advanceTimersByTime(1000);
      await settle();
      expect(mockService.listSnapshots).toHaveBeenCalledTimes(3);
      model.dispose();
    } finally {
      jest.useRealTimers();
    }
  });

  it('tells rows listing the same top hash apart: selection, ticks and details name one row', async () => {
    // The same manifest under two package names, and taken twice (unchanged) under one.
    const list = [info('aaaaaa', 30, 'data/', 'team/copy'), info('aaaaaa', 20), info('aaaaaa', 10), info('bbbbbb', 5)];
    mockService.listSnapshots.mockResolvedValue(list);
    const model = new SnapshotsModel(new FakeConnections() as unknown as IHeliumConnections);
    await model.show(A);
    expect(snapshotRowId(list[1])).toBe(row(20));
    model.select(row(20));
    expect(model.selected).toBe(list[1]);
    expect(model.find('aaaaaa')).toBe(list[1]); // the selected row wins over the first one
    model.select(row(10));
    expect(model.selected).toBe(list[2]);
    expect(model.findRow(row(30, 'team/copy'))).toBe(list[0]);
    model.toggleTick(row(10));
    expect(model.isTicked(row(10))).toBe(true);
    expect(model.isTicked(row(20))).toBe(false);
    model.toggleTick(row(20));
    expect(model.compareRows).toEqual([row(10), row(20)]);
    expect(model.comparePair).toEqual(['aaaaaa', 'aaaaaa']);
    // Listing again keeps ticks and selection on their rows.
    await model.refresh();
    expect(model.ticked).toEqual([row(10), row(20)]);
    expect(model.selected).toBe(list[2]);
    model.dispose();
  });

  it('resolves the folder to snapshot once, from args, the S3 panel or the snapshots panel', () => {
    const ref = (key: string) => ({ connection: 'local', bucket: 'b', key });
    const where = { selectedFolder: ref('sel'), currentFolder: ref('cur/'), shown: B };
    expect(snapshotTargetFor({ connection: 'c', bucket: 'x', folder: 'f' }, where)).toEqual({ connection: 'c', bucket: 'x', folder: 'f/' });
    expect(snapshotTargetFor({ from: 'panel' }, where)).toEqual({ ...A, folder: 'sel/' });
    expect(snapshotTargetFor({ from: 'panel' }, { ...where, selectedFolder: null })).toEqual({ ...A, folder: 'cur/' });
    expect(snapshotTargetFor({ from: 'snapshots' }, where)).toEqual(B);
    expect(snapshotTargetFor({}, where)).toEqual({ ...A, folder: 'cur/' });
    expect(snapshotTargetFor({}, { shown: B })).toEqual(B);
    expect(snapshotTargetFor({}, { shown: null })).toBeNull();
    // A copy: not the panel's object.
    expect(snapshotTargetFor({ from: 'snapshots' }, where)).not.toBe(B);
  });

  it('snapshots the folder the dialog was opened for, whatever the panels show meanwhile', async () => {
    mockService.listSnapshots.mockResolvedValue([]);
    mockService.snapshot.mockResolvedValue({ topHash: 'f'.repeat(64), name: 'data/snapshot' });
    const model = new SnapshotsModel(new FakeConnections() as unknown as IHeliumConnections);
    await model.show(A);
    const browser = {
      currentFolder: { connection: 'local', bucket: 'b', key: 'data/' } as { connection: string; bucket: string; key: string }
    };
    const shown = model.target;
    const task = model.snapshotTask(snapshotTargetFor({ from: 'snapshots' }, { ...browser, shown: model.target })!);
    // While the dialog is open, the user moves both panels elsewhere…
    browser.currentFolder = { connection: 'local', bucket: 'b', key: 'other/' };
    await model.show(B);
    if (shown) {
      // …and even if something changed the object the panel showed:
      (shown as { folder: string }).folder = 'mutated/';
    }
    await task.run({ message: 'm', name: 'data/snapshot' });
    expect(task.target).toEqual(A);
    expect(mockService.snapshot).toHaveBeenCalledTimes(1);
    expect(mockService.snapshot).toHaveBeenCalledWith({ connection: 'local' }, expect.objectContaining({ bucket: 'b', folder: 'data/' }));
    model.dispose();
  });

  it('snapshots the folder the user confirmed, not the one shown at the time', async () => {
    mockService.listSnapshots.mockResolvedValue([]);
    mockService.snapshot.mockResolvedValue({ topHash: 'f'.repeat(64), name: 'data/snapshot' });
    const connections = new FakeConnections();
    const model = new SnapshotsModel(connections as unknown as IHeliumConnections);
    await model.show(B);
    await model.snapshot(A, { message: 'm', name: 'data/snapshot' });
    expect(mockService.snapshot).toHaveBeenCalledWith(
      { connection: 'local' },
      expect.objectContaining({ bucket: 'b', folder: 'data/', message: 'm', name: 'data/snapshot' })
    );
    expect(connections.notified).toContainEqual({ connection: 'local', bucket: 'b', key: '.quilt/', type: 'put' });
    model.dispose();
  });

  it('tells views the folder changed after a restore, also when it fails part-way', async () => {
    mockService.restoreFolder.mockRejectedValue(Object.assign(new Error('gone'), { kind: 'NotFound' }));
    const connections = new FakeConnections();
    const model = new SnapshotsModel(connections as unknown as IHeliumConnections);
    mockService.listSnapshots.mockResolvedValue([]);
    await model.show(A);
    await expect(model.restore(A, { folder: 'data/' } as never)).rejects.toThrow('gone');
    expect(connections.notified).toContainEqual({ connection: 'local', bucket: 'b', key: 'data/', type: 'folder' });
    await settle();
    expect(mockService.listSnapshots).toHaveBeenCalledTimes(2); // and lists again itself
    model.dispose();
  });
});

describe('restoreSummary', () => {
  it('counts copies by reason, deletes and bytes', () => {
    expect(
      restoreSummary([
        { kind: 'copy', reason: 'modified', size: 10 },
        { kind: 'copy', reason: 'metadata-changed', size: 5 },
        { kind: 'copy', reason: 'deleted', size: 100 },
        { kind: 'delete', reason: 'added', size: 7 }
      ])
    ).toEqual({ copies: 3, changedSince: 2, deletedSince: 1, deletes: 1, copyBytes: 115 });
    expect(restoreSummary([])).toEqual({ copies: 0, changedSince: 0, deletedSince: 0, deletes: 0, copyBytes: 0 });
  });
});

describe('SnapshotDiffModel', () => {
  const request: ISnapshotDiffRequest = {
    connection: 'local',
    bucket: 'b',
    folder: 'data/',
    left: { ref: 'a'.repeat(64), label: 'snapshot aaaaaa…' },
    right: { ref: LIVE, label: 'live' }
  };
  const diff: SnapshotDiff = { changes: [], folders: new Map() };

  it('loads the diff, reporting progress on the way', async () => {
    const seen: unknown[] = [];
    const model = new SnapshotDiffModel(request, async (_req, { onProgress }) => {
      onProgress({ phase: 'listing', listed: 3 });
      return diff;
    });
    model.changed.connect(() => seen.push(model.progress));
    await model.load();
    expect(model.state).toBe('done');
    expect(model.diff).toBe(diff);
    expect(seen).toContainEqual({ phase: 'listing', listed: 3 });
  });

  it('is cancelled by cancel(), and says so rather than failing', async () => {
    const model = new SnapshotDiffModel(
      request,
      (_req, { signal }) =>
        new Promise((_resolve, reject) =>
          signal.addEventListener('abort', () => reject(Object.assign(new Error('Cancelled'), { kind: 'Cancelled' })))
        )
    );
    const loading = model.load();
    expect(model.state).toBe('loading');
    model.cancel();
    await loading;
    expect(model.state).toBe('cancelled');
    expect(model.error).toBeNull();
  });

  it('keeps the error of a failed comparison', async () => {
    const err = Object.assign(new Error('No snapshot aaaaaa'), { kind: 'NotFound' });
    const model = new SnapshotDiffModel(request, async () => {
      throw err;
    });
    await model.load();
    expect(model.state).toBe('error');
    expect(model.error).toBe(err);
  });

  it('identifies a comparison by connection, bucket, folder and both refs', () => {
    expect(diffRequestKey(request)).toBe(diffRequestKey({ ...request, left: { ...request.left, label: 'other label' } }));
    expect(diffRequestKey(request)).not.toBe(diffRequestKey({ ...request, folder: 'other/' }));
    expect(diffRequestKey(request)).not.toBe(diffRequestKey({ ...request, left: request.right, right: request.left }));
  });
});
