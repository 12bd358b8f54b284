/**
 * The same golden queries give the same hits from the embedded index and from OpenSearch. The
 * OpenSearch side is osmem-server (an in-memory OpenSearch-compatible server from the PyPI wheel
 * `osmem-server`, started here), and a real cluster when HELIUM_OPENSEARCH_URL is set. Both are
 * filled by the same incremental sync from the local S3.
 * @jest-environment-options {"customExportConditions": ["node", "require", "default"]}
 */
import { createServer, Server } from 'http';
import type { AddressInfo } from 'net';
import type { S3Client } from '@aws-sdk/client-s3';
import { startOsmem, Osmem } from '../../testing/osmem';
import { testClient } from '../../testing/s3';
import { EmbeddedSearchIndex } from './embedded';
import { indexBucket } from './indexer';
import { OpenSearchIndex } from './opensearch';
import { nodeOpenSearchTransport } from './opensearch-node';
import type { OpenSearchTransport } from './opensearch-transport';
import { narrowQuery } from '../../models/search-text';
import { compareBackends, facetBucket, goldenQueries, identities, parityBucket, ParityBucket } from '../../testing/search-parity';
import { memoryStorage } from './sql';
import { openNodeSqlite } from './sqlite-node';

jest.setTimeout(120_000);

let s3: S3Client;
let fixture: ParityBucket;
let embedded: EmbeddedSearchIndex;

beforeAll(async () => {
  s3 = testClient();
  fixture = await parityBucket(s3);
  embedded = await EmbeddedSearchIndex.open(memoryStorage(), openNodeSqlite);
  await indexBucket(s3, { bucket: fixture.bucket, index: embedded });
});

afterAll(async () => {
  await embedded?.close();
});

describe('embedded and OpenSearch (osmem-server) give the same hits', () => {
  let osmem: Osmem;
  let index: OpenSearchIndex;

  beforeAll(async () => {
    osmem = await startOsmem();
    index = new OpenSearchIndex({ transport: nodeOpenSearchTransport(osmem.url), bucket: fixture.bucket, pageSize: 3 });
    const result = await indexBucket(s3, { bucket: fixture.bucket, index });
    expect(result).toMatchObject({ snapshotsAdded: 1, listed: 8 });
  });

  afterAll(async () => {
    await osmem?.stop();
  });

  it('answers every golden query alike', async () => {
    const { differences, found } = await compareBackends(embedded, index, goldenQueries(fixture));
    expect(differences).toEqual([]);
    expect(found).toBeGreaterThan(40);
  });

  it('finds what each writer wrote, in T4-shaped hits, newest first', async () => {
    expect(identities(await index.search('user_meta.ocean:atlantic'))).toEqual([
      'object:boto/atlantic-2000.parquet',
      'object:hurdat/storms.csv'
    ]);
    expect(identities(await index.search('user_meta.source.agency:imd'))).toEqual(['object:cli/indian-2020.csv']);
    const { hits } = await index.search('*');
    expect([...hits.map(h => h.time)].sort().reverse()).toEqual(hits.map(h => h.time));
    const storms = hits.find(h => h.key === 'hurdat/storms.csv')!;
    const embeddedStorms = (await embedded.search('key:"hurdat/storms.csv"')).hits[0];
    expect(storms).toEqual(embeddedStorms);
    const snap = hits.find(h => h.type === 'snapshot')!;
    expect(snap).toMatchObject({ top_hash: fixture.topHash, message: 'first hurricane season cut', meta: { reviewer: 'ana', year: 2024 } });
  });

  it('scopes by prefix and counts facets alike', async () => {
    for (const prefix of ['boto/', 'hurdat/', 'nothing/']) {
      expect(identities(await index.search('*', { prefix }))).toEqual(identities(await embedded.search('*', { prefix })));
    }
    const [os, local] = [await index.search('*', { facets: true }), await embedded.search('*', { facets: true })];
    expect(os.total).toBe(local.total);
    expect(os.facets).toEqual(local.facets);
    expect(os.facets!.user_meta.ocean).toBe(4);
    expect(local.facets!.user_meta_values.ocean).toEqual({ Atlantic: 1, atlantic: 1, indian: 1, pacific: 1 });
    expect(local.facets!.user_meta_values.tags).toEqual({ noaa: 1, storm: 1 });
    expect(local.facets!.folder).toMatchObject({ 'hurdat/': 1, 'cli/': 1, 'boto/': 1 });
  });

  it('counts folders and metadata values alike, and a folder chip narrows to exactly its objects', async () => {
    const bucket = await facetBucket(s3);
    const local = await EmbeddedSearchIndex.open(memoryStorage(), openNodeSqlite);
    const os = new OpenSearchIndex({ transport: nodeOpenSearchTransport(osmem.url), bucket });
    try {
      for (const target of [local, os]) await indexBucket(s3, { bucket, index: target });
      const facets = async (query: string, prefix?: string) => {
        const [a, b] = [await local.search(query, { facets: true, prefix }), await os.search(query, { facets: true, prefix })];
        expect(b.facets).toEqual(a.facets);
        return a.facets!;
      };
      const all = await facets('*');
      expect(all.folder).toEqual({ 'a/': 3, 'my data (1)/': 2, '': 1, 'c/': 1 });
      expect(Object.keys(all.folder)).toEqual(['a/', 'my data (1)/', '', 'c/']);
      expect(all.user_meta_values).toEqual({
        ocean: { atlantic: 2, indian: 2, Atlantic: 1, pacific: 1 },
        decade: { '1990': 2, '2000': 2 },
        ok: { false: 1, true: 1 },
        ratio: { '0.1': 1, '4.5': 1 },
        tags: { storm: 2, noaa: 1 }
      });
      expect(all.user_meta).toMatchObject({ ocean: 6, source: 1, note: 1 });
      expect((await facets('*', 'a/')).folder).toEqual({ '': 2, 'a/b/': 1 });
      expect((await facets('user_meta.ocean:indian', 'my data (1)/')).folder).toEqual({ '': 1, 'my data (1)/sub/': 1 });
      expect((await facets('ext:txt AND user_meta.decade:1990')).user_meta_values.ocean).toEqual({ Atlantic: 1, atlantic: 1 });
      // The chips' clauses find exactly the folder's objects (and those directly in the scope), on both.
      const cases: [string, string, string[]][] = [
        ['my data (1)/', '', ['object:my data (1)/sub/z.txt', 'object:my data (1)/x "y".txt']],
        ['a/b/', 'a/', ['object:a/b/three.txt']],
        ['', 'a/', ['object:a/one.txt', 'object:a/two.txt']],
        ['', '', ['object:top.txt']]
      ];
      for (const [folder, prefix, keys] of cases) {
        const query = narrowQuery('*', { facet: 'folder', value: folder }, prefix);
        expect(identities(await local.search(query, { prefix }))).toEqual(keys);
        expect(identities(await os.search(query, { prefix }))).toEqual(keys);
      }
      // Value chips find their objects on both (a string value matches regardless of case, as
      // `user_meta.<field>:` always has; numbers and booleans by their text).
      const values: [string, string, string[]][] = [
        ['ocean', 'Atlantic', ['object:a/one.txt', 'object:a/two.txt', 'object:top.txt']],
        ['ok', 'true', ['object:top.txt']],
        ['ok', 'false', ['object:a/two.txt']],
        ['decade', '2000', ['object:a/b/three.txt', 'object:my data (1)/sub/z.txt']],
        ['ratio', '0.1', ['object:a/one.txt']],
        ['tags', 'noaa', ['object:a/one.txt']]
      ];
      for (const [field, value, keys] of values) {
        const query = narrowQuery('', { facet: 'user_meta_values', field, value });
        expect([query, identities(await local.search(query))]).toEqual([query, keys]);
        expect([query, identities(await os.search(query))]).toEqual([query, keys]);
      }
    } finally {
      await local.close();
    }
  });

  it('pages a query alike: offset pages join into the whole list, in the same order on both', async () => {
    const order = (r: { hits: { type: string; key: string; top_hash?: string }[] }) =>
      r.hits.map(h => `${h.type}:${h.key}@${h.top_hash ?? ''}`);
    for (const backend of [index, embedded]) {
      const whole = order(await backend.search('*', { limit: 100 }));
      expect(whole.length).toBeGreaterThan(5);
      const pages: string[] = [];
      for (let offset = 0; offset < whole.length; offset += 3) {
        pages.push(...order(await backend.search('*', { limit: 3, offset })));
      }
      expect(pages).toEqual(whole);
    }
    expect(order(await index.search('*'))).toEqual(order(await embedded.search('*')));
    await expect(index.search('*', { offset: 9_990, limit: 20 })).rejects.toThrow(/first 10,000 hits/);
  });

  it('re-syncs incrementally and reports its status', async () => {
    const again = await indexBucket(s3, { bucket: fixture.bucket, index });
    expect(again).toMatchObject({ headed: 0, added: 0, updated: 0, removed: 0, snapshotsAdded: 0 });
    const status = await index.status();
    expect(status).toMatchObject({ objects: 8, snapshots: 1 });
    expect(status.syncedAt).toEqual(again.syncedAt);
  });

  it("after changes, replaces a key's document and records a delete marker, on both alike", async () => {
    const { putObject, deleteObject } = await import('../objects-write');
    await putObject(s3, { bucket: fixture.bucket, key: 'raw/readme.txt', body: 'hello again', userMetadata: { owner: 'newteam' } });
    await deleteObject(s3, { bucket: fixture.bucket, key: 'pacific/typhoons.json' });
    for (const target of [embedded, index]) {
      expect(await indexBucket(s3, { bucket: fixture.bucket, index: target })).toMatchObject({ headed: 1, updated: 2 });
    }
    const queries = ['*', 'datateam', 'newteam', 'typhoons', 'delete_marker:true', ...goldenQueries(fixture)];
    const { differences } = await compareBackends(embedded, index, queries);
    expect(differences).toEqual([]);
    expect(identities(await index.search('newteam'))).toEqual(['object:raw/readme.txt']);
    expect(identities(await index.search('datateam'))).toEqual([]);
    expect(identities(await index.search('delete_marker:true'))).toEqual(['object:pacific/typhoons.json', 'object:tmp/gone.txt']);
    expect((await index.status()).objects).toBe(8);
  });

  it('refuses a malformed query with where and what, before any request', async () => {
    let requests = 0;
    const counting: OpenSearchTransport = {
      description: osmem.url,
      request: (...args) => {
        requests++;
        return nodeOpenSearchTransport(osmem.url).request(...args);
      }
    };
    const idx = new OpenSearchIndex({ transport: counting, bucket: fixture.bucket });
    await expect(idx.search('user_meta.ocean:(atlantic')).rejects.toMatchObject({
      kind: 'InvalidInput',
      message: expect.stringMatching(/syntax error at column 26/)
    });
    await expect(idx.search('colour:red')).rejects.toMatchObject({
      kind: 'InvalidInput',
      message: expect.stringMatching(/Unknown search field "colour" at column 1/)
    });
    expect(requests).toBe(0);
  });
});

describe('OpenSearch errors', () => {
  let server: Server;
  let status = 401;

  beforeAll(async () => {
    // A cluster that refuses (osmem has no security plugin, so this one answers as a secured one would).
    server = createServer((req, res) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: { type: 'security_exception', reason: `no permissions for [indices:data/read/search]` }, status }));
    });
    await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  });

  afterAll(() => new Promise<void>(resolve => server.close(() => resolve())));

  const at = () => `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  it('says a cluster that is down cannot be reached', async () => {
    const closed = createServer();
    await new Promise<void>(resolve => closed.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(closed.address() as AddressInfo).port}`;
    await new Promise<void>(resolve => closed.close(() => resolve()));
    const index = new OpenSearchIndex({ transport: nodeOpenSearchTransport(url), bucket: 'b' });
    await expect(index.search('x')).rejects.toMatchObject({
      kind: 'Network',
      message: expect.stringContaining(`Cannot reach the OpenSearch cluster at ${url}`)
    });
  });

  it('says a 401 needs credentials and a 403 needs access, without the password', async () => {
    const index = new OpenSearchIndex({ transport: nodeOpenSearchTransport(at().replace('//', '//ana:s3cret@')), bucket: 'b' });
    status = 401;
    const unauthorized = index.search('x');
    await expect(unauthorized).rejects.toMatchObject({
      kind: 'Credentials',
      message: expect.stringMatching(/refused the request while searching s3:\/\/b \(401/)
    });
    await expect(unauthorized).rejects.not.toThrow(/s3cret/);
    status = 403;
    await expect(index.status()).rejects.toMatchObject({ kind: 'AccessDenied', message: expect.stringMatching(/403: no permissions for/) });
  });
});

const realCluster = process.env.HELIUM_OPENSEARCH_URL;
(realCluster ? describe : describe.skip)('a real cluster (skipped unless HELIUM_OPENSEARCH_URL is set)', () => {
  it('answers every golden query as the embedded index does', async () => {
    const prefix = `helium-test-${Date.now().toString(36)}-`;
    // The cluster's credentials are the machine's (the local S3's are fake).
    const { defaultProvider } = await import('@aws-sdk/credential-provider-node');
    const transport = nodeOpenSearchTransport(
      realCluster!,
      process.env.HELIUM_OPENSEARCH_SIGV4 ? { sigv4: { credentials: defaultProvider() } } : {}
    );
    const index = new OpenSearchIndex({ transport, bucket: fixture.bucket, indexPrefix: prefix });
    try {
      await indexBucket(s3, { bucket: fixture.bucket, index });
      const { differences } = await compareBackends(embedded, index, goldenQueries(fixture));
      expect(differences).toEqual([]);
    } finally {
      for (const name of Object.values(index.names)) await transport.request('DELETE', `/${name}`);
    }
  });
});
