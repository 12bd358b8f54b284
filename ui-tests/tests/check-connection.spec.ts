/**
 * Check Connection in the S3 panel: the toolbar button and the palette run the Jupyter server's
 * check of the connection against the local S3 and show its findings (ok / warning / problem /
 * not checked, each problem with its fix); an unreachable connection's error box offers the same
 * check, which names the fault and the fix.
 */
import { expect, test } from '@jupyterlab/galata';
import * as path from 'path';
import { openBucket, openPanel, panel, SCREENSHOTS } from './helpers';

test.use({ viewport: { width: 1400, height: 860 } });

test('checks the local connection from the panel toolbar, and again', async ({ page }) => {
  await openBucket(page, 'local', 'helium-demo');
  await panel(page).locator('[data-testid=helium-check-connection]').click();
  const dialog = page.locator('.jp-Dialog');
  await expect(dialog.locator('.jp-Dialog-header')).toHaveText('Check Connection: local');
  const findings = dialog.locator('[data-testid=helium-check]');
  await expect(findings).toBeVisible({ timeout: 30_000 });
  const item = (id: string) => findings.locator(`[data-testid=helium-check-item][data-id="${id}"]`);
  await expect(item('credentials.found')).toHaveAttribute('data-status', 'ok');
  await expect(item('credentials.found')).toContainText('environment variables (AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY)');
  await expect(item('endpoint.ok')).toHaveAttribute('data-status', 'ok');
  await expect(item('clock.ok')).toHaveAttribute('data-status', 'ok');
  const demo = findings.locator('section', { has: page.locator('h3', { hasText: 'Bucket helium-demo' }) });
  await expect(demo.locator('[data-id="versioning.enabled"]')).toContainText('Versioning is on');
  await expect(demo.locator('[data-id="permission.allowed"]').first()).toContainText('List folders: allowed');
  // Writing is never tested by writing: it says so, and why.
  await expect(demo.locator('[data-id="permission.unchecked"]').first()).toContainText('helium writes nothing without a person');
  // No secret reaches the page (the galata server's keys are "testing").
  await expect(findings).not.toContainText(/(?<!because )testing/);
  await page.screenshot({ path: path.join(SCREENSHOTS, 'check-connection.png') });

  await dialog.getByRole('button', { name: 'Check Again' }).click();
  await expect(page.locator('.jp-Dialog [data-testid=helium-check]')).toBeVisible({ timeout: 30_000 });
  await page.locator('.jp-Dialog').getByRole('button', { name: 'Close' }).click();
  await expect(page.locator('.jp-Dialog')).toHaveCount(0);
});

test('an unreachable connection: the error box offers the check, which names the fault and the fix', async ({ page }) => {
  const p = await openPanel(page);
  await p.locator('[data-testid=helium-connection]').selectOption('offline');
  await expect(p.locator('[data-testid=helium-error]')).toContainText(/reach/i);
  await p.locator('[data-testid=helium-error-check]').click();
  const findings = page.locator('.jp-Dialog [data-testid=helium-check]');
  await expect(findings).toBeVisible({ timeout: 30_000 });
  const refused = findings.locator('[data-id="endpoint.refused"]');
  await expect(refused).toHaveAttribute('data-status', 'problem');
  await expect(refused).toContainText('Nothing is listening at 127.0.0.1:9');
  await expect(refused.locator('.jp-helium-check-fix')).toHaveText(
    'Fix: Start the S3 server, or correct the endpoint URL in c.Helium.connections (or AWS_ENDPOINT_URL).'
  );
  await expect(page.locator('.jp-Dialog [data-testid=helium-check-summary]')).toContainText('1 problem(s)');
  await page.keyboard.press('Escape');
  await expect(page.locator('.jp-Dialog')).toHaveCount(0);
});

test('the palette checks the panel’s connection', async ({ page }) => {
  await openBucket(page, 'local', 'helium-demo');
  await page.keyboard.press('Control+Shift+C');
  await page.locator('#command-palette input').fill('Check S3 Connection');
  await page.locator('#command-palette .lm-CommandPalette-item', { hasText: 'Check S3 Connection “local”' }).click();
  await expect(page.locator('.jp-Dialog [data-testid=helium-check]')).toBeVisible({ timeout: 30_000 });
  await page.locator('.jp-Dialog').getByRole('button', { name: 'Close' }).click();
});
