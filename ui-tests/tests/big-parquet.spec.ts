/**
 * A Parquet object larger than the 200 MiB the `s3:` drive loads into an editor opens in the
 * table viewer, read by ranges: the first rows show after reading the footer and one row group,
 * and going to the last row reads that row's group (and not the whole file).
 */
import { expect, test } from '@jupyterlab/galata';
import { execFileSync } from 'child_process';
import * as path from 'path';
import { enterFolder, openBucket, row, SCREENSHOTS } from './helpers';

test.use({ viewport: { width: 1400, height: 860 } });

const ROOT = path.resolve(__dirname, '..', '..');
const ROWS = 200_000;
const PER_GROUP = 10_000;
const PAYLOAD = 1_100; // bytes of random data a row: ~215 MiB in all
const KEY = 'big-parquet/huge.parquet';

interface Fixture {
  size: number;
  rows: number;
  row_groups: number;
  last_label: string;
}

let fixture: Fixture;

test.beforeAll(() => {
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
    { encoding: 'utf8', timeout: 120_000 }
  );
  fixture = JSON.parse(out) as Fixture;
});

test('opens a Parquet object over 200 MiB by row groups and scrolls to its last row', async ({ page }, testInfo) => {
  expect(fixture.size).toBeGreaterThan(200 * 1024 * 1024);
  expect(fixture.row_groups).toBe(ROWS / PER_GROUP);
  await openBucket(page, 'local', 'helium-demo');
  await enterFolder(page, 'big-parquet');
  const opened = Date.now();
  await row(page, 'huge.parquet').dblclick();
  const viewer = page.locator('.jp-helium-tableview');
  await expect(viewer).toHaveAttribute('data-state', 'ready', { timeout: 60_000 });
  const firstRows = Date.now() - opened;
  await expect(viewer).toHaveAttribute('data-rows', String(ROWS));
  await expect(viewer).toHaveAttribute('data-columns', '4');
  await expect(viewer).toHaveAttribute('data-paged', 'true');
  await expect(viewer.locator('.jp-helium-tableview-summary')).toContainText('200,000 rows × 4 columns');
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
  const heap = await page.evaluate(() => (performance as unknown as { memory?: { usedJSHeapSize: number } }).memory?.usedJSHeapSize ?? -1);
  testInfo.annotations.push({
    type: 'measured',
    description: `first rows ${firstRows} ms; page JS heap ${Math.round(heap / 2 ** 20)} MiB; read ${Math.round(readAtEnd / 2 ** 20)} MiB of ${Math.round(fixture.size / 2 ** 20)} MiB`
  });
  console.log(testInfo.annotations.at(-1)?.description);
  await page.waitForTimeout(300); // let the grid paint before the screenshot
  await page.screenshot({ path: path.join(SCREENSHOTS, 'table-viewer-big-parquet.png') });
});
