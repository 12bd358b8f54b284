/**
 * Test harness for the `helium` command: builds dist/helium.cjs when it is missing or older than
 * the sources, and runs it as a child process against the local S3 server.
 */
import { ChildProcess, execFile, spawn } from 'child_process';
import { createHash } from 'crypto';
import { promises as fs } from 'fs';
import * as path from 'path';

/** The repository root. */
export const ROOT = path.resolve(__dirname, '..', '..');

/** The bundled command. */
export const CLI = path.join(ROOT, 'dist', 'helium.cjs');

/**
 * The newest modification time of the files under a folder.
 * @param dir - the folder.
 * @returns milliseconds since the epoch.
 */
async function newest(dir: string): Promise<number> {
  let latest = 0;
  for (const entry of await fs.readdir(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      latest = Math.max(latest, await newest(full));
    } else if (/\.(tsx?|json)$/.test(entry.name) && !entry.name.endsWith('.spec.ts')) {
      latest = Math.max(latest, (await fs.stat(full)).mtimeMs);
    }
  }
  return latest;
}

/**
 * Build dist/helium.cjs unless it is newer than every source of src/cli and src/service.
 * @returns when the bundle is up to date.
 */
export async function ensureCliBuilt(): Promise<void> {
  const built = await fs.stat(CLI).then(
    s => s.mtimeMs,
    () => 0
  );
  const sources = Math.max(
    await newest(path.join(ROOT, 'src', 'cli')),
    await newest(path.join(ROOT, 'src', 'service')),
    (await fs.stat(path.join(ROOT, 'scripts', 'build_cli.mjs'))).mtimeMs
  );
  if (built > sources) {
    return;
  }
  await new Promise<void>((resolve, reject) => {
    execFile(process.execPath, [path.join(ROOT, 'scripts', 'build_cli.mjs')], { cwd: ROOT }, (err, _out, stderr) =>
      err ? reject(new Error(`Building the CLI failed: ${stderr || err.message}`)) : resolve()
    );
  });
}

/** The outcome of one run. */
export interface CliResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** Options of {@link startCli}. */
export interface CliRunOptions {
  /** The S3 endpoint (`--endpoint-url`); omit to pass none. */
  endpoint?: string;
  /** The working directory. */
  cwd?: string;
  /** Extra environment. */
  env?: Record<string, string>;
  /** Called with each chunk of stderr as it arrives. */
  onStderr?: (text: string) => void;
}

/** A running command. */
export interface RunningCli {
  child: ChildProcess;
  done: Promise<CliResult>;
}

/**
 * The environment of the command: local S3 credentials, no profile or endpoint from outside.
 * @param extra - more variables.
 * @returns the environment.
 */
function cliEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const name of [
    'AWS_PROFILE',
    'AWS_ENDPOINT_URL',
    'AWS_ENDPOINT_URL_S3',
    'AWS_SESSION_TOKEN',
    'HELIUM_DEBUG',
    'HELIUM_OPENSEARCH_URL'
  ]) {
    delete env[name];
  }
  return {
    ...env,
    AWS_ACCESS_KEY_ID: 'testing',
    AWS_SECRET_ACCESS_KEY: 'testing',
    AWS_REGION: 'us-east-1',
    ...extra
  };
}

/**
 * Start `node dist/helium.cjs [--endpoint-url URL] ...args`.
 * @param args - the arguments.
 * @param options - endpoint, working directory, environment.
 * @returns the child and a promise of its outcome.
 */
export function startCli(args: readonly string[], options: CliRunOptions = {}): RunningCli {
  const argv = [CLI, ...(options.endpoint ? ['--endpoint-url', options.endpoint] : []), ...args];
  const child = spawn(process.execPath, argv, {
    cwd: options.cwd ?? ROOT,
    env: cliEnv(options.env),
    stdio: ['ignore', 'pipe', 'pipe']
  });
  let stdout = '';
  let stderr = '';
  child.stdout?.setEncoding('utf8').on('data', (t: string) => (stdout += t));
  child.stderr?.setEncoding('utf8').on('data', (t: string) => {
    stderr += t;
    options.onStderr?.(t);
  });
  const done = new Promise<CliResult>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
  return { child, done };
}

/**
 * Run the command to its end.
 * @param args - the arguments.
 * @param options - endpoint, working directory, environment.
 * @returns exit code and output.
 */
export function runCli(args: readonly string[], options: CliRunOptions = {}): Promise<CliResult> {
  return startCli(args, options).done;
}

/**
 * The peak resident memory (VmHWM) of a process so far, from /proc.
 * @param pid - the process.
 * @returns bytes, or undefined when the process is gone (or not on Linux).
 */
export async function peakRss(pid: number): Promise<number | undefined> {
  try {
    const status = await fs.readFile(`/proc/${pid}/status`, 'utf8');
    const match = /^VmHWM:\s+(\d+)\s+kB/m.exec(status);
    return match ? Number(match[1]) * 1024 : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Every file under a folder (relative paths, sorted), with its size and SHA-256 (comparing
 * hashes, not Buffers: jest's deep equality walks a Buffer byte by byte).
 * @param dir - the folder.
 * @returns path → `<size>:<sha256 hex>`.
 */
export async function readTree(dir: string): Promise<Map<string, string>> {
  const files = new Map<string, string>();
  const visit = async (d: string, prefix: string): Promise<void> => {
    for (const entry of await fs.readdir(d, { withFileTypes: true })) {
      const rel = prefix ? `${prefix}/${entry.name}` : entry.name;
      if (entry.isDirectory()) {
        await visit(path.join(d, entry.name), rel);
      } else {
        const bytes = await fs.readFile(path.join(d, entry.name));
        files.set(rel, `${bytes.length}:${createHash('sha256').update(bytes).digest('hex')}`);
      }
    }
  };
  await visit(dir, '');
  return new Map([...files.entries()].sort(([a], [b]) => (a < b ? -1 : 1)));
}
