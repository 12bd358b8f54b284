/**
 * A Parquet object larger than the 200 MiB the `s3:` drive loads into an editor opens in the
 * table viewer, read by ranges: the first rows show after reading the footer and one row group,
 * and going to the last row reads that row's group (and not the whole file). A CSV over 64 MiB
 * opens from the panel as a preview of its first rows (its first 4 MiB, one ranged read).
 */
import { expect, test } from '@jupyterlab/galata';
import { execFileSync } from 'child_process';
import * as path from 'path';
import { afterPaint, enterFolder, openBucket, row, SCREENSHOTS } from './helpers';

test.use({ viewport: { width: 1400, height: 860 } });

const ROOT = path.resolve(__dirname, '..', '..');
// ~215 MiB by default; HELIUM_BIG_PARQUET_ROWS=2000000 HELIUM_BIG_PARQUET_GROUP=20000 makes ~2.3 GiB
// (to measure the page by hand: the numbers are printed, not asserted).
const ROWS = Number(process.env.HELIUM_BIG_PARQUET_ROWS ?? 200_000);
const PER_GROUP = Number(process.env.HELIUM_BIG_PARQUET_GROUP ?? 10_000);
const PAYLOAD = 1_100; // bytes of random data a row
const KEY = `big-parquet/huge-${ROWS}.parquet`;

interface Fixture {
  size: number;
  rows: number;
  row_groups: number;
  last_label: string;
}

let fixture: Fixture;

test.beforeAll(() => {
  test.setTimeout(600_000);
  const s3 = process.env.HELIUM_S3_URL;
  if (!s3) {
    throw new Error('HELIUM_S3_URL is not set: run the browser tests through `make test`.');
  }
  // pyarrow writes it one row group at a time and boto3 uploads it, straight to the local S3.
  const out = execFileSync(
    path.join(ROOT, '.venv', 'bin', 'python'),
    [
      path.join(ROOT, 'src', 'testing', 'python', 'parquet_pages_fixture.py'),
      'helium-demo',
      KEY,
      String(ROWS),
      String(PER_GROUP),
      String(PAYLOAD),
      s3
    ],
    { encoding: 'utf8', timeout: 600_000 }
  );
  fixture = JSON.parse(out) as Fixture;
});

test('opens a Parquet object over 200 MiB by row groups and scrolls to its last row', async ({ page }, testInfo) => {
  expect(fixture.size).toBeGreaterThan(200 * 1024 * 1024);
  expect(fixture.row_groups).toBe(ROWS / PER_GROUP);
  await openBucket(page, 'local', 'helium-demo');
  await enterFolder(page, 'big-parquet');
  // For the record: the page notes when the viewer becomes ready (no polling delay in the number).
  const baseHeap = await page.evaluate(() => {
    const w = window as unknown as { heliumReadyAt?: number; heliumOpenedAt?: number };
    new MutationObserver(() => {
      if (!w.heliumReadyAt && document.querySelector('.jp-helium-tableview[data-state=ready]')) {
        w.heliumReadyAt = performance.now();
      }
    }).observe(document.body, { subtree: true, attributes: true, attributeFilter: ['data-state'] });
    document.addEventListener('dblclick', () => (w.heliumOpenedAt = performance.now()), { capture: true, once: true });
    return (performance as unknown as { memory?: { usedJSHeapSize: number } }).memory?.usedJSHeapSize ?? -1;
  });
  await row(page, `huge-${ROWS}.parquet`).dblclick();
  const viewer = page.locator('.jp-helium-tableview');
  await expect(viewer).toHaveAttribute('data-state', 'ready', { timeout: 60_000 });
  const firstRows = await page.evaluate(() => {
    const w = window as unknown as { heliumReadyAt: number; heliumOpenedAt: number };
    return Math.round(w.heliumReadyAt - w.heliumOpenedAt);
  });
  await expect(viewer).toHaveAttribute('data-rows', String(ROWS));
  await expect(viewer).toHaveAttribute('data-columns', '4');
  await expect(viewer).toHaveAttribute('data-paged', 'true');
  await expect(viewer.locator('.jp-helium-tableview-summary')).toContainText(`${ROWS.toLocaleString('en-US')} rows × 4 columns`);
  // Only the footer and the first row group were read.
  const readAtFirst = Number(await viewer.getAttribute('data-read-bytes'));
  expect(readAtFirst).toBeGreaterThan(PER_GROUP * PAYLOAD);
  expect(readAtFirst).toBeLessThan(3 * PER_GROUP * PAYLOAD);

  // Select the first row's label (second column), then go to the last row.
  const grid = viewer.locator('.jp-helium-tableview-grid');
  const box = (await grid.boundingBox())!;
  await page.mouse.click(box.x + 88 + 20, box.y + 44 + 11); // past the row header, under the two header rows
  const cell = viewer.locator('.jp-helium-tableview-cell');
  await expect(cell).toHaveAttribute('data-row', '1');
  await expect(cell).toHaveAttribute('data-column', 'id');
  await expect(cell).toContainText('id: 0');
  await page.keyboard.press('ArrowRight');
  await expect(cell).toHaveAttribute('data-column', 'label');
  await expect(cell).toContainText('label: row 0');
  await page.keyboard.press('Control+ArrowDown');
  await expect(cell).toHaveAttribute('data-row', String(ROWS));
  await expect(cell).toContainText(`label: ${fixture.last_label}`, { timeout: 60_000 });
  // Going there read the last row group, not the row groups between.
  const readAtEnd = Number(await viewer.getAttribute('data-read-bytes'));
  expect(readAtEnd).toBeGreaterThan(readAtFirst);
  expect(readAtEnd).toBeLessThan(5 * PER_GROUP * PAYLOAD);

  // For the record (not asserted: the machine is shared): time to the first rows, page heap.
  const { heap, requests } = await page.evaluate(() => ({
    heap: (performance as unknown as { memory?: { usedJSHeapSize: number } }).memory?.usedJSHeapSize ?? -1,
    requests: performance
      .getEntriesByType('resource')
      .filter(entry => entry.name.includes('/helium/s3/') && entry.name.includes('big-parquet/huge'))
      .map(entry => Math.round(entry.duration))
  }));
  testInfo.annotations.push({
    type: 'measured',
    description:
      `first rows ${firstRows} ms after the double-click; page JS heap ${Math.round(baseHeap / 2 ** 20)} MiB before, ` +
      `${Math.round(heap / 2 ** 20)} MiB after the last row; read ${Math.round(readAtEnd / 2 ** 20)} MiB ` +
      `of ${Math.round(fixture.size / 2 ** 20)} MiB; requests to the object (ms): ${requests.join(', ')}`
  });
  console.log(testInfo.annotations.at(-1)?.description);
  await afterPaint(page); // the grid paints on a canvas
  await page.screenshot({ path: path.join(SCREENSHOTS, 'table-viewer-big-parquet.png') });
});

test('opens a CSV over 64 MiB from the panel as a preview of its first rows', async ({ page }) => {
  test.setTimeout(240_000);
  const out = execFileSync(
    path.join(ROOT, '.venv', 'bin', 'python'),
    [
      path.join(ROOT, 'src', 'testing', 'python', 'csv_big_fixture.py'),
      'helium-demo',
      'big-csv/long.csv',
      '900000',
      process.env.HELIUM_S3_URL!
    ],
    { encoding: 'utf8', timeout: 120_000 }
  );
  const csv = JSON.parse(out) as { size: number; rows: number };
  expect(csv.size).toBeGreaterThan(64 * 1024 * 1024);
  await openBucket(page, 'local', 'helium-demo');
  await enterFolder(page, 'big-csv');
  await row(page, 'long.csv').dblclick();
  const viewer = page.locator('.jp-helium-tableview');
  await expect(viewer).toHaveAttribute('data-state', 'ready', { timeout: 60_000 });
  await expect(viewer).toHaveAttribute('data-preview', 'true');
  await expect(viewer).toHaveAttribute('data-columns', '4');
  await expect(viewer).toHaveAttribute('data-read-bytes', String(4 * 1024 * 1024));
  await expect(viewer.locator('.jp-helium-tableview-summary')).toContainText(
    /^First [\d,]+ rows × 4 columns of a [\d.]+ MiB file \(its first 4(\.0)? MiB\)/
  );
  const rows = Number(await viewer.getAttribute('data-rows'));
  expect(rows).toBeGreaterThan(10_000);
  expect(rows).toBeLessThan(csv.rows);
  // The last row shown is a whole row of the file.
  const grid = viewer.locator('.jp-helium-tableview-grid');
  const box = (await grid.boundingBox())!;
  await page.mouse.click(box.x + 88 + 20, box.y + 44 + 11);
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('Control+ArrowDown');
  const cell = viewer.locator('.jp-helium-tableview-cell');
  await expect(cell).toHaveAttribute('data-row', String(rows));
  await expect(cell).toContainText(`label: row ${rows - 1}`);
});
