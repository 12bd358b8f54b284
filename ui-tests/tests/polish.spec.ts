/**
 * The panel's rough edges, seen in a real JupyterLab at 250 px and 500 px, light and dark:
 * long names cut in the middle (the extension and the part number both in sight), transfer rows
 * that say where they go and how fast they went, search facets in a few lines, and the versions
 * drawer. Screenshots go to HELIUM_SHOTS (default ui-tests/screenshots/polish-*.png).
 */
import { expect, IJupyterLabPageFixture, test } from '@jupyterlab/galata';
import * as path from 'path';
import { enterFolder, nextSecond, openBucket, openIndexedSearch, panel, row, SCREENSHOTS, setSidebarWidth, versionTimes } from './helpers';

test.use({ viewport: { width: 1280, height: 800 } });

const SHOTS = process.env.HELIUM_SHOTS || SCREENSHOTS;
const FOLDER = 'polish-spark';
const UUID = '5f3c9a2e-1b7d-4c7e-9f0a-2d6b8e1c4a77';
const part = (n: number) => `part-0000${n}-${UUID}-c000.snappy.parquet`;

async function put(page: IJupyterLabPageFixture, key: string, body: string): Promise<void> {
  expect((await page.request.put(`/helium/s3/local/helium-demo/${key}`, { data: body })).ok()).toBe(true);
}

/** Screenshots of `target` in both themes (the theme is back to light after). */
async function shoot(page: IJupyterLabPageFixture, name: string, target = page.locator('#jp-left-stack')): Promise<void> {
  await target.screenshot({ path: path.join(SHOTS, `polish-${name}-light.png`) });
  await page.theme.setDarkTheme();
  await target.screenshot({ path: path.join(SHOTS, `polish-${name}-dark.png`) });
  await page.theme.setLightTheme();
}

test('long names are cut in the middle: the part number and the extension stay in sight at 250 px', async ({ page }) => {
  for (let n = 1; n <= 4; n++) {
    await put(page, `${FOLDER}/${part(n)}`, `rows ${n}\n`);
  }
  await openBucket(page, 'local', 'helium-demo');
  await enterFolder(page, FOLDER);
  for (const width of [250, 500]) {
    await setSidebarWidth(page, width);
    await row(page, part(2)).click();
    await shoot(page, `listing-${width}`);
    for (let n = 1; n <= 4; n++) {
      const name = row(page, part(n)).locator('.jp-helium-row-name');
      const head = name.locator('.jp-helium-middle-cut-head');
      const tail = name.locator('.jp-helium-middle-cut-tail');
      await expect(tail).toHaveText('c000.snappy.parquet');
      // Where the names differ is drawn, its last digit included (an ellipsis after it, not in its place).
      const drawn = await head.evaluate(el => {
        const range = document.createRange();
        range.setStart(el.firstChild!, 0);
        range.setEnd(el.firstChild!, 'part-00001'.length);
        const ellipsis = 10; // U+2026 at 13 px, about
        return range.getBoundingClientRect().width + ellipsis <= el.getBoundingClientRect().width;
      });
      expect(drawn).toBe(true);
      // The tail is whole and on the name's line, or (too narrow for it and 12 characters of head) not shown at all.
      const [tailBox, cellBox] = [(await tail.boundingBox())!, (await name.boundingBox())!];
      const onLine = Math.abs(tailBox.y - (await head.boundingBox())!.y) < 1;
      if (width === 500) {
        expect(onLine).toBe(true);
      }
      if (onLine) {
        expect(tailBox.x + tailBox.width).toBeLessThanOrEqual(cellBox.x + cellBox.width + 0.5);
        expect(await tail.evaluate(el => el.scrollWidth <= el.clientWidth)).toBe(true);
      } else {
        await expect(tail).not.toBeInViewport();
      }
    }
    // At 250 px the name does not fit: the head is the part that gave way.
    if (width === 250) {
      expect(
        await row(page, part(1))
          .locator('.jp-helium-middle-cut-head')
          .evaluate(el => el.scrollWidth > el.clientWidth)
      ).toBe(true);
    }
  }
});

test('a transfer row says where it goes, and when done how long it took and its average rate', async ({ page }) => {
  await put(page, `${FOLDER}/keep.txt`, 'x\n');
  await openBucket(page, 'local', 'helium-demo');
  await enterFolder(page, FOLDER);
  await setSidebarWidth(page, 250);
  const name = `part-00009-${UUID}-c000.csv`;
  const data = await page.evaluateHandle(name => {
    const transfer = new DataTransfer();
    // Bytes of their own each run: the same bytes again would be skipped as unchanged.
    const bytes = new Uint8Array(300 * 1024).fill(65);
    crypto.getRandomValues(bytes.subarray(0, 64));
    transfer.items.add(new File([bytes], name, { type: 'text/csv' }));
    return transfer;
  }, name);
  const target = panel(page).locator('.jp-helium-browser');
  await target.dispatchEvent('dragover', { dataTransfer: data });
  await target.dispatchEvent('drop', { dataTransfer: data });
  await page.evaluate(() => (window as any).jupyterapp.commands.execute('helium:show-transfers'));
  const transfer = page.locator(`.jp-helium-transfer[data-label="${name}"]`).first();
  await expect(transfer).toHaveAttribute('data-state', 'done', { timeout: 60000 });
  const destination = transfer.locator('[data-testid=helium-transfer-destination]');
  // The folder it went to (its name is the row's label); the tooltip has the whole URI.
  await expect(destination).toContainText(`s3://helium-demo/${FOLDER}/`);
  await expect(destination.locator('.jp-helium-middle-cut')).toHaveAttribute('title', `s3://helium-demo/${FOLDER}/${name}`);
  await expect(destination.locator('.jp-helium-middle-cut-tail')).toBeVisible();
  await expect(transfer.locator('[data-testid=helium-transfer-timing]')).toHaveText(/^in (under 0\.1 s|\d.*s)/);
  const panelNode = page.locator('.jp-helium-transfers-panel');
  await shoot(page, 'transfers-250', panelNode);
  // The Transfers panel is in the right sidebar: drag its edge (the split panel's last handle) left.
  const handle = (await page.locator('#jp-main-split-panel > .lm-SplitPanel-handle:not(.lm-mod-hidden)').last().boundingBox())!;
  const width = (await panelNode.boundingBox())!.width;
  await page.mouse.move(handle.x + handle.width / 2, handle.y + handle.height / 2);
  await page.mouse.down();
  await page.mouse.move(handle.x + handle.width / 2 - (500 - width), handle.y + handle.height / 2, { steps: 5 });
  await page.mouse.up();
  expect(Math.abs((await panelNode.boundingBox())!.width - 500)).toBeLessThan(20);
  await shoot(page, 'transfers-500', panelNode);
});

test('search facets take a few lines at 360 px, each group one line, and say how many are on', async ({ page }) => {
  await put(page, `${FOLDER}/keep.txt`, 'x\n');
  await openBucket(page, 'local', 'helium-demo');
  await setSidebarWidth(page, 360);
  const search = await openIndexedSearch(page);
  const facets = search.locator('.jp-helium-search-facets');
  await expect(facets.locator('.jp-helium-search-chip').first()).toBeVisible({ timeout: 30000 });
  // Each group's chips are on one line.
  for (const group of await facets.locator('.jp-helium-search-facet-group').all()) {
    const tops = await group.locator('.jp-helium-search-chip').evaluateAll(cs => cs.map(c => Math.round(c.getBoundingClientRect().top)));
    expect(new Set(tops).size).toBe(1);
  }
  // A key whose head is shorter than 12 characters: head and tail touch (no gap between them).
  const keep = search.locator(`.jp-helium-search-hit[data-key="${FOLDER}/keep.txt"] .jp-helium-middle-cut`);
  const gap = await keep.evaluate(el => {
    const [head, tail] = [el.querySelector('.jp-helium-middle-cut-head')!, el.querySelector('.jp-helium-middle-cut-tail')!];
    return tail.getBoundingClientRect().left - head.getBoundingClientRect().right;
  });
  expect(Math.abs(gap)).toBeLessThan(1);
  const groups = await facets.locator('.jp-helium-search-facet-group').count();
  const height = (await facets.boundingBox())!.height;
  expect(height).toBeLessThanOrEqual(20 + groups * 24);
  // Many hits do not squeeze the facets: the summary and at least three groups stay in sight.
  expect(await search.locator('.jp-helium-search-hit').count()).toBeGreaterThan(5);
  expect(height).toBeGreaterThanOrEqual(Math.min(groups, 3) * 16 + 14);
  // A chip reached by keyboard shows its focus ring inside the group's line (which clips outside it).
  await facets.locator('summary').first().focus();
  await page.keyboard.press('Tab');
  const ring = await page.evaluate(() => {
    const chip = document.activeElement as HTMLElement;
    const style = getComputedStyle(chip);
    return {
      chip: chip.classList.contains('jp-helium-search-chip'),
      width: parseFloat(style.outlineWidth),
      offset: parseFloat(style.outlineOffset)
    };
  });
  expect(ring.chip).toBe(true);
  expect(ring.width).toBeGreaterThan(0);
  expect(ring.offset + ring.width).toBeLessThanOrEqual(0);
  // The summary stays in sight above the groups.
  const [summaryBox, facetsBox] = [(await facets.locator('summary').first().boundingBox())!, (await facets.boundingBox())!];
  expect(summaryBox.y).toBeGreaterThanOrEqual(facetsBox.y - 0.5);
  await shoot(page, 'facets-360');
  await facets.locator('.jp-helium-search-chip[data-facet="ext"]').first().click();
  await expect(facets.locator('[data-testid=helium-search-facets-active]')).toHaveText('1 on');
  await expect(facets.locator('.jp-helium-search-chip[aria-pressed="true"]')).toHaveCount(1);
  // Collapsed, the facets are one line.
  await facets.locator('summary').first().click();
  expect((await facets.boundingBox())!.height).toBeLessThan(24);
  await facets.locator('summary').first().click();
  await setSidebarWidth(page, 250);
  await shoot(page, 'facets-250');
  await setSidebarWidth(page, 500);
  await shoot(page, 'facets-500');
});

test('versions whose "how long ago" ties say how far apart they are, not the same words twice', async ({ page }) => {
  // One version, then two in one later second (S3 keeps times to the second). The two are written
  // as a second begins; should they still straddle the next one (a loaded machine), a new key is
  // tried, so the times are what the test says and not what the clock happened to give.
  let name = '';
  for (let attempt = 0; attempt < 3; attempt++) {
    name = `ties-${Date.now()}.txt`;
    await put(page, `${FOLDER}/${name}`, 'one\n');
    await nextSecond(Date.now());
    await put(page, `${FOLDER}/${name}`, 'two\n');
    await put(page, `${FOLDER}/${name}`, 'three\n');
    const [three, two, one] = await versionTimes('helium-demo', `${FOLDER}/${name}`);
    if (three === two && two !== one) {
      break;
    }
  }
  const [three, two, one] = await versionTimes('helium-demo', `${FOLDER}/${name}`);
  expect([three === two, two !== one]).toEqual([true, true]);
  await openBucket(page, 'local', 'helium-demo');
  await enterFolder(page, FOLDER);
  await row(page, name).click({ button: 'right' });
  await page.locator('.lm-Menu-item', { hasText: 'Version History' }).click();
  const drawer = page.locator('#jupyterlab-helium-versions');
  await expect(drawer.locator('[data-testid=helium-versions-status]')).toHaveText('3 versions');
  const whens = await drawer.locator('.jp-helium-version-when').allTextContents();
  expect(whens[0]).not.toMatch(/earlier|same/);
  expect(whens.slice(1)).toEqual(['same second', expect.stringMatching(/^\d+ s earlier$/)]);
  await shoot(page, 'versions-ties', page.locator('#jp-right-stack'));
});

test('the versions drawer and keyboard focus, for the eye', async ({ page }) => {
  await openBucket(page, 'local', 'helium-demo');
  await row(page, 'README.md').click({ button: 'right' });
  await page.locator('.lm-Menu-item', { hasText: 'Version History' }).click();
  const drawer = page.locator('#jupyterlab-helium-versions');
  await expect(drawer.locator('[data-testid=helium-versions-status]')).toHaveText(/\d+ versions?$/);
  await shoot(page, 'versions', page.locator('#jp-right-stack'));
  // Keyboard focus in the listing: Tab to the rows, move with the arrows.
  await row(page, 'README.md').focus();
  await page.keyboard.press('ArrowDown');
  await shoot(page, 'focus-250');
});
