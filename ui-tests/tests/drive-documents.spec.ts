/**
 * `s3:` documents in a real JupyterLab, in the cases a person meets when others write the same
 * objects: a notebook written by Jupyter's own tools saved without an edit, a save after someone
 * else wrote a new version (before JupyterLab's check, or between it and the write), Revert to
 * Checkpoint.
 */
import { expect, test } from '@jupyterlab/galata';
import type { IJupyterLabPageFixture } from '@jupyterlab/galata';
import * as path from 'path';
import { countVersions, SCREENSHOTS } from './helpers';

test.use({ viewport: { width: 1200, height: 760 } });

/** Writes an object through the proxy, as another writer (the CLI, another tab) would. */
async function writeObject(page: IJupyterLabPageFixture, key: string, body: string): Promise<void> {
  expect((await page.request.put(`/helium/s3/local/helium-demo/${key}`, { data: body })).ok()).toBe(true);
}

/** The object's current text, read through the proxy. */
async function readObject(page: IJupyterLabPageFixture, key: string): Promise<string> {
  return (await page.request.get(`/helium/s3/local/helium-demo/${key}`)).text();
}

/** Opens an `s3:` document in the main area. */
async function openDocument(page: IJupyterLabPageFixture, key: string): Promise<void> {
  await page.evaluate(p => (window as any).jupyterapp.commands.execute('docmanager:open', { path: p }), `s3:local/helium-demo/${key}`);
}

/** Runs a JupyterLab command without waiting for it (it may wait on a dialog). */
async function run(page: IJupyterLabPageFixture, id: string): Promise<void> {
  await page.evaluate(c => {
    void (window as any).jupyterapp.commands.execute(c);
  }, id);
}

/**
 * Runs a JupyterLab command without waiting for it, keeping its promise in the page, so that
 * {@link settled} can tell when it has done all it was going to do (dialogs answered included).
 */
async function start(page: IJupyterLabPageFixture, id: string): Promise<void> {
  await page.evaluate(c => {
    const w = window as any;
    w.heliumRunning = w.jupyterapp.commands.execute(c).then(
      () => 'done',
      (err: unknown) => `failed: ${String(err)}`
    );
  }, id);
}

/** Waits until the command {@link start} ran has ended. @returns 'done' or 'failed: …'. */
async function settled(page: IJupyterLabPageFixture): Promise<string> {
  return page.evaluate(() => (window as any).heliumRunning);
}

/** The tab of the document in front, which carries JupyterLab's unsaved-changes mark. */
function currentTab(page: IJupyterLabPageFixture) {
  return page.locator('.lm-DockPanel-tabBar .lm-TabBar-tab.jp-mod-current');
}

/**
 * Types text at the end of the open text editor, once it has the focus, and waits until the text
 * is in the document and the tab is marked unsaved: a save before then writes the old text.
 */
async function typeAtEnd(page: IJupyterLabPageFixture, text: string): Promise<void> {
  const editor = page.locator('.jp-FileEditor .cm-content');
  await editor.click();
  await expect(editor).toBeFocused();
  await page.keyboard.press('Control+End');
  await page.keyboard.type(text);
  await expect(editor).toContainText(text.trim());
  await expect(currentTab(page)).toHaveClass(/jp-mod-dirty/);
}

/** A notebook as nbformat writes it: keys sorted, one-space indent, a final newline. */
function nbformatText(notebook: unknown): string {
  const sorted = (value: unknown): unknown =>
    Array.isArray(value)
      ? value.map(sorted)
      : value && typeof value === 'object'
        ? Object.fromEntries(
            Object.keys(value)
              .sort()
              .map(k => [k, sorted((value as Record<string, unknown>)[k])])
          )
        : value;
  return JSON.stringify(sorted(notebook), null, 1) + '\n';
}

test('saving a notebook written by Jupyter without an edit writes no version', async ({ page }) => {
  const key = `drive-qa/nbformat-${Date.now()}.ipynb`;
  const notebook = {
    cells: [
      { cell_type: 'markdown', id: 'a1', metadata: {}, source: ['# Title\n', 'text'] },
      {
        cell_type: 'code',
        execution_count: 1,
        id: 'b2',
        metadata: { tags: ['x'] },
        outputs: [{ name: 'stdout', output_type: 'stream', text: ['1\n'] }],
        source: ['print(1)']
      }
    ],
    metadata: {
      kernelspec: { display_name: 'Python 3 (ipykernel)', language: 'python', name: 'python3' },
      language_info: { name: 'python', version: '3.11.2' }
    },
    nbformat: 4,
    nbformat_minor: 5
  };
  await writeObject(page, key, nbformatText(notebook));
  await openDocument(page, key);
  await expect(page.locator('.jp-NotebookPanel .jp-Cell')).toHaveCount(2);
  await page.evaluate(() => (window as any).jupyterapp.commands.execute('docmanager:save'));
  await expect(page.locator('.lm-DockPanel-tabBar .lm-TabBar-tab.jp-mod-current')).not.toHaveClass(/jp-mod-dirty/);
  expect(await countVersions('helium-demo', key)).toBe(1);
});

test('a save after someone else wrote a new version asks first; Overwrite keeps their version in history', async ({ page }) => {
  const key = `drive-qa/shared-${Date.now()}.txt`;
  await writeObject(page, key, 'mine\n');
  await openDocument(page, key);
  const editor = page.locator('.jp-FileEditor .cm-content');
  await expect(editor).toContainText('mine');
  await writeObject(page, key, 'theirs\n');
  await typeAtEnd(page, 'more\n');
  await run(page, 'docmanager:save');
  const dialog = page.locator('.jp-Dialog');
  await expect(dialog).toContainText('has changed on disk');
  await dialog.screenshot({ path: path.join(SCREENSHOTS, 'drive-save-conflict.png') });
  expect(await readObject(page, key)).toBe('theirs\n');
  await dialog.locator('.jp-Dialog-button', { hasText: 'Overwrite' }).click();
  await expect.poll(() => countVersions('helium-demo', key)).toBe(3);
  expect(await readObject(page, key)).toBe('mine\nmore\n');
});

test('a save racing another writer is refused (If-Match), writes nothing, and saving again offers File Changed', async ({ page }) => {
  const key = `drive-qa/race-${Date.now()}.txt`;
  await writeObject(page, key, 'mine\n');
  await openDocument(page, key);
  const editor = page.locator('.jp-FileEditor .cm-content');
  await expect(editor).toContainText('mine');
  await typeAtEnd(page, 'more\n');
  // Someone else writes after JupyterLab's "has it changed?" check, just before the save's PUT.
  let raced = 0;
  await page.route(
    url => url.pathname.includes('/helium/s3/local/helium-demo/') && decodeURIComponent(url.pathname).includes(key),
    async route => {
      if (route.request().method() === 'PUT' && raced++ === 0) {
        await writeObject(page, key, 'theirs\n');
      }
      await route.continue();
    }
  );
  await run(page, 'docmanager:save');
  const dialog = page.locator('.jp-Dialog');
  await expect(dialog).toContainText('File Save Error');
  await expect(dialog).toContainText('changed on S3 since it was opened');
  await expect(dialog).toContainText('Nothing was saved');
  await dialog.screenshot({ path: path.join(SCREENSHOTS, 'drive-save-race-refused.png') });
  expect(raced).toBe(1);
  expect(await readObject(page, key)).toBe('theirs\n');
  expect(await countVersions('helium-demo', key)).toBe(2);
  await dialog.locator('.jp-Dialog-button.jp-mod-reject').click();
  await expect(dialog).toHaveCount(0);
  // The document still holds the edit; saving again shows JupyterLab's own choice.
  await run(page, 'docmanager:save');
  await expect(dialog).toContainText('has changed on disk');
  await dialog.locator('.jp-Dialog-button', { hasText: 'Overwrite' }).click();
  await expect.poll(() => countVersions('helium-demo', key)).toBe(3);
  expect(await readObject(page, key)).toBe('mine\nmore\n');
});

test('Revert to Checkpoint brings an older version back as a new one', async ({ page }) => {
  const key = `drive-qa/revert-${Date.now()}.txt`;
  await writeObject(page, key, 'first\n');
  await writeObject(page, key, 'second\n');
  await openDocument(page, key);
  await expect(page.locator('.jp-FileEditor .cm-content')).toContainText('second');
  await run(page, 'docmanager:restore-checkpoint');
  // Two checkpoints: JupyterLab asks which one (newest first), then confirms.
  const dialog = page.locator('.jp-Dialog');
  await expect(dialog.locator('select option')).toHaveCount(2);
  await dialog.locator('select').selectOption({ index: 1 });
  await dialog.locator('.jp-Dialog-button.jp-mod-accept').click();
  await expect(dialog).toContainText('Revert');
  await dialog.screenshot({ path: path.join(SCREENSHOTS, 'drive-revert-checkpoint.png') });
  await dialog.locator('.jp-Dialog-button.jp-mod-warn').click();
  await expect(page.locator('.jp-FileEditor .cm-content')).toContainText('first');
  await expect.poll(() => countVersions('helium-demo', key)).toBe(3);
  expect(await readObject(page, key)).toBe('first\n');
});

test('a key with #, ?, %20, +, unicode and a trailing space opens and saves as itself', async ({ page }) => {
  const key = `drive-qa/odd-${Date.now()}/a #?%20+ é.txt `;
  const proxyPath = key.split('/').map(encodeURIComponent).join('/');
  expect((await page.request.put(`/helium/s3/local/helium-demo/${proxyPath}`, { data: 'odd\n' })).ok()).toBe(true);
  await openDocument(page, key);
  const editor = page.locator('.jp-FileEditor .cm-content');
  await expect(editor).toContainText('odd');
  await typeAtEnd(page, 'saved\n');
  await page.evaluate(() => (window as any).jupyterapp.commands.execute('docmanager:save'));
  await expect.poll(() => countVersions('helium-demo', key)).toBe(2);
  expect(await (await page.request.get(`/helium/s3/local/helium-demo/${proxyPath}`)).text()).toBe('odd\nsaved\n');
});

test('Save As onto the name of a folder writes nothing and deletes nothing', async ({ page }) => {
  const folder = `drive-qa/saveas-${Date.now()}`;
  await writeObject(page, `${folder}/notes.txt`, 'notes\n');
  await writeObject(page, `${folder}/results/a.csv`, 'a\n');
  await openDocument(page, `${folder}/notes.txt`);
  await expect(page.locator('.jp-FileEditor .cm-content')).toContainText('notes');
  await start(page, 'docmanager:save-as');
  // Pasted as the document's full path (with `s3:`), as its tab's tooltip shows it.
  await page.locator('.jp-Dialog input').fill(`s3:local/helium-demo/${folder}/results`);
  await page.locator('.jp-Dialog .jp-Dialog-button.jp-mod-accept').click();
  // JupyterLab sees something at that path and offers to replace it: it deletes the path, then
  // saves. The drive refuses to delete a folder with objects in it (JupyterLab 4.6 shows no
  // message for that refusal), and would refuse to save an object beside the folder too.
  await page.locator('.jp-Dialog', { hasText: 'already exists' }).locator('.jp-Dialog-button', { hasText: 'Overwrite' }).click();
  // S3 is read once Save As has done all it was going to do (not while it may still delete or write).
  await settled(page);
  await expect(page.locator('.jp-Dialog')).toHaveCount(0);
  await expect(currentTab(page)).toContainText('notes.txt');
  expect(await countVersions('helium-demo', `${folder}/results`)).toBe(0);
  expect(await countVersions('helium-demo', `${folder}/results/a.csv`)).toBe(1);
  expect(await readObject(page, `${folder}/results/a.csv`)).toBe('a\n');
});

test('Save As with a pasted full s3: path writes the new object', async ({ page }) => {
  const folder = `drive-qa/saveas-paste-${Date.now()}`;
  await writeObject(page, `${folder}/notes.txt`, 'notes\n');
  await openDocument(page, `${folder}/notes.txt`);
  await expect(page.locator('.jp-FileEditor .cm-content')).toContainText('notes');
  await run(page, 'docmanager:save-as');
  await page.locator('.jp-Dialog input').fill(`s3:local/helium-demo/${folder}/copy.txt`);
  await page.locator('.jp-Dialog .jp-Dialog-button.jp-mod-accept').click();
  await expect(currentTab(page)).toContainText('copy.txt');
  // The tab takes the new name as the save ends: S3 may answer a moment before it has the object.
  await expect.poll(() => readObject(page, `${folder}/copy.txt`)).toBe('notes\n');
});

test('saving over an object in a bucket without versions asks first; Cancel writes nothing and shows no error', async ({ page }) => {
  const s3 = (process.env.HELIUM_S3_URL ?? '').replace(/\/+$/, '');
  const bucket = `helium-plain-${Date.now()}`;
  expect((await fetch(`${s3}/${bucket}`, { method: 'PUT' })).ok).toBe(true);
  expect((await page.request.put(`/helium/s3/local/${bucket}/notes.txt`, { data: 'first\n' })).ok()).toBe(true);
  const read = async () => (await page.request.get(`/helium/s3/local/${bucket}/notes.txt`)).text();
  await page.evaluate(p => (window as any).jupyterapp.commands.execute('docmanager:open', { path: p }), `s3:local/${bucket}/notes.txt`);
  const editor = page.locator('.jp-FileEditor .cm-content');
  await expect(editor).toContainText('first');
  await typeAtEnd(page, 'second\n');

  await start(page, 'docmanager:save');
  const dialog = page.locator('.jp-Dialog');
  await expect(dialog).toContainText('Replace for good?');
  await expect(dialog).toContainText(`Bucket ${bucket} does not keep versions: saving replaces s3://${bucket}/notes.txt`);
  await dialog.screenshot({ path: path.join(SCREENSHOTS, 'drive-unversioned-save.png') });
  await dialog.locator('.jp-Dialog-button', { hasText: 'Cancel' }).click();
  // Once the Save has ended (not merely once the question is gone): nothing written, no error.
  await settled(page);
  await expect(dialog).toHaveCount(0);
  expect(await read()).toBe('first\n');
  await expect(currentTab(page)).toHaveClass(/jp-mod-dirty/);

  await run(page, 'docmanager:save');
  await dialog.locator('.jp-Dialog-button', { hasText: 'Save Anyway' }).click();
  await expect.poll(read).toBe('first\nsecond\n');
  await expect(currentTab(page)).not.toHaveClass(/jp-mod-dirty/);
  // Asked once per bucket in a session.
  // The edit is in before saving (a save of an unchanged document would write `second` again).
  await typeAtEnd(page, 'third\n');
  await run(page, 'docmanager:save');
  await expect.poll(read).toBe('first\nsecond\nthird\n');
  await expect(dialog).toHaveCount(0);
});
