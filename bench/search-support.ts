/**
 * Helpers of bench/search.ts: the local S3 it starts, a request counter, percentiles and the
 * printed table.
 */
import type { S3Client } from '@aws-sdk/client-s3';
import { ChildProcess, spawn } from 'child_process';
import { existsSync, mkdtempSync, openSync, readFileSync, rmSync } from 'fs';
import * as os from 'os';
import * as path from 'path';

const ROOT = path.resolve(__dirname, '..');
const python = process.env.HELIUM_BENCH_PYTHON ?? path.join(ROOT, '.venv', 'bin', 'python');
const CREDS = { AWS_ACCESS_KEY_ID: 'testing', AWS_SECRET_ACCESS_KEY: 'testing', AWS_REGION: 'us-east-1' };

/**
 * Start scripts/local_s3.py with `--meta-prefix SPEC` (objects with T4 metadata written into moto
 * directly), unless HELIUM_BENCH_S3_URL is set (then that server's bucket must be filled already).
 * @param metaPrefix - `BUCKET/PREFIX:COUNT`.
 * @returns the URL and a stop function.
 */
export async function startMetaServer(metaPrefix: string): Promise<{ url: string; stop: () => void }> {
  const given = process.env.HELIUM_BENCH_S3_URL;
  if (given) {
    return { url: given, stop: () => undefined };
  }
  if (!existsSync(python)) {
    throw new Error(`No python at ${python}; set HELIUM_BENCH_PYTHON to a python with moto.`);
  }
  const dir = mkdtempSync(path.join(os.tmpdir(), 'helium-search-bench-s3-'));
  const urlFile = path.join(dir, 'url');
  const logFile = path.join(dir, 'server.log');
  const log = openSync(logFile, 'w');
  const server: ChildProcess = spawn(
    python,
    [path.join(ROOT, 'scripts', 'local_s3.py'), '--host', '127.0.0.1', '--port', '0', '--url-file', urlFile, '--meta-prefix', metaPrefix],
    { stdio: ['ignore', log, log], env: { ...process.env, ...CREDS } }
  );
  const stop = (): void => {
    if (server.exitCode === null && server.pid !== undefined) {
      server.kill('SIGTERM');
    }
    rmSync(dir, { recursive: true, force: true });
  };
  process.on('exit', stop);
  // Filling 100,000 objects takes a minute or two; allow 30.
  for (let i = 0; i < 18_000 && !existsSync(urlFile); i++) {
    if (server.exitCode !== null) {
      const text = readFileSync(logFile, 'utf8');
      stop();
      throw new Error(`The local S3 server exited:\n${text}`);
    }
    await new Promise(resolve => setTimeout(resolve, 100));
  }
  if (!existsSync(urlFile)) {
    stop();
    throw new Error('The local S3 server did not get ready in 30 minutes.');
  }
  const ready = readFileSync(logFile, 'utf8').trim().split('\n');
  console.log(`  ${ready.find(line => line.startsWith('Put ')) ?? ready.pop()}`);
  return { url: readFileSync(urlFile, 'utf8').trim(), stop };
}

/**
 * Count the requests sent through a client, by command name (e.g. `HeadObjectCommand`).
 * @param s3 - the client.
 * @returns the live counts.
 */
export function countRequests(s3: S3Client): Record<string, number> {
  const counts: Record<string, number> = {};
  s3.middlewareStack.add(
    (next, context) => args => {
      const name = context.commandName ?? 'unknown';
      counts[name] = (counts[name] ?? 0) + 1;
      return next(args);
    },
    { step: 'initialize', name: 'benchCountRequests' }
  );
  return counts;
}

/**
 * A percentile (nearest rank).
 * @param values - samples.
 * @param p - 0–100.
 * @returns the value.
 */
export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

/**
 * Format seconds.
 * @param s - seconds.
 * @returns text.
 */
export const sec = (s: number): string => s.toFixed(s < 10 ? 2 : 1);

/**
 * Print a table, first column left-aligned, the others right-aligned.
 * @param header - column titles.
 * @param rows - cells.
 */
export function table(header: string[], rows: string[][]): void {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map(r => r[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  console.log(line(header));
  console.log(widths.map(w => '-'.repeat(w)).join('  '));
  rows.forEach(r => console.log(line(r)));
}
