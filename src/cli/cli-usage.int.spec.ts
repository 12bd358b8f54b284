/**
 * Usage errors (exit 2), odd URIs, "-", --profile and --region, unreachable or mistyped endpoints.
 * dist/helium.cjs run as a child process against the local S3 server (jest's global setup).
 * @jest-environment-options {"customExportConditions": ["node", "require", "default"]}
 */
import { S3Client } from '@aws-sdk/client-s3';
import { promises as fs } from 'fs';
import * as path from 'path';
import { headObject, putObject } from '../service/objects';
import { runCli } from '../testing/cli-harness';
import { cliSuite } from '../testing/cli-suite';
import { failure } from '../testing/failure';

jest.setTimeout(120_000);

const suite = cliSuite('cli-usage');
const { helium } = suite;
let s3: S3Client, bucket: string, endpoint: string, tmp: string;

beforeAll(() => {
  ({ s3, bucket, endpoint, tmp } = suite);
});

describe('usage and endpoints', () => {
  it('exits 2 on usage errors', async () => {
    const unknown = await helium('ls', '--bogus');
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain("Unknown option '--bogus'");
    const notUri = await helium('ls', '/tmp');
    expect(notUri.code).toBe(2);
    expect(notUri.stderr).toContain('is not an S3 URI');
    const missingArg = await helium('put', 'x');
    expect(missingArg.code).toBe(2);
    const badBucket = await helium('ls', 's3://Bad_Bucket/');
    expect(badBucket.code).toBe(2);
    expect(badBucket.stderr).toContain('lowercase');
  });

  it('refuses a "?" or "#" that would cut the key short, and writes nothing', async () => {
    // As `aws s3 cp` users write keys: literally. In an S3 URI "?" starts a query and "#" a
    // fragment, so these named the key "odd/what" and put overwrote it.
    const file = path.join(tmp, 'literal.txt');
    await fs.writeFile(file, 'literal');
    for (const [uri, suggestion] of [
      [`s3://${bucket}/odd/what?.txt`, `s3://${bucket}/odd/what%3F.txt`],
      [`s3://${bucket}/odd/what#1.txt`, `s3://${bucket}/odd/what%231.txt`],
      [`s3://${bucket}/odd/what?x=1`, `s3://${bucket}/odd/what%3Fx=1`]
    ]) {
      const result = await helium('put', file, uri);
      expect({ uri, code: result.code, stdout: result.stdout }).toEqual({ uri, code: 2, stdout: '' });
      expect(result.stderr).toContain(suggestion);
    }
    expect((await failure(headObject(s3, { bucket, key: 'odd/what' }))).kind).toBe('NotFound');
    const get = await helium('get', `s3://${bucket}/odd/what?.txt`, path.join(tmp, 'what.txt'));
    expect(get.code).toBe(2);
    // ?versionId= is still a version.
    const versioned = await helium('get', `s3://${bucket}/odd/what?versionId=v1`, path.join(tmp, 'what.txt'));
    expect(versioned.stderr).not.toContain('%3F');
  });

  it('refuses "-" (standard input or output, as aws s3 cp reads it) instead of a file named "-"', async () => {
    // get wrote a file "-" in the working folder, and put uploaded whatever file "-" was there.
    await putObject(s3, { bucket, key: 'dash/a.txt', body: 'a' });
    const cwd = path.join(tmp, 'dash');
    await fs.mkdir(cwd, { recursive: true });
    const get = await runCli(['get', `s3://${bucket}/dash/a.txt`, '-'], { endpoint, cwd });
    expect(get.code).toBe(2);
    expect(get.stderr).toContain('does not write to standard output');
    const snapshotGet = await runCli(['get', `s3://${bucket}/dash/a.txt`, '--snapshot', 'abcdef', '-'], { endpoint, cwd });
    expect(snapshotGet.code).toBe(2);
    expect(await fs.readdir(cwd)).toEqual([]);
    await fs.writeFile(path.join(cwd, '-'), 'stale');
    const put = await runCli(['put', '-', `s3://${bucket}/dash/b.txt`], { endpoint, cwd });
    expect(put.code).toBe(2);
    expect(put.stderr).toContain('does not read standard input');
    expect(put.stderr).toContain('./-');
    expect((await failure(headObject(s3, { bucket, key: 'dash/b.txt' }))).kind).toBe('NotFound');
  });

  it('uses --profile and --region', async () => {
    await putObject(s3, { bucket, key: 'ls/a.txt', body: 'a' });
    const credentials = path.join(tmp, 'aws-credentials');
    await fs.writeFile(credentials, '[helium-test]\naws_access_key_id = testing\naws_secret_access_key = testing\n');
    const env = {
      AWS_SHARED_CREDENTIALS_FILE: credentials,
      AWS_CONFIG_FILE: path.join(tmp, 'no-such-aws-config'),
      AWS_ACCESS_KEY_ID: '',
      AWS_SECRET_ACCESS_KEY: ''
    };
    const ok = await runCli(['--profile', 'helium-test', '--region', 'eu-west-1', 'ls', `s3://${bucket}/ls/`], {
      endpoint,
      cwd: tmp,
      env
    });
    expect(ok.stderr).toBe('');
    expect(ok.code).toBe(0);
    expect(ok.stdout).toContain('a.txt');
    const missing = await runCli(['ls', `s3://${bucket}/ls/`, '--profile', 'no-such-profile'], { endpoint, cwd: tmp, env });
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/^helium: .*credentials/i);
    expect(missing.stderr).not.toMatch(/\n\s+at /);
  });

  it('exits 1 with a readable message when the endpoint is unreachable', async () => {
    const result = await runCli(['ls', `s3://${bucket}/`], { endpoint: 'http://127.0.0.1:9', cwd: tmp });
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(
      'helium: Cannot reach the S3 endpoint http://127.0.0.1:9: is it running? Check its address and your network connection, then try again.\n'
    );
    const json = await runCli(['--json', 'ls'], { endpoint: 'http://127.0.0.1:9', cwd: tmp });
    expect(json.code).toBe(1);
    expect(JSON.parse(json.stderr).error.kind).toBe('Network');
  });

  it('exits 2, saying how to write it, when the endpoint is not an http(s) URL', async () => {
    // "Invalid URL. Try again; if it keeps failing, report this message." and, from doctor,
    // "Unexpected error: Invalid URL" were all a mistyped endpoint got.
    const port = new URL(endpoint).port;
    for (const args of [['ls'], ['doctor'], ['--json', 'ls']]) {
      const result = await runCli(args, { endpoint: `127.0.0.1:${port}`, cwd: tmp });
      expect({ args, code: result.code }).toEqual({ args, code: 2 });
      const message = args[0] === '--json' ? JSON.parse(result.stderr).error.message : result.stderr;
      expect(message).toContain(`--endpoint-url "127.0.0.1:${port}" is not an http:// or https:// URL`);
      expect(message).toContain(`e.g. http://127.0.0.1:${port}.`);
    }
    const fromEnv = await runCli(['ls'], { cwd: tmp, env: { AWS_ENDPOINT_URL: 'localhost:9000' } });
    expect(fromEnv.code).toBe(2);
    expect(fromEnv.stderr).toContain('AWS_ENDPOINT_URL "localhost:9000" is not an http:// or https:// URL');
  });
});
