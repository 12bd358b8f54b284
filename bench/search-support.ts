/**
 * Helpers of bench/search.ts: the local S3 it starts, a request counter, percentiles and the
 * printed table.
 */
import type { S3Client } from '@aws-sdk/client-s3';
import * as path from 'path';
import { startBenchS3 } from './local-s3';

const ROOT = path.resolve(__dirname, '..');
const python = process.env.HELIUM_BENCH_PYTHON ?? path.join(ROOT, '.venv', 'bin', 'python');

/**
 * Start scripts/local_s3.py with `--meta-prefix SPEC` (objects with T4 metadata written into moto
 * directly), unless HELIUM_BENCH_S3_URL is set (then that server's bucket must be filled already).
 * @param metaPrefix - `BUCKET/PREFIX:COUNT`.
 * @returns the URL and a stop function.
 */
export async function startMetaServer(metaPrefix: string): Promise<{ url: string; stop: () => void }> {
  // Filling 100,000 objects takes a minute or two; allow 30.
  const s3 = await startBenchS3({ args: ['--meta-prefix', metaPrefix], python, needs: 'moto', readyMinutes: 30 });
  const ready = s3.log().trim().split('\n');
  if (ready.length && ready[0]) {
    console.log(`  ${ready.find(line => line.startsWith('Put ')) ?? ready.pop()}`);
  }
  return s3;
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
