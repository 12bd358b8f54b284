/**
 * Benchmark: the embedded search index (SQLite FTS5, `indexBucket`) of a 100,000-object bucket
 * with T4 metadata — build time, index size, CPU and peak RSS; p50/p95 latency of a selective, a
 * broad and a faceted query; the re-sync after 1% of the objects changed (time and requests) —
 * next to the naive alternative on the same local S3: list the bucket, HEAD every object and
 * filter in memory. Prints numbers and the ratios naive/indexed. It asserts nothing about time.
 *
 *   npx tsx bench/search.ts                                       # starts scripts/local_s3.py itself
 *   HELIUM_BENCH_SEARCH_OBJECTS=10000 npx tsx bench/search.ts     # a smaller bucket
 *   HELIUM_BENCH_S3_URL=http://127.0.0.1:PORT npx tsx bench/search.ts   # a running server, whose
 *     bucket was filled by `scripts/local_s3.py --meta-prefix helium-search-bench/data:N`
 *
 * Environment:
 *   HELIUM_BENCH_S3_URL                 the S3 endpoint (default: start scripts/local_s3.py)
 *   HELIUM_BENCH_SEARCH_OBJECTS         objects in the bucket (default 100000)
 *   HELIUM_BENCH_SEARCH_CHANGES         objects changed before the re-sync (default 1% of them)
 *   HELIUM_BENCH_SEARCH_REPS            timed runs of each query (default 50, after 3 warm-ups)
 *   HELIUM_BENCH_SEARCH_NAIVE_CAP       seconds of HEADs the naive scan may spend (default 300);
 *                                       past it the rest is extrapolated from the sample, and said so
 *   HELIUM_BENCH_PYTHON                 python with moto (default .venv/bin/python)
 *
 * The objects are written into moto's backend directly (`local_s3.py --meta-prefix`: fast, no
 * HTTP); the snapshots and the 1% changes go through HTTP with our own `snapshot()`/`putObject`.
 * Each measurement runs in a fresh process (this script with `--one …`), one after the other, so
 * its CPU time (the SQLite worker thread included) and peak RSS are its own.
 */
import { S3Client } from '@aws-sdk/client-s3';
import { execFile } from 'child_process';
import { mkdtempSync, rmSync, statSync } from 'fs';
import * as os from 'os';
import * as path from 'path';
import { promisify } from 'util';
import { createNodeClient, listPrefixPages, mapWithConcurrency, putObject, readObjectMetadata } from '../src/service';
import { EmbeddedSearchIndex, extensionOf, indexBucket } from '../src/service/search';
import { openNodeSqlite } from '../src/service/search/sqlite-node';
import { fileStorage } from '../src/service/search/storage-node';
import { snapshot } from '../src/service/snapshots';
import { countRequests, percentile, sec, startMetaServer, table } from './search-support';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

const run = promisify(execFile);
const bucket = 'helium-search-bench';
const prefix = 'data/';
const objects = Number(process.env.HELIUM_BENCH_SEARCH_OBJECTS ?? 100_000);
const changes = Math.min(objects, Number(process.env.HELIUM_BENCH_SEARCH_CHANGES ?? Math.max(1, Math.round(objects / 100))));
const reps = Number(process.env.HELIUM_BENCH_SEARCH_REPS ?? 50);
const naiveCapSeconds = Number(process.env.HELIUM_BENCH_SEARCH_NAIVE_CAP ?? 300);

/** The queries timed (values from scripts/local_s3.py's META_SOURCES, META_OCEANS, META_EXTENSIONS). */
const QUERIES = {
  selective: { query: 'user_meta.source:jma AND ext:.nc', facets: false },
  broad: { query: 'atlantic', facets: false },
  faceted: { query: '*', facets: true }
} as const;
type QueryName = keyof typeof QUERIES;

/** The selective query as the naive scan evaluates it, on one object's HEAD. */
const selectiveMatches = (key: string, userMeta: unknown): boolean =>
  extensionOf(key) === '.nc' && (userMeta as { source?: unknown } | null)?.source === 'jma';

/** A sync measurement (the first build or the re-sync). */
interface SyncRun {
  seconds: number;
  cpu_seconds: number;
  peak_rss_mib: number;
  index_bytes: number;
  listed: number;
  headed: number;
  added: number;
  updated: number;
  snapshots_added: number;
  /** Requests sent, by command name. */
  requests: Record<string, number>;
  /** Hits of `user_meta.revised:yes` after the sync (the changed objects). */
  revised_hits: number;
  /** Seconds spent in each phase of indexBucket (listing, reading metadata, snapshots, saving). */
  phases: Record<string, number>;
}

/** The query measurement. */
interface QueryRun {
  cpu_seconds: number;
  peak_rss_mib: number;
  open_seconds: number;
  queries: Record<QueryName, { p50_ms: number; p95_ms: number; total: number; facet_values?: number }>;
}

/** The naive scan's measurement. */
interface NaiveRun {
  list_seconds: number;
  listed: number;
  head_seconds: number;
  headed: number;
  hits: number;
  /** CPU seconds when the listing was done (the rest is the HEADs and the filter). */
  list_cpu_seconds: number;
  cpu_seconds: number;
  peak_rss_mib: number;
  requests: Record<string, number>;
}

/**
 * A client for the bench server.
 * @param url - the endpoint.
 * @returns the client.
 */
function client(url: string): S3Client {
  return createNodeClient({ endpoint: url, region: 'us-east-1', credentials: { accessKeyId: 'testing', secretAccessKey: 'testing' } });
}

/** CPU seconds and peak RSS (MiB) of this process so far (every thread: SQLite's worker included). */
function usage(since: NodeJS.CpuUsage): { cpu_seconds: number; peak_rss_mib: number } {
  const used = process.cpuUsage(since);
  return { cpu_seconds: (used.user + used.system) / 1e6, peak_rss_mib: process.resourceUsage().maxRSS / 1024 };
}

// ---------------------------------------------------------------------------------------------
// Child measurements (`--one …`)

/**
 * Build or re-sync the index file with `indexBucket`, as the CLI's `helium index` does.
 * @param url - endpoint.
 * @param file - the index file.
 * @returns the measurement.
 */
async function oneSync(url: string, file: string): Promise<SyncRun> {
  const s3 = client(url);
  const requests = countRequests(s3);
  const cpu = process.cpuUsage();
  const started = performance.now();
  const phases: Record<string, number> = {};
  let phase = 'opening';
  let phaseStarted = started;
  const enter = (next: string): void => {
    const now = performance.now();
    phases[phase] = (phases[phase] ?? 0) + (now - phaseStarted) / 1000;
    phase = next;
    phaseStarted = now;
  };
  const index = await EmbeddedSearchIndex.open(fileStorage(file), openNodeSqlite);
  const result = await indexBucket(s3, { bucket, index, onProgress: p => p.phase !== phase && enter(p.phase) });
  enter('done');
  const seconds = (performance.now() - started) / 1000;
  const measured = usage(cpu);
  const revised = await index.search('user_meta.revised:yes', { limit: 0 });
  await index.close();
  return {
    seconds,
    ...measured,
    index_bytes: statSync(file).size,
    listed: result.listed,
    headed: result.headed,
    added: result.added,
    updated: result.updated,
    snapshots_added: result.snapshotsAdded,
    requests,
    revised_hits: revised.total,
    phases
  };
}

/**
 * Open the index file and time each query: 3 warm-ups, then `reps` runs.
 * @param file - the index file.
 * @returns the measurement.
 */
async function oneQueries(file: string): Promise<QueryRun> {
  const cpu = process.cpuUsage();
  const opening = performance.now();
  const index = await EmbeddedSearchIndex.open(fileStorage(file), openNodeSqlite);
  const open_seconds = (performance.now() - opening) / 1000;
  const queries = {} as QueryRun['queries'];
  for (const [name, { query, facets }] of Object.entries(QUERIES) as [QueryName, (typeof QUERIES)[QueryName]][]) {
    const times: number[] = [];
    let last = await index.search(query, { facets });
    for (let i = 0; i < 3 + reps; i++) {
      const started = performance.now();
      last = await index.search(query, { facets });
      if (i >= 3) times.push(performance.now() - started);
    }
    queries[name] = {
      p50_ms: percentile(times, 50),
      p95_ms: percentile(times, 95),
      total: last.total,
      facet_values: last.facets ? Object.keys(last.facets.ext).length + Object.keys(last.facets.user_meta).length : undefined
    };
  }
  const measured = usage(cpu);
  await index.close();
  return { ...measured, open_seconds, queries };
}

/**
 * The naive alternative for the selective query: list every key, HEAD each (16 at a time, in a
 * seeded random order so that a capped run is a fair sample) and filter on its metadata.
 * @param url - endpoint.
 * @returns the measurement (`headed` < `listed` when the cap stopped it).
 */
async function oneNaive(url: string): Promise<NaiveRun> {
  const s3 = client(url);
  const requests = countRequests(s3);
  const cpu = process.cpuUsage();
  const started = performance.now();
  const keys: string[] = [];
  for await (const page of listPrefixPages(s3, { bucket, delimiter: '' })) {
    for (const o of page.objects) if (!o.key.startsWith('.quilt/')) keys.push(o.key);
  }
  const listed = performance.now();
  const listCpu = usage(cpu).cpu_seconds;
  const random = mulberry32(42);
  for (let i = keys.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [keys[i], keys[j]] = [keys[j], keys[i]];
  }
  const deadline = listed + naiveCapSeconds * 1000;
  let headed = 0;
  let hits = 0;
  await mapWithConcurrency(keys, 16, async key => {
    if (performance.now() > deadline) return;
    const meta = await readObjectMetadata(s3, { bucket, key });
    headed++;
    if (selectiveMatches(key, meta.helium?.user_meta)) hits++;
  });
  const done = performance.now();
  return {
    list_seconds: (listed - started) / 1000,
    listed: keys.length,
    head_seconds: (done - listed) / 1000,
    headed,
    hits,
    list_cpu_seconds: listCpu,
    ...usage(cpu),
    requests
  };
}

/**
 * A seeded pseudo-random generator (mulberry32), for a repeatable shuffle.
 * @param seed - the seed.
 * @returns a function giving numbers in [0, 1).
 */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Run one measurement in a fresh process.
 * @param args - `sync URL FILE`, `queries FILE` or `naive URL`.
 * @returns its JSON.
 */
async function inChild<T>(args: string[]): Promise<T> {
  const { stdout } = await run(process.execPath, [...process.execArgv, __filename, '--one', ...args], {
    env: process.env,
    maxBuffer: 1 << 20
  });
  return JSON.parse(stdout) as T;
}

// ---------------------------------------------------------------------------------------------
// The run

/**
 * Write new versions of 1% of the objects (every 100th key of the index), with new metadata.
 * @param s3 - the client.
 * @param file - the index file (for the keys).
 * @returns the keys changed.
 */
async function changeOnePercent(s3: S3Client, file: string): Promise<string[]> {
  const index = await EmbeddedSearchIndex.open(fileStorage(file), openNodeSqlite);
  const keys = [...(await index.objectStates(prefix)).keys()].sort();
  await index.close();
  const step = Math.max(1, Math.floor(keys.length / changes));
  const chosen = Array.from({ length: Math.min(changes, keys.length) }, (_, k) => keys[k * step]);
  const header = JSON.stringify({ user_meta: { revised: 'yes', source: 'noaa' } });
  await mapWithConcurrency(chosen, 16, key => putObject(s3, { bucket, key, body: `revised ${key}\n`, userMetadata: { helium: header } }));
  return chosen;
}

async function main(): Promise<void> {
  const n = objects.toLocaleString('en-US');
  console.log(`Starting a local S3 with ${n} objects with T4 metadata (scripts/local_s3.py --meta-prefix)...`);
  const fillStarted = performance.now();
  const { url, stop } = await startMetaServer(`${bucket}/${prefix}:${objects}`);
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'helium-search-bench-'));
  try {
    console.log(`  ready in ${sec((performance.now() - fillStarted) / 1000)} s`);
    const s3 = client(url);
    const tag = Date.now().toString(36);
    const folders = ['noaa/1950s/', 'jma/1990s/', 'bom/2020s/'];
    console.log(`Writing ${folders.length} snapshots (snapshot(), over HTTP)...`);
    for (const folder of folders) {
      await snapshot(s3, {
        bucket,
        folder: prefix + folder,
        name: `bench/search-${tag}-${folder.split('/')[0]}`,
        message: `storm tracks of ${folder}`,
        meta: { reviewer: 'bench', folder }
      });
    }
    const file = path.join(tmp, `${bucket}.sqlite3`);
    console.log('Building the index (indexBucket, its own process)...');
    const build = await inChild<SyncRun>(['sync', url, file]);
    console.log(`Changing ${changes.toLocaleString('en-US')} objects (putObject, 16 at a time)...`);
    const changeStarted = performance.now();
    const changed = await changeOnePercent(s3, file);
    console.log(`  done in ${sec((performance.now() - changeStarted) / 1000)} s`);
    console.log('Re-syncing the index...');
    const resync = await inChild<SyncRun>(['sync', url, file]);
    console.log(`Querying (3 warm-ups + ${reps} runs each)...`);
    const queries = await inChild<QueryRun>(['queries', file]);
    console.log(`Naive scan: list + HEAD everything (16 at a time, HEADs capped at ${naiveCapSeconds} s), filter in memory...`);
    const naive = await inChild<NaiveRun>(['naive', url]);
    report(build, resync, queries, naive, changed.length);
  } finally {
    rmSync(tmp, { recursive: true, force: true });
    stop();
  }
}

/**
 * Print the results.
 * @param build - the first build.
 * @param resync - the re-sync after the changes.
 * @param q - the queries.
 * @param naive - the naive scan.
 * @param changedCount - objects changed.
 */
function report(build: SyncRun, resync: SyncRun, q: QueryRun, naive: NaiveRun, changedCount: number): void {
  const mib = (bytes: number) => (bytes / 2 ** 20).toFixed(1);
  const reqs = (r: Record<string, number>) =>
    Object.entries(r)
      .map(([k, v]) => `${k.replace(/Command$/, '')} ${v}`)
      .join(', ');
  console.log(`\nIndex of ${build.listed.toLocaleString('en-US')} objects + ${build.snapshots_added} snapshots:`);
  table(
    ['sync', 'seconds', 'CPU s', 'peak RSS MiB', 'index MiB', 'HEADs', 'requests'],
    [
      [
        'build',
        sec(build.seconds),
        sec(build.cpu_seconds),
        build.peak_rss_mib.toFixed(0),
        mib(build.index_bytes),
        String(build.headed),
        reqs(build.requests)
      ],
      [
        `re-sync after ${changedCount} changes`,
        sec(resync.seconds),
        sec(resync.cpu_seconds),
        resync.peak_rss_mib.toFixed(0),
        mib(resync.index_bytes),
        String(resync.headed),
        reqs(resync.requests)
      ]
    ]
  );
  const phaseText = (r: SyncRun) =>
    Object.entries(r.phases)
      .map(([name, s]) => `${name} ${sec(s)} s`)
      .join(', ');
  console.log(`  build phases: ${phaseText(build)}`);
  console.log(`  re-sync phases: ${phaseText(resync)}`);
  console.log(`  re-sync: ${resync.updated} updated, user_meta.revised:yes finds ${resync.revised_hits} (changed ${changedCount})`);

  console.log(
    `\nQueries (${reps} runs each; index opened in ${sec(q.open_seconds)} s; CPU ${sec(q.cpu_seconds)} s, peak RSS ${q.peak_rss_mib.toFixed(0)} MiB):`
  );
  table(
    ['query', 'p50 ms', 'p95 ms', 'total hits'],
    (Object.keys(QUERIES) as QueryName[]).map(name => {
      const r = q.queries[name];
      const facets = r.facet_values !== undefined ? ` (+${r.facet_values} facet values)` : '';
      return [
        `${name}: ${QUERIES[name].query}${QUERIES[name].facets ? ' [facets]' : ''}`,
        r.p50_ms.toFixed(1),
        r.p95_ms.toFixed(1),
        `${r.total}${facets}`
      ];
    })
  );

  const complete = naive.headed === naive.listed;
  const headSeconds = complete ? naive.head_seconds : (naive.head_seconds * naive.listed) / Math.max(1, naive.headed);
  const naiveSeconds = naive.list_seconds + headSeconds;
  const scale = complete ? 1 : naive.listed / Math.max(1, naive.headed);
  const naiveCpu = naive.list_cpu_seconds + (naive.cpu_seconds - naive.list_cpu_seconds) * scale;
  const naiveHits = complete ? naive.hits : Math.round((naive.hits * naive.listed) / Math.max(1, naive.headed));
  const label = complete ? '' : ' (EXTRAPOLATED)';
  console.log(
    `\nNaive scan for the selective query: list ${naive.listed} keys in ${sec(naive.list_seconds)} s, ` +
      `HEAD ${naive.headed} in ${sec(naive.head_seconds)} s, CPU ${sec(naive.cpu_seconds)} s, peak RSS ${naive.peak_rss_mib.toFixed(0)} MiB; ${reqs(naive.requests)}`
  );
  if (!complete) {
    console.log(
      `  EXTRAPOLATED: the HEADs hit the ${naiveCapSeconds} s cap after ${naive.headed} of ${naive.listed} (a uniform random sample); ` +
        `all ${naive.listed} would take ~${sec(headSeconds)} s and find ~${naiveHits} hits (${naive.hits} in the sample)`
    );
  }
  const indexedP50 = q.queries.selective.p50_ms / 1000;
  console.log(
    `  hits: naive ${naiveHits}${label}, indexed ${q.queries.selective.total}${complete ? (naiveHits === q.queries.selective.total ? ' (agree)' : ' (DIFFER)') : ''}`
  );

  console.log('\nNaive vs indexed:');
  table(
    ['', 'naive', 'indexed', 'naive/indexed'],
    [
      [
        'selective query, seconds',
        `${sec(naiveSeconds)}${label}`,
        indexedP50.toFixed(4),
        `${Math.round(naiveSeconds / indexedP50).toLocaleString('en-US')}×`
      ],
      ['S3 requests per query (naive: list pages + a HEAD each)', `${(naive.requests.ListObjectsV2Command ?? 0) + naive.listed}`, '0', '—'],
      [
        'after 1% changed, seconds (naive: scan again)',
        `${sec(naiveSeconds)}${label}`,
        sec(resync.seconds),
        `${(naiveSeconds / resync.seconds).toFixed(1)}×`
      ],
      [
        'after 1% changed, client CPU s',
        `${sec(naiveCpu)}${label}`,
        sec(resync.cpu_seconds),
        `${(naiveCpu / resync.cpu_seconds).toFixed(1)}×`
      ],
      [
        'after 1% changed, HEADs',
        String(naive.listed),
        String(resync.headed),
        `${(naive.listed / Math.max(1, resync.headed)).toFixed(0)}×`
      ],
      [
        'first build vs one naive scan, seconds',
        `${sec(naiveSeconds)}${label}`,
        sec(build.seconds),
        `${(naiveSeconds / build.seconds).toFixed(2)}×`
      ],
      [
        'first build vs one naive scan, client CPU s',
        `${sec(naiveCpu)}${label}`,
        sec(build.cpu_seconds),
        `${(naiveCpu / build.cpu_seconds).toFixed(2)}×`
      ]
    ]
  );
}

if (process.argv[2] === '--one') {
  const [what, ...args] = process.argv.slice(3);
  const job = what === 'sync' ? oneSync(args[0], args[1]) : what === 'queries' ? oneQueries(args[0]) : oneNaive(args[0]);
  job.then(
    result => process.stdout.write(JSON.stringify(result)),
    err => {
      console.error(err);
      process.exit(1);
    }
  );
} else {
  main().catch(err => {
    console.error(err);
    process.exit(1);
  });
}
