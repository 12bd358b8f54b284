/**
 * osmem-server for tests: an in-memory OpenSearch-compatible server (a Go binary shipped in the
 * PyPI wheel `osmem-server`, in the project's .venv). Started per test file on a free port; it
 * prints one JSON line `{"url": …}` when ready and exits when its stdin closes or we kill it.
 */
import { ChildProcess, execFileSync, spawn } from 'child_process';
import { createInterface } from 'readline';
import { testPython } from './python-interop';

/** A running osmem-server. */
export interface Osmem {
  url: string;
  stop(): Promise<void>;
}

/**
 * The osmem-server binary: $OSMEM_SERVER_BIN, else the one in the Python wheel.
 * @returns its path.
 */
export function osmemBinary(): string {
  return (
    process.env.OSMEM_SERVER_BIN ??
    execFileSync(testPython(), ['-c', 'import osmem_server; print(osmem_server.resolve_binary())'], { encoding: 'utf-8' }).trim()
  );
}

/**
 * Start osmem-server and wait until it says where it listens.
 * @returns its URL and a way to stop it.
 */
export function startOsmem(): Promise<Osmem> {
  const child: ChildProcess = spawn(osmemBinary(), ['-addr', '127.0.0.1:0', '-parent-pid', String(process.pid), '-no-ja'], {
    stdio: ['pipe', 'pipe', 'inherit']
  });
  const exited = new Promise<void>(resolve => child.once('exit', () => resolve()));
  return new Promise<Osmem>((resolve, reject) => {
    const lines = createInterface({ input: child.stdout! });
    child.once('error', reject);
    child.once('exit', code => reject(new Error(`osmem-server exited (${code}) before it was ready`)));
    lines.on('line', line => {
      try {
        const { url } = JSON.parse(line) as { url?: string };
        if (url) {
          lines.close();
          resolve({
            url,
            stop: async () => {
              child.stdin?.end(); // it exits when stdin closes
              child.kill();
              await exited;
            }
          });
        }
      } catch {
        // not the ready line
      }
    });
  });
}
