/**
 * Snapshots in a real JupyterLab against the embedded local S3: snapshot a demo folder from the
 * panel's context menu, change a file, snapshot again, compare the two snapshots, and open the
 * content diff of the changed file.
 */
import { expect, IJupyterLabPageFixture, test } from '@jupyterlab/galata';
import * as path from 'path';
import { afterPaint, enterFolder, openBucket, row, SCREENSHOTS, snapshotFolderFromPanel, widenSidebar } from './helpers';

test.use({ viewport: { width: 1400, height: 860 } });

const CHANGED = 'hurdat2/by-decade/2020s.csv';

/** Takes a snapshot through the dialog (already open) and returns its top hash. */
async function takeSnapshot(page: IJupyterLabPageFixture, message: string, shot?: string): Promise<string> {
  const dialog = page.locator('.jp-helium-snapshot-dialog');
  await expect(dialog).toBeVisible();
  // The focus moves to the message once the form has rendered: wait for it, as typing races it.
  const messageInput = dialog.locator('.jp-helium-snapshot-message-input');
  await expect(messageInput).toBeFocused();
  await messageInput.fill(message);
  await expect(dialog.locator('.jp-helium-snapshot-name-input')).toHaveValue('hurdat2/by-decade');
  await page.locator('.jp-Dialog-button.jp-mod-accept').click();
  const result = page.locator('.jp-helium-snapshot-result');
  await expect(result).toBeVisible({ timeout: 60000 });
  const topHash = (await result.getAttribute('data-top-hash'))!;
  expect(topHash).toMatch(/^[0-9a-f]{64}$/);
  const snippet = page.locator('pre.jp-helium-snapshot-snippet');
  await expect(snippet).toContainText(`top_hash="${topHash}"`);
  // Code keeps its lines: no line breaks inside a word or the hash; wide lines scroll sideways.
  // (The browse line, with its 64-character hash, is wider than the dialog: unwrapped, it overflows.)
  expect(await snippet.evaluate(el => getComputedStyle(el).whiteSpace)).toBe('pre');
  expect(await snippet.evaluate(el => el.scrollWidth > el.clientWidth)).toBe(true);
  if (shot) {
    await page.screenshot({ path: path.join(SCREENSHOTS, shot) });
  }
  await page.locator('.jp-Dialog-button', { hasText: 'Close' }).click();
  await expect(dialog).toHaveCount(0);
  return topHash;
}

test("snapshots a folder twice, compares the snapshots and opens the changed file's diff", async ({ page }) => {
  // 1. Snapshot from the panel's context menu.
  await openBucket(page, 'local', 'helium-demo');
  await enterFolder(page, 'hurdat2');
  await row(page, 'by-decade').click({ button: 'right' });
  await page.locator('.lm-Menu-item', { hasText: 'Snapshot Folder' }).click();
  const first = await takeSnapshot(page, `before the 2020s fix ${Date.now()}`, 'snapshot-dialog.png');

  // 2. Change one file: a corrected wind speed in the first data row of 2020s.csv.
  const url = `/helium/s3/local/helium-demo/${CHANGED}`;
  const original = await (await page.request.get(url)).text();
  const lines = original.split('\n');
  const header = lines[0].split(',');
  const wind = header.indexOf('wind_kt');
  expect(wind).toBeGreaterThan(0);
  const cells = lines[1].split(',');
  cells[wind] = String(Number(cells[wind]) + 5);
  lines[1] = cells.join(',');
  expect((await page.request.put(url, { data: lines.join('\n') })).ok()).toBe(true);

  // 3. Snapshot again, this time from the S3 Snapshots panel of the folder.
  await enterFolder(page, 'by-decade');
  await page.evaluate(() => (window as any).jupyterapp.commands.execute('helium:show-snapshots'));
  const panel = page.locator('.jp-helium-snapshots');
  await expect(panel).toBeVisible();
  await expect(panel.locator(`.jp-helium-snapshot-row[data-top-hash="${first}"]`)).toBeVisible({ timeout: 30000 });
  await panel.locator('.jp-helium-snapshots-take').click();
  const second = await takeSnapshot(page, `after the 2020s fix ${Date.now()}`);
  expect(second).not.toBe(first);

  // 4. Both listed, newest first; tick both and compare.
  const rows = panel.locator('.jp-helium-snapshot-row');
  await expect(panel.locator(`.jp-helium-snapshot-row[data-top-hash="${second}"]`)).toBeVisible({ timeout: 30000 });
  const hashes = await rows.evaluateAll(rs => rs.map(r => r.getAttribute('data-top-hash')));
  expect(hashes.indexOf(second)).toBeLessThan(hashes.indexOf(first));
  await panel.locator(`.jp-helium-snapshot-row[data-top-hash="${first}"] .jp-helium-snapshot-tick`).check();
  await panel.locator(`.jp-helium-snapshot-row[data-top-hash="${second}"] .jp-helium-snapshot-tick`).check();
  await widenSidebar(page, 60);
  await page.screenshot({ path: path.join(SCREENSHOTS, 'snapshots-panel.png') });
  await panel.locator('.jp-helium-snapshots-compare').click();

  const diff = page.locator('.jp-helium-snapdiff');
  await expect(diff.locator('.jp-helium-snapdiff-content')).toHaveAttribute('data-state', 'done', { timeout: 60000 });
  const summary = diff.locator('.jp-helium-snapdiff-summary');
  await expect(summary).toHaveAttribute('data-modified', '1');
  await expect(summary).toHaveAttribute('data-added', '0');
  await expect(summary).toHaveAttribute('data-deleted', '0');
  const changed = diff.locator('.jp-helium-snapdiff-row[data-kind=file][data-status=modified]');
  await expect(changed).toHaveCount(1);
  await expect(changed).toHaveAttribute('data-path', '2020s.csv');
  await page.screenshot({ path: path.join(SCREENSHOTS, 'snapshot-diff.png') });

  // 5. The changed file's content diff: the table diff with the one changed cell.
  await changed.click();
  const table = page.locator('.jp-helium-diff .jp-helium-tablediff');
  await expect(table).toBeVisible({ timeout: 30000 });
  const tableSummary = table.locator('.jp-helium-tablediff-summary');
  await expect(tableSummary).toHaveAttribute('data-changed', '1');
  await expect(tableSummary).toHaveAttribute('data-cells', '1');
  await afterPaint(page); // the datagrid paints on a canvas
  await page.screenshot({ path: path.join(SCREENSHOTS, 'snapshot-content-diff.png') });
});

test('the snapshot-vs-live tab refreshes after an upload, and restores the folder from the tab', async ({ page }) => {
  // A folder of its own, with one file, snapshotted from the panel.
  const folder = `snapdiff-refresh-${Date.now()}`;
  const put = async (name: string, body: string) =>
    expect((await page.request.put(`/helium/s3/local/helium-demo/${folder}/${name}`, { data: body })).ok()).toBe(true);
  await put('kept.txt', 'kept\n');
  await openBucket(page, 'local', 'helium-demo');
  const topHash = await snapshotFolderFromPanel(page, folder, 'before the upload');

  // Compare the snapshot with the live folder: no differences yet.
  await enterFolder(page, folder);
  await page.evaluate(() => (window as any).jupyterapp.commands.execute('helium:show-snapshots'));
  const panel = page.locator('.jp-helium-snapshots');
  await expect(panel.locator(`.jp-helium-snapshot-row[data-top-hash="${topHash}"]`)).toBeVisible({ timeout: 30000 });
  await panel.locator(`.jp-helium-snapshot-row[data-top-hash="${topHash}"] .jp-helium-snapshot-tick`).check();
  await panel.locator('.jp-helium-snapshot-live .jp-helium-snapshot-tick').check();
  await panel.locator('.jp-helium-snapshots-compare').click();
  const diff = page.locator('.jp-helium-snapdiff');
  const content = diff.locator('.jp-helium-snapdiff-content');
  await expect(content).toHaveAttribute('data-state', 'done', { timeout: 60000 });
  await expect(diff.locator('.jp-helium-empty')).toContainText('No differences');

  // An upload into the folder; Refresh compares again against the live folder.
  await put('uploaded.txt', 'new\n');
  await diff.locator('.jp-helium-snapdiff-refresh').click();
  await expect(content).toHaveAttribute('data-state', 'done', { timeout: 60000 });
  await expect(diff.locator('.jp-helium-snapdiff-summary')).toHaveAttribute('data-added', '1');

  // Restore folder… from the tab: to the snapshot side only (the live side has no button).
  await expect(diff.locator('.jp-helium-snapdiff-restore')).toHaveCount(1);
  await diff.locator('.jp-helium-snapdiff-restore').click();
  const restore = page.locator('.jp-Dialog');
  await expect(restore).toContainText('Restore');
  // Focus (and so Enter) is on Cancel, not on the red Restore button.
  await expect(restore.getByRole('button', { name: 'Cancel' })).toBeFocused();
  await page.locator('.jp-helium-snapshot-restore-ok').click();
  await expect
    .poll(async () => (await page.request.get(`/helium/s3/local/helium-demo/${folder}/uploaded.txt`)).status(), { timeout: 60000 })
    .toBe(404);
  expect(await (await page.request.get(`/helium/s3/local/helium-demo/${folder}/kept.txt`)).text()).toBe('kept\n');
});
