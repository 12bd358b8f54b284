/**
 * Downloads into the workspace made by the Jupyter server itself
 * (`POST helium/workspace-download/<connection>`, jupyterlab_helium/workspace_download.py).
 *
 * Through the page, every byte of a download into the workspace crosses the proxy into the page
 * and goes back to the server as base64 JSON. Here the server reads the object from S3 straight
 * into `<path>.helium-partial` on its disk and answers progress as JSON lines; the page shows the
 * progress and renames the partial file over `path` when it is complete (as after a chunked save,
 * so the file browser hears of the new file and a failed download never touches an existing one).
 * A server whose workspace is not on its disk answers `501 NoLocalWorkspace`: the caller then
 * downloads through the page, and this route is not asked again.
 */
import { URLExt } from '@jupyterlab/coreutils';
import { ServerConnection } from '@jupyterlab/services';

/** What to download where. */
export interface IServerDownloadRequest {
  connection: string;
  bucket: string;
  key: string;
  versionId?: string;
  /** The workspace file (an API path, without a drive). */
  path: string;
}

/**
 * Downloads an object into `<path>.helium-partial` on the server.
 * @returns the partial file's path, or null when this server cannot (download through the page).
 */
export type ServerDownload = (
  request: IServerDownloadRequest,
  onProgress: (bytes: number, total: number) => void,
  signal?: AbortSignal
) => Promise<string | null>;

/** One line of the route's answer. */
interface IAnswerLine {
  total?: number;
  bytes?: number;
  done?: boolean;
  partial?: string;
  error?: { code: string; message: string };
}

/** An error the route answered, with its code (e.g. `NoSuchKey`). */
export class ServerDownloadError extends Error {
  constructor(
    readonly code: string,
    message: string
  ) {
    super(message);
    this.name = 'ServerDownloadError';
  }
}

/**
 * The server's downloads into the workspace.
 * @param settings - the Jupyter server's connection settings.
 * @param makeRequest - how requests are sent (tests pass their own).
 * @returns the download function.
 */
export function serverDownload(
  settings: ServerConnection.ISettings,
  makeRequest: typeof ServerConnection.makeRequest = ServerConnection.makeRequest
): ServerDownload {
  let unavailable = false;
  return async (request, onProgress, signal) => {
    if (unavailable) {
      return null;
    }
    const { connection, ...body } = request;
    const url = URLExt.join(settings.baseUrl, 'helium/workspace-download', encodeURIComponent(connection));
    const response = await makeRequest(url, { method: 'POST', body: JSON.stringify(body), signal }, settings);
    if (!response.ok) {
      const answer = await response.json().catch(() => null);
      if (response.status === 501 || (response.status === 404 && !answer?.code)) {
        unavailable = true; // not a file-based workspace, or a server without the route
        return null;
      }
      throw new ServerDownloadError(answer?.code ?? `HTTP${response.status}`, answer?.message ?? response.statusText);
    }
    let total: number | undefined;
    for await (const line of answerLines(response)) {
      if (line.error) {
        throw new ServerDownloadError(line.error.code, line.error.message);
      }
      if (line.done && line.partial) {
        onProgress(line.bytes ?? 0, total ?? line.bytes ?? 0);
        return line.partial;
      }
      if (typeof line.total === 'number' && line.total >= 0) {
        total = line.total;
        onProgress(0, total);
      } else if (typeof line.bytes === 'number') {
        onProgress(line.bytes, total ?? line.bytes);
      }
    }
    throw new ServerDownloadError(
      'IncompleteAnswer',
      'The Jupyter server stopped answering before the download was complete; nothing was saved. Download it again.'
    );
  };
}

/** The JSON lines of a streamed answer, as they arrive. */
async function* answerLines(response: Response): AsyncGenerator<IAnswerLine> {
  const reader = response.body!.getReader();
  const decoder = new TextDecoder();
  let rest = '';
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) {
        break;
      }
      rest += decoder.decode(value, { stream: true });
      let end: number;
      while ((end = rest.indexOf('\n')) >= 0) {
        const line = rest.slice(0, end).trim();
        rest = rest.slice(end + 1);
        if (line) {
          yield JSON.parse(line) as IAnswerLine;
        }
      }
    }
  } finally {
    reader.releaseLock();
  }
}
