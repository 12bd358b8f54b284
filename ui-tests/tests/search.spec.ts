/**
 * Search in the S3 panel, in a real JupyterLab against the embedded local S3: Ctrl/Cmd-F puts the
 * cursor in the panel's search box, the demo bucket's index is built, `ext:.csv` finds CSV hits, a
 * metadata facet narrows them, a hit opens; "Show in folder" takes the panel to a hit's row (also
 * when the row is pages down a folder); Escape brings the listing back; a snapshot hit opens the
 * Snapshots panel on that snapshot's row. A key is marked where the index matched it through its
 * folding (accents, ß, full-width forms). The index runs in the search Web Worker (sqlite-wasm),
 * so this also proves the worker and its wasm load from our static folder.
 */
import { expect, galata, IJupyterLabPageFixture, test } from '@jupyterlab/galata';
import type { Locator } from '@playwright/test';
import * as path from 'path';
import { enterFolder, openBucket, panel, row, SCREENSHOTS, waitForListing } from './helpers';

test.use({ viewport: { width: 1400, height: 860 } });

/** The search area that replaces the listing while a search is open. */
function searchArea(page: IJupyterLabPageFixture): Locator {
  return panel(page).locator('[data-testid=helium-panel-search]');
}

function searchInput(page: IJupyterLabPageFixture): Locator {
  return panel(page).locator('.jp-helium-search-input input');
}

/** Ctrl/Cmd-F in the S3 panel, then build (or update) the index of the bucket it shows. */
async function openSearchAndIndex(page: IJupyterLabPageFixture): Promise<void> {
  await panel(page).locator('.jp-helium-crumb').first().click();
  await page.keyboard.press('ControlOrMeta+f');
  await expect(searchInput(page)).toBeFocused();
  await expect(searchArea(page)).toBeVisible();
  // The listing makes way for the search while it is open.
  await expect(panel(page).locator('[data-testid=helium-listing]')).toBeHidden();
  const status = searchArea(page).locator('.jp-helium-search-status');
  await expect(status).toHaveAttribute('data-state', /never|ready/, { timeout: 30000 });
  await status.locator('[data-action="update"]').click();
  await expect(status).toHaveAttribute('data-state', 'ready', { timeout: 120000 });
  await expect(status).toContainText('Index updated');
}

/** Right-click a hit and pick a context menu item. */
async function hitMenu(page: IJupyterLabPageFixture, hit: Locator, item: string): Promise<void> {
  await hit.click({ button: 'right' });
  await page.locator('.lm-Menu-item', { hasText: item }).click();
}

test('types a query in the S3 panel, narrows by a facet, opens a hit, shows one in its folder; Escape restores the listing', async ({
  page
}) => {
  await openBucket(page, 'local', 'helium-demo');
  await openSearchAndIndex(page);
  const search = searchArea(page);
  const input = searchInput(page);

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

  // Open the first hit: its CSV opens in a tab; the search stays in the panel.
  const first = hits.first();
  const key = (await first.getAttribute('data-key'))!;
  const name = key.slice(key.lastIndexOf('/') + 1);
  const folders = key.split('/').slice(0, -1);
  expect(folders.length).toBeGreaterThan(0);
  await first.click();
  await expect(page.locator('.lm-DockPanel-tabBar .lm-TabBar-tab', { hasText: name })).toBeVisible();
  await expect(page.locator('.jp-CSVViewer')).toBeVisible();
  await expect(search).toBeVisible();

  // Show in folder: the panel goes to the hit's folder, the search is cleared, the row selected.
  await hitMenu(page, search.locator(`.jp-helium-search-hit[data-key="${key}"]`), 'Show in Folder');
  await expect(search).toHaveCount(0);
  await expect(input).toHaveValue('');
  await expect(panel(page).locator('.jp-helium-crumb').last()).toHaveText(folders[folders.length - 1]);
  await expect(row(page, name)).toHaveClass(/jp-mod-selected/);
  await expect(row(page, name)).toBeInViewport();

  // Escape in the box goes back to the listing as it was.
  await panel(page).locator('.jp-helium-crumb').first().click();
  await waitForListing(page);
  await page.keyboard.press('ControlOrMeta+f');
  await input.fill('storms');
  await expect(search).toBeVisible();
  await expect(panel(page).locator('[data-testid=helium-listing]')).toBeHidden();
  await input.press('Escape');
  await expect(search).toHaveCount(0);
  await expect(input).toHaveValue('');
  await expect(panel(page).locator('[data-testid=helium-listing]')).toBeVisible();
  await expect(row(page, 'hurdat2')).toBeVisible();

  // Escape on a hit does the same, and leaves the cursor in the box.
  await input.fill('storms');
  // A hit of this query (its key marked), not one of the listing-wide search the box showed
  // while typing: that one is replaced when the answer comes.
  const anyHit = search.locator('.jp-helium-search-hit', { has: page.locator('.jp-helium-search-match') }).first();
  await expect(anyHit).toBeVisible({ timeout: 30000 });
  await anyHit.focus();
  await page.keyboard.press('Escape');
  await expect(search).toHaveCount(0);
  await expect(input).toBeFocused();
  await expect(input).toHaveValue('');
  await expect(row(page, 'hurdat2')).toBeVisible();
});

test('a hit on an object whose key ends in "/" opens its version history, not a document of another key', async ({ page }) => {
  // S3 lets an object with bytes have a key ending in "/"; a document path would drop the "/" and
  // name another key, which the drive then says is missing.
  const key = `search-slash-${Date.now()}/folderish/`;
  const put = await page.request.put(`/helium/s3/local/helium-demo/${key}`, { data: 'bytes under a folder-like key' });
  expect(put.ok()).toBe(true);
  await openBucket(page, 'local', 'helium-demo');
  await openSearchAndIndex(page);
  await searchInput(page).fill(`key:"${key}"`);
  await expect(searchArea(page).locator('.jp-helium-search-summary')).toHaveAttribute('data-total', '1', { timeout: 30000 });
  await searchArea(page).locator(`.jp-helium-search-hit[data-key="${key}"]`).click();
  const drawer = page.locator('#jupyterlab-helium-versions');
  await expect(drawer).toBeVisible();
  await expect(drawer.locator('[data-testid=helium-versions-status]')).toHaveText(/^1 version$/);
  await expect(page.locator('.jp-Dialog')).toHaveCount(0);
});

test('a hit deleted by another tool since the index was updated says so when opened, and leaves the results', async ({ page }) => {
  const folder = `search-stale-${Date.now()}`;
  for (const name of ['kept.txt', 'removed.txt']) {
    expect((await page.request.put(`/helium/s3/local/helium-demo/${folder}/${name}`, { data: name })).ok()).toBe(true);
  }
  await openBucket(page, 'local', 'helium-demo');
  await openSearchAndIndex(page);
  // Another tool deletes one (a request outside the page's models: the index does not hear of it).
  expect((await page.request.delete(`/helium/s3/local/helium-demo/${folder}/removed.txt`)).ok()).toBe(true);
  await searchInput(page).fill(`key:${folder}\\/*`);
  await expect(searchArea(page).locator('.jp-helium-search-summary')).toHaveAttribute('data-total', '2', { timeout: 30000 });
  await searchArea(page).locator(`.jp-helium-search-hit[data-key="${folder}/removed.txt"]`).click();
  const dialog = page.locator('.jp-Dialog');
  await expect(dialog).toContainText('was deleted after the search index was last updated');
  await expect(dialog).toContainText('Show Versions');
  await page.locator('.jp-Dialog-button').first().click();
  await expect(searchArea(page).locator('.jp-helium-search-summary')).toHaveAttribute('data-total', '1', { timeout: 30000 });
  await expect(page.locator('.lm-DockPanel-tabBar .lm-TabBar-tab', { hasText: 'removed.txt' })).toHaveCount(0);
});

test('marks what the index matched through its folding: accents, ß and full-width forms in a key', async ({ page }) => {
  const stamp = String(Date.now());
  const folder = `search-fold-${stamp}`;
  const name = 'Résumé Straße ＣＶ.txt';
  expect((await page.request.put(`/helium/s3/local/helium-demo/${folder}/${encodeURIComponent(name)}`, { data: 'cv' })).ok()).toBe(true);
  await openBucket(page, 'local', 'helium-demo');
  await openSearchAndIndex(page);
  await searchInput(page).fill(`resume strasse cv ${stamp}`);
  const search = searchArea(page);
  await expect(search.locator('.jp-helium-search-summary')).toHaveAttribute('data-total', '1', { timeout: 30000 });
  const hit = search.locator(`.jp-helium-search-hit[data-key="${folder}/${name}"]`);
  // The key's own characters are marked (folding changed lengths: ß is ss, ＣＶ is cv), and the
  // key still reads as it is.
  await expect(hit.locator('mark.jp-helium-search-match')).toHaveText([stamp, 'Résumé', 'Straße', 'ＣＶ']);
  await expect(hit.locator('.jp-helium-search-hit-key')).toHaveText(`${folder}/${name}`);
  // Wide enough for the whole key (a narrow panel leaves out a tail that does not fit).
  await page.sidebar.setWidth(520, 'left');
  await search.screenshot({ path: path.join(SCREENSHOTS, 'search-folded-marks.png') });
});

test.describe('a folder listed in pages of 10', () => {
  test.use({
    mockSettings: { ...galata.DEFAULT_SETTINGS, 'jupyterlab-helium:plugin': { pageSize: 10 } }
  });

  test('"Show in folder" pages the listing until the row is loaded, then selects it', async ({ page }) => {
    const folder = `search-reveal-${Date.now()}`;
    for (let i = 0; i < 45; i++) {
      const put = await page.request.put(`/helium/s3/local/helium-demo/${folder}/f${String(i).padStart(3, '0')}.txt`, {
        data: `file ${i}`
      });
      expect(put.ok()).toBe(true);
    }
    await openBucket(page, 'local', 'helium-demo');
    await openSearchAndIndex(page);
    await searchInput(page).fill(`key:"${folder}/f033.txt"`);
    await expect(searchArea(page).locator('.jp-helium-search-summary')).toHaveAttribute('data-total', '1', { timeout: 30000 });
    const hit = searchArea(page).locator(`.jp-helium-search-hit[data-key="${folder}/f033.txt"]`);
    await expect(hit).toBeVisible();
    // Count the listing requests of the folder: the row is found by paging, 10 keys a page.
    const pages: string[] = [];
    page.on('request', r => {
      const url = new URL(r.url());
      if (
        url.pathname.startsWith('/helium/s3/local/helium-demo') &&
        url.searchParams.get('list-type') === '2' &&
        url.searchParams.get('prefix') === `${folder}/`
      ) {
        pages.push(url.searchParams.get('max-keys') ?? '');
      }
    });
    await hitMenu(page, hit, 'Show in Folder');
    await expect(panel(page).locator('.jp-helium-crumb').last()).toHaveText(folder);
    // f033.txt is on the 4th page of 10: it is loaded, selected and scrolled into view.
    await expect(row(page, 'f033.txt')).toHaveClass(/jp-mod-selected/, { timeout: 30000 });
    await expect(row(page, 'f033.txt')).toBeInViewport();
    expect(pages.length).toBeGreaterThanOrEqual(4);
    expect(pages.every(n => n === '10')).toBe(true);
  });
});

test("a snapshot hit opens the Snapshots panel on that snapshot's row", async ({ page }) => {
  const word = `searchable${Date.now()}`;
  await openBucket(page, 'local', 'helium-demo');
  await enterFolder(page, 'hurdat2');
  await row(page, 'by-decade').click({ button: 'right' });
  await page.locator('.lm-Menu-item', { hasText: 'Snapshot Folder' }).click();
  const dialog = page.locator('.jp-helium-snapshot-dialog');
  // The focus moves to the message once the form has rendered: wait for it, as typing races it.
  const message = dialog.locator('.jp-helium-snapshot-message-input');
  await expect(message).toBeFocused();
  await message.fill(`hurricanes by decade ${word}`);
  await page.locator('.jp-Dialog-button.jp-mod-accept').click();
  const result = page.locator('.jp-helium-snapshot-result');
  await expect(result).toBeVisible({ timeout: 60000 });
  const topHash = (await result.getAttribute('data-top-hash'))!;
  await page.locator('.jp-Dialog-button', { hasText: 'Close' }).click();

  await openSearchAndIndex(page);
  await searchArea(page).locator('.jp-helium-search-scope').selectOption('bucket');
  await searchInput(page).fill(`message:${word}`);
  const hit = searchArea(page).locator(`.jp-helium-search-hit[data-type="snapshot"][data-top-hash="${topHash}"]`);
  await expect(hit).toBeVisible({ timeout: 30000 });
  await hit.click();
  const snapshots = page.locator('.jp-helium-snapshots');
  await expect(snapshots).toBeVisible();
  const selected = snapshots.locator(`.jp-helium-snapshot-row.jp-mod-selected[data-top-hash="${topHash}"]`);
  await expect(selected).toBeVisible({ timeout: 30000 });
  await expect(selected).toBeInViewport();
  await expect(page.locator('[data-testid=helium-snapshot-details]')).toHaveAttribute('data-top-hash', topHash);
});

/** Set the left sidebar's width (the main split panel's first part), as dragging its edge would. */
async function setSidebarWidth(page: IJupyterLabPageFixture, width: number): Promise<void> {
  await page.evaluate(w => {
    const split = (window as any).jupyterapp.shell._hsplitPanel;
    const total = split.node.getBoundingClientRect().width;
    split.setRelativeSizes([w / total, 1 - w / total, 0]);
  }, width);
  await expect.poll(async () => Math.round((await panel(page).boundingBox())!.width / 10)).toBe(Math.round(width / 10));
}

/** Nothing in the search area reaches past its right edge (would be clipped). */
async function expectNothingClipped(page: IJupyterLabPageFixture): Promise<void> {
  const overflow = await searchArea(page).evaluate(el => {
    const right = el.getBoundingClientRect().right + 1;
    // A facet group is one line that scrolls sideways: the group must fit, its chips may run past it.
    const parts =
      '.jp-helium-search-status button, .jp-helium-search-status-text, .jp-helium-search-scope, .jp-helium-search-summary, .jp-helium-search-hit-versions, .jp-helium-search-facet-group, .jp-helium-search-facets-summary, .jp-helium-search-error, .jp-helium-search-help table, .jp-helium-search-more';
    return Array.from(el.querySelectorAll(parts))
      .filter(e => (e as HTMLElement).offsetParent !== null && !e.closest('details:not([open])') && e.getBoundingClientRect().right > right)
      .map(e => e.className || e.tagName);
  });
  expect(overflow).toEqual([]);
}

test('fits a 250 px panel in every state, at 450 px, and in the dark theme', async ({ page }) => {
  const shoot = async (width: number, file: string) => {
    await setSidebarWidth(page, width);
    await expectNothingClipped(page);
    await page.screenshot({ path: path.join(SCREENSHOTS, file), clip: { x: 0, y: 0, width: width + 40, height: 860 } });
  };
  await openBucket(page, 'local', 'helium-demo');
  await setSidebarWidth(page, 250);
  await panel(page).locator('.jp-helium-crumb').first().click();
  await page.keyboard.press('ControlOrMeta+f');
  const status = searchArea(page).locator('.jp-helium-search-status');
  await expect(status).toHaveAttribute('data-state', /never|ready/, { timeout: 30000 });
  await shoot(250, 'search-in-panel-250-before-build.png');
  await openSearchAndIndex(page);

  await searchInput(page).fill('user_meta.decade:(1990');
  await expect(searchArea(page).locator('.jp-helium-search-error')).toContainText('syntax error');
  await shoot(250, 'search-in-panel-250-error.png');

  await searchInput(page).fill('ext:.csv');
  await expect(searchArea(page).locator('.jp-helium-search-hit').first()).toBeVisible({ timeout: 30000 });
  await searchArea(page).locator('.jp-helium-search-help summary').click();
  await shoot(250, 'search-in-panel-250-help.png');
  await searchArea(page).locator('.jp-helium-search-help summary').click();
  await shoot(250, 'search-in-panel-250.png');
  await shoot(450, 'search-in-panel-450.png');

  // The README's picture: free text marked in the keys, narrowed by a facet, at a usual width.
  await searchInput(page).fill('storms');
  await expect(searchArea(page).locator('mark.jp-helium-search-match').first()).toBeVisible({ timeout: 30000 });
  await searchArea(page).locator('.jp-helium-search-chip[data-facet="ext"][data-value=".csv"]').click();
  await expect(searchInput(page)).toHaveValue('(storms) AND ext:".csv"');
  await expect(searchArea(page).locator('.jp-helium-search-chip[data-facet="ext"]')).toHaveCount(1);
  await shoot(360, 'search-panel.png');

  await page.evaluate(() => (window as any).jupyterapp.commands.execute('apputils:change-theme', { theme: 'JupyterLab Dark' }));
  await expect(page.locator('body[data-jp-theme-light="false"]')).toHaveCount(1, { timeout: 30000 });
  // The theme manager shows a splash over the app while it swaps the CSS.
  await expect(page.locator('#jupyterlab-splash')).toHaveCount(0, { timeout: 30000 });
  await shoot(250, 'search-in-panel-250-dark.png');
});
