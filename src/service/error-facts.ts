/**
 * Read the facts that matter (name, code, HTTP status, message, network code) from anything that
 * was thrown: AWS SDK service exceptions, Node system errors, fetch TypeErrors, DOMExceptions.
 */

/** What {@link errorFacts} found in a thrown value. */
export interface ErrorFacts {
  /** `err.name`, e.g. `NoSuchKey`, `AbortError`, `TypeError`. */
  name?: string;
  /** The S3 / proxy error code (`err.Code`), or a Node system error code (`ECONNREFUSED`). */
  code?: string;
  /** The HTTP status of the response, when there was one. */
  status?: number;
  /** The error's own message, unprocessed. */
  message?: string;
  /** A network-level code found on the error or in its `cause` chain (`ECONNREFUSED`, …). */
  networkCode?: string;
  /** Node's code for a TLS certificate it does not trust (`DEPTH_ZERO_SELF_SIGNED_CERT`, …), and its reason. */
  tls?: { code: string; reason: string };
  /** The storage class S3 named in an `InvalidObjectState` error (`GLACIER`, `DEEP_ARCHIVE`, …). */
  storageClass?: string;
  /** The Intelligent-Tiering access tier it named (`ARCHIVE_ACCESS`, `DEEP_ARCHIVE_ACCESS`). */
  accessTier?: string;
  /** An https:// request was answered in plain HTTP (OpenSSL's "wrong version number"). */
  plainHttp?: boolean;
}

/** Node's TLS verification codes: the endpoint's certificate is not trusted. */
const TLS_CODES = new Set([
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'CERT_HAS_EXPIRED',
  'CERT_NOT_YET_VALID',
  'ERR_TLS_CERT_ALTNAME_INVALID',
  'CERT_UNTRUSTED'
]);

/**
 * Whether a Node error code is a TLS certificate it does not trust.
 * @param code - the code.
 * @returns true for certificate verification failures.
 */
export function isTlsTrustCode(code: string | undefined): boolean {
  return code !== undefined && TLS_CODES.has(code);
}

/**
 * A TLS trust failure on `err` or along its `cause` chain.
 * @param err - the thrown value.
 * @returns its code and Node's reason ("self-signed certificate"), if any.
 */
function tlsFailureOf(err: unknown): { code: string; reason: string } | undefined {
  let current: unknown = err;
  for (let depth = 0; depth < 5 && typeof current === 'object' && current !== null; depth++) {
    const code = stringProp(current, 'code');
    if (code && TLS_CODES.has(code)) {
      return { code, reason: stringProp(current, 'message') ?? code };
    }
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

/**
 * Whether a TLS handshake met a server speaking plain HTTP (an https:// URL for an http://
 * server): Node says `EPROTO … ssl3_get_record:wrong version number`, on the error or a cause.
 * @param err - the thrown value.
 * @returns true when so.
 */
function answeredInPlainHttp(err: unknown): boolean {
  let current: unknown = err;
  for (let depth = 0; depth < 5 && typeof current === 'object' && current !== null; depth++) {
    if (stringProp(current, 'code') === 'EPROTO' && /wrong version number/i.test(stringProp(current, 'message') ?? '')) {
      return true;
    }
    current = (current as { cause?: unknown }).cause;
  }
  return false;
}

/** Node / undici error codes that mean "the server could not be reached or the link broke". */
const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EPIPE',
  'ECONNABORTED',
  'EPROTO',
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_SOCKET',
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT',
  'TimeoutError',
  'RequestTimeout'
]);

/**
 * Read a string property of an unknown value.
 * @param value - any value.
 * @param prop - the property name.
 * @returns the property when it is a non-empty string.
 */
function stringProp(value: unknown, prop: string): string | undefined {
  if (typeof value !== 'object' || value === null) {
    return undefined;
  }
  const v = (value as Record<string, unknown>)[prop];
  return typeof v === 'string' && v.length > 0 ? v : undefined;
}

/**
 * Read the HTTP status of an SDK error (`$metadata.httpStatusCode` or `$response.statusCode`).
 * @param err - the thrown value.
 * @returns the status, when there is one.
 */
function statusOf(err: unknown): number | undefined {
  if (typeof err !== 'object' || err === null) {
    return undefined;
  }
  const e = err as {
    $metadata?: { httpStatusCode?: unknown };
    $response?: { statusCode?: unknown };
    statusCode?: unknown;
  };
  for (const candidate of [e.$metadata?.httpStatusCode, e.$response?.statusCode, e.statusCode]) {
    if (typeof candidate === 'number' && candidate > 0) {
      return candidate;
    }
  }
  return undefined;
}

/**
 * Look for a network error code on `err` and along its `cause` chain (Node's fetch wraps
 * `ECONNREFUSED` in a `TypeError: fetch failed`, and some handlers nest further).
 * @param err - the thrown value.
 * @returns the first network code found.
 */
function networkCodeOf(err: unknown): string | undefined {
  let current: unknown = err;
  for (let depth = 0; depth < 5 && typeof current === 'object' && current !== null; depth++) {
    for (const prop of ['code', 'name', 'errno']) {
      const v = stringProp(current, prop);
      if (v && NETWORK_CODES.has(v)) {
        return v;
      }
    }
    const nested = (current as { errors?: unknown }).errors;
    if (Array.isArray(nested) && nested.length > 0) {
      const inner = networkCodeOf(nested[0]);
      if (inner) {
        return inner;
      }
    }
    current = (current as { cause?: unknown }).cause;
  }
  // Errors from another realm can reach us only as text ("AWS SDK error wrapper for Error:
  // connect ECONNREFUSED 127.0.0.1:1"): take the code from the message.
  const message = stringProp(err, 'message') ?? '';
  const inText = /\b(ECONNREFUSED|ECONNRESET|ENOTFOUND|EAI_AGAIN|ETIMEDOUT|EHOSTUNREACH|ENETUNREACH)\b/.exec(message);
  return inText ? inText[1] : undefined;
}

/**
 * Extract the facts of a thrown value.
 * @param err - anything that was thrown.
 * @returns its name, code, status, message and network code, where present.
 */
export function errorFacts(err: unknown): ErrorFacts {
  if (typeof err === 'string') {
    return { message: err };
  }
  const facts: ErrorFacts = {
    name: stringProp(err, 'name'),
    code: stringProp(err, 'Code') ?? stringProp(err, 'code'),
    status: statusOf(err),
    message: stringProp(err, 'message'),
    networkCode: networkCodeOf(err),
    tls: tlsFailureOf(err),
    plainHttp: answeredInPlainHttp(err)
  };
  const storageClass = stringProp(err, 'StorageClass');
  const accessTier = stringProp(err, 'AccessTier');
  if (storageClass) {
    facts.storageClass = storageClass;
  }
  if (accessTier) {
    facts.accessTier = accessTier;
  }
  return facts;
}

/**
 * Whether a thrown value is a fetch failure: browsers and Node throw a `TypeError` whose message
 * depends on the engine ("Failed to fetch", "NetworkError when attempting to fetch resource.",
 * "Load failed", "fetch failed").
 * @param facts - the facts of the error.
 * @returns true for a fetch-level network failure.
 */
export function isFetchFailure(facts: ErrorFacts): boolean {
  if (facts.name !== 'TypeError' || facts.status !== undefined) {
    return false;
  }
  return /failed to fetch|networkerror|load failed|fetch failed|network request failed/i.test(facts.message ?? '');
}

/**
 * Whether a thrown value means the operation was aborted by its caller.
 * @param err - the thrown value.
 * @param facts - its facts.
 * @returns true for an abort.
 */
export function isAbort(err: unknown, facts: ErrorFacts): boolean {
  if (facts.name === 'AbortError' || facts.code === 'ABORT_ERR') {
    return true;
  }
  // A DOMException with the legacy ABORT_ERR code (20).
  return typeof err === 'object' && err !== null && (err as { code?: unknown }).code === 20 && facts.name === 'AbortError';
}

/**
 * Make a foreign error message safe to show: no markup, no stack, one line, bounded length.
 * Returns undefined when nothing useful is left (e.g. the SDK's "UnknownError").
 * @param message - a message from S3, the proxy or the SDK.
 * @returns a clean sentence fragment, or undefined.
 */
export function cleanMessage(message: string | undefined): string | undefined {
  if (!message) {
    return undefined;
  }
  let text = message;
  // The message may itself be an XML error document.
  const xmlMessage = /<Message>([\s\S]*?)<\/Message>/i.exec(text);
  if (xmlMessage) {
    text = xmlMessage[1];
  }
  text = text
    .replace(/<[^>]*>/g, ' ')
    .split(/\r?\n\s*at\s/)[0] // drop a stack trace
    .split(/\r?\n/)[0]
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ')
    .trim();
  if (!text || /^(UnknownError|Unknown|null|undefined)$/i.test(text) || /XML parse error|Deserialization error|deserializ/i.test(text)) {
    return undefined;
  }
  text = text.replace(/[.\s]+$/, '');
  return text.length > 300 ? `${text.slice(0, 299)}…` : text;
}
