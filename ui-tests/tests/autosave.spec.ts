/**
 * Autosave never writes S3 versions: an `s3:` notebook stays dirty through autosave ticks that
 * do save a local document, and only an explicit Save writes, exactly one version.
 */
import { expect, galata, test } from '@jupyterlab/galata';
import type { IJupyterLabPageFixture } from '@jupyterlab/galata';
import { countVersions, enterFolder, openBucket, row } from './helpers';

const DOCMANAGER = '@jupyterlab/docmanager-extension:plugin';

test.use({
  viewport: { width: 1400, height: 860 },
  // Autosave on, every second: a local document proves the ticks happen.
  mockSettings: {
    ...galata.DEFAULT_SETTINGS,
    [DOCMANAGER]: { ...(galata.DEFAULT_SETTINGS[DOCMANAGER] ?? {}), autosave: true, autosaveInterval: 1 }
  }
});

/** The dock tab of an open document. */
function tab(page: IJupyterLabPageFixture, name: string) {
  return page.locator('.lm-DockPanel-tabBar .lm-TabBar-tab', { hasText: name });
}

/** Types into the open local text file and waits until autosave has written it to the server. */
async function editAndWaitForAutosave(page: IJupyterLabPageFixture, path: string, text: string): Promise<void> {
  await tab(page, 'autosave-control.txt').click();
  const editor = page.locator('.jp-FileEditor .cm-content');
  await editor.click();
  await expect(editor).toBeFocused();
  await page.keyboard.press('Control+End');
  await page.keyboard.type(text);
  await expect
    .poll(async () => (await (await page.request.get(`/api/contents/${path}?content=1`)).json()).content, { timeout: 20000 })
    .toContain(text);
}

test('autosave leaves an S3 notebook dirty and writes no version; Save writes exactly one', async ({ page, tmpPath }) => {
  const key = 'notebooks/hurricane-tour.ipynb';
  const before = await countVersions('helium-demo', key);
  expect(before).toBeGreaterThan(0);

  // The control: a local text file, autosaved by the same settings.
  const control = `${tmpPath}/autosave-control.txt`;
  const created = await page.request.put(`/api/contents/${control}`, {
    data: { type: 'file', format: 'text', content: 'local\n' }
  });
  expect(created.ok()).toBe(true);

  await openBucket(page, 'local', 'helium-demo');
  await enterFolder(page, 'notebooks');
  await row(page, 'hurricane-tour.ipynb').dblclick();
  await expect(page.locator('.jp-NotebookPanel')).toBeVisible();
  // The first S3 document opened says that Save (not autosave) writes a version.
  await expect(page.locator('.Toastify__toast', { hasText: 'not autosaved' })).toBeVisible();
  await page.notebook.setCell(0, 'markdown', '# Edited, never saved by hand');
  await expect(tab(page, 'hurricane-tour.ipynb')).toHaveClass(/jp-mod-dirty/);

  await page.evaluate(async p => {
    await (window as any).jupyterapp.commands.execute('docmanager:open', { path: p }); // its widget cannot cross to the test
  }, control);
  await expect(page.locator('.jp-FileEditor')).toBeVisible();
  // Two autosaves of the local file after the notebook's edit: at least one whole interval has
  // passed in which the notebook's own autosave ticked.
  await editAndWaitForAutosave(page, control, 'first tick\n');
  await editAndWaitForAutosave(page, control, 'second tick\n');

  expect(await countVersions('helium-demo', key)).toBe(before);
  await expect(tab(page, 'hurricane-tour.ipynb')).toHaveClass(/jp-mod-dirty/);

  // An explicit Save writes one version, with the edit.
  await tab(page, 'hurricane-tour.ipynb').click();
  await page.notebook.save();
  await expect.poll(() => countVersions('helium-demo', key), { timeout: 15000 }).toBe(before + 1);
  await expect(tab(page, 'hurricane-tour.ipynb')).not.toHaveClass(/jp-mod-dirty/);
  const saved = await (await page.request.get(`/helium/s3/local/helium-demo/${key}`)).json();
  // Saved as Jupyter's server writes notebooks: a cell's source is a list of lines.
  expect(saved.cells[0].source.join('')).toContain('Edited, never saved by hand');
  // And nothing more after another autosave tick of the local file.
  await editAndWaitForAutosave(page, control, 'after save\n');
  expect(await countVersions('helium-demo', key)).toBe(before + 1);
});
