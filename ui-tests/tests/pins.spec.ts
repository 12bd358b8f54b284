/**
 * Pinned notebooks in a real JupyterLab against the embedded local S3: snapshot a folder of our
 * own, pin it to a new notebook from the Snapshots panel (inserting the quilt3 cell), see the
 * toolbar say "in sync"; change one file through the proxy, Refresh → "changed since pinned:
 * 1 modified", compare the pin with the live folder; restore the folder to the pin → "in sync".
 */
import { expect, test } from '@jupyterlab/galata';
import * as path from 'path';
import { demoSnapshotRow, openBucket, pinsStatusMenu as statusMenu, SCREENSHOTS, snapshotFolderFromPanel, widenSidebar } from './helpers';

test.use({ viewport: { width: 1400, height: 860 } });

test('pins a snapshot to a notebook, sees it drift, and restores the folder to the pin', async ({ page }) => {
  const stamp = Date.now();
  const folder = `pins-${stamp}`;
  const put = async (name: string, body: string) =>
    expect((await page.request.put(`/helium/s3/local/helium-demo/${folder}/${name}`, { data: body })).ok()).toBe(true);
  await put('storms.csv', 'name,year,wind_kt\nAndrew,1992,150\nKatrina,2005,150\n');
  await put('notes.txt', 'best track, cleaned\n');

  // 1. A new notebook: no pins, so no data status.
  const notebook = `analysis-${stamp}.ipynb`;
  await page.notebook.createNew(notebook);
  await expect(page.locator('.jp-NotebookPanel-toolbar')).toBeVisible();
  await expect(page.locator('.jp-helium-pins-status')).toHaveCount(0);

  // 2. Snapshot the folder from the S3 panel.
  await openBucket(page, 'local', 'helium-demo');
  const topHash = await snapshotFolderFromPanel(page, folder, 'storms for the analysis');

  // 3. Pin it to the notebook from the Snapshots panel's row, and insert the quilt3 cell.
  const snapRow = await demoSnapshotRow(page, folder, topHash);
  await snapRow.click({ button: 'right' });
  await page.locator('.lm-Menu-item', { hasText: 'Pin to Notebook' }).click();
  const code = page.locator('.jp-Dialog pre.jp-helium-pin-cell-code');
  await expect(code).toContainText(`quilt3.Package.browse("test/${folder}", registry="s3://helium-demo", top_hash="${topHash}")`);
  await page.locator('.jp-Dialog-button.jp-helium-pin-insert-cell').click();
  const cells = page.locator('.jp-NotebookPanel .jp-Cell .jp-InputArea-editor');
  await expect(cells.filter({ hasText: `top_hash="${topHash}"` })).toHaveCount(1);

  // The inserted cell runs in a real kernel: quilt3 reads the pinned files.
  await page.notebook.addCell('code', 'print(sorted(k for k, _ in pkg.walk()), pkg["storms.csv"].get_bytes().decode().splitlines()[1])');
  await page.notebook.runCell(1);
  await page.notebook.runCell(2);
  await expect(page.locator('.jp-Cell').nth(2).locator('.jp-OutputArea-output')).toContainText(
    "['notes.txt', 'storms.csv'] Andrew,1992,150",
    { timeout: 60000 }
  );

  // The pin is in the notebook's metadata (saved with it like any edit).
  const pins = () =>
    page.evaluate(() => {
      const panel = (window as any).jupyterapp.shell.currentWidget;
      return panel?.context?.model?.getMetadata('helium')?.pins;
    });
  await expect
    .poll(pins)
    .toEqual([
      expect.objectContaining({ name: `test/${folder}`, uri: `s3://helium-demo/${folder}/`, top_hash: topHash, follows: 'latest' })
    ]);

  // 4. The toolbar: in sync.
  const status = page.locator('.jp-helium-pins-status');
  await expect(status).toHaveText('Data: in sync', { timeout: 30000 });
  await expect(status).toHaveAttribute('data-state', 'in-sync');
  await expect
    .poll(() => status.getAttribute('title'))
    .toContain(`test/${folder} (s3://helium-demo/${folder}/ @ ${topHash.slice(0, 8)}): in sync`);
  await widenSidebar(page, 60);
  await page.screenshot({ path: path.join(SCREENSHOTS, 'pins-in-sync.png') });

  // 5. Change one file behind helium's back: only a Refresh tells.
  await put('storms.csv', 'name,year,wind_kt\nAndrew,1992,145\nKatrina,2005,150\n');
  await expect(status).toHaveText('Data: in sync');
  await statusMenu(page, 'Refresh Data Status');
  await expect(status).toHaveText('Data: changed since pinned: 1 modified', { timeout: 30000 });
  await expect(status).toHaveAttribute('data-state', 'changed');
  // The README's picture: the data status and its menu (notifications hidden for the picture).
  await page.addStyleTag({ content: '.Toastify { display: none !important; }' });
  await page.locator('.jp-helium-pins-status').click();
  await expect(page.locator('.lm-Menu.jp-helium-pins-menu')).toBeVisible();
  await page.screenshot({ path: path.join(SCREENSHOTS, 'pins-changed.png') });
  await page.keyboard.press('Escape');
  await expect(page.locator('.lm-Menu.jp-helium-pins-menu')).toHaveCount(0);

  // 6. Compare the pin with the live folder: the snapshot diff tab, one file modified.
  await statusMenu(page, 'Compare Pin ↔ Live');
  const diff = page.locator('.jp-helium-snapdiff');
  await expect(diff.locator('.jp-helium-snapdiff-content')).toHaveAttribute('data-state', 'done', { timeout: 60000 });
  await expect(diff.locator('.jp-helium-snapdiff-summary')).toHaveAttribute('data-modified', '1');
  await page.screenshot({ path: path.join(SCREENSHOTS, 'pins-compare.png') });

  // 7. Open the data as pinned: the file's pinned version, read-only.
  await page.locator('.lm-TabBar-tab', { hasText: notebook }).click();
  await statusMenu(page, 'Open Data as Pinned');
  await page.locator('.jp-Dialog .jp-helium-pinned-file[data-key="notes.txt"]').click();
  const pinnedTab = page.locator('.lm-TabBar-tab', { hasText: `notes.txt @ ${topHash.slice(0, 8)}` });
  await expect(pinnedTab).toBeVisible({ timeout: 30000 });
  await expect(page.locator('.jp-helium-version-document .cm-content')).toContainText('best track, cleaned');

  // 8. Back to the notebook; restore the folder to the pin (after its preview) → in sync.
  await page.locator('.lm-TabBar-tab', { hasText: notebook }).click();
  await statusMenu(page, 'Restore Folder to Pin');
  await page.locator('.jp-Dialog-button.jp-helium-snapshot-restore-ok').click();
  await expect(status).toHaveText('Data: in sync', { timeout: 60000 });
  const restored = await (await page.request.get(`/helium/s3/local/helium-demo/${folder}/storms.csv`)).text();
  expect(restored).toContain('Andrew,1992,150');

  // 9. Snapshot the folder from the notebook, recording lineage; the details show it.
  await page.evaluate(
    f =>
      void (window as any).jupyterapp.commands.execute('helium:snapshot-folder', { connection: 'local', bucket: 'helium-demo', folder: f }),
    `${folder}/`
  );
  const dialog = page.locator('.jp-helium-snapshot-dialog');
  const result = page.locator('.jp-helium-snapshot-result');
  await expect(dialog).toBeVisible();
  await expect(dialog.locator('.jp-helium-snapshot-lineage')).toContainText(notebook);
  await expect(dialog.locator('.jp-helium-snapshot-lineage-input')).not.toBeChecked();
  // The focus moves to the message once the form has rendered: typing elsewhere before can lose it.
  await expect(dialog.locator('.jp-helium-snapshot-message-input')).toBeFocused();
  await dialog.locator('.jp-helium-snapshot-lineage-input').check();
  await dialog.locator('.jp-helium-snapshot-message-input').fill('results of the analysis');
  await dialog.locator('.jp-helium-snapshot-name-input').fill(`test/${folder}`);
  await page.locator('.jp-Dialog-button.jp-mod-accept').click();
  await expect(result).toBeVisible({ timeout: 60000 });
  const withLineage = (await result.getAttribute('data-top-hash'))!;
  // A notebook is open: the result offers to pin it.
  await expect(page.locator('.jp-Dialog-button.jp-helium-snapshot-pin')).toBeVisible();
  await page.locator('.jp-Dialog-button', { hasText: 'Close' }).click();
  const details = page.locator(`.jp-helium-snapshot-details[data-top-hash="${withLineage}"]`);
  await expect(details).toBeVisible({ timeout: 30000 });
  const lineage = details.locator('.jp-helium-snapshot-lineage-view');
  await expect(lineage).toHaveAttribute('data-notebook', new RegExp(`${notebook}$`));
  await expect(lineage.locator('.jp-helium-snapshot-lineage-pin')).toHaveText(`s3://helium-demo/${folder}/ @ ${topHash.slice(0, 8)}`);
  await page.screenshot({ path: path.join(SCREENSHOTS, 'pins-lineage.png') });

  // 10. A newer snapshot exists now: the tooltip names it, and Update Pin re-locks the pin to it.
  await expect(status).toHaveAttribute('title', /\(latest is now [0-9a-f]{8}\)/, { timeout: 30000 });
  await statusMenu(page, 'Update Pin');
  await expect
    .poll(() =>
      page.evaluate(() => (window as any).jupyterapp.shell.currentWidget?.context?.model?.getMetadata('helium')?.pins?.[0]?.top_hash)
    )
    .toBe(withLineage);
  await expect(status).toHaveText('Data: in sync', { timeout: 30000 });
  // The re-locked pin's own status is in (its line names the new hash), and it no longer says a
  // later snapshot exists. (It said "(latest is now …)": "newer snapshot" was never in the tooltip.)
  await expect(status).toHaveAttribute('title', new RegExp(`@ ${withLineage.slice(0, 8)}\\): in sync`), { timeout: 30000 });
  await expect(status).not.toHaveAttribute('title', /latest is now/);
});

test('a notebook with a malformed pin and a pin of an unreadable bucket says so, and is not modified', async ({ page, tmpPath }) => {
  const name = `bad-pins-${Date.now()}.ipynb`;
  const notebook = {
    cells: [{ cell_type: 'markdown', id: 'intro', metadata: {}, source: 'Pins written by hand.' }],
    metadata: {
      kernelspec: { name: 'python3', display_name: 'Python 3 (ipykernel)', language: 'python' },
      helium: {
        pins: [
          { name: 'typo', uri: 'not a uri', package: 'a/b', top_hash: 'nope' },
          { name: 'elsewhere', uri: 's3://no-such-bucket-helium/x/', package: 'a/b', top_hash: 'a'.repeat(64), follows: 'latest' }
        ]
      }
    },
    nbformat: 4,
    nbformat_minor: 5
  };
  expect(await page.contents.uploadContent(JSON.stringify(notebook, null, 1), 'text', `${tmpPath}/${name}`)).toBe(true);
  expect(await page.notebook.openByPath(`${tmpPath}/${name}`)).toBe(true);
  const status = page.locator('.jp-helium-pins-status');
  await expect(status).toHaveText('Data: 1 malformed pin', { timeout: 30000 });
  await expect(status).toHaveAttribute('data-loading', 'false', { timeout: 30000 });
  const tooltip = (await status.getAttribute('title'))!;
  expect(tooltip).toContain('elsewhere (s3://no-such-bucket-helium/x/ @ aaaaaaaa): error:');
  expect(tooltip).toContain('typo');
  // Reading pins never modifies them (the kernel's own metadata may mark the notebook dirty).
  const helium = await page.evaluate(() => (window as any).jupyterapp.shell.currentWidget?.context?.model?.getMetadata('helium'));
  expect(helium).toEqual(notebook.metadata.helium);
  await page.screenshot({ path: path.join(SCREENSHOTS, 'pins-bad.png') });
});
