/**
 * Transfers in a real JupyterLab against the local S3: drop a file on the S3 panel and watch it
 * upload (multipart, with progress), cancel an upload and find nothing left behind, and download
 * an object into the workspace.
 */
import { expect, IJupyterLabPageFixture, test } from '@jupyterlab/galata';
import type { JSHandle } from '@playwright/test';
import { createHash } from 'crypto';
import * as path from 'path';
import { enterFolder, openBucket, openPanel, panel, row, SCREENSHOTS, widenSidebar } from './helpers';

test.use({ viewport: { width: 1400, height: 860 } });

/** The bytes makeDrop puts in its file, computed again here. */
function pattern(size: number): Buffer {
  const bytes = Buffer.alloc(size);
  for (let i = 0; i < size; i++) {
    bytes[i] = (i * 31 + 7) % 251;
  }
  return bytes;
}

/** base64(sha256(sha256(part 1) ‖ sha256(part 2) ‖ …)), computed independently of the extension. */
function compositeSha256(bytes: Buffer, partSize: number): string {
  const digests: Buffer[] = [];
  for (let start = 0; start < bytes.length; start += partSize) {
    digests.push(
      createHash('sha256')
        .update(bytes.subarray(start, start + partSize))
        .digest()
    );
  }
  return createHash('sha256').update(Buffer.concat(digests)).digest('base64');
}

/** A DataTransfer holding one file of `size` bytes with a recognisable pattern, made in the page. */
function makeDrop(page: IJupyterLabPageFixture, name: string, size: number): Promise<JSHandle<DataTransfer>> {
  return page.evaluateHandle(
    ([name, size]) => {
      const bytes = new Uint8Array(size as number);
      for (let i = 0; i < bytes.length; i++) {
        bytes[i] = (i * 31 + 7) % 251;
      }
      const data = new DataTransfer();
      data.items.add(new File([bytes], name as string, { type: 'application/octet-stream' }));
      return data;
    },
    [name, size]
  );
}

async function drop(page: IJupyterLabPageFixture, data: JSHandle<DataTransfer>): Promise<void> {
  const target = panel(page).locator('.jp-helium-browser');
  await target.dispatchEvent('dragover', { dataTransfer: data });
  await expect(panel(page).locator('[data-testid=helium-drop-hint]')).toBeVisible();
  await target.dispatchEvent('drop', { dataTransfer: data });
}

function transferRow(page: IJupyterLabPageFixture, label: string) {
  return page.locator(`.jp-helium-transfer[data-label="${label}"]`).first();
}

async function pendingUploads(page: IJupyterLabPageFixture, bucket: string): Promise<number> {
  const xml = await (await page.request.get(`/helium/s3/local/${bucket}?uploads`)).text();
  return (xml.match(/<Upload>/g) ?? []).length;
}

test('uploads a file dropped on the panel, with progress, as a multipart upload', async ({ page }) => {
  await openBucket(page, 'local', 'helium-demo');
  await widenSidebar(page, 160);
  await enterFolder(page, 'hurdat2');
  const size = 20 * 1024 * 1024 + 123; // three 8 MiB parts
  const name = `dropped-${Date.now()}.bin`; // new each run: an unchanged file would be skipped
  // A new key is checked without a 404 (which the browser would log as a console error).
  const notFound: string[] = [];
  page.on('response', r => {
    if (r.status() === 404 && r.url().includes('/helium/s3/')) {
      notFound.push(`${r.request().method()} ${r.url()}`);
    }
  });
  const consoleErrors: string[] = [];
  page.on('console', m => {
    if (m.type() === 'error') {
      consoleErrors.push(m.text());
    }
  });
  await drop(page, await makeDrop(page, name, size));

  const transfer = transferRow(page, name);
  await expect(transfer).toBeVisible();
  await expect(transfer).toHaveAttribute('data-state', 'done', { timeout: 60000 });
  await expect(transfer.locator('[data-testid=helium-transfer-stats]')).toContainText('100%');
  await expect(page.locator('[data-testid=helium-transfers-status]')).toHaveText(/Transfers done|transfer/);
  await expect(row(page, name)).toBeVisible();
  await page.screenshot({ path: path.join(SCREENSHOTS, 'transfers.png') });
  const transfersPanel = (await page.locator('.jp-helium-transfers-panel').boundingBox())!;
  await page.screenshot({ path: path.join(SCREENSHOTS, 'transfers-panel.png'), clip: { ...transfersPanel, height: 160 } });
  // Nothing in the row spills out of the panel.
  const rowBox = (await transfer.boundingBox())!;
  expect(rowBox.x + rowBox.width).toBeLessThanOrEqual(transfersPanel.x + transfersPanel.width + 0.5);
  expect(notFound).toEqual([]);
  expect(consoleErrors.filter(text => /404|not found/i.test(text))).toEqual([]);

  // The object is all there, and S3 holds a multipart (composite) SHA-256 checksum for it.
  const head = await page.request.head(`/helium/s3/local/helium-demo/hurdat2/${name}`, {
    headers: { 'x-amz-checksum-mode': 'ENABLED' }
  });
  expect(head.status()).toBe(200);
  expect(Number(head.headers()['content-length'])).toBe(size);
  // S3 stores base64(sha256(part digests)) (AWS adds "-3"; moto does not): Quilt's hash of the file.
  expect(head.headers()['x-amz-checksum-sha256'].replace(/-3$/, '')).toBe(compositeSha256(pattern(size), 8 * 1024 * 1024));
  expect(await pendingUploads(page, 'helium-demo')).toBe(0);
});

test('cancelling an upload leaves no object and no pending multipart upload', async ({ page }) => {
  await openBucket(page, 'local', 'helium-demo');
  // Hold each part for a while so the test can press Cancel mid-upload, deterministically.
  await page.route(/\/helium\/s3\/local\/helium-demo\/.*partNumber=/, async route => {
    await new Promise(resolve => setTimeout(resolve, 1500));
    await route.continue().catch(() => undefined);
  });
  const name = `cancel-me-${Date.now()}.bin`;
  await drop(page, await makeDrop(page, name, 40 * 1024 * 1024));
  const transfer = transferRow(page, name);
  await expect(transfer).toHaveAttribute('data-state', 'running');
  await transfer.getByTitle('Cancel', { exact: true }).click();
  await expect(transfer).toHaveAttribute('data-state', 'cancelled', { timeout: 30000 });
  await page.unroute(/partNumber=/);
  const head = await page.request.head(`/helium/s3/local/helium-demo/${name}`);
  expect(head.status()).toBe(404);
  await expect.poll(() => pendingUploads(page, 'helium-demo'), { timeout: 15000 }).toBe(0);
  // Retry is offered and completes.
  await transfer.getByTitle('Retry', { exact: true }).click();
  await expect(transfer).toHaveAttribute('data-state', 'done', { timeout: 60000 });
  expect((await page.request.head(`/helium/s3/local/helium-demo/${name}`)).status()).toBe(200);
});

test('an upload that would replace an object in a bucket without versions asks first; Cancel sends nothing', async ({ page }) => {
  const s3 = (process.env.HELIUM_S3_URL ?? '').replace(/\/+$/, '');
  const bucket = `helium-plain-up-${Date.now()}`;
  expect((await fetch(`${s3}/${bucket}`, { method: 'PUT' })).ok).toBe(true);
  const object = `/helium/s3/local/${bucket}/data/dropped.bin`;
  expect((await page.request.put(object, { data: 'what was there\n' })).ok()).toBe(true);
  await openPanel(page);
  // Goes to the object: its folder opens with its row selected.
  await page.evaluate(uri => (window as any).jupyterapp.commands.execute('helium:go-to-uri', { uri }), `s3://${bucket}/data/dropped.bin`);
  await expect(panel(page).locator('.jp-helium-crumb').last()).toHaveText('data');
  await expect(row(page, 'dropped.bin')).toBeVisible();

  await drop(page, await makeDrop(page, 'dropped.bin', 1000));
  const dialog = page.locator('.jp-Dialog');
  await expect(dialog).toContainText('Replace 1 object for good?');
  await expect(dialog).toContainText(`Bucket ${bucket} does not keep versions`);
  await expect(dialog).toContainText(`s3://${bucket}/data/dropped.bin`);
  await dialog.locator('.jp-Dialog-content').screenshot({ path: path.join(SCREENSHOTS, 'upload-replace-unversioned.png') });
  await dialog.locator('.jp-Dialog-button', { hasText: 'Cancel' }).click();
  await expect(dialog).toHaveCount(0);
  await expect(transferRow(page, 'dropped.bin')).toHaveCount(0);
  expect(await (await page.request.get(object)).text()).toBe('what was there\n');

  await drop(page, await makeDrop(page, 'dropped.bin', 1000));
  await dialog.locator('.jp-Dialog-button', { hasText: 'Replace' }).click();
  await expect(transferRow(page, 'dropped.bin')).toHaveAttribute('data-state', 'done', { timeout: 30000 });
  expect(Number((await page.request.head(object)).headers()['content-length'])).toBe(1000);
});

test('downloads an object into the workspace folder', async ({ page, tmpPath }) => {
  await openBucket(page, 'local', 'helium-demo');
  await enterFolder(page, 'hurdat2');
  await row(page, 'tracks.csv').click({ button: 'right' });
  // The Jupyter server writes the file itself; the object's bytes never pass through the page.
  const objectReads: string[] = [];
  page.on('request', request => {
    if (request.url().includes('/helium/s3/') && request.url().includes('tracks.csv') && request.method() === 'GET') {
      objectReads.push(request.url());
    }
  });
  const byServer = page.waitForResponse(response => response.url().includes('/helium/workspace-download/local'));
  await page.locator('.lm-Menu-itemLabel', { hasText: /^Download to \// }).click();
  const transfer = transferRow(page, 'tracks.csv');
  await expect(transfer).toHaveAttribute('data-state', 'done', { timeout: 60000 });
  expect((await byServer).status()).toBe(200);
  expect(objectReads).toEqual([]);
  const s3Bytes = await (await page.request.get('/helium/s3/local/helium-demo/hurdat2/tracks.csv')).body();
  // galata opens each test in its own workspace folder: the file browser's current folder.
  const saved = await page.request.get(`/files/${tmpPath}/tracks.csv`);
  expect(saved.status()).toBe(200);
  expect(Buffer.compare(await saved.body(), s3Bytes)).toBe(0);
  await page.sidebar.openTab('filebrowser');
  // The file browser refreshes on its own schedule (slower on a loaded machine).
  await expect(page.locator('.jp-FileBrowser .jp-DirListing-item', { hasText: 'tracks.csv' }).first()).toBeVisible({
    timeout: 20000
  });
});

test('downloads an S3 folder into the workspace as one transfer with its files inside', async ({ page, tmpPath }) => {
  await openBucket(page, 'local', 'helium-demo');
  await enterFolder(page, 'hurdat2');
  await row(page, 'by-decade').click({ button: 'right' });
  await page.locator('.lm-Menu-itemLabel', { hasText: /^Download to \// }).click();
  const transfer = transferRow(page, 'by-decade/');
  await expect(transfer).toHaveAttribute('data-state', 'done', { timeout: 60000 });
  await expect(transfer.locator('[data-testid=helium-transfer-stats]')).toContainText('6 files');
  const listing = await (await page.request.get(`/api/contents/${tmpPath}/by-decade?content=1`)).json();
  const names = listing.content.map((m: { name: string }) => m.name).sort();
  expect(names).toEqual(['1970s.csv', '1980s.csv', '1990s.csv', '2000s.csv', '2010s.csv', '2020s.csv']);
  expect(names.some((n: string) => n.endsWith('.helium-partial'))).toBe(false);
  const local = await (await page.request.get(`/files/${tmpPath}/by-decade/1990s.csv`)).body();
  const remote = await (await page.request.get('/helium/s3/local/helium-demo/hurdat2/by-decade/1990s.csv')).body();
  expect(Buffer.compare(local, remote)).toBe(0);
});

test('drags between the S3 panel and the file browser, both ways', async ({ page, tmpPath }) => {
  // Put the S3 panel in the right sidebar so both are on screen, as a user would to drag between them.
  await page.evaluate(() => {
    const app = (window as any).jupyterapp;
    const panel = app.shell.widgets('left').find((w: { id: string }) => w.id === 'jupyterlab-helium-browser');
    app.shell.add(panel, 'right', { rank: 1 });
    app.shell.activateById('jupyterlab-helium-browser');
  });
  await page.sidebar.openTab('filebrowser');
  await openBucket(page, 'local', 'helium-demo');
  await enterFolder(page, 'hurdat2');
  const listing = page.locator('.jp-FileBrowser .jp-DirListing-content');

  // S3 → file browser: a download into the folder the file browser shows. (storms.csv, not
  // summary.json, which an earlier browser test deletes.)
  const source = await row(page, 'storms.csv').boundingBox();
  const target = await listing.boundingBox();
  await page.mouse.move(source!.x + 20, source!.y + 10);
  await page.mouse.down();
  await page.mouse.move(source!.x + 40, source!.y + 20, { steps: 3 });
  await page.mouse.move(target!.x + 60, target!.y + 60, { steps: 10 });
  await page.mouse.up();
  await expect(transferRow(page, 'storms.csv')).toHaveAttribute('data-state', 'done', { timeout: 30000 });
  const downloaded = await page.request.get(`/files/${tmpPath}/storms.csv`);
  expect(downloaded.status()).toBe(200);
  const original = await page.request.get('/helium/s3/local/helium-demo/hurdat2/storms.csv');
  expect(Buffer.compare(await downloaded.body(), await original.body())).toBe(0);

  // File browser → S3: an upload into the folder on screen.
  await page.evaluate(() => (window as any).jupyterapp.shell.activateById('jupyterlab-helium-browser'));
  // Written through the app's own contents manager, so the file browser hears of the new file at
  // once (a PUT behind its back shows only at its next poll, which CI's load can push past a timeout).
  // Its text names the run (galata's tmpPath is the same each run), so a repeated run against the
  // same S3 uploads it again rather than skipping it as unchanged.
  const text = `written in the workspace ${tmpPath} at ${Date.now()}\n`;
  await page.evaluate(
    async ([path, content]) =>
      (window as any).jupyterapp.serviceManager.contents.save(`${path}/from-workspace.txt`, { type: 'file', format: 'text', content }),
    [tmpPath, text]
  );
  const item = page.locator('.jp-DirListing-item', { hasText: 'from-workspace.txt' });
  await expect(item).toBeVisible({ timeout: 15000 });
  const from = await item.boundingBox();
  const to = await panel(page).locator('[data-testid=helium-listing]').boundingBox();
  await page.mouse.move(from!.x + 30, from!.y + 8);
  await page.mouse.down();
  await page.mouse.move(from!.x + 50, from!.y + 20, { steps: 3 });
  await page.mouse.move(to!.x + 60, to!.y + 80, { steps: 10 });
  await page.mouse.up();
  await expect(transferRow(page, 'from-workspace.txt')).toHaveAttribute('data-state', 'done', { timeout: 30000 });
  const uploaded = await page.request.get('/helium/s3/local/helium-demo/hurdat2/from-workspace.txt');
  expect(await uploaded.text()).toBe(text);
  await page.evaluate(() => (window as any).jupyterapp.shell.activateById('jupyterlab-helium-browser'));
  await expect(row(page, 'from-workspace.txt')).toBeVisible();
});
