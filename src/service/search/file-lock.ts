/**
 * A lock file beside a local index, so that two `helium` processes updating one bucket's index do
 * not both read the old image and save over each other (the second save would drop the first's
 * update). It is held only while a writer re-reads, changes and saves the index (seconds), never
 * during a sync's S3 requests.
 *
 * `<index>.lock` is created exclusively (`wx`) and holds the owner's pid, host and a random token.
 * A lock is stale when its process is gone (same host) or when it is older than
 * {@link STALE_AFTER_MS} (a crashed holder on another host sharing the directory): it is then moved
 * aside and taken. Release removes the file only while it still holds our token.
 */
import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import { HeliumError } from '../error-class';

/** A lock older than this is taken over even when its holder cannot be checked (another host). */
export const STALE_AFTER_MS = 120_000;

/** What a lock file says. */
interface LockOwner {
  pid: number;
  host: string;
  token: string;
  time: number;
}

/** Options of {@link acquireFileLock} (tests shorten them). */
export interface FileLockOptions {
  /** Give up after this long (default 60 s). */
  timeoutMs?: number;
  /** Whether a process is alive (default: signal 0). */
  isAlive?: (pid: number) => boolean;
}

/** Whether a process of this host is alive: signal 0 checks without signalling. */
function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: it exists but belongs to someone else.
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The owner a lock file names, or null when it cannot be read (gone, or half written). */
async function readOwner(file: string): Promise<{ owner: LockOwner | null; mtimeMs: number } | null> {
  try {
    const [text, stat] = await Promise.all([fs.readFile(file, 'utf-8'), fs.stat(file)]);
    try {
      return { owner: JSON.parse(text) as LockOwner, mtimeMs: stat.mtimeMs };
    } catch {
      return { owner: null, mtimeMs: stat.mtimeMs };
    }
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw err;
  }
}

/**
 * Take the lock `file`, waiting while another live process holds it.
 * @param file - the lock file's path (its directory must exist).
 * @param options - timeout and liveness check.
 * @returns release: removes the lock if it is still ours.
 * @throws HeliumError `Conflict` when another process holds it for longer than the timeout.
 */
export async function acquireFileLock(file: string, options: FileLockOptions = {}): Promise<() => Promise<void>> {
  const timeoutMs = options.timeoutMs ?? 60_000;
  const isAlive = options.isAlive ?? processAlive;
  const me: LockOwner = { pid: process.pid, host: os.hostname(), token: randomBytes(8).toString('hex'), time: Date.now() };
  const started = Date.now();
  for (let wait = 20; ; wait = Math.min(wait * 2, 250)) {
    try {
      await fs.writeFile(file, JSON.stringify(me), { flag: 'wx' });
      return () => releaseFileLock(file, me.token);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
    const held = await readOwner(file);
    if (held === null) continue; // released meanwhile: try again at once
    const { owner, mtimeMs } = held;
    const dead = owner !== null && owner.host === me.host && owner.pid !== me.pid && !isAlive(owner.pid);
    if (dead || Date.now() - mtimeMs > STALE_AFTER_MS) {
      await takeStale(file, owner);
      continue;
    }
    if (Date.now() - started > timeoutMs) {
      const who = owner ? `process ${owner.pid} on ${owner.host}` : 'another process';
      throw new HeliumError('Conflict', `The search index is being updated by ${who} (lock ${file}); try again when it is done.`, {
        code: 'IndexLocked'
      });
    }
    await new Promise(resolve => setTimeout(resolve, wait));
  }
}

/**
 * Move a stale lock aside. Another process may have taken the same stale lock and made a new one
 * in between: the file moved is then checked, and a live lock is put back (link: never over a
 * newer one).
 */
async function takeStale(file: string, stale: LockOwner | null): Promise<void> {
  const aside = `${file}.stale-${process.pid}-${randomBytes(4).toString('hex')}`;
  try {
    await fs.rename(file, aside);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw err;
  }
  const moved = await readOwner(aside);
  if (moved?.owner && stale && moved.owner.token !== stale.token) {
    await fs.link(aside, file).catch(() => undefined);
  }
  await fs.rm(aside, { force: true });
}

/** Remove the lock if it still holds our token (it was not taken over as stale). */
async function releaseFileLock(file: string, token: string): Promise<void> {
  const held = await readOwner(file);
  if (held?.owner?.token === token) {
    await fs.rm(file, { force: true });
  }
}
