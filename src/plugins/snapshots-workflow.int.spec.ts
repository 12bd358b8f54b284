/**
 * "Snapshot Folder…" in a bucket with a Quilt workflows config (snapshots-actions.ts with the real
 * snapshots model against the local S3, a fake dialog): the form gets the workflows with the
 * default chosen, the name check follows the chosen workflow's handle_pattern, and the snapshot
 * passes the workflow chosen; a config quilt3 would not load stops before the form.
 * @jest-environment-options {"customExportConditions": ["node", "require", "default"]}
 */
import type { S3Client } from '@aws-sdk/client-s3';
import { TestConnections } from '../testing/connections';
import { testClient } from '../testing/s3';
import { testTrans } from '../testing/translation';
import { manifestHeader, registryWith } from '../testing/workflow-registry';
import { SnapshotsModel } from '../models/snapshots';
import type { ISnapshotDialogOptions } from '../widgets/snapshot-dialog/snapshot-folder-dialog';
import type { SnapshotRunResult } from '../models/snapshot-requests';
import { snapshotFolder } from './snapshots-actions';

jest.setTimeout(60_000);

let s3: S3Client;

beforeAll(() => {
  s3 = testClient();
});

afterAll(() => s3?.destroy());

const CONFIG = `version: "1"
default_workflow: open
workflows:
  open:
    name: Open
  curated:
    name: Curated
    description: Reviewed data
    handle_pattern: ^curated/
    is_message_required: true
`;

/**
 * Snapshot `data/` of a bucket through snapshotFolder with a dialog that hands over what it got.
 * @param bucket - the bucket.
 * @param type - what the person does with the form's options (returns the values to run, or null).
 * @returns the result, and the options and failure seen.
 */
async function throughDialog(
  bucket: string,
  type: (
    options: Omit<ISnapshotDialogOptions<SnapshotRunResult>, 'trans'>
  ) => Parameters<ISnapshotDialogOptions<SnapshotRunResult>['run']>[0] | null
): Promise<{ result: SnapshotRunResult | null; failed?: unknown }> {
  const model = new SnapshotsModel(new TestConnections({ local: s3 }, { local: [bucket] }));
  const seen: { failed?: unknown } = {};
  try {
    const result = await snapshotFolder(model, { connection: 'local', bucket, folder: 'data/' }, testTrans, {
      dialog: async options => {
        const values = type(options);
        return values ? options.run(values, new AbortController().signal, () => undefined) : null;
      },
      fail: (_title, error) => {
        seen.failed = error;
      }
    });
    return { result, ...seen };
  } finally {
    model.dispose();
  }
}

it('offers the workflows with the default chosen, checks the name by the chosen one, and passes it', async () => {
  const { bucket, configKey } = await registryWith(s3, CONFIG);
  let offered: unknown;
  const { result } = await throughDialog(bucket, options => {
    offered = options.workflows;
    expect(options.initial.workflow).toBe('open');
    expect(options.checks.name('team/data', 'open')).toBeNull();
    expect(options.checks.name('team/data', 'curated')).toContain('^curated/');
    expect(options.checks.name('curated/data', 'curated')).toBeNull();
    return { ...options.initial, message: 'm', name: 'curated/data', workflow: 'curated' };
  });
  expect(offered).toMatchObject({
    config: configKey,
    required: true,
    defaultWorkflow: 'open',
    workflows: [
      { id: 'open', name: 'Open', messageRequired: false },
      { id: 'curated', name: 'Curated', description: 'Reviewed data', handlePattern: '^curated/', messageRequired: true }
    ]
  });
  expect(result?.workflow).toEqual({ id: 'curated', config: configKey });
  expect((await manifestHeader(s3, bucket, result!.topHash)).workflow).toEqual({ id: 'curated', config: configKey });
});

it('starts with no workflow chosen where one is required and there is no default, and with none where none is required', async () => {
  const required = await registryWith(s3, 'version: "1"\nworkflows:\n  a:\n    name: A\n');
  await throughDialog(required.bucket, options => {
    expect(options.initial.workflow).toBe('');
    return null;
  });
  const optional = await registryWith(s3, 'version: "1"\nis_workflow_required: false\nworkflows:\n  a:\n    name: A\n');
  const { result } = await throughDialog(optional.bucket, options => {
    expect(options.initial.workflow).toBeNull();
    return { ...options.initial, message: 'm' };
  });
  expect(result?.workflow).toEqual({ id: null, config: optional.configKey });
});

it('offers no workflow field without a config, and says what is wrong with a malformed one before the form', async () => {
  const plain = await registryWith(s3, undefined);
  await throughDialog(plain.bucket, options => {
    expect(options.workflows).toBeUndefined();
    expect(options.initial).not.toHaveProperty('workflow');
    return null;
  });
  const broken = await registryWith(s3, 'version: "1"\nworkflows: {}\n');
  const { result, failed } = await throughDialog(broken.bucket, () => {
    throw new Error('the form must not open');
  });
  expect(result).toBeNull();
  expect(failed).toMatchObject({ kind: 'InvalidInput', code: 'WorkflowConfigInvalid' });
});
