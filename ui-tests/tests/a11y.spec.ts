/**
 * Accessibility: an axe-core audit (WCAG 2.1 A/AA rules) of helium's panels in a real
 * JupyterLab, in the light and the dark theme: the S3 panel, the versions drawer, a diff tab, the
 * Snapshots panel and the Transfers panel have no serious or critical violation; and the S3
 * panel's listing is operable by keyboard (arrows move the selection, Enter opens, focus visible).
 */
import { expect, IJupyterLabPageFixture, test } from '@jupyterlab/galata';
import * as path from 'path';
import { audit, expectReadable } from './a11y-audit';
import { demoSnapshotRow, openBucket, SCREENSHOTS, snapshotFolderFromPanel, waitForListing } from './helpers';

test.use({ viewport: { width: 1440, height: 900 } });

/** Open every panel of helium with something in it, ready to audit. */
async function openEverything(page: IJupyterLabPageFixture, key: string, folder: string): Promise<void> {
  await openBucket(page, 'local', 'helium-demo');
  await audit(page, '#jupyterlab-helium-browser');
  const topHash = await snapshotFolderFromPanel(page, folder, 'for the audit');

  await page.evaluate(
    k => (window as any).jupyterapp.commands.execute('helium:version-history', { connection: 'local', bucket: 'helium-demo', key: k }),
    key
  );
  const drawer = page.locator('#jupyterlab-helium-versions');
  await expect(drawer.locator('.jp-helium-version-row')).toHaveCount(2, { timeout: 30000 });
  await audit(page, '#jupyterlab-helium-versions');

  // The two versions in the diff tab.
  await drawer.locator('.jp-helium-version-tick').nth(0).check();
  await drawer.locator('.jp-helium-version-tick').nth(1).check();
  await page.evaluate(() => (window as any).jupyterapp.commands.execute('helium:compare-versions'));
  await expect(page.locator('.jp-helium-diff').last()).toHaveAttribute('data-state', 'ready', { timeout: 30000 });
  await audit(page, '.jp-helium-diff');

  // The snapshots of a folder of our own (taken above), so the panel has rows.
  await demoSnapshotRow(page, folder, topHash);
  await audit(page, '#jupyterlab-helium-snapshots');

  await page.evaluate(() => (window as any).jupyterapp.shell.activateById('jupyterlab-helium-transfers'));
  await audit(page, '#jupyterlab-helium-transfers');
}

test('the panels have no serious accessibility violation, in the light and the dark theme', async ({ page }) => {
  const key = `a11y-${Date.now()}.csv`;
  const folder = `a11y-snap-${Date.now()}`;
  expect((await page.request.put(`/helium/s3/local/helium-demo/${folder}/data.csv`, { data: 'a,b\n1,2\n' })).ok()).toBe(true);
  for (const body of ['name,wind\nAl,40\n', 'name,wind\nAl,45\n']) {
    expect((await page.request.put(`/helium/s3/local/helium-demo/${key}`, { data: body })).ok()).toBe(true);
  }
  await openEverything(page, key, folder);

  await page.theme.setDarkTheme();
  await audit(page, '#jupyterlab-helium-transfers');
  await audit(page, '.jp-helium-diff');
  await page.evaluate(() => (window as any).jupyterapp.shell.activateById('jupyterlab-helium-snapshots'));
  await audit(page, '#jupyterlab-helium-snapshots');
  await page.evaluate(() => (window as any).jupyterapp.shell.activateById('jupyterlab-helium-versions'));
  await audit(page, '#jupyterlab-helium-versions');
  await page.evaluate(() => (window as any).jupyterapp.shell.activateById('jupyterlab-helium-browser'));
  await audit(page, '#jupyterlab-helium-browser');
  await page.screenshot({ path: path.join(SCREENSHOTS, 'dark-theme.png') });
  await page.theme.setLightTheme();
});

test("a selected row and the panel's error are readable in the light and the dark theme", async ({ page }) => {
  await openBucket(page, 'local', 'helium-demo');
  await page.locator('#jupyterlab-helium-browser .jp-helium-row[data-name="README.md"]').click();
  const size = '#jupyterlab-helium-browser .jp-helium-row.jp-mod-selected .jp-helium-col-size';
  await expectReadable(page, size, 'selected row size, light');
  await page.theme.setDarkTheme();
  await expectReadable(page, size, 'selected row size, dark');
  // An endpoint where nothing listens: the error box (its background was light pink in the dark
  // theme too, under light text).
  await page.locator('#jupyterlab-helium-browser [data-testid=helium-connection]').selectOption('offline');
  const error = '#jupyterlab-helium-browser [data-testid=helium-error] .jp-helium-error-message';
  await expect(page.locator(error)).toContainText(/reach/i);
  await expectReadable(page, error, 'panel error, dark');
  await page.theme.setLightTheme();
  await expectReadable(page, error, 'panel error, light');
});

test('the listing is operable by keyboard, with a visible focus', async ({ page }) => {
  await openBucket(page, 'local', 'helium-demo');
  const rows = page.locator('#jupyterlab-helium-browser [role="grid"] [role="rowgroup"] [role="row"]');
  await expect(page.locator('#jupyterlab-helium-browser [role="grid"]')).toHaveAttribute('aria-label', 'Objects in s3://helium-demo/');
  await rows.first().click();
  await expect(rows.first()).toHaveAttribute('aria-selected', 'true');
  await page.keyboard.press('ArrowDown');
  await expect(rows.nth(1)).toHaveAttribute('aria-selected', 'true');
  await expect(rows.first()).toHaveAttribute('aria-selected', 'false');
  await expect(rows.nth(1)).toBeFocused();
  // Keyboard focus shows: an outline on the focused row (:focus-visible), not only the selection.
  expect(await rows.nth(1).evaluate(el => el.matches(':focus-visible') && getComputedStyle(el).outlineStyle !== 'none')).toBe(true);
  // Home goes back to the first row; Enter on a folder opens it.
  await page.keyboard.press('Home');
  await expect(rows.first()).toBeFocused();
  const folder = await rows.first().getAttribute('data-name');
  await page.keyboard.press('Enter');
  await expect(page.locator('#jupyterlab-helium-browser [role="grid"]')).toHaveAttribute(
    'aria-label',
    `Objects in s3://helium-demo/${folder}/`
  );
  // Its listing is in (rows re-render as it arrives; the header button keeps the focus then).
  await waitForListing(page);
  // Sorting is a button in each column header, with the sort order said by aria-sort.
  const nameHeader = page.locator('#jupyterlab-helium-browser [role="columnheader"]').first();
  await expect(nameHeader).toHaveAttribute('aria-sort', 'ascending');
  await nameHeader.locator('button').focus();
  await page.keyboard.press('Enter');
  await expect(nameHeader).toHaveAttribute('aria-sort', 'descending');
});

test('the version history is a grid the keyboard moves through', async ({ page }) => {
  const key = `a11y-keys-${Date.now()}.txt`;
  for (const body of ['one\n', 'two\n', 'three\n']) {
    expect((await page.request.put(`/helium/s3/local/helium-demo/${key}`, { data: body })).ok()).toBe(true);
  }
  await page.evaluate(
    k => (window as any).jupyterapp.commands.execute('helium:version-history', { connection: 'local', bucket: 'helium-demo', key: k }),
    key
  );
  const grid = page.locator('#jupyterlab-helium-versions [role="grid"]');
  await expect(grid).toHaveAttribute('aria-rowcount', '3', { timeout: 30000 });
  const rows = grid.locator('[role="row"]');
  // One row is tabbable (the selected one, else the first); arrows move focus and selection.
  await expect(grid.locator('[role="row"][tabindex="0"]')).toHaveCount(1);
  await grid.locator('[role="row"][tabindex="0"]').focus();
  await page.keyboard.press('End');
  await expect(rows.nth(2)).toBeFocused();
  await expect(rows.nth(2)).toHaveAttribute('aria-selected', 'true');
  await expect(rows.nth(2)).toHaveAttribute('aria-rowindex', '3');
  await page.keyboard.press('ArrowUp');
  await expect(rows.nth(1)).toBeFocused();
  await expect(rows.nth(1)).toHaveAttribute('aria-selected', 'true');
  await expect(grid.locator('[role="row"][tabindex="0"]')).toHaveCount(1);
});
