/**
 * The terminal shows what the command has to say and nothing else: no Node warnings. Requests
 * shared one long-lived abort signal and each left listeners on it, so `helium snapshot` of a
 * folder of 20 files printed `MaxListenersExceededWarning: Possible EventTarget memory leak
 * detected. 11 abort listeners added to [AbortSignal]`, and so did `helium put`/`get` of many
 * files or of a multipart file with `--concurrency 16` (see src/service/request-signals.ts).
 * @jest-environment-options {"customExportConditions": ["node", "require", "default"]}
 */
import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { createHash } from 'crypto';
import { promises as fs } from 'fs';
import * as os from 'os';
import * as path from 'path';
import { mapWithConcurrency } from '../service/concurrency';
import { createTestBucket, testClient, testS3Url } from '../testing/s3';
import { patternBytes } from '../testing/transfer-fixtures';
import { CliResult, ensureCliBuilt, readTree, runCli } from '../testing/cli-harness';

jest.setTimeout(180_000);

const MiB = 1024 * 1024;
/** What Node prints for a warning (`(node:123) MaxListenersExceededWarning: …`, `Warning: …`). */
const NODE_WARNING = /Warning|MaxListenersExceeded/;

let s3: S3Client;
let bucket: string;
let endpoint: string;
let tmp: string;

/** Run helium against the local S3 server. */
const helium = (...args: string[]) => runCli(args, { endpoint, cwd: tmp });

/**
 * The SHA-256 of a file.
 * @param file - the file.
 * @returns hex.
 */
async function sha256File(file: string): Promise<string> {
  return createHash('sha256')
    .update(await fs.readFile(file))
    .digest('hex');
}

/**
 * Check that a run succeeded and printed no warning.
 * @param result - the run.
 */
function expectCleanRun(result: CliResult): void {
  expect({ code: result.code, warning: NODE_WARNING.exec(result.stderr)?.input }).toEqual({ code: 0, warning: undefined });
}

beforeAll(async () => {
  endpoint = testS3Url();
  s3 = testClient();
  bucket = await createTestBucket(s3, 'warn');
  tmp = await fs.mkdtemp(path.join(os.tmpdir(), 'helium-warn-'));
  await ensureCliBuilt();
});

afterAll(async () => {
  s3?.destroy();
  if (tmp) {
    await fs.rm(tmp, { recursive: true, force: true });
  }
});

it('snapshots a folder of 1,000 objects it must read (no checksums) without a warning', async () => {
  // As other tools write them, without a checksum: the snapshot HEADs and downloads each one.
  const keys = Array.from({ length: 1000 }, (_, i) => `thousand/${String(i).padStart(4, '0')}.txt`);
  await mapWithConcurrency(keys, 16, key => s3.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: key })));
  const result = await helium('snapshot', `s3://${bucket}/thousand/`, '-m', 'a thousand files', '--json');
  expectCleanRun(result);
  expect(JSON.parse(result.stdout)).toMatchObject({ entries: 1000, streamedHashes: 1000 });
});

it('puts and gets 100 files, 16 at a time, without a warning', async () => {
  const local = path.join(tmp, 'hundred');
  await fs.mkdir(local, { recursive: true });
  await Promise.all(Array.from({ length: 100 }, (_, i) => fs.writeFile(path.join(local, `${i}.txt`), `file ${i}\n`)));
  expectCleanRun(await helium('put', '--concurrency', '16', local, `s3://${bucket}/hundred/`));
  const back = path.join(tmp, 'hundred-back');
  expectCleanRun(await helium('get', '--concurrency', '16', `s3://${bucket}/hundred/`, back));
  expect(await readTree(back)).toEqual(await readTree(local));
});

it('puts and gets a 12-part file with 16 parts in flight without a warning', async () => {
  const file = path.join(tmp, 'parts.bin');
  await fs.writeFile(file, patternBytes(96 * MiB, 11));
  expectCleanRun(await helium('put', '--concurrency', '16', file, `s3://${bucket}/parts.bin`));
  const back = path.join(tmp, 'parts-back.bin');
  expectCleanRun(await helium('get', '--concurrency', '16', `s3://${bucket}/parts.bin`, back));
  expect(await sha256File(back)).toBe(await sha256File(file));
});

it('uses --profile over AWS_ACCESS_KEY_ID without the SDK’s warning about both', async () => {
  // As `aws --profile` does; the SDK chose the profile too, but printed 8 lines about both on
  // every command (on stderr, where --json promises only {"error": …}).
  const credentials = path.join(tmp, 'aws-credentials');
  await fs.writeFile(credentials, '[helium-warn]\naws_access_key_id = testing\naws_secret_access_key = testing\n');
  const env = { AWS_SHARED_CREDENTIALS_FILE: credentials, AWS_CONFIG_FILE: path.join(tmp, 'no-such-aws-config') };
  for (const args of [['ls'], ['doctor', '--bucket', bucket]]) {
    const result = await runCli(['--profile', 'helium-warn', ...args], { endpoint, cwd: tmp, env });
    expect({ args, code: result.code, stderr: result.stderr }).toEqual({ args, code: 0, stderr: '' });
  }
});

it('keeps AWS_ACCESS_KEY_ID for a --profile whose role takes its source credentials from the environment', async () => {
  // credential_source = Environment: the profile assumes its role with the environment's keys.
  const config = path.join(tmp, 'aws-config-env-role');
  await fs.writeFile(
    config,
    '[profile helium-env-role]\nrole_arn = arn:aws:iam::123456789012:role/helium-env-role\ncredential_source = Environment\n'
  );
  const env = {
    AWS_CONFIG_FILE: config,
    AWS_SHARED_CREDENTIALS_FILE: path.join(tmp, 'no-such-aws-credentials'),
    // STS (AssumeRole) at the local server too.
    AWS_ENDPOINT_URL: endpoint
  };
  const result = await runCli(['--profile', 'helium-env-role', 'ls'], { cwd: tmp, env });
  expect({ code: result.code, stderr: result.stderr }).toEqual({ code: 0, stderr: '' });
  expect(result.stdout).toContain(bucket);
});
