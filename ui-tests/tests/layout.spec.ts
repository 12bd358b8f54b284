/**
 * Layout in the side panels: the listing's Size and Modified columns never run together, the
 * Transfers panel's "Clear finished" stays on the title's line, and the versions drawer's Compare
 * looks disabled until two versions are ticked.
 */
import { expect, test } from '@jupyterlab/galata';
import { openBucket, row, widenSidebar } from './helpers';

test.use({ viewport: { width: 1440, height: 900 } });

test('Size and Modified keep apart in a widened sidebar', async ({ page }) => {
  await openBucket(page, 'local', 'helium-demo');
  await widenSidebar(page, 200);
  const readme = row(page, 'README.md');
  const size = readme.locator('.jp-helium-col-size');
  const modified = readme.locator('.jp-helium-col-modified');
  await expect(modified).toBeVisible();
  const s = (await size.boundingBox())!;
  const m = (await modified.boundingBox())!;
  expect(s.x + s.width).toBeLessThanOrEqual(m.x + 0.5);
  // Each column's text fits inside its own box (nothing spills into the neighbour).
  for (const column of [size, modified]) {
    const fits = await column.evaluate(el => el.scrollWidth <= el.clientWidth);
    expect(fits).toBe(true);
  }
  // And the text of Size ends before the text of Modified starts.
  const [sizeTextEnd, modifiedTextStart] = await readme.evaluate(r => {
    const box = (el: Element) => {
      const range = document.createRange();
      range.selectNodeContents(el);
      return range.getBoundingClientRect();
    };
    return [box(r.querySelector('.jp-helium-col-size')!).right, box(r.querySelector('.jp-helium-col-modified')!).left];
  });
  expect(modifiedTextStart - sizeTextEnd).toBeGreaterThanOrEqual(8);
});

test("the Transfers panel's Clear finished stays on one line beside the title", async ({ page }) => {
  await page.evaluate(() => (window as any).jupyterapp.commands.execute('helium:show-transfers'));
  const header = page.locator('.jp-helium-transfers-header');
  await expect(header).toBeVisible();
  const title = (await header.locator('h3').boundingBox())!;
  const clear = (await header.locator('.jp-helium-link').boundingBox())!;
  const lineHeight = await header.locator('.jp-helium-link').evaluate(el => parseFloat(getComputedStyle(el).lineHeight) || 16);
  expect(clear.height).toBeLessThan(lineHeight * 1.5);
  // Same row as the title, to its right, inside the header.
  expect(clear.x).toBeGreaterThanOrEqual(title.x + title.width);
  expect(Math.abs(clear.y + clear.height / 2 - (title.y + title.height / 2))).toBeLessThan(4);
});

test("the versions drawer's Compare looks disabled until two versions are ticked", async ({ page }) => {
  await openBucket(page, 'local', 'helium-demo');
  await row(page, 'README.md').click({ button: 'right' });
  await page.locator('.lm-Menu-item', { hasText: 'Version History' }).click();
  const drawer = page.locator('#jupyterlab-helium-versions');
  await expect(drawer.locator('[data-testid=helium-versions-status]')).toHaveText(/\d+ versions?$/);
  const compare = drawer.locator('.jp-helium-versions-compare');
  await expect(compare).toBeDisabled();
  await expect(compare).not.toHaveClass(/jp-mod-accept/);
  // The demo's README.md has older versions (see versions.spec.ts).
  const ticks = drawer.locator('.jp-helium-version-tick:not([disabled])');
  expect(await ticks.count()).toBeGreaterThanOrEqual(2);
  await ticks.nth(0).check();
  await ticks.nth(1).check();
  await expect(compare).toBeEnabled();
  await expect(compare).toHaveClass(/jp-mod-accept/);
});
