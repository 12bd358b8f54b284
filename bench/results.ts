/**
 * Benchmark results as JSON, shared by the TypeScript benchmarks (bench/results.py is the Python
 * twin, with the same format): `bench/results/<benchmark>-<UTC time>.json` and
 * `bench/results/<benchmark>-latest.json`, each `{benchmark, date, machine, config, rows}` where a
 * row is `{workload, tool, seconds, peak_rss_mib, ratio, ratio_of}` and `ratio` is the reference
 * tool's seconds over the row's (e.g. `helium/pandas`).
 */
import { execFileSync } from 'child_process';
import { mkdirSync, writeFileSync } from 'fs';
import * as os from 'os';
import * as path from 'path';

/** One measurement. */
export interface ResultRow {
  workload: string;
  tool: string;
  seconds: number | null;
  peak_rss_mib?: number | null;
  [extra: string]: unknown;
}

const RESULTS = path.join(__dirname, 'results');

/**
 * Add `ratio` = reference seconds / row seconds, per workload.
 * @param rows - the measurements.
 * @param reference - the tool the ratios are of (default `helium`).
 * @returns the rows with `ratio` and `ratio_of`.
 */
export function withRatios(rows: ResultRow[], reference = 'helium'): ResultRow[] {
  const ref = new Map(rows.filter(r => r.tool === reference && r.seconds !== null).map(r => [r.workload, r.seconds as number]));
  return rows.map(row => {
    const base = ref.get(row.workload);
    const ratio = base !== undefined && row.seconds ? Math.round((base / row.seconds) * 1000) / 1000 : null;
    return { ...row, ratio, ratio_of: `${reference}/${row.tool}` };
  });
}

/**
 * Write one run's results.
 * @param benchmark - its name (the file name's start).
 * @param rows - the measurements.
 * @param config - what the run used (sizes, counts…).
 * @param reference - the tool the ratios are of.
 * @returns the file written.
 */
export function writeResults(benchmark: string, rows: ResultRow[], config: Record<string, unknown> = {}, reference = 'helium'): string {
  mkdirSync(RESULTS, { recursive: true });
  const now = new Date();
  now.setMilliseconds(0);
  let python: string | null;
  try {
    python = execFileSync('python3', ['--version'], { encoding: 'utf8' })
      .trim()
      .replace(/^Python /, '');
  } catch {
    python = null;
  }
  const doc = {
    benchmark,
    date: now.toISOString().replace('.000Z', 'Z'),
    machine: {
      cores: os.cpus().length,
      platform: `${os.type()} ${os.release()} ${os.arch()}`,
      python,
      node: process.version,
      load_average: os.loadavg()
    },
    config,
    rows: withRatios(rows, reference)
  };
  const text = `${JSON.stringify(doc, null, 2)}\n`;
  const stamp = now.toISOString().replace(/[-:]/g, '').replace('.000', '');
  const file = path.join(RESULTS, `${benchmark}-${stamp}.json`);
  writeFileSync(file, text);
  writeFileSync(path.join(RESULTS, `${benchmark}-latest.json`), text);
  return file;
}
