/**
 * Every request of a client gets an abort signal of its own, derived from the caller's
 * ({@link deriveSignal}) and released when the request is done: when `send` settles, or, for a
 * response with a body (GetObject), once the body was read to its end, failed or was cancelled.
 *
 * Why at the client: the SDK and fetch add `abort` listeners to the signal a request is sent with
 * and drop them late (the Node HTTP handler when the socket's request closes, after our code
 * already moved on; undici's fetch when the request is garbage-collected). Callers share one
 * signal across many requests (a snapshot hashes 8 objects at a time, `helium put` sends 10
 * files at a time, each with its parts), so those listeners piled up on it and Node printed
 * `MaxListenersExceededWarning`. Here they land on the short-lived signal instead; the caller's
 * signal holds one listener for all requests in flight and none when they are done.
 */
import type { S3Client } from '@aws-sdk/client-s3';
import { deriveSignal } from './derived-signal';

/** What `send` is given besides the command. */
interface SendOptions {
  abortSignal?: AbortSignal;
  [option: string]: unknown;
}

/** `S3Client.send` without its overloads. */
type Send = (command: unknown, options?: unknown, callback?: unknown) => Promise<unknown> | void;

/** A response body as the SDK gives it: a Node stream, or a web stream / Blob with these methods. */
interface SdkBody {
  once?: (event: string, listener: () => void) => unknown;
  destroyed?: boolean;
  closed?: boolean;
  transformToByteArray?: () => Promise<Uint8Array>;
  transformToString?: (encoding?: string) => Promise<string>;
  transformToWebStream?: () => ReadableStream<Uint8Array>;
}

/**
 * Make every request of `s3` sent with an `abortSignal` use a signal derived from it (see the
 * module comment). Requests without a signal, and the callback form of `send`, are untouched.
 * @param s3 - a client just created (its `send` is replaced, once).
 * @returns the same client.
 */
export function deriveRequestSignals(s3: S3Client): S3Client {
  const send = s3.send.bind(s3) as Send;
  const derivingSend: Send = (command, options, callback) => {
    const abortSignal = (options as SendOptions | undefined)?.abortSignal;
    if (typeof options === 'function' || callback !== undefined || !abortSignal) {
      return send(command, options, callback);
    }
    const derived = deriveSignal(abortSignal);
    const sent = send(command, { ...(options as SendOptions), abortSignal: derived.signal }) as Promise<unknown>;
    return sent.then(
      output => {
        releaseAfterBody((output as { Body?: SdkBody } | undefined)?.Body, derived.release);
        return output;
      },
      (err: unknown) => {
        derived.release();
        throw err;
      }
    );
  };
  s3.send = derivingSend as S3Client['send'];
  return s3;
}

/**
 * Call `release` when a response body is done with: when the SDK's transform methods finished
 * with it (read to its end, failed or cancelled), or when a Node stream closes (also read by
 * other means, or destroyed). Without a body, at once.
 * @param body - the response's `Body`, if any.
 * @param release - what to call (more than once is harmless).
 */
export function releaseAfterBody(body: SdkBody | undefined, release: () => void): void {
  if (!body || typeof body !== 'object') {
    release();
    return;
  }
  let watched = false;
  if (typeof body.once === 'function') {
    watched = true;
    if (body.destroyed || body.closed) {
      release();
    } else {
      body.once('close', release);
    }
  }
  const { transformToByteArray, transformToString, transformToWebStream } = body;
  if (transformToByteArray) {
    watched = true;
    body.transformToByteArray = () => transformToByteArray.call(body).finally(release);
  }
  if (transformToString) {
    watched = true;
    body.transformToString = (encoding?: string) => transformToString.call(body, encoding).finally(release);
  }
  if (transformToWebStream) {
    watched = true;
    body.transformToWebStream = () => releasingStream(transformToWebStream.call(body), release);
  }
  if (!watched) {
    release();
  }
}

/**
 * The same bytes as `stream`, calling `release` once it ends, fails or is cancelled.
 * @param stream - a web stream.
 * @param release - what to call.
 * @returns the stream to read instead.
 */
function releasingStream(stream: ReadableStream<Uint8Array>, release: () => void): ReadableStream<Uint8Array> {
  const reader = stream.getReader();
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        const { done, value } = await reader.read();
        if (done) {
          release();
          controller.close();
        } else {
          controller.enqueue(value);
        }
      } catch (err) {
        release();
        controller.error(err);
      }
    },
    cancel(reason) {
      release();
      return reader.cancel(reason);
    }
  });
}
