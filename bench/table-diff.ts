/**
 * Benchmark: diff two 1,000,000-row Parquet versions with our table diff (parquet-wasm + the
 * Arrow engine of src/service/diff/table.ts) and with pandas (read_parquet + merge + compare), by
 * key and by position, in the same run. Prints times, CPU seconds, peak RSS, what each found, and
 * the ratio helium/pandas. It asserts nothing about time.
 *
 *   npx tsx bench/table-diff.ts
 *
 * Environment:
 *   HELIUM_BENCH_ROWS    rows of v1 (default 1000000)
 *   HELIUM_BENCH_DIR     where the Parquet files are written (default: a folder in the temp dir,
 *                        reused when it already holds them)
 *   HELIUM_BENCH_PYTHON  python with pandas and pyarrow (default .venv/bin/python)
 *
 * Each measurement runs in a fresh process (this script with `--one MODE`), so peak RSS is that
 * measurement's alone. RSS is sampled every 10 ms; the async diff yields to the event loop every
 * ~30 ms, which lets the sampler run during the diff.
 */
import { execFile } from 'child_process';
import { existsSync, readFileSync } from 'fs';
import { readFile } from 'fs/promises';
import * as os from 'os';
import * as path from 'path';
import { promisify } from 'util';
import { diffTablesAsync, loadTable } from '../src/service/diff/table';
import { writeResults } from './results';
import type { ResultRow } from './results';

const run = promisify(execFile);
const ROOT = path.resolve(__dirname, '..');
const rowCount = Number(process.env.HELIUM_BENCH_ROWS ?? 1_000_000);
const dir = process.env.HELIUM_BENCH_DIR ?? path.join(os.tmpdir(), `helium-table-diff-bench-${rowCount}`);
const python = process.env.HELIUM_BENCH_PYTHON ?? path.join(ROOT, '.venv', 'bin', 'python');

type Mode = 'key' | 'position';

/** One measurement, as both tools report it. */
interface Result {
  loadSeconds: number;
  diffSeconds: number;
  /** CPU seconds of the measuring process over load + diff (all its threads). */
  cpuSeconds: number;
  added: number;
  removed: number;
  changedRows: number;
  changedCells: number;
  peakRssMiB: number;
}

/** Our side of one measurement, in this process. */
async function measureOurs(mode: Mode): Promise<Result> {
  let peak = process.memoryUsage().rss;
  const sampler = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 10);
  const started = performance.now();
  const cpu = process.cpuUsage();
  // Both files read at once, as the diff tab reads both sides (pandas reads its files in turn,
  // with pyarrow's threads decoding each); the bytes are dropped once decoded, as the tab does.
  const [left, right] = await Promise.all(
    ['v1.parquet', 'v2.parquet'].map(async name => {
      const bytes = await readFile(path.join(dir, name));
      return loadTable(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.length), name);
    })
  );
  const loaded = performance.now();
  const diff = await diffTablesAsync(left, right, { keyColumns: mode === 'key' ? ['id'] : [] });
  const diffed = performance.now();
  clearInterval(sampler);
  peak = Math.max(peak, process.memoryUsage().rss);
  return {
    loadSeconds: (loaded - started) / 1000,
    diffSeconds: (diffed - loaded) / 1000,
    cpuSeconds: (({ user, system }) => (user + system) / 1e6)(process.cpuUsage(cpu)),
    added: diff.counts.added,
    removed: diff.counts.removed,
    changedRows: diff.counts.changed,
    changedCells: diff.changedCells,
    peakRssMiB: peak / 2 ** 20
  };
}

/** Run one of our measurements in a fresh process. */
async function oursInChild(mode: Mode): Promise<Result> {
  const { stdout } = await run(process.execPath, [...process.execArgv, __filename, '--one', mode], {
    env: process.env,
    maxBuffer: 1 << 20
  });
  return JSON.parse(stdout) as Result;
}

/** Run the pandas peer. */
async function pandas(mode: Mode): Promise<Result> {
  const { stdout } = await run(python, [path.join(ROOT, 'bench', 'table_diff_pandas.py'), dir, mode], { maxBuffer: 1 << 20 });
  return JSON.parse(stdout) as Result;
}

/** Write the two versions unless they are there. */
async function ensureData(): Promise<Record<string, unknown> | undefined> {
  if (existsSync(path.join(dir, 'v1.parquet')) && existsSync(path.join(dir, 'v2.parquet'))) {
    return undefined;
  }
  const { stdout } = await run(python, [path.join(ROOT, 'bench', 'table_diff_data.py'), dir, String(rowCount)], { maxBuffer: 1 << 20 });
  return JSON.parse(stdout) as Record<string, unknown>;
}

/** Right-align a cell. */
function cell(value: string | number, width: number): string {
  return String(value).padStart(width);
}

async function main(): Promise<void> {
  const made = await ensureData();
  const mib = (name: string) => (readFileSync(path.join(dir, name)).length / 2 ** 20).toFixed(1);
  console.log(
    `table diff: ${rowCount.toLocaleString('en')} rows × 6 columns, v1 ${mib('v1.parquet')} MiB, v2 ${mib('v2.parquet')} MiB (${dir})`
  );
  if (made) {
    console.log(`generated: ${JSON.stringify(made)}`);
  }
  const header = [
    'mode',
    'tool',
    'load s',
    'diff s',
    'total s',
    'CPU s',
    'peak RSS MiB',
    'changed rows',
    'changed cells',
    'added',
    'removed'
  ];
  const widths = [9, 7, 7, 7, 8, 7, 13, 13, 14, 7, 8];
  console.log(header.map((h, i) => (i < 2 ? h.padEnd(widths[i]) : cell(h, widths[i]))).join(' '));
  const ratios: string[] = [];
  const results: ResultRow[] = [];
  for (const mode of ['key', 'position'] as Mode[]) {
    const ours = await oursInChild(mode);
    const peer = await pandas(mode);
    for (const [tool, r] of [
      ['helium', ours],
      ['pandas', peer]
    ] as const) {
      results.push({
        workload: `table diff by ${mode}, ${rowCount.toLocaleString('en')} rows × 6 columns`,
        tool,
        seconds: r.loadSeconds + r.diffSeconds,
        peak_rss_mib: Math.round(r.peakRssMiB),
        load_seconds: r.loadSeconds,
        diff_seconds: r.diffSeconds,
        cpu_seconds: r.cpuSeconds,
        counts: { added: r.added, removed: r.removed, changed_rows: r.changedRows, changed_cells: r.changedCells }
      });
    }
    for (const [tool, r] of [
      ['helium', ours],
      ['pandas', peer]
    ] as const) {
      const values = [
        r.loadSeconds.toFixed(2),
        r.diffSeconds.toFixed(2),
        (r.loadSeconds + r.diffSeconds).toFixed(2),
        r.cpuSeconds.toFixed(2),
        r.peakRssMiB.toFixed(0),
        r.changedRows,
        r.changedCells,
        r.added,
        r.removed
      ];
      console.log([mode.padEnd(widths[0]), tool.padEnd(widths[1]), ...values.map((v, i) => cell(v, widths[i + 2]))].join(' '));
    }
    const same = ['added', 'removed', 'changedRows', 'changedCells'].every(k => ours[k as keyof Result] === peer[k as keyof Result]);
    const total = (r: Result) => r.loadSeconds + r.diffSeconds;
    ratios.push(
      `${mode}: total ${(total(ours) / total(peer)).toFixed(2)}×, diff only ${(ours.diffSeconds / peer.diffSeconds).toFixed(2)}×, ` +
        `CPU ${(ours.cpuSeconds / peer.cpuSeconds).toFixed(2)}×, ` +
        `peak RSS ${(ours.peakRssMiB / peer.peakRssMiB).toFixed(2)}×; counts ${same ? 'agree' : 'DIFFER'}`
    );
  }
  console.log('helium/pandas (lower is better for helium):');
  ratios.forEach(line => console.log(`  ${line}`));
  const file = writeResults('table-diff', results, { rows: rowCount, columns: 6, dir });
  console.log(`results: ${path.relative(ROOT, file)}`);
}

const one = process.argv.indexOf('--one');
if (one >= 0) {
  measureOurs(process.argv[one + 1] as Mode).then(
    r => process.stdout.write(JSON.stringify(r)),
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
