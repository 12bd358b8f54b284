/**
 * Request bodies the browser sends cheaply. Chromium copies a typed-array `fetch` body on the
 * calling thread while it builds the request (about 100–170 ms for an 8 MiB upload part on a
 * loaded 2-core machine: a long task per part, and the main thread is the upload's bottleneck),
 * while a Blob made of the same bytes costs one memory copy (a few ms) and is then read by the
 * network service on its own. So the proxy client turns byte bodies into Blobs just before they
 * are sent (after checksums and signing, which read the bytes).
 */
import type { FinalizeRequestMiddleware, MiddlewareStack } from '@smithy/types';

/** The part of the DOM's Blob constructor used here (the engine compiles without the DOM lib). */
type BlobConstructor = new (parts: ArrayBufferView[]) => unknown;

/**
 * The body to hand to `fetch`: a Blob holding the same bytes for a typed array (or DataView),
 * anything else as it is (strings, streams, Blobs, nothing; and every body where there is no Blob).
 * @param body - a request body.
 * @returns the body to send.
 */
export function sendableBody(body: unknown): unknown {
  const Blob = (globalThis as unknown as { Blob?: BlobConstructor }).Blob;
  return Blob && ArrayBuffer.isView(body) ? new Blob([body]) : body;
}

/** The name of the middleware below. */
export const BLOB_BODY_MIDDLEWARE = 'heliumBlobBody';

/**
 * Add the middleware that sends byte bodies as Blobs (the last step before the request handler's
 * own, so checksums, the payload hash and retries all see the bytes).
 * @param stack - the client's middleware stack.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function sendBodiesAsBlobs(stack: MiddlewareStack<any, any>): void {
  const middleware: FinalizeRequestMiddleware<object, object> = next => args => {
    const request = args.request as { body?: unknown };
    if (request && typeof request === 'object' && 'body' in request) {
      request.body = sendableBody(request.body);
    }
    return next(args);
  };
  stack.add(middleware, { step: 'finalizeRequest', priority: 'low', name: BLOB_BODY_MIDDLEWARE });
}
