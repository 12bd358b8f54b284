/**
 * Access problems against a real S3 server that enforces IAM: typed errors that name the object
 * and the missing permission, and a clear message in the side panel.
 *
 * This file starts its own moto server with `INITIAL_NO_AUTH_ACTION_COUNT=3`: moto lets the
 * first 3 S3/IAM requests through unchecked (we use them to create an admin user, its policy and
 * its access key), then checks every request's SigV4 signature against the IAM access keys it
 * knows and the IAM policies of the key's user. The rest of the setup (bucket, object, limited
 * users) is done with the admin's keys, by boto3 in a small Python script (no IAM client in
 * node_modules).
 * @jest-environment-options {"customExportConditions": ["node", "require", "default"]}
 */
import type { S3Client } from '@aws-sdk/client-s3';
import { execFile } from 'child_process';
import { existsSync } from 'fs';
import { dirname, isAbsolute, join } from 'path';
import { TestConnections } from '../testing/connections';
import { BrowserModel } from '../models/browser';
import { createNodeClient } from './client';
import { HeliumError, isHeliumError } from './error-class';
import { listPrefixPages } from './listing';
import { getObjectBytes, getObjectText, headObject, putObject } from './objects';
import { testTrans } from '../testing/translation';

// Plain CommonJS helpers shared with jest's global setup (not compiled by tsc).
const moto = require('../testing/moto') as {
  ROOT: string;
  findMotoServer(): string;
  startMoto(options: {
    log?: string;
    env?: Record<string, string>;
    readyPath?: string;
  }): Promise<{ url: string; pid: number; stop: () => Promise<void> }>;
};

/** Requests moto serves before it enforces IAM: exactly the admin bootstrap in SETUP. */
const NO_AUTH_REQUESTS = 3;

const BUCKET = 'helium-access-test';
const KEY = 'reports/secret.csv';
const CONTENT = 'id,value\n1,42\n';

/**
 * The IAM and S3 setup, run by boto3. Prints the users' access keys as JSON.
 * The first 3 requests (unauthenticated) bootstrap an admin; everything else is signed by it.
 */
const SETUP = `
import json, sys
import boto3
from botocore.exceptions import ClientError

url, bucket, key, content = sys.argv[1:5]

def client(service, key_id="bootstrap", secret="bootstrap"):
    return boto3.client(service, endpoint_url=url, region_name="us-east-1",
                        aws_access_key_id=key_id, aws_secret_access_key=secret)

def policy(statements):
    return json.dumps({"Version": "2012-10-17", "Statement": statements})

def keys(iam, user):
    k = iam.create_access_key(UserName=user)["AccessKey"]
    return {"accessKeyId": k["AccessKeyId"], "secretAccessKey": k["SecretAccessKey"]}

# The ${NO_AUTH_REQUESTS} requests moto lets through unchecked.
bootstrap = client("iam")
bootstrap.create_user(UserName="admin")
bootstrap.put_user_policy(UserName="admin", PolicyName="all",
                          PolicyDocument=policy([{"Effect": "Allow", "Action": "*", "Resource": "*"}]))
admin = keys(bootstrap, "admin")

# From here on moto checks signatures and policies: prove it, then sign as the admin.
try:
    client("iam").list_users()
    sys.exit("moto does not enforce IAM: INITIAL_NO_AUTH_ACTION_COUNT was not honoured")
except ClientError as err:
    if err.response["Error"]["Code"] != "InvalidClientTokenId":
        raise
iam = client("iam", admin["accessKeyId"], admin["secretAccessKey"])
s3 = client("s3", admin["accessKeyId"], admin["secretAccessKey"])
s3.create_bucket(Bucket=bucket)
s3.put_object(Bucket=bucket, Key=key, Body=content.encode())

# lister: may list the bucket, nothing else (no s3:GetObject, no s3:PutObject).
iam.create_user(UserName="lister")
iam.put_user_policy(UserName="lister", PolicyName="list-only", PolicyDocument=policy([
    {"Effect": "Allow", "Action": "s3:ListBucket", "Resource": f"arn:aws:s3:::{bucket}"}]))
# reader: may read objects, but not list the bucket (no s3:ListBucket).
iam.create_user(UserName="reader")
iam.put_user_policy(UserName="reader", PolicyName="read-only", PolicyDocument=policy([
    {"Effect": "Allow", "Action": "s3:GetObject", "Resource": f"arn:aws:s3:::{bucket}/*"}]))

print(json.dumps({"admin": admin, "lister": keys(iam, "lister"), "reader": keys(iam, "reader")}))
`;

interface Keys {
  accessKeyId: string;
  secretAccessKey: string;
}

/** The Python next to moto_server (the project's .venv), else python3 on PATH. */
function findPython(): string {
  const server = moto.findMotoServer();
  const candidates = [...(isAbsolute(server) ? [join(dirname(server), 'python')] : []), join(moto.ROOT, '.venv', 'bin', 'python')];
  return candidates.find(p => existsSync(p)) ?? 'python3';
}

/** Run SETUP against the server; returns the users' keys. */
function runSetup(url: string): Promise<Record<'admin' | 'lister' | 'reader', Keys>> {
  return new Promise((resolve, reject) => {
    execFile(
      findPython(),
      ['-c', SETUP, url, BUCKET, KEY, CONTENT],
      {
        timeout: 20_000,
        // Only the keys given in the script: no profile or config file of this machine.
        env: { ...process.env, AWS_CONFIG_FILE: '/dev/null', AWS_SHARED_CREDENTIALS_FILE: '/dev/null' }
      },
      (err, stdout, stderr) => {
        if (err) {
          reject(new Error(`IAM setup failed: ${err.message}\n${stderr}`));
          return;
        }
        resolve(JSON.parse(stdout));
      }
    );
  });
}

/** The typed error a call fails with (fails the test if it succeeds or throws something else). */
async function failure(promise: Promise<unknown>): Promise<HeliumError> {
  try {
    await promise;
  } catch (err) {
    if (isHeliumError(err)) {
      return err;
    }
    throw err;
  }
  throw new Error('expected the call to fail');
}

let server: { url: string; pid: number; stop: () => Promise<void> };
let users: Record<'admin' | 'lister' | 'reader', Keys>;

/** A Node client for the IAM-enforcing server, signed with the given keys. */
function clientFor(credentials: Keys): S3Client {
  return createNodeClient({ endpoint: server.url, region: 'us-east-1', credentials, maxAttempts: 1 });
}

beforeAll(async () => {
  server = await moto.startMoto({
    env: { INITIAL_NO_AUTH_ACTION_COUNT: String(NO_AUTH_REQUESTS) },
    // Poll moto's own API: a GET / would be an S3 request and use up one of the free requests.
    readyPath: '/moto-api/'
  });
  users = await runSetup(server.url);
}, 30_000);

afterAll(async () => {
  await server?.stop();
});

it('lets the admin read the object (signatures from our client are accepted)', async () => {
  const { text } = await getObjectText(clientFor(users.admin), { bucket: BUCKET, key: KEY });
  expect(text).toBe(CONTENT);
});

describe('a user allowed only s3:ListBucket', () => {
  it('can list the bucket', async () => {
    const pages = listPrefixPages(clientFor(users.lister), { bucket: BUCKET, prefix: 'reports/' });
    const first = await pages.next();
    expect(first.done).toBe(false);
    expect(first.value && first.value.objects.map(o => o.key)).toEqual([KEY]);
  });

  it('cannot read an object: AccessDenied naming the object and s3:GetObject, and what to do', async () => {
    const err = await failure(getObjectBytes(clientFor(users.lister), { bucket: BUCKET, key: KEY }));
    expect(err.kind).toBe('AccessDenied');
    expect(err.code).toBe('AccessDenied');
    expect(err.status).toBe(403);
    expect(err.message).toMatch(/access denied/i);
    expect(err.message).toContain(`s3://${BUCKET}/${KEY}`);
    expect(err.message).toContain('s3:GetObject');
    expect(err.hint).toMatch(/ask .*for access|another connection/i);
    expect(err.message).toContain(err.hint!);
  });

  it('cannot write: AccessDenied naming s3:PutObject, and nothing was written', async () => {
    const key = 'reports/new.csv';
    const err = await failure(putObject(clientFor(users.lister), { bucket: BUCKET, key, body: 'x' }));
    expect(err.kind).toBe('AccessDenied');
    expect(err.message).toContain(`s3://${BUCKET}/${key}`);
    expect(err.message).toContain('s3:PutObject');
    expect(err.hint).toBeTruthy();
    const missing = await failure(headObject(clientFor(users.admin), { bucket: BUCKET, key }));
    expect(missing.kind).toBe('NotFound');
  });
});

describe('credentials the server does not accept', () => {
  it('an unknown access key id: Credentials (InvalidAccessKeyId), with advice', async () => {
    const stranger = clientFor({ accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'whatever' });
    const err = await failure(getObjectBytes(stranger, { bucket: BUCKET, key: KEY }));
    expect(err.kind).toBe('Credentials');
    expect(err.code).toBe('InvalidAccessKeyId');
    expect(err.message).toContain(server.url);
    expect(err.message).toMatch(/access key/i);
    expect(err.message).toMatch(/check the credentials/i);
  });

  it('a wrong secret for a valid key: Credentials (SignatureDoesNotMatch), with advice', async () => {
    const wrong = clientFor({ accessKeyId: users.lister.accessKeyId, secretAccessKey: 'not-the-secret' });
    const err = await failure(listPrefixPages(wrong, { bucket: BUCKET, prefix: '' }).next());
    expect(err.kind).toBe('Credentials');
    expect(err.code).toBe('SignatureDoesNotMatch');
    expect(err.message).toMatch(/secret key does not match/i);
    expect(err.message).toMatch(/check the credentials/i);
  });
});

it('the panel says access is denied and names s3:ListBucket for a user who cannot list', async () => {
  const connections = new TestConnections({ reader: clientFor(users.reader) }, { reader: [BUCKET] });
  const model = new BrowserModel(connections, testTrans);
  await model.initialize();
  expect(model.bucket).toBe(BUCKET);
  expect(model.error?.scope).toBe('listing');
  expect(model.error?.message).toMatch(/access denied/i);
  expect(model.error?.message).toContain('s3:ListBucket');
  expect(model.error?.message).toContain(BUCKET);
  expect(model.items).toHaveLength(0);
  expect(model.loading).toBe(false);
  // The same user may still read the object it is allowed to: only the listing is refused.
  const { text } = await getObjectText(clientFor(users.reader), { bucket: BUCKET, key: KEY });
  expect(text).toBe(CONTENT);
});
