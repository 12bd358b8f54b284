/**
 * The search model on a connection whose server config names an OpenSearch cluster: it searches
 * the cluster (here osmem-server, reached directly in place of the server's search proxy) instead
 * of the worker's SQLite: Update index fills the cluster, queries and facets come from it, and our
 * own writes reach it at once.
 * @jest-environment-options {"customExportConditions": ["node", "require", "default"]}
 */
import { S3Client } from '@aws-sdk/client-s3';
import { Signal } from '@lumino/signaling';
import { putValue } from '../service/values/put-value';
import { OpenSearchIndex } from '../service/search/opensearch';
import { nodeOpenSearchTransport } from '../service/search/opensearch-node';
import { startOsmem, Osmem } from '../testing/osmem';
import { createTestBucket, testClient } from '../testing/s3';
import type { IConnectionInfo, IHeliumConnections, IObjectChange } from '../tokens';
import { inProcessSearchWorker } from '../testing/search-inprocess-worker';
import { SearchModel } from './search';
import { testTrans as trans } from '../testing/translation';

jest.mock('./search-worker', () => ({ startSearchWorker: () => undefined }));
jest.setTimeout(60_000);

let s3: S3Client;
let bucket: string;
let osmem: Osmem;
let model: SearchModel;
let connections: IHeliumConnections;

beforeAll(async () => {
  s3 = testClient();
  bucket = await createTestBucket(s3, 'searchos');
  await putValue(s3, { bucket, key: 'hurdat/storms.csv' }, 'year\n1990\n', { meta: { ocean: 'atlantic', decade: 1990 } });
  await putValue(s3, { bucket, key: 'pacific/typhoons.csv' }, 'year\n2010\n', { meta: { ocean: 'pacific' } });
  osmem = await startOsmem();
  const changed = new Signal<object, IObjectChange>({});
  const info: IConnectionInfo = {
    name: 'os',
    region: 'us-east-1',
    endpoint: 'test',
    buckets: [],
    path_style: true,
    search: { backend: 'opensearch', index_prefix: 'team-' }
  };
  connections = {
    list: async () => [info],
    client: async () => s3,
    objectUrl: () => '',
    searchTransport: () => nodeOpenSearchTransport(osmem.url),
    objectsChanged: changed,
    notifyChanged: (change: IObjectChange) => changed.emit(change)
  } as unknown as IHeliumConnections;
  model = new SearchModel(connections, trans, { startWorker: () => inProcessSearchWorker() });
  await connections.list(); // the model learns the backends from it
});

afterAll(async () => {
  model?.dispose();
  await osmem?.stop();
});

it('builds, searches and keeps fresh the cluster index, not the worker one', async () => {
  await model.setTarget({ connection: 'os', bucket, prefix: '' });
  expect(model.state.kind).toBe('never');
  await model.updateIndex();
  expect(model.state).toMatchObject({ kind: 'ready', objects: 2 });
  expect(model.persisted).toBe(true);
  await model.setQuery('ext:csv');
  expect(model.hits.map(h => h.key).sort()).toEqual(['hurdat/storms.csv', 'pacific/typhoons.csv']);
  expect(model.facets).toEqual({
    ext: { '.csv': 2 },
    user_meta: { ocean: 2, decade: 1 },
    folder: { 'hurdat/': 1, 'pacific/': 1 },
    user_meta_values: { ocean: { atlantic: 1, pacific: 1 }, decade: { '1990': 1 } }
  });

  // The documents are in the cluster, under the connection's index prefix, in Quilt's layout.
  const direct = new OpenSearchIndex({ transport: nodeOpenSearchTransport(osmem.url), bucket, indexPrefix: 'team-' });
  expect((await direct.search('user_meta.ocean:pacific')).hits.map(h => h.key)).toEqual(['pacific/typhoons.csv']);

  await putValue(s3, { bucket, key: 'indian/cyclones.csv' }, 'year\n2020\n', { meta: { ocean: 'indian' } });
  connections.notifyChanged({ connection: 'os', bucket, key: 'indian/cyclones.csv', type: 'put' });
  await model.whenFresh();
  expect((await direct.search('user_meta.ocean:indian')).hits.map(h => h.key)).toEqual(['indian/cyclones.csv']);
});

it('a search started before the connections list came moves to the cluster once it comes', async () => {
  let answer: (list: IConnectionInfo[]) => void = () => undefined;
  const late = new Promise<IConnectionInfo[]>(resolve => (answer = resolve));
  const slow = { ...connections, list: () => late } as IHeliumConnections;
  const early = new SearchModel(slow, trans, { startWorker: () => inProcessSearchWorker() });
  try {
    await early.setTarget({ connection: 'os', bucket, prefix: '' });
    // Not known yet: the worker's (empty) embedded index answers.
    expect(early.state.kind).toBe('never');
    const [info] = await connections.list();
    answer([info]);
    await late;
    // The cluster, built by the test above, answers now.
    await waitFor(() => early.state.kind === 'ready');
    expect(early.state).toMatchObject({ kind: 'ready', objects: 3 });
  } finally {
    early.dispose();
  }
});

/** Resolves once the condition holds (each model change is checked). */
async function waitFor(condition: () => boolean): Promise<void> {
  for (let i = 0; i < 200 && !condition(); i++) {
    await new Promise(resolve => setTimeout(resolve, 25));
  }
  expect(condition()).toBe(true);
}
