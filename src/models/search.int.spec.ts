/**
 * SearchModel against the local S3 (moto), with the search worker's handler in-process: never
 * built → Update index (progress, then ready) → a query, facets, a chip narrowing it, the folder
 * scope, a malformed query, our own writes (a put, a delete, a folder change, a snapshot) brought
 * into the index at once with one HEAD per key and no listing, and a cancelled update leaving the
 * index as it was.
 * @jest-environment-options {"customExportConditions": ["node", "require", "default"]}
 */
import { S3Client } from '@aws-sdk/client-s3';
import { Signal } from '@lumino/signaling';
import { deleteObject, putObject } from '../service/objects-write';
import { snapshot } from '../service/snapshots/snapshot';
import { putValue } from '../service/values/put-value';
import { createTestBucket, putMany, testClient } from '../testing/s3';
import type { IHeliumConnections, IObjectChange } from '../tokens';
import { inProcessSearchWorker } from '../testing/search-inprocess-worker';
import { IndexState, PAGE_SIZE, SearchModel } from './search';
import { testTrans as trans } from '../testing/translation';

// The worker starter uses import.meta (for the bundler), which jest cannot compile: the tests
// give the model an in-process worker instead.
jest.mock('./search-worker', () => ({ startSearchWorker: () => undefined }));

/** The part of the connections model SearchModel uses, over a direct S3 client. */
function connectionsOver(s3: S3Client): IHeliumConnections {
  const changed = new Signal<object, IObjectChange>({});
  const connections = {
    list: async () => [],
    client: async () => s3,
    objectUrl: () => '',
    objectsChanged: changed,
    notifyChanged: (change: IObjectChange) => changed.emit(change)
  };
  return connections as unknown as IHeliumConnections;
}

/** Count the requests sent through a client, by command name; `log` has each with its key or prefix. */
function countRequests(s3: S3Client): Map<string, number> & { log: string[] } {
  const counts = Object.assign(new Map<string, number>(), { log: [] as string[] });
  s3.middlewareStack.add(
    (next, context) => async args => {
      const name = context.commandName ?? '?';
      counts.set(name, (counts.get(name) ?? 0) + 1);
      const input = args.input as { Key?: string; Prefix?: string };
      counts.log.push(`${name} ${input.Key ?? input.Prefix ?? ''}`);
      return next(args);
    },
    { step: 'initialize', name: 'countRequests' }
  );
  return counts;
}

/** Resolve when the model's state is of a kind (checked on every change). */
function stateOf(model: SearchModel, kind: IndexState['kind']): Promise<IndexState> {
  return new Promise(resolve => {
    const check = () => {
      if (model.state.kind === kind) {
        model.changed.disconnect(check);
        resolve(model.state);
      }
    };
    model.changed.connect(check);
    check();
  });
}

describe('SearchModel against the local S3', () => {
  let s3: S3Client;
  let bucket: string;
  let connections: IHeliumConnections;
  let model: SearchModel;
  let requests: ReturnType<typeof countRequests>;
  let worker: ReturnType<typeof inProcessSearchWorker>;
  const keys = () => model.hits.map(h => h.key).sort();

  beforeAll(async () => {
    s3 = testClient();
    bucket = await createTestBucket(s3, 'searchui');
    await putValue(s3, { bucket, key: 'hurdat/storms.csv' }, 'year,name\n1990,Ana\n', { meta: { ocean: 'atlantic', decade: 1990 } });
    await putValue(s3, { bucket, key: 'pacific/typhoons.csv' }, 'year\n2010\n', { meta: { ocean: 'pacific' } });
    await putObject(s3, { bucket, key: 'hurdat/readme.txt', body: 'hello' });
    requests = countRequests(s3);
    connections = connectionsOver(s3);
    worker = inProcessSearchWorker();
    model = new SearchModel(connections, trans, { startWorker: () => worker });
  });

  afterAll(() => model?.dispose());

  it('says the index was never built and shows no hits', async () => {
    await model.setTarget({ connection: 'local', bucket, prefix: '' });
    expect(model.state.kind).toBe('never');
    expect(model.persisted).toBe(false);
    await model.setQuery('storms');
    expect(model.hits).toEqual([]);
  });

  it('builds the index with progress, then searches, facets and narrows by a chip', async () => {
    const phases = new Set<string>();
    const watch = () => {
      if (model.state.kind === 'building' && model.state.progress) {
        phases.add(model.state.progress.phase);
      }
    };
    model.changed.connect(watch);
    await model.updateIndex();
    model.changed.disconnect(watch);
    expect(phases.has('listing')).toBe(true);
    expect(phases.has('reading metadata')).toBe(true);
    const state = model.state;
    expect(state.kind).toBe('ready');
    expect(state.kind === 'ready' && [state.objects, state.stale]).toEqual([3, false]);
    // The query typed before the build is searched once the index is ready.
    expect(keys()).toEqual(['hurdat/storms.csv']);

    await model.setQuery('ext:.csv');
    expect(keys()).toEqual(['hurdat/storms.csv', 'pacific/typhoons.csv']);
    expect(model.total).toBe(2);
    expect(model.facets?.ext).toEqual({ '.csv': 2 });
    expect(model.facets?.user_meta).toEqual({ ocean: 2, decade: 1 });

    // Hits come before the facets: when the hits of a new query are shown, the counts are still
    // the previous query's, and they follow in a second answer.
    const seen: { hits: string[]; ext: unknown }[] = [];
    const record = () => !model.searching && seen.push({ hits: keys(), ext: model.facets?.ext });
    model.changed.connect(record);
    await model.setQuery('key:hurdat*');
    model.changed.disconnect(record);
    const hurdat = ['hurdat/readme.txt', 'hurdat/storms.csv'];
    const firstWithHits = seen.find(s => s.hits.join() === hurdat.join());
    expect(firstWithHits?.ext).toEqual({ '.csv': 2 });
    expect(seen[seen.length - 1]).toEqual({ hits: hurdat, ext: { '.txt': 1, '.csv': 1 } });
    await model.setQuery('ext:.csv');

    await model.narrow({ facet: 'user_meta', value: 'decade' });
    expect(model.query).toBe('(ext:.csv) AND _exists_:user_meta.decade');
    expect(keys()).toEqual(['hurdat/storms.csv']);
    expect(model.hits[0].meta).toEqual({ ocean: 'atlantic', decade: 1990 });
  });

  it('searches only the current folder when scoped to it', async () => {
    await model.setQuery('');
    await model.setTarget({ connection: 'local', bucket, prefix: 'hurdat/' });
    expect(keys()).toEqual(['hurdat/readme.txt', 'hurdat/storms.csv', 'pacific/typhoons.csv']);
    expect(model.facets?.folder).toEqual({ 'hurdat/': 2, 'pacific/': 1 });
    await model.setScope('folder');
    expect(keys()).toEqual(['hurdat/readme.txt', 'hurdat/storms.csv']);
    // Within the folder, its objects are all directly in it; the chip's clause names the folder.
    expect(model.facets?.folder).toEqual({ '': 2 });
    await model.narrow({ facet: 'folder', value: '' });
    expect(model.query).toBe('(type:object AND NOT key:hurdat\\/*\\/*)');
    expect(keys()).toEqual(['hurdat/readme.txt', 'hurdat/storms.csv']);
    await model.setScope('bucket');
    await model.setQuery('');
    await model.narrow({ facet: 'folder', value: 'pacific/' });
    expect(keys()).toEqual(['pacific/typhoons.csv']);
    await model.setQuery('');
  });

  it('says what is wrong with a malformed query and recovers when it is fixed', async () => {
    await model.setQuery('user_meta.ocean:(');
    expect(model.queryError).toMatch(/syntax error at column \d+: .*Quote values with spaces/);
    await model.setQuery('OR');
    expect(model.queryError).toMatch(/OR alone is an operator, .*quote it \("OR"\)/);
    expect(model.hits).toEqual([]);
    await model.setQuery('user_meta.ocean:pacific');
    expect(model.queryError).toBeNull();
    expect(keys()).toEqual(['pacific/typhoons.csv']);
  });

  it('brings our own put into the index at once: one HEAD, no listing, the current query re-run', async () => {
    await putValue(s3, { bucket, key: 'indian/cyclones.csv' }, 'year\n2020\n', { meta: { ocean: 'indian' } });
    await model.setQuery('user_meta.ocean:indian');
    expect(keys()).toEqual([]);
    const syncedAt = model.state.kind === 'ready' ? model.state.syncedAt.getTime() : NaN;
    requests.clear();
    connections.notifyChanged({ connection: 'local', bucket, key: 'indian/cyclones.csv', type: 'put' });
    await model.whenFresh();
    expect(Object.fromEntries(requests)).toEqual({ HeadObjectCommand: 1 });
    expect(keys()).toEqual(['indian/cyclones.csv']);
    expect(model.hits[0].meta).toEqual({ ocean: 'indian' });
    const state = model.state;
    // Still ready, not stale, and the sync time is the last sync's: only this key is fresher.
    expect(state.kind === 'ready' && [state.objects, state.stale, state.syncedAt.getTime()]).toEqual([4, false, syncedAt]);
    // What the HEAD recorded matches the listing: the next update HEADs nothing again.
    requests.clear();
    await model.updateIndex();
    expect(requests.get('HeadObjectCommand') ?? 0).toBe(0);
    expect(keys()).toEqual(['indian/cyclones.csv']);
  });

  it('keeps the previous index when an update is cancelled', async () => {
    const before = model.state.kind === 'ready' ? model.state.syncedAt.getTime() : NaN;
    await putObject(s3, { bucket, key: 'late/arrival.txt', body: 'x' });
    const running = model.updateIndex();
    expect(model.state.kind).toBe('building');
    model.cancelUpdate();
    await running;
    const state = await stateOf(model, 'ready');
    expect(state.kind === 'ready' && [state.syncedAt.getTime(), state.objects]).toEqual([before, 4]);
    await model.setQuery('arrival');
    expect(keys()).toEqual([]);
  });

  it('takes a deleted object out of the results at once, recorded as the delete marker it is', async () => {
    await model.setQuery('user_meta.ocean:pacific');
    expect(keys()).toEqual(['pacific/typhoons.csv']);
    await deleteObject(s3, { bucket, key: 'pacific/typhoons.csv' });
    requests.clear();
    connections.notifyChanged({ connection: 'local', bucket, key: 'pacific/typhoons.csv', type: 'delete' });
    await model.whenFresh();
    expect(Object.fromEntries(requests)).toEqual({ HeadObjectCommand: 1 });
    expect(keys()).toEqual([]);
    expect(model.state.kind === 'ready' && [model.state.objects, model.state.stale]).toEqual([4, false]);
    // Recorded as the delete marker it is, as a sync would: the next update changes nothing for it.
    await model.setQuery('typhoons AND delete_marker:true');
    expect(keys()).toEqual(['pacific/typhoons.csv']);
    const marker = model.hits[0];
    requests.clear();
    requests.log.length = 0;
    await model.updateIndex();
    // (late/arrival.txt, written without a notification, is HEADed: the marker is not.)
    expect(requests.log.filter(r => r.startsWith('HeadObject'))).toEqual(['HeadObjectCommand late/arrival.txt']);
    expect(model.hits.map(h => [h.key, h.version_id, h.delete_marker])).toEqual([[marker.key, marker.version_id, true]]);
  });

  it('syncs only the folder of a folder-wide change', async () => {
    await putObject(s3, { bucket, key: 'arctic/ice.txt', body: 'cold' });
    await model.setQuery('ice');
    expect(keys()).toEqual([]);
    requests.log.length = 0;
    connections.notifyChanged({ connection: 'local', bucket, key: 'arctic/', type: 'folder' });
    await model.whenFresh();
    expect(requests.log).toEqual(['ListObjectVersionsCommand arctic/', 'HeadObjectCommand arctic/ice.txt']);
    expect(keys()).toEqual(['arctic/ice.txt']);
  });

  it('finds a new snapshot by its message at once, reading only its manifest', async () => {
    await model.setQuery('message:"first look at storms"');
    expect(keys()).toEqual([]);
    const made = await snapshot(s3, { bucket, folder: 'hurdat/', message: 'first look at storms' });
    requests.clear();
    connections.notifyChanged({ connection: 'local', bucket, key: '.quilt/', type: 'put' });
    await model.whenFresh();
    expect(requests.get('HeadObjectCommand') ?? 0).toBe(0);
    expect(model.hits.map(h => [h.type, h.top_hash])).toEqual([['snapshot', made.topHash]]);
    expect(model.state.kind === 'ready' && [model.state.snapshots, model.state.stale]).toEqual([1, false]);
  });

  it('applies a write made during an update after it, never as a second writer', async () => {
    await putValue(s3, { bucket, key: 'southern/gales.csv' }, 'year\n2021\n', { meta: { ocean: 'southern' } });
    await model.setQuery('user_meta.ocean:southern');
    const from = worker.sent.length;
    const running = model.updateIndex();
    expect(model.state.kind).toBe('building');
    connections.notifyChanged({ connection: 'local', bucket, key: 'southern/gales.csv', type: 'put' });
    await running;
    await model.whenFresh();
    const writes = worker.sent.slice(from).flatMap(r => (r.op === 'index' || r.op === 'applyChanges' ? [r.op] : []));
    expect(writes).toEqual(['index', 'applyChanges']);
    expect(keys()).toEqual(['southern/gales.csv']);
    expect(model.state.kind === 'ready' && model.state.stale).toBe(false);
  });

  it('marks the index stale when a write cannot be brought in', async () => {
    const failing = new S3Client({
      region: 'us-east-1',
      endpoint: 'http://127.0.0.1:1',
      credentials: { accessKeyId: 'x', secretAccessKey: 'x' },
      maxAttempts: 1
    });
    const original = connections.client;
    const warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
    let warned: number;
    (connections as { client: unknown }).client = async () => failing;
    try {
      connections.notifyChanged({ connection: 'local', bucket, key: 'hurdat/storms.csv', type: 'put' });
      await model.whenFresh();
    } finally {
      (connections as { client: unknown }).client = original;
      failing.destroy();
      warned = warn.mock.calls.length;
      warn.mockRestore();
    }
    expect(model.state.kind === 'ready' && model.state.stale).toBe(true);
    expect(warned).toBe(1);
  });

  it('before a hit opens, confirms it is still there; one deleted by another tool leaves the results', async () => {
    await putValue(s3, { bucket, key: 'outside/kept.csv' }, 'a\n1\n', { meta: { source: 'outside-tool' } });
    await putValue(s3, { bucket, key: 'outside/removed.csv' }, 'a\n2\n', { meta: { source: 'outside-tool' } });
    await model.updateIndex();
    // Deleted behind helium's back: the index still has it.
    await deleteObject(s3, { bucket, key: 'outside/removed.csv' });
    await model.setQuery('user_meta.source:outside-tool');
    expect(keys()).toEqual(['outside/kept.csv', 'outside/removed.csv']);
    expect(await model.confirmHit({ connection: 'local', bucket, key: 'outside/kept.csv' })).toBe(true);
    expect(await model.confirmHit({ connection: 'local', bucket, key: 'outside/removed.csv' })).toBe(false);
    expect(keys()).toEqual(['outside/kept.csv']);
  });
});

describe('SearchModel: more hits than a page', () => {
  let model: SearchModel;
  let bucket: string;
  let s3: S3Client;
  let connections: IHeliumConnections;
  const COUNT = PAGE_SIZE * 2 + 25;

  beforeAll(async () => {
    s3 = testClient();
    connections = connectionsOver(s3);
    bucket = await createTestBucket(s3, 'searchpages');
    const names = Array.from({ length: COUNT }, (_, i) => `many/f${String(i).padStart(4, '0')}.txt`);
    await putMany(s3, bucket, [...names, 'other/x.csv']);
    const worker = inProcessSearchWorker();
    model = new SearchModel(connections, trans, { startWorker: () => worker });
    await model.setTarget({ connection: 'local', bucket, prefix: '' });
    await model.updateIndex();
  }, 120000);

  afterAll(() => model?.dispose());

  it('shows a page, then the next ones on "Show more", without repeats, until all are shown', async () => {
    await model.setQuery('ext:.txt');
    expect(model.total).toBe(COUNT);
    expect(model.hits).toHaveLength(PAGE_SIZE);
    expect(model.hasMore).toBe(true);
    await model.loadMore();
    expect(model.hits).toHaveLength(PAGE_SIZE * 2);
    await model.loadMore();
    expect(model.hits).toHaveLength(COUNT);
    expect(model.hasMore).toBe(false);
    expect(new Set(model.hits.map(h => h.key)).size).toBe(COUNT);
    expect(model.facets?.ext).toEqual({ '.txt': COUNT });
  });

  it('keeps the pages shown when our own write brings a change into the index', async () => {
    await model.setQuery('ext:.csv');
    await model.setQuery('ext:.txt');
    expect(model.hits).toHaveLength(PAGE_SIZE);
    await model.loadMore();
    expect(model.hits).toHaveLength(PAGE_SIZE * 2);
    await putObject(s3, { bucket, key: 'many/new.txt', body: 'new' });
    connections.notifyChanged({ connection: 'local', bucket, key: 'many/new.txt', type: 'put' });
    await model.whenFresh();
    expect(model.total).toBe(COUNT + 1);
    expect(model.hits).toHaveLength(PAGE_SIZE * 2);
    expect(model.hits[0].key).toBe('many/new.txt');
    // Another query starts again from one page.
    await model.setQuery('ext:.txt AND key:many*');
    expect(model.hits).toHaveLength(PAGE_SIZE);
  });

  it('drops a page still coming when the query changes', async () => {
    await model.setQuery('ext:.txt');
    const more = model.loadMore();
    const newer = model.setQuery('ext:.csv');
    await Promise.all([more, newer]);
    expect(model.hits.map(h => h.key)).toEqual(['other/x.csv']);
    expect(model.total).toBe(1);
    expect(model.hasMore).toBe(false);
    expect(model.loadingMore).toBe(false);
  });
});

describe('SearchModel for credentials refused ListObjectVersions', () => {
  it('builds an index of current objects and says so in its state', async () => {
    // A mock of that one refusal (moto without IAM); src/cli/search-readonly.int.spec.ts has the real one.
    const s3 = testClient();
    const bucket = await createTestBucket(s3, 'searchui-readonly');
    await putValue(s3, { bucket, key: 'data/storms.csv' }, 'year\n1990\n', { meta: { ocean: 'atlantic' } });
    s3.middlewareStack.add(
      (next, context) => async args => {
        if (context.commandName === 'ListObjectVersionsCommand') {
          throw Object.assign(new Error('Access Denied'), { name: 'AccessDenied', $metadata: { httpStatusCode: 403 } });
        }
        return next(args);
      },
      { step: 'initialize', name: 'refuseListObjectVersions' }
    );
    const model = new SearchModel(connectionsOver(s3), trans, { startWorker: () => inProcessSearchWorker() });
    try {
      await model.setTarget({ connection: 'local', bucket, prefix: '' });
      await model.updateIndex();
      const state = model.state;
      expect(state).toMatchObject({ kind: 'ready', objects: 1, currentOnly: true });
      await model.setQuery('user_meta.ocean:atlantic');
      expect(model.hits.map(h => h.key)).toEqual(['data/storms.csv']);
      // The index remembers it: shown again later (another bucket, then back), without a sync.
      await model.setTarget(null);
      await model.setTarget({ connection: 'local', bucket, prefix: '' });
      expect(model.state).toMatchObject({ kind: 'ready', objects: 1, currentOnly: true });
    } finally {
      model.dispose();
      s3.destroy();
    }
  });
});
