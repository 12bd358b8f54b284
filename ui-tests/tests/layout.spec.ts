/**
 * Layout in the side panels: at 250 px (the default) and 450 px the breadcrumbs stay on one line
 * (folders in between fold into "…") and Size and Modified stay apart and visible; the Transfers
 * panel's "Clear finished" stays on the title's line, and the versions drawer's Compare looks
 * disabled until two versions are ticked. Screenshots of the panel at both widths.
 */
import { expect, IJupyterLabPageFixture, test } from '@jupyterlab/galata';
import * as path from 'path';
import { enterFolder, openBucket, openPanel, panel, row, SCREENSHOTS, setSidebarWidth, widenSidebar } from './helpers';

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
  // At the default width the title is whole (not cut with an ellipsis).
  expect(await header.locator('h3').evaluate(el => el.scrollWidth <= el.clientWidth)).toBe(true);
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

test("a delete marker's badges stay whole in the versions drawer at its default width", async ({ page }) => {
  // An object of its own, written then deleted (a delete marker, also the latest entry, on top).
  const key = `scratch/layout-deleted-${Date.now()}.txt`;
  const url = `/helium/s3/local/helium-demo/${key}`;
  expect((await page.request.put(url, { data: 'gone\n' })).ok()).toBe(true);
  expect((await page.request.delete(url)).ok()).toBe(true);
  // Three hours on, the marker's time reads "3 hours ago": too long to fit beside both badges.
  await page.clock.setFixedTime(Date.now() + 3 * 3600 * 1000);
  await page.reload();
  await openPanel(page);
  await page.evaluate(
    k => (window as any).jupyterapp.commands.execute('helium:version-history', { connection: 'local', bucket: 'helium-demo', key: k }),
    key
  );
  const marker = page.locator('#jupyterlab-helium-versions .jp-helium-version-row[data-delete-marker="true"]');
  await expect(marker.locator('.jp-helium-badge-deleted')).toBeVisible();
  // Both badges end inside their line (which clips what spills): the time gives way, not them.
  for (const badge of ['.jp-helium-badge-latest', '.jp-helium-badge-deleted']) {
    const inside = await marker.locator(badge).evaluate(el => {
      const line = el.parentElement!.getBoundingClientRect();
      const box = el.getBoundingClientRect();
      return box.left >= line.left - 0.5 && box.right <= line.right + 0.5 && el.scrollWidth <= el.clientWidth;
    });
    expect(inside).toBe(true);
  }
});

test("a diff tab's two sides show their whole labels, wide or narrow", async ({ page }) => {
  await openPanel(page);
  await page.evaluate(() =>
    (window as any).jupyterapp.commands.execute('helium:version-history', {
      connection: 'local',
      bucket: 'helium-demo',
      key: 'hurdat2/by-decade/1990s.csv'
    })
  );
  const drawer = page.locator('#jupyterlab-helium-versions');
  const rows = drawer.locator('.jp-helium-version-row');
  await expect(rows).toHaveCount(2);
  await rows.nth(0).locator('.jp-helium-version-tick').check();
  await rows.nth(1).locator('.jp-helium-version-tick').check();
  await drawer.locator('.jp-helium-versions-compare').click();
  const labels = page.locator('.jp-helium-diff .jp-helium-diff-side-label');
  await expect(labels).toHaveCount(2);
  // B, the latest, says so ("· latest"); neither label is cut with an ellipsis, in a wide tab and
  // in ones narrowed by a wider sidebar (where B may go under A).
  await expect(labels.nth(1)).toContainText('latest');
  for (const width of [250, 400, 600]) {
    await setSidebarWidth(page, width);
    expect(await labels.evaluateAll(ls => ls.every(l => l.scrollWidth <= l.clientWidth))).toBe(true);
  }
});

/** A folder too deep for a 250 px sidebar to show its whole path. */
const DEEP = ['layout-deep', 'a-long-folder-name', 'another-long-folder', 'third-level'];

/** The breadcrumbs are one line, inside the panel, nothing spilling out of them. */
async function expectOneLineOfCrumbs(page: IJupyterLabPageFixture): Promise<void> {
  const nav = panel(page).locator('.jp-helium-breadcrumbs');
  const navBox = (await nav.boundingBox())!;
  const bucketBox = (await nav.locator('.jp-helium-crumb').first().boundingBox())!;
  expect(navBox.height).toBeLessThan(bucketBox.height * 1.5);
  expect(await nav.evaluate(el => el.scrollWidth <= el.clientWidth + 1)).toBe(true);
  const panelBox = (await panel(page).boundingBox())!;
  expect(navBox.x + navBox.width).toBeLessThanOrEqual(panelBox.x + panelBox.width + 0.5);
  // Every crumb shown sits on that line, inside the breadcrumbs.
  const shown = nav.locator('.jp-helium-crumb-step:not(.jp-mod-folded)');
  for (let i = 0; i < (await shown.count()); i++) {
    const box = (await shown.nth(i).boundingBox())!;
    expect(Math.abs(box.y + box.height / 2 - (navBox.y + navBox.height / 2))).toBeLessThan(4);
    expect(box.x + box.width).toBeLessThanOrEqual(navBox.x + navBox.width + 0.5);
  }
}

/** In every row, Size ends before Modified starts, both visible, each text inside its column. */
async function expectSizeAndModifiedApart(page: IJupyterLabPageFixture): Promise<void> {
  const rows = panel(page).locator('.jp-helium-row[data-kind=object]');
  expect(await rows.count()).toBeGreaterThan(0);
  for (let i = 0; i < (await rows.count()); i++) {
    const size = rows.nth(i).locator('.jp-helium-col-size');
    const modified = rows.nth(i).locator('.jp-helium-col-modified');
    await expect(modified).toBeVisible();
    const s = (await size.boundingBox())!;
    const m = (await modified.boundingBox())!;
    expect(s.x + s.width).toBeLessThanOrEqual(m.x + 0.5);
    for (const column of [size, modified]) {
      expect(await column.evaluate(el => el.scrollWidth <= el.clientWidth)).toBe(true);
    }
    const gap = await rows.nth(i).evaluate(r => {
      const text = (el: Element) => {
        const range = document.createRange();
        range.selectNodeContents(el);
        return range.getBoundingClientRect();
      };
      return text(r.querySelector('.jp-helium-col-modified')!).left - text(r.querySelector('.jp-helium-col-size')!).right;
    });
    expect(gap).toBeGreaterThanOrEqual(8);
  }
}

// 345: just above the width where Modified turns compact.
for (const width of [250, 345, 450]) {
  test(`the S3 panel at ${width} px: breadcrumbs on one line, Size and Modified apart`, async ({ page }) => {
    const key = [...DEEP, 'x.txt'].join('/');
    expect((await page.request.put(`/helium/s3/local/helium-big/${key}`, { data: 'deep' })).ok()).toBe(true);
    await openBucket(page, 'local', 'helium-demo');
    await setSidebarWidth(page, width);
    expect(Math.round((await panel(page).boundingBox())!.width)).toBe(width);
    await enterFolder(page, 'hurdat2');
    await enterFolder(page, 'by-decade');
    // This path fits whole at every width (beside the buttons, or on its own line): nothing folded.
    await expect(panel(page).locator('.jp-helium-breadcrumbs')).toHaveAttribute('data-folded', '0');
    await expect(panel(page).locator('[data-testid=helium-crumb-more]')).toBeHidden();
    await expectOneLineOfCrumbs(page);
    await expectSizeAndModifiedApart(page);
    const box = (await panel(page).boundingBox())!;
    if (width !== 345) {
      await page.screenshot({ path: path.join(SCREENSHOTS, `panel-${width}px.png`), clip: { ...box, height: 420 } });
    }

    // A deep folder: still one line, the current folder whole, the full location in the tooltip.
    await page.evaluate(
      uri => (window as any).jupyterapp.commands.execute('helium:go-to-uri', { uri }),
      `s3://helium-big/${DEEP.join('/')}/`
    );
    await enterFolder(page, 'third-level');
    const nav = panel(page).locator('.jp-helium-breadcrumbs');
    await expect(nav).toHaveAttribute('title', `s3://helium-big/${DEEP.join('/')}/`);
    await expectOneLineOfCrumbs(page);
    const current = nav.locator('.jp-helium-crumb').last();
    await expect(current).toHaveText('third-level');
    expect(await current.evaluate(el => el.scrollWidth <= el.clientWidth)).toBe(true);
    if (width === 250) {
      // The folders in between fold into "…", whose menu goes to them.
      await expect(nav).not.toHaveAttribute('data-folded', '0');
      await nav.locator('[data-testid=helium-crumb-more]').click();
      const menu = page.locator('[data-testid=helium-crumb-menu]');
      await expect(menu.getByRole('menuitem').first()).toHaveText(DEEP[0]);
      await page.screenshot({ path: path.join(SCREENSHOTS, 'panel-250px-deep.png'), clip: { ...box, height: 260 } });
      await menu.getByRole('menuitem', { name: DEEP[1] }).click();
      await expect(menu).toHaveCount(0);
      await expect(nav.locator('.jp-helium-crumb').last()).toHaveText(DEEP[1]);
      await expectOneLineOfCrumbs(page);
    }
  });
}

test('at 250 px, the breadcrumbs of a long folder keep their own line above the search box', async ({ page }) => {
  await openBucket(page, 'local', 'helium-demo');
  await setSidebarWidth(page, 250);
  // A folder of thousands of keys (scripts/run_tests.py fills helium-big/many/): its listing asks
  // the panel's column for all its height, which once squeezed the toolbar to one line.
  await page.evaluate(uri => (window as any).jupyterapp.commands.execute('helium:go-to-uri', { uri }), 's3://helium-big/many/');
  await enterFolder(page, 'many');
  await expect(panel(page).locator('[data-testid=helium-status]')).toContainText('more on scroll');
  const toolbar = (await panel(page).locator('.jp-helium-toolbar').boundingBox())!;
  const crumbs = (await panel(page).locator('.jp-helium-breadcrumbs').boundingBox())!;
  const search = (await panel(page).locator('.jp-helium-search-input').boundingBox())!;
  // Too wide to sit beside the buttons at 250 px: on a line of its own, inside the toolbar.
  expect(crumbs.y).toBeGreaterThan(toolbar.y + 8);
  expect(crumbs.y + crumbs.height).toBeLessThanOrEqual(toolbar.y + toolbar.height + 0.5);
  expect(search.y).toBeGreaterThanOrEqual(crumbs.y + crumbs.height);
  await expectOneLineOfCrumbs(page);
});
