/**
 * A download's bytes written into a workspace file through JupyterLab's chunked save API
 * (chunk 1, 2, …, -1; each chunk is base64 in a JSON body the Jupyter server decodes and appends).
 *
 * Each save is a request the server handles in Python at a fixed cost on top of its bytes, so
 * bytes are gathered into chunks of {@link SAVE_CHUNK} (the download's 1 MiB writes would cost a
 * request each), and one save runs while the next chunk arrives, so reading the object and writing
 * the file overlap. Bytes go to `<path>.helium-partial`, renamed over `path` only when complete: a
 * failed or cancelled download never touches an existing file.
 */
import type { Contents } from '@jupyterlab/services';
import { toBase64 } from '../service/checksum';
import { joinChunks } from '../service/transfers/join-chunks';

/** Suffix of a download in progress; not a dot-file, which the Jupyter server would refuse. */
export const PARTIAL_SUFFIX = '.helium-partial';

/**
 * Bytes per save. Larger chunks mean fewer requests, but the page encodes each one (base64 and
 * JSON) and hands it to `fetch` on the main thread, a copy whose cost grows with the chunk: 4 MiB
 * keeps that well under the 50 ms of a long task.
 */
export const SAVE_CHUNK = 4 * 1024 * 1024;

/** The parts of JupyterLab's Contents manager the sink uses. */
export type SinkContents = Pick<Contents.IManager, 'save' | 'delete' | 'rename'>;

/**
 * Saves one chunk of a file: the chunk's bytes (`parts`, `length` in all) as chunk `chunk` of
 * JupyterLab's chunked save (1, 2, …, -1 for the last), or as the whole file when `chunk` is
 * undefined.
 */
export type SaveChunk = (path: string, parts: Uint8Array[], length: number, chunk: number | undefined) => Promise<void>;

/**
 * Chunks saved by the Contents manager (`contents.save`, which makes the JSON body on the page).
 * Joining, encoding and the save's own JSON and body are each a copy of the chunk: one task
 * each, so the page stays responsive between them.
 * @param contents - the workspace.
 * @returns the saver.
 */
export function contentsSaveChunk(contents: Pick<Contents.IManager, 'save'>): SaveChunk {
  return async (path, parts, length, chunk) => {
    const bytes = joinChunks(parts, length);
    await nextTask();
    const content = toBase64(bytes);
    await nextTask();
    await contents.save(path, { type: 'file', format: 'base64', content, ...(chunk === undefined ? {} : { chunk }) });
  };
}

/**
 * A sink writing a workspace file through the chunked save API.
 * @param contents - the workspace (deletes and renames; saves too unless `saveChunk` is given).
 * @param path - the file to write.
 * @param options - `chunkBytes`, bytes per save (tests use small ones); `saveChunk`, how a chunk is
 *   saved (default: {@link contentsSaveChunk}).
 * @returns the sink (`write` in order, then `close`, or `abort`).
 */
export function contentsSink(contents: SinkContents, path: string, options: { chunkBytes?: number; saveChunk?: SaveChunk } = {}) {
  const chunkBytes = options.chunkBytes ?? SAVE_CHUNK;
  const saveChunk = options.saveChunk ?? contentsSaveChunk(contents);
  const temp = path + PARTIAL_SUFFIX;
  // Bytes not yet saved; a full chunk is saved only once more bytes follow, so the last save
  // (chunk -1, which tells the server the file is complete) is known when it is sent.
  let pending: Uint8Array[] = [];
  let pendingBytes = 0;
  let full: { parts: Uint8Array[]; length: number } | null = null;
  let saved = 0;
  let inflight: Promise<void> | null = null;
  let failure: { error: unknown } | null = null;

  const save = async (parts: Uint8Array[], length: number, last: boolean) => {
    const only = last && saved === 0; // fits one chunk: a plain save
    const chunk = last ? -1 : saved + 1;
    saved++;
    await saveChunk(temp, parts, length, only ? undefined : chunk);
  };
  /** Waits for the save in flight; throws what it threw. */
  const settle = async () => {
    await inflight;
    inflight = null;
    if (failure) {
      throw failure.error;
    }
  };
  const take = () => {
    const taken = { parts: pending, length: pendingBytes };
    pending = [];
    pendingBytes = 0;
    return taken;
  };

  return {
    async write(bytes: Uint8Array): Promise<void> {
      pending.push(bytes);
      pendingBytes += bytes.byteLength;
      if (pendingBytes < chunkBytes) {
        return;
      }
      await settle(); // one save at a time: the server appends them in order
      if (full) {
        const chunk = full;
        inflight = save(chunk.parts, chunk.length, false).catch(error => {
          failure = { error };
        });
      }
      full = take();
    },
    async close(): Promise<void> {
      await settle();
      const rest = take();
      if (full && rest.length) {
        await save(full.parts, full.length, false);
        await save(rest.parts, rest.length, true);
      } else {
        const only = full ?? rest;
        await save(only.parts, only.length, true);
      }
      full = null;
      await renameOver(contents, temp, path);
    },
    async abort(): Promise<void> {
      await inflight;
      inflight = null;
      pending = [];
      full = null;
      await contents.delete(temp).catch(() => undefined);
    }
  };
}

/**
 * Puts a complete partial file in its place: the file browser hears of the rename at once.
 * @param contents - the workspace.
 * @param temp - the partial file.
 * @param path - where it goes (an existing file there is replaced).
 */
export async function renameOver(contents: Pick<Contents.IManager, 'delete' | 'rename'>, temp: string, path: string): Promise<void> {
  // The user already agreed to replace an existing file; rename refuses to overwrite.
  await contents.delete(path).catch(() => undefined);
  try {
    await contents.rename(temp, path);
  } catch (err) {
    // E.g. a folder of that name that could not be deleted: leave no partial file behind.
    await contents.delete(temp).catch(() => undefined);
    throw err;
  }
}

/** Resolves in a later task (a macrotask: rendering and input may run first). */
function nextTask(): Promise<void> {
  return new Promise(resolve => setTimeout(resolve, 0));
}
