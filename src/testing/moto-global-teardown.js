/** Jest globalTeardown: stop the moto server that moto-global-setup.js started, if any. */
'use strict';

module.exports = async function globalTeardown() {
  const server = globalThis.__HELIUM_MOTO__;
  if (server) {
    delete globalThis.__HELIUM_MOTO__;
    delete process.env.HELIUM_TEST_S3_URL;
    await server.stop();
  }
};
