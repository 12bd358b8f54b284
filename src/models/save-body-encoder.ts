/**
 * Downloads into the workspace without the page encoding the bytes: the JSON body of each chunked
 * save (the bytes in base64) is made by a worker as a Blob, and sent to the Contents API as it is.
 * JupyterLab's `contents.save` makes that body on the page (`JSON.stringify`, then a `File` of the
 * text): 20–90 ms of main thread per 4 MiB chunk, long tasks on a loaded machine, and half of the
 * page's time during a download.
 *
 * Without a worker (or when it fails), chunks are saved by the Contents manager as before.
 */
import { URLExt } from '@jupyterlab/coreutils';
import { ServerConnection } from '@jupyterlab/services';
import type { SaveBodyRequest, SaveBodyResponse } from '../workers/save-body-protocol';
import type { SaveChunk } from './contents-sink';
import { WorkerRequests } from './worker-requests';

/** Makes save bodies in one worker, started on first use and shared by every download. */
export class SaveBodyEncoder {
  /**
   * @param start - starts the worker, on first use (`startSaveBodyWorker`; tests give a fake
   *   one); undefined when there is none.
   */
  constructor(start: () => Worker | undefined) {
    this._requests = new WorkerRequests<SaveBodyRequest, SaveBodyResponse, Blob>(start, answer => answer.body);
  }

  /**
   * The body `head` + base64(bytes) + `tail`, as a Blob.
   * @param parts - the bytes, in order (copied to the worker; the caller keeps them).
   * @param head - the text before.
   * @param tail - the text after.
   * @returns the Blob, or undefined when no worker can make it (the caller saves another way).
   */
  encode(parts: Uint8Array[], head: string, tail: string): Promise<Blob | undefined> {
    return this._requests.send({ parts, head, tail });
  }

  private readonly _requests: WorkerRequests<SaveBodyRequest, SaveBodyResponse, Blob>;
}

/** What {@link serverSaveChunk} works with. */
export interface IServerSaveOptions {
  encoder: SaveBodyEncoder;
  /** The Jupyter server (its base URL, and how requests are made: cookies, XSRF, token). */
  serverSettings: ServerConnection.ISettings;
  /** Saves a chunk when the worker cannot make its body (the Contents manager's save). */
  fallback: SaveChunk;
  /** Sends a request (default: `ServerConnection.makeRequest`). */
  makeRequest?: (url: string, init: RequestInit, settings: ServerConnection.ISettings) => Promise<Response>;
}

/**
 * Chunks of the default drive saved with bodies made by the worker: the same PUT to the Contents
 * API (`api/contents/<path>`) that JupyterLab's `Drive.save` sends, with the same JSON.
 * @param options - the encoder, the server, the fallback.
 * @returns the saver.
 */
export function serverSaveChunk(options: IServerSaveOptions): SaveChunk {
  const { encoder, serverSettings, fallback } = options;
  const makeRequest = options.makeRequest ?? ServerConnection.makeRequest;
  return async (path, parts, length, chunk) => {
    const head = `{"type":"file","format":"base64",${chunk === undefined ? '' : `"chunk":${chunk},`}"content":"`;
    const body = await encoder.encode(parts, head, '"}');
    if (!body) {
      return fallback(path, parts, length, chunk);
    }
    const url = URLExt.join(serverSettings.baseUrl, 'api/contents', URLExt.encodeParts(path));
    const response = await makeRequest(url, { method: 'PUT', body }, serverSettings);
    if (response.status !== 200 && response.status !== 201) {
      throw await ServerConnection.ResponseError.create(response);
    }
  };
}
