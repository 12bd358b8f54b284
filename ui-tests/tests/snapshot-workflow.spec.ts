/**
 * "Snapshot Folder…" in a bucket with a Quilt workflows config, in a real JupyterLab against the
 * local S3: the Workflow field offers the config's workflows with the default chosen, the name is
 * checked against its handle_pattern as typed, a metadata schema failure is said with where and
 * why and the form comes back, and the snapshot records quilt3's workflow header. Everything the
 * test writes into helium-demo (the config too) is removed, every version, at the end.
 */
import { expect, IJupyterLabPageFixture, test } from '@jupyterlab/galata';
import * as path from 'path';
import { openBucket, row, SCREENSHOTS } from './helpers';

test.use({ viewport: { width: 1400, height: 860 } });

const BUCKET = 'helium-demo';

/** The local S3, reached directly (unsigned reads). */
function s3Url(): string {
  const url = process.env.HELIUM_S3_URL;
  if (!url) {
    throw new Error('HELIUM_S3_URL is not set: run the browser tests through `make test`.');
  }
  return url;
}

/** Writes an object through the extension's proxy. */
async function put(page: IJupyterLabPageFixture, key: string, body: string): Promise<void> {
  const response = await page.request.put(`/helium/s3/local/${BUCKET}/${key}`, { data: body });
  expect(response.ok()).toBe(true);
}

/** Deletes every version and delete marker under a prefix, through the proxy. */
async function removeAll(page: IJupyterLabPageFixture, prefix: string): Promise<void> {
  const xml = await (await fetch(`${s3Url()}/${BUCKET}?versions&prefix=${encodeURIComponent(prefix)}`)).text();
  for (const m of xml.matchAll(/<(?:Version|DeleteMarker)>([\s\S]*?)<\/(?:Version|DeleteMarker)>/g)) {
    const key = /<Key>([^<]*)<\/Key>/.exec(m[1])![1];
    const versionId = /<VersionId>([^<]*)<\/VersionId>/.exec(m[1])![1];
    await page.request.delete(`/helium/s3/local/${BUCKET}/${key}?versionId=${encodeURIComponent(versionId)}`);
  }
}

test('snapshots under the workflow chosen in the dialog, with the checks said where they fail', async ({ page }) => {
  const folder = `wftest-${Date.now()}`;
  const schemas = `${folder}-schemas/`;
  let topHash = '';
  try {
    await put(page, `${folder}/storms.csv`, 'name,year\nAlpha,2020\n');
    await put(page, `${folder}/notes.txt`, 'reviewed');
    await put(
      page,
      `${schemas}meta.json`,
      JSON.stringify({ type: 'object', required: ['owner'], properties: { owner: { type: 'string' } } })
    );
    await put(
      page,
      '.quilt/workflows/config.yml',
      `version: "1"
is_workflow_required: false
default_workflow: curated
workflows:
  curated:
    name: Curated
    description: Reviewed data with an owner.
    handle_pattern: ^wfcurated/
    is_message_required: true
    metadata_schema: meta
  open:
    name: Open
schemas:
  meta:
    url: s3://${BUCKET}/${schemas}meta.json
`
    );

    await openBucket(page, 'local', BUCKET);
    await row(page, folder).click({ button: 'right' });
    await page.locator('.lm-Menu-item', { hasText: 'Snapshot Folder' }).click();
    const dialog = page.locator('.jp-helium-snapshot-dialog');
    // The dialog moves the focus to the message once its body has rendered: typing elsewhere
    // before then can lose the text to that move.
    const message = dialog.locator('.jp-helium-snapshot-message-input');
    await expect(message).toBeFocused();
    const workflow = dialog.locator('.jp-helium-snapshot-workflow-input');
    await expect(workflow).toHaveValue('curated');
    await expect(workflow.locator('option')).toHaveText(['Curated (curated, default)', 'Open (open)', 'No workflow']);
    await expect(dialog.locator('.jp-helium-snapshot-field-workflow')).toContainText('Reviewed data with an owner.');
    await expect(dialog.locator('.jp-helium-snapshot-field-workflow')).toContainText('the metadata against schema "meta"');
    // The default name does not match the workflow's handle_pattern: said at once, Snapshot disabled.
    await expect(dialog.locator('.jp-helium-snapshot-field-name .jp-helium-snapshot-problem')).toContainText('^wfcurated/');
    await expect(page.locator('.jp-Dialog-button.jp-mod-accept')).toBeDisabled();
    // Under "Open" the same name is fine.
    await workflow.selectOption('open');
    await expect(dialog.locator('.jp-helium-snapshot-field-name .jp-helium-snapshot-problem')).toHaveCount(0);
    await workflow.selectOption('curated');

    await message.fill('reviewed storms');
    await dialog.locator('.jp-helium-snapshot-name-input').fill('wfcurated/storms');
    await dialog.locator('.jp-helium-snapshot-meta-input').fill('{"owner": 5}');
    await expect(page.locator('.jp-Dialog-button.jp-mod-accept')).toBeEnabled();
    await page.screenshot({ path: path.join(SCREENSHOTS, 'snapshot-workflow-dialog.png') });
    await page.locator('.jp-Dialog-button.jp-mod-accept').click();

    // The metadata fails the workflow's schema: where, why, and back to the form.
    const error = page.locator('.jp-Dialog-content', { hasText: 'Could not snapshot' });
    await expect(error).toContainText('the metadata at /owner: must be string', { timeout: 60000 });
    await expect(error).toContainText('workflow "curated"');
    await expect(error.locator('.jp-helium-snapshot-error-hint')).toHaveText('Change the metadata so that it passes the schema.');
    await page.screenshot({ path: path.join(SCREENSHOTS, 'snapshot-workflow-error.png') });
    await page.locator('.jp-Dialog-button', { hasText: 'Edit and Retry' }).click();
    await expect(message).toBeFocused();
    await expect(dialog.locator('.jp-helium-snapshot-workflow-input')).toHaveValue('curated');
    await dialog.locator('.jp-helium-snapshot-meta-input').fill('{"owner": "ada"}');
    await expect(dialog.locator('.jp-helium-snapshot-meta-input')).toHaveValue('{"owner": "ada"}');
    await page.locator('.jp-Dialog-button.jp-mod-accept').click();

    const result = page.locator('.jp-helium-snapshot-result');
    await expect(result.or(error)).toBeVisible({ timeout: 60000 });
    await expect(error).toHaveCount(0);
    topHash = (await result.getAttribute('data-top-hash'))!;
    await expect(result).toContainText('It passed the checks of workflow "curated".');
    await page.locator('.jp-Dialog-button', { hasText: 'Close' }).click();
    const manifest = await (await page.request.get(`/helium/s3/local/${BUCKET}/.quilt/packages/${topHash}`)).text();
    const header = JSON.parse(manifest.split('\n')[0]);
    expect(header.workflow).toEqual({
      id: 'curated',
      config: expect.stringMatching(new RegExp(`^s3://${BUCKET}/\\.quilt/workflows/config\\.yml\\?versionId=.+`)),
      schemas: { meta: expect.stringMatching(new RegExp(`^s3://${BUCKET}/${schemas}meta\\.json\\?versionId=.+`)) }
    });
  } finally {
    for (const prefix of [`${folder}/`, schemas, '.quilt/workflows/', '.quilt/named_packages/wfcurated/']) {
      await removeAll(page, prefix);
    }
    if (topHash) {
      await removeAll(page, `.quilt/packages/${topHash}`);
      await removeAll(page, `.quilt/helium/stamps/${topHash}`);
    }
  }
});
