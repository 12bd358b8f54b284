/**
 * For tests only (Node): a search "worker" that runs the worker's handler in-process with the
 * Node SQLite, behind the same message interface as a real Web Worker (messages are cloned, and
 * answered asynchronously, as postMessage does). Never imported by the browser bundle.
 */
import { SearchHandler, WorkerStorage } from '../workers/search-handler';
import type { SearchRequest, SearchResponse } from '../workers/search-protocol';
import { openNodeSqlite } from '../service/search/sqlite-node';
import { memoryStorage } from '../service/search/sql';
import type { WorkerLike } from '../models/search-client';
import { deserialize, serialize } from 'node:v8';

/** A structured clone, as postMessage makes (jsdom has no structuredClone). */
function clone<T>(value: T): T {
  return deserialize(serialize(value)) as T;
}

/** What tests can do with an in-process worker besides talking to it. */
export interface IInProcessSearchWorker extends WorkerLike {
  handler: SearchHandler;
  sent: SearchRequest[];
  /** Hold messages back, as a worker busy with a long request would. */
  hold(): void;
  /** Deliver the held messages, all in one task, in the order they were sent. */
  release(): void;
}

/** An in-process worker and its handler; `storages` are kept by name so a "reload" finds them. */
export function inProcessSearchWorker(storages = new Map<string, WorkerStorage>()): IInProcessSearchWorker {
  const handler = new SearchHandler({
    openSqlite: openNodeSqlite,
    storageFor: async name => {
      let storage = storages.get(name);
      if (!storage) {
        storage = { storage: memoryStorage(), persisted: false };
        storages.set(name, storage);
      }
      return storage;
    }
  });
  const sent: SearchRequest[] = [];
  let held: SearchRequest[] | null = null;
  const deliver = (request: SearchRequest) =>
    handler.receive(request, response => {
      const data = clone(response);
      setTimeout(() => worker.onmessage?.({ data } as MessageEvent<SearchResponse>), 0);
    });
  const worker = {
    handler,
    sent,
    onmessage: null as ((event: MessageEvent<SearchResponse>) => void) | null,
    onerror: null as ((event: ErrorEvent) => void) | null,
    postMessage: (message: unknown) => {
      const request = clone(message) as SearchRequest;
      sent.push(request);
      if (held) {
        held.push(request);
      } else {
        setTimeout(() => deliver(request));
      }
    },
    hold: () => {
      held = held ?? [];
    },
    release: () => {
      const requests = held ?? [];
      held = null;
      setTimeout(() => requests.forEach(deliver));
    },
    terminate: () => void handler.close()
  };
  return worker as unknown as IInProcessSearchWorker;
}
