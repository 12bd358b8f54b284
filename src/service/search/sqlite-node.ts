/**
 * SQLite (the official WebAssembly build, with FTS5) in a Node worker thread.
 *
 * Why a worker: `@sqlite.org/sqlite-wasm` is an ES module using `import.meta.url`, which neither
 * the CommonJS CLI bundle nor jest's module system can load in-process; a worker thread loads it
 * with Node's own ESM loader. It also keeps SQLite off the caller's thread, as the browser's Web
 * Worker will.
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { HeliumError } from '../error-class';
import type { SqlDatabase, SqlRow, SqlStatement, SqlValue } from './sql';

/** The worker: opens an in-memory database (from a saved image when given) and answers requests. */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
let sqlite3, db;
async function open(image) {
  const init = (await import(workerData.moduleUrl)).default;
  sqlite3 = await init();
  db = new sqlite3.oo1.DB(':memory:', 'c');
  if (image) {
    const bytes = new Uint8Array(image);
    const p = sqlite3.wasm.allocFromTypedArray(bytes);
    const flags = sqlite3.capi.SQLITE_DESERIALIZE_FREEONCLOSE | sqlite3.capi.SQLITE_DESERIALIZE_RESIZEABLE;
    const rc = sqlite3.capi.sqlite3_deserialize(db.pointer, 'main', p, bytes.length, bytes.length, flags);
    db.checkRc(rc);
  }
}
function run(msg) {
  switch (msg.op) {
    case 'open': return open(msg.image);
    case 'all': return db.exec({ sql: msg.sql, bind: msg.params && msg.params.length ? msg.params : undefined, rowMode: 'object', returnValue: 'resultRows' });
    case 'transaction': {
      // Each distinct statement is prepared once per transaction (a sync repeats a few thousand times).
      const prepared = new Map();
      try {
        db.transaction(() => {
          for (const s of msg.statements) {
            let stmt = prepared.get(s.sql);
            if (!stmt) { stmt = db.prepare(s.sql); prepared.set(s.sql, stmt); }
            if (s.params && s.params.length) stmt.bind(s.params);
            stmt.step();
            stmt.reset(true);
          }
        });
      } finally {
        for (const stmt of prepared.values()) stmt.finalize();
      }
      return null;
    }
    case 'export': return sqlite3.capi.sqlite3_js_db_export(db);
    case 'close': db.close(); return null;
  }
  throw new Error('unknown op ' + msg.op);
}
parentPort.on('message', async msg => {
  try {
    const result = await run(msg);
    parentPort.postMessage({ id: msg.id, result });
  } catch (err) {
    parentPort.postMessage({ id: msg.id, error: String(err && err.message || err) });
  }
});
`;

/**
 * The file URL of sqlite-wasm's Node entry: the copy beside the packaged CLI bundle
 * (`sqlite-wasm/node.mjs` with its `sqlite3.wasm`, which the wheel and the npm package ship, having
 * no node_modules: scripts/build_cli.mjs --standalone), else the one in node_modules.
 */
function sqliteModuleUrl(): string {
  const here = typeof __filename === 'string' ? __filename : path.join(process.cwd(), 'x.js');
  const shipped = path.join(path.dirname(here), 'sqlite-wasm', 'node.mjs');
  if (existsSync(shipped)) {
    return pathToFileURL(shipped).href;
  }
  const pkg = createRequire(here).resolve('@sqlite.org/sqlite-wasm/package.json');
  return pathToFileURL(path.join(path.dirname(pkg), 'dist', 'node.mjs')).href;
}

/**
 * Open an SQLite database in a worker thread.
 * @param image - a saved database image to start from, or null for an empty database.
 * @returns the database.
 * @throws HeliumError `Unknown` when SQLite cannot be loaded or the image is not a database.
 */
export async function openNodeSqlite(image: Uint8Array | null): Promise<SqlDatabase> {
  const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { moduleUrl: sqliteModuleUrl() } });
  worker.unref();
  let nextId = 0;
  const pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  const failAll = (err: Error) => {
    for (const p of pending.values()) {
      p.reject(err);
    }
    pending.clear();
  };
  worker.on('message', (msg: { id: number; result?: unknown; error?: string }) => {
    const p = pending.get(msg.id);
    pending.delete(msg.id);
    if (!p) {
      return;
    }
    if (msg.error !== undefined) {
      p.reject(new HeliumError('Unknown', `The search index (SQLite) failed: ${msg.error}`));
    } else {
      p.resolve(msg.result);
    }
  });
  worker.on('error', err => failAll(new HeliumError('Unknown', `The search index worker failed: ${err.message}`, { cause: err })));
  worker.on('exit', () => failAll(new HeliumError('Unknown', 'The search index worker stopped.')));
  const call = <T>(msg: Record<string, unknown>): Promise<T> =>
    new Promise<T>((resolve, reject) => {
      const id = nextId++;
      pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
      if (pending.size === 1) {
        worker.ref(); // keep Node alive while a request is in flight
      }
      worker.postMessage({ ...msg, id });
    }).finally(() => {
      if (pending.size === 0) {
        worker.unref();
      }
    });
  await call<null>({ op: 'open', image });
  return {
    all: (sql: string, params: SqlValue[] = []) => call<SqlRow[]>({ op: 'all', sql, params }),
    transaction: (statements: SqlStatement[]) => call<null>({ op: 'transaction', statements }).then(() => undefined),
    export: () => call<Uint8Array>({ op: 'export' }),
    close: async () => {
      try {
        await call<null>({ op: 'close' });
      } finally {
        await worker.terminate();
      }
    }
  };
}
