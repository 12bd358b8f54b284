/**
 * Where the search worker keeps indexes: the browser's origin-private file system (OPFS), one
 * file per connection + bucket under `helium-search/`, else (no OPFS, e.g. a private window) in
 * memory, and the panel says so.
 */
import { memoryStorage } from '../service/search/sql';
import type { WorkerStorage } from './search-handler';

/** The OPFS calls used here (tsconfig has DOM types; these are typed loosely for older ones). */
interface OpfsFile {
  getFile(): Promise<Blob>;
  createWritable?: () => Promise<{ write(data: Uint8Array): Promise<void>; close(): Promise<void> }>;
  createSyncAccessHandle?: () => Promise<{
    truncate(size: number): void;
    write(data: Uint8Array, options: { at: number }): number;
    flush(): void;
    close(): void;
  }>;
}
interface OpfsDirectory {
  getDirectoryHandle(name: string, options: { create: boolean }): Promise<OpfsDirectory>;
  getFileHandle(name: string, options: { create: boolean }): Promise<OpfsFile>;
}

const DIRECTORY = 'helium-search';

/** The OPFS directory of indexes, or null where there is none. */
async function opfsDirectory(): Promise<OpfsDirectory | null> {
  try {
    const storage = (globalThis.navigator as { storage?: { getDirectory?: () => Promise<OpfsDirectory> } } | undefined)?.storage;
    if (!storage?.getDirectory) {
      return null;
    }
    return await (await storage.getDirectory()).getDirectoryHandle(DIRECTORY, { create: true });
  } catch {
    return null; // e.g. Firefox private windows refuse OPFS
  }
}

/**
 * The storage of one index.
 * @param name - the index's name (`indexName`), safe as a file name.
 * @returns the storage, and whether it persists.
 */
export async function browserStorageFor(name: string): Promise<WorkerStorage> {
  const dir = await opfsDirectory();
  if (!dir) {
    return { storage: memoryStorage(), persisted: false };
  }
  const fileName = `${name}.sqlite3`;
  return {
    persisted: true,
    storage: {
      location: `OPFS ${DIRECTORY}/${fileName}`,
      load: async () => {
        try {
          const file = await (await dir.getFileHandle(fileName, { create: false })).getFile();
          return file.size > 0 ? new Uint8Array(await file.arrayBuffer()) : null;
        } catch {
          return null; // not there yet
        }
      },
      save: async bytes => {
        const handle = await dir.getFileHandle(fileName, { create: true });
        if (handle.createWritable) {
          // A writable stream writes a swap file and replaces the file on close: atomic.
          const out = await handle.createWritable();
          await out.write(bytes);
          await out.close();
          return;
        }
        if (!handle.createSyncAccessHandle) {
          throw new Error('This browser cannot write OPFS files.');
        }
        const access = await handle.createSyncAccessHandle();
        try {
          access.truncate(0);
          access.write(bytes, { at: 0 });
          access.flush();
        } finally {
          access.close();
        }
      }
    }
  };
}
