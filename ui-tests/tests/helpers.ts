/** Shared steps of the browser tests: open the S3 panel, pick a connection and a bucket, browse. */
import { expect, IJupyterLabPageFixture } from '@jupyterlab/galata';
import type { Locator } from '@playwright/test';
import * as path from 'path';

export const PANEL_ID = 'jupyterlab-helium-browser';
export const SCREENSHOTS = path.join(__dirname, '..', 'screenshots');

export function panel(page: IJupyterLabPageFixture): Locator {
  return page.locator(`#${PANEL_ID}`);
}

export function row(page: IJupyterLabPageFixture, name: string): Locator {
  return panel(page).locator(`.jp-helium-row[data-name="${name}"]`);
}

/** Opens the S3 panel and waits until it shows a listing or an error. */
export async function openPanel(page: IJupyterLabPageFixture): Promise<Locator> {
  await page.sidebar.openTab(PANEL_ID);
  const p = panel(page);
  await expect(p).toBeVisible();
  await expect(p.locator('[data-testid=helium-bucket]')).toBeVisible();
  return p;
}

/** Picks a connection (when there are several) and a bucket, and waits for its listing. */
export async function openBucket(page: IJupyterLabPageFixture, connection: string, bucket: string): Promise<void> {
  const p = await openPanel(page);
  const connectionPicker = p.locator('[data-testid=helium-connection]');
  if ((await connectionPicker.count()) > 0 && (await connectionPicker.inputValue()) !== connection) {
    await connectionPicker.selectOption(connection);
  }
  const bucketPicker = p.locator('[data-testid=helium-bucket]');
  await expect(bucketPicker.locator(`option[value="${bucket}"]`)).toHaveCount(1);
  if ((await bucketPicker.inputValue()) !== bucket) {
    await bucketPicker.selectOption(bucket);
  }
  await expect(p.locator('.jp-helium-crumb').first()).toHaveText(bucket);
  await waitForListing(page);
}

/** Waits until the listing has answered: a count of items in the status line, not "Loading…". */
export async function waitForListing(page: IJupyterLabPageFixture): Promise<void> {
  await expect(panel(page).locator('[data-testid=helium-status]')).toHaveText(/items?$|more on scroll$/);
}

/** Double-clicks a folder and waits for its listing. */
export async function enterFolder(page: IJupyterLabPageFixture, name: string): Promise<void> {
  await row(page, name).dblclick();
  await expect(panel(page).locator('.jp-helium-crumb').last()).toHaveText(name);
  await waitForListing(page);
}

/**
 * Waits until the listing has answered (not loading) and shows, at that one moment, a row of each
 * name in `shown` and none of the names in `gone`. An absence checked on its own also holds while
 * the folder is (re)loading, when the listing has no rows at all. With no `shown`, any row will do.
 * (Rows are virtualized: name rows that sort near each other, or that were on screen before.)
 */
export async function expectListing(
  page: IJupyterLabPageFixture,
  rows: { shown: string[]; gone: string[] },
  timeout?: number
): Promise<void> {
  const name = (n: string) => page.locator(`.jp-helium-row[data-name="${n}"]`);
  let grid = panel(page).locator('.jp-helium-grid[aria-busy="false"]');
  for (const has of rows.shown.length > 0 ? rows.shown.map(name) : [page.locator('.jp-helium-row[data-kind]')]) {
    grid = grid.filter({ has });
  }
  for (const n of rows.gone) {
    grid = grid.filter({ hasNot: name(n) });
  }
  await expect(grid).toHaveCount(1, { timeout });
}

/** Counts the versions of a key straight from the local S3 (not through the extension). */
export async function countVersions(bucket: string, key: string): Promise<number> {
  const s3 = process.env.HELIUM_S3_URL;
  if (!s3) {
    throw new Error('HELIUM_S3_URL is not set: run the browser tests through `make test`.');
  }
  const response = await fetch(`${s3}/${bucket}?versions&prefix=${encodeURIComponent(key)}`);
  const xml = await response.text();
  return [...xml.matchAll(/<Version>[\s\S]*?<Key>([^<]*)<\/Key>/g)].filter(m => m[1] === key).length;
}

/** The times (ISO, newest first) S3 gives the versions of a key, read straight from the local S3. */
export async function versionTimes(bucket: string, key: string): Promise<string[]> {
  const s3 = process.env.HELIUM_S3_URL;
  if (!s3) {
    throw new Error('HELIUM_S3_URL is not set: run the browser tests through `make test`.');
  }
  const response = await fetch(`${s3.replace(/\/+$/, '')}/${bucket}?versions&prefix=${encodeURIComponent(key)}`);
  const xml = await response.text();
  return [...xml.matchAll(/<Version>([\s\S]*?)<\/Version>/g)]
    .filter(m => /<Key>([^<]*)<\/Key>/.exec(m[1])?.[1] === key)
    .map(m => /<LastModified>([^<]*)<\/LastModified>/.exec(m[1])![1]);
}

/** Whether the latest entry of a key in the local S3 is a delete marker (the key was deleted). */
export async function isDeleted(bucket: string, key: string): Promise<boolean> {
  const s3 = process.env.HELIUM_S3_URL;
  if (!s3) {
    throw new Error('HELIUM_S3_URL is not set: run the browser tests through `make test`.');
  }
  const response = await fetch(`${s3.replace(/\/+$/, '')}/${bucket}?versions&prefix=${encodeURIComponent(key)}`);
  const xml = await response.text();
  return [...xml.matchAll(/<DeleteMarker>([\s\S]*?)<\/DeleteMarker>/g)].some(
    m => /<Key>([^<]*)<\/Key>/.exec(m[1])?.[1] === key && /<IsLatest>true<\/IsLatest>/.test(m[1])
  );
}

/**
 * Resolves once the clock is in a later second than `after` (ms since the epoch): S3 keeps times to
 * the second, so an object written now has a later time than one written before `after`.
 * @param after - a time already past.
 * @returns the time it resolved at.
 */
export async function nextSecond(after: number): Promise<number> {
  const boundary = (Math.floor(after / 1000) + 1) * 1000;
  while (Date.now() < boundary) {
    await new Promise(resolve => setTimeout(resolve, boundary - Date.now() + 1));
  }
  return Date.now();
}

/** Resolves after the page has drawn two frames: a canvas (a datagrid) has painted what it was given. */
export async function afterPaint(page: IJupyterLabPageFixture): Promise<void> {
  await page.evaluate(() => new Promise<void>(resolve => requestAnimationFrame(() => requestAnimationFrame(() => resolve()))));
}

/** Drags the left sidebar's edge so screenshots show whole names. */
export async function widenSidebar(page: IJupyterLabPageFixture, by: number): Promise<void> {
  const handle = page.locator('#jp-main-split-panel > .lm-SplitPanel-handle').first();
  const box = await handle.boundingBox();
  if (!box) {
    return;
  }
  const x = box.x + box.width / 2;
  const y = box.y + box.height / 2;
  await page.mouse.move(x, y);
  await page.mouse.down();
  await page.mouse.move(x + by, y, { steps: 5 });
  await page.mouse.up();
}

/** Drags the left sidebar's edge until the S3 panel is `width` pixels wide. */
export async function setSidebarWidth(page: IJupyterLabPageFixture, width: number): Promise<void> {
  const handle = page.locator('#jp-main-split-panel > .lm-SplitPanel-handle').first();
  for (let attempt = 0; attempt < 3; attempt++) {
    const current = (await panel(page).boundingBox())!.width;
    if (Math.abs(current - width) < 1) {
      return;
    }
    const box = (await handle.boundingBox())!;
    const x = box.x + box.width / 2;
    const y = box.y + box.height / 2;
    await page.mouse.move(x, y);
    await page.mouse.down();
    await page.mouse.move(x + (width - current), y, { steps: 5 });
    await page.mouse.up();
  }
}

/**
 * Snapshots a folder of the bucket the panel shows, from its row's menu, as package
 * `test/<folder>`; closes the result and returns the snapshot's top hash.
 */
export async function snapshotFolderFromPanel(page: IJupyterLabPageFixture, folder: string, message: string): Promise<string> {
  await row(page, folder).click({ button: 'right' });
  await page.locator('.lm-Menu-item', { hasText: 'Snapshot Folder' }).click();
  const dialog = page.locator('.jp-helium-snapshot-dialog');
  await expect(dialog).toBeVisible();
  // The dialog moves the focus to the message once its body has rendered: text typed into another
  // field before then goes to the message instead.
  const messageInput = dialog.locator('.jp-helium-snapshot-message-input');
  await expect(messageInput).toBeFocused();
  await messageInput.fill(message);
  await dialog.locator('.jp-helium-snapshot-name-input').fill(`test/${folder}`);
  await page.locator('.jp-Dialog-button.jp-mod-accept').click();
  const result = page.locator('.jp-helium-snapshot-result');
  await expect(result).toBeVisible({ timeout: 60000 });
  const topHash = (await result.getAttribute('data-top-hash'))!;
  await page.locator('.jp-Dialog-button', { hasText: 'Close' }).click();
  return topHash;
}

/** Shows the snapshots of `helium-demo/<folder>/` and returns the row of one snapshot, once visible. */
export async function demoSnapshotRow(page: IJupyterLabPageFixture, folder: string, topHash: string): Promise<Locator> {
  await page.evaluate(
    f => (window as any).jupyterapp.commands.execute('helium:show-snapshots', { connection: 'local', bucket: 'helium-demo', folder: f }),
    `${folder}/`
  );
  const snapRow = page.locator(`.jp-helium-snapshots .jp-helium-snapshot-row[data-top-hash="${topHash}"]`);
  await expect(snapRow).toBeVisible({ timeout: 30000 });
  return snapRow;
}

/** Opens a notebook toolbar's data status menu and runs one of its items. */
export async function pinsStatusMenu(page: IJupyterLabPageFixture, item: string): Promise<void> {
  await page.locator('.jp-helium-pins-status').click();
  const menu = page.locator('.lm-Menu.jp-helium-pins-menu');
  await expect(menu).toBeVisible();
  await menu.locator('.lm-Menu-item', { hasText: item }).click();
}

/**
 * Ctrl/Cmd-F in the S3 panel, then build (or update) the search index of the bucket it shows.
 * @returns the search area.
 */
export async function openIndexedSearch(page: IJupyterLabPageFixture): Promise<Locator> {
  await panel(page).locator('.jp-helium-crumb').first().click();
  await page.keyboard.press('ControlOrMeta+f');
  const search = panel(page).locator('[data-testid=helium-panel-search]');
  const status = search.locator('.jp-helium-search-status');
  await expect(status).toHaveAttribute('data-state', /never|ready/, { timeout: 30000 });
  await status.locator('[data-action="update"]').click();
  await expect(status).toHaveAttribute('data-state', 'ready', { timeout: 120000 });
  return search;
}
