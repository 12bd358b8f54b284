/**
 * The S3 panel of a wheel installed without Node: tests/test_dist.py starts JupyterLab from that
 * install and runs this file with `playwright test -c playwright.dist.config.js`, passing the
 * server's URL, token and bucket. Plain Playwright (no galata fixtures: that JupyterLab does not
 * load galata's helper extension).
 */
import { expect, test } from '@playwright/test';

const url = process.env.HELIUM_DIST_URL;
const token = process.env.HELIUM_DIST_TOKEN ?? '';
const bucket = process.env.HELIUM_DIST_BUCKET ?? '';

test('the panel of the installed wheel lists the local S3 bucket', async ({ page }) => {
  test.skip(!url, 'run by tests/test_dist.py, which starts the JupyterLab to test');
  await page.goto(`${url}/lab?token=${encodeURIComponent(token)}`);
  await page.locator('.lm-TabBar-tab[data-id="jupyterlab-helium-browser"]').click();
  const panel = page.locator('#jupyterlab-helium-browser');
  await expect(panel).toBeVisible();
  const picker = panel.locator('[data-testid=helium-bucket]');
  await expect(picker.locator(`option[value="${bucket}"]`)).toHaveCount(1);
  if ((await picker.inputValue()) !== bucket) {
    await picker.selectOption(bucket);
  }
  await expect(panel.locator('.jp-helium-row[data-name="hello"]')).toBeVisible();
  await expect(panel.locator('[data-testid=helium-status]')).toHaveText(/items?$/);
});
