/**
 * Per-test-file setup (jest `setupFiles`), run after @jupyterlab/testing's jsdom shim.
 *
 * jsdom's `crypto` has getRandomValues but no `subtle`; browsers (secure contexts) and Node have
 * WebCrypto, and src/service uses `crypto.subtle` when it exists. Give the jsdom window Node's
 * WebCrypto, converting the jsdom realm's typed arrays (which Node's WebCrypto rejects) first,
 * so tests run the same code path as production. Same for the web streams jsdom lacks.
 */
'use strict';

const { webcrypto } = require('crypto');

/**
 * Copy any BufferSource (from any realm) into a Node Buffer.
 * @param {ArrayBuffer | ArrayBufferView} data
 * @returns {Buffer}
 */
function toNodeBuffer(data) {
  if (ArrayBuffer.isView(data)) {
    return Buffer.from(new Uint8Array(data.buffer, data.byteOffset, data.byteLength));
  }
  return Buffer.from(new Uint8Array(data));
}

if (!globalThis.crypto || !globalThis.crypto.subtle) {
  const existing = globalThis.crypto;
  const subtle = {
    digest: (algorithm, data) => webcrypto.subtle.digest(algorithm, toNodeBuffer(data))
  };
  const crypto = {
    subtle,
    getRandomValues: array =>
      existing && existing.getRandomValues ? existing.getRandomValues(array) : webcrypto.getRandomValues(array),
    randomUUID: () => webcrypto.randomUUID()
  };
  Object.defineProperty(globalThis, 'crypto', { value: crypto, configurable: true, writable: true });
}
// jsdom has no web streams; browsers and Node do (the AWS SDK and getObjectStream use them).
const streams = require('stream/web');
for (const name of ['ReadableStream', 'WritableStream', 'TransformStream']) {
  if (typeof globalThis[name] === 'undefined') {
    globalThis[name] = streams[name];
  }
}

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
