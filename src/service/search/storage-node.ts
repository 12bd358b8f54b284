/**
 * Node storage of embedded indexes: one SQLite file per bucket under the user's data directory,
 * `$XDG_DATA_HOME/helium/search/<endpoint-hash>/<bucket>.sqlite3` (default `~/.local/share`).
 */
import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { acquireFileLock } from './file-lock';
import type { IndexStorage } from './sql';

/**
 * The file of a bucket's index.
 * @param endpoint - the S3 endpoint URL ('' for AWS).
 * @param bucket - the bucket.
 * @param env - the environment (for XDG_DATA_HOME, HOME).
 * @returns the path.
 */
export function indexFilePath(endpoint: string, bucket: string, env: NodeJS.ProcessEnv = process.env): string {
  const dataHome = env.XDG_DATA_HOME || path.join(env.HOME || os.homedir(), '.local', 'share');
  // Buckets of different S3 servers may share names: one directory per endpoint.
  const endpointHash = createHash('sha256')
    .update(endpoint || 'aws')
    .digest('hex')
    .slice(0, 16);
  return path.join(dataHome, 'helium', 'search', endpointHash, `${bucket}.sqlite3`);
}

/** What tells one saved image from another: inode, size and modification time (a save renames a new file in). */
function stampOf(stat: { ino: bigint; size: bigint; mtimeNs: bigint }): string {
  return `${stat.ino}:${stat.size}:${stat.mtimeNs}`;
}

/**
 * Storage in a file, replaced atomically (written beside it, then renamed). Several processes may
 * keep the same file (two `helium` commands on one bucket): `lock()` is `<file>.lock`
 * (file-lock.ts), and `changedSinceLoad()` tells whether another process saved since.
 * @param file - the path.
 * @returns the storage.
 */
export function fileStorage(file: string): IndexStorage {
  /** The image last loaded or saved here ('none': there was no file). */
  let seen: string | null = null;
  return {
    location: file,
    load: async () => {
      let handle: fs.FileHandle;
      try {
        handle = await fs.open(file, 'r');
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === 'ENOENT') {
          seen = 'none';
          return null;
        }
        throw err;
      }
      try {
        // The stamp of the very file read (a rename in between cannot mix two images).
        seen = stampOf(await handle.stat({ bigint: true }));
        return new Uint8Array(await handle.readFile());
      } finally {
        await handle.close();
      }
    },
    save: async bytes => {
      await fs.mkdir(path.dirname(file), { recursive: true });
      const temp = `${file}.${process.pid}.tmp`;
      const handle = await fs.open(temp, 'w');
      try {
        await handle.writeFile(bytes);
        seen = stampOf(await handle.stat({ bigint: true }));
      } finally {
        await handle.close();
      }
      await fs.rename(temp, file);
    },
    lock: async () => {
      await fs.mkdir(path.dirname(file), { recursive: true });
      return acquireFileLock(`${file}.lock`);
    },
    changedSinceLoad: async () => {
      try {
        return stampOf(await fs.stat(file, { bigint: true })) !== seen;
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === 'ENOENT') return seen !== 'none' && seen !== null;
        throw err;
      }
    }
  };
}
