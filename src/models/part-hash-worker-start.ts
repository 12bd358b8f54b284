/**
 * Start the part-hashing worker (src/workers/part-hash.worker.ts). Its own file because
 * `import.meta.url` is for the bundler alone: jest replaces this module in tests.
 */

/**
 * Start a part-hashing worker.
 * @returns the worker, or undefined where workers (or WebCrypto, which it needs) are not available.
 */
export function startPartHashWorker(): Worker | undefined {
  // A page served over plain HTTP from another host is no secure context: no crypto.subtle there,
  // nor in its workers (the engine then hashes on the page, in JavaScript).
  if (typeof Worker === 'undefined' || !globalThis.isSecureContext) {
    return undefined;
  }
  try {
    // rspack recognises this exact form and builds the worker, with what it imports, as its own chunk.
    return new Worker(new URL('../workers/part-hash.worker.js', import.meta.url));
  } catch (err) {
    console.warn('jupyterlab-helium: no part-hashing worker, hashing uploads on the page', err);
    return undefined;
  }
}
