/**
 * `helium snapshot --workflow` end to end: dist/helium.cjs against the local S3 (moto) in a
 * registry with a Quilt workflows config; the engine's checks are tested in
 * src/service/snapshots/workflow-checks.int.spec.ts.
 * @jest-environment-options {"customExportConditions": ["node", "require", "default"]}
 */
import type { S3Client } from '@aws-sdk/client-s3';
import { promises as fs } from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ensureCliBuilt, runCli } from '../testing/cli-harness';
import { testClient, testS3Url } from '../testing/s3';
import { manifestHeader, registryKeys, registryWith, TestRegistry } from '../testing/workflow-registry';
import { workflowOption } from './cmd-snapshot';

jest.setTimeout(120_000);

let s3: S3Client;
let registry: TestRegistry;

const helium = (...args: string[]) => runCli(args, { endpoint: testS3Url() });

beforeAll(async () => {
  s3 = testClient();
  registry = await registryWith(
    s3,
    b => `version: "1"
default_workflow: open
workflows:
  open:
    name: Open
  typed:
    name: Typed
    metadata_schema: meta
schemas:
  meta:
    url: s3://${b}/meta.json
`,
    { 'meta.json': '{"type": "object", "required": ["source"]}' }
  );
  await ensureCliBuilt();
});

afterAll(() => s3?.destroy());

it('reads --workflow as quilt3 reads workflow=: absent is the default, "" or none is no workflow', () => {
  expect(workflowOption(undefined)).toBeUndefined();
  expect(workflowOption('')).toBeNull();
  expect(workflowOption('none')).toBeNull();
  expect(workflowOption('typed')).toBe('typed');
});

it('snapshots under the default workflow, or the one chosen, and says so', async () => {
  const { bucket, configKey } = registry;
  const byDefault = await helium('snapshot', `s3://${bucket}/data/`, '-m', 'm', '--json');
  expect(byDefault.code).toBe(0);
  const result = JSON.parse(byDefault.stdout) as { topHash: string; workflow: unknown };
  expect(result.workflow).toEqual({ id: 'open', config: configKey });
  expect((await manifestHeader(s3, bucket, result.topHash)).workflow).toEqual({ id: 'open', config: configKey });
  const typed = await helium('snapshot', `s3://${bucket}/data/`, '-m', 'm', '--workflow', 'typed', '--meta', '{"source": "lab"}');
  expect(typed.code).toBe(0);
  expect(typed.stderr).toContain('Workflow "typed" passed.');
  expect((await manifestHeader(s3, bucket, typed.stdout.trim())).workflow).toMatchObject({
    id: 'typed',
    schemas: { meta: expect.stringContaining('meta.json?versionId=') }
  });
});

it('exits 1 with the failed check and its fix when the metadata fails, 2 for an unknown or refused workflow; nothing is written', async () => {
  const { bucket } = registry;
  const before = await registryKeys(s3, bucket);
  const failed = await helium('snapshot', `s3://${bucket}/data/`, '-m', 'm', '--workflow', 'typed', '--meta', '{"src": 1}');
  expect(failed.code).toBe(1);
  expect(failed.stderr).toContain("the metadata: must have required property 'source'");
  expect(failed.stderr).toContain('Change the metadata so that it passes the schema.');
  const unknown = await helium('snapshot', `s3://${bucket}/data/`, '-m', 'm', '--workflow', 'nope');
  expect(unknown.code).toBe(2);
  expect(unknown.stderr).toContain('"open" (Open), "typed" (Typed)');
  const none = await helium('snapshot', `s3://${bucket}/data/`, '-m', 'm', '--workflow', 'none');
  expect(none.code).toBe(2);
  expect(none.stderr).toContain('requires a Quilt workflow');
  expect(await registryKeys(s3, bucket)).toEqual(before);
});

it('helium pin --snapshot passes --workflow to the snapshot it takes', async () => {
  const { bucket } = registry;
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'helium-wf-pin-'));
  try {
    const notebook = path.join(dir, 'n.ipynb');
    await fs.writeFile(notebook, JSON.stringify({ cells: [], metadata: {}, nbformat: 4, nbformat_minor: 5 }));
    await helium('put', notebook, `s3://${bucket}/data/changed.ipynb`);
    const refused = await helium('pin', notebook, `s3://${bucket}/data/`, '--snapshot', '-m', 'm', '--workflow', 'typed');
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain("the metadata: must have required property 'source'");
    const pinned = await helium('pin', notebook, `s3://${bucket}/data/`, '--snapshot', '-m', 'm', '--workflow', 'open');
    expect(pinned.code).toBe(0);
    const withoutSnapshot = await helium('pin', notebook, `s3://${bucket}/data/`, '--workflow', 'open');
    expect(withoutSnapshot.code).toBe(2);
    expect(withoutSnapshot.stderr).toContain('--workflow is the Quilt workflow of the snapshot --snapshot takes');
  } finally {
    await fs.rm(dir, { recursive: true, force: true });
  }
});
