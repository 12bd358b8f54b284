/**
 * A worker that makes the request bodies of a download's chunked saves into the workspace (JSON
 * with the bytes in base64), so the page's thread does not encode them: base64, the JSON text and
 * its UTF-8 copy cost the page 20–90 ms per 4 MiB chunk. See src/models/save-body-encoder.ts.
 */
import type { SaveBodyRequest, SaveBodyResponse } from './save-body-protocol';
import { saveBodyPieces } from './save-body-handler';

/** The worker's global scope, as much of it as we use (tsconfig has DOM types, not WebWorker's). */
const scope = self as unknown as {
  onmessage: ((event: MessageEvent<SaveBodyRequest>) => void) | null;
  postMessage(message: SaveBodyResponse): void;
};

scope.onmessage = event => {
  const { id, parts, head, tail } = event.data;
  try {
    scope.postMessage({ id, body: new Blob(saveBodyPieces(parts, head, tail), { type: 'application/json' }) });
  } catch (err) {
    scope.postMessage({ id, error: err instanceof Error ? `${err.name}: ${err.message}` : String(err) });
  }
};
