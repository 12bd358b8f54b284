/**
 * `helium index` for a read-only user: moto enforcing IAM (src/testing/python/iam_moto.py), the
 * profile `helium-reader` allowed s3:ListBucket and s3:GetObject on a versioned bucket but not
 * s3:ListBucketVersions, so ListObjectVersions is refused for real. The sync falls back to the
 * current objects, says once what such an index lacks, and search works.
 * @jest-environment-options {"customExportConditions": ["node", "require", "default"]}
 */
import { promises as fs } from 'fs';
import * as os from 'os';
import * as path from 'path';
import { CliResult, ensureCliBuilt, runCli } from '../testing/cli-harness';
import { PythonHelper, startPythonHelper } from '../testing/python-helper';

jest.setTimeout(120_000);

const BUCKET = 'helium-readonly';
let iam: PythonHelper<{ url: string; credentials: string }>;
let tmp: string;

beforeAll(async () => {
  tmp = await fs.mkdtemp(path.join(os.tmpdir(), 'helium-search-readonly-'));
  [iam] = await Promise.all([
    startPythonHelper<{ url: string; credentials: string }>('iam_moto.py', [path.join(tmp, 'iam'), '--readonly']),
    ensureCliBuilt()
  ]);
});

afterAll(async () => {
  await iam?.stop();
  await fs.rm(tmp, { recursive: true, force: true });
});

/** helium as the read-only user, with the index under the temporary data directory. */
function reader(...args: string[]): Promise<CliResult> {
  return runCli([...args, '--profile', 'helium-reader'], {
    endpoint: iam.info.url,
    env: {
      XDG_DATA_HOME: path.join(tmp, 'data'),
      AWS_SHARED_CREDENTIALS_FILE: iam.info.credentials,
      AWS_CONFIG_FILE: '/dev/null',
      AWS_EC2_METADATA_DISABLED: 'true',
      AWS_ACCESS_KEY_ID: '',
      AWS_SECRET_ACCESS_KEY: ''
    }
  });
}

it('builds an index of current objects when ListObjectVersions is refused, and says once what it lacks', async () => {
  const built = await reader('index', `s3://${BUCKET}`, '--json');
  expect(built.stderr).not.toContain('AccessDenied');
  expect(built.code).toBe(0);
  // The deleted object has no delete marker to record: only the current one is listed.
  expect(JSON.parse(built.stdout)).toMatchObject({ currentOnly: true, listed: 1, headed: 1, added: 1 });
  expect(built.stderr.match(/Note: /g)).toHaveLength(1);
  expect(built.stderr).toContain('s3:ListBucketVersions');
  expect(built.stderr).toContain('no older versions and no deleted objects');

  const found = await reader('search', 'user_meta.ocean:atlantic', `s3://${BUCKET}`, '--json');
  expect(found.code).toBe(0);
  const body = JSON.parse(found.stdout);
  expect(body.total).toBe(1);
  expect(body.hits[0]).toMatchObject({ type: 'object', key: 'data/storms.csv' });

  const deleted = await reader('search', 'key:gone*', `s3://${BUCKET}`, '--json');
  expect(JSON.parse(deleted.stdout)).toMatchObject({ total: 0, currentOnly: true });
  // The index remembers it: every later search says what it lacks.
  const text = await reader('search', 'storms', `s3://${BUCKET}`);
  expect(text.code).toBe(0);
  expect(text.stderr).toContain('Note: this index holds current objects only (it was built without s3:ListBucketVersions)');

  // Unchanged objects are told by ETag and time without version ids: nothing is read again.
  const again = await reader('index', `s3://${BUCKET}`, '--json');
  expect(again.code).toBe(0);
  expect(JSON.parse(again.stdout)).toMatchObject({ currentOnly: true, listed: 1, headed: 0, added: 0, updated: 0, removed: 0 });
});
