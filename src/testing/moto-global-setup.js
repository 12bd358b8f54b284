/**
 * Jest globalSetup: make a local S3 server available to the integration tests.
 *
 * If HELIUM_TEST_S3_URL is set, that server is used and nothing is started. Otherwise the
 * project's local S3 (scripts/local_s3.py, as `make test` starts it) is started on 127.0.0.1 and
 * a free port, and its URL is put in HELIUM_TEST_S3_URL,
 * which the test workers (started after this) inherit. moto-global-teardown.js stops it.
 */
'use strict';

const os = require('os');
const path = require('path');
const { startMoto, waitForHttp } = require('./moto');

module.exports = async function globalSetup() {
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
  if (process.env.HELIUM_TEST_S3_URL) {
    await waitForHttp(process.env.HELIUM_TEST_S3_URL, 10000);
    return;
  }
  const server = await startMoto({ log: path.join(os.tmpdir(), 'helium-jest-moto.log'), localS3: true });
  process.env.HELIUM_TEST_S3_URL = server.url;
  globalThis.__HELIUM_MOTO__ = server;
  // Never leave the server behind, even when jest is interrupted.
  process.once('exit', () => {
    try {
      process.kill(server.pid, 'SIGKILL');
    } catch {
      // already gone
    }
  });
};
