/**
 * Snapshot tags in a real JupyterLab against the embedded local S3: snapshot a folder of our own,
 * tag it from its row in the Snapshots panel (a bad name is refused as it is typed), see the
 * label on the row and the tag with its history in the details.
 */
import { expect, test } from '@jupyterlab/galata';
import * as path from 'path';
import { demoSnapshotRow, openBucket, SCREENSHOTS, snapshotFolderFromPanel } from './helpers';

test.use({ viewport: { width: 1400, height: 860 } });

test('tags a snapshot from the Snapshots panel and shows the label', async ({ page }) => {
  const stamp = Date.now();
  const folder = `tags-${stamp}`;
  const put = async (name: string, body: string) =>
    expect((await page.request.put(`/helium/s3/local/helium-demo/${folder}/${name}`, { data: body })).ok()).toBe(true);
  await put('storms.csv', 'name,year,wind_kt\nAndrew,1992,150\n');

  // 1. Snapshot the folder from the S3 panel.
  await openBucket(page, 'local', 'helium-demo');
  const topHash = await snapshotFolderFromPanel(page, folder, 'storms, first cut');

  // 2. Its row in the Snapshots panel: no tag yet.
  const snapRow = await demoSnapshotRow(page, folder, topHash);
  await expect(snapRow.locator('.jp-helium-snapshot-tag')).toHaveCount(0);

  // 3. Tag Snapshot… from the row's menu: a reserved name is refused as typed, a good one is not.
  await snapRow.click({ button: 'right' });
  await page.locator('.lm-Menu-item', { hasText: 'Tag Snapshot…' }).click();
  const input = page.locator('.jp-Dialog .jp-helium-tagname-input');
  await expect(input).toBeVisible();
  const problem = page.locator('.jp-Dialog [data-testid="helium-tagname-problem"]');
  const accept = page.locator('.jp-Dialog-button.jp-mod-accept');
  await input.fill('latest');
  await expect(problem).toContainText('"latest" is not a valid tag name');
  await expect(accept).toBeDisabled();
  await input.fill('q3-release');
  await expect(problem).toHaveText('');
  await expect(accept).toBeEnabled();
  await accept.click();

  // 4. The label is on the row; the details list the tag and show its history on a click.
  const label = snapRow.locator('.jp-helium-snapshot-tag[data-tag="q3-release"]');
  await expect(label).toBeVisible({ timeout: 30000 });
  await expect(label).toHaveAttribute('title', new RegExp(topHash.slice(0, 10)));
  await snapRow.click();
  const details = page.locator('[data-testid="helium-snapshot-details"]');
  const tagButton = details.locator('[data-testid="helium-snapshot-tags"] .jp-helium-snapshot-tag[data-tag="q3-release"]');
  await expect(tagButton).toBeVisible();
  await tagButton.click();
  await expect(details.locator('[data-testid="helium-snapshot-tag-history"] li')).toHaveCount(1);
  await expect(details.locator('[data-testid="helium-snapshot-tag-history"]')).toContainText(topHash.slice(0, 10));
  await page.screenshot({ path: path.join(SCREENSHOTS, 'snapshot-tags.png') });
});
