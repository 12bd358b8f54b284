/**
 * What a sync records in the index for later searches: whether it holds current objects only
 * (ListObjectVersions refused), on the embedded index and on OpenSearch (osmem-server).
 * @jest-environment-options {"customExportConditions": ["node", "require", "default"]}
 */
import { startOsmem, Osmem } from '../../testing/osmem';
import { EmbeddedSearchIndex } from './embedded';
import { OpenSearchIndex } from './opensearch';
import { nodeOpenSearchTransport } from './opensearch-node';
import { memoryStorage } from './sql';
import { openNodeSqlite } from './sqlite-node';
import type { IndexChanges, SearchIndex } from './types';

jest.setTimeout(60_000);

const sync = (currentOnly: boolean): IndexChanges => ({
  upsertObjects: [],
  deleteObjects: [],
  upsertSnapshots: [],
  deleteSnapshots: [],
  settings: { indexContent: false, currentOnly }
});

/** Record current-only, then a sync with versions; read the flag back from a second instance. */
async function roundTrip(open: () => Promise<SearchIndex>): Promise<(boolean | undefined)[]> {
  const seen: (boolean | undefined)[] = [];
  const writer = await open();
  await writer.apply(sync(true), new Date());
  seen.push((await writer.status()).currentOnly);
  await writer.apply(sync(false), new Date());
  seen.push((await writer.status()).currentOnly);
  await writer.apply(sync(true), new Date());
  await writer.close();
  const reader = await open();
  seen.push((await reader.status()).currentOnly);
  await reader.close();
  return seen;
}

it('the embedded index records whether it holds current objects only', async () => {
  const storage = memoryStorage();
  expect(await roundTrip(() => EmbeddedSearchIndex.open(storage, openNodeSqlite))).toEqual([true, undefined, true]);
});

describe('OpenSearch', () => {
  let osmem: Osmem;
  beforeAll(async () => {
    osmem = await startOsmem();
  });
  afterAll(async () => {
    await osmem?.stop();
  });

  it('records it in the status document', async () => {
    const open = async () => new OpenSearchIndex({ transport: nodeOpenSearchTransport(osmem.url), bucket: 'current-only' });
    expect(await roundTrip(open)).toEqual([true, undefined, true]);
  });
});
