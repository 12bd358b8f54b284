/**
 * Reaching an OpenSearch cluster straight from Node (the CLI, tests): basic auth from the URL's
 * userinfo or the environment, or SigV4 (service `es`) with the CLI's AWS credentials.
 */
import { Sha256 } from '@aws-crypto/sha256-js';
import { SignatureV4 } from '@smithy/signature-v4';
import type { AwsCredentialIdentity, AwsCredentialIdentityProvider } from '@smithy/types';
import { HeliumError } from '../error-class';
import { fetchTransport, OpenSearchTransport, RequestDecorator } from './opensearch-transport';

/** Options of {@link nodeOpenSearchTransport}. */
export interface NodeOpenSearchOptions {
  /** Sign with SigV4, service `es` (AWS OpenSearch Service), with these credentials. */
  sigv4?: { credentials: AwsCredentialIdentity | AwsCredentialIdentityProvider; region?: string };
  /** The environment (default `process.env`): HELIUM_OPENSEARCH_USER / HELIUM_OPENSEARCH_PASSWORD. */
  env?: Record<string, string | undefined>;
  fetch?: typeof fetch;
}

/**
 * The AWS region of an AWS OpenSearch Service endpoint (`search-x.<region>.es.amazonaws.com`,
 * `<id>.<region>.aoss.amazonaws.com`), else AWS_REGION / AWS_DEFAULT_REGION.
 * @param url - the endpoint.
 * @param env - the environment.
 * @returns the region, or null.
 */
export function regionOf(url: URL, env: Record<string, string | undefined>): string | null {
  const m = /\.([a-z]{2}(?:-gov)?-[a-z]+-\d)\.(?:es|aoss)\.amazonaws\.com$/.exec(url.hostname);
  return m?.[1] ?? env.AWS_REGION ?? env.AWS_DEFAULT_REGION ?? null;
}

/**
 * A transport to a cluster URL (`https://user:password@host:port[/path]`).
 * @param rawUrl - the cluster's URL; credentials in it are used for basic auth, never shown.
 * @param options - SigV4, environment.
 * @returns the transport.
 * @throws HeliumError `InvalidInput` for a URL that is not http(s), or SigV4 without a region.
 */
export function nodeOpenSearchTransport(rawUrl: string, options: NodeOpenSearchOptions = {}): OpenSearchTransport {
  const env = options.env ?? process.env;
  let url: URL;
  try {
    url = new URL(rawUrl);
  } catch {
    throw new HeliumError(
      'InvalidInput',
      `"${rawUrl.replace(/\/\/[^@/]*@/, '//…@')}" is not a URL; give the cluster as https://host[:port].`,
      { code: 'OpenSearchUrl' }
    );
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new HeliumError('InvalidInput', `The OpenSearch URL must start with http:// or https:// (got ${url.protocol}).`, {
      code: 'OpenSearchUrl'
    });
  }
  const user = decodeURIComponent(url.username) || env.HELIUM_OPENSEARCH_USER || '';
  const password = decodeURIComponent(url.password) || env.HELIUM_OPENSEARCH_PASSWORD || '';
  url.username = '';
  url.password = '';
  const baseUrl = url.toString().replace(/\/+$/, '');
  let decorate: RequestDecorator | undefined;
  if (options.sigv4) {
    const region = options.sigv4.region ?? regionOf(url, env);
    if (!region) {
      throw new HeliumError('InvalidInput', `Cannot tell the AWS region of ${baseUrl} for --aws-sigv4: set AWS_REGION.`, {
        code: 'OpenSearchRegion'
      });
    }
    const signer = new SignatureV4({ service: 'es', region, credentials: options.sigv4.credentials, sha256: Sha256 });
    decorate = async request => {
      const query: Record<string, string> = {};
      request.url.searchParams.forEach((v, k) => (query[k] = v));
      const signed = await signer.sign({
        method: request.method,
        protocol: request.url.protocol,
        hostname: request.url.hostname,
        port: request.url.port ? Number(request.url.port) : undefined,
        path: request.url.pathname,
        query,
        headers: { ...request.headers, host: request.url.host },
        body: request.body
      });
      Object.assign(request.headers, signed.headers);
      delete request.headers.host; // fetch sets it itself
    };
  } else if (user || password) {
    const basic = `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
    decorate = request => {
      request.headers.authorization = basic;
    };
  }
  return fetchTransport({ baseUrl, decorate, fetch: options.fetch, description: baseUrl });
}
