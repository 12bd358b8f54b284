/**
 * Start and stop a local moto S3 server (PyPI `moto[server]`) for tests and benchmarks.
 *
 * Plain CommonJS so jest's globalSetup, the benchmarks (tsx) and plain `node` can all load it,
 * and so `tsc` never compiles it into lib/.
 */
'use strict';

const { spawn } = require('child_process');
const fs = require('fs');
const net = require('net');
const path = require('path');

/** The repository root (src/testing/../..). */
const ROOT = path.resolve(__dirname, '..', '..');

/**
 * Find the moto_server executable: $HELIUM_MOTO_SERVER, the project's .venv, then PATH.
 * @returns {string} a path or a bare command name.
 */
function findMotoServer() {
  if (process.env.HELIUM_MOTO_SERVER) {
    return process.env.HELIUM_MOTO_SERVER;
  }
  const venv = path.join(ROOT, '.venv', 'bin', 'moto_server');
  return fs.existsSync(venv) ? venv : 'moto_server';
}

/**
 * The python that runs scripts/local_s3.py: the project's .venv, else python3 on PATH.
 * @returns {string} a path or a bare command name.
 */
function findPython() {
  const venv = path.join(ROOT, '.venv', 'bin', 'python');
  return fs.existsSync(venv) ? venv : 'python3';
}

/**
 * Ask the OS for a free TCP port on 127.0.0.1.
 * @returns {Promise<number>} the port number.
 */
function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/**
 * Poll `url` until an HTTP server answers (any status), or fail after `timeoutMs`.
 * @param {string} url the server's base URL.
 * @param {number} timeoutMs how long to wait.
 * @param {() => string | undefined} [whyDead] returns a reason when the server process already died.
 * @returns {Promise<void>}
 */
async function waitForHttp(url, timeoutMs = 30000, whyDead = () => undefined) {
  const deadline = Date.now() + timeoutMs;
  let lastError;
  while (Date.now() < deadline) {
    const dead = whyDead();
    if (dead) {
      throw new Error(`The S3 server at ${url} did not start: ${dead}`);
    }
    try {
      const response = await fetch(url, { method: 'GET' });
      await response.arrayBuffer();
      return;
    } catch (err) {
      lastError = err;
    }
    await new Promise(resolve => setTimeout(resolve, 100));
  }
  throw new Error(`The S3 server at ${url} did not answer within ${timeoutMs} ms (${lastError})`);
}

/**
 * Start `moto_server -H 127.0.0.1 -p <free port>` and wait until it answers; with `localS3`, the
 * project's local S3 instead (scripts/local_s3.py: moto with the fixes that make it behave as S3
 * where tests depend on it, the server `make test` and `make demo` run).
 *
 * `env` adds variables to the server's environment (e.g. `INITIAL_NO_AUTH_ACTION_COUNT`, which
 * turns on moto's IAM checks). `readyPath` is the path polled until the server answers (default
 * `/`, a ListBuckets); `/moto-api/` answers without counting as an S3/IAM request, which matters
 * when moto counts the first unauthenticated requests.
 * @param {{port?: number, log?: string, env?: Record<string, string>, readyPath?: string, localS3?: boolean}} [options]
 *   a fixed port, a file for the server's output, extra environment, the path polled, and
 *   whether to start scripts/local_s3.py.
 * @returns {Promise<{url: string, pid: number, stop: () => Promise<void>}>}
 */
async function startMoto(options = {}) {
  const port = options.port || (await freePort());
  const [command, args] = options.localS3
    ? [findPython(), [path.join(ROOT, 'scripts', 'local_s3.py'), '--host', '127.0.0.1', '--port', String(port)]]
    : [findMotoServer(), ['-H', '127.0.0.1', '-p', String(port)]];
  const out = options.log ? fs.openSync(options.log, 'a') : 'ignore';
  const child = spawn(command, args, {
    stdio: ['ignore', out, out],
    env: { ...process.env, PYTHONUNBUFFERED: '1', ...(options.env || {}) }
  });
  let exitReason;
  child.on('error', err => {
    exitReason = `${command}: ${err.message}`;
  });
  child.on('exit', (code, signal) => {
    exitReason = exitReason || `exited with ${signal || code}`;
  });
  const url = `http://127.0.0.1:${port}`;
  const stop = () =>
    new Promise(resolve => {
      if (child.exitCode !== null || child.signalCode !== null) {
        resolve();
        return;
      }
      const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
      child.once('exit', () => {
        clearTimeout(timer);
        resolve();
      });
      child.kill('SIGTERM');
    });
  try {
    await waitForHttp(url + (options.readyPath || ''), 30000, () => exitReason);
  } catch (err) {
    await stop();
    throw err;
  }
  return { url, pid: child.pid, stop };
}

module.exports = { ROOT, findMotoServer, freePort, waitForHttp, startMoto };
