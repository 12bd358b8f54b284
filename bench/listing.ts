/**
 * Benchmark: list a big prefix with our listPrefixPages and with boto3's paginator, on the same
 * local S3 server, and print medians and the ratio ours/boto3. It asserts nothing about time.
 * Ours is timed twice: with full pages (1,000 entries, like boto3) and as the panel lists a folder
 * (a short first page of 100 entries for its first rows, then full pages).
 *
 *   HELIUM_BENCH_S3_URL=http://127.0.0.1:PORT npx tsx bench/listing.ts
 *   (or bench/run-listing.sh, which starts a local S3 with a 100,000-key prefix first)
 *
 * Environment:
 *   HELIUM_BENCH_S3_URL     the S3 endpoint (required)
 *   HELIUM_BENCH_BUCKET     bucket (default helium-big)
 *   HELIUM_BENCH_PREFIX     prefix (default many/)
 *   HELIUM_BENCH_REPS       timed repetitions of each measurement (default 3)
 *   HELIUM_BENCH_FILL_KEYS  if the prefix is empty, how many keys to create first (default 10000)
 *   HELIUM_BENCH_PYTHON     python with boto3 (default .venv/bin/python)
 */
import { CreateBucketCommand, HeadBucketCommand, S3Client } from '@aws-sdk/client-s3';
import { execFile } from 'child_process';
import { existsSync } from 'fs';
import * as path from 'path';
import { promisify } from 'util';
import { createNodeClient, listPrefixPages, mapWithConcurrency, putObject } from '../src/service';
import { FIRST_PAGE_SIZE } from '../src/models/browser';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

const ROOT = path.resolve(__dirname, '..');
const url = process.env.HELIUM_BENCH_S3_URL;
const bucket = process.env.HELIUM_BENCH_BUCKET ?? 'helium-big';
const prefix = process.env.HELIUM_BENCH_PREFIX ?? 'many/';
const reps = Number(process.env.HELIUM_BENCH_REPS ?? 3);
const fillKeys = Number(process.env.HELIUM_BENCH_FILL_KEYS ?? 10_000);
const python = process.env.HELIUM_BENCH_PYTHON ?? path.join(ROOT, '.venv', 'bin', 'python');

/** The median of some numbers. */
function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** Time our first page: a new listing, up to its first page (of `firstPageSize` entries). */
async function oursFirstPage(s3: S3Client, firstPageSize?: number): Promise<number> {
  const started = performance.now();
  const pages = listPrefixPages(s3, { bucket, prefix, firstPageSize });
  const first = await pages.next();
  const elapsed = performance.now() - started;
  await pages.return(undefined);
  if (first.done) {
    throw new Error('no first page');
  }
  return elapsed;
}

/** One timed full listing. */
interface FullRun {
  /** Wall-clock time. */
  ms: number;
  /** This process's CPU time (user + system) during the listing: the client's own cost. */
  cpuMs: number;
  entries: number;
  pages: number;
}

/** Time our full listing (whose first page has `firstPageSize` entries); also count entries and pages. */
async function oursFull(s3: S3Client, firstPageSize?: number): Promise<FullRun> {
  const cpu = process.cpuUsage();
  const started = performance.now();
  let entries = 0;
  let pages = 0;
  for await (const page of listPrefixPages(s3, { bucket, prefix, firstPageSize })) {
    pages += 1;
    entries += page.folders.length + page.objects.length;
  }
  const elapsed = performance.now() - started;
  const used = process.cpuUsage(cpu);
  return { ms: elapsed, cpuMs: (used.user + used.system) / 1000, entries, pages };
}

/** Count what is under the prefix (first page only), to know whether it must be filled. */
async function prefixIsEmpty(s3: S3Client): Promise<boolean> {
  try {
    await s3.send(new HeadBucketCommand({ Bucket: bucket }));
  } catch {
    return true;
  }
  const first = await listPrefixPages(s3, { bucket, prefix, pageSize: 1 }).next();
  return first.done || (first.value.objects.length === 0 && first.value.folders.length === 0);
}

/** Create the bucket and `fillKeys` small objects under the prefix with bounded concurrency. */
async function fill(s3: S3Client): Promise<void> {
  console.log(`The prefix s3://${bucket}/${prefix} is empty: creating ${fillKeys} keys with 16 parallel puts...`);
  await s3.send(new CreateBucketCommand({ Bucket: bucket })).catch(() => undefined);
  const keys = Array.from({ length: fillKeys }, (_, i) => `${prefix}part-${String(i).padStart(6, '0')}.json`);
  const started = performance.now();
  await mapWithConcurrency(keys, 16, key => putObject(s3, { bucket, key, body: '{}' }));
  console.log(`  done in ${((performance.now() - started) / 1000).toFixed(1)} s`);
}

/** Run the boto3 side. */
async function boto3Timings(): Promise<{
  first_ms: number[];
  full_ms: number[];
  full_cpu_ms: number[];
  entries: number;
  pages: number;
  boto3: string;
}> {
  if (!existsSync(python)) {
    throw new Error(`No python at ${python}; set HELIUM_BENCH_PYTHON to a python with boto3.`);
  }
  const { stdout } = await promisify(execFile)(
    python,
    [path.join(__dirname, 'list_boto3.py'), '--url', url!, '--bucket', bucket, '--prefix', prefix, '--reps', String(reps)],
    { maxBuffer: 1 << 20 }
  );
  return JSON.parse(stdout.trim().split('\n').pop()!);
}

/** Format milliseconds. */
const ms = (value: number) => `${value.toFixed(value < 100 ? 1 : 0)} ms`;

async function main(): Promise<void> {
  if (!url) {
    console.error('Set HELIUM_BENCH_S3_URL to a local S3 endpoint (or run bench/run-listing.sh).');
    process.exit(2);
  }
  const s3 = createNodeClient({
    endpoint: url,
    region: 'us-east-1',
    credentials: { accessKeyId: 'testing', secretAccessKey: 'testing' },
    maxAttempts: 1
  });
  if (await prefixIsEmpty(s3)) {
    await fill(s3);
  }

  await oursFirstPage(s3); // warm-up: connection, endpoint resolution, JIT
  const oursFirst: number[] = [];
  for (let i = 0; i < reps; i++) {
    oursFirst.push(await oursFirstPage(s3));
  }
  const oursFullRuns: FullRun[] = [];
  for (let i = 0; i < reps; i++) {
    oursFullRuns.push(await oursFull(s3));
  }
  // As the panel lists: a short first page, then full ones.
  const panelFirst: number[] = [];
  for (let i = 0; i < reps; i++) {
    panelFirst.push(await oursFirstPage(s3, FIRST_PAGE_SIZE));
  }
  const panelFullRuns: FullRun[] = [];
  for (let i = 0; i < reps; i++) {
    panelFullRuns.push(await oursFull(s3, FIRST_PAGE_SIZE));
  }
  const boto = await boto3Timings();

  const ourEntries = oursFullRuns[0].entries;
  const rows: [string, number, number][] = [
    ['first page (1,000 entries)', median(oursFirst), median(boto.first_ms)],
    [`first rows as the panel lists (a ${FIRST_PAGE_SIZE}-entry first page)`, median(panelFirst), median(boto.first_ms)],
    [
      `full listing (${ourEntries.toLocaleString('en-US')} entries, ${oursFullRuns[0].pages} pages)`,
      median(oursFullRuns.map(r => r.ms)),
      median(boto.full_ms)
    ],
    [`full listing as the panel lists (${panelFullRuns[0].pages} pages)`, median(panelFullRuns.map(r => r.ms)), median(boto.full_ms)],
    ['  of which client CPU time', median(oursFullRuns.map(r => r.cpuMs)), median(boto.full_cpu_ms)]
  ];
  const sdkVersion = require('@aws-sdk/client-s3/package.json').version as string;
  console.log('');
  console.log(`Listing s3://${bucket}/${prefix} on ${url} — medians of ${reps} runs after one warm-up`);
  console.log(`ours: listPrefixPages, @aws-sdk/client-s3 ${sdkVersion}, Node ${process.version}; boto3 ${boto.boto3} paginator`);
  console.log('');
  const header = ['measurement', 'ours', 'boto3', 'ours/boto3'];
  const body = rows.map(([name, ours, theirs]) => [name, ms(ours), ms(theirs), (ours / theirs).toFixed(2)]);
  const widths = header.map((h, i) => Math.max(h.length, ...body.map(r => r[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  console.log(line(header));
  console.log(widths.map(w => '-'.repeat(w)).join('  '));
  body.forEach(r => console.log(line(r)));
  console.log('');
  console.log(
    `runs (ms): ours first ${oursFirst.map(v => v.toFixed(0)).join(', ')}; ours full ${oursFullRuns.map(r => r.ms.toFixed(0)).join(', ')}`
  );
  console.log(
    `           panel first ${panelFirst.map(v => v.toFixed(0)).join(', ')}; panel full ${panelFullRuns.map(r => r.ms.toFixed(0)).join(', ')}`
  );
  console.log(
    `           boto3 first ${boto.first_ms.map(v => v.toFixed(0)).join(', ')}; boto3 full ${boto.full_ms.map(v => v.toFixed(0)).join(', ')}`
  );
  console.log('(wall-clock time includes the server; "client CPU time" is the listing process alone)');
  if (boto.entries !== ourEntries) {
    console.log(`NOTE: entry counts differ: ours ${ourEntries}, boto3 ${boto.entries}`);
  }
}

main().catch(err => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
