/**
 * *Copy to…* and *Copy Share Link…* in a real JupyterLab against the local S3: copy an object to
 * another bucket (the confirmation says what happens to history; the copy shows in the Transfers
 * panel; S3 holds the bytes there), and open a share link in a fresh request context without
 * cookies or token (the bytes match). The local S3 (moto) does not verify presigned signatures
 * (pytest checks them independently); here the point is a link that needs no Jupyter.
 */
import { expect, test } from '@jupyterlab/galata';
import { request } from '@playwright/test';
import * as path from 'path';
import { expectListing, openBucket, row, SCREENSHOTS } from './helpers';

test.use({ viewport: { width: 1400, height: 860 } });

/** The local S3's URL (set by `make test`). */
function s3Url(): string {
  const url = process.env.HELIUM_S3_URL;
  if (!url) {
    throw new Error('HELIUM_S3_URL is not set: run the browser tests through `make test`.');
  }
  return url.replace(/\/+$/, '');
}

/** Puts an object straight into the local S3 (not through the extension). */
async function putDirect(bucket: string, key: string, body: string): Promise<void> {
  const response = await fetch(`${s3Url()}/${bucket}/${key}`, { method: 'PUT', body });
  expect(response.ok).toBe(true);
}

test('copies an object to another bucket, with its progress in the Transfers panel', async ({ page }) => {
  const stamp = Date.now();
  const name = `copy-me-${stamp}.csv`;
  const target = `helium-copy-target-${stamp}`;
  const body = 'station,wind\nA,45\nB,60\n';
  expect((await fetch(`${s3Url()}/${target}`, { method: 'PUT' })).ok).toBe(true);
  const versioning =
    '<VersioningConfiguration xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><Status>Enabled</Status></VersioningConfiguration>';
  expect((await fetch(`${s3Url()}/${target}?versioning`, { method: 'PUT', body: versioning })).ok).toBe(true);
  await putDirect('helium-demo', name, body);

  await openBucket(page, 'local', 'helium-demo');
  await row(page, name).click({ button: 'right' });
  await page.locator('.lm-Menu .lm-Menu-item', { hasText: 'Copy to…' }).click();

  const ask = page.locator('.jp-Dialog', { hasText: `Copy ${name} to…` });
  await expect(ask).toHaveCount(1);
  await ask.locator('[data-testid=helium-copy-folder]').fill(`s3://${target}/copied/`);
  await ask.locator('.jp-Dialog-button.jp-mod-accept').click();

  // The destination keeps versions: the copy starts its own history, the original keeps its own.
  const confirm = page.locator('.jp-Dialog', { hasText: 'history of its own' });
  await expect(confirm).toHaveCount(1);
  await expect(confirm).toContainText(`s3://${target}/copied/${name}`);
  await expect(confirm).toContainText('originals and their version history stay');
  await confirm.locator('.jp-Dialog-button.jp-mod-accept').click();

  const job = page.locator(`.jp-helium-transfer[data-label="Copying ${name}"]`).first();
  await expect(job).toHaveAttribute('data-state', 'done', { timeout: 20000 });
  await expect(job).toHaveAttribute('data-direction', 'copy');
  await page.screenshot({ path: path.join(SCREENSHOTS, 'copy-to-transfers.png') });

  // Read through the Jupyter server's proxy (the local S3 refuses anonymous GETs).
  const copied = await page.request.get(`/helium/s3/local/${target}/copied/${name}`);
  expect(copied.status()).toBe(200);
  expect(await copied.text()).toBe(body);
  const original = await page.request.get(`/helium/s3/local/helium-demo/${name}`);
  expect(await original.text()).toBe(body);
});

test('copies a folder of 3 into another folder: one row in the Transfers panel counting its objects', async ({ page }) => {
  const folder = `copy-folder-${Date.now()}`;
  const files = ['a.csv', 'b.csv', 'notes.txt'];
  for (const name of files) {
    await putDirect('helium-demo', `${folder}/${name}`, `content of ${name}`);
  }
  await openBucket(page, 'local', 'helium-demo');
  await row(page, folder).click({ button: 'right' });
  await page.locator('.lm-Menu .lm-Menu-item', { hasText: 'Copy to…' }).click();
  const ask = page.locator('.jp-Dialog', { hasText: `Copy ${folder}/ to…` });
  await ask.locator('[data-testid=helium-copy-folder]').fill('copies');
  await ask.locator('.jp-Dialog-button.jp-mod-accept').click();
  await page.locator('.jp-Dialog', { hasText: 'history of its own' }).locator('.jp-Dialog-button.jp-mod-accept').click();

  const job = page.locator(`.jp-helium-transfer[data-label="Copying ${folder}/"]`).first();
  await expect(job).toHaveAttribute('data-state', 'done', { timeout: 20000 });
  await expect(job.locator('[data-testid=helium-transfer-items]')).toHaveText('3 of 3 objects');
  for (const name of files) {
    const copied = await page.request.get(`/helium/s3/local/helium-demo/copies/${folder}/${name}`);
    expect(await copied.text()).toBe(`content of ${name}`);
  }
});

test('a share link downloads the object without Jupyter', async ({ page }) => {
  const name = `share-me-${Date.now()}.txt`;
  const body = `shared bytes ${Date.now()}\n`;
  await putDirect('helium-demo', name, body);

  await openBucket(page, 'local', 'helium-demo');
  await row(page, name).click({ button: 'right' });
  await page.locator('.lm-Menu .lm-Menu-item', { hasText: 'Copy Share Link…' }).click();

  const ask = page.locator('.jp-Dialog', { hasText: `Share link of ${name}` });
  await expect(ask).toHaveCount(1);
  await expect(ask.locator('[data-testid=helium-share-expiry] option')).toHaveText(['1 hour', '1 day', '7 days']);
  await ask.locator('[data-testid=helium-share-expiry]').selectOption({ label: '1 hour' });
  await page.screenshot({ path: path.join(SCREENSHOTS, 'share-link-dialog.png') });
  await ask.locator('.jp-Dialog-button.jp-mod-accept').click();

  const result = page.locator('.jp-Dialog', { hasText: 'Works until' });
  await expect(result).toHaveCount(1);
  await expect(result).toContainText('(1 hour)');
  const url = await result.locator('[data-testid=helium-share-url]').inputValue();
  await page.screenshot({ path: path.join(SCREENSHOTS, 'share-link-result.png') });
  // The link is to the S3 endpoint itself, signed, and names no Jupyter token.
  expect(url.startsWith(`${s3Url()}/helium-demo/${name}?`)).toBe(true);
  expect(url).toContain('X-Amz-Expires=3600');
  expect(url).not.toContain('token=');

  // A fresh request context: no cookies, no Authorization header, nothing of this page's.
  const stranger = await request.newContext();
  try {
    const got = await stranger.get(url);
    expect(got.status()).toBe(200);
    expect(await got.text()).toBe(body);
    // Without the signature the same object is refused.
    expect((await stranger.get(url.split('?')[0])).status()).toBe(403);
  } finally {
    await stranger.dispose();
  }
  await result.locator('.jp-Dialog-button.jp-mod-accept').click();
});

test('a share link of an older version, from the versions drawer, keeps giving that version', async ({ page }) => {
  const name = `share-version-${Date.now()}.txt`;
  // Through the proxy: the local S3 refuses an anonymous PUT over an existing key.
  for (const body of ['first version\n', 'second version\n']) {
    expect((await page.request.put(`/helium/s3/local/helium-demo/${name}`, { data: body })).ok()).toBe(true);
  }

  await openBucket(page, 'local', 'helium-demo');
  await row(page, name).click({ button: 'right' });
  await page.locator('.lm-Menu-item', { hasText: 'Version History' }).click();
  const drawer = page.locator('#jupyterlab-helium-versions');
  await expect(drawer.locator('[data-testid=helium-versions-status]')).toHaveText(/2 versions$/);
  const older = drawer.locator('.jp-helium-version-row').last();
  await older.click();
  await older.click({ button: 'right' });
  await page.locator('.lm-Menu .lm-Menu-item', { hasText: 'Copy Share Link…' }).click();

  const ask = page.locator('.jp-Dialog', { hasText: `Share link of ${name}` });
  await expect(ask.locator('[data-testid=helium-share-version]')).toHaveValue('this');
  await ask.locator('.jp-Dialog-button.jp-mod-accept').click();
  const url = await page.locator('.jp-Dialog [data-testid=helium-share-url]').inputValue();
  expect(url).toContain('versionId=');

  const stranger = await request.newContext();
  try {
    expect(await (await stranger.get(url)).text()).toBe('first version\n');
  } finally {
    await stranger.dispose();
  }
  await page.locator('.jp-Dialog .jp-Dialog-button.jp-mod-accept').click();
});

test('moves an object to another connection, streamed through the browser; the source goes only after', async ({ page }) => {
  const name = `move-across-${Date.now()}.txt`;
  const body = 'moved across connections\n';
  await putDirect('helium-demo', name, body);

  await openBucket(page, 'local', 'helium-demo');
  await row(page, name).click({ button: 'right' });
  await page.locator('.lm-Menu .lm-Menu-item', { hasText: 'Move to…' }).click();
  const ask = page.locator('.jp-Dialog', { hasText: `Move ${name} to…` });
  await ask.locator('[data-testid=helium-copy-connection]').selectOption('second');
  await ask.locator('[data-testid=helium-copy-folder]').fill('s3://helium-demo/across/');
  await ask.locator('.jp-Dialog-button.jp-mod-accept').click();

  const confirm = page.locator('.jp-Dialog', { hasText: 'Another connection' });
  await expect(confirm).toContainText(`s3://helium-demo/across/${name} (second)`);
  await expect(confirm).toContainText('deleted only once every object was copied');
  await confirm.locator('.jp-Dialog-button.jp-mod-accept').click();

  const job = page.locator(`.jp-helium-transfer[data-label="Moving ${name}"]`).first();
  await expect(job).toHaveAttribute('data-state', 'done', { timeout: 20000 });
  await expect(job).toHaveAttribute('data-direction', 'move');
  // Gone from the listing once it is read again (not merely while it reloads, with no rows at all).
  await expectListing(page, { shown: [], gone: [name] });
  const moved = await page.request.get(`/helium/s3/second/helium-demo/across/${name}`);
  expect(await moved.text()).toBe(body);
  expect((await page.request.get(`/helium/s3/local/helium-demo/${name}`)).status()).toBe(404);
});

test('a connection that gives no share links says so in the menu', async ({ page }) => {
  // On a fresh page, openBucket's switch to another connection did not stick (the picker still
  // showed "local" after it); with the first listing loaded first, it does.
  await openBucket(page, 'local', 'helium-demo');
  await openBucket(page, 'second', 'helium-demo');
  await expect(page.locator('[data-testid=helium-connection]')).toHaveValue('second');
  await row(page, 'README.md').click({ button: 'right' });
  const item = page.locator('.lm-Menu .lm-Menu-item', { hasText: 'Copy Share Link' });
  await expect(item).toContainText('off for this connection');
  await expect(item).toHaveClass(/lm-mod-disabled/);
});
