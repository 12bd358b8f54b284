/**
 * Tabs of S3 documents: the tooltip gives the object's s3:// URI and connection, and two open
 * files of the same name (from different folders) get hints that tell them apart, without
 * renaming anything: JupyterLab takes a changed tab label as a rename, which once moved the
 * objects to "storms.csv — raw".
 */
import { expect, test } from '@jupyterlab/galata';
import type { Locator } from '@playwright/test';
import * as path from 'path';
import { SCREENSHOTS } from './helpers';

const RUN = `tabs-${Date.now()}`;
// Quotes in a folder name reach the hint's CSS as text.
const KEYS = [`${RUN}/data/2024/storms.csv`, `${RUN}/raw "q"/storms.csv`];

test('same-named S3 files from different folders get distinct tab labels and s3:// tooltips', async ({ page }) => {
  for (const key of KEYS) {
    expect(
      (
        await page.request.put(`/helium/s3/local/helium-big/${key.split('/').map(encodeURIComponent).join('/')}`, {
          data: 'name,wind\nAL,45\n'
        })
      ).ok()
    ).toBe(true);
  }
  const open = (key: string) =>
    page.evaluate(path => (window as any).jupyterapp.commands.execute('docmanager:open', { path }), `s3:local/helium-big/${key}`);
  await open(KEYS[0]);
  const tabs = page.locator('#jp-main-dock-panel .lm-TabBar-tab', { hasText: 'storms.csv' });
  // What the tab shows: its label and the hint the stylesheet puts after it.
  const shown = (tab: Locator) =>
    tab
      .locator('.lm-TabBar-tabLabel')
      .evaluate(label => label.textContent + getComputedStyle(label, '::after').content.replace(/^none$/, ''));
  // Alone, the file's own name.
  await expect(tabs).toHaveCount(1);
  await expect(tabs).not.toHaveAttribute('data-helium-hint');
  expect(await shown(tabs)).toBe('storms.csv');
  await open(KEYS[1]);
  const first = page.locator('#jp-main-dock-panel .lm-TabBar-tab[data-helium-hint="2024"]');
  const second = page.locator(`#jp-main-dock-panel .lm-TabBar-tab[data-helium-hint='raw "q"']`);
  await expect(first).toHaveCount(1);
  await expect(second).toHaveCount(1);
  expect(await shown(first)).toBe('storms.csv"— 2024"');
  expect(await shown(second)).toBe('storms.csv"— raw \\"q\\""');
  await expect(first.locator('.lm-TabBar-tabLabel')).toHaveText('storms.csv');
  await expect(first).toHaveAttribute('title', new RegExp(`^s3://helium-big/${KEYS[0]}\\nConnection local`));
  await expect(second).toHaveAttribute('title', new RegExp(`^s3://helium-big/${KEYS[1].replace(' ', '%20')}\\n`));
  await page.screenshot({ path: path.join(SCREENSHOTS, 'tabs-same-name.png'), clip: { x: 0, y: 0, width: 1000, height: 120 } });
  // Closing one gives the other its plain name back.
  await second.locator('.lm-TabBar-tabCloseIcon').click();
  await expect(tabs).toHaveCount(1);
  await expect(tabs).not.toHaveAttribute('data-helium-hint');
  await expect(tabs).toHaveAttribute('title', new RegExp(`^s3://helium-big/${KEYS[0]}\\n`));
  // Nothing was renamed or moved: the folder holds exactly the two objects written above.
  const listing = await page.request.get(`/helium/s3/local/helium-big?list-type=2&prefix=${RUN}/`);
  const keys = [...(await listing.text()).matchAll(/<Key>([^<]*)<\/Key>/g)].map(m => m[1]).sort();
  expect(keys).toEqual([...KEYS].sort());
});
