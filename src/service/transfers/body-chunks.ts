/**
 * Reading a response body chunk by chunk, whatever the platform gave: a Node stream (the CLI),
 * a web ReadableStream (browsers), or bytes already in memory (tests, mocks). Stopping early
 * releases the connection's body (the Node stream is destroyed, the web stream cancelled).
 */

/** Bodies up to this size (when their length is known) are read whole rather than chunk by chunk. */
const SMALL_BODY = 256 * 1024;

/** What a body may be (the SDK's `StreamingBlobPayloadOutputTypes` without its type import). */
type Body = unknown;

/** A web ReadableStream, as far as we use it. */
interface WebStream {
  getReader(): {
    read(): Promise<{ done: boolean; value?: Uint8Array }>;
    cancel(reason?: unknown): Promise<void>;
    releaseLock(): void;
  };
}

/**
 * The chunks of a body, in order. Breaking out of the loop (or an error in it) stops the
 * body: its connection is not read further.
 * @param body - the SDK's `Body`.
 * @param length - its length, when the answer said (a small body is read in one piece).
 * @yields the bytes as they arrive.
 */
export async function* bodyChunks(body: Body, length?: number): AsyncGenerator<Uint8Array> {
  if (body === undefined || body === null) {
    return;
  }
  const withBytes = body as { transformToByteArray?: () => Promise<Uint8Array>; arrayBuffer?: () => Promise<ArrayBuffer> };
  if (length !== undefined && length <= SMALL_BODY && typeof withBytes.transformToByteArray === 'function') {
    // A small body in one piece: cheaper than iterating its few chunks (many small objects).
    yield await withBytes.transformToByteArray();
    return;
  }
  if (body instanceof Uint8Array) {
    yield body;
    return;
  }
  if (typeof (body as WebStream).getReader === 'function') {
    const reader = (body as WebStream).getReader();
    let finished = false;
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) {
          finished = true;
          return;
        }
        if (value && value.byteLength > 0) {
          yield value;
        }
      }
    } finally {
      if (!finished) {
        await reader.cancel().catch(() => undefined);
      }
      reader.releaseLock();
    }
  }
  if (typeof (body as AsyncIterable<Uint8Array>)[Symbol.asyncIterator] === 'function') {
    // A Node Readable: leaving this loop early destroys it (and its socket).
    for await (const chunk of body as AsyncIterable<Uint8Array>) {
      yield chunk;
    }
    return;
  }
  if (typeof withBytes.transformToByteArray === 'function') {
    yield await withBytes.transformToByteArray();
  } else if (typeof withBytes.arrayBuffer === 'function') {
    yield new Uint8Array(await withBytes.arrayBuffer());
  } else {
    throw new TypeError('The S3 response body cannot be read.');
  }
}
