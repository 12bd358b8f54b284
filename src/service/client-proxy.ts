/**
 * An S3 client for the browser that talks to our Jupyter server's S3 proxy
 * (`<base>/helium/s3/<connection>/…`), which re-signs each request with the server's credentials.
 */
import { S3Client } from '@aws-sdk/client-s3';
import { FetchHttpHandler } from '@smithy/fetch-http-handler';
import { sendBodiesAsBlobs } from './blob-body';
import { setEndpointLabel } from './endpoint';
import { PROXY_PATH_PARAM, proxiedPath } from './proxy-path';
import { deriveRequestSignals } from './request-signals';

/** Options of {@link createProxyClient}. */
export interface ProxyClientOptions {
  /** The proxy URL of one connection, e.g. `http://host/lab-base/helium/s3/default`. */
  proxyUrl: string;
  /** Returns Jupyter's XSRF token (sent as `X-XSRFToken`), when there is one. */
  xsrfToken?: () => string | undefined;
  /** The fetch to use (default: the global fetch). */
  fetch?: typeof fetch;
  /** The real S3 endpoint behind the proxy, for messages only (e.g. `http://127.0.0.1:9000`). */
  endpointLabel?: string;
  /** How many times to try a request (default: the SDK's, 3). */
  maxAttempts?: number;
  /**
   * Send byte bodies as Blobs (blob-body.ts): what the page does, where a typed-array body costs
   * the main thread a long copy. Off by default: under jest, jsdom's Blob is not one Node's fetch
   * can send.
   */
  bodiesAsBlobs?: boolean;
}

/** The name of the middleware that adds the XSRF header. */
const XSRF_MIDDLEWARE = 'heliumXsrfHeader';
/** The name of the middleware that moves unsendable paths into the query (see proxy-path.ts). */
const PATH_MIDDLEWARE = 'heliumProxyPath';

/** A request as seen by the build step: its headers, path and query. */
interface RequestWithHeaders {
  headers: Record<string, string>;
  path?: string;
  query?: Record<string, string | string[] | null>;
}

/**
 * Whether a middleware's request has a headers object we can add to.
 * @param request - the request of the middleware arguments.
 * @returns true for an HTTP request.
 */
function hasHeaders(request: unknown): request is RequestWithHeaders {
  return (
    typeof request === 'object' &&
    request !== null &&
    typeof (request as { headers?: unknown }).headers === 'object' &&
    (request as { headers?: unknown }).headers !== null
  );
}

/**
 * Create an S3 client that sends every request to our Jupyter server's S3 proxy.
 *
 * The browser holds no S3 credentials: requests are unsigned (dummy credentials, a no-op signer)
 * and the server signs them. Requests are path-style under `proxyUrl` (the SDK keeps the URL's
 * base path), carry `X-XSRFToken` when a token is available, are sent with
 * `credentials: 'same-origin'` so Jupyter's cookies go along, and never use aws-chunked bodies or
 * checksum trailers (checksums only when required; we send our own SHA-256 header), and, in the
 * page, send byte bodies as Blobs (`bodiesAsBlobs`). Each request
 * gets an abort signal of its own, derived from the caller's (see request-signals.ts).
 *
 * @param options - the proxy URL, the XSRF token source, an optional fetch and endpoint label.
 * @returns the client.
 */
export function createProxyClient(options: ProxyClientOptions): S3Client {
  const customFetch = options.fetch;
  const s3 = new S3Client({
    // A trailing slash would make the SDK send ListBuckets to `…/default//`.
    endpoint: options.proxyUrl.replace(/\/+$/, ''),
    forcePathStyle: true,
    region: 'us-east-1',
    credentials: { accessKeyId: 'helium-proxy', secretAccessKey: 'signed-by-the-jupyter-server' },
    signer: { sign: async request => request },
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
    ...(options.maxAttempts ? { maxAttempts: options.maxAttempts } : {}),
    requestHandler: new FetchHttpHandler({
      credentials: 'same-origin',
      ...(customFetch ? { customFetch: (input, init) => customFetch(input, init) } : {})
    })
  });
  // Keys with `.`, `..` or empty segments: a browser would rewrite the URL's path and reach
  // another object, so such a path travels in a query parameter the proxy reads.
  const basePath = new URL(options.proxyUrl, 'http://localhost').pathname.replace(/\/+$/, '');
  s3.middlewareStack.add(
    next => async args => {
      const request = args.request;
      if (hasHeaders(request) && typeof request.path === 'string' && request.path.startsWith(`${basePath}/`)) {
        const routed = proxiedPath(basePath, request.path.slice(basePath.length));
        if (routed.param !== undefined) {
          request.path = routed.path;
          request.query = { ...(request.query ?? {}), [PROXY_PATH_PARAM]: routed.param };
        }
      }
      return next(args);
    },
    { step: 'build', name: PATH_MIDDLEWARE }
  );
  const xsrfToken = options.xsrfToken;
  if (xsrfToken) {
    s3.middlewareStack.add(
      next => async args => {
        const token = xsrfToken();
        if (token && hasHeaders(args.request)) {
          args.request.headers['X-XSRFToken'] = token;
        }
        return next(args);
      },
      { step: 'build', name: XSRF_MIDDLEWARE }
    );
  }
  if (options.bodiesAsBlobs) {
    sendBodiesAsBlobs(s3.middlewareStack);
  }
  setEndpointLabel(s3, options.endpointLabel);
  return deriveRequestSignals(s3);
}
