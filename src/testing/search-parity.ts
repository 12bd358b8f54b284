/**
 * The search parity tests' bucket and golden queries: objects written by putValue, by the CLI's
 * `--meta` path and by boto3 (raw `x-amz-meta-helium`), other user metadata, a large object, a
 * delete marker and a snapshot; then one query set that both backends must answer alike.
 */
import type { S3Client } from '@aws-sdk/client-s3';
import { heliumUserMetadata } from '../cli/meta';
import { runPythonJson } from './python-interop';
import { createTestBucket } from './s3';
import { deleteObject, putObject } from '../service/objects-write';
import { snapshot } from '../service/snapshots/snapshot';
import { putValue } from '../service/values/put-value';
import type { SearchIndex, SearchResult } from '../service/search/types';

/** What the fixture bucket holds that queries refer to. */
export interface ParityBucket {
  bucket: string;
  topHash: string;
  /** Today (UTC), `YYYY-MM-DD`: everything was written today. */
  today: string;
}

/**
 * Fill a new bucket with the fixtures.
 * @param s3 - the client.
 * @returns the bucket and what queries need to know.
 */
export async function parityBucket(s3: S3Client): Promise<ParityBucket> {
  const bucket = await createTestBucket(s3, 'parity');
  await putValue(s3, { bucket, key: 'hurdat/storms.csv' }, 'year,name\n1990,Ana\n', {
    meta: { ocean: 'atlantic', decade: 1990, tags: ['storm', 'noaa'] }
  });
  await putValue(
    s3,
    { bucket, key: 'pacific/typhoons.json' },
    { a: 1 },
    // A value of several words: OpenSearch maps it as text, so a field's term matches one of its words.
    { meta: { ocean: 'pacific', decade: 2010, source: { agency: 'JMA' }, title: 'Typhoon season, "revised" West Pacific' } }
  );
  // As `helium put --meta` writes it.
  const cliKey = 'cli/indian-2020.csv';
  await putObject(s3, {
    bucket,
    key: cliKey,
    body: 'a,b\n1,2\n',
    userMetadata: heliumUserMetadata(cliKey, { ocean: 'indian', decade: 2020, source: { agency: 'IMD' } })
  });
  await putObject(s3, { bucket, key: 'raw/readme.txt', body: 'hello', userMetadata: { owner: 'datateam' } });
  await putObject(s3, { bucket, key: 'big/large.bin', body: new Uint8Array(2048) });
  // Longer than an OpenSearch `_id` may be (512 bytes).
  await putObject(s3, { bucket, key: `long/${'segment-'.repeat(80)}end.txt`, body: 'long' });
  await runPythonJson('search_fixtures.py', [
    'put',
    bucket,
    JSON.stringify([['boto/atlantic-2000.parquet', 'pq', { user_meta: { ocean: 'Atlantic', decade: 2000 }, target: 'parquet' }]])
  ]);
  await putObject(s3, { bucket, key: 'tmp/gone.txt', body: 'x' });
  await deleteObject(s3, { bucket, key: 'tmp/gone.txt' });
  const snap = await snapshot(s3, {
    bucket,
    folder: 'hurdat/',
    message: 'first hurricane season cut',
    meta: { reviewer: 'ana', year: 2024 }
  });
  return { bucket, topHash: snap.topHash, today: new Date().toISOString().slice(0, 10) };
}

/**
 * The golden queries: free text, fields, ranges, wildcards, boolean operators, `_exists_`, and
 * snapshots by message and metadata.
 * @param b - the fixture bucket.
 * @returns the queries.
 */
export function goldenQueries(b: ParityBucket): string[] {
  return [
    '*',
    'typhoons',
    'atlantic',
    'storm*',
    'typh*',
    'datateam',
    'key:hurdat\\/*',
    'key:"hurdat/storms.csv"',
    'key:storms',
    'key:*storms*',
    'ext:csv',
    'ext:.parquet OR ext:json',
    'size:>=1000',
    'size:[1 TO 100]',
    `last_modified:[2000-01-01 TO ${b.today}]`,
    `last_modified:>=${b.today}`,
    'last_modified:<2000-01-01',
    `last_modified:${b.today}`,
    'user_meta.ocean:atlantic',
    'user_meta.source.agency:jma',
    'user_meta.decade:[1995 TO 2010]',
    'user_meta.decade:>=2010',
    'user_meta.tags:noaa',
    'user_meta.ocean:atl*',
    'user_meta.title:revised',
    'user_meta.title:"west pacific"',
    'user_meta.title:"Typhoon season, \\"revised\\" West Pacific"',
    'user_meta.title:season AND ext:json',
    'user_meta.title:west*',
    'user_meta.title:typhoons',
    'user_meta.ocean:*',
    'user_meta.ocean:atlantic AND NOT ext:csv',
    'user_meta.ocean:pacific OR user_meta.ocean:indian',
    'NOT user_meta.ocean:atlantic',
    'user_meta.ocean:(pacific OR indian) AND decade',
    '-ext:csv type:object',
    '_exists_:user_meta.decade',
    '_exists_:target',
    '_exists_:message',
    'type:object AND user_meta.ocean:*',
    'type:snapshot',
    'delete_marker:true',
    'gone',
    'message:hurricane',
    'hurricane season',
    'user_meta.reviewer:ana',
    'user_meta.year:2024 AND type:snapshot',
    'logical_key:storms.csv',
    `top_hash:${b.topHash.slice(0, 12)}`,
    'target:parquet',
    'version_id:* AND ext:txt',
    'key:long\\/*'
  ];
}

/**
 * A result as comparable hits: `type:key`, sorted.
 * @param result - a search result.
 * @returns the sorted identities.
 */
export function identities(result: SearchResult): string[] {
  return result.hits.map(h => `${h.type}:${h.key}`).sort();
}

/**
 * Run every golden query on two indexes and collect the differences.
 * @param a - one index (e.g. the embedded one).
 * @param b - the other (OpenSearch).
 * @param queries - the queries.
 * @returns one line per query whose hits differ (empty when they agree), and how many hits all
 *   queries found together (so a test can tell that they found something).
 */
export async function compareBackends(
  a: SearchIndex,
  b: SearchIndex,
  queries: string[]
): Promise<{ differences: string[]; found: number }> {
  const differences: string[] = [];
  let found = 0;
  for (const query of queries) {
    const [left, right] = [identities(await a.search(query)), identities(await b.search(query))];
    found += left.length;
    if (JSON.stringify(left) !== JSON.stringify(right)) {
      differences.push(`${query}\n  embedded:   ${left.join(', ')}\n  opensearch: ${right.join(', ')}`);
    }
  }
  return { differences, found };
}

/**
 * A second, small bucket for the facets: folders at several depths, a folder whose name needs
 * quoting in a query, an object at the top, and metadata of every JSON kind (strings differing
 * only by case, numbers, floats, booleans, an array, a nested object, a string too long to count).
 * @param s3 - the client.
 * @returns the bucket's name.
 */
export async function facetBucket(s3: S3Client): Promise<string> {
  const bucket = await createTestBucket(s3, 'facets');
  const put = (key: string, meta: Record<string, unknown>) =>
    putObject(s3, { bucket, key, body: 'x\n', userMetadata: heliumUserMetadata(key, meta) });
  await put('top.txt', { ocean: 'atlantic', ok: true });
  await put('a/one.txt', { ocean: 'atlantic', decade: 1990, ratio: 0.1, tags: ['storm', 'noaa'] });
  await put('a/two.txt', { ocean: 'Atlantic', decade: 1990, ok: false, tags: ['storm'] });
  await put('a/b/three.txt', { ocean: 'pacific', decade: 2000, ratio: 4.5, source: { agency: 'JMA' } });
  await put('my data (1)/x "y".txt', { ocean: 'indian', note: 'n'.repeat(300) });
  await put('my data (1)/sub/z.txt', { ocean: 'indian', decade: 2000 });
  await putObject(s3, { bucket, key: 'c/d.txt', body: 'no metadata' });
  return bucket;
}
