/**
 * Start the search worker (src/workers/search.worker.ts). Its own file because `import.meta.url`
 * is for the bundler alone: jest replaces this module in tests.
 */

/**
 * Start a search worker.
 * @returns the worker, or undefined where workers are not available.
 */
export function startSearchWorker(): Worker | undefined {
  if (typeof Worker === 'undefined') {
    return undefined;
  }
  try {
    // The bundler recognises this exact form and builds the worker (with SQLite's wasm) as its own chunk.
    return new Worker(new URL('../workers/search.worker.js', import.meta.url));
  } catch (err) {
    console.warn('jupyterlab-helium: no search worker', err);
    return undefined;
  }
}
