/**
 * Playwright configuration of packaged/panel.spec.ts, run by tests/test_dist.py against a JupyterLab
 * it started from the installed wheel (so no webServer here): Debian's Chromium, no video.
 */
module.exports = {
  testDir: './packaged',
  timeout: 120000,
  workers: 1,
  retries: 0,
  reporter: [['list']],
  outputDir: process.env.HELIUM_DIST_OUTPUT || 'test-results/dist',
  use: {
    video: 'off',
    trace: 'off',
    launchOptions: {
      executablePath: process.env.HELIUM_CHROMIUM || '/usr/bin/chromium',
      args: ['--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run']
    }
  }
};
