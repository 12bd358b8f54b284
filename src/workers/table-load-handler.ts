/**
 * What the table worker does with one request, apart from the worker plumbing (so tests run it
 * in-process): load the table, answer with its Arrow IPC stream or the error as data.
 */
import { loadTable } from '../service/diff/table-load';
import { encodeTable, errorToMessage, transferable } from '../service/diff/table-message';
import type { TableLoadRequest, TableLoadResponse } from '../service/diff/table-message';

/**
 * Load a table and say how it went.
 * @param request - bytes, key and Content-Type.
 * @returns the table as an IPC stream (a buffer of its own, ready to transfer), or the error.
 */
export async function answerTableLoad(request: TableLoadRequest): Promise<TableLoadResponse> {
  try {
    return { ipc: transferable(await encodeTable(await loadTable(request.bytes, request.key, request.contentType))) };
  } catch (err) {
    return { error: errorToMessage(err, request.key) };
  }
}
