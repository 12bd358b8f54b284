/**
 * The small HTTP transport the OpenSearch backend speaks through, so the same index code runs in
 * Node (the CLI, straight to the cluster, signing itself) and in the browser (through the server's
 * `/helium/search/<connection>/` proxy, which holds the credentials and signs).
 */
import { HeliumError } from '../error-class';

/** One HTTP answer: its status and body text. */
export interface TransportResponse {
  status: number;
  body: string;
}

/** Sends one request to the cluster. `path` starts with `/` and may carry a query. */
export interface OpenSearchTransport {
  /** Where it goes, for messages (never with credentials). */
  readonly description: string;
  request(
    method: 'GET' | 'HEAD' | 'PUT' | 'POST' | 'DELETE',
    path: string,
    body?: string,
    contentType?: string
  ): Promise<TransportResponse>;
}

/** Adds headers to a request just before it is sent (basic auth, a SigV4 signature, XSRF). */
export type RequestDecorator = (request: {
  method: string;
  url: URL;
  headers: Record<string, string>;
  body?: string;
}) => Promise<void> | void;

/** Options of {@link fetchTransport}. */
export interface FetchTransportOptions {
  /** The cluster's (or proxy's) base URL, without credentials. */
  baseUrl: string;
  /** Decorates each request (auth). */
  decorate?: RequestDecorator;
  /** The fetch to use (default: the global one). */
  fetch?: typeof fetch;
  /** What to call it in messages (default: the base URL). */
  description?: string;
  /** Extra fetch options (e.g. `credentials: 'same-origin'` in the browser). */
  init?: RequestInit;
}

/**
 * A transport over `fetch`.
 * @param options - base URL, auth decorator, fetch.
 * @returns the transport.
 */
export function fetchTransport(options: FetchTransportOptions): OpenSearchTransport {
  const base = options.baseUrl.replace(/\/+$/, '');
  const description = options.description ?? base;
  const doFetch = options.fetch ?? fetch;
  return {
    description,
    async request(method, path, body, contentType = 'application/json') {
      const url = new URL(base + path);
      const headers: Record<string, string> = { accept: 'application/json' };
      if (body !== undefined) headers['content-type'] = contentType;
      await options.decorate?.({ method, url, headers, body });
      let response: Response;
      try {
        response = await doFetch(url.toString(), { ...options.init, method, headers, body });
      } catch (err) {
        throw new HeliumError(
          'Network',
          `Cannot reach the OpenSearch cluster at ${description} (${(err as Error).message || 'the connection failed'}). ` +
            'Check that it is running and that its URL is right.',
          { code: 'OpenSearchUnreachable', cause: err }
        );
      }
      return { status: response.status, body: await response.text() };
    }
  };
}

/** The reason OpenSearch (or the proxy) gave in an error body, if any. */
export function errorReason(body: string): string {
  try {
    const parsed = JSON.parse(body) as { error?: unknown; message?: string; Message?: string };
    const error = parsed.error as { reason?: string; type?: string; root_cause?: { reason?: string }[] } | string | undefined;
    if (typeof error === 'string') return error;
    const root = error?.root_cause?.[0]?.reason;
    return error?.reason ?? root ?? parsed.message ?? parsed.Message ?? '';
  } catch {
    // The S3 proxy answers its own errors as XML: <Message>…</Message>.
    const xml = /<Message>([\s\S]*?)<\/Message>/.exec(body)?.[1];
    return xml ?? body.slice(0, 200);
  }
}

/**
 * Turn an OpenSearch error answer into a HeliumError with a clear message.
 * @param response - the answer (status >= 400).
 * @param where - what was being done, e.g. `searching s3://bucket`.
 * @param cluster - the cluster's description.
 * @returns the error to throw.
 */
export function openSearchError(response: TransportResponse, where: string, cluster: string): HeliumError {
  const reason = errorReason(response.body);
  const detail = reason ? `: ${reason}` : '';
  const options = { status: response.status, code: `OpenSearch${response.status}` };
  if (response.status === 401) {
    return new HeliumError(
      'Credentials',
      `The OpenSearch cluster at ${cluster} refused the request while ${where} (401, not signed in${detail}). ` +
        'Give it credentials: basic auth in the URL (https://user:password@host) or HELIUM_OPENSEARCH_USER/PASSWORD, or --aws-sigv4 for AWS OpenSearch Service.',
      options
    );
  }
  if (response.status === 403) {
    return new HeliumError(
      'AccessDenied',
      `The OpenSearch cluster at ${cluster} refused the request while ${where} (403${detail}). ` +
        'Ask its administrator for read (search) or write (index) access to these indexes.',
      options
    );
  }
  if (response.status === 400) {
    return new HeliumError('InvalidInput', `OpenSearch could not run the request while ${where}${detail}.`, options);
  }
  if (response.status === 404) {
    return new HeliumError('NotFound', `OpenSearch has no such index while ${where}${detail}.`, options);
  }
  if (response.status === 502 || response.status === 503 || response.status === 504) {
    return new HeliumError(
      'Network',
      `The OpenSearch cluster at ${cluster} is not answering (${response.status}) while ${where}${detail}. Try again later.`,
      options
    );
  }
  return new HeliumError('Unknown', `OpenSearch answered ${response.status} while ${where}${detail}.`, options);
}
