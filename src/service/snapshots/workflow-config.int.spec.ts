/**
 * Snapshots in a registry with a Quilt workflows config (`.quilt/workflows/config.yml`), against
 * the local S3 (moto) and real quilt3: refused where quilt3 requires a workflow's checks, and where
 * it does not, written with the `workflow` header quilt3 writes (quilt3 recomputes our top hash).
 * @jest-environment-options {"customExportConditions": ["node", "require", "default"]}
 */
import type { S3Client } from '@aws-sdk/client-s3';
import { failure } from '../../testing/failure';
import { runPythonJson } from '../../testing/python-interop';
import { createTestBucket, testClient } from '../../testing/s3';
import { putObject } from '../objects-write';
import { listPackages } from './registry-list';
import { snapshot } from './snapshot';
import { WORKFLOW_CONFIG_KEY } from './workflow-config';

jest.setTimeout(120_000);

let s3: S3Client;

beforeAll(() => {
  s3 = testClient();
});

afterAll(() => s3?.destroy());

/**
 * A bucket with one file under `data/` and a workflows config.
 * @param config - the config's YAML.
 * @returns the bucket and the config's version id.
 */
async function registryWith(config: string): Promise<{ bucket: string; configVersion: string }> {
  const bucket = await createTestBucket(s3, 'snap-workflow');
  await putObject(s3, { bucket, key: 'data/a.txt', body: 'a' });
  const put = await putObject(s3, { bucket, key: WORKFLOW_CONFIG_KEY, body: config });
  return { bucket, configVersion: put.versionId ?? '' };
}

it('refuses a registry whose workflows config requires a workflow, writing nothing', async () => {
  const required = 'version: "1"\nworkflows:\n  wf:\n    name: WF\n    is_message_required: true\n';
  const withDefault = 'version: "1"\nis_workflow_required: false\ndefault_workflow: wf\nworkflows:\n  wf:\n    name: WF\n';
  for (const config of [required, withDefault]) {
    const { bucket } = await registryWith(config);
    const err = await failure(snapshot(s3, { bucket, folder: 'data/', message: 'm' }));
    expect(err).toMatchObject({ kind: 'InvalidInput', code: 'WorkflowRequired' });
    expect(err.message).toContain('.quilt/workflows/config.yml');
    expect(await listPackages(s3, bucket)).toEqual([]);
  }
});

it('records quilt3’s workflow header where the config requires none, and quilt3 agrees on the top hash', async () => {
  const { bucket, configVersion } = await registryWith(
    'version: "1"\nis_workflow_required: False  # optional\nworkflows:\n  wf:\n    name: WF\n'
  );
  const ours = await snapshot(s3, { bucket, folder: 'data/', name: 'team/data', message: 'm' });
  const browsed = await runPythonJson<{ top_hash: string; header: Record<string, unknown> }>('quilt_interop.py', [
    'browse',
    bucket,
    'team/data',
    ours.topHash
  ]);
  expect(browsed.top_hash).toBe(ours.topHash);
  expect(browsed.header.workflow).toEqual({ id: null, config: `s3://${bucket}/.quilt/workflows/config.yml?versionId=${configVersion}` });
});
