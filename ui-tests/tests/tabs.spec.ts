/**
 * Tabs of S3 documents: the tooltip gives the object's s3:// URI and connection, and two open
 * files of the same name (from different folders) get labels that tell them apart.
 */
import { expect, test } from '@jupyterlab/galata';
import * as path from 'path';
import { SCREENSHOTS } from './helpers';

const RUN = `tabs-${Date.now()}`;
const KEYS = [`${RUN}/data/2024/storms.csv`, `${RUN}/raw/storms.csv`];

test('same-named S3 files from different folders get distinct tab labels and s3:// tooltips', async ({ page }) => {
  for (const key of KEYS) {
    expect((await page.request.put(`/helium/s3/local/helium-big/${key}`, { data: 'name,wind\nAL,45\n' })).ok()).toBe(true);
  }
  const open = (key: string) =>
    page.evaluate(path => (window as any).jupyterapp.commands.execute('docmanager:open', { path }), `s3:local/helium-big/${key}`);
  await open(KEYS[0]);
  const tab = (label: string) => page.locator('#jp-main-dock-panel .lm-TabBar-tab', { hasText: label });
  // Alone, the file's own name.
  await expect(tab('storms.csv').locator('.lm-TabBar-tabLabel')).toHaveText('storms.csv');
  await open(KEYS[1]);
  const first = tab('storms.csv — 2024');
  const second = tab('storms.csv — raw');
  await expect(first).toHaveCount(1);
  await expect(second).toHaveCount(1);
  await expect(first).toHaveAttribute('title', new RegExp(`^s3://helium-big/${KEYS[0]}\\nConnection local`));
  await expect(second).toHaveAttribute('title', new RegExp(`^s3://helium-big/${KEYS[1]}\\n`));
  await page.screenshot({ path: path.join(SCREENSHOTS, 'tabs-same-name.png'), clip: { x: 0, y: 0, width: 1000, height: 120 } });
  // Closing one gives the other its plain name back.
  await second.locator('.lm-TabBar-tabCloseIcon').click();
  await expect(tab('storms.csv').locator('.lm-TabBar-tabLabel')).toHaveText('storms.csv');
});
