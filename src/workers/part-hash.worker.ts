/**
 * A worker that computes the SHA-256 of upload parts, so the page's thread never reads or copies
 * the bytes of a file being uploaded (each part is sent as a Blob slice that the browser reads by
 * itself; the hash S3 checks is computed here). See src/models/part-hasher.ts.
 */
import type { PartHashRequest, PartHashResponse } from './part-hash-protocol';

/** The worker's global scope, as much of it as we use (tsconfig has DOM types, not WebWorker's). */
const scope = self as unknown as {
  onmessage: ((event: MessageEvent<PartHashRequest>) => void) | null;
  postMessage(message: PartHashResponse, transfer?: ArrayBuffer[]): void;
};

scope.onmessage = async event => {
  const { id, blob } = event.data;
  try {
    const bytes = await blob.arrayBuffer();
    const sha256 = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes));
    scope.postMessage({ id, sha256, size: bytes.byteLength }, [sha256.buffer]);
  } catch (err) {
    scope.postMessage({ id, error: err instanceof Error ? `${err.name}: ${err.message}` : String(err) });
  }
};
