/**
 * An {@link SqlDatabase} over an already loaded sqlite-wasm module, in the caller's own thread:
 * what the browser's search Web Worker uses (the Node side loads SQLite in a worker thread, see
 * sqlite-node.ts). No Node or DOM imports: the caller loads the module and hands it in.
 */
import { HeliumError } from '../error-class';
import type { SqlDatabase, SqlRow, SqlStatement, SqlValue } from './sql';

/** The part of a prepared statement (sqlite-wasm's oo1 API) used here. */
interface Oo1Statement {
  bind(values: SqlValue[]): unknown;
  step(): boolean;
  reset(clearBindings?: boolean): unknown;
  finalize(): unknown;
}

/** The part of an oo1 database used here. */
interface Oo1Database {
  readonly pointer: unknown;
  exec(options: { sql: string; bind?: SqlValue[]; rowMode: 'object'; returnValue: 'resultRows' }): SqlRow[];
  prepare(sql: string): Oo1Statement;
  transaction(run: () => void): unknown;
  checkRc(rc: number): unknown;
  close(): void;
}

/** The part of the initialised sqlite-wasm module used here. */
export interface Sqlite3Module {
  oo1: { DB: new (filename: string, flags: string) => Oo1Database };
  wasm: { allocFromTypedArray(bytes: Uint8Array): unknown };
  capi: {
    SQLITE_DESERIALIZE_FREEONCLOSE: number;
    SQLITE_DESERIALIZE_RESIZEABLE: number;
    sqlite3_deserialize(db: unknown, schema: string, p: unknown, size: number, capacity: number, flags: number): number;
    sqlite3_js_db_export(db: Oo1Database): Uint8Array;
  };
}

/** Wrap a synchronous SQLite call so a failure is a HeliumError, like the Node backend's. */
function guard<T>(run: () => T): Promise<T> {
  try {
    return Promise.resolve(run());
  } catch (err) {
    return Promise.reject(
      new HeliumError('Unknown', `The search index (SQLite) failed: ${(err as Error)?.message ?? err}`, { cause: err })
    );
  }
}

/**
 * Open an in-memory database, from a saved image when given.
 * @param sqlite3 - the initialised sqlite-wasm module.
 * @param image - a database image (from `export()`), or null for an empty database.
 * @returns the database.
 * @throws HeliumError `Unknown` when the image is not a database.
 */
export async function openOo1Database(sqlite3: Sqlite3Module, image: Uint8Array | null): Promise<SqlDatabase> {
  const db = await guard(() => {
    const opened = new sqlite3.oo1.DB(':memory:', 'c');
    if (image && image.length > 0) {
      const p = sqlite3.wasm.allocFromTypedArray(image);
      const flags = sqlite3.capi.SQLITE_DESERIALIZE_FREEONCLOSE | sqlite3.capi.SQLITE_DESERIALIZE_RESIZEABLE;
      opened.checkRc(sqlite3.capi.sqlite3_deserialize(opened.pointer, 'main', p, image.length, image.length, flags));
    }
    return opened;
  });
  return {
    all: (sql: string, params: SqlValue[] = []) =>
      guard(() => db.exec({ sql, bind: params.length ? params : undefined, rowMode: 'object', returnValue: 'resultRows' })),
    transaction: (statements: SqlStatement[]) =>
      guard(() => {
        // A sync repeats a few statements thousands of times: prepare each once per transaction.
        const prepared = new Map<string, Oo1Statement>();
        try {
          db.transaction(() => {
            for (const s of statements) {
              let stmt = prepared.get(s.sql);
              if (!stmt) {
                stmt = db.prepare(s.sql);
                prepared.set(s.sql, stmt);
              }
              if (s.params && s.params.length) {
                stmt.bind(s.params);
              }
              stmt.step();
              stmt.reset(true);
            }
          });
        } finally {
          for (const stmt of prepared.values()) {
            stmt.finalize();
          }
        }
      }),
    export: () => guard(() => sqlite3.capi.sqlite3_js_db_export(db)),
    close: () => guard(() => db.close())
  };
}
