/**
 * The version history drawer in a real JupyterLab against the embedded local S3: versions of a
 * demo object, an old version opened read-only, restore, undelete, and comparing two versions.
 */
import { expect, IJupyterLabPageFixture, test } from '@jupyterlab/galata';
import * as path from 'path';
import { afterPaint, countVersions, enterFolder, nextSecond, openBucket, row, SCREENSHOTS, widenSidebar } from './helpers';

test.use({ viewport: { width: 1400, height: 860 } });

const DRAWER = '#jupyterlab-helium-versions';

function drawer(page: IJupyterLabPageFixture) {
  return page.locator(DRAWER);
}

function versionRows(page: IJupyterLabPageFixture) {
  return drawer(page).locator('.jp-helium-version-row');
}

/** Opens the drawer on an object of the demo bucket by selecting it in the panel. */
async function openHistory(page: IJupyterLabPageFixture, folder: string | null, name: string): Promise<void> {
  await openBucket(page, 'local', 'helium-demo');
  if (folder) {
    for (const part of folder.split('/')) {
      await enterFolder(page, part);
    }
  }
  await row(page, name).click({ button: 'right' });
  await page.locator('.lm-Menu-item', { hasText: 'Version History' }).click();
  await expect(drawer(page)).toBeVisible();
  await expect(drawer(page).locator('.jp-helium-versions-title')).toHaveText(name);
  await expect(drawer(page).locator('[data-testid=helium-versions-status]')).toHaveText(/\d+ versions?$/);
}

/**
 * Watches for the table diff's Web Workers: `expectUsed()` checks that two workers from our
 * static folder started (one per side) and that none fell back to parsing on the page.
 */
function watchTableWorkers(page: IJupyterLabPageFixture): { expectUsed(): void } {
  const workers: string[] = [];
  const fallbacks: string[] = [];
  page.on('worker', worker => workers.push(worker.url()));
  page.on('console', message => {
    if (/table worker/.test(message.text())) {
      fallbacks.push(message.text());
    }
  });
  return {
    expectUsed: () => {
      expect(fallbacks).toEqual([]);
      // A production build names the chunk with `?v=<hash>`.
      expect(workers.filter(url => /jupyterlab-helium\/static\/[^?]*\.js(\?|$)/.test(url)).length).toBeGreaterThanOrEqual(2);
    }
  };
}

/** The text of an object (current or a version) read through the proxy. */
async function readObject(page: IJupyterLabPageFixture, key: string, versionId?: string): Promise<string> {
  const query = versionId ? `?versionId=${encodeURIComponent(versionId)}` : '';
  const response = await page.request.get(`/helium/s3/local/helium-demo/${key}${query}`);
  expect(response.ok()).toBe(true);
  return response.text();
}

test('lists the versions of a demo object, opens an old one read-only and restores it', async ({ page }) => {
  const key = 'README.md';
  await openHistory(page, null, 'README.md');
  const rows = versionRows(page);
  const before = await countVersions('helium-demo', key);
  await expect(rows).toHaveCount(before);
  await expect(rows.first().locator('.jp-helium-badge-latest')).toHaveText('latest');
  await expect(rows.nth(1).locator('.jp-helium-badge-latest')).toHaveCount(0);

  // The oldest version: its details, then open it in JupyterLab's viewer, read-only.
  const oldest = rows.last();
  const oldestId = (await oldest.getAttribute('data-version-id'))!;
  await oldest.click();
  const details = drawer(page).locator('[data-testid=helium-version-details]');
  await expect(details).toHaveAttribute('data-version-id', oldestId);
  await expect(details.locator('.jp-helium-version-id-full')).toHaveText(oldestId);
  await widenSidebar(page, 120);
  await page.screenshot({ path: path.join(SCREENSHOTS, 'versions-drawer.png') });

  await details.locator('.jp-helium-action-open').click();
  const tab = page.locator('.lm-DockPanel-tabBar .lm-TabBar-tab', { hasText: 'README.md @' });
  await expect(tab).toBeVisible();
  const doc = page.locator('.jp-helium-version-document');
  await expect(doc.locator('.jp-DocumentWidget-toolbar, .jp-Toolbar').getByText('Read-only', { exact: false }).first()).toBeVisible();
  const oldText = await readObject(page, key, oldestId);
  await expect(doc.locator('.cm-content')).toContainText(oldText.split('\n')[0]);
  await page.screenshot({ path: path.join(SCREENSHOTS, 'version-readonly.png') });

  // Restore: a new current version equal to the old one; nothing deleted.
  await details.locator('.jp-helium-action-restore').click();
  await page.locator('.jp-Dialog-button.jp-mod-accept', { hasText: 'Restore' }).click();
  await expect.poll(() => countVersions('helium-demo', key), { timeout: 15000 }).toBe(before + 1);
  await expect(rows).toHaveCount(before + 1);
  expect(await readObject(page, key)).toBe(oldText);
  const newest = rows.first();
  await expect(newest.locator('.jp-helium-badge-latest')).toBeVisible();
  expect(await newest.getAttribute('data-version-id')).not.toBe(oldestId);
});

test('shows a delete marker and undeletes the object', async ({ page }) => {
  // An object of its own, written then deleted through the proxy (a delete marker on top).
  const key = `scratch/undelete-${Date.now()}.txt`;
  const url = `/helium/s3/local/helium-demo/${key}`;
  expect((await page.request.put(url, { data: 'notes to bring back\n' })).ok()).toBe(true);
  expect((await page.request.delete(url)).ok()).toBe(true);
  expect((await page.request.get(url)).status()).toBe(404);
  // A deleted key is not in the listing: open its history through the command (the palette
  // asks for an S3 URI).
  await page.evaluate(k => {
    return (window as any).jupyterapp.commands.execute('helium:version-history', {
      connection: 'local',
      bucket: 'helium-demo',
      key: k
    });
  }, key);
  await expect(drawer(page)).toBeVisible();
  const rows = versionRows(page);
  await expect(rows).toHaveCount(2);
  await expect(rows.first()).toHaveAttribute('data-delete-marker', 'true');
  await expect(rows.first().locator('.jp-helium-badge-deleted')).toBeVisible();
  await page.screenshot({ path: path.join(SCREENSHOTS, 'versions-delete-marker.png') });
  await drawer(page).locator('.jp-helium-versions-undelete').click();
  // It asks first, saying what goes away (the marker) and what comes back.
  const dialog = page.locator('.jp-Dialog');
  await expect(dialog).toContainText('No content is deleted');
  await dialog.locator('.jp-Dialog-button.jp-mod-accept', { hasText: 'Undelete' }).click();
  await expect(rows).toHaveCount(1, { timeout: 15000 });
  await expect(rows.first()).toHaveAttribute('data-delete-marker', 'false');
  expect(await readObject(page, key)).toBe('notes to bring back\n');
});

test('compares two versions of a CSV and highlights the changed cells', async ({ page }) => {
  await openHistory(page, 'hurdat2/by-decade', '1990s.csv');
  const tableWorkers = watchTableWorkers(page);
  const rows = versionRows(page);
  await expect(rows).toHaveCount(2);
  await rows.nth(0).locator('.jp-helium-version-tick').check();
  await rows.nth(1).locator('.jp-helium-version-tick').check();
  await drawer(page).locator('.jp-helium-versions-compare').click();

  const diff = page.locator('.jp-helium-diff');
  await expect(diff).toBeVisible();
  const table = diff.locator('.jp-helium-tablediff');
  await expect(table).toBeVisible({ timeout: 30000 });
  const summary = table.locator('.jp-helium-tablediff-summary');
  await expect(summary).toContainText(/changed/);
  // The revision renamed unnamed systems: rows changed in place, only in the "name" column.
  await expect(table).toHaveAttribute('data-key', '[]'); // storm_id repeats, so by position
  expect(Number(await summary.getAttribute('data-changed'))).toBeGreaterThan(0);
  expect(Number(await summary.getAttribute('data-cells'))).toBe(Number(await summary.getAttribute('data-changed')));
  expect(Number(await summary.getAttribute('data-added'))).toBe(0);
  expect(Number(await summary.getAttribute('data-removed'))).toBe(0);
  await expect(table).toHaveAttribute('data-mode', 'changes');
  tableWorkers.expectUsed();
  await afterPaint(page); // the datagrid paints on a canvas
  await page.screenshot({ path: path.join(SCREENSHOTS, 'diff-table.png') });

  // The preview tab is reused for the next comparison until it is pinned.
  const tabs = page.locator('#jp-main-dock-panel .jp-helium-diff-tab');
  await expect(tabs).toHaveCount(1);
  // Mark the table shown, so the next comparison's own table (a new one) tells it has come: the
  // tab count is checked after that, not before the comparison could have opened a tab.
  await table.evaluate(el => el.setAttribute('data-test-seen', ''));
  await rows.nth(1).click();
  await drawer(page).locator('.jp-helium-action-compare-latest').click();
  await expect(page.locator('.jp-helium-diff .jp-helium-tablediff:not([data-test-seen])')).toBeVisible({ timeout: 30000 });
  await expect(tabs).toHaveCount(1);
  await expect(diff).toHaveClass(/jp-helium-diff-preview/);
  await page.locator('.jp-helium-diff-pin').first().click();
  await expect(diff).not.toHaveClass(/jp-helium-diff-preview/);
  await rows.nth(1).click();
  await drawer(page).locator('.jp-helium-action-compare-latest').click();
  await expect(tabs).toHaveCount(2);
});

test('compares two Parquet versions by their id column, in a worker', async ({ page }) => {
  await openHistory(page, 'hurdat2', 'storms.parquet');
  const tableWorkers = watchTableWorkers(page);
  const rows = versionRows(page);
  await expect(rows).toHaveCount(3);
  // The oldest (storms through 1990) against the middle one (through 2010): rows added, none changed.
  await rows.nth(1).locator('.jp-helium-version-tick').check();
  await rows.nth(2).locator('.jp-helium-version-tick').check();
  await drawer(page).locator('.jp-helium-versions-compare').click();

  const table = page.locator('.jp-helium-diff .jp-helium-tablediff');
  await expect(table).toBeVisible({ timeout: 30000 });
  await expect(table).toHaveAttribute('data-key', '["storm_id"]'); // unique and id-like: suggested
  const summary = table.locator('.jp-helium-tablediff-summary');
  expect(Number(await summary.getAttribute('data-added'))).toBeGreaterThan(100);
  expect(Number(await summary.getAttribute('data-removed'))).toBe(0);
  expect(Number(await summary.getAttribute('data-changed'))).toBe(0);
  await expect(page.locator('.jp-helium-diff .jp-helium-diff-error')).toHaveCount(0);
  tableWorkers.expectUsed(); // parquet-wasm's wasm loaded and ran inside the worker
  await afterPaint(page); // the datagrid paints on a canvas
  await page.screenshot({ path: path.join(SCREENSHOTS, 'diff-parquet.png') });
});

test('edits metadata as a new version; Save is disabled while the JSON is invalid or over 2 KB', async ({ page }) => {
  const key = 'hurdat2/raw/dplyr-storms-doc.md';
  const before = await countVersions('helium-demo', key);
  await openHistory(page, 'hurdat2/raw', 'dplyr-storms-doc.md');
  const details = drawer(page).locator('[data-testid=helium-version-details]');
  await details.locator('.jp-helium-edit-metadata').click();
  const dialog = page.locator('.jp-Dialog');
  await expect(dialog).toContainText('new version');
  const text = dialog.locator('.jp-helium-metadata-text');
  const save = dialog.locator('.jp-Dialog-button.jp-mod-accept');
  await text.fill('{"reviewed": tru');
  await expect(dialog.locator('.jp-helium-metadata-problem')).toContainText(/line 1/);
  // Disabled while the JSON is invalid: no second dialog to dismiss.
  await expect(save).toBeDisabled();
  await page.screenshot({ path: path.join(SCREENSHOTS, 'metadata-editor.png') });
  // Over S3's 2 KB: said as you type, and still disabled.
  await text.fill(JSON.stringify({ notes: 'x'.repeat(2100) }));
  await expect(dialog.locator('.jp-helium-metadata-problem')).toContainText('2 KB');
  await expect(save).toBeDisabled();
  await text.fill('{"reviewed": true, "by": "Ана"}');
  await expect(dialog.locator('.jp-helium-metadata-problem')).toHaveText('');
  await expect(save).toBeEnabled();
  await save.click();
  await expect(page.locator('.jp-Dialog')).toHaveCount(0);
  await expect.poll(() => countVersions('helium-demo', key), { timeout: 15000 }).toBe(before + 1);
  await expect(versionRows(page)).toHaveCount(before + 1);
  await versionRows(page).first().click();
  await expect(details.locator('.jp-helium-json')).toContainText('"by": "Ана"');
});

test('downloads an old version to the computer', async ({ page }) => {
  await openHistory(page, 'hurdat2', 'storms.csv');
  const oldest = versionRows(page).last();
  const oldestId = (await oldest.getAttribute('data-version-id'))!;
  await oldest.click();
  const details = drawer(page).locator('[data-testid=helium-version-details]');
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    details.getByRole('button', { name: 'Download', exact: true }).click()
  ]);
  expect(download.suggestedFilename()).toBe('storms.csv');
  const fs = await import('fs');
  const saved = fs.readFileSync((await download.path())!, 'utf-8');
  expect(saved).toBe(await readObject(page, 'hurdat2/storms.csv', oldestId));
  expect(saved).not.toBe(await readObject(page, 'hurdat2/storms.csv'));
});

test('versions written seconds apart read apart; a JSON diff cuts paths in the middle, never their end', async ({ page }) => {
  await page.setViewportSize({ width: 1000, height: 700 });
  // Three versions of a JSON object of its own (the demo's summary.json is deleted by an earlier
  // test), written a second apart: "how long ago" would tie. Deep paths, so the diff must cut them.
  const name = `tied-${Date.now()}.json`;
  let written = 0;
  for (const count of [3, 5, 8]) {
    // S3 keeps times to the second: versions in one second cannot be told apart by time, so each
    // is written in a later second than the one before.
    await nextSecond(written);
    const body = {
      season: { north_atlantic_basin: { hurricane_counts_by_category: { category_5_major_hurricanes: count } } },
      version: count
    };
    expect(
      (await page.request.put(`/helium/s3/local/helium-demo/tests-versions/${name}`, { data: JSON.stringify(body, null, 2) })).ok()
    ).toBe(true);
    written = Date.now();
  }
  await openHistory(page, 'tests-versions', name);
  const rows = versionRows(page);
  expect(await rows.count()).toBeGreaterThanOrEqual(3);
  const whens = await rows.locator('.jp-helium-version-when').allTextContents();
  expect(new Set(whens).size).toBe(whens.length);
  await rows.nth(0).locator('.jp-helium-version-tick').check();
  await rows
    .nth((await rows.count()) - 1)
    .locator('.jp-helium-version-tick')
    .check();
  await drawer(page).locator('.jp-helium-versions-compare').click();
  const changes = page.locator('.jp-helium-diff-json-row');
  await expect(changes.first()).toBeVisible({ timeout: 30000 });
  for (let i = 0; i < Math.min(await changes.count(), 12); i++) {
    const pathCell = changes.nth(i).locator('.jp-helium-diff-json-path');
    const tail = pathCell.locator('.jp-helium-diff-json-path-tail');
    // The end of the path (the key that changed) is whole; the full path is in the tooltip.
    // Measured in fractional pixels: an overflow of a fraction of a pixel already shows an ellipsis.
    const fits = await tail.evaluate(el => {
      const range = document.createRange();
      range.selectNodeContents(el);
      return range.getBoundingClientRect().width <= el.getBoundingClientRect().width + 0.01;
    });
    expect(fits).toBe(true);
    const full = (await pathCell.getAttribute('title'))!;
    expect(full.endsWith((await tail.textContent())!)).toBe(true);
  }
});

test('a history opened by its URI stays when the right sidebar shows another panel and comes back', async ({ page }) => {
  await openBucket(page, 'local', 'helium-demo');
  await enterFolder(page, 'hurdat2');
  await row(page, 'storms.csv').click();
  // The demo's deleted object: not in the listing, so opened by its URI, not by the selection.
  await page.evaluate(() =>
    (window as any).jupyterapp.commands.execute('helium:version-history', {
      connection: 'local',
      bucket: 'helium-demo',
      key: 'scratch/old-notes.txt'
    })
  );
  const title = drawer(page).locator('.jp-helium-versions-title');
  await expect(title).toHaveText('old-notes.txt');
  await page.evaluate(() => (window as any).jupyterapp.commands.execute('helium:show-transfers'));
  await expect(drawer(page)).toBeHidden();
  await page.sidebar.openTab('jupyterlab-helium-versions');
  await expect(drawer(page)).toBeVisible();
  await expect(versionRows(page).first()).toHaveAttribute('data-delete-marker', 'true');
  await expect(title).toHaveText('old-notes.txt');
  // A selection made in the S3 panel is still followed.
  await row(page, 'tracks.csv').click();
  await expect(title).toHaveText('tracks.csv');
});
