/**
 * The messages between the page and a worker that loads tables (see src/workers): the bytes of an
 * object go in, an Arrow IPC stream comes back (a single transferable buffer, so handing a table
 * from the worker to the page copies nothing), or a {@link HeliumError} as plain data.
 */
import type { Table } from 'apache-arrow';
import { HeliumError } from '../error-class';
import type { ErrorKind } from '../error-class';

/** Page → worker: load this object's bytes as a table. */
export interface TableLoadRequest {
  /** The object's bytes (transferred, not copied). */
  bytes: Uint8Array;
  /** Its key (the extension picks the format when the bytes do not say). */
  key: string;
  /** Its Content-Type, if known. */
  contentType?: string;
}

/** A {@link HeliumError} as structured-clone-safe data. */
export interface ErrorMessage {
  kind: ErrorKind;
  message: string;
  code?: string;
  /** The message's variable parts (HeliumError.params), so the page words it in its language. */
  params?: Record<string, string>;
}

/**
 * Worker → page: `ready` once its script runs (only then are the bytes moved to it, so a worker
 * that never starts leaves them to the page), then the table as an Arrow IPC stream, or why it
 * could not be read.
 */
export type TableLoadResponse = { ready: true } | { ipc: Uint8Array } | { error: ErrorMessage };

/**
 * A table as one Arrow IPC stream (schema, metadata and every type kept).
 * @param table - the table.
 * @returns the bytes.
 */
export async function encodeTable(table: Table): Promise<Uint8Array> {
  const arrow = await import('apache-arrow');
  return arrow.tableToIPC(table, 'stream');
}

/**
 * The table back from {@link encodeTable}'s bytes.
 * @param ipc - the Arrow IPC stream.
 * @returns the table.
 */
export async function decodeTable(ipc: Uint8Array): Promise<Table> {
  const arrow = await import('apache-arrow');
  return arrow.tableFromIPC(ipc);
}

/**
 * Any failure as data for `postMessage`: a HeliumError keeps its kind, message and code; anything
 * else becomes `Unknown` with its message.
 * @param err - what was thrown.
 * @param key - the object's key, named in messages that do not name it already.
 * @returns the message.
 */
export function errorToMessage(err: unknown, key: string): ErrorMessage {
  if (err instanceof HeliumError) {
    return {
      kind: err.kind,
      message: err.message,
      ...(err.code !== undefined ? { code: err.code } : {}),
      ...(err.params !== undefined ? { params: { ...err.params } } : {})
    };
  }
  const reason = err instanceof Error ? err.message : String(err);
  return {
    kind: 'Unknown',
    message: `${key} could not be read as a table: ${reason}`,
    code: 'TableLoadFailed',
    params: { what: key, reason }
  };
}

/**
 * The HeliumError a message stands for.
 * @param message - from {@link errorToMessage}.
 * @returns the error.
 */
export function errorFromMessage(message: ErrorMessage): HeliumError {
  return new HeliumError(message.kind, message.message, {
    ...(message.code !== undefined ? { code: message.code } : {}),
    ...(message.params !== undefined ? { params: message.params } : {})
  });
}

/**
 * The buffer to transfer for `bytes`: its own when the view covers all of it, else a copy (a view
 * into a larger buffer must not detach the rest).
 * @param bytes - the bytes.
 * @returns bytes whose buffer may be transferred.
 */
export function transferable(bytes: Uint8Array): Uint8Array {
  return bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength ? bytes : bytes.slice();
}
