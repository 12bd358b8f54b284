/**
 * `helium index --to-opensearch` and `helium search --opensearch` end to end: dist/helium.cjs as a
 * child process against the local S3 and osmem-server (an in-memory OpenSearch-compatible server).
 * @jest-environment-options {"customExportConditions": ["node", "require", "default"]}
 */
import type { S3Client } from '@aws-sdk/client-s3';
import { promises as fs } from 'fs';
import { createServer, IncomingHttpHeaders, Server } from 'http';
import type { AddressInfo } from 'net';
import * as os from 'os';
import * as path from 'path';
import { startOsmem, Osmem } from '../testing/osmem';
import { createTestBucket, testClient, testS3Url } from '../testing/s3';
import { ensureCliBuilt, runCli } from '../testing/cli-harness';

jest.setTimeout(120_000);

let s3: S3Client;
let bucket: string;
let endpoint: string;
let dataHome: string;
let osmem: Osmem;

const helium = (args: string[], env: Record<string, string> = {}) => runCli(args, { endpoint, env: { XDG_DATA_HOME: dataHome, ...env } });

beforeAll(async () => {
  endpoint = testS3Url();
  s3 = testClient();
  bucket = await createTestBucket(s3, 'cli-os');
  dataHome = await fs.mkdtemp(path.join(os.tmpdir(), 'helium-cli-os-'));
  [osmem] = await Promise.all([startOsmem(), ensureCliBuilt()]);
});

afterAll(async () => {
  s3?.destroy();
  await osmem?.stop();
  if (dataHome) await fs.rm(dataHome, { recursive: true, force: true });
});

it('back-fills a bucket into OpenSearch incrementally and searches it there, not locally', async () => {
  const file = path.join(dataHome, 'storms.csv');
  await fs.writeFile(file, 'year,name\n1990,Ana\n');
  expect((await helium(['put', file, `s3://${bucket}/hurdat/storms.csv`, '--meta', '{"ocean": "atlantic", "decade": 1990}'])).code).toBe(0);
  // Basic auth from the URL's userinfo (osmem accepts any): it must never be printed.
  const url = osmem.url.replace('//', '//ana:pw-Secret@');
  const first = await helium(['index', `s3://${bucket}`, '--to-opensearch', url, '--json']);
  expect(first.stderr).toBe('');
  const result = JSON.parse(first.stdout);
  expect(result).toMatchObject({ listed: 1, headed: 1, added: 1, total: { objects: 1, snapshots: 0 } });
  expect(first.stdout).not.toContain('pw-Secret');
  expect(result.index).toContain(`${osmem.url} (indexes ${bucket}, ${bucket}_packages)`);

  const found = await helium(['search', 'user_meta.ocean:atlantic AND ext:csv', `s3://${bucket}`, '--opensearch', url, '--json']);
  expect(found.code).toBe(0);
  expect(JSON.parse(found.stdout).hits).toMatchObject([
    { type: 'object', key: 'hurdat/storms.csv', meta: { ocean: 'atlantic', decade: 1990 } }
  ]);

  // HELIUM_OPENSEARCH_URL does what the flag does; the local index was never built.
  const byEnv = await helium(['search', 'user_meta.decade:[1980 TO 1999]', `s3://${bucket}`], { HELIUM_OPENSEARCH_URL: osmem.url });
  expect(byEnv.stdout).toContain(`s3://${bucket}/hurdat/storms.csv`);
  const local = await helium(['search', 'ocean', `s3://${bucket}`]);
  expect(local.stderr).toContain('has no search index yet');

  const again = await helium(['index', `s3://${bucket}`, '--json'], { HELIUM_OPENSEARCH_URL: osmem.url });
  expect(JSON.parse(again.stdout)).toMatchObject({ listed: 1, headed: 0, added: 0, updated: 0 });
});

it('says an OpenSearch that is down cannot be reached', async () => {
  const closed = createServer();
  await new Promise<void>(resolve => closed.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(closed.address() as AddressInfo).port}`;
  await new Promise<void>(resolve => closed.close(() => resolve()));
  const result = await helium(['search', 'x', `s3://${bucket}`, '--opensearch', url]);
  expect(result.code).toBe(1);
  expect(result.stderr).toContain(`Cannot reach the OpenSearch cluster at ${url}`);
});

describe('--aws-sigv4', () => {
  let server: Server;
  const seen: IncomingHttpHeaders[] = [];

  beforeAll(async () => {
    server = createServer((req, res) => {
      seen.push(req.headers);
      res.writeHead(403, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ message: 'The security token included in the request is invalid.' }));
    });
    await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  });

  afterAll(() => new Promise<void>(resolve => server.close(() => resolve())));

  it('signs with service es and says plainly when the cluster refuses', async () => {
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const result = await helium(['search', 'x', `s3://${bucket}`, '--opensearch', url, '--aws-sigv4', '--region', 'eu-west-3']);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(
      /refused the request while reading the index status \(403: The security token included in the request is invalid\.\)/
    );
    expect(seen[0].authorization).toMatch(
      /^AWS4-HMAC-SHA256 Credential=testing\/\d{8}\/eu-west-3\/es\/aws4_request, SignedHeaders=[^ ]*host/
    );
    expect(seen[0]['x-amz-date']).toMatch(/^\d{8}T\d{6}Z$/);
  });
});
