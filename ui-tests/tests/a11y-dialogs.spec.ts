/**
 * Accessibility of helium's own dialogs and trees: an axe-core audit (WCAG 2.1 A/AA rules, see
 * a11y-audit.ts) of each, scoped to the dialog or widget, with no serious or critical violation:
 * Open a bucket, Go to S3 URI, Check Connection, Copy Share Link (the expiry and the link), Copy
 * to… and Move to… (the destination and the confirmation), Snapshot Folder (the form and the
 * result), the snapshot diff tab's tree and its restore confirmation, the metadata editor (and the
 * saved metadata, taller than its box, in the versions drawer), Pin Data (the URI and the cell) and
 * the S3 search with hits; the snapshot dialog, the metadata editor and Check Connection again in
 * the dark theme.
 */
import { expect, IJupyterLabPageFixture, test } from '@jupyterlab/galata';
import * as path from 'path';
import { audit } from './a11y-audit';
import { openBucket, openIndexedSearch, panel, row, SCREENSHOTS, waitForListing } from './helpers';

test.use({ viewport: { width: 1440, height: 900 } });

const DIALOG = '.jp-Dialog';

/** Writes an object through the Jupyter server's proxy. */
async function put(page: IJupyterLabPageFixture, key: string, body: string): Promise<void> {
  expect((await page.request.put(`/helium/s3/local/helium-demo/${key}`, { data: body })).ok()).toBe(true);
}

/** Dismisses the open dialog with its reject button (Cancel or Close) and waits for it to go. */
async function dismiss(page: IJupyterLabPageFixture): Promise<void> {
  await page.locator(`${DIALOG} .jp-Dialog-button.jp-mod-reject`).last().click();
  await expect(page.locator(DIALOG)).toHaveCount(0);
}

/** Right-clicks a row of the S3 panel and picks a context menu item. */
async function rowMenu(page: IJupyterLabPageFixture, name: string, item: string): Promise<void> {
  await row(page, name).click({ button: 'right' });
  await page.locator('.lm-Menu .lm-Menu-item', { hasText: item }).click();
}

/** Opens the Snapshot Folder dialog of a folder row and fills it in; the dialog stays open. */
async function openSnapshotDialog(page: IJupyterLabPageFixture, folder: string): Promise<void> {
  await rowMenu(page, folder, 'Snapshot Folder');
  const dialog = page.locator('.jp-helium-snapshot-dialog');
  await expect(dialog).toBeVisible();
  // The focus moves to the message once the form has rendered: typing elsewhere before can lose it.
  const message = dialog.locator('.jp-helium-snapshot-message-input');
  await expect(message).toBeFocused();
  await message.fill('for the dialog audit');
  await dialog.locator('.jp-helium-snapshot-name-input').fill(`test/${folder}`);
}

/** Opens the metadata editor of a key's current version from the versions drawer; it stays open. */
async function openMetadataEditor(page: IJupyterLabPageFixture, key: string): Promise<void> {
  await page.evaluate(
    k => (window as any).jupyterapp.commands.execute('helium:version-history', { connection: 'local', bucket: 'helium-demo', key: k }),
    key
  );
  const edit = page.locator('#jupyterlab-helium-versions [data-testid=helium-version-details] .jp-helium-edit-metadata');
  await expect(edit).toBeVisible({ timeout: 30000 });
  await edit.click();
  await expect(page.locator(`${DIALOG} .jp-helium-metadata-text`)).toBeVisible();
  // An invalid edit, so the problem line shows (its colour is audited too).
  await page.locator(`${DIALOG} .jp-helium-metadata-text`).fill('{"reviewed": tru');
  await expect(page.locator(`${DIALOG} .jp-helium-metadata-problem`)).toContainText(/line 1/);
}

test('the S3 panel’s dialogs have no serious accessibility violation', async ({ page }) => {
  const stamp = Date.now();
  const name = `a11y-dialogs-${stamp}.csv`;
  await put(page, name, 'a,b\n1,2\n');
  await openBucket(page, 'local', 'helium-demo');
  const p = panel(page);

  // Open a bucket, with a name that breaks a rule (the rule shows under the field).
  await p.locator('[data-testid=helium-bucket]').selectOption({ label: 'Other bucket…' });
  await page.locator(`${DIALOG} input`).fill('Bad_Bucket!');
  await expect(page.locator(`${DIALOG} [data-testid=helium-bucketname-problem]`)).toContainText(/lowercase/i);
  await audit(page, DIALOG, 'Open a bucket');
  await dismiss(page);
  await waitForListing(page);

  // Go to S3 URI.
  await p.locator('[data-testid=helium-go-to-uri]').click();
  await page.locator(`${DIALOG} input`).fill('s3://helium-demo/hurdat2/');
  await audit(page, DIALOG, 'Go to S3 URI');
  await dismiss(page);

  // Check Connection, with its findings.
  await p.locator('[data-testid=helium-check-connection]').click();
  await expect(page.locator(`${DIALOG} [data-testid=helium-check]`)).toBeVisible({ timeout: 30000 });
  await audit(page, DIALOG, 'Check Connection');
  await page.locator(DIALOG).getByRole('button', { name: 'Close' }).click();
  await expect(page.locator(DIALOG)).toHaveCount(0);

  // Copy Share Link: the expiry, then the link.
  await rowMenu(page, name, 'Copy Share Link…');
  await expect(page.locator(`${DIALOG} [data-testid=helium-share-expiry]`)).toBeVisible();
  await audit(page, DIALOG, 'Copy Share Link (expiry)');
  await page.locator(`${DIALOG} .jp-Dialog-button.jp-mod-accept`).click();
  await expect(page.locator(`${DIALOG} [data-testid=helium-share-url]`)).toBeVisible();
  await audit(page, DIALOG, 'Copy Share Link (result)');
  await page.locator(`${DIALOG} .jp-Dialog-button.jp-mod-accept`).click();
  await expect(page.locator(DIALOG)).toHaveCount(0);

  // Copy to…: the destination, then the confirmation (cancelled).
  await rowMenu(page, name, 'Copy to…');
  await expect(page.locator(`${DIALOG} [data-testid=helium-copy-folder]`)).toBeVisible();
  await audit(page, DIALOG, 'Copy to… (destination)');
  await page.locator(`${DIALOG} [data-testid=helium-copy-folder]`).fill(`a11y-copies-${stamp}/`);
  await page.locator(`${DIALOG} .jp-Dialog-button.jp-mod-accept`).click();
  await expect(page.locator(DIALOG, { hasText: 'history of its own' })).toHaveCount(1);
  await audit(page, DIALOG, 'Copy to… (confirmation)');
  await dismiss(page);

  // Move to…, to another connection.
  await rowMenu(page, name, 'Move to…');
  await page.locator(`${DIALOG} [data-testid=helium-copy-connection]`).selectOption('second');
  await audit(page, DIALOG, 'Move to… (destination)');
  await dismiss(page);
});

test('Snapshot Folder, the snapshot diff tree and the restore confirmation have no serious accessibility violation', async ({ page }) => {
  const folder = `a11y-snapdiff-${Date.now()}`;
  await put(page, `${folder}/data.csv`, 'a,b\n1,2\n');
  await put(page, `${folder}/sub/notes.txt`, 'notes\n');
  await openBucket(page, 'local', 'helium-demo');

  await openSnapshotDialog(page, folder);
  await audit(page, DIALOG, 'Snapshot Folder (form)');
  await page.screenshot({ path: path.join(SCREENSHOTS, 'a11y-snapshot-dialog.png') });
  await page.locator(`${DIALOG} .jp-Dialog-button.jp-mod-accept`).click();
  const result = page.locator('.jp-helium-snapshot-result');
  await expect(result).toBeVisible({ timeout: 60000 });
  const topHash = (await result.getAttribute('data-top-hash'))!;
  await audit(page, DIALOG, 'Snapshot Folder (result)');
  // The snippet (it scrolls sideways) is in the tab order, after the hash's Copy, with its focus shown.
  await page.locator('.jp-helium-snapshot-copy-hash').focus();
  await page.keyboard.press('Tab');
  const snippet = page.locator('.jp-helium-snapshot-snippet');
  await expect(snippet).toBeFocused();
  expect(await snippet.evaluate(el => el.matches(':focus-visible') && getComputedStyle(el).outlineStyle !== 'none')).toBe(true);
  await page.screenshot({ path: path.join(SCREENSHOTS, 'a11y-snapshot-result.png') });
  await page.locator(`${DIALOG} .jp-Dialog-button`, { hasText: 'Close' }).click();

  // Changes in a subfolder and at the top, so the tree has a folder with rows under it.
  await put(page, `${folder}/sub/added.txt`, 'new\n');
  await put(page, `${folder}/data.csv`, 'a,b\n1,3\n');
  await page.evaluate(
    f => (window as any).jupyterapp.commands.execute('helium:show-snapshots', { connection: 'local', bucket: 'helium-demo', folder: f }),
    `${folder}/`
  );
  const snapshots = page.locator('.jp-helium-snapshots');
  await expect(snapshots.locator(`.jp-helium-snapshot-row[data-top-hash="${topHash}"]`)).toBeVisible({ timeout: 30000 });
  await snapshots.locator(`.jp-helium-snapshot-row[data-top-hash="${topHash}"] .jp-helium-snapshot-tick`).check();
  await snapshots.locator('.jp-helium-snapshot-live .jp-helium-snapshot-tick').check();
  await snapshots.locator('.jp-helium-snapshots-compare').click();
  const diff = page.locator('.jp-helium-snapdiff');
  await expect(diff.locator('.jp-helium-snapdiff-content')).toHaveAttribute('data-state', 'done', { timeout: 60000 });
  await expect(diff.locator('.jp-helium-snapdiff-summary')).toHaveAttribute('data-added', '1');
  // A flat (virtualized) tree: each row says its depth, a folder whether it is open.
  const tree = diff.locator('[role=tree]');
  await expect(tree).toHaveAttribute('aria-label', 'Changes');
  await expect(tree.locator('[role=treeitem][data-kind=folder][data-path="sub/"]')).toHaveAttribute('aria-level', '1');
  await expect(tree.locator('[role=treeitem][data-kind=folder][data-path="sub/"]')).toHaveAttribute('aria-expanded', 'true');
  await expect(tree.locator('[role=treeitem][data-path="sub/added.txt"]')).toHaveAttribute('aria-level', '2');
  await expect(tree.locator('[role=treeitem][data-path="data.csv"]')).toHaveAttribute('aria-level', '1');
  await audit(page, '.jp-helium-snapdiff', 'snapshot diff tab');

  await diff.locator('.jp-helium-snapdiff-restore').click();
  await expect(page.locator(DIALOG)).toContainText('Restore');
  await audit(page, DIALOG, 'Restore folder (confirmation)');
  await dismiss(page);
});

test('the metadata editor has no serious accessibility violation', async ({ page }) => {
  const key = `a11y-meta-${Date.now()}.txt`;
  await put(page, key, 'one\n');
  await openMetadataEditor(page, key);
  await audit(page, DIALOG, 'metadata editor');
  await page.screenshot({ path: path.join(SCREENSHOTS, 'a11y-metadata-editor.png') });
  // Saved metadata taller than its box (it scrolls) in the versions drawer's details.
  const many = Object.fromEntries(Array.from({ length: 40 }, (_, i) => [`field${i}`, `value ${i}`]));
  await page.locator(`${DIALOG} .jp-helium-metadata-text`).fill(JSON.stringify(many));
  await page.locator(`${DIALOG} .jp-Dialog-button.jp-mod-accept`).click();
  await expect(page.locator(DIALOG)).toHaveCount(0);
  const rows = page.locator('#jupyterlab-helium-versions .jp-helium-version-row');
  await expect(rows).toHaveCount(2, { timeout: 30000 });
  await rows.first().click(); // the new version, newest first
  const json = page.locator('#jupyterlab-helium-versions .jp-helium-json');
  await expect(json).toContainText('field39', { timeout: 30000 });
  expect(await json.evaluate(el => el.scrollHeight > el.clientHeight)).toBe(true);
  await audit(page, '#jupyterlab-helium-versions', 'versions drawer with tall metadata');
});

test('Pin Data… (the URI and the cell) has no serious accessibility violation', async ({ page }) => {
  const key = `a11y-pin-${Date.now()}/storms.csv`;
  await put(page, key, 'name,year\nAndrew,1992\n');
  await page.notebook.createNew(`a11y-pin-${Date.now()}.ipynb`);
  const pinButton = page.locator('.jp-NotebookPanel-toolbar .jp-helium-pin-data-button');
  await expect(pinButton).toBeVisible();
  await pinButton.click();
  await page.locator(`${DIALOG} input`).fill(`s3://helium-demo/${key}`);
  await audit(page, DIALOG, 'Pin Data (URI)');
  await page.locator(`${DIALOG} .jp-Dialog-button.jp-mod-accept`).click();
  await expect(page.locator(`${DIALOG} pre.jp-helium-pin-cell-code`)).toBeVisible({ timeout: 30000 });
  await audit(page, DIALOG, 'Pin Data (cell)');
  await dismiss(page);
});

test('the S3 search with hits has no serious accessibility violation', async ({ page }) => {
  await openBucket(page, 'local', 'helium-demo');
  const search = await openIndexedSearch(page);
  await panel(page).locator('.jp-helium-search-input input').fill('ext:.csv');
  await expect(search.locator('.jp-helium-search-hit[data-type="object"]').first()).toBeVisible({ timeout: 30000 });
  await audit(page, '[data-testid=helium-panel-search]', 'S3 search');
});

test('the snapshot dialog, the metadata editor and Check Connection have no serious accessibility violation in the dark theme', async ({
  page
}) => {
  const folder = `a11y-dark-${Date.now()}`;
  await put(page, `${folder}/data.csv`, 'a,b\n1,2\n');
  await page.theme.setDarkTheme();
  try {
    await openBucket(page, 'local', 'helium-demo');
    await openSnapshotDialog(page, folder);
    await audit(page, DIALOG, 'Snapshot Folder (form, dark)');
    await page.screenshot({ path: path.join(SCREENSHOTS, 'a11y-snapshot-dialog-dark.png') });
    await dismiss(page);
    await openMetadataEditor(page, `${folder}/data.csv`);
    await audit(page, DIALOG, 'metadata editor (dark)');
    await dismiss(page);
    // Check Connection's findings are coloured by status.
    await panel(page).locator('[data-testid=helium-check-connection]').click();
    await expect(page.locator(`${DIALOG} [data-testid=helium-check]`)).toBeVisible({ timeout: 30000 });
    await audit(page, DIALOG, 'Check Connection (dark)');
    await page.locator(DIALOG).getByRole('button', { name: 'Close' }).click();
  } finally {
    await page.theme.setLightTheme();
  }
});
