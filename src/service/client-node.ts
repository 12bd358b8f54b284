/**
 * An S3 client for Node (the CLI, tests, benchmarks) that talks to S3 directly.
 */
import { S3Client, S3ClientConfig } from '@aws-sdk/client-s3';
import { setEndpointLabel } from './endpoint';
import { deriveRequestSignals } from './request-signals';

/** Options of {@link createNodeClient}; all optional. */
export interface NodeClientOptions {
  /** The S3 endpoint URL (default: `AWS_ENDPOINT_URL_S3`, then `AWS_ENDPOINT_URL`, then AWS). */
  endpoint?: string;
  /** The region (default: `AWS_REGION` / `AWS_DEFAULT_REGION`, the AWS config, or `us-east-1` with an endpoint). */
  region?: string;
  /** Path-style addressing (default: true when an endpoint is given, as local servers need). */
  forcePathStyle?: boolean;
  /** Credentials (default: the standard AWS chain: environment, profiles, SSO, IMDS…). */
  credentials?: S3ClientConfig['credentials'];
  /** How many times to try a request (default: the SDK's, 3). */
  maxAttempts?: number;
  /**
   * An AWS profile chosen by name (`--profile`): the SDK's chain and region lookup use it, over
   * AWS_ACCESS_KEY_ID as `aws --profile` does (a role profile may still take its source keys
   * from the environment), without the SDK's eight-line warning that both are set.
   */
  profile?: string;
}

/**
 * A logger that drops everything, as the SDK's default NoOpLogger does. The credential chain
 * prints its warnings with `console.warn` unless the client has a logger that is not a
 * NoOpLogger (it checks the class name).
 */
const QUIET_LOGGER = { trace() {}, debug() {}, info() {}, warn() {}, error() {} };

/**
 * Read an environment variable, when there is a process environment (not in browsers).
 * @param name - the variable.
 * @returns its value when set and not empty.
 */
function env(name: string): string | undefined {
  const p = (globalThis as { process?: { env?: Record<string, string | undefined> } }).process;
  const value = p?.env?.[name];
  return value ? value : undefined;
}

/**
 * Create an S3 client for Node.
 *
 * Uses the standard AWS credential chain unless credentials are given, honours
 * `AWS_ENDPOINT_URL_S3` / `AWS_ENDPOINT_URL`, and uses path-style addressing with a custom
 * endpoint. Checksums are computed only when an operation requires one (we send our own SHA-256),
 * so no aws-chunked bodies or trailers are ever sent: some S3-compatible servers reject them.
 * Each request gets an abort signal of its own, derived from the caller's (see request-signals.ts).
 *
 * @param options - endpoint, region, addressing style and credentials.
 * @returns the client; its endpoint is recorded for messages (see {@link getEndpointLabel}).
 */
export function createNodeClient(options: NodeClientOptions = {}): S3Client {
  const configured = options.endpoint ?? env('AWS_ENDPOINT_URL_S3') ?? env('AWS_ENDPOINT_URL');
  // A trailing slash would make the SDK send ListBuckets to `…//`.
  const endpoint = configured?.replace(/\/+$/, '');
  const region = options.region ?? env('AWS_REGION') ?? env('AWS_DEFAULT_REGION') ?? (endpoint ? 'us-east-1' : undefined);
  const s3 = new S3Client({
    ...(endpoint ? { endpoint } : {}),
    ...(region ? { region } : {}),
    ...(options.credentials ? { credentials: options.credentials } : {}),
    ...(options.maxAttempts ? { maxAttempts: options.maxAttempts } : {}),
    ...(options.profile ? { profile: options.profile, logger: QUIET_LOGGER } : {}),
    forcePathStyle: options.forcePathStyle ?? Boolean(endpoint),
    followRegionRedirects: !endpoint,
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED'
  });
  setEndpointLabel(s3, endpoint ?? (region ? `AWS S3 (${region})` : 'AWS S3'));
  return deriveRequestSignals(s3);
}
