/**
 * Content queries give the same hits from the embedded index and from OpenSearch (osmem-server,
 * started here), both filled by a sync with `indexContent` from the local S3: Quilt's `content`
 * field on one side, the FTS table's `content` column on the other.
 * @jest-environment-options {"customExportConditions": ["node", "require", "default"]}
 */
import { GetObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { startOsmem, Osmem } from '../../testing/osmem';
import { createTestBucket, testClient } from '../../testing/s3';
import { putObject } from '../objects-write';
import { putValue } from '../values/put-value';
import { EmbeddedSearchIndex } from './embedded';
import { indexBucket } from './indexer';
import { OpenSearchIndex } from './opensearch';
import { nodeOpenSearchTransport } from './opensearch-node';
import { compareBackends, identities } from '../../testing/search-parity';
import { memoryStorage } from './sql';
import { openNodeSqlite } from './sqlite-node';

jest.setTimeout(120_000);

/** Content queries both backends must answer alike. */
const CONTENT_QUERIES = [
  'albatross',
  'content:albatross',
  'content:"albatross migration"',
  'content:albat*',
  'content:hortensia AND user_meta.ocean:atlantic',
  'content:albatross OR content:narwhal',
  'NOT content:albatross AND type:object',
  '_exists_:content',
  'NOT _exists_:content AND type:object',
  'narwhal',
  'quokka',
  'gnu',
  'kraken census',
  'outputonlyword',
  'readme',
  'content:readme'
];

let s3: S3Client;
let bucket: string;
let embedded: EmbeddedSearchIndex;
let osmem: Osmem;
let index: OpenSearchIndex;

beforeAll(async () => {
  s3 = testClient();
  bucket = await createTestBucket(s3, 'parity-content');
  await putObject(s3, { bucket, key: 'notes/readme.md', body: '# Field notes\nThe albatross migration was counted twice.\n' });
  await putValue(s3, { bucket, key: 'tables/storms.csv' }, 'year,name\n1990,Hortensia\n', { format: 'text', meta: { ocean: 'atlantic' } });
  await putObject(s3, { bucket, key: 'notes/plain', body: 'narwhal sightings', contentType: 'text/plain' });
  await putObject(s3, { bucket, key: 'bin/blob.txt', body: new Uint8Array([0x67, 0x6e, 0x75, 0, 1, 2, 3]) });
  await putObject(s3, { bucket, key: 'bin/image.png', body: 'quokka' });
  const notebook = {
    cells: [
      { cell_type: 'markdown', source: ['# Kraken census\n'], metadata: {} },
      { cell_type: 'code', source: 'print(1)', outputs: [{ output_type: 'stream', text: 'outputonlyword' }], metadata: {} }
    ],
    metadata: {},
    nbformat: 4,
    nbformat_minor: 5
  };
  await putObject(s3, { bucket, key: 'nb/analysis.ipynb', body: JSON.stringify(notebook) });
  embedded = await EmbeddedSearchIndex.open(memoryStorage(), openNodeSqlite);
  await indexBucket(s3, { bucket, index: embedded, indexContent: true });
  osmem = await startOsmem();
  index = new OpenSearchIndex({ transport: nodeOpenSearchTransport(osmem.url), bucket });
  const result = await indexBucket(s3, { bucket, index, indexContent: true });
  expect(result).toMatchObject({ indexContent: true, contentRead: 4, contentSkipped: 1 });
});

afterAll(async () => {
  await embedded?.close();
  await osmem?.stop();
});

describe('content queries on embedded and OpenSearch (osmem-server)', () => {
  it('answer alike, and find what is inside the files', async () => {
    const { differences, found } = await compareBackends(embedded, index, CONTENT_QUERIES);
    expect(differences).toEqual([]);
    expect(found).toBeGreaterThan(12);
    expect(identities(await index.search('content:albatross'))).toEqual(['object:notes/readme.md']);
    expect(identities(await index.search('kraken census'))).toEqual(['object:nb/analysis.ipynb']);
  });

  it('return hits without the content, equal to the embedded ones', async () => {
    const [os] = (await index.search('content:hortensia')).hits;
    const [local] = (await embedded.search('content:hortensia')).hits;
    expect(os).toEqual(local);
    expect(os).not.toHaveProperty('content');
  });

  it('remember the setting in the cluster: a re-sync reads only the changed text object', async () => {
    expect((await index.status()).indexContent).toBe(true);
    await putObject(s3, { bucket, key: 'notes/readme.md', body: 'The petrel replaced the albatross.\n' });
    let gets = 0;
    s3.middlewareStack.add(
      (next, context) => async args => {
        if (context.commandName === GetObjectCommand.name) gets++;
        return next(args);
      },
      { step: 'initialize', name: 'countGets' }
    );
    for (const target of [embedded, index]) {
      expect(await indexBucket(s3, { bucket, index: target })).toMatchObject({ headed: 1, contentRead: 1 });
    }
    expect(gets).toBe(2);
    const { differences } = await compareBackends(embedded, index, ['petrel', 'content:petrel', 'migration', ...CONTENT_QUERIES]);
    expect(differences).toEqual([]);
    expect(identities(await index.search('petrel'))).toEqual(['object:notes/readme.md']);
    expect(identities(await index.search('migration'))).toEqual([]);
  });
});
