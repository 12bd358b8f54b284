/**
 * Rename a folder of 3 files from the S3 panel's context menu, in a real JupyterLab against the
 * embedded local S3's demo bucket: the confirmation says what happens to the old keys' history,
 * the listing shows the new name, and S3 holds the files under the new keys while the old keys
 * keep their version (hidden by a delete marker).
 */
import { expect, test } from '@jupyterlab/galata';
import { countVersions, expectListing, openBucket, row } from './helpers';

test.use({ viewport: { width: 1400, height: 860 } });

/** The local S3's URL (set by `make test`). */
function s3Url(): string {
  const url = process.env.HELIUM_S3_URL;
  if (!url) {
    throw new Error('HELIUM_S3_URL is not set: run the browser tests through `make test`.');
  }
  return url;
}

test('renames a folder of 3 files from the context menu, keeping the old keys history', async ({ page }) => {
  const folder = `rename-me-${Date.now()}`;
  const renamed = `${folder}-renamed`;
  const files = ['a.csv', 'b.csv', 'notes.txt'];
  for (const name of files) {
    // Straight into the local S3, not through the extension.
    const response = await fetch(`${s3Url()}/helium-demo/${folder}/${name}`, { method: 'PUT', body: `content of ${name}` });
    expect(response.ok).toBe(true);
  }

  await openBucket(page, 'local', 'helium-demo');
  await expect(row(page, folder)).toBeVisible();
  await row(page, folder).click({ button: 'right' });
  await page.locator('.lm-Menu .lm-Menu-item', { hasText: 'Rename…' }).click();

  const ask = page.locator('.jp-Dialog', { hasText: `Rename ${folder}/` });
  await expect(ask).toHaveCount(1);
  await ask.locator('input').fill(renamed);
  await ask.locator('.jp-Dialog-button.jp-mod-accept').click();

  // The demo bucket is versioned: the confirmation says the old keys keep their history.
  const confirm = page.locator('.jp-Dialog', { hasText: 'keep their version history' });
  await expect(confirm).toHaveCount(1);
  await expect(confirm).toContainText(`s3://helium-demo/${renamed}/`);
  await confirm.locator('.jp-Dialog-button.jp-mod-accept').click();

  // The listing, read again, has the new name and not the old one (the two sort side by side);
  // both checked at one moment, as a listing still loading has neither.
  await expectListing(page, { shown: [renamed], gone: [folder] }, 15000);
  // And no error was shown (dialogs open over the page, not in the panel).
  await expect(page.locator('.jp-Dialog')).toHaveCount(0);

  for (const name of files) {
    // Read through the Jupyter server's proxy (the local S3 refuses anonymous GETs).
    const moved = await page.request.get(`/helium/s3/local/helium-demo/${renamed}/${name}`);
    expect(moved.status()).toBe(200);
    expect(await moved.text()).toBe(`content of ${name}`);
    // The old key answers 404 (a delete marker; the sources go after every copy) but its one
    // version is kept.
    await expect
      .poll(async () => (await page.request.get(`/helium/s3/local/helium-demo/${folder}/${name}`)).status(), { timeout: 15000 })
      .toBe(404);
    expect(await countVersions('helium-demo', `${folder}/${name}`)).toBe(1);
    expect(await countVersions('helium-demo', `${renamed}/${name}`)).toBe(1);
  }
});
