/**
 * Snapshots in a registry with a Quilt workflows config (`.quilt/workflows/config.yml`), against
 * the local S3 (moto) and real quilt3: which workflow is chosen (none, the default, the user's),
 * what is refused (required and none chosen, an unknown id, a malformed config), and the header.
 * The checks a workflow runs are in workflow-checks.int.spec.ts.
 * @jest-environment-options {"customExportConditions": ["node", "require", "default"]}
 */
import type { S3Client } from '@aws-sdk/client-s3';
import { failure } from '../../testing/failure';
import { runPythonJson } from '../../testing/python-interop';
import { testClient } from '../../testing/s3';
import { manifestHeader, registryKeys, registryWith } from '../../testing/workflow-registry';
import { snapshot } from './snapshot';
import { WORKFLOW_CONFIG_KEY } from './workflow-config';

jest.setTimeout(120_000);

let s3: S3Client;

beforeAll(() => {
  s3 = testClient();
});

afterAll(() => s3?.destroy());

const TWO = 'workflows:\n  alpha:\n    name: Alpha\n  beta:\n    name: Beta\n    description: The second\n';

it('writes no workflow where the bucket has no config, and refuses a workflow asked for there', async () => {
  const { bucket } = await registryWith(s3, undefined);
  const ours = await snapshot(s3, { bucket, folder: 'data/', message: 'm' });
  expect(await manifestHeader(s3, bucket, ours.topHash)).not.toHaveProperty('workflow');
  for (const workflow of ['alpha', null]) {
    const err = await failure(snapshot(s3, { bucket, folder: 'data/', name: 'x/y', message: 'm', workflow }));
    expect(err).toMatchObject({ kind: 'InvalidInput', code: 'WorkflowConfigMissing' });
  }
});

it('records quilt3’s workflow header where the config requires none, and quilt3 agrees on the top hash', async () => {
  const { bucket, configKey } = await registryWith(s3, `version: "1"\nis_workflow_required: False  # optional\n${TWO}`);
  const ours = await snapshot(s3, { bucket, folder: 'data/', name: 'team/data', message: 'm' });
  const browsed = await runPythonJson<{ top_hash: string; header: Record<string, unknown> }>('quilt_interop.py', [
    'browse',
    bucket,
    'team/data',
    ours.topHash
  ]);
  expect(browsed.top_hash).toBe(ours.topHash);
  expect(browsed.header.workflow).toEqual({ id: null, config: configKey });
  // `workflow: null` (quilt3's `workflow=None`) is the same where none is required.
  const none = await snapshot(s3, { bucket, folder: 'data/', name: 'team/none', message: 'm', workflow: null });
  expect((await manifestHeader(s3, bucket, none.topHash)).workflow).toEqual({ id: null, config: configKey });
});

it('uses the default workflow when none is chosen, and the chosen one otherwise', async () => {
  const { bucket, configKey } = await registryWith(s3, `version: '1.1'\ndefault_workflow: beta\n${TWO}`);
  const byDefault = await snapshot(s3, { bucket, folder: 'data/', name: 'team/a', message: 'm' });
  expect((await manifestHeader(s3, bucket, byDefault.topHash)).workflow).toEqual({ id: 'beta', config: configKey });
  const chosen = await snapshot(s3, { bucket, folder: 'data/', name: 'team/b', message: 'm', workflow: 'alpha' });
  expect((await manifestHeader(s3, bucket, chosen.topHash)).workflow).toEqual({ id: 'alpha', config: configKey });
  const quilt = await runPythonJson<{ workflow?: unknown }>('quilt_interop.py', ['workflow', bucket, 'data/', 'team/a', 'm', '-', '...']);
  expect(quilt.workflow).toEqual({ id: 'beta', config: configKey });
});

it('refuses, listing the workflows, when one is required and none is chosen, or the id is unknown; nothing is written', async () => {
  const { bucket } = await registryWith(s3, `version: "1"\n${TWO}`);
  for (const workflow of [undefined, null]) {
    const err = await failure(snapshot(s3, { bucket, folder: 'data/', message: 'm', workflow }));
    expect(err).toMatchObject({ kind: 'InvalidInput', code: 'WorkflowRequired' });
    expect(err.message).toContain('"alpha" (Alpha), "beta" (Beta)');
    expect(err.hint).toContain('--workflow');
  }
  const unknown = await failure(snapshot(s3, { bucket, folder: 'data/', message: 'm', workflow: 'gamma' }));
  expect(unknown).toMatchObject({ kind: 'InvalidInput', code: 'WorkflowUnknown' });
  expect(unknown.message).toContain('no workflow "gamma"');
  expect(await registryKeys(s3, bucket)).toEqual([WORKFLOW_CONFIG_KEY]);
  const quilt = await runPythonJson<{ error?: string }>('quilt_interop.py', ['workflow', bucket, 'data/', 'team/a', 'm', '-', '...']);
  expect(quilt.error).toContain('Workflow required, but none specified');
});

it.each([
  ['YAML that does not parse', 'version: "1"\nworkflows: [a\n', 'not YAML'],
  ['a missing workflows map', 'version: "1"\n', "must have required property 'workflows'"],
  ['a number as version', 'version: 1\nworkflows:\n  a:\n    name: A\n', 'the config at /version'],
  [
    'a workflow without a name',
    'version: "1"\nworkflows:\n  a:\n    description: A\n',
    "the config at /workflows/a: must have required property 'name'"
  ],
  ['an unknown key', 'version: "1"\nworkflow:\n  a:\n    name: A\nworkflows:\n  a:\n    name: A\n', '(found "workflow")'],
  [
    'a schema without url',
    'version: "1"\nworkflows:\n  a:\n    name: A\nschemas:\n  s:\n    uri: s3://b/k\n',
    "must have required property 'url'"
  ],
  ['a newer version', 'version: "1.2"\nworkflows:\n  a:\n    name: A\n', 'newer than the 1.1.0']
])('refuses a malformed config (%s) with a clear message, writing nothing', async (_what, config, expected) => {
  const { bucket, configKey } = await registryWith(s3, config);
  const err = await failure(snapshot(s3, { bucket, folder: 'data/', message: 'm', workflow: 'a' }));
  expect(err).toMatchObject({ kind: 'InvalidInput', code: 'WorkflowConfigInvalid' });
  expect(err.message).toContain(configKey);
  expect(err.message).toContain(expected);
  expect(await registryKeys(s3, bucket)).toEqual([WORKFLOW_CONFIG_KEY]);
  const quilt = await runPythonJson<{ error?: string }>('quilt_interop.py', ['workflow', bucket, 'data/', 'x/y', 'm', '-', 'a']);
  expect(quilt.error).toMatch(/ConfigurationError|UnsupportedConfigurationVersionError/);
});
