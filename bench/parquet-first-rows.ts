/**
 * Benchmark: the first rows of a multi-GiB Parquet object, read by ranges (the table viewer's
 * engine: src/service/table-pages, hyparquet: a HEAD, then the footer and the file's start
 * together) vs what a user does today (boto3 `get_object` of the whole file +
 * `pandas.read_parquet`), on the same local S3 in one run. Also times going to the last row (one
 * more row group for us). Prints seconds, peak RSS and ratios, and writes
 * bench/results/parquet-first-rows.json. It asserts nothing about time.
 *
 *   npx tsx bench/parquet-first-rows.ts
 *
 * Environment:
 *   HELIUM_BENCH_PARQUET_ROWS     rows (default 2,000,000: with 1,070 random bytes a row, ~2 GiB)
 *   HELIUM_BENCH_PARQUET_GROUP    rows per row group (default 20,000: ~21 MiB groups)
 *   HELIUM_BENCH_PARQUET_PAYLOAD  random bytes a row (default 1,070)
 *   HELIUM_BENCH_S3_URL           a running local S3 (default: scripts/local_s3.py is started)
 *   HELIUM_BENCH_PYTHON           python with pandas, pyarrow, boto3 and moto (default .venv/bin/python)
 *
 * Each measurement runs in a fresh process (this script with `--one`), so its peak RSS is its
 * own; RSS is sampled every 10 ms. Ours runs in Node straight against the local S3 (the page goes
 * through the server's proxy: ui-tests/tests/big-parquet.spec.ts records the page's numbers).
 */
import { execFile } from 'child_process';
import { mkdirSync, writeFileSync } from 'fs';
import * as os from 'os';
import * as path from 'path';
import { promisify } from 'util';
import { createNodeClient } from '../src/service/client-node';
import { getObjectBytes, headObject } from '../src/service/objects-read';
import { openParquetPages, parquetValueText, rangedObject } from '../src/service/table-pages';
import { startBenchS3 } from './local-s3';

const run = promisify(execFile);
const ROOT = path.resolve(__dirname, '..');
const python = process.env.HELIUM_BENCH_PYTHON ?? path.join(ROOT, '.venv', 'bin', 'python');
const rows = Number(process.env.HELIUM_BENCH_PARQUET_ROWS ?? 2_000_000);
const perGroup = Number(process.env.HELIUM_BENCH_PARQUET_GROUP ?? 20_000);
const payload = Number(process.env.HELIUM_BENCH_PARQUET_PAYLOAD ?? 1_070);
const BUCKET = 'helium-bench-parquet';
const KEY = `big/${rows}x${payload}.parquet`;

/** One measurement, as both tools report it. */
interface Result {
  firstRowsSeconds: number;
  lastRowSeconds: number;
  lastLabel: string;
  peakRssMiB: number;
  bytesRead?: number;
  reads?: number;
}

/** Our side, in this process: what the viewer does to show the first rows, then the last row. */
async function measureOurs(url: string): Promise<Result> {
  let peak = process.memoryUsage().rss;
  const sampler = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 10);
  const s3 = createNodeClient({ endpoint: url, region: 'us-east-1', credentials: { accessKeyId: 'testing', secretAccessKey: 'testing' } });
  let reads = 0;
  let bytesRead = 0;
  const started = performance.now();
  const info = await headObject(s3, { bucket: BUCKET, key: KEY });
  const file = rangedObject(s3, { bucket: BUCKET, key: KEY, versionId: info.versionId }, info.size, {
    onRead: (start, end) => {
      reads++;
      bytesRead += end - start;
    }
  });
  const pages = await openParquetPages(file, KEY);
  const first = await pages.readGroup(0);
  // The grid's first screen: 50 rows of every column as text.
  for (let row = 0; row < 50; row++) {
    first.forEach(column => parquetValueText(column[row]));
  }
  const firstRows = performance.now();
  const lastGroup = pages.groups.length - 1;
  const last = await pages.readGroup(lastGroup);
  const lastLabel = parquetValueText(last[1][pages.groups[lastGroup].rows - 1]) ?? '';
  const lastRow = performance.now();
  clearInterval(sampler);
  peak = Math.max(peak, process.memoryUsage().rss);
  s3.destroy();
  return {
    firstRowsSeconds: (firstRows - started) / 1000,
    lastRowSeconds: (lastRow - started) / 1000,
    lastLabel,
    peakRssMiB: peak / 2 ** 20,
    bytesRead,
    reads
  };
}

async function oursInChild(url: string): Promise<Result> {
  const { stdout } = await run(process.execPath, [...process.execArgv, __filename, '--one', url], { env: process.env, maxBuffer: 1 << 20 });
  return JSON.parse(stdout) as Result;
}

async function pandas(url: string): Promise<Result> {
  const { stdout } = await run(python, [path.join(ROOT, 'bench', 'parquet_first_rows_pandas.py'), url, BUCKET, KEY], {
    maxBuffer: 1 << 20
  });
  return JSON.parse(stdout) as Result;
}

/** Write the object (pyarrow, one row group at a time, uploaded by boto3). */
async function writeObject(url: string): Promise<{ size: number; row_groups: number; last_label: string }> {
  const script = path.join(ROOT, 'src', 'testing', 'python', 'parquet_pages_fixture.py');
  const { stdout } = await run(python, [script, BUCKET, KEY, String(rows), String(perGroup), String(payload), url], {
    maxBuffer: 1 << 20,
    env: { ...process.env, AWS_ACCESS_KEY_ID: 'testing', AWS_SECRET_ACCESS_KEY: 'testing' }
  });
  return JSON.parse(stdout);
}

/**
 * What one ranged GET of a single byte costs on this server: the floor under each of our reads
 * (moto reads the whole object for every ranged GET, so on it this grows with the object).
 */
async function rangedGetFloor(url: string): Promise<number> {
  const s3 = createNodeClient({ endpoint: url, region: 'us-east-1', credentials: { accessKeyId: 'testing', secretAccessKey: 'testing' } });
  const times: number[] = [];
  for (let i = 0; i < 3; i++) {
    const started = performance.now();
    await getObjectBytes(s3, { bucket: BUCKET, key: KEY, range: { start: 0, end: 1 } });
    times.push((performance.now() - started) / 1000);
  }
  s3.destroy();
  return times.sort((a, b) => a - b)[1];
}

const mib = (n: number) => `${Math.round(n)} MiB`;
const secs = (n: number) => `${n.toFixed(2)} s`;

async function main(): Promise<void> {
  const server = await startBenchS3({ args: ['--bucket', BUCKET], python, needs: 'moto, pandas, pyarrow and boto3', readyMinutes: 2 });
  try {
    const writing = performance.now();
    const fixture = await writeObject(server.url);
    console.log(
      `s3://${BUCKET}/${KEY}: ${(fixture.size / 2 ** 30).toFixed(2)} GiB, ${rows.toLocaleString()} rows in ${fixture.row_groups} row groups ` +
        `(written in ${((performance.now() - writing) / 1000).toFixed(0)} s)`
    );
    const floor = await rangedGetFloor(server.url);
    console.log(`One 1-byte ranged GET on this server: ${secs(floor)} (median of 3)`);
    const ours = await oursInChild(server.url);
    const peer = await pandas(server.url);
    for (const [tool, result] of [
      ['helium', ours],
      ['pandas', peer]
    ] as const) {
      if (result.lastLabel !== fixture.last_label) {
        throw new Error(`${tool} read the last label ${result.lastLabel}, not ${fixture.last_label}`);
      }
    }
    const table = [
      ['', 'first rows', 'last row', 'peak RSS', 'read'],
      [
        'helium (ranges)',
        secs(ours.firstRowsSeconds),
        secs(ours.lastRowSeconds),
        mib(ours.peakRssMiB),
        `${mib(ours.bytesRead! / 2 ** 20)} in ${ours.reads} GETs`
      ],
      ['pandas (whole file)', secs(peer.firstRowsSeconds), secs(peer.lastRowSeconds), mib(peer.peakRssMiB), mib(fixture.size / 2 ** 20)],
      [
        'helium/pandas',
        (ours.firstRowsSeconds / peer.firstRowsSeconds).toFixed(3),
        (ours.lastRowSeconds / peer.lastRowSeconds).toFixed(3),
        (ours.peakRssMiB / peer.peakRssMiB).toFixed(3),
        ''
      ]
    ];
    const widths = table[0].map((_, c) => Math.max(...table.map(r => r[c].length)));
    for (const line of table) {
      console.log(line.map((text, c) => (c === 0 ? text.padEnd(widths[c]) : text.padStart(widths[c]))).join('  '));
    }
    const workload = `first rows of a ${(fixture.size / 2 ** 30).toFixed(2)} GiB Parquet object (${fixture.row_groups} row groups)`;
    const results = [
      {
        workload,
        tool: 'helium',
        seconds: ours.firstRowsSeconds,
        peak_memory_mib: ours.peakRssMiB,
        ratio: ours.firstRowsSeconds / peer.firstRowsSeconds
      },
      { workload, tool: 'pandas', seconds: peer.firstRowsSeconds, peak_memory_mib: peer.peakRssMiB, ratio: 1 },
      {
        workload: workload.replace('first rows', 'last row'),
        tool: 'helium',
        seconds: ours.lastRowSeconds,
        peak_memory_mib: ours.peakRssMiB,
        ratio: ours.lastRowSeconds / peer.lastRowSeconds
      },
      {
        workload: workload.replace('first rows', 'last row'),
        tool: 'pandas',
        seconds: peer.lastRowSeconds,
        peak_memory_mib: peer.peakRssMiB,
        ratio: 1
      }
    ];
    mkdirSync(path.join(ROOT, 'bench', 'results'), { recursive: true });
    writeFileSync(
      path.join(ROOT, 'bench', 'results', 'parquet-first-rows.json'),
      JSON.stringify(
        {
          date: new Date().toISOString(),
          machine: `${os.cpus().length} cores, ${os.platform()}`,
          server_ranged_get_seconds: floor,
          results
        },
        null,
        2
      ) + '\n'
    );
  } finally {
    server.stop();
  }
}

const one = process.argv.indexOf('--one');
if (one >= 0) {
  measureOurs(process.argv[one + 1]).then(
    result => console.log(JSON.stringify(result)),
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
