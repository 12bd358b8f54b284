/**
 * `helium doctor` against real faults: moto enforcing IAM (src/testing/python/iam_moto.py: an
 * admin, a user allowed only to list, a versioned and an unversioned bucket), a refused port, no
 * credentials, a profile that does not exist; and src/testing/python/fault_s3.py for what moto
 * cannot do (a self-signed certificate, a clock 20 minutes off, expired session credentials).
 * The wording is the server check's (jupyterlab_helium/tests/test_doctor.py asserts the same).
 * @jest-environment-options {"customExportConditions": ["node", "require", "default"]}
 */
import { promises as fs } from 'fs';
import * as net from 'net';
import * as os from 'os';
import * as path from 'path';
import { CliResult, ensureCliBuilt, runCli } from '../testing/cli-harness';
import { PythonHelper, startPythonHelper } from '../testing/python-helper';
import type { DoctorCheck, DoctorReport } from '../service/doctor/rules';

jest.setTimeout(120_000);

let iam: PythonHelper<{ url: string; credentials: string }>;
const faults: Record<string, PythonHelper<{ url: string }>> = {};
let tmp: string;

beforeAll(async () => {
  tmp = await fs.mkdtemp(path.join(os.tmpdir(), 'helium-doctor-'));
  const started = await Promise.all([
    startPythonHelper<{ url: string; credentials: string }>('iam_moto.py', [path.join(tmp, 'iam')]),
    startPythonHelper<{ url: string }>('fault_s3.py', ['--date-offset', '1200', '--error', 'RequestTimeTooSkewed']),
    startPythonHelper<{ url: string }>('fault_s3.py', ['--error', 'ExpiredToken']),
    startPythonHelper<{ url: string }>('fault_s3.py', ['--tls']),
    ensureCliBuilt()
  ]);
  iam = started[0];
  [faults.skewed, faults.expired, faults.tls] = started.slice(1, 4) as PythonHelper<{ url: string }>[];
});

afterAll(async () => {
  await Promise.all([iam?.stop(), ...Object.values(faults).map(f => f.stop())]);
  await fs.rm(tmp, { recursive: true, force: true });
});

/** helium doctor with the IAM server's profiles and nothing else of this machine. */
function doctor(args: string[], env: Record<string, string> = {}): Promise<CliResult> {
  return runCli(['doctor', ...args], {
    env: {
      AWS_SHARED_CREDENTIALS_FILE: iam.info.credentials,
      AWS_CONFIG_FILE: '/dev/null',
      AWS_EC2_METADATA_DISABLED: 'true',
      AWS_ACCESS_KEY_ID: '',
      AWS_SECRET_ACCESS_KEY: '',
      ...env
    }
  });
}

/** `helium doctor --json`'s report. */
async function report(args: string[], env: Record<string, string> = {}): Promise<{ result: CliResult; report: DoctorReport }> {
  const result = await doctor([...args, '--json'], env);
  return { result, report: JSON.parse(result.stdout) as DoctorReport };
}

/** The finding with this id (and bucket/feature), or a failed test. */
function find(r: DoctorReport, id: string, where: Partial<DoctorCheck> = {}): DoctorCheck {
  const found = r.checks.find(c => c.id === id && Object.entries(where).every(([k, v]) => c[k as keyof DoctorCheck] === v));
  if (!found) {
    throw new Error(`no ${id} ${JSON.stringify(where)} in ${JSON.stringify(r.checks, null, 1)}`);
  }
  return found;
}

/** A port that refuses connections. */
async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise(resolve => server.close(resolve));
  return port;
}

it('a healthy connection: exit 0, credentials from the profile, STS identity, a versioned bucket', async () => {
  const result = await doctor(['--endpoint-url', iam.info.url, '--profile', 'doctor-admin', '--bucket', 'doctor-versioned']);
  expect(result.code).toBe(0);
  expect(result.stdout).toContain(`✓ Found: the profile "doctor-admin" in ${iam.info.credentials}.`);
  expect(result.stdout).toContain('✓ Valid: STS says they belong to arn:aws:iam::123456789012:user/admin.');
  expect(result.stdout).toContain('✓ Versioning is on: every save keeps the previous version');
  expect(result.stdout).toContain('✓ Read objects: allowed (a HEAD of data/one.csv).');
  expect(result.stdout).toMatch(
    /- Write objects: not checked, because testing it would write an object, .*is not available at this endpoint/
  );
  expect(result.stdout).toMatch(/^0 problems, 0 warnings, 2 not checked\.$/m);
});

it('an unversioned bucket: a warning with its fix, exit 0', async () => {
  const { result, report: r } = await report(['--endpoint-url', iam.info.url, '--profile', 'doctor-admin', '--bucket', 'doctor-plain']);
  expect(result.code).toBe(0);
  const off = find(r, 'versioning.off', { bucket: 'doctor-plain' });
  expect(off.status).toBe('warning');
  expect(off.fix).toBe(
    "Ask the bucket's owner to turn versioning on (aws s3api put-bucket-versioning --bucket doctor-plain --versioning-configuration Status=Enabled)."
  );
});

it('every bucket ListBuckets gives when none is named', async () => {
  const { report: r } = await report(['--endpoint-url', iam.info.url, '--profile', 'doctor-admin']);
  expect(find(r, 'buckets.listed').detail).toBe('ListBuckets works: 2 bucket(s).');
  find(r, 'versioning.enabled', { bucket: 'doctor-versioned' });
  find(r, 'versioning.off', { bucket: 'doctor-plain' });
});

it('a missing bucket is worded after where its name came from (--bucket or HELIUM_BUCKETS), not a connection', async () => {
  // "Correct the bucket's name in the connection's buckets": the CLI has no connection.
  const args = ['--endpoint-url', iam.info.url, '--profile', 'doctor-admin'];
  const { result, report: given } = await report([...args, '--bucket', 'doctor-no-such']);
  expect(result.code).toBe(1);
  expect(find(given, 'buckets.configured').detail).toBe('Buckets given with --bucket: doctor-no-such.');
  expect(find(given, 'bucket.missing').fix).toBe("Correct the bucket's name given with --bucket, or ask for the bucket to be created.");
  const { report: fromEnv } = await report(args, { HELIUM_BUCKETS: 'doctor-no-such' });
  expect(find(fromEnv, 'buckets.configured').detail).toBe('Buckets named in HELIUM_BUCKETS: doctor-no-such.');
  expect(find(fromEnv, 'bucket.missing').fix).toBe("Correct the bucket's name in HELIUM_BUCKETS, or ask for the bucket to be created.");
});

it('a user allowed only to list: read and list versions denied, with the permission to ask for; exit 1', async () => {
  const { result, report: r } = await report([
    '--endpoint-url',
    iam.info.url,
    '--profile',
    'doctor-lister',
    '--bucket',
    'doctor-versioned'
  ]);
  expect(result.code).toBe(1);
  find(r, 'permission.allowed', { feature: 'list' });
  const read = find(r, 'permission.denied', { feature: 'read' });
  expect(read.detail).toBe(
    'Read objects: denied, s3:GetObject is missing, so opening, downloading, diffing and snapshotting files do not work.'
  );
  expect(read.fix).toBe("Ask the bucket's owner for s3:GetObject on the bucket's objects.");
  expect(find(r, 'permission.denied', { feature: 'list_versions' }).fix).toBe(
    "Ask the bucket's owner for s3:ListBucketVersions on the bucket."
  );
  expect(find(r, 'permission.unchecked', { feature: 'write' }).detail).toContain('was refused (AccessDenied)');
  expect(r.summary.problem).toBe(2);
});

it('no credentials at all: one problem with the fix, and the endpoint still probed', async () => {
  const { result, report: r } = await report(['--endpoint-url', iam.info.url], { AWS_SHARED_CREDENTIALS_FILE: '/dev/null' });
  expect(result.code).toBe(1);
  const none = find(r, 'credentials.none');
  expect(none.fix).toBe(
    'Set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or AWS_PROFILE to a profile in ~/.aws/credentials or ~/.aws/config, in the environment helium runs in, then run helium doctor again.'
  );
  find(r, 'endpoint.ok');
  expect(r.checks.filter(c => c.area === 'bucket')).toEqual([]);
});

it('credentials from the environment: named, never shown', async () => {
  const secret = 'doctor/secret+never-shown-0123456789';
  const result = await doctor(['--endpoint-url', iam.info.url, '--bucket', 'doctor-versioned'], {
    AWS_ACCESS_KEY_ID: 'AKIADOCTORNEVERSHOWN',
    AWS_SECRET_ACCESS_KEY: secret,
    AWS_SESSION_TOKEN: 'doctor-token-never-shown'
  });
  expect(result.stdout).toContain('✓ Found: environment variables (AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN).');
  expect(result.stdout).toContain('✗ The endpoint does not accept these credentials (InvalidClientTokenId).');
  for (const part of [secret, 'AKIADOCTORNEVERSHOWN', 'doctor-token-never-shown', 'never-shown']) {
    expect(result.stdout + result.stderr).not.toContain(part);
  }
  expect(result.code).toBe(1);
});

it('a profile that does not exist', async () => {
  const { result, report: r } = await report(['--endpoint-url', iam.info.url, '--profile', 'helium-no-such-profile']);
  expect(result.code).toBe(1);
  const missing = find(r, 'credentials.profile_missing');
  expect(missing.detail).toBe('The profile "helium-no-such-profile" does not exist in ~/.aws/config or ~/.aws/credentials.');
  expect(missing.fix).toContain('aws configure --profile helium-no-such-profile');
});

it('an unreachable endpoint', async () => {
  const port = await closedPort();
  const { result, report: r } = await report(['--endpoint-url', `http://127.0.0.1:${port}`, '--profile', 'doctor-admin']);
  expect(result.code).toBe(1);
  const refused = find(r, 'endpoint.refused');
  expect(refused.detail).toBe(`Nothing is listening at 127.0.0.1:${port} (connection refused).`);
  expect(refused.fix).toBe('Start the S3 server, or correct the endpoint URL in --endpoint-url (or AWS_ENDPOINT_URL).');
});

it('an https:// address of a server that speaks plain HTTP', async () => {
  // It showed OpenSSL's "write EPROTO …:ssl3_get_record:wrong version number:…\\x0a".
  const result = await doctor(['--endpoint-url', iam.info.url.replace(/^http:/, 'https:'), '--profile', 'doctor-admin']);
  expect(result.code).toBe(1);
  expect(result.stdout).toContain('✗ The endpoint could not be reached: it answers in plain HTTP, not HTTPS (use its http:// address).');
});

it('an endpoint URL with a path: its buckets read as missing, and a warning says why', async () => {
  const { report: r } = await report(['--endpoint-url', `${iam.info.url}/s3`, '--profile', 'doctor-admin', '--bucket', 'doctor-versioned']);
  const warning = find(r, 'endpoint.has_path');
  expect(warning.status).toBe('warning');
  expect(warning.detail).toMatch(/^The endpoint URL has a path \(\/s3\): every bucket is then looked for under it/);
  expect(warning.fix).toContain(`(${iam.info.url})`);
});

it('an endpoint with a self-signed certificate', async () => {
  const { result, report: r } = await report(['--endpoint-url', faults.tls.info.url, '--profile', 'doctor-admin']);
  expect(result.code).toBe(1);
  const tls = find(r, 'endpoint.tls_untrusted');
  expect(tls.detail).toBe('The TLS certificate of 127.0.0.1 is not trusted (self-signed certificate).');
  expect(tls.fix).toMatch(/^Set NODE_EXTRA_CA_CERTS to a PEM file holding the CA certificate/);
});

it('a clock 20 minutes off: one problem, and nothing signed is sent', async () => {
  const { result, report: r } = await report(['--endpoint-url', faults.skewed.info.url, '--profile', 'doctor-admin']);
  expect(result.code).toBe(1);
  const skewed = find(r, 'clock.skewed');
  expect(skewed.detail).toMatch(/^The clock of this computer is 20 minutes behind the S3 server's/);
  expect(skewed.fix).toBe('Set the clock of this computer right, best by turning on network time (NTP).');
  expect(r.checks.filter(c => ['identity', 'bucket', 'permission'].includes(c.area))).toEqual([]);
});

it('expired session credentials', async () => {
  const { result, report: r } = await report(['--endpoint-url', faults.expired.info.url, '--profile', 'doctor-admin', '--bucket', 'b-1']);
  expect(result.code).toBe(1);
  const expired = find(r, 'credentials.expired');
  expect(expired.detail).toBe('The session credentials have expired (ExpiredToken).');
  expect(expired.fix).toBe('Renew them ("aws sso login", or a new session token in AWS_SESSION_TOKEN), then run helium doctor again.');
  expect(r.summary.problem).toBe(1);
});

describe('the same set-ups in any other command: one message with the fix', () => {
  /** `helium ls` with this environment; its one line on stderr. */
  async function ls(args: string[], env: Record<string, string> = {}): Promise<{ code: number | null; line: string }> {
    const result = await runCli(['ls', ...args], {
      env: {
        AWS_CONFIG_FILE: '/dev/null',
        AWS_SHARED_CREDENTIALS_FILE: iam.info.credentials,
        AWS_EC2_METADATA_DISABLED: 'true',
        AWS_ACCESS_KEY_ID: '',
        AWS_SECRET_ACCESS_KEY: '',
        ...env
      }
    });
    return { code: result.code, line: result.stderr.trim() };
  }

  it('no credentials at all', async () => {
    const { code, line } = await ls(['--endpoint-url', iam.info.url], {
      AWS_ACCESS_KEY_ID: '',
      AWS_SECRET_ACCESS_KEY: '',
      AWS_SHARED_CREDENTIALS_FILE: '/dev/null'
    });
    expect(code).toBe(1);
    expect(line).toBe(
      'helium: No S3 credentials were found. Set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, choose a profile with AWS_PROFILE, or sign in with "aws sso login".'
    );
  });

  it('a profile that does not exist, named by AWS_PROFILE or --profile', async () => {
    const expected =
      'helium: The profile "helium-no-such-profile" does not exist in ~/.aws/config or ~/.aws/credentials. Create it with "aws configure --profile helium-no-such-profile" (or "aws configure sso"), or name a profile that exists.';
    const byEnv = await ls(['--endpoint-url', iam.info.url], {
      AWS_PROFILE: 'helium-no-such-profile',
      AWS_ACCESS_KEY_ID: '',
      AWS_SECRET_ACCESS_KEY: ''
    });
    expect(byEnv).toEqual({ code: 1, line: expected });
    const byOption = await ls(['--endpoint-url', iam.info.url, '--profile', 'helium-no-such-profile']);
    expect(byOption).toEqual({ code: 1, line: expected });
  });

  it('an endpoint with a self-signed certificate', async () => {
    const { code, line } = await ls(['--endpoint-url', faults.tls.info.url, '--profile', 'doctor-admin']);
    expect(code).toBe(1);
    expect(line).toBe(
      `helium: The TLS certificate of the S3 endpoint ${faults.tls.info.url} is not trusted (self-signed certificate). Set NODE_EXTRA_CA_CERTS to a PEM file holding the CA certificate that signed it (or the self-signed certificate itself), then try again.`
    );
  });

  it('a clock 20 minutes off (the SDK corrects its offset once, the server still refuses)', async () => {
    const { code, line } = await ls(['--endpoint-url', faults.skewed.info.url, '--profile', 'doctor-admin']);
    expect(code).toBe(1);
    expect(line).toBe(
      "helium: This computer's clock is more than 15 minutes off the S3 server's, so S3 refuses its requests (RequestTimeTooSkewed). Set the clock of this computer right, best by turning on network time (NTP)."
    );
  });

  it('an expired session', async () => {
    const { code, line } = await ls(['s3://b-1/', '--endpoint-url', faults.expired.info.url, '--profile', 'doctor-admin']);
    expect(code).toBe(1);
    expect(line).toBe('helium: Your S3 credentials have expired. Renew them (for example with "aws sso login") and try again.');
  });
});
