/**
 * Pinning single files in a real JupyterLab against the embedded local S3: the notebook
 * toolbar's pin button pins a file's current version (and inserts a pandas cell that a real
 * kernel runs), the data status sees the file drift, compares pinned ↔ live in the diff tab, and
 * restores the file to its pin; the versions drawer pins an older version.
 */
import { expect, test } from '@jupyterlab/galata';
import * as path from 'path';
import { pinsStatusMenu, SCREENSHOTS } from './helpers';

test.use({ viewport: { width: 1400, height: 860 } });

/** The notebook's pins, as its model holds them. */
const notebookPins = (page: import('@jupyterlab/galata').IJupyterLabPageFixture) =>
  page.evaluate(() => (window as any).jupyterapp.shell.currentWidget?.context?.model?.getMetadata('helium')?.pins);

test('pins a file from the notebook toolbar, sees it drift, compares and restores it', async ({ page }) => {
  const key = `pin-file-${Date.now()}/storms.csv`;
  const url = `/helium/s3/local/helium-demo/${key}`;
  expect((await page.request.put(url, { data: 'name,year,wind_kt\nAndrew,1992,150\n' })).ok()).toBe(true);
  const first = (await page.request.head(url)).headers()['x-amz-version-id'];
  expect(first).toBeTruthy();

  const notebook = `file-pin-${Date.now()}.ipynb`;
  await page.notebook.createNew(notebook);
  const pinButton = page.locator('.jp-NotebookPanel-toolbar .jp-helium-pin-data-button');
  await expect(pinButton).toBeVisible();
  await expect(page.locator('.jp-helium-pins-status')).toHaveCount(0);

  // 1. Pin Data…: the URI of the file; a bad URI first says what is wrong and pins nothing.
  await pinButton.click();
  await page.locator('.jp-Dialog input').fill('s3://Not A Bucket/x');
  await page.locator('.jp-Dialog-button.jp-mod-accept').click();
  await expect(page.locator('.jp-Dialog')).toContainText('Cannot pin');
  await expect(page.locator('.jp-Dialog')).toContainText('Bucket name');
  await page.locator('.jp-Dialog-button.jp-mod-reject').click();
  expect(await notebookPins(page)).toBeUndefined();

  await pinButton.click();
  await page.locator('.jp-Dialog input').fill(`s3://helium-demo/${key}`);
  await page.locator('.jp-Dialog-button.jp-mod-accept').click();
  const code = page.locator('.jp-Dialog pre.jp-helium-pin-cell-code');
  await expect(code).toContainText(`Key="${key}"`);
  await expect(code).toContainText(`VersionId="${first}"`);
  await page.locator('.jp-Dialog-button.jp-helium-pin-insert-cell').click();
  // The pin is written into the notebook's metadata as the dialog closes, a moment after the click.
  await expect
    .poll(() => notebookPins(page))
    .toEqual([expect.objectContaining({ name: 'storms.csv', uri: `s3://helium-demo/${key}`, size: 34, follows: 'latest' })]);
  const pins = await notebookPins(page);
  expect(pins[0].version_id).toBe(first);

  // The inserted cell runs in a real kernel: pandas reads the pinned version.
  await page.notebook.addCell('code', 'print(df.iloc[0]["name"], df.iloc[0]["wind_kt"])');
  await page.notebook.runCell(1);
  await page.notebook.runCell(2);
  await expect(page.locator('.jp-Cell').nth(2).locator('.jp-OutputArea-output')).toContainText('Andrew 150', { timeout: 60000 });

  const status = page.locator('.jp-helium-pins-status');
  await expect(status).toHaveText('Data: in sync', { timeout: 30000 });

  // 2. The file changes behind helium's back: Refresh tells.
  expect((await page.request.put(url, { data: 'name,year,wind_kt\nAndrew,1992,145\n' })).ok()).toBe(true);
  await pinsStatusMenu(page, 'Refresh Data Status');
  await expect(status).toHaveText('Data: changed since pinned: 1 modified', { timeout: 30000 });
  await page.addStyleTag({ content: '.Toastify { display: none !important; }' });
  await page.locator('.jp-helium-pins-status').click();
  const menu = page.locator('.lm-Menu.jp-helium-pins-menu');
  await expect(menu.locator('.lm-Menu-item', { hasText: 'Restore File to Pin…' })).toBeVisible();
  await page.screenshot({ path: path.join(SCREENSHOTS, 'pins-file-changed.png') });
  await page.keyboard.press('Escape');

  // 3. Compare: the diff tab, pinned on the left, live on the right.
  await pinsStatusMenu(page, 'Compare Pin ↔ Live');
  const diffTab = page.locator('.jp-helium-diff').last();
  await expect(diffTab).toContainText('live (current version)', { timeout: 30000 });
  await expect(diffTab).toContainText('1 cell changed', { timeout: 30000 });

  // 4. Restore the file to its pin (asked first; Cancel changes nothing) → in sync.
  await page.locator('.lm-TabBar-tab', { hasText: notebook }).click();
  await pinsStatusMenu(page, 'Restore File to Pin…');
  await expect(page.locator('.jp-Dialog')).toContainText('Restore storms.csv to the pinned version?');
  await page.locator('.jp-Dialog-button.jp-mod-reject').click();
  expect(await (await page.request.get(url)).text()).toContain('145');
  await pinsStatusMenu(page, 'Restore File to Pin…');
  await page.locator('.jp-Dialog-button.jp-mod-warn').click();
  await expect(status).toHaveText('Data: in sync', { timeout: 30000 });
  expect(await (await page.request.get(url)).text()).toContain('Andrew,1992,150');

  // 5. The versions drawer pins a chosen (older) version, replacing the pin of that name.
  await page.evaluate(
    k => void (window as any).jupyterapp.commands.execute('helium:version-history', { connection: 'local', bucket: 'helium-demo', key: k }),
    key
  );
  const drawer = page.locator('#jupyterlab-helium-versions');
  await expect(drawer.locator('[data-testid=helium-versions-status]')).toHaveText(/3 versions$/, { timeout: 30000 });
  const middle = drawer.locator('.jp-helium-version-row').nth(1);
  const middleId = await middle.getAttribute('data-version-id');
  expect(middleId).toBeTruthy();
  await page.locator('.lm-TabBar-tab', { hasText: notebook }).click();
  await middle.click();
  await middle.click({ button: 'right' });
  await page.locator('.lm-Menu .lm-Menu-item', { hasText: 'Pin This Version to Notebook' }).click();
  await page.locator('.jp-Dialog-button', { hasText: 'No Cell' }).click();
  // The pin of that name is replaced a moment after the click: wait for the new version id.
  await expect.poll(async () => (await notebookPins(page))?.map((p: { version_id: string }) => p.version_id)).toEqual([middleId]);
  await expect(status).toHaveText('Data: changed since pinned: 1 modified', { timeout: 30000 });
});

test('a pinned version deleted for good: opening or restoring it says it cannot come back and to Update Pin', async ({ page }) => {
  const key = `pin-gone-${Date.now()}/tracks.csv`;
  const url = `/helium/s3/local/helium-demo/${key}`;
  expect((await page.request.put(url, { data: 'name,wind_kt\nAndrew,150\n' })).ok()).toBe(true);
  const first = (await page.request.head(url)).headers()['x-amz-version-id'];
  const notebook = `gone-pin-${Date.now()}.ipynb`;
  await page.notebook.createNew(notebook);
  await page.locator('.jp-NotebookPanel-toolbar .jp-helium-pin-data-button').click();
  await page.locator('.jp-Dialog input').fill(`s3://helium-demo/${key}`);
  await page.locator('.jp-Dialog-button.jp-mod-accept').click();
  await page.locator('.jp-Dialog-button', { hasText: 'No Cell' }).click();
  const status = page.locator('.jp-helium-pins-status');
  await expect(status).toHaveText('Data: in sync', { timeout: 30000 });

  // A new version, then the pinned one deleted for good (a lifecycle rule or a person).
  expect((await page.request.put(url, { data: 'name,wind_kt\nAndrew,145\n' })).ok()).toBe(true);
  expect((await page.request.delete(`${url}?versionId=${encodeURIComponent(first)}`)).ok()).toBe(true);
  await pinsStatusMenu(page, 'Refresh Data Status');
  await expect(status).toHaveAttribute('data-state', 'missing', { timeout: 30000 });

  const dialog = page.locator('.jp-Dialog');
  await pinsStatusMenu(page, 'Open Data as Pinned…');
  await expect(dialog).toContainText(`The pinned version ${first} of s3://helium-demo/${key} was deleted for good`);
  await expect(dialog).toContainText('Update Pin');
  await expect(dialog).not.toContainText('refresh the listing');
  await page.locator('.jp-Dialog-button').first().click();
  await expect(dialog).toHaveCount(0);

  await pinsStatusMenu(page, 'Restore File to Pin…');
  await expect(dialog).toContainText('cannot be brought back');
  await expect(dialog).toContainText('Update Pin');
  await expect(dialog.locator('.jp-Dialog-button.jp-mod-warn')).toHaveCount(0);
  await page.locator('.jp-Dialog-button').first().click();
  expect(await (await page.request.get(url)).text()).toContain('145');
});
