/**
 * Galata/Playwright configuration: Debian's Chromium (no browser download), no video (it would
 * need Playwright's own ffmpeg), one worker, and a JupyterLab started against the local S3 whose
 * URL `scripts/run_tests.py` passes in HELIUM_S3_URL.
 */
const baseConfig = require('@jupyterlab/galata/lib/playwright-config');

const port = process.env.HELIUM_UI_PORT || '8888';

module.exports = {
  ...baseConfig,
  // packaged/ is run by tests/test_dist.py against the JupyterLab of an installed wheel.
  testIgnore: ['packaged/**', 'node_modules/**'],
  timeout: 120000,
  workers: 1,
  retries: 0,
  reporter: [['list'], ['json', { outputFile: 'test-results/results.json' }]],
  use: {
    ...baseConfig.use,
    baseURL: `http://127.0.0.1:${port}`,
    video: 'off',
    trace: 'off',
    launchOptions: {
      executablePath: process.env.HELIUM_CHROMIUM || '/usr/bin/chromium',
      args: ['--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run']
    }
  },
  webServer: {
    command: `jupyter lab --config jupyter_server_test_config.py --ServerApp.port=${port}`,
    url: `http://127.0.0.1:${port}/lab`,
    timeout: 180000,
    reuseExistingServer: !process.env.CI
  }
};
