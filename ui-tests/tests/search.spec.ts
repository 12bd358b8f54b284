/**
 * Search in a real JupyterLab against the embedded local S3: open the S3 Search panel from the
 * S3 panel (Ctrl/Cmd-F), build the demo bucket's index, type `ext:.csv`, see CSV hits, click a
 * metadata facet to narrow them, and open one. The index runs in the search Web Worker
 * (sqlite-wasm), so this also proves the worker and its wasm load from our static folder.
 */
import { expect, test } from '@jupyterlab/galata';
import * as path from 'path';
import { openBucket, panel, SCREENSHOTS } from './helpers';

test.use({ viewport: { width: 1400, height: 860 } });

const SEARCH = '#jupyterlab-helium-search';

test('builds the index, finds CSV objects, narrows by a facet and opens a hit', async ({ page }) => {
  await openBucket(page, 'local', 'helium-demo');

  // Ctrl/Cmd-F while the S3 panel has focus opens the search panel with the cursor in its box.
  await panel(page).locator('.jp-helium-crumb').first().click();
  await page.keyboard.press('ControlOrMeta+f');
  const search = page.locator(SEARCH);
  await expect(search).toBeVisible();
  const input = search.locator('.jp-helium-search-input input');
  await expect(input).toBeFocused();

  // Build (or update, when an earlier run left one in OPFS) the index of the demo bucket.
  const status = search.locator('.jp-helium-search-status');
  await expect(status).toHaveAttribute('data-state', /never|ready/, { timeout: 30000 });
  await status.locator('[data-action="update"]').click();
  await expect(status).toHaveAttribute('data-state', 'ready', { timeout: 120000 });
  await expect(status).toContainText('Index updated');

  // Type a query: every hit is a CSV object. (The empty query lists every object, with a chip per
  // extension: one extension chip left says the typed query's results are in.)
  await input.fill('ext:.csv');
  await expect(search.locator('.jp-helium-search-chip[data-facet="ext"]')).toHaveCount(1, { timeout: 30000 });
  const hits = search.locator('.jp-helium-search-hit[data-type="object"]');
  await expect(hits.first()).toBeVisible({ timeout: 30000 });
  const keys = await hits.evaluateAll(rows => rows.map(r => r.getAttribute('data-key') ?? ''));
  expect(keys.length).toBeGreaterThan(0);
  expect(keys.every(k => k.endsWith('.csv'))).toBe(true);
  const summary = search.locator('.jp-helium-search-summary');
  const before = Number(await summary.getAttribute('data-total'));
  expect(before).toBeGreaterThan(0);
  await expect(search.locator('.jp-helium-search-chip[data-facet="ext"][data-value=".csv"]')).toContainText(String(before));

  // Click the metadata facet with the fewest documents: the query narrows to it, and exactly as
  // many hits remain as the chip promised.
  const chips = search.locator('.jp-helium-search-chip[data-facet="user_meta"]');
  await expect(chips.first()).toBeVisible();
  const counts = await chips.evaluateAll(cs =>
    cs.map(c => ({ field: c.getAttribute('data-value') ?? '', n: Number(c.querySelector('.jp-helium-search-chip-count')?.textContent) }))
  );
  const fewest = counts.reduce((a, b) => (b.n < a.n ? b : a));
  await search.locator(`.jp-helium-search-chip[data-facet="user_meta"][data-value="${fewest.field}"]`).click();
  await expect(input).toHaveValue(`(ext:.csv) AND _exists_:user_meta.${fewest.field}`);
  await expect(summary).toHaveAttribute('data-total', String(fewest.n));
  expect(fewest.n).toBeLessThanOrEqual(before);
  const narrowed = await hits.evaluateAll(rows => rows.map(r => r.getAttribute('data-key') ?? ''));
  expect(narrowed.every(k => k.endsWith('.csv'))).toBe(true);
  await page.screenshot({ path: path.join(SCREENSHOTS, 'search-panel.png') });

  // Open the first hit: its CSV opens in a tab.
  const first = hits.first();
  const key = (await first.getAttribute('data-key'))!;
  const name = key.slice(key.lastIndexOf('/') + 1);
  await first.click();
  await expect(page.locator('.lm-DockPanel-tabBar .lm-TabBar-tab', { hasText: name })).toBeVisible();
  await expect(page.locator('.jp-CSVViewer')).toBeVisible();
});
