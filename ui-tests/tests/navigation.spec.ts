/**
 * Go to S3 URI (the panel's toolbar and the palette) and the palette's context-aware labels, in
 * a real JupyterLab against the embedded local S3's demo bucket.
 */
import { expect, test } from '@jupyterlab/galata';
import type { IJupyterLabPageFixture } from '@jupyterlab/galata';
import { openBucket, panel, row } from './helpers';

test.use({ viewport: { width: 1400, height: 860 }, permissions: ['clipboard-read', 'clipboard-write'] });

/** Opens the command palette and types a query. */
async function searchPalette(page: IJupyterLabPageFixture, query: string) {
  await page.evaluate(() => (window as any).jupyterapp.commands.execute('apputils:activate-command-palette'));
  const palette = page.locator('#command-palette');
  await palette.locator('input').fill(query);
  return palette;
}

/** Pastes a URI into the open Go to S3 URI dialog and accepts it (the dialog closes). */
async function pasteUri(page: IJupyterLabPageFixture, uri: string): Promise<void> {
  const dialog = page.locator('.jp-Dialog', { hasText: 'Go to S3 URI' });
  await expect(dialog).toHaveCount(1);
  const input = dialog.locator('input');
  await input.focus();
  await expect(input).toBeFocused();
  await page.keyboard.insertText(uri); // as a paste would
  await expect(input).toHaveValue(uri);
  await dialog.locator('.jp-Dialog-button.jp-mod-accept').click();
  await expect(dialog).toHaveCount(0);
}

test('goes to a pasted s3:// URI from the panel toolbar and selects the object', async ({ page }) => {
  await openBucket(page, 'local', 'helium-demo');
  await panel(page).locator('[data-testid=helium-go-to-uri]').click();
  await pasteUri(page, 's3://helium-demo/hurdat2/storms.csv');
  await expect(panel(page).locator('.jp-helium-crumb').last()).toHaveText('hurdat2');
  await expect(row(page, 'storms.csv')).toHaveClass(/jp-mod-selected/);
  await expect(row(page, 'storms.csv')).toBeInViewport();
});

test('goes to a folder URI from the palette, and refuses what is not an S3 URI', async ({ page }) => {
  await openBucket(page, 'local', 'helium-demo');
  const palette = await searchPalette(page, 'Go to S3 URI');
  await palette.locator('.lm-CommandPalette-item', { hasText: 'Go to S3 URI…' }).first().click();
  await pasteUri(page, 's3://helium-demo/hurdat2/');
  // The folder is selected in its parent (the bucket's root).
  await expect(row(page, 'hurdat2')).toHaveClass(/jp-mod-selected/);

  const again = await searchPalette(page, 'Go to S3 URI');
  await again.locator('.lm-CommandPalette-item', { hasText: 'Go to S3 URI…' }).first().click();
  await pasteUri(page, 'https://example.com/not-s3');
  await expect(page.locator('.jp-Dialog')).toContainText('is not an S3 URI');
  await page.locator('.jp-Dialog .jp-Dialog-button', { hasText: 'Close' }).click();
  await expect(page.locator('.jp-Dialog')).toHaveCount(0);
  // Nothing moved.
  await expect(row(page, 'hurdat2')).toHaveClass(/jp-mod-selected/);
});

test('the palette names what Open, Download, Copy S3 URI and Delete act on', async ({ page }) => {
  await openBucket(page, 'local', 'helium-demo');
  await row(page, 'README.md').click();
  for (const label of ['Open README.md from S3', 'Download README.md from S3', 'Copy S3 URI of README.md', 'Delete README.md from S3…']) {
    const palette = await searchPalette(page, label);
    await expect(palette.locator('.lm-CommandPalette-item', { hasText: label }).first()).toBeVisible();
    await page.keyboard.press('Escape');
  }
  // Run from the palette, Copy S3 URI copies the selected object's URI.
  await page.evaluate(() => navigator.clipboard.writeText('(nothing copied)'));
  const palette = await searchPalette(page, 'Copy S3 URI of README.md');
  await palette.locator('.lm-CommandPalette-item', { hasText: 'Copy S3 URI of README.md' }).first().click();
  // The copy lands on the clipboard a moment after the click.
  await expect.poll(() => page.evaluate(() => navigator.clipboard.readText())).toBe('s3://helium-demo/README.md');
});
