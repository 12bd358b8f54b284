/**
 * Start the save-body worker (src/workers/save-body.worker.ts). Its own file because
 * `import.meta.url` is for the bundler alone: jest replaces this module in tests.
 */

/**
 * Start a save-body worker.
 * @returns the worker, or undefined where workers are not available.
 */
export function startSaveBodyWorker(): Worker | undefined {
  if (typeof Worker === 'undefined') {
    return undefined;
  }
  try {
    // rspack recognises this exact form and builds the worker, with what it imports, as its own chunk.
    return new Worker(new URL('../workers/save-body.worker.js', import.meta.url));
  } catch (err) {
    console.warn('jupyterlab-helium: no save-body worker, encoding downloads on the page', err);
    return undefined;
  }
}
