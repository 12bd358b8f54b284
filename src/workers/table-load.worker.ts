/**
 * A worker that loads tables (CSV/TSV parsing, Parquet decoding) off the page's thread, so the
 * diff tab stays responsive on files of tens of MiB and Cancel can stop the work at once (the
 * page terminates the worker). One request per worker: see src/models/table/table-load-client.ts.
 */
import type { TableLoadRequest, TableLoadResponse } from '../service/diff/table-message';
import { answerTableLoad } from './table-load-handler';

/** The worker's global scope, as much of it as we use (tsconfig has DOM types, not WebWorker's). */
const scope = self as unknown as {
  onmessage: ((event: MessageEvent<TableLoadRequest>) => void) | null;
  postMessage(message: TableLoadResponse, transfer?: ArrayBuffer[]): void;
};

scope.onmessage = async event => {
  const response = await answerTableLoad(event.data);
  scope.postMessage(response, 'ipc' in response ? [response.ipc.buffer as ArrayBuffer] : []);
};
// Only now does the page move the bytes here (a worker that never starts leaves them to it).
scope.postMessage({ ready: true });
