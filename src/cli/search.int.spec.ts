/**
 * `helium index` and `helium search` end to end: dist/helium.cjs as a child process against the
 * local S3 (moto), the index kept under a temporary XDG_DATA_HOME.
 * @jest-environment-options {"customExportConditions": ["node", "require", "default"]}
 */
import type { S3Client } from '@aws-sdk/client-s3';
import { promises as fs } from 'fs';
import * as path from 'path';
import { putObject } from '../service/objects';
import { cliSuite } from '../testing/cli-suite';
import { createTestBucket } from '../testing/s3';

import { openNodeSqlite } from '../service/search/sqlite-node';
import { indexFilePath } from '../service/search/storage-node';

jest.setTimeout(120_000);

const suite = cliSuite('cli-search');
const { helium } = suite;
let s3: S3Client;
let bucket: string;
let endpoint: string;
let dataHome: string;

beforeAll(async () => {
  ({ s3, bucket, endpoint, dataHome } = suite);
  await putObject(s3, { bucket, key: 'plain/notes.txt', body: 'no metadata' });
});

describe('helium index and search', () => {
  it('says how to build the index when there is none', async () => {
    const result = await helium('search', 'ocean', `s3://${bucket}`);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`has no search index yet. Build it with: helium index s3://${bucket}`);
  });

  it('finds objects written with helium put --meta, and re-indexes only what changed', async () => {
    const file = path.join(dataHome, 'storms.csv');
    await fs.writeFile(file, 'year,name\n1990,Ana\n');
    expect((await helium('put', file, `s3://${bucket}/hurdat/storms.csv`, '--meta', '{"ocean": "atlantic", "decade": 1990}')).code).toBe(0);
    const first = await helium('index', `s3://${bucket}`, '--json');
    expect(first.code).toBe(0);
    expect(JSON.parse(first.stdout)).toMatchObject({ listed: 2, headed: 2, added: 2 });
    const files = await fs.readdir(path.join(dataHome, 'helium', 'search'), { recursive: true });
    expect(files).toContain(
      path.join(
        files.find(f => !f.includes(path.sep))!,
        `${bucket}.sqlite3`
      )
    );

    const found = await helium('search', 'user_meta.ocean:atlantic AND ext:.csv', `s3://${bucket}`, '--json');
    expect(found.code).toBe(0);
    const body = JSON.parse(found.stdout);
    expect(body.total).toBe(1);
    expect(body.hits[0]).toMatchObject({ type: 'object', key: 'hurdat/storms.csv', meta: { ocean: 'atlantic', decade: 1990 } });

    const table = await helium('search', 'user_meta.decade:[1980 TO 1999]', `s3://${bucket}`);
    expect(table.stdout).toContain(`s3://${bucket}/hurdat/storms.csv`);
    expect(table.stderr).toContain('1 match;');

    const again = await helium('index', `s3://${bucket}`, '--json');
    expect(JSON.parse(again.stdout)).toMatchObject({ listed: 2, headed: 0, added: 0, updated: 0 });
  });

  it('reports a malformed query with its column, as bad input: exit code 2', async () => {
    const result = await helium('search', 'size:[1 TO', `s3://${bucket}`);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/Search query syntax error at column 11/);
  });

  it('says an index of a format too old to migrate must be rebuilt, and helium index rebuilds it', async () => {
    const old = await createTestBucket(s3, 'cli-old-index');
    await putObject(s3, { bucket: old, key: 'runs/東京の気温.csv', body: 'x' });
    const db = await openNodeSqlite(null);
    await db.transaction([
      { sql: `CREATE TABLE info (name TEXT PRIMARY KEY, value TEXT)` },
      { sql: `INSERT INTO info (name, value) VALUES ('schema', '2'), ('synced_at', '2024-01-01T00:00:00.000Z')` }
    ]);
    const file = indexFilePath(endpoint, old, { XDG_DATA_HOME: dataHome });
    await fs.mkdir(path.dirname(file), { recursive: true });
    await fs.writeFile(file, await db.export());
    await db.close();
    const before = await helium('search', '気温', `s3://${old}`);
    expect(before.code).toBe(1);
    expect(before.stderr).toContain(
      `written by an older helium (index format 2) and must be rebuilt. Build it with: helium index s3://${old}`
    );
    expect((await helium('index', `s3://${old}`)).code).toBe(0);
    const after = await helium('search', '気温', `s3://${old}`, '--json');
    expect(after.stderr).not.toContain('older');
    expect(JSON.parse(after.stdout).hits.map((h: { key: string }) => h.key)).toEqual(['runs/東京の気温.csv']);
  });

  it('refuses a bad --limit as usage', async () => {
    const result = await helium('search', 'x', `s3://${bucket}`, '--limit', '0');
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--limit must be a whole number');
  });
});

describe('helium index --content', () => {
  it('indexes words inside text files, and the index remembers it for the next sync', async () => {
    const contentBucket = await createTestBucket(s3, 'cli-search-content');
    await putObject(s3, { bucket: contentBucket, key: 'notes/field.md', body: 'The albatross migration.\n' });
    const indexed = await helium('index', `s3://${contentBucket}`, '--content', '--json');
    expect(indexed.code).toBe(0);
    expect(JSON.parse(indexed.stdout)).toMatchObject({
      indexContent: true,
      contentRead: 1,
      contentSkipped: 0,
      total: { indexContent: true }
    });
    const found = await helium('search', 'content:albatross', `s3://${contentBucket}`, '--json');
    expect(JSON.parse(found.stdout).hits.map((h: { key: string }) => h.key)).toEqual(['notes/field.md']);

    await putObject(s3, { bucket: contentBucket, key: 'notes/later.txt', body: 'petrel' });
    const again = await helium('index', `s3://${contentBucket}`); // no flag: as remembered
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('the text of 1 text-like object read (0 unreadable, skipped)');
    expect(JSON.parse((await helium('search', 'petrel', `s3://${contentBucket}`, '--json')).stdout).total).toBe(1);

    const off = await helium('index', `s3://${contentBucket}`, '--no-content', '--json');
    expect(JSON.parse(off.stdout)).toMatchObject({ indexContent: false, contentRead: 0 });
    expect(JSON.parse((await helium('search', 'petrel', `s3://${contentBucket}`, '--json')).stdout).total).toBe(0);
  });
});

describe("the CLI's own writes keep the local index fresh", () => {
  /** The keys `helium search` finds for a query. */
  const keysFound = async (query: string, target: string): Promise<string[]> => {
    const result = await helium('search', query, `s3://${target}`, '--json');
    expect(result.code).toBe(0);
    return (JSON.parse(result.stdout).hits as { key: string }[]).map(h => h.key).sort();
  };

  it('put --meta, meta --set, cp, rm, undelete and snapshot show in helium search without helium index', async () => {
    const fresh = await createTestBucket(s3, 'cli-search-fresh');
    expect((await helium('index', `s3://${fresh}`)).code).toBe(0);
    const file = path.join(dataHome, 'gulls.csv');
    await fs.writeFile(file, 'species\nkittiwake\n');

    const put = await helium('put', file, `s3://${fresh}/birds/gulls.csv`, '--meta', '{"coast": "north"}');
    expect(put.code).toBe(0);
    expect(put.stderr).not.toContain('could not be updated');
    expect(await keysFound('user_meta.coast:north', fresh)).toEqual(['birds/gulls.csv']);

    expect((await helium('meta', `s3://${fresh}/birds/gulls.csv`, '--set', '{"coast": "south"}')).code).toBe(0);
    expect(await keysFound('user_meta.coast:north', fresh)).toEqual([]);
    expect(await keysFound('user_meta.coast:south', fresh)).toEqual(['birds/gulls.csv']);

    expect((await helium('cp', `s3://${fresh}/birds/gulls.csv`, `s3://${fresh}/copies/`)).code).toBe(0);
    expect(await keysFound('user_meta.coast:south', fresh)).toEqual(['birds/gulls.csv', 'copies/gulls.csv']);

    expect((await helium('rm', `s3://${fresh}/birds/gulls.csv`, '--yes')).code).toBe(0);
    expect(await keysFound('user_meta.coast:south', fresh)).toEqual(['copies/gulls.csv']);
    // As a sync records it: the delete marker is found only when asked for.
    expect(await keysFound('delete_marker:true', fresh)).toEqual(['birds/gulls.csv']);

    expect((await helium('undelete', `s3://${fresh}/birds/gulls.csv`)).code).toBe(0);
    expect(await keysFound('user_meta.coast:south', fresh)).toEqual(['birds/gulls.csv', 'copies/gulls.csv']);
    expect((await helium('rm', `s3://${fresh}/birds/gulls.csv`, '--yes')).code).toBe(0);

    expect((await helium('snapshot', `s3://${fresh}/copies/`, '-m', 'kittiwake census')).code).toBe(0);
    const snapshots = await helium('search', 'message:kittiwake AND type:snapshot', `s3://${fresh}`, '--json');
    expect(JSON.parse(snapshots.stdout).total).toBe(1);

    expect((await helium('rm', `s3://${fresh}/copies/`, '--recursive', '--yes')).code).toBe(0);
    expect(await keysFound('user_meta.coast:south', fresh)).toEqual([]);

    // Nothing was left for a sync to read: every object was in the index as S3 has it. (Not
    // `updated: 0`: moto leaves a delete marker's time out of the 404, so the index has the
    // answer's Date, which the sync may correct from the listing by a second, without a HEAD.)
    const synced = await helium('index', `s3://${fresh}`, '--json');
    expect(JSON.parse(synced.stdout)).toMatchObject({ headed: 0, added: 0, removed: 0 });
  });

  it('creates no index for a bucket that has none', async () => {
    const none = await createTestBucket(s3, 'cli-search-none');
    const file = path.join(dataHome, 'none.txt');
    await fs.writeFile(file, 'x');
    const put = await helium('put', file, `s3://${none}/none.txt`);
    expect(put.code).toBe(0);
    expect(put.stderr).toBe('');
    const files = await fs.readdir(path.join(dataHome, 'helium', 'search'), { recursive: true });
    expect(files.filter(f => f.endsWith(`${none}.sqlite3`))).toEqual([]);
    const search = await helium('search', 'none', `s3://${none}`);
    expect(search.stderr).toContain(`has no search index yet. Build it with: helium index s3://${none}`);
  });

  it('a write whose index cannot be updated succeeds, and says so on stderr', async () => {
    const broken = await createTestBucket(s3, 'cli-search-broken');
    expect((await helium('index', `s3://${broken}`)).code).toBe(0);
    const [indexFile] = (await fs.readdir(path.join(dataHome, 'helium', 'search'), { recursive: true }))
      .filter(f => f.endsWith(`${broken}.sqlite3`))
      .map(f => path.join(dataHome, 'helium', 'search', f));
    await fs.writeFile(indexFile, 'not a database, not a database, not a database, not a database, not a database');
    const file = path.join(dataHome, 'broken.txt');
    await fs.writeFile(file, 'x');
    const put = await helium('put', file, `s3://${broken}/broken.txt`);
    expect(put.code).toBe(0);
    expect(put.stdout).toContain(`upload: `);
    expect(put.stderr).toContain(`the local search index of s3://${broken} could not be updated`);
    expect(put.stderr).toContain(`helium index s3://${broken}`);
  });
});
