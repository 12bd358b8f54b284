/**
 * Archived objects in a real JupyterLab against the local S3 (moto refuses archived bytes as S3
 * does, and restores at once where S3 takes hours): the row says the object is archived, opening
 * it says why it cannot open yet (never "access denied") and offers the restore, *Restore from
 * Archive…* asks for the days and the tier and says when to expect the copy, and then the row
 * reads "restored" (no longer dimmed) and the object opens.
 */
import { expect, test } from '@jupyterlab/galata';
import * as path from 'path';
import { enterFolder, openBucket, panel, row, SCREENSHOTS } from './helpers';

test.use({ viewport: { width: 1400, height: 860 } });

/** Puts an object in the Glacier storage class straight into the local S3. */
async function putArchived(bucket: string, key: string, body: string, storageClass = 'GLACIER'): Promise<void> {
  const s3 = process.env.HELIUM_S3_URL;
  if (!s3) {
    throw new Error('HELIUM_S3_URL is not set: run the browser tests through `make test`.');
  }
  const response = await fetch(`${s3.replace(/\/+$/, '')}/${bucket}/${key}`, {
    method: 'PUT',
    body,
    headers: { 'x-amz-storage-class': storageClass }
  });
  expect(response.ok).toBe(true);
}

test('an archived object says so, is restored from the panel, and then opens', async ({ page }) => {
  const folder = `archived-${Date.now()}`;
  await putArchived('helium-demo', `${folder}/cold.txt`, 'frozen in 2019\n');
  await putArchived('helium-demo', `${folder}/deep-archive-of-the-2019-season.txt`, 'deeper\n', 'DEEP_ARCHIVE');

  await openBucket(page, 'local', 'helium-demo');
  await enterFolder(page, folder);
  const cold = row(page, 'cold.txt');
  await expect(cold).toHaveClass(/jp-mod-archived/);
  await expect(cold).toHaveAttribute('title', /archived in S3 Glacier Flexible Retrieval/);

  // Opening it says why it cannot open yet, and offers the restore.
  await cold.dblclick();
  const refused = page.locator('.jp-Dialog', { hasText: 'Cannot open cold.txt yet' });
  await expect(refused).toContainText('is archived in S3 Glacier Flexible Retrieval');
  await expect(refused).not.toContainText(/access denied/i);
  await refused.getByRole('button', { name: 'Cancel' }).click();
  await row(page, 'deep-archive-of-the-2019-season.txt').dblclick();
  const offer = page.locator('.jp-Dialog', { hasText: 'is archived in S3 Glacier Deep Archive' });
  await expect(offer).toContainText('there is none yet');
  await page.screenshot({ path: path.join(SCREENSHOTS, 'archived-open.png') });
  await offer.getByRole('button', { name: 'Restore from Archive…' }).click();
  const askDeep = page.locator('.jp-Dialog', { hasText: 'Keep the restored copy for' });
  await expect(askDeep).toContainText('deep-archive-of-the-2019-season.txt');
  await askDeep.getByRole('button', { name: 'Cancel' }).click();

  // Its version history says the version is archived, and restores that version.
  await cold.click({ button: 'right' });
  await page.locator('.lm-Menu-item', { hasText: 'Version History' }).click();
  const history = page.locator('#jupyterlab-helium-versions');
  const version = history.locator('.jp-helium-version-row').first();
  await expect(version.locator('.jp-helium-badge-archived')).toHaveText('archived');
  await version.click();
  const details = history.locator('[data-testid=helium-version-details]');
  await expect(details.locator('.jp-helium-version-archived')).toContainText('Archived in S3 Glacier Flexible Retrieval');
  await page.screenshot({ path: path.join(SCREENSHOTS, 'archived-version.png') });
  const versionId = (await version.getAttribute('data-version-id'))!;
  await details.locator('.jp-helium-action-unarchive').click();
  const askVersion = page.locator('.jp-Dialog', { hasText: 'Keep the restored copy for' });
  await expect(askVersion).toContainText(`s3://helium-demo/${folder}/cold.txt?versionId=${versionId}`);
  await askVersion.getByRole('button', { name: 'Cancel' }).click();

  await cold.click({ button: 'right' });
  await page.locator('.lm-Menu .lm-Menu-item', { hasText: 'Restore from Archive…' }).click();
  const ask = page.locator('.jp-Dialog', { hasText: 'Keep the restored copy for' });
  await expect(ask).toContainText(`s3://helium-demo/${folder}/cold.txt`);
  await ask.locator('[data-testid=helium-unarchive-days]').fill('2');
  await ask.locator('[data-testid=helium-unarchive-tier]').selectOption('Bulk');
  await page.screenshot({ path: path.join(SCREENSHOTS, 'restore-from-archive.png') });
  await ask.locator('.jp-Dialog-button.jp-mod-accept').click();

  const done = page.locator('.jp-Dialog', { hasText: 'Restore requested for 1 object' });
  await expect(done).toContainText('its copy stays readable for 2 days');
  await done.locator('.jp-Dialog-button.jp-mod-accept').click();
  // The row is read again: restored (moto restores at once), readable, no longer dimmed.
  await expect(cold).toHaveAttribute('data-archive', 'restored');
  await expect(cold).not.toHaveClass(/jp-mod-archived/);
  await expect(cold).toHaveAttribute('title', /restored from S3 Glacier Flexible Retrieval: readable until .+, then archived again/);
  await expect(cold.locator('.jp-helium-row-archived')).toHaveAttribute('aria-label', 'restored');
  await expect(row(page, 'deep-archive-of-the-2019-season.txt')).toHaveAttribute('data-archive', 'archived');
  await row(page, 'deep-archive-of-the-2019-season.txt').click(); // both rows' own looks, unselected
  await expect(cold).not.toHaveClass(/jp-mod-selected/);
  await panel(page).screenshot({ path: path.join(SCREENSHOTS, 'archived-restored-row.png') });

  await cold.dblclick();
  await expect(page.locator('.jp-FileEditor .cm-content')).toContainText('frozen in 2019');
});
