/**
 * The S3 side panel in a real JupyterLab, against the embedded local S3 (demo bucket, a
 * 100,000-key prefix, and an "offline" connection whose endpoint has nothing listening).
 */
import { expect, test } from '@jupyterlab/galata';
import type { Request } from '@playwright/test';
import * as path from 'path';
import {
  afterPaint,
  countVersions,
  enterFolder,
  expectListing,
  isDeleted,
  openBucket,
  openPanel,
  panel,
  row,
  SCREENSHOTS,
  waitForListing,
  widenSidebar
} from './helpers';

test.use({ viewport: { width: 1400, height: 860 } });

test("browses the demo bucket and opens a CSV in JupyterLab's viewer", async ({ page }) => {
  await openBucket(page, 'local', 'helium-demo');
  await expect(row(page, 'hurdat2')).toBeVisible();
  await expect(row(page, 'README.md')).toBeVisible();
  // Folders first.
  const names = await panel(page)
    .locator('.jp-helium-row[data-name]')
    .evaluateAll(rows => rows.map(r => [r.getAttribute('data-kind'), r.getAttribute('data-name')]));
  const firstObject = names.findIndex(([kind]) => kind === 'object');
  expect(names.slice(firstObject).every(([kind]) => kind === 'object')).toBe(true);

  await enterFolder(page, 'hurdat2');
  await expect(row(page, 'storms.csv')).toBeVisible();
  await widenSidebar(page, 160);
  await page.screenshot({ path: path.join(SCREENSHOTS, 'panel-demo.png') });

  await row(page, 'storms.csv').dblclick();
  const tab = page.locator('.lm-DockPanel-tabBar .lm-TabBar-tab', { hasText: 'storms.csv' });
  await expect(tab).toBeVisible();
  const grid = page.locator('.jp-CSVViewer');
  await expect(grid).toBeVisible();
  await afterPaint(page); // the datagrid paints on a canvas
  await page.screenshot({ path: path.join(SCREENSHOTS, 'csv-viewer.png') });
});

test('opens a Parquet object as a read-only table', async ({ page }) => {
  await openBucket(page, 'local', 'helium-demo');
  await enterFolder(page, 'hurdat2');
  await row(page, 'storms.parquet').dblclick();
  const viewer = page.locator('.jp-helium-tableview');
  await expect(viewer).toHaveAttribute('data-state', 'ready', { timeout: 30000 });
  // The latest version: every storm (654), the 13 columns of storms.csv.
  await expect(viewer).toHaveAttribute('data-columns', '13');
  await expect(viewer).toHaveAttribute('data-rows', '654');
  await expect(viewer.locator('.jp-helium-tableview-summary')).toContainText('654 rows × 13 columns');
  // A read-only viewer is not told "Save (Ctrl+S) writes a new version": its Save writes nothing.
  await expect(page.locator('.Toastify__toast', { hasText: 'not autosaved' })).toHaveCount(0);
  const tab = page.locator('.lm-DockPanel-tabBar .lm-TabBar-tab', { hasText: 'storms.parquet' });
  await expect(tab).toBeVisible();
  await afterPaint(page); // the datagrid paints on a canvas
  await page.screenshot({ path: path.join(SCREENSHOTS, 'table-viewer.png') });

  // Read-only: Save writes nothing (no new version of the object). JupyterLab's Save command
  // ends, after the document's save, by asking the drive for a checkpoint, which HEADs the
  // object: once that HEAD is sent, Save has done all it was going to do.
  const key = 'hurdat2/storms.parquet';
  const before = await countVersions('helium-demo', key);
  await viewer.click();
  const writes: string[] = [];
  const recordWrites = (request: Request) => {
    if (!['GET', 'HEAD'].includes(request.method()) && request.url().includes('/helium/s3/')) {
      writes.push(`${request.method()} ${request.url()}`);
    }
  };
  page.on('request', recordWrites);
  const checkpoint = page.waitForRequest(
    request => request.method() === 'HEAD' && new URL(request.url()).pathname.endsWith(`/helium/s3/local/helium-demo/${key}`)
  );
  await page.keyboard.press('Control+s');
  await checkpoint;
  page.off('request', recordWrites);
  expect(writes).toEqual([]);
  expect(await countVersions('helium-demo', key)).toBe(before);
});

test('sorts by size and filters the loaded listing', async ({ page }) => {
  await openBucket(page, 'local', 'helium-demo');
  await enterFolder(page, 'hurdat2');
  const objectNames = () =>
    panel(page)
      .locator('.jp-helium-row[data-kind=object]')
      .evaluateAll(rows => rows.map(r => r.getAttribute('data-name')));
  const byName = await objectNames();
  expect(byName).toEqual([...byName].sort((a, b) => a!.localeCompare(b!, undefined, { numeric: true })));
  await panel(page).locator('.jp-helium-header', { hasText: 'Size' }).click();
  await panel(page).locator('.jp-helium-header', { hasText: 'Size' }).click(); // descending
  // The rows are read once the listing is sorted so (not as the clicks left it).
  await expect(panel(page).locator('.jp-helium-header-cell.jp-helium-col-size')).toHaveAttribute('aria-sort', 'descending');
  const sizes = await panel(page).locator('.jp-helium-row[data-kind=object] .jp-helium-col-size').allTextContents();
  const bytes = sizes.map(s => {
    const [n, unit] = s.split(' ');
    return Number(n) * 1024 ** ['B', 'KiB', 'MiB', 'GiB'].indexOf(unit);
  });
  expect(bytes).toEqual([...bytes].sort((a, b) => b - a));
  await panel(page).getByPlaceholder('Filter loaded items by name').fill('storm');
  // The status line says "N of M items" once the filter applies: read the rows then.
  await expect(panel(page).locator('[data-testid=helium-status]')).toHaveText(/^\d+ of /);
  const filtered = await objectNames();
  expect(filtered.length).toBeGreaterThan(0);
  expect(filtered.every(n => n!.toLowerCase().includes('storm'))).toBe(true);
});

test('saves a notebook to S3 as a new version', async ({ page }) => {
  const key = 'notebooks/hurricane-tour.ipynb';
  const before = await countVersions('helium-demo', key);
  expect(before).toBeGreaterThan(0);
  await openBucket(page, 'local', 'helium-demo');
  await enterFolder(page, 'notebooks');
  await row(page, 'hurricane-tour.ipynb').dblclick();
  await expect(page.locator('.jp-NotebookPanel')).toBeVisible();
  await page.notebook.setCell(0, 'markdown', '# Edited in the browser test');
  // The edit is in the model before saving (a save of the unchanged notebook would write the old text).
  await expect(page.locator('.lm-DockPanel-tabBar .lm-TabBar-tab', { hasText: 'hurricane-tour.ipynb' })).toHaveClass(/jp-mod-dirty/);
  await page.notebook.save();
  await expect.poll(() => countVersions('helium-demo', key), { timeout: 15000 }).toBe(before + 1);
  // The saved bytes are the edited notebook.
  // Read it back through the server's proxy (the local S3 refuses anonymous GETs).
  const saved = await (await page.request.get(`/helium/s3/local/helium-demo/${key}`)).json();
  // Saved as Jupyter's server writes notebooks: a cell's source is a list of lines.
  expect(saved.cells[0].source.join('')).toContain('Edited in the browser test');
});

test('scrolls a 100,000-key prefix to the end, rendering only visible rows', async ({ page }) => {
  // The local S3 (moto) re-sorts the whole bucket for every page: ~100 pages take about a minute.
  test.setTimeout(300_000);
  await openBucket(page, 'local', 'helium-big');
  await widenSidebar(page, 160);
  await enterFolder(page, 'many');
  const listing = panel(page).locator('[data-testid=helium-listing]');
  const status = panel(page).locator('[data-testid=helium-status]');
  await expect(status).toContainText('loaded, more on scroll');
  // Scroll to the end until the listing is complete; the DOM never holds more than a screenful of
  // rows, however many keys are loaded (the most seen at any look is checked after).
  let mostRows = 0;
  await expect
    .poll(
      async () => {
        await listing.evaluate(el => el.scrollTo({ top: el.scrollHeight }));
        mostRows = Math.max(mostRows, await panel(page).locator('.jp-helium-row[data-kind]').count());
        return (await status.textContent())?.trim() ?? '';
      },
      { timeout: 240_000, intervals: [100] }
    )
    .toMatch(/^[\d,. ]+ items$/);
  expect(mostRows).toBeGreaterThan(0);
  expect(mostRows).toBeLessThan(120);
  // scripts/local_s3.py puts 100,000 keys under many/: 99,992 at the top and 8 in two sub-folders.
  await expect(status).toHaveText(/^99[,. ]?994 items$/);
  await listing.evaluate(el => el.scrollTo({ top: el.scrollHeight }));
  await expect(row(page, 'part-099991.json')).toBeVisible();
  expect(await panel(page).locator('.jp-helium-row[data-kind]').count()).toBeLessThan(120);
  await page.screenshot({ path: path.join(SCREENSHOTS, 'big-prefix.png') });
});

test('works from the keyboard and the context menu', async ({ page }) => {
  await openBucket(page, 'local', 'helium-demo');
  await enterFolder(page, 'hurdat2');
  // Tab reaches the first row; arrows move selection and focus together; Enter opens a folder.
  await panel(page).locator('.jp-helium-row[tabindex="0"]').focus();
  await page.keyboard.press('ArrowDown');
  await expect(panel(page).locator('.jp-helium-row.jp-mod-selected')).toHaveAttribute('data-name', 'raw');
  await page.keyboard.press('ArrowUp');
  await expect(panel(page).locator('.jp-helium-row:focus')).toHaveAttribute('data-name', 'by-decade');
  await page.keyboard.press('Enter');
  await expect(panel(page).locator('.jp-helium-crumb').last()).toHaveText('by-decade');
  await waitForListing(page);
  await panel(page).locator('.jp-helium-row[tabindex="0"]').focus();
  await page.keyboard.press('Backspace');
  await expect(panel(page).locator('.jp-helium-crumb').last()).toHaveText('hurdat2');
  await waitForListing(page); // its rows are listed again: a click now lands on the row that stays

  // New folder from the context menu, then delete an object from it after confirming.
  await row(page, 'storms.csv').click({ button: 'right' });
  await expect(page.locator('.lm-Menu-itemLabel', { hasText: 'Copy S3 URI' })).toBeVisible();
  await page.keyboard.press('Escape');
  await panel(page)
    .locator('[data-testid=helium-listing]')
    .click({ button: 'right', position: { x: 20, y: 300 } });
  await page.locator('.lm-Menu-itemLabel', { hasText: 'New Folder…' }).click();
  await page.locator('.jp-Dialog input').fill('scratch-from-test');
  await page.locator('.jp-Dialog .jp-mod-accept').click();
  await expect(row(page, 'scratch-from-test')).toBeVisible();

  const key = 'hurdat2/summary.json';
  const before = await countVersions('helium-demo', key);
  await row(page, 'summary.json').click({ button: 'right' });
  await page.locator('.lm-Menu-itemLabel', { hasText: 'Delete…' }).click();
  await expect(page.locator('.jp-Dialog')).toContainText('versions are kept');
  await page.locator('.jp-Dialog').getByRole('button', { name: 'Cancel' }).click();
  await expect(page.locator('.jp-Dialog')).toHaveCount(0);
  await expect(row(page, 'summary.json')).toBeVisible();
  await row(page, 'summary.json').click({ button: 'right' });
  await page.locator('.lm-Menu-itemLabel', { hasText: 'Delete…' }).click();
  const confirm = page.locator('.jp-Dialog', { hasText: 'versions are kept' });
  await confirm.getByRole('button', { name: 'Delete' }).click();
  // S3 has the delete marker; the listing, read again, has no row for it (while it reloads it has
  // no rows at all: storms.csv, listed beside it, says the listing is in).
  await expect.poll(() => isDeleted('helium-demo', key), { timeout: 15000 }).toBe(true);
  await expectListing(page, { shown: ['storms.csv'], gone: ['summary.json'] });
  // Versioned bucket: the history is still there under a delete marker.
  expect(await countVersions('helium-demo', key)).toBe(before);
});

test('explains bad input and unreachable endpoints in the panel', async ({ page }) => {
  const p = await openPanel(page);
  await widenSidebar(page, 160);
  // An endpoint where nothing listens.
  await p.locator('[data-testid=helium-connection]').selectOption('offline');
  await expect(p.locator('[data-testid=helium-error]')).toContainText(/reach/i);
  await page.screenshot({ path: path.join(SCREENSHOTS, 'error-unreachable.png') });

  await p.locator('[data-testid=helium-connection]').selectOption('local');
  await expect(row(page, 'hurdat2')).toBeVisible();
  // An invalid bucket name: the rule it breaks shows as it is typed, and Open stays disabled.
  const picker = p.locator('[data-testid=helium-bucket]');
  await picker.selectOption({ label: 'Other bucket…' });
  const dialog = page.locator('.jp-Dialog');
  await dialog.locator('input').fill('Bad_Bucket!');
  await expect(dialog.locator('[data-testid=helium-bucketname-problem]')).toContainText(/lowercase letters/i);
  await expect(dialog.locator('.jp-mod-accept')).toBeDisabled();
  await dialog.locator('input').fill('no');
  await expect(dialog.locator('[data-testid=helium-bucketname-problem]')).toContainText(/3 to 63/);
  // A valid name of a bucket that does not exist: the panel stays on helium-demo and says so.
  await dialog.locator('input').fill('no-such-bucket-here');
  await expect(dialog.locator('[data-testid=helium-bucketname-problem]')).toHaveText('');
  await dialog.locator('.jp-mod-accept').click();
  const error = p.locator('[data-testid=helium-error]');
  await expect(error).toContainText(/does not exist/i);
  await expect(error).toContainText('no-such-bucket-here');
  await expect(error.locator('[data-testid=helium-error-note]')).toContainText('still shows s3://helium-demo/');
  await expect(picker).toHaveValue('helium-demo');
  await expect(p.locator('.jp-helium-crumb').first()).toHaveText('helium-demo');
  await expect(picker.locator('option[value="no-such-bucket-here"]')).toHaveCount(0);
  await expect(row(page, 'hurdat2')).toBeVisible();
  await page.screenshot({ path: path.join(SCREENSHOTS, 'error-bucket-not-opened.png') });
  // Try again tries that bucket again (not the one on screen).
  const tried = page.waitForResponse(r => new URL(r.url()).pathname.includes('/helium/s3/local/no-such-bucket-here'));
  await error.getByRole('button', { name: 'Try again' }).click();
  await tried;
  await expect(error).toContainText('no-such-bucket-here');
  await expect(picker).toHaveValue('helium-demo');
  await error.getByRole('button', { name: 'Dismiss' }).click();
  await expect(error).toHaveCount(0);
});
