/**
 * A Quilt workflow's checks on a snapshot, against the local S3 (moto) and real quilt3
 * (`quilt3.workflows.validate` on the same folder, name, message and metadata): the name pattern,
 * the required message, the metadata and entries schemas (loaded from s3:// URLs, pinned versions
 * kept), refused schemas, and the header quilt3 reads back. A failed check writes nothing.
 * @jest-environment-options {"customExportConditions": ["node", "require", "default"]}
 */
import type { S3Client } from '@aws-sdk/client-s3';
import { failure } from '../../testing/failure';
import { runPythonJson } from '../../testing/python-interop';
import { testClient } from '../../testing/s3';
import { manifestHeader, registryKeys, registryWith, TestRegistry } from '../../testing/workflow-registry';
import { putObject } from '../objects-write';
import { snapshot, SnapshotOptions } from './snapshot';
import { WORKFLOW_CONFIG_KEY } from './workflow-config';

jest.setTimeout(120_000);

let s3: S3Client;
let registry: TestRegistry;
/** The version ids of the schemas as first written. */
let versions: Record<string, string>;

const META_V1 = JSON.stringify({
  $schema: 'http://json-schema.org/draft-07/schema#',
  type: 'object',
  required: ['author'],
  properties: { author: { type: 'string' }, year: { type: 'integer', minimum: 2000 } }
});
/** The second version of the metadata schema also requires a reviewer: pinned URLs keep v1. */
const META_V2 = JSON.stringify({ type: 'object', required: ['author', 'reviewer'] });
/** What quilt3 passes for each entry, exactly: {logical_key, size, meta} with meta an object. */
const ENTRIES_SHAPE = JSON.stringify({
  type: 'array',
  minItems: 2,
  items: {
    type: 'object',
    required: ['logical_key', 'size', 'meta'],
    additionalProperties: false,
    properties: { logical_key: { type: 'string' }, size: { type: 'integer' }, meta: { type: 'object' } }
  }
});
const ENTRIES_SMALL = JSON.stringify({ type: 'array', items: { properties: { size: { maximum: 1 } } } });
const ENTRIES_KIND = JSON.stringify({ type: 'array', items: { properties: { meta: { required: ['kind'] } } } });

/**
 * The config: `strict` checks everything; `small` and `kind` only entries; `named` a Python
 * named group.
 * @param bucket - the bucket.
 * @param v - the schemas' version ids.
 * @returns the YAML.
 */
function config(bucket: string, v: Record<string, string>): string {
  return `version: "1"
workflows:
  strict:
    name: Strict
    handle_pattern: ^team/
    is_message_required: yes
    metadata_schema: meta
    entries_schema: shape
  small:
    name: Small files
    entries_schema: small
  kind:
    name: Kind
    entries_schema: kind
  named:
    name: Named
    handle_pattern: '\\A(?P<ns>team)/(?P=ns)-'
schemas:
  meta:
    url: s3://${bucket}/schemas/meta.json?versionId=${v['schemas/meta.json']}
  shape: {url: 's3://${bucket}/schemas/shape.json'}
  small: {url: 's3://${bucket}/schemas/small.json'}
  kind: {url: 's3://${bucket}/schemas/kind.json'}
`;
}

beforeAll(async () => {
  s3 = testClient();
  const objects = {
    'schemas/meta.json': META_V1,
    'schemas/shape.json': ENTRIES_SHAPE,
    'schemas/small.json': ENTRIES_SMALL,
    'schemas/kind.json': ENTRIES_KIND
  };
  registry = await registryWith(
    s3,
    (bucket, v) => {
      versions = v;
      return config(bucket, v);
    },
    objects
  );
  await putObject(s3, { bucket: registry.bucket, key: 'schemas/meta.json', body: META_V2 });
});

afterAll(() => s3?.destroy());

/**
 * What quilt3's `workflows.validate` says of the same push.
 * @param name - the package name.
 * @param message - the message (null for None).
 * @param meta - the metadata (undefined for none).
 * @param workflow - the workflow id.
 * @returns its `workflow` header value or its error.
 */
function quilt3Validate(
  name: string,
  message: string | null,
  meta: unknown,
  workflow: string
): Promise<{ workflow?: unknown; error?: string }> {
  return runPythonJson('quilt_interop.py', [
    'workflow',
    registry.bucket,
    'data/',
    name,
    message ?? '-',
    meta === undefined ? '-' : JSON.stringify(meta),
    workflow
  ]);
}

/**
 * A snapshot of `data/` that must be refused by a check, writing nothing.
 * @param options - name, message, meta, workflow.
 * @param check - the check that fails.
 * @returns the error's message.
 */
async function refused(options: Partial<SnapshotOptions>, check: string): Promise<string> {
  const before = await registryKeys(s3, registry.bucket);
  const err = await failure(snapshot(s3, { bucket: registry.bucket, folder: 'data/', ...options }));
  expect(err).toMatchObject({ kind: 'InvalidInput', code: 'WorkflowCheckFailed', params: { workflow: options.workflow, check } });
  expect(err.message).toContain(`workflow "${options.workflow}" of bucket "${registry.bucket}"`);
  expect(await registryKeys(s3, registry.bucket)).toEqual(before);
  return err.message;
}

it('records quilt3’s header (schemas pinned to the versions read, a pinned versionId kept), and quilt3 reads it back the same', async () => {
  const { bucket, configKey } = registry;
  const meta = { author: 'ada', year: 2024 };
  const ours = await snapshot(s3, { bucket, folder: 'data/', name: 'team/data', message: 'first', meta, workflow: 'strict' });
  const expected = {
    id: 'strict',
    config: configKey,
    schemas: {
      // v1, although v2 (which also requires a reviewer) is the current version.
      meta: `s3://${bucket}/schemas/meta.json?versionId=${versions['schemas/meta.json']}`,
      shape: `s3://${bucket}/schemas/shape.json?versionId=${versions['schemas/shape.json']}`
    }
  };
  expect((await manifestHeader(s3, bucket, ours.topHash)).workflow).toEqual(expected);
  const browsed = await runPythonJson<{ top_hash: string; header: Record<string, unknown> }>('quilt_interop.py', [
    'browse',
    bucket,
    'team/data',
    ours.topHash
  ]);
  expect(browsed.top_hash).toBe(ours.topHash);
  expect(browsed.header.workflow).toEqual(expected);
  expect(await quilt3Validate('team/data', 'first', meta, 'strict')).toEqual({ workflow: expected });
});

it('checks the name against handle_pattern as Python’s re.search does, as quilt3 does', async () => {
  const message = await refused({ name: 'other/data', message: 'm', meta: { author: 'ada' }, workflow: 'strict' }, 'name');
  expect(message).toContain('"other/data" does not match');
  expect(message).toContain('"^team/"');
  expect((await quilt3Validate('other/data', 'm', { author: 'ada' }, 'strict')).error).toContain("Package name doesn't match");
  // Python's named groups, back-references and \A.
  const ours = await snapshot(s3, { bucket: registry.bucket, folder: 'data/', name: 'team/team-x', message: 'm', workflow: 'named' });
  expect((await manifestHeader(s3, registry.bucket, ours.topHash)).workflow).toMatchObject({ id: 'named' });
  await refused({ name: 'team/other', message: 'm', workflow: 'named' }, 'name');
  expect((await quilt3Validate('team/team-x', 'm', undefined, 'named')).workflow).toMatchObject({ id: 'named' });
});

it('requires a message (an empty one counts as none), as quilt3 does', async () => {
  for (const message of [null, '']) {
    expect(await refused({ name: 'team/data', message, meta: { author: 'ada' }, workflow: 'strict' }, 'message')).toContain(
      'A message is required'
    );
  }
  expect((await quilt3Validate('team/data', null, { author: 'ada' }, 'strict')).error).toContain('Commit message is required');
});

it('checks the metadata against metadata_schema, saying where and why it fails, as quilt3 does', async () => {
  const wrongType = await refused({ name: 'team/data', message: 'm', meta: { author: 5 }, workflow: 'strict' }, 'metadata');
  expect(wrongType).toContain(
    `metadata_schema "meta" (s3://${registry.bucket}/schemas/meta.json?versionId=${versions['schemas/meta.json']})`
  );
  expect(wrongType).toContain('the metadata at /author: must be string');
  // No metadata is quilt3's `{}`.
  expect(await refused({ name: 'team/data', message: 'm', workflow: 'strict' }, 'metadata')).toContain(
    "the metadata: must have required property 'author'"
  );
  const tooEarly = await refused({ name: 'team/data', message: 'm', meta: { author: 'ada', year: 1999 }, workflow: 'strict' }, 'metadata');
  expect(tooEarly).toContain('the metadata at /year: must be >= 2000');
  expect((await quilt3Validate('team/data', 'm', { author: 5 }, 'strict')).error).toContain('Metadata failed validation');
});

it('checks [{logical_key, size, meta}] of the files against entries_schema after hashing, naming the file, as quilt3 does', async () => {
  const message = await refused({ name: 'team/data', message: 'm', workflow: 'small' }, 'entries');
  expect(message).toContain('the entries at /1/size (file "sub/b.csv"): must be <= 1');
  expect((await quilt3Validate('team/data', 'm', undefined, 'small')).error).toContain('Package entries failed validation');
  // An entry's meta is its user_meta (helium's x-amz-meta-helium), {} when it has none.
  const { bucket } = registry;
  const helium = (userMeta: unknown): Record<string, string> => ({ helium: JSON.stringify({ target: 'unicode', user_meta: userMeta }) });
  await putObject(s3, { bucket, key: 'kinds/a.txt', body: 'a', userMetadata: helium({ kind: 'raw' }) });
  await putObject(s3, { bucket, key: 'kinds/b.txt', body: 'b', userMetadata: helium({ kind: 'clean' }) });
  const ours = await snapshot(s3, { bucket, folder: 'kinds/', name: 'team/kinds', message: 'm', workflow: 'kind' });
  expect((await manifestHeader(s3, bucket, ours.topHash)).workflow).toMatchObject({ id: 'kind' });
  await putObject(s3, { bucket, key: 'kinds/c.txt', body: 'c' });
  const err = await failure(snapshot(s3, { bucket, folder: 'kinds/', name: 'team/kinds', message: 'm', workflow: 'kind' }));
  expect(err.message).toContain('the entries at /2/meta (file "c.txt"): must have required property \'kind\'');
});

it.each([
  ['a $ref', JSON.stringify({ properties: { a: { $ref: '#/definitions/x' } } }), 'uses "$ref"', 'QuiltException'],
  ['another draft', JSON.stringify({ $schema: 'http://json-schema.org/draft-04/schema#' }), 'supports only', 'ConfigurationError'],
  ['an invalid schema', JSON.stringify({ type: 'nothing' }), 'is not a valid JSON Schema: the schema at /type', 'ConfigurationError'],
  ['text that is not JSON', '{', 'is not JSON', 'ConfigurationError']
])('refuses a schema with %s, as quilt3 does', async (_what, schema, expected, quiltError) => {
  const bucket = await registryWith(
    s3,
    b => `version: "1"\nworkflows:\n  w:\n    name: W\n    metadata_schema: s\nschemas:\n  s:\n    url: s3://${b}/s.json\n`,
    {
      's.json': schema
    }
  ).then(r => r.bucket);
  const err = await failure(snapshot(s3, { bucket, folder: 'data/', message: 'm', workflow: 'w' }));
  expect(err).toMatchObject({ kind: 'InvalidInput', code: 'WorkflowConfigInvalid' });
  expect(err.message).toContain(`its schema "s" at s3://${bucket}/s.json`);
  expect(err.message).toContain(expected);
  expect(await registryKeys(s3, bucket)).toEqual([WORKFLOW_CONFIG_KEY]);
  const quilt = await runPythonJson<{ error?: string }>('quilt_interop.py', ['workflow', bucket, 'data/', 'x/y', 'm', '-', 'w']);
  expect(quilt.error).toContain(quiltError);
});

it.each([
  ['a relative URL', 'schemas/s.json', 'is not an s3://bucket/key URL'],
  ['an https URL', 'https://example.com/s.json', 'is not an s3://bucket/key URL'],
  ['a local file', 'file:///tmp/s.json', 'a local schema'],
  ['a missing object', 's3://BUCKET/nothing.json', 'no such object or version']
])('refuses a schema at %s, as quilt3 does', async (_what, url, expected) => {
  const bucket = await registryWith(
    s3,
    b => `version: "1"\nworkflows:\n  w:\n    name: W\n    metadata_schema: s\nschemas:\n  s:\n    url: ${url.replace('BUCKET', b)}\n`
  ).then(r => r.bucket);
  const err = await failure(snapshot(s3, { bucket, folder: 'data/', message: 'm', workflow: 'w' }));
  expect(err).toMatchObject({ kind: 'InvalidInput', code: 'WorkflowConfigInvalid' });
  expect(err.message).toContain(expected);
  const quilt = await runPythonJson<{ error?: string }>('quilt_interop.py', ['workflow', bucket, 'data/', 'x/y', 'm', '-', 'w']);
  expect(quilt.error).toContain('ConfigurationError');
});
