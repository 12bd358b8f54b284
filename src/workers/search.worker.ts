/**
 * The search Web Worker: the embedded SQLite FTS5 indexes (sqlite-wasm's browser build) off the
 * page's thread, so typing a query never blocks JupyterLab. Started in one place,
 * src/models/search-worker.ts; what it does with a message is in search-handler.ts.
 */
import sqlite3InitModule from '@sqlite.org/sqlite-wasm';
import { openOo1Database, Sqlite3Module } from '../service/search/sqlite-oo1';
import type { SearchRequest, SearchResponse } from './search-protocol';
import { SearchHandler } from './search-handler';
import { browserStorageFor } from './search-storage';

/** The worker's global scope, as much of it as we use (tsconfig has DOM types, not WebWorker's). */
const scope = self as unknown as {
  onmessage: ((event: MessageEvent<SearchRequest>) => void) | null;
  postMessage(message: SearchResponse): void;
};

/** SQLite is loaded once, on the first request. */
let sqlite: Promise<Sqlite3Module> | null = null;

const handler = new SearchHandler({
  openSqlite: async image => {
    sqlite ??= (sqlite3InitModule as unknown as () => Promise<Sqlite3Module>)();
    return openOo1Database(await sqlite, image);
  },
  storageFor: browserStorageFor
});

scope.onmessage = event => handler.receive(event.data, response => scope.postMessage(response));
