/**
 * Keys S3 holds that people rarely type, in a real JupyterLab against the embedded local S3:
 * Copy S3 URI gives a URI that the Version History box reads back as the same object (for `%`,
 * `?`, `#`, spaces and a tab), the listing shows control characters as visible symbols, and a key
 * JupyterLab's document paths would rewrite (`..`) says why it cannot open and offers Download;
 * an object and a folder of one name are two rows that each open, and a folder key with bytes is a row.
 */
import { expect, IJupyterLabPageFixture, test } from '@jupyterlab/galata';
import type { Locator } from '@playwright/test';
import * as http from 'http';
import * as path from 'path';
import { enterFolder, openBucket, panel, SCREENSHOTS, waitForListing, widenSidebar } from './helpers';

test.use({ viewport: { width: 1400, height: 860 }, permissions: ['clipboard-read', 'clipboard-write'] });

const BUCKET = 'helium-demo';
const DRAWER = '#jupyterlab-helium-versions';

/** Each odd name, the URI Copy S3 URI must give for it (below the test's folder), and how the panel shows it. */
const ODD = [
  { name: '100%.csv', uri: '100%25.csv', shown: '100%.csv' },
  { name: 'why?.txt', uri: 'why%3F.txt', shown: 'why?.txt' },
  { name: '#tag.txt', uri: '%23tag.txt', shown: '#tag.txt' },
  // A literal "%3F" in a key: the trap of decoding twice.
  { name: 'pct%3F #1?.txt', uri: 'pct%253F%20%231%3F.txt', shown: 'pct%3F #1?.txt' },
  { name: 'tab\there.txt', uri: 'tab%09here.txt', shown: 'tab␉here.txt' }
];

/** A folder of its own for this run, so versions counted are ours. */
const FOLDER = `keys-${Date.now()}`;

/** Writes an object through the Jupyter server's S3 proxy (the key percent-encoded in the path). */
async function put(page: IJupyterLabPageFixture, key: string, body: string): Promise<void> {
  const url = `/helium/s3/local/${BUCKET}/${key.split('/').map(encodeURIComponent).join('/')}`;
  const response = await page.request.put(url, { data: body });
  expect(response.ok(), `PUT ${key}: HTTP ${response.status()}`).toBe(true);
}

/**
 * Writes an object whose key has a `..` segment. Playwright's request API (like a browser)
 * resolves `..` in URLs, so this sends the raw path with Node's http module.
 */
async function putRawPath(page: IJupyterLabPageFixture, key: string, body: string): Promise<void> {
  const base = new URL(page.url());
  const status = await new Promise<number>((resolve, reject) => {
    const request = http.request(
      {
        host: base.hostname,
        port: base.port,
        method: 'PUT',
        path: `/helium/s3/local/${BUCKET}/${key}`,
        headers: { 'Content-Length': Buffer.byteLength(body) }
      },
      response => {
        response.resume();
        resolve(response.statusCode ?? 0);
      }
    );
    request.on('error', reject);
    request.end(body);
  });
  expect(status, `PUT ${key}`).toBe(200);
}

/** The listing row whose shown name is exactly `shown`. */
function rowShown(page: IJupyterLabPageFixture, shown: string): Locator {
  return panel(page).locator('.jp-helium-row[data-kind]', { has: page.locator('.jp-helium-row-name').getByText(shown, { exact: true }) });
}

/** Runs Copy S3 URI from the row's context menu and returns what landed on the clipboard. */
async function copyUri(page: IJupyterLabPageFixture, row: Locator): Promise<string> {
  await page.evaluate(() => navigator.clipboard.writeText('(nothing copied)'));
  await row.click();
  await row.click({ button: 'right' });
  await page.locator('.lm-Menu-item', { hasText: 'Copy S3 URI' }).click();
  // The copy lands on the clipboard a moment after the click.
  const clipboard = () => page.evaluate(() => navigator.clipboard.readText());
  await expect.poll(clipboard).not.toBe('(nothing copied)');
  return clipboard();
}

/** Pastes a URI into the Version History box (from the command palette) and accepts it. */
async function historyOfUri(page: IJupyterLabPageFixture, uri: string): Promise<void> {
  await page.evaluate(() => (window as any).jupyterapp.commands.execute('apputils:activate-command-palette'));
  const palette = page.locator('#command-palette');
  await palette.locator('input').fill('Version History of an S3 URI');
  await palette.locator('.lm-CommandPalette-item', { hasText: 'Version History of an S3 URI…' }).first().click();
  const dialog = page.locator('.jp-Dialog');
  await expect(dialog).toContainText('S3 URI of an object');
  const input = dialog.locator('input');
  await input.focus();
  await expect(input).toBeFocused();
  await page.keyboard.insertText(uri); // as a paste would: no key events per character
  await expect(input).toHaveValue(uri);
  await dialog.locator('.jp-Dialog-button.jp-mod-accept').click();
  await expect(dialog).toHaveCount(0);
}

test.describe.configure({ mode: 'serial' });

test('Copy S3 URI gives a URI the Version History box reads back as the same object', async ({ page }) => {
  // Two versions of each, so the drawer proves it found the object (a wrong key has none).
  for (const { name } of ODD) {
    await put(page, `${FOLDER}/${name}`, `first version of ${name}\n`);
    await put(page, `${FOLDER}/${name}`, `second version of ${name}\n`);
  }
  // Selected between copy and paste, so a drawer that follows the panel shows it, not the object.
  await put(page, `${FOLDER}/decoy.txt`, 'one version only\n');
  await openBucket(page, 'local', BUCKET);
  await enterFolder(page, FOLDER);
  // Control characters show as their symbols, never raw.
  await expect(rowShown(page, 'tab␉here.txt')).toHaveCount(1);
  expect(await panel(page).locator('.jp-helium-listing').textContent()).not.toContain('\t');

  const drawer = page.locator(DRAWER);
  for (const { name, uri, shown } of ODD) {
    const expected = `s3://${BUCKET}/${FOLDER}/${uri}`;
    const copied = await copyUri(page, rowShown(page, shown));
    expect(copied, `Copy S3 URI of ${JSON.stringify(name)}`).toBe(expected);
    await rowShown(page, 'decoy.txt').click();

    await historyOfUri(page, copied);
    await expect(drawer).toBeVisible();
    await expect(drawer.locator('[data-testid=helium-versions-uri]')).toHaveText(expected);
    await expect(drawer.locator('.jp-helium-versions-title')).toHaveText(shown);
    await expect(drawer.locator('[data-testid=helium-versions-status]')).toHaveText('2 versions');
    await expect(drawer.locator('.jp-helium-version-row')).toHaveCount(2);
    await expect(drawer.locator('.jp-helium-version-row[data-delete-marker="true"]')).toHaveCount(0);
  }
  // The last one is the tab: the drawer's title shows ␉, its URI line the copyable form.
  await page.screenshot({ path: path.join(SCREENSHOTS, 'versions-odd-key.png') });
});

test('a key with a ".." segment is listed, explains why it cannot open, and offers Download', async ({ page }) => {
  await putRawPath(page, `${FOLDER}/up/../down.txt`, 'reached through a ".." segment\n');
  await put(page, `${FOLDER}/sp  aces and ü 😀.txt`, 'odd but ordinary\n');
  await put(page, `${FOLDER}//from-empty-segment.txt`, 'under a folder with an empty name\n');
  await openBucket(page, 'local', BUCKET);
  await enterFolder(page, FOLDER);
  await expect(rowShown(page, 'sp  aces and ü 😀.txt')).toHaveCount(1);
  await expect(rowShown(page, '(empty name)').locator('.jp-helium-row-name')).toHaveClass(/jp-mod-empty-name/);
  await widenSidebar(page, 200);
  await page.screenshot({ path: path.join(SCREENSHOTS, 'panel-odd-keys.png') });

  await enterFolder(page, 'up');
  await rowShown(page, '..').dblclick();
  await expect(panel(page).locator('.jp-helium-crumb').last()).toHaveText('..');
  await expect(rowShown(page, 'down.txt')).toHaveCount(1);
  await rowShown(page, 'down.txt').dblclick();
  const dialog = page.locator('.jp-Dialog');
  await expect(dialog).toContainText('Cannot open down.txt');
  await expect(dialog).toContainText('has a ".." segment');
  await expect(dialog).toContainText('helium CLI');
  await page.screenshot({ path: path.join(SCREENSHOTS, 'open-dot-dot-key.png') });
  await expect(dialog.locator('.jp-Dialog-button.jp-mod-accept')).toHaveText('Download');
  // Download reaches the object itself (its path travels in helium-path), not `<folder>/down.txt`.
  const [download] = await Promise.all([page.waitForEvent('download'), dialog.locator('.jp-Dialog-button.jp-mod-accept').click()]);
  expect(download.suggestedFilename()).toBe('down.txt');
  const fs = await import('fs');
  expect(fs.readFileSync((await download.path())!, 'utf-8')).toBe('reached through a ".." segment\n');

  // Its history is read through the proxy too: one version, this object's.
  await rowShown(page, 'down.txt').click({ button: 'right' });
  await page.locator('.lm-Menu-item', { hasText: 'Version History' }).first().click();
  const drawer = page.locator(DRAWER);
  await expect(drawer.locator('[data-testid=helium-versions-uri]')).toHaveText(`s3://${BUCKET}/${FOLDER}/up/../down.txt`);
  await expect(drawer.locator('[data-testid=helium-versions-status]')).toHaveText('1 version');
  // Nothing else opened: no document tab for it (nor for the object JupyterLab's path would name).
  // Checked after the history's own round trip through the proxy, not at once after the download
  // (a document opening meanwhile would get its tab only after its own read).
  await expect(page.locator('.lm-DockPanel-tabBar .lm-TabBar-tab', { hasText: 'down.txt' })).toHaveCount(0);
});

test('an object and a folder of one name are two rows that each open, and a folder key with bytes is a row', async ({ page }) => {
  const twin = `${FOLDER}/twin`;
  await put(page, `${twin}/x`, 'the object x\n');
  await put(page, `${twin}/x/inside.txt`, 'in the folder x\n');
  await put(page, `${twin}/m/`, 'bytes in a folder marker\n');
  await put(page, `${twin}/m/b.txt`, 'b\n');
  await openBucket(page, 'local', BUCKET);
  await enterFolder(page, FOLDER);
  await enterFolder(page, 'twin');
  const folderRow = panel(page).locator('.jp-helium-row[data-kind="folder"][data-name="x"]');
  const objectRow = panel(page).locator('.jp-helium-row[data-kind="object"][data-name="x"]');
  await expect(folderRow).toHaveCount(1);
  await expect(objectRow).toHaveCount(1);
  await expect(folderRow).toHaveAttribute('title', `s3://${BUCKET}/${twin}/x/`);
  await expect(objectRow).toHaveAttribute('title', `s3://${BUCKET}/${twin}/x`);
  // Distinct icons: a folder's, and the file's by its type.
  const folderIcon = await folderRow.locator('.jp-helium-row-icon svg').getAttribute('data-icon');
  const objectIcon = await objectRow.locator('.jp-helium-row-icon svg').getAttribute('data-icon');
  expect(folderIcon).toContain('folder');
  expect(objectIcon).not.toBe(folderIcon);
  await panel(page).screenshot({ path: path.join(SCREENSHOTS, 'panel-object-and-folder-of-one-name.png') });

  // The object opens as a document with its own bytes…
  await objectRow.dblclick();
  await expect(page.locator('.jp-FileEditor .cm-content')).toContainText('the object x');
  // …the folder lists the prefix.
  await folderRow.dblclick();
  await expect(panel(page).locator('.jp-helium-crumb').last()).toHaveText('x');
  // Only the folder's one object once it is listed (`[data-kind]` leaves out the header row).
  await expect(rowShown(page, 'inside.txt')).toHaveCount(1);
  await expect(panel(page).locator('.jp-helium-row[data-kind]')).toHaveCount(1);

  // A folder's own key with bytes in it is an object row of its own inside that folder.
  await rowShown(page, 'inside.txt').click();
  await page.keyboard.press('Backspace');
  await expect(panel(page).locator('.jp-helium-crumb').last()).toHaveText('twin');
  await waitForListing(page); // listed again: the double-click lands on a row that stays
  await panel(page).locator('.jp-helium-row[data-kind="folder"][data-name="m"]').dblclick();
  await expect(panel(page).locator('.jp-helium-crumb').last()).toHaveText('m');
  const own = rowShown(page, '(empty name)');
  await expect(own).toHaveAttribute('data-kind', 'object');
  await expect(own).toHaveAttribute('title', `s3://${BUCKET}/${twin}/m/`);
  await expect(rowShown(page, 'b.txt')).toHaveCount(1);
  await panel(page).screenshot({ path: path.join(SCREENSHOTS, 'panel-folder-key-with-bytes.png') });
});
