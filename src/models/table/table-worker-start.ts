/**
 * Start the table-loading worker (src/workers/table-load.worker.ts). Its own file because
 * `import.meta.url` is for the bundler alone: jest replaces this module in tests.
 */

/**
 * Start a table-loading worker.
 * @returns the worker, or undefined where workers are not available.
 */
export function startTableWorker(): Worker | undefined {
  if (typeof Worker === 'undefined') {
    return undefined;
  }
  try {
    // rspack recognises this exact form and builds the worker, with what it imports, as its own chunk.
    return new Worker(new URL('../../workers/table-load.worker.js', import.meta.url));
  } catch (err) {
    console.warn('jupyterlab-helium: no table worker, loading tables on the page', err);
    return undefined;
  }
}
