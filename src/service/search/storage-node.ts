/**
 * Node storage of embedded indexes: one SQLite file per bucket under the user's data directory,
 * `$XDG_DATA_HOME/helium/search/<endpoint-hash>/<bucket>.sqlite3` (default `~/.local/share`).
 */
import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
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

/**
 * Storage in a file, replaced atomically (written beside it, then renamed).
 * @param file - the path.
 * @returns the storage.
 */
export function fileStorage(file: string): IndexStorage {
  return {
    location: file,
    load: async () => {
      try {
        return new Uint8Array(await fs.readFile(file));
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === 'ENOENT') {
          return null;
        }
        throw err;
      }
    },
    save: async bytes => {
      await fs.mkdir(path.dirname(file), { recursive: true });
      const temp = `${file}.${process.pid}.tmp`;
      await fs.writeFile(temp, bytes);
      await fs.rename(temp, file);
    }
  };
}
