/**
 * Integration tests of the embedded search against the local S3 (moto): objects written by
 * putValue, putObject and boto3 (raw x-amz-meta-helium), snapshots, incremental sync.
 * @jest-environment-options {"customExportConditions": ["node", "require", "default"]}
 */
import { HeadObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { putObject } from '../objects-write';
import { putValue } from '../values/put-value';
import { snapshot } from '../snapshots/snapshot';
import { runPythonJson } from '../../testing/python-interop';
import { createTestBucket, putMany, testClient } from '../../testing/s3';
import { EmbeddedSearchIndex } from './embedded';
import { indexBucket } from './indexer';
import { search } from './search';
import { memoryStorage } from './sql';
import { openNodeSqlite } from './sqlite-node';

/** Count HeadObject requests sent through a client. */
function countHeads(s3: S3Client): { count: number } {
  const counter = { count: 0 };
  s3.middlewareStack.add(
    (next, context) => async args => {
      if (context.commandName === HeadObjectCommand.name) {
        counter.count++;
      }
      return next(args);
    },
    { step: 'initialize', name: 'countHeads' }
  );
  return counter;
}

describe('embedded search against the local S3', () => {
  let s3: S3Client;
  let bucket: string;
  let index: EmbeddedSearchIndex;
  const keys = (hits: { key: string }[]) => hits.map(h => h.key).sort();

  beforeAll(async () => {
    s3 = testClient();
    bucket = await createTestBucket(s3, 'search');
    await putValue(s3, { bucket, key: 'hurdat/storms.csv' }, 'year,name\n1990,Ana\n', {
      meta: { ocean: 'atlantic', decade: 1990, tags: ['storm', 'noaa'] }
    });
    await putValue(
      s3,
      { bucket, key: 'pacific/typhoons.json' },
      { a: 1 },
      { meta: { ocean: 'pacific', decade: 2010, source: { agency: 'JMA' } } }
    );
    await putObject(s3, { bucket, key: 'raw/readme.txt', body: 'hello', userMetadata: { owner: 'data-team' } });
    await runPythonJson('search_fixtures.py', [
      'put',
      bucket,
      JSON.stringify([['boto/atlantic-2000.parquet', 'pq', { user_meta: { ocean: 'atlantic', decade: 2000 }, target: 'parquet' }]])
    ]);
    await putObject(s3, { bucket, key: 'tmp/gone.txt', body: 'x' });
    await snapshot(s3, { bucket, folder: 'hurdat/', message: 'first hurricane season cut', meta: { reviewer: 'ana' } });
    index = await EmbeddedSearchIndex.open(memoryStorage(), openNodeSqlite);
    const result = await indexBucket(s3, { bucket, index });
    expect(result.snapshotsAdded).toBe(1);
  });

  afterAll(async () => {
    await index?.close();
  });

  it('finds objects by field, nested field, range, wildcard and free text', async () => {
    expect(keys((await index.search('user_meta.ocean:atlantic')).hits)).toEqual(['boto/atlantic-2000.parquet', 'hurdat/storms.csv']);
    expect(keys((await index.search('user_meta.source.agency:jma')).hits)).toEqual(['pacific/typhoons.json']);
    expect(keys((await index.search('user_meta.decade:[1995 TO 2010]')).hits)).toEqual([
      'boto/atlantic-2000.parquet',
      'pacific/typhoons.json'
    ]);
    expect(keys((await index.search('user_meta.tags:noaa')).hits)).toEqual(['hurdat/storms.csv']);
    expect(keys((await index.search('key:hurdat\\/* AND type:object')).hits)).toEqual(['hurdat/storms.csv']);
    expect(keys((await index.search('ext:parquet OR ext:.json')).hits)).toEqual(['boto/atlantic-2000.parquet', 'pacific/typhoons.json']);
    expect(keys((await index.search('typhoons')).hits)).toEqual(['pacific/typhoons.json']);
    expect(keys((await index.search('data-team')).hits)).toEqual(['raw/readme.txt']);
    expect(keys((await index.search('size:>=100 AND type:object')).hits)).toEqual([]);
    expect(keys((await index.search('_exists_:user_meta.decade AND NOT user_meta.ocean:pacific')).hits)).toEqual([
      'boto/atlantic-2000.parquet',
      'hurdat/storms.csv'
    ]);
  });

  it('returns T4-shaped hits, newest first, scoped by prefix, with facets', async () => {
    const { hits, facets } = await search(index, 'type:object', { facets: true });
    const times = hits.map(h => h.time);
    expect([...times].sort().reverse()).toEqual(times);
    const storms = hits.find(h => h.key === 'hurdat/storms.csv')!;
    expect(storms).toMatchObject({ type: 'object', meta: { ocean: 'atlantic' }, ext: '.csv' });
    expect(storms.version_id).toBeTruthy();
    expect(facets!.user_meta.ocean).toBe(3);
    expect(facets!.ext['.txt']).toBe(2);
    expect(keys((await index.search('user_meta.ocean:*', { prefix: 'boto/' })).hits)).toEqual(['boto/atlantic-2000.parquet']);
  });

  it('pages with offset: the pages together are the whole result, in order, without overlap', async () => {
    const all = await index.search('*', { limit: 1000 });
    expect(all.hits.length).toBeGreaterThanOrEqual(5);
    const pages: string[] = [];
    for (let offset = 0; offset < all.total; offset += 2) {
      const page = await index.search('*', { limit: 2, offset });
      expect(page.total).toBe(all.total);
      pages.push(...page.hits.map(h => `${h.type}:${h.key}`));
    }
    expect(pages).toEqual(all.hits.map(h => `${h.type}:${h.key}`));
    expect((await index.search('*', { limit: 2, offset: all.total })).hits).toEqual([]);
  });

  it('finds snapshots by message and package metadata', async () => {
    const { hits } = await index.search('message:hurricane');
    expect(hits).toHaveLength(1);
    expect(hits[0]).toMatchObject({ type: 'snapshot', meta: { reviewer: 'ana' } });
    expect(hits[0].top_hash).toMatch(/^[0-9a-f]{64}$/);
    expect((await index.search('type:snapshot AND user_meta.reviewer:ana')).hits).toHaveLength(1);
  });

  it('refuses a malformed query with where and what', async () => {
    await expect(index.search('user_meta.ocean:(atlantic')).rejects.toThrow(/syntax error at column 26/);
  });

  it('refuses an operator alone (AND, OR, NOT) as a syntax error that says what to do', async () => {
    for (const op of ['AND', 'OR', 'NOT', '&&', ' || ']) {
      await expect(index.search(op)).rejects.toMatchObject({
        kind: 'InvalidInput',
        code: 'QuerySyntax',
        message: expect.stringMatching(/syntax error at column 1: .* alone is an operator/),
        hint: expect.stringMatching(/quote it/)
      });
    }
    // The word itself, quoted, is searched as a word.
    await expect(index.search('"AND"')).resolves.toMatchObject({ total: 0 });
  });

  it('takes no SQL from the query', async () => {
    const { hits } = await index.search(`key:"'; DROP TABLE docs; --"`);
    expect(hits).toEqual([]);
    expect((await index.status()).objects).toBeGreaterThan(0);
  });

  it('re-syncs incrementally: delete markers recorded, vanished keys removed, nothing HEADed twice', async () => {
    const heads = countHeads(s3);
    const { deleteObject } = await import('../objects-write');
    await deleteObject(s3, { bucket, key: 'tmp/gone.txt' });
    const result = await indexBucket(s3, { bucket, index });
    expect(heads.count).toBe(0);
    expect(result.updated).toBe(1);
    expect(keys((await index.search('gone')).hits)).toEqual([]);
    expect(keys((await index.search('gone AND delete_marker:true')).hits)).toEqual(['tmp/gone.txt']);
  });
});

describe('sync edge cases', () => {
  it('indexes a bucket without versioning, noticing overwrites by ETag and time', async () => {
    const s3 = testClient();
    const bucket = await createTestBucket(s3, 'search-unversioned', false);
    await putValue(s3, { bucket, key: 'a.json' }, { v: 1 }, { meta: { stage: 'draft' } });
    const index = await EmbeddedSearchIndex.open(memoryStorage(), openNodeSqlite);
    try {
      await indexBucket(s3, { bucket, index });
      expect((await index.search('user_meta.stage:draft')).hits[0]).toMatchObject({ key: 'a.json', version_id: 'null' });
      await putValue(s3, { bucket, key: 'a.json' }, { v: 2 }, { meta: { stage: 'final' } });
      const again = await indexBucket(s3, { bucket, index });
      expect(again).toMatchObject({ headed: 1, updated: 1 });
      expect((await index.search('user_meta.stage:final')).total).toBe(1);
      expect((await index.search('user_meta.stage:draft')).total).toBe(0);
    } finally {
      await index.close();
    }
  });

  it('says a missing bucket is missing and leaves the index as it was', async () => {
    const s3 = testClient();
    const index = await EmbeddedSearchIndex.open(memoryStorage(), openNodeSqlite);
    try {
      await expect(indexBucket(s3, { bucket: 'helium-no-such-bucket-for-search', index })).rejects.toMatchObject({ kind: 'NotFound' });
      expect(await index.status()).toEqual({ syncedAt: null, objects: 0, snapshots: 0 });
    } finally {
      await index.close();
    }
  });
});

describe('incremental sync of a larger bucket', () => {
  it('after 1% of 2,000 objects changed, HEADs only the changed ones; a failed sync keeps the old index', async () => {
    const s3 = testClient();
    const bucket = await createTestBucket(s3, 'search-big');
    const all = Array.from({ length: 2000 }, (_, i) => `data/part-${String(i).padStart(5, '0')}.csv`);
    await putMany(s3, bucket, all, 32);
    const storage = memoryStorage();
    const index = await EmbeddedSearchIndex.open(storage, openNodeSqlite);
    try {
      const heads = countHeads(s3);
      const started = Date.now();
      await indexBucket(s3, { bucket, index, snapshots: false });
      const buildMs = Date.now() - started;
      expect(heads.count).toBe(2000);
      const size = (await storage.load())!.byteLength;
      const changed = all.filter((_, i) => i % 100 === 7);
      await mapPut(s3, bucket, changed);
      heads.count = 0;
      const resyncStarted = Date.now();
      const result = await indexBucket(s3, { bucket, index, snapshots: false });
      const resyncMs = Date.now() - resyncStarted;
      expect(heads.count).toBe(changed.length);
      expect(result).toMatchObject({ listed: 2000, headed: 20, updated: 20, added: 0 });
      expect((await index.search('user_meta.changed:yes')).total).toBe(20);
      console.log(`search measure: 2,000 objects indexed in ${buildMs} ms, index ${size} bytes; re-sync after 20 changes ${resyncMs} ms`);

      // A sync that fails midway (cancelled) changes nothing.
      const before = await index.status();
      await mapPut(s3, bucket, all.slice(0, 50));
      const controller = new AbortController();
      const failing = indexBucket(s3, {
        bucket,
        index,
        snapshots: false,
        signal: controller.signal,
        onProgress: p => p.phase === 'reading metadata' && p.headed >= 5 && controller.abort()
      });
      await expect(failing).rejects.toThrow();
      expect(await index.status()).toEqual(before);
      expect((await index.search('user_meta.changed:yes')).total).toBe(20);
    } finally {
      await index.close();
    }
  }, 120_000);
});

/** Write new versions of keys with user_meta {changed: 'yes'}. */
async function mapPut(s3: S3Client, bucket: string, keys: string[]): Promise<void> {
  for (const key of keys) {
    await putValue(s3, { bucket, key }, 'changed\n', { meta: { changed: 'yes' }, format: 'text' });
  }
}
