/**
 * `helium doctor`'s check of one connection, with the CLI's own credential chain: the same steps,
 * rules and wording as the Jupyter server's check (jupyterlab_helium/doctor.py). Every request
 * reads; write permissions are asked of IAM's policy simulator when it answers and are otherwise
 * reported as not checked, because testing them would write an object.
 */
import {
  GetBucketVersioningCommand,
  HeadBucketCommand,
  HeadObjectCommand,
  ListBucketsCommand,
  ListObjectVersionsCommand,
  ListObjectsV2Command,
  S3Client
} from '@aws-sdk/client-s3';
import type { AwsCredentialIdentity } from '@smithy/types';
import { createNodeClient } from '../client-node';
import { queryCall, xmlTexts } from './aws-query';
import { findCredentials } from './credentials';
import { probeEndpoint } from './probe';
import { DoctorReport, how, Report, why } from './rules';

const MAX_BUCKETS = 10;
const EXPIRED = new Set(['ExpiredToken', 'ExpiredTokenException', 'TokenRefreshRequired', 'RequestExpired']);
const INVALID = new Set([
  'InvalidClientTokenId',
  'InvalidAccessKeyId',
  'SignatureDoesNotMatch',
  'InvalidToken',
  'UnrecognizedClientException'
]);
const DENIED = new Set(['AccessDenied', 'Forbidden', 'AllAccessDisabled', 'AccessDeniedException']);
const SIMULATED: Record<string, string> = { read: 's3:GetObject', write: 's3:PutObject', delete_versions: 's3:DeleteObjectVersion' };

/** What to check: the CLI's global options and buckets. */
export interface DoctorOptions {
  endpointUrl?: string;
  region?: string;
  profile?: string;
  /** Buckets to check (else ListBuckets). */
  buckets?: string[];
  /** Where `buckets` came from, for the findings' words (default: "the buckets you gave"). */
  bucketsFrom?: 'option' | 'env';
  env?: Record<string, string | undefined>;
}

/** The code and HTTP status of an SDK error. */
function facts(err: unknown): { code: string; status: number; region?: string } {
  const e = err as {
    name?: string;
    Code?: string;
    $metadata?: { httpStatusCode?: number };
    $response?: { headers?: Record<string, string> };
  };
  const status = e.$metadata?.httpStatusCode ?? 0;
  const code = e.Code ?? (e.name && e.name !== 'Error' && e.name !== 'UnknownError' ? e.name : status ? String(status) : 'Error');
  return { code, status, region: e.$response?.headers?.['x-amz-bucket-region'] };
}

/** One run of the check. */
class DoctorRun {
  readonly report = new Report('cli');
  private s3!: S3Client;
  private creds?: AwsCredentialIdentity;
  private arn?: string;
  private simulator?: { usable: true } | { usable: false; why: string };
  private stopped?: string;

  constructor(
    private readonly options: DoctorOptions,
    private readonly endpoint: string,
    private readonly region: string,
    private readonly custom: boolean
  ) {}

  async run(name: string): Promise<DoctorReport> {
    const env = this.options.env ?? process.env;
    const chain = createNodeClient({
      endpoint: this.custom ? this.endpoint : undefined,
      region: this.region,
      maxAttempts: 1,
      ...(this.options.profile ? { profile: this.options.profile } : {})
    });
    try {
      this.creds = await findCredentials(this.report, chain, this.options.profile, env);
    } finally {
      chain.destroy();
    }
    const probe = await probeEndpoint(this.report, this.endpoint);
    if (!this.creds) {
      this.stopped = 'there are no credentials to use';
    } else if (!probe.reachable) {
      this.stopped = 'the endpoint cannot be reached';
    } else if (!probe.clockOk) {
      this.stopped = 'S3 refuses requests signed with this clock';
    }
    if (!this.stopped && this.creds) {
      this.s3 = createNodeClient({
        endpoint: this.custom ? this.endpoint : undefined,
        region: this.region,
        credentials: this.creds,
        maxAttempts: 1
      });
      try {
        await this.identity();
        if (!this.stopped) {
          for (const bucket of await this.buckets()) {
            await this.bucket(bucket);
          }
        }
      } finally {
        this.s3.destroy();
      }
    }
    return { connection: name, endpoint: this.endpoint, checks: this.report.checks, summary: this.report.summary() };
  }

  /** STS at a custom endpoint (moto has it; others answer an error), else AWS's regional STS. */
  private serviceEndpoint(service: 'sts' | 'iam'): string {
    if (this.custom) {
      return this.endpoint;
    }
    return service === 'sts' ? `https://sts.${this.region}.amazonaws.com` : 'https://iam.amazonaws.com';
  }

  private async identity(): Promise<void> {
    let answer;
    try {
      answer = await queryCall(this.serviceEndpoint('sts'), 'sts', this.region, this.creds!, {
        Action: 'GetCallerIdentity',
        Version: '2011-06-15'
      });
    } catch (err) {
      this.report.add('identity.unchecked', 'identity', {
        reason: `the endpoint has no STS (${(err as NodeJS.ErrnoException).code ?? String(err)})`
      });
      return;
    }
    const arn = xmlTexts(answer.body, 'Arn')[0];
    if (answer.code || !arn) {
      const code = answer.code ?? `HTTP ${answer.status}`;
      if (!this.fatal(code, 'identity')) {
        this.report.add('identity.unchecked', 'identity', { reason: `the endpoint's STS answered ${code}` });
      }
      return;
    }
    this.arn = arn;
    this.report.add('identity.ok', 'identity', { arn });
  }

  /** Report credential errors (they end the check); false for other codes. */
  private fatal(code: string, area: string): boolean {
    if (EXPIRED.has(code)) {
      this.report.add('credentials.expired', area, { code });
    } else if (INVALID.has(code)) {
      this.report.add('identity.invalid', area, { code });
    } else {
      return false;
    }
    this.stopped = 'the credentials were refused';
    return true;
  }

  /** Where the named buckets came from, in the findings' words (rules.json's side has the defaults). */
  private bucketWords(): Record<string, string> {
    switch (this.options.bucketsFrom) {
      case 'option':
        return { buckets_named: 'Buckets given with --bucket', buckets_from: 'given with --bucket' };
      case 'env':
        return { buckets_named: 'Buckets named in HELIUM_BUCKETS', buckets_from: 'in HELIUM_BUCKETS' };
      default:
        return {};
    }
  }

  private async buckets(): Promise<string[]> {
    const named = this.options.buckets ?? [];
    if (named.length > 0) {
      this.report.add('buckets.configured', 'buckets', { ...this.bucketWords(), buckets: named.join(', ') });
      return named.slice(0, MAX_BUCKETS);
    }
    let names: string[];
    try {
      names = ((await this.s3.send(new ListBucketsCommand({}))).Buckets ?? []).map(b => b.Name ?? '').filter(Boolean);
    } catch (err) {
      const { code } = facts(err);
      if (!this.fatal(code, 'buckets')) {
        this.report.add('buckets.list_denied', 'buckets', { code });
      }
      return [];
    }
    if (names.length === 0) {
      this.report.add('buckets.none', 'buckets');
      return [];
    }
    this.report.add('buckets.listed', 'buckets', { count: names.length });
    return names.slice(0, MAX_BUCKETS);
  }

  private async bucket(bucket: string): Promise<void> {
    if (this.stopped) {
      return;
    }
    const at = { bucket };
    let headDenied: string | undefined;
    try {
      await this.s3.send(new HeadBucketCommand({ Bucket: bucket }));
    } catch (err) {
      const { code, status, region } = facts(err);
      if (status === 404) {
        this.report.add('bucket.missing', 'bucket', this.bucketWords(), at);
        return;
      }
      if ((status === 301 || status === 400) && region && region !== this.region) {
        this.report.add('bucket.wrong_region', 'bucket', { bucket_region: region, region: this.region }, at);
        return;
      }
      if (this.fatal(code, 'bucket')) {
        return;
      }
      headDenied = code;
    }
    const { key, listed } = await this.list(bucket);
    if (listed === 'missing') {
      this.report.add('bucket.missing', 'bucket', this.bucketWords(), at);
      return;
    }
    this.report.add(headDenied && listed !== 'ok' ? 'bucket.denied' : 'bucket.ok', 'bucket', headDenied ? { code: headDenied } : {}, at);
    if (listed === 'ok') {
      this.report.add('permission.allowed', 'permission', { how: how('listed') }, { bucket, feature: 'list' });
    } else {
      this.report.add('permission.denied', 'permission', {}, { bucket, feature: 'list' });
    }
    await this.versioning(bucket);
    await this.listVersions(bucket);
    await this.read(bucket, key, listed);
    for (const feature of ['write', 'delete_versions']) {
      await this.simulated(bucket, feature, why('write_needs_a_write', { simulator: '{simulator}' }));
    }
  }

  private async list(bucket: string): Promise<{ key?: string; listed: 'ok' | 'missing' | 'denied' | 'failed' }> {
    try {
      const answer = await this.s3.send(new ListObjectsV2Command({ Bucket: bucket, MaxKeys: 1 }));
      return { key: answer.Contents?.[0]?.Key, listed: 'ok' };
    } catch (err) {
      const { code, status } = facts(err);
      return { listed: code === 'NoSuchBucket' ? 'missing' : DENIED.has(code) || status === 403 ? 'denied' : 'failed' };
    }
  }

  private async versioning(bucket: string): Promise<void> {
    let status: string | undefined;
    try {
      status = (await this.s3.send(new GetBucketVersioningCommand({ Bucket: bucket }))).Status;
    } catch (err) {
      this.report.add('versioning.unknown', 'versioning', { code: facts(err).code }, { bucket });
      return;
    }
    const id = status === 'Enabled' ? 'versioning.enabled' : status === 'Suspended' ? 'versioning.suspended' : 'versioning.off';
    this.report.add(id, 'versioning', {}, { bucket });
  }

  private async listVersions(bucket: string): Promise<void> {
    const at = { bucket, feature: 'list_versions' };
    try {
      await this.s3.send(new ListObjectVersionsCommand({ Bucket: bucket, MaxKeys: 1 }));
    } catch (err) {
      const { code, status } = facts(err);
      if (DENIED.has(code) || status === 403) {
        this.report.add('permission.denied', 'permission', {}, at);
      } else {
        this.report.add('permission.unchecked', 'permission', { why: `S3 answered ${code}` }, at);
      }
      return;
    }
    this.report.add('permission.allowed', 'permission', { how: how('listed_versions') }, at);
  }

  private async read(bucket: string, key: string | undefined, listed: string): Promise<void> {
    if (key !== undefined) {
      try {
        await this.s3.send(new HeadObjectCommand({ Bucket: bucket, Key: key }));
        this.report.add('permission.allowed', 'permission', { how: how('head', { key }) }, { bucket, feature: 'read' });
        return;
      } catch (err) {
        if (facts(err).status === 403) {
          this.report.add('permission.denied', 'permission', {}, { bucket, feature: 'read' });
          return;
        }
      }
    }
    await this.simulated(bucket, 'read', why(listed === 'ok' ? 'no_object_to_read' : 'list_failed', { simulator: '{simulator}' }));
  }

  /** Ask IAM's policy simulator about one feature's permission on the bucket's objects. */
  private async simulated(bucket: string, feature: string, uncheckedWhy: string): Promise<void> {
    const at = { bucket, feature };
    if (!this.simulator) {
      this.simulator = this.arn ? { usable: true } : { usable: false, why: why('simulator_no_identity') };
    }
    if (this.simulator.usable) {
      try {
        const answer = await queryCall(this.serviceEndpoint('iam'), 'iam', this.custom ? this.region : 'us-east-1', this.creds!, {
          Action: 'SimulatePrincipalPolicy',
          Version: '2010-05-08',
          PolicySourceArn: principalArn(this.arn!),
          'ActionNames.member.1': SIMULATED[feature],
          'ResourceArns.member.1': `arn:aws:s3:::${bucket}/*`
        });
        const decisions = xmlTexts(answer.body, 'EvalDecision');
        if (!answer.code && decisions.length > 0) {
          const allowed = decisions.every(d => d === 'allowed');
          this.report.add(allowed ? 'permission.allowed' : 'permission.denied', 'permission', allowed ? { how: how('simulated') } : {}, at);
          return;
        }
        const code = answer.code ?? `HTTP ${answer.status}`;
        this.simulator = { usable: false, why: why(DENIED.has(code) ? 'simulator_refused' : 'simulator_missing', { code }) };
      } catch (err) {
        this.simulator = { usable: false, why: why('simulator_missing', { code: (err as NodeJS.ErrnoException).code ?? String(err) }) };
      }
    }
    this.report.add('permission.unchecked', 'permission', { why: uncheckedWhy.replace('{simulator}', this.simulator.why) }, at);
  }
}

/**
 * The IAM ARN the simulator takes: an assumed-role session's role (its path is not known).
 * @param arn - the caller's ARN from STS.
 * @returns the principal's ARN.
 */
export function principalArn(arn: string): string {
  const parts = arn.split(':');
  if (parts.length === 6 && parts[2] === 'sts' && parts[5].startsWith('assumed-role/')) {
    return `arn:${parts[1]}:iam::${parts[4]}:role/${parts[5].split('/')[1]}`;
  }
  return arn;
}

/**
 * Check the connection the CLI would use (its endpoint, region and credential chain).
 * @param options - the CLI's global options and the buckets to check.
 * @returns the report.
 */
export async function runDoctor(options: DoctorOptions): Promise<DoctorReport> {
  const env = options.env ?? process.env;
  const configured = options.endpointUrl ?? env.AWS_ENDPOINT_URL_S3 ?? env.AWS_ENDPOINT_URL;
  const region = options.region ?? env.AWS_REGION ?? env.AWS_DEFAULT_REGION ?? 'us-east-1';
  const endpoint = (configured ?? `https://s3.${region}.amazonaws.com`).replace(/\/+$/, '');
  return new DoctorRun(options, endpoint, region, Boolean(configured)).run(
    options.profile ? `profile ${options.profile}` : 'default credential chain'
  );
}
