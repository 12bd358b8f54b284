/**
 * Benchmark: snapshots of a 10,000-object folder with our `snapshot()` next to quilt3 packaging the
 * same folder in place (set_dir from S3 + push, nothing copied), on the same local S3 in the same
 * run — first, then again after changing 100 objects; and the diff of two 100,000-entry snapshots
 * with our `diffEntries` next to quilt3's `Package.diff`. Prints seconds, CPU seconds, peak RSS and
 * the ratios helium/quilt3, and writes them to bench/results/snapshots-*.json (bench/results.ts).
 * It asserts nothing about time.
 *
 *   npx tsx bench/snapshots.ts                                    # starts scripts/local_s3.py itself
 *   HELIUM_BENCH_SNAPSHOT_OBJECTS=500 npx tsx bench/snapshots.ts  # a smaller folder
 *   HELIUM_BENCH_S3_URL=http://127.0.0.1:PORT npx tsx bench/snapshots.ts   # a running server
 *
 * Environment:
 *   HELIUM_BENCH_S3_URL                the S3 endpoint (default: start scripts/local_s3.py)
 *   HELIUM_BENCH_BUCKET                bucket (default helium-snap-bench; made and versioned if needed)
 *   HELIUM_BENCH_SNAPSHOT_OBJECTS      objects in the folder (default 10000)
 *   HELIUM_BENCH_SNAPSHOT_CHANGES      objects changed before the second snapshot (default 100)
 *   HELIUM_BENCH_DIFF_ENTRIES          entries a side in the diff (default 100000)
 *   HELIUM_BENCH_PYTHON                python with quilt3 (default .venv/bin/python)
 *
 * Each measurement runs in a fresh process (this script with `--one …`, or bench/snapshots_quilt3.py),
 * one after the other, so its CPU time and peak RSS are its own. Every run writes a new folder
 * (`run-<time>/data/`) and new package names, so it can be repeated against the same server.
 */
import { CreateBucketCommand, PutBucketVersioningCommand, S3Client } from '@aws-sdk/client-s3';
import { execFile } from 'child_process';
import { createHash, randomBytes } from 'crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'fs';
import * as os from 'os';
import * as path from 'path';
import { promisify } from 'util';
import { createNodeClient, mapWithConcurrency, putObject } from '../src/service';
import { diffEntries, manifestText, parseManifest, readSnapshot, snapshot } from '../src/service/snapshots';
import type { ManifestEntry, ManifestHeader } from '../src/service/snapshots';
import { STAMP_SETTLE_MS } from '../src/service/snapshots/version-stamps';
import { startBenchS3 } from './local-s3';
import { processCpuSeconds } from './process-cpu';
import { ResultRow, writeResults } from './results';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

const run = promisify(execFile);
const ROOT = path.resolve(__dirname, '..');
const bucket = process.env.HELIUM_BENCH_BUCKET ?? 'helium-snap-bench';
const objects = Number(process.env.HELIUM_BENCH_SNAPSHOT_OBJECTS ?? 10_000);
const changes = Math.min(objects, Number(process.env.HELIUM_BENCH_SNAPSHOT_CHANGES ?? 100));
const diffSize = Number(process.env.HELIUM_BENCH_DIFF_ENTRIES ?? 100_000);
const python = process.env.HELIUM_BENCH_PYTHON ?? path.join(ROOT, '.venv', 'bin', 'python');
const CREDS = { AWS_ACCESS_KEY_ID: 'testing', AWS_SECRET_ACCESS_KEY: 'testing', AWS_REGION: 'us-east-1' };

/** A snapshot measurement (ours or quilt3's). */
interface SnapshotRun {
  seconds: number;
  cpu_seconds: number;
  peak_rss_mib: number;
  top_hash: string;
  entries: number;
  reused_hashes: number;
  /** CPU seconds the local S3 server used meanwhile (when this script started it). */
  server_cpu_seconds?: number;
  /** sha256 of the sorted `logical_key\thash\n` lines: equal when both tools hashed alike. */
  entries_digest: string;
  [detail: string]: unknown;
}

/** A diff measurement (ours or quilt3's). */
interface DiffRun {
  load_seconds: number;
  /** The first diff in the process (cold: what a CLI run or a first diff tab pays). */
  diff_seconds: number;
  /** The median of 3 more diffs of the same lists (warm), not in the CPU and RSS figures. */
  warm_diff_seconds: number;
  cpu_seconds: number;
  peak_rss_mib: number;
  added: number;
  deleted: number;
  /** Content or metadata changed (quilt3's "modified"). */
  modified: number;
  [detail: string]: unknown;
}

/**
 * A client for the bench server.
 * @param url - the endpoint.
 * @returns the client.
 */
function client(url: string): S3Client {
  return createNodeClient({ endpoint: url, region: 'us-east-1', credentials: { accessKeyId: 'testing', secretAccessKey: 'testing' } });
}

/**
 * This process's peak RSS so far.
 * @returns MiB.
 */
function peakRssMiB(): number {
  return process.resourceUsage().maxRSS / 1024;
}

/**
 * The median of some numbers.
 * @param values - numbers.
 * @returns their median.
 */
function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/**
 * sha256 over sorted `logical_key\thash\n` lines (bench/snapshots_quilt3.py computes the same).
 * @param entries - manifest entries.
 * @returns hex digest.
 */
function entriesDigest(entries: readonly ManifestEntry[]): string {
  const lines = entries.map(e => `${e.logical_key}\t${e.hash.value}\n`).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return createHash('sha256').update(lines.join('')).digest('hex');
}

// ---------------------------------------------------------------------------------------------
// Child measurements (`--one …`)

/**
 * Our snapshot of the folder, timed (then the manifest read back, untimed, for the digest).
 * @param url - endpoint.
 * @param folder - the folder.
 * @param name - package name.
 * @param message - message.
 * @returns the measurement.
 */
async function oneSnapshot(url: string, folder: string, name: string, message: string): Promise<SnapshotRun> {
  const s3 = client(url);
  const cpu = process.cpuUsage();
  const started = performance.now();
  const result = await snapshot(s3, { bucket, folder, name, message });
  const seconds = (performance.now() - started) / 1000;
  const used = process.cpuUsage(cpu);
  const peak = peakRssMiB();
  const manifest = await readSnapshot(s3, bucket, result.topHash);
  return {
    seconds,
    cpu_seconds: (used.user + used.system) / 1e6,
    peak_rss_mib: peak,
    top_hash: result.topHash,
    entries: result.entries,
    reused_hashes: result.reusedHashes,
    checksum_hashes: result.checksumHashes,
    streamed_hashes: result.streamedHashes,
    version_lookups: result.versionLookups,
    entries_digest: entriesDigest(manifest.entries)
  };
}

/**
 * Our diff of two manifests: parse both (load), then diffEntries.
 * @param leftPath - older manifest file.
 * @param rightPath - newer manifest file.
 * @returns the measurement.
 */
async function oneDiff(leftPath: string, rightPath: string): Promise<DiffRun> {
  const cpu = process.cpuUsage();
  const started = performance.now();
  const left = parseManifest(readFileSync(leftPath, 'utf8'));
  const right = parseManifest(readFileSync(rightPath, 'utf8'));
  const loaded = performance.now();
  const diff = diffEntries(left.entries, right.entries);
  const done = performance.now();
  const used = process.cpuUsage(cpu);
  const peak = peakRssMiB();
  const warm: number[] = [];
  for (let i = 0; i < 3; i++) {
    const again = performance.now();
    diffEntries(left.entries, right.entries);
    warm.push((performance.now() - again) / 1000);
  }
  const all = diff.folders.get('')!;
  return {
    load_seconds: (loaded - started) / 1000,
    diff_seconds: (done - loaded) / 1000,
    warm_diff_seconds: median(warm),
    cpu_seconds: (used.user + used.system) / 1e6,
    peak_rss_mib: peak,
    added: all.added,
    deleted: all.deleted,
    modified: all.modified + all['metadata-changed'],
    content_modified: all.modified,
    metadata_changed: all['metadata-changed'],
    same_content_new_version: all['same-content-new-version'],
    folders: diff.folders.size
  };
}

/**
 * Run one of our measurements in a fresh process.
 * @param args - `snapshot URL FOLDER NAME MESSAGE` or `diff LEFT RIGHT`.
 * @returns its JSON.
 */
async function oursInChild<T>(args: string[]): Promise<T> {
  const { stdout } = await run(process.execPath, [...process.execArgv, __filename, '--one', ...args], {
    env: process.env,
    maxBuffer: 1 << 20
  });
  return JSON.parse(stdout) as T;
}

/**
 * Run the quilt3 side.
 * @param args - arguments of bench/snapshots_quilt3.py.
 * @returns its JSON.
 */
async function quilt3<T>(args: string[]): Promise<T> {
  const { stdout } = await run(python, [path.join(__dirname, 'snapshots_quilt3.py'), ...args], {
    env: { ...process.env, ...CREDS },
    maxBuffer: 1 << 20
  });
  return JSON.parse(stdout.trim().split('\n').pop()!) as T;
}

// ---------------------------------------------------------------------------------------------
// The server and the data

/**
 * Start scripts/local_s3.py with a versioned bucket, unless HELIUM_BENCH_S3_URL is set.
 * @returns the URL and a stop function.
 */
async function startServer(): Promise<{ url: string; stop: () => void }> {
  if (!process.env.HELIUM_BENCH_S3_URL) {
    console.log('Starting a local S3 (scripts/local_s3.py)...');
  }
  return startBenchS3({ args: ['--bucket', bucket], python, needs: 'moto and quilt3', readyMinutes: 2 });
}

/**
 * The key of object `i` under the folder: 100 objects per sub-folder.
 * @param folder - the folder.
 * @param i - the index.
 * @returns the key.
 */
function objectKey(folder: string, i: number): string {
  return `${folder}g${String(Math.floor(i / 100)).padStart(3, '0')}/obj-${String(i).padStart(6, '0')}.bin`;
}

/**
 * Random content of 1–4 KiB.
 * @param i - the index (sets the size).
 * @returns the bytes.
 */
function content(i: number): Uint8Array {
  return randomBytes(1024 + ((i * 797) % 3073));
}

/**
 * Write objects with our putObject (SHA-256 checksums), 16 at a time.
 * @param s3 - the client.
 * @param indexes - which objects.
 * @param folder - the folder.
 * @returns seconds taken.
 */
async function writeObjects(s3: S3Client, indexes: number[], folder: string): Promise<number> {
  const started = performance.now();
  await mapWithConcurrency(indexes, 16, i => putObject(s3, { bucket, key: objectKey(folder, i), body: content(i) }));
  return (performance.now() - started) / 1000;
}

/**
 * Two synthetic manifests of `diffSize` entries, 1% changed: per 100 keys one changes, in turn
 * 6× content, 1× metadata, 1× new version with the same content, 1× deleted, 1× a new key added
 * next to it (so both sides have `diffSize` entries).
 * @param dir - where to write `left.jsonl` and `right.jsonl`.
 * @returns the paths and the expected counts.
 */
function writeDiffManifests(dir: string): { left: string; right: string; expected: Record<string, number> } {
  const header: ManifestHeader = { version: 'v0', message: 'bench', user_meta: {} };
  const hashOf = (text: string) => createHash('sha256').update(text).digest('base64');
  const entry = (key: string, version: string, hash: string, size: number, meta: unknown): ManifestEntry => ({
    logical_key: key,
    physical_keys: [`s3://bench-bucket/data/${key}?versionId=${version}`],
    size,
    hash: { type: 'sha2-256-chunked', value: hash },
    meta
  });
  const left: ManifestEntry[] = [];
  const right: ManifestEntry[] = [];
  const expected = { added: 0, deleted: 0, modified: 0, content_modified: 0, metadata_changed: 0, same_content_new_version: 0 };
  for (let i = 0; i < diffSize; i++) {
    const key = `f${String(Math.floor(i / 1000)).padStart(3, '0')}/file-${String(i).padStart(6, '0')}.csv`;
    const size = 1000 + (i % 5000);
    const base = entry(key, `v1-${i}`, hashOf(`content ${i}`), size, {});
    left.push(base);
    const kind = i % 100 === 37 ? Math.floor(i / 100) % 10 : -1;
    if (kind < 0) {
      right.push(base);
    } else if (kind <= 5) {
      right.push(entry(key, `v2-${i}`, hashOf(`content ${i} v2`), size + 1, {}));
      expected.content_modified += 1;
    } else if (kind === 6) {
      right.push(entry(key, `v2-${i}`, base.hash.value, size, { user_meta: { reviewed: true } }));
      expected.metadata_changed += 1;
    } else if (kind === 7) {
      right.push(entry(key, `v2-${i}`, base.hash.value, size, {}));
      expected.same_content_new_version += 1;
    } else if (kind === 8) {
      expected.deleted += 1;
    } else {
      right.push(base, entry(key.replace('.csv', '-new.csv'), `v1-${i}n`, hashOf(`new ${i}`), size, {}));
      expected.added += 1;
    }
  }
  expected.modified = expected.content_modified + expected.metadata_changed;
  const paths = { left: path.join(dir, 'left.jsonl'), right: path.join(dir, 'right.jsonl') };
  writeFileSync(paths.left, manifestText({ header, entries: left }));
  writeFileSync(paths.right, manifestText({ header: { ...header, message: 'bench 2' }, entries: right }));
  return { ...paths, expected };
}

// ---------------------------------------------------------------------------------------------
// Report

/**
 * Format seconds.
 * @param s - seconds.
 * @returns text.
 */
const sec = (s: number) => s.toFixed(s < 10 ? 2 : 1);

/**
 * Print a table, first column left-aligned, the others right-aligned.
 * @param header - column titles.
 * @param rows - cells.
 */
function table(header: string[], rows: string[][]): void {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map(r => r[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  console.log(line(header));
  console.log(widths.map(w => '-'.repeat(w)).join('  '));
  rows.forEach(r => console.log(line(r)));
}

/**
 * Run a measurement and add the CPU seconds the server used meanwhile (on a 2-core machine, a
 * server busy for the whole wall-clock time is what bounds the measurement).
 * @param serverPid - the server's process, when this script started it.
 * @param measure - the measurement.
 * @returns its result, with `server_cpu_seconds` when the server's CPU time can be read.
 */
async function withServerCpu(serverPid: number | undefined, measure: () => Promise<SnapshotRun>): Promise<SnapshotRun> {
  const before = serverPid === undefined ? undefined : processCpuSeconds(serverPid);
  const result = await measure();
  const after = serverPid === undefined ? undefined : processCpuSeconds(serverPid);
  return before === undefined || after === undefined ? result : { ...result, server_cpu_seconds: after - before };
}

async function main(): Promise<void> {
  const { url, pid: serverPid, stop } = await startServer();
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'helium-snap-bench-'));
  try {
    process.env.HELIUM_BENCH_S3_URL = url;
    const s3 = client(url);
    await s3.send(new CreateBucketCommand({ Bucket: bucket })).catch(() => undefined);
    await s3.send(new PutBucketVersioningCommand({ Bucket: bucket, VersioningConfiguration: { Status: 'Enabled' } }));
    const tag = `run-${Date.now().toString(36)}`;
    const folder = `${tag}/data/`;
    const ours = `bench/helium-${tag}`;
    const theirs = `bench/quilt3-${tag}`;
    const n = objects.toLocaleString('en-US');

    console.log(`Writing ${n} objects of 1–4 KiB to s3://${bucket}/${folder} (putObject, 16 at a time)...`);
    const fillSeconds = await writeObjects(
      s3,
      Array.from({ length: objects }, (_, i) => i),
      folder
    );
    console.log(`  done in ${sec(fillSeconds)} s`);
    // A snapshot stamps only versions written at least STAMP_SETTLE_MS before it began (see
    // version-stamps.ts); folders are rarely snapshotted within seconds of their last write, so
    // the bench waits that long rather than measure the HEADs of the last few seconds' objects.
    await new Promise(resolve => setTimeout(resolve, STAMP_SETTLE_MS + 1000));

    console.log('First snapshot: helium, then quilt3...');
    const ours1 = await withServerCpu(serverPid, () => oursInChild(['snapshot', url, folder, ours, 'first']));
    const quilt1 = await withServerCpu(serverPid, () => quilt3(['push', url, bucket, theirs, folder, 'first']));

    const step = Math.max(1, Math.floor(objects / changes));
    const changed = Array.from({ length: changes }, (_, k) => k * step);
    console.log(`Changing ${changes} objects...`);
    await writeObjects(s3, changed, folder);

    console.log('Second snapshot: helium, then quilt3 (reusing hashes by hand, then plain)...');
    const ours2 = await withServerCpu(serverPid, () => oursInChild(['snapshot', url, folder, ours, 'second']));
    const quilt2Reuse = await withServerCpu(serverPid, () => quilt3(['push-reuse', url, bucket, theirs, folder, 'second (reuse)']));
    const quilt2 = await withServerCpu(serverPid, () => quilt3(['push', url, bucket, theirs, folder, 'second']));

    const d = diffSize.toLocaleString('en-US');
    console.log(`Diff of two ${d}-entry manifests: writing them, then helium, then quilt3...`);
    const manifests = writeDiffManifests(tmp);
    const oursDiff = await oursInChild<DiffRun>(['diff', manifests.left, manifests.right]);
    const quiltDiff = await quilt3<DiffRun>(['diff', manifests.left, manifests.right]);

    const sdk = require('@aws-sdk/client-s3/package.json').version as string;
    console.log('');
    console.log(`Snapshots of s3://${bucket}/${folder} (${n} objects, 1–4 KiB) on ${url}; each measurement in its own process`);
    console.log(
      `helium: snapshot() (8 HEADs at a time, hashes from S3 checksums), @aws-sdk/client-s3 ${sdk}, Node ${process.version}; ` +
        `quilt3 ${String(quilt1.quilt3)}: set_dir(s3://…) + push(selector_fn=lambda *_: False), 10 threads, hashes by download`
    );
    console.log('');
    const ratio = (a: number, b: number) => (b > 0 ? (a / b).toFixed(2) : '-');
    const row = (name: string, a: SnapshotRun, b: SnapshotRun): string[] => [
      name,
      sec(a.seconds),
      sec(b.seconds),
      ratio(a.seconds, b.seconds),
      sec(a.cpu_seconds),
      sec(b.cpu_seconds),
      ratio(a.cpu_seconds, b.cpu_seconds),
      a.peak_rss_mib.toFixed(0),
      b.peak_rss_mib.toFixed(0)
    ];
    table(
      ['measurement', 'helium s', 'quilt3 s', 'h/q', 'helium CPU s', 'quilt3 CPU s', 'h/q CPU', 'helium RSS MiB', 'quilt3 RSS MiB'],
      [
        row(`first snapshot (${n} objects)`, ours1, quilt1),
        row(`second, ${changes} changed (quilt3 plain)`, ours2, quilt2),
        row(`second, ${changes} changed (quilt3 + hand reuse)`, ours2, quilt2Reuse),
        [
          `diff ${d} entries: load 2 manifests`,
          sec(oursDiff.load_seconds),
          sec(quiltDiff.load_seconds),
          ratio(oursDiff.load_seconds, quiltDiff.load_seconds),
          '',
          '',
          '',
          '',
          ''
        ],
        [
          `diff ${d} entries: diff (first)`,
          sec(oursDiff.diff_seconds),
          sec(quiltDiff.diff_seconds),
          ratio(oursDiff.diff_seconds, quiltDiff.diff_seconds),
          '',
          '',
          '',
          '',
          ''
        ],
        [
          `diff ${d} entries: diff (warm, median of 3)`,
          sec(oursDiff.warm_diff_seconds),
          sec(quiltDiff.warm_diff_seconds),
          ratio(oursDiff.warm_diff_seconds, quiltDiff.warm_diff_seconds),
          '',
          '',
          '',
          '',
          ''
        ],
        [
          `diff ${d} entries: load + first diff`,
          sec(oursDiff.load_seconds + oursDiff.diff_seconds),
          sec(quiltDiff.load_seconds + quiltDiff.diff_seconds),
          ratio(oursDiff.load_seconds + oursDiff.diff_seconds, quiltDiff.load_seconds + quiltDiff.diff_seconds),
          sec(oursDiff.cpu_seconds),
          sec(quiltDiff.cpu_seconds),
          ratio(oursDiff.cpu_seconds, quiltDiff.cpu_seconds),
          oursDiff.peak_rss_mib.toFixed(0),
          quiltDiff.peak_rss_mib.toFixed(0)
        ]
      ]
    );
    console.log('');
    console.log('(h/q = helium/quilt3, lower is better for helium; CPU = the measuring process alone, the server excluded;');
    console.log(' peak RSS = ru_maxrss of that process, interpreter and imports included)');
    console.log(`filling: ${sec(fillSeconds)} s for ${n} putObject calls`);
    const serverCpu = (r: SnapshotRun) => (r.server_cpu_seconds === undefined ? '-' : sec(r.server_cpu_seconds));
    console.log(
      `local S3 server CPU s (when this script started it): first snapshot helium ${serverCpu(ours1)}, quilt3 ${serverCpu(quilt1)}; ` +
        `second helium ${serverCpu(ours2)}, quilt3 ${serverCpu(quilt2)}`
    );
    for (const [label, r] of [
      ['helium first ', ours1],
      ['helium second', ours2]
    ] as const) {
      console.log(
        `${label}: ${r.entries} entries; hashes reused ${r.reused_hashes}, from checksums ${String(r.checksum_hashes)}, downloaded ${String(r.streamed_hashes)}; ` +
          `versions found by HEAD ${String(r.version_lookups)} (0: listed with ListObjectVersions)`
      );
    }
    for (const [label, r] of [
      ['quilt3 first ', quilt1],
      ['quilt3 second', quilt2],
      ['quilt3 reuse ', quilt2Reuse]
    ] as const) {
      console.log(
        `${label}: ${r.entries} entries; browse ${sec(Number(r.browse_seconds))} s, set_dir ${sec(Number(r.set_dir_seconds))} s, ` +
          `hash + push ${sec(Number(r.push_seconds))} s; hashes reused ${r.reused_hashes}; objects copied ${String(r.copied)}`
      );
    }
    const agree = (a: SnapshotRun, b: SnapshotRun) => (a.entries_digest === b.entries_digest ? 'agree' : 'DIFFER');
    console.log(
      `entry hashes helium vs quilt3: first ${agree(ours1, quilt1)}, second ${agree(ours2, quilt2)} (hand reuse ${agree(ours2, quilt2Reuse)})`
    );
    const e = manifests.expected;
    console.log(
      `diff counts: helium added ${oursDiff.added}, deleted ${oursDiff.deleted}, modified ${String(oursDiff.content_modified)} + ` +
        `metadata-changed ${String(oursDiff.metadata_changed)}, same-content-new-version ${String(oursDiff.same_content_new_version)}, ` +
        `${String(oursDiff.folders)} folder counts; quilt3 added ${quiltDiff.added}, deleted ${quiltDiff.deleted}, modified ${quiltDiff.modified}`
    );
    const diffAgree =
      oursDiff.added === quiltDiff.added &&
      oursDiff.deleted === quiltDiff.deleted &&
      oursDiff.modified === quiltDiff.modified &&
      oursDiff.added === e.added &&
      oursDiff.deleted === e.deleted &&
      oursDiff.content_modified === e.content_modified &&
      oursDiff.metadata_changed === e.metadata_changed &&
      oursDiff.same_content_new_version === e.same_content_new_version;
    console.log(
      `  ${diffAgree ? 'agree' : 'DIFFER'} with each other and with the generator (quilt3 ignores physical keys, so it has no same-content-new-version)`
    );
    const measured = (
      workload: string,
      tool: string,
      r: { seconds: number; cpu_seconds: number; peak_rss_mib: number; server_cpu_seconds?: number }
    ): ResultRow => ({
      workload,
      tool,
      seconds: r.seconds,
      cpu_seconds: r.cpu_seconds,
      peak_rss_mib: r.peak_rss_mib,
      ...(r.server_cpu_seconds === undefined ? {} : { server_cpu_seconds: r.server_cpu_seconds })
    });
    const diffRun = (r: DiffRun) => ({
      seconds: r.load_seconds + r.diff_seconds,
      cpu_seconds: r.cpu_seconds,
      peak_rss_mib: r.peak_rss_mib
    });
    const file = writeResults(
      'snapshots',
      [
        measured('first snapshot', 'helium', ours1),
        measured('first snapshot', 'quilt3', quilt1),
        { ...measured('second snapshot', 'helium', ours2), of_first: ours2.seconds / ours1.seconds },
        measured('second snapshot', 'quilt3', quilt2),
        measured('second snapshot', 'quilt3 + hand reuse', quilt2Reuse),
        measured('diff: load 2 manifests + first diff', 'helium', diffRun(oursDiff)),
        measured('diff: load 2 manifests + first diff', 'quilt3', diffRun(quiltDiff))
      ],
      {
        objects,
        changes,
        diff_entries: diffSize,
        s3: url,
        entry_hashes_agree: ours1.entries_digest === quilt1.entries_digest,
        diff_counts_agree: diffAgree
      }
    );
    console.log(`results: ${path.relative(process.cwd(), file)}`);
  } finally {
    rmSync(tmp, { recursive: true, force: true });
    stop();
  }
}

const one = process.argv.indexOf('--one');
if (one >= 0) {
  const [mode, ...args] = process.argv.slice(one + 1);
  const work = mode === 'snapshot' ? oneSnapshot(args[0], args[1], args[2], args[3]) : oneDiff(args[0], args[1]);
  work.then(
    r => process.stdout.write(JSON.stringify(r)),
    err => {
      console.error(err);
      process.exit(1);
    }
  );
} else {
  main().catch(err => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  });
}
