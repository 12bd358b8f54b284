/**
 * The page's side of table loading (the table viewer and the table diff): loads a table in a Web
 * Worker (src/workers/table-load.worker.ts): parsing a 50 MiB CSV takes
 * seconds, which on the page's thread would freeze JupyterLab and the tab's own Cancel button.
 * Each load gets its own worker, terminated when done or cancelled (stopping the parse at once).
 * Where a worker cannot start (a Content-Security-Policy without `worker-src`, a failed script
 * load), the table is loaded on the page's thread instead: slower to the eye, same result.
 */
import type { Table } from 'apache-arrow';
import { HeliumError, throwIfAborted } from '../../service/error-class';
import { decodeTable, errorFromMessage, transferable } from '../../service/diff/table-message';
import type { TableLoadRequest, TableLoadResponse } from '../../service/diff/table-message';
import { displayKey } from '../../service/uri';
import { anySignal } from '../diff-content';
import { loadTableLoad } from '../engine';
import { startTableWorker } from './table-worker-start';

/** The worker's answer to a request. */
type Answer = Exclude<TableLoadResponse, { ready: true }>;

/**
 * Load the table on the page's thread (the fallback).
 * @param request - bytes, key and Content-Type.
 * @param signal - cancels the load.
 * @param what - what is being done, for the message.
 * @returns the table.
 */
async function loadHere(request: TableLoadRequest, signal: AbortSignal | undefined, what: string): Promise<Table> {
  const { loadTable } = await loadTableLoad();
  throwIfAborted(signal, what);
  // Here the parse cannot be interrupted; a cancel during it is honoured as soon as it ends.
  const table = await loadTable(request.bytes, request.key, request.contentType);
  throwIfAborted(signal, what);
  return table;
}

/**
 * Read an object's bytes as an Arrow table, off the page's thread.
 * @param bytes - the object's bytes; they are moved to the worker, do not use them afterwards.
 * @param key - its key (picks the format when the bytes do not say).
 * @param contentType - its Content-Type, if known.
 * @param signal - cancels the load (and terminates the worker).
 * @returns the table.
 * @throws HeliumError `InvalidInput` for bytes that are not a readable table, `Cancelled`.
 */
export async function loadTableOffThread(bytes: Uint8Array, key: string, contentType?: string, signal?: AbortSignal): Promise<Table> {
  const what = `Reading ${displayKey(key)}`;
  throwIfAborted(signal, what);
  const request: TableLoadRequest = { bytes: transferable(bytes), key, contentType };
  const worker = startTableWorker();
  if (!worker) {
    return loadHere(request, signal, what);
  }
  let onAbort: (() => void) | undefined;
  try {
    const response = await new Promise<Answer | 'no-worker'>((resolve, reject) => {
      onAbort = () => reject(new HeliumError('Cancelled', `${what} was cancelled.`, { code: 'AbortError' }));
      signal?.addEventListener('abort', onAbort, { once: true });
      let started = false;
      worker.onmessage = (event: MessageEvent<TableLoadResponse>) => {
        if ('ready' in event.data) {
          started = true;
          try {
            worker.postMessage(request, [request.bytes.buffer as ArrayBuffer]);
          } catch (err) {
            // e.g. DataCloneError: bytes already handed over elsewhere.
            reject(
              new HeliumError('Unknown', `${what}: the bytes could not be handed to the table worker (${String(err)}).`, {
                code: 'WorkerFailed',
                cause: err,
                params: { what: displayKey(key), reason: String(err) }
              })
            );
          }
        } else {
          resolve(event.data as Answer);
        }
      };
      worker.onmessageerror = () =>
        reject(
          new HeliumError('Unknown', `${what}: the table worker's answer could not be read.`, {
            code: 'WorkerFailed',
            params: { what: displayKey(key), reason: 'messageerror' }
          })
        );
      // Our worker answers every request, errors included: an error event means its script did
      // not load or run. Before `ready` the bytes are still here, so the page loads the table.
      worker.onerror = event => {
        event.preventDefault();
        if (started) {
          reject(
            new HeliumError('Unknown', `${what} failed in its worker: ${event.message}`, {
              code: 'WorkerFailed',
              params: { what: displayKey(key), reason: event.message }
            })
          );
        } else {
          console.warn('jupyterlab-helium: the table worker did not start, loading on the page', event.message);
          resolve('no-worker');
        }
      };
    });
    if (response === 'no-worker') {
      return await loadHere(request, signal, what);
    }
    if ('error' in response) {
      throw errorFromMessage(response.error);
    }
    return await decodeTable(response.ipc);
  } finally {
    worker.terminate();
    if (onAbort) {
      signal?.removeEventListener('abort', onAbort);
    }
  }
}

/**
 * Load the two sides of a table diff in parallel, each in its worker. When one side fails, the
 * other is stopped (its worker may hold GiBs for a large CSV) and the first failure is thrown.
 * @param left - the left side's bytes (moved to its worker), key and Content-Type.
 * @param right - the right side's.
 * @param signal - cancels both.
 * @returns the two tables.
 */
export async function loadTablePair(left: TableLoadRequest, right: TableLoadRequest, signal?: AbortSignal): Promise<[Table, Table]> {
  const both = new AbortController();
  const sideSignal = anySignal(signal, both.signal);
  const load = (side: TableLoadRequest) =>
    loadTableOffThread(side.bytes, side.key, side.contentType, sideSignal).catch(err => {
      both.abort();
      throw err;
    });
  return Promise.all([load(left), load(right)]);
}
