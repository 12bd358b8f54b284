/**
 * SearchModel with contents (`updateIndex({ indexContent: true })`) against the local S3 (moto),
 * the search worker's handler in-process: the page reads the first ≤ 100 KB of text objects, the
 * worker stores them and remembers the setting, and our own writes get their content too.
 * @jest-environment-options {"customExportConditions": ["node", "require", "default"]}
 */
import { S3Client } from '@aws-sdk/client-s3';
import { Signal } from '@lumino/signaling';
import { putObject } from '../service/objects-write';
import { createTestBucket, testClient } from '../testing/s3';
import type { IHeliumConnections, IObjectChange } from '../tokens';
import { inProcessSearchWorker } from '../testing/search-inprocess-worker';
import { SearchModel } from './search';
import { testTrans as trans } from '../testing/translation';

// The worker starter uses import.meta (for the bundler), which jest cannot compile.
jest.mock('./search-worker', () => ({ startSearchWorker: () => undefined }));

describe('SearchModel indexing contents', () => {
  let s3: S3Client;
  let bucket: string;
  let model: SearchModel;
  const changed = new Signal<object, IObjectChange>({});
  const log: string[] = [];
  const keys = () => model.hits.map(h => h.key).sort();

  beforeAll(async () => {
    s3 = testClient();
    bucket = await createTestBucket(s3, 'searchui-content');
    await putObject(s3, { bucket, key: 'notes/field.md', body: 'The albatross migration.\n' });
    await putObject(s3, { bucket, key: 'data/blob.bin', body: 'albatross' }); // not text-like: never read
    s3.middlewareStack.add(
      (next, context) => async args => {
        log.push(`${context.commandName} ${(args.input as { Key?: string }).Key ?? ''}`);
        return next(args);
      },
      { step: 'initialize', name: 'log' }
    );
    const connections = { list: async () => [], client: async () => s3, objectUrl: () => '', objectsChanged: changed };
    const worker = inProcessSearchWorker();
    model = new SearchModel(connections as unknown as IHeliumConnections, trans, { startWorker: () => worker });
    await model.setTarget({ connection: 'local', bucket, prefix: '' });
  });

  afterAll(() => model?.dispose());

  it('finds words inside text files after an update with indexContent', async () => {
    await model.updateIndex({ indexContent: true });
    expect(model.state.kind).toBe('ready');
    expect(log.filter(l => l.startsWith('GetObject'))).toEqual(['GetObjectCommand notes/field.md']);
    await model.setQuery('content:albatross');
    expect(keys()).toEqual(['notes/field.md']);
  });

  it('reads the content of our own writes (one HEAD, one GET), as the index remembers', async () => {
    await putObject(s3, { bucket, key: 'notes/later.txt', body: 'petrel' });
    log.length = 0;
    changed.emit({ connection: 'local', bucket, key: 'notes/later.txt', type: 'put' });
    await model.whenFresh();
    expect(log.sort()).toEqual(['GetObjectCommand notes/later.txt', 'HeadObjectCommand notes/later.txt']);
    await model.setQuery('petrel');
    expect(keys()).toEqual(['notes/later.txt']);
  });

  it('keeps reading contents on a plain update, only of what changed', async () => {
    await putObject(s3, { bucket, key: 'notes/field.md', body: 'The cormorant.\n' });
    log.length = 0;
    await model.updateIndex();
    expect(log.filter(l => l.startsWith('GetObject'))).toEqual(['GetObjectCommand notes/field.md']);
    await model.setQuery('cormorant');
    expect(keys()).toEqual(['notes/field.md']);
  });
});
