/**
 * The search worker's protocol, in-process (jest cannot load the worker file, which imports the
 * browser build of SQLite): status of a never-built index, applying a sync's changes, searching
 * with facets, a malformed query, cancelling a queued request, applying our own writes' changes
 * (no new sync time), and an index surviving a "reload".
 * @jest-environment-options {"customExportConditions": ["node", "require", "default"]}
 */
import { SearchWorkerClient } from '../models/search-client';
import { inProcessSearchWorker } from '../testing/search-inprocess-worker';
import { markingTrans, testTrans as trans } from '../testing/translation';
import type { ObjectDoc } from '../service/search/schema';
import { memoryStorage } from '../service/search/sql';
import type { WorkerStorage } from './search-handler';
import { indexName } from './search-protocol';

const ref = { connection: 'local', bucket: 'demo' };

function doc(key: string, userMeta: unknown, lastModified = 1_700_000_000_000): ObjectDoc {
  return {
    key,
    ext: key.includes('.') ? key.slice(key.lastIndexOf('.')) : '',
    size: 10,
    lastModified,
    versionId: `v-${key}`,
    etag: '"e"',
    contentType: null,
    deleteMarker: false,
    userMeta,
    target: null,
    otherMeta: null
  };
}

const changes = {
  upsertObjects: [
    doc('hurdat/storms.csv', { ocean: 'atlantic' }),
    doc('hurdat/notes.txt', { ocean: 'atlantic', source: 'noaa' }),
    doc('pacific/typhoons.csv', { ocean: 'pacific' })
  ],
  deleteObjects: [],
  upsertSnapshots: [],
  deleteSnapshots: []
};

describe('search worker protocol', () => {
  const storages = new Map<string, WorkerStorage>();
  let client: SearchWorkerClient;

  beforeAll(() => {
    // A persisted storage, as OPFS would be.
    storages.set(indexName(ref), { storage: memoryStorage(), persisted: true });
    client = new SearchWorkerClient(inProcessSearchWorker(storages), trans);
  });
  afterAll(() => client.dispose());

  it('says an index was never built, then applies a sync and finds its objects with facets', async () => {
    expect(await client.call({ op: 'status', index: ref })).toEqual({ syncedAt: null, objects: 0, snapshots: 0, persisted: true });
    await client.call({ op: 'index', index: ref, changes, syncedAt: '2026-12-06T10:00:00.000Z' });
    const status = await client.call({ op: 'status', index: ref });
    expect(status).toEqual({ syncedAt: '2026-12-06T10:00:00.000Z', objects: 3, snapshots: 0, persisted: true });

    const result = await client.call({ op: 'search', index: ref, query: 'ext:.csv', options: { facets: true } });
    expect(result.hits.map(h => h.key).sort()).toEqual(['hurdat/storms.csv', 'pacific/typhoons.csv']);
    expect(result.facets?.ext).toEqual({ '.csv': 2 });
    expect(result.facets?.user_meta).toEqual({ ocean: 2 });

    const scoped = await client.call({ op: 'search', index: ref, query: '*', options: { prefix: 'hurdat/' } });
    expect(scoped.hits.map(h => h.key).sort()).toEqual(['hurdat/notes.txt', 'hurdat/storms.csv']);
    const states = new Map(await client.call({ op: 'objectStates', index: ref, prefix: 'pacific/' }));
    expect([...states.keys()]).toEqual(['pacific/typhoons.csv']);
    expect(await client.call({ op: 'snapshotIds', index: ref })).toEqual([]);
  });

  it('answers a malformed query with InvalidInput, as data, and keeps working', async () => {
    await expect(client.call({ op: 'search', index: ref, query: 'ext:(', options: {} })).rejects.toMatchObject({
      kind: 'InvalidInput',
      code: 'QuerySyntax',
      // What to do crosses the worker boundary too: the panel shows it.
      hint: expect.stringContaining('Quote values')
    });
    const ok = await client.call({ op: 'search', index: ref, query: 'typhoons', options: {} });
    expect(ok.hits.map(h => h.key)).toEqual(['pacific/typhoons.csv']);
  });

  it('drops a request still queued when it is cancelled; the others are answered', async () => {
    // The worker takes all four messages at once, so "notes" is still queued behind "storms" when
    // its cancel arrives (delivered one task apart, "storms" could finish before the cancel).
    const worker = inProcessSearchWorker(storages);
    const client = new SearchWorkerClient(worker, trans);
    worker.hold();
    let cancelId = -1;
    const first = client.call({ op: 'search', index: ref, query: 'storms', options: {} });
    const dropped = client.call({ op: 'search', index: ref, query: 'notes', options: {} }, id => (cancelId = id));
    client.cancel(cancelId);
    const last = client.call({ op: 'search', index: ref, query: 'typhoons', options: {} });
    worker.release();
    await expect(dropped).rejects.toMatchObject({ kind: 'Cancelled' });
    expect((await first).hits.map(h => h.key)).toEqual(['hurdat/storms.csv']);
    expect((await last).hits.map(h => h.key)).toEqual(['pacific/typhoons.csv']);
    client.dispose();
  });

  it('applies our own writes in one request without moving the sync time, and persists them', async () => {
    await client.call({
      op: 'applyChanges',
      index: ref,
      changes: {
        upsertObjects: [doc('indian/cyclones.csv', { ocean: 'indian' })],
        deleteObjects: ['hurdat/notes.txt'],
        upsertSnapshots: [],
        deleteSnapshots: []
      }
    });
    const found = await client.call({ op: 'search', index: ref, query: 'user_meta.ocean:indian OR notes', options: {} });
    expect(found.hits.map(h => h.key)).toEqual(['indian/cyclones.csv']);
    const status = await client.call({ op: 'status', index: ref });
    expect([status.syncedAt, status.objects]).toEqual(['2026-12-06T10:00:00.000Z', 3]);
    const again = new SearchWorkerClient(inProcessSearchWorker(storages), trans);
    try {
      const reloaded = await again.call({ op: 'search', index: ref, query: 'cyclones', options: {} });
      expect(reloaded.hits.map(h => h.key)).toEqual(['indian/cyclones.csv']);
    } finally {
      again.dispose();
    }
  });

  it('keeps an index across a new worker on the same storage (a page reload)', async () => {
    const again = new SearchWorkerClient(inProcessSearchWorker(storages), trans);
    try {
      const status = await again.call({ op: 'status', index: ref });
      expect(status.syncedAt).toBe('2026-12-06T10:00:00.000Z');
      const other = await again.call({ op: 'status', index: { connection: 'local', bucket: 'other' } });
      expect(other).toEqual({ syncedAt: null, objects: 0, snapshots: 0, persisted: false });
    } finally {
      again.dispose();
    }
  });
});

describe('a search worker that fails', () => {
  it('fails what waits with a message, then fails fast instead of waiting forever', async () => {
    const worker = {
      onmessage: null,
      onerror: null as ((event: ErrorEvent) => void) | null,
      postMessage: jest.fn(() => setTimeout(() => worker.onerror?.({ message: 'blocked by CSP' } as ErrorEvent))),
      terminate: jest.fn()
    };
    const client = new SearchWorkerClient(worker, trans);
    await expect(client.call({ op: 'status', index: ref })).rejects.toThrow('The search worker failed: blocked by CSP.');
    expect(client.failed).toBe(true);
    await expect(client.call({ op: 'status', index: ref })).rejects.toThrow('blocked by CSP');
    expect(worker.postMessage).toHaveBeenCalledTimes(1);
  });

  it("says through the translator that the worker failed, the browser's reason as it is", async () => {
    const worker = {
      onmessage: null,
      onerror: null as ((event: ErrorEvent) => void) | null,
      postMessage: jest.fn(() => setTimeout(() => worker.onerror?.({ message: '' } as ErrorEvent))),
      terminate: jest.fn()
    };
    const client = new SearchWorkerClient(worker, markingTrans);
    await expect(client.call({ op: 'status', index: ref })).rejects.toThrow('«The search worker failed: it could not start.»');
  });
});
