/**
 * SearchModel against the local S3 (moto), with the search worker's handler in-process: never
 * built → Update index (progress, then ready) → a query, facets, a chip narrowing it, the folder
 * scope, a malformed query, our own write making the index stale, an incremental update finding
 * the new object, and a cancelled update leaving the index as it was.
 * @jest-environment-options {"customExportConditions": ["node", "require", "default"]}
 */
import type { S3Client } from '@aws-sdk/client-s3';
import { Signal } from '@lumino/signaling';
import { putObject } from '../service/objects-write';
import { putValue } from '../service/values/put-value';
import { createTestBucket, testClient } from '../testing/s3';
import type { IHeliumConnections, IObjectChange } from '../tokens';
import { inProcessSearchWorker } from './search-inprocess-worker';
import { IndexState, SearchModel } from './search';

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
  const keys = () => model.hits.map(h => h.key).sort();

  beforeAll(async () => {
    s3 = testClient();
    bucket = await createTestBucket(s3, 'searchui');
    await putValue(s3, { bucket, key: 'hurdat/storms.csv' }, 'year,name\n1990,Ana\n', { meta: { ocean: 'atlantic', decade: 1990 } });
    await putValue(s3, { bucket, key: 'pacific/typhoons.csv' }, 'year\n2010\n', { meta: { ocean: 'pacific' } });
    await putObject(s3, { bucket, key: 'hurdat/readme.txt', body: 'hello' });
    connections = connectionsOver(s3);
    model = new SearchModel(connections, { startWorker: () => inProcessSearchWorker() });
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

    await model.narrow('user_meta', 'decade');
    expect(model.query).toBe('(ext:.csv) AND _exists_:user_meta.decade');
    expect(keys()).toEqual(['hurdat/storms.csv']);
    expect(model.hits[0].meta).toEqual({ ocean: 'atlantic', decade: 1990 });
  });

  it('searches only the current folder when scoped to it', async () => {
    await model.setQuery('');
    await model.setTarget({ connection: 'local', bucket, prefix: 'hurdat/' });
    expect(keys()).toEqual(['hurdat/readme.txt', 'hurdat/storms.csv', 'pacific/typhoons.csv']);
    await model.setScope('folder');
    expect(keys()).toEqual(['hurdat/readme.txt', 'hurdat/storms.csv']);
    await model.setScope('bucket');
  });

  it('says what is wrong with a malformed query and recovers when it is fixed', async () => {
    await model.setQuery('user_meta.ocean:(');
    expect(model.queryError).toBeTruthy();
    expect(model.hits).toEqual([]);
    await model.setQuery('user_meta.ocean:pacific');
    expect(model.queryError).toBeNull();
    expect(keys()).toEqual(['pacific/typhoons.csv']);
  });

  it('calls the index stale after our own write, and an update finds the new object', async () => {
    await putValue(s3, { bucket, key: 'indian/cyclones.csv' }, 'year\n2020\n', { meta: { ocean: 'indian' } });
    connections.notifyChanged({ connection: 'local', bucket, key: 'indian/cyclones.csv', type: 'put' });
    expect(model.state.kind === 'ready' && model.state.stale).toBe(true);
    await model.setQuery('user_meta.ocean:indian');
    expect(keys()).toEqual([]);
    await model.updateIndex();
    expect(model.state.kind === 'ready' && [model.state.objects, model.state.stale]).toEqual([4, false]);
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
});
