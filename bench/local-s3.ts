/**
 * The local S3 a benchmark runs against: scripts/local_s3.py started in a child process (moto,
 * versioning on), unless HELIUM_BENCH_S3_URL names a running server.
 */
import { ChildProcess, spawn } from 'child_process';
import { existsSync, mkdtempSync, openSync, readFileSync, rmSync } from 'fs';
import * as os from 'os';
import * as path from 'path';

const ROOT = path.resolve(__dirname, '..');
const CREDS = { AWS_ACCESS_KEY_ID: 'testing', AWS_SECRET_ACCESS_KEY: 'testing', AWS_REGION: 'us-east-1' };

/** A started (or given) local S3. */
export interface BenchS3 {
  url: string;
  /** The server's process id (none for a given server). */
  pid?: number;
  /** The server's log (empty for a given server). */
  log: () => string;
  stop: () => void;
}

/**
 * Start scripts/local_s3.py with extra arguments, or use HELIUM_BENCH_S3_URL.
 * @param options - `args` for local_s3.py (e.g. `['--bucket', 'b']`), `python` (with moto),
 *   `needs` (said when python is missing), and `readyMinutes` (how long filling may take).
 * @returns the URL, the log and a stop function (also called when the process exits).
 */
export async function startBenchS3(options: { args: string[]; python: string; needs: string; readyMinutes: number }): Promise<BenchS3> {
  const given = process.env.HELIUM_BENCH_S3_URL;
  if (given) {
    return { url: given, log: () => '', stop: () => undefined };
  }
  if (!existsSync(options.python)) {
    throw new Error(`No python at ${options.python}; set HELIUM_BENCH_PYTHON to a python with ${options.needs}.`);
  }
  const dir = mkdtempSync(path.join(os.tmpdir(), 'helium-bench-s3-'));
  const urlFile = path.join(dir, 'url');
  const logFile = path.join(dir, 'server.log');
  const server: ChildProcess = spawn(
    options.python,
    [path.join(ROOT, 'scripts', 'local_s3.py'), '--host', '127.0.0.1', '--port', '0', '--url-file', urlFile, ...options.args],
    { stdio: ['ignore', openSync(logFile, 'w'), openSync(logFile, 'a')], env: { ...process.env, ...CREDS } }
  );
  const log = (): string => (existsSync(logFile) ? readFileSync(logFile, 'utf8') : '');
  const stop = (): void => {
    if (server.exitCode === null && server.pid !== undefined) {
      server.kill('SIGTERM');
    }
    rmSync(dir, { recursive: true, force: true });
  };
  process.on('exit', stop);
  const polls = options.readyMinutes * 600; // every 100 ms
  for (let i = 0; i < polls && !existsSync(urlFile); i++) {
    if (server.exitCode !== null) {
      const text = log();
      stop();
      throw new Error(`The local S3 server exited:\n${text}`);
    }
    await new Promise(resolve => setTimeout(resolve, 100));
  }
  if (!existsSync(urlFile)) {
    stop();
    throw new Error(`The local S3 server did not get ready in ${options.readyMinutes} minutes.`);
  }
  return { url: readFileSync(urlFile, 'utf8').trim(), pid: server.pid, log, stop };
}
