import { HeliumError, isHeliumError, throwIfAborted } from './error-class';
import { toHeliumError } from './errors';
import { cleanMessage } from './error-facts';

/** An error shaped like the AWS SDK v3's S3ServiceException for a response with an XML body. */
function sdkError(code: string, status: number, message = 'S3 says no', extra: Record<string, unknown> = {}): Error {
  const err = new Error(message);
  err.name = code;
  Object.assign(err, {
    $fault: status >= 500 ? 'server' : 'client',
    $metadata: { httpStatusCode: status, requestId: 'REQ1', attempts: 1, totalRetryDelay: 0 },
    Code: code,
    RequestId: 'REQ1',
    HostId: 'HOST1',
    ...extra
  });
  return err;
}

/** An error shaped like the SDK's for a HEAD response (no body): name from status, "UnknownError". */
function headError(name: string, status: number): Error {
  const err = new Error('UnknownError');
  err.name = name;
  Object.assign(err, { $fault: 'client', $metadata: { httpStatusCode: status } });
  return err;
}

const get = { action: 'GetObject', bucket: 'b-1', key: 'dir/a b.txt' };

describe('toHeliumError: S3 errors', () => {
  it('NoSuchBucket → NotFound with an actionable message', () => {
    const cause = sdkError('NoSuchBucket', 404, 'The specified bucket does not exist', { BucketName: 'x' });
    const err = toHeliumError(cause, { action: 'ListObjectsV2', bucket: 'x', key: '' });
    expect(err).toBeInstanceOf(HeliumError);
    expect(err.kind).toBe('NotFound');
    expect(err.code).toBe('NoSuchBucket');
    expect(err.status).toBe(404);
    expect(err.message).toBe('Bucket "x" does not exist on this endpoint. Check the name, or pick another bucket.');
    expect(err.hint).toBe('Check the name, or pick another bucket.');
    expect(err.cause).toBe(cause);
  });

  it('NoSuchBucket at an endpoint URL with a path says that S3 looks for the bucket under it', () => {
    const cause = sdkError('NoSuchBucket', 404, 'The specified bucket does not exist', { BucketName: 's3' });
    const context = { action: 'ListObjectsV2', bucket: 'data', key: '' };
    const pathy = toHeliumError(cause, { ...context, endpoint: 'http://127.0.0.1:9000/s3/' });
    expect(pathy.kind).toBe('NotFound');
    expect(pathy.hint).toBe(
      "The endpoint URL http://127.0.0.1:9000/s3/ has a path (/s3), and S3 looks for every bucket under it: an S3 endpoint is a scheme, a host and a port only. Correct the endpoint URL, or check the bucket's name."
    );
    for (const endpoint of ['http://127.0.0.1:9000', 'http://127.0.0.1:9000/', 'AWS S3 (us-east-1)']) {
      expect(toHeliumError(cause, { ...context, endpoint }).hint).toBe('Check the name, or pick another bucket.');
    }
  });

  it('NoSuchKey, NoSuchVersion and HEAD 404 → NotFound naming the object', () => {
    const key = toHeliumError(sdkError('NoSuchKey', 404, 'The specified key does not exist.'), get);
    expect(key.kind).toBe('NotFound');
    expect(key.message).toMatch(/^s3:\/\/b-1\/dir\/a%20b\.txt does not exist\. .*refresh/);

    const version = toHeliumError(sdkError('NoSuchVersion', 404), { ...get, versionId: 'v1' });
    expect(version.kind).toBe('NotFound');
    expect(version.message).toContain('Version "v1" of s3://b-1/dir/a%20b.txt does not exist');

    const head = toHeliumError(headError('NotFound', 404), { ...get, action: 'HeadObject' });
    expect(head.kind).toBe('NotFound');
    expect(head.code).toBe('NotFound');
    expect(head.message).toContain('s3://b-1/dir/a%20b.txt was not found');
    expect(head.message).not.toContain('UnknownError');

    const headBucket = toHeliumError(headError('NotFound', 404), { action: 'HeadBucket', bucket: 'nope' });
    expect(headBucket.message).toContain('Bucket "nope" does not exist');
  });

  it('AccessDenied / 403 → AccessDenied naming the missing permission', () => {
    const err = toHeliumError(sdkError('AccessDenied', 403, 'Access Denied'), { action: 'GetObject', bucket: 'b', key: 'k' });
    expect(err.kind).toBe('AccessDenied');
    expect(err.message).toMatch(/^Access denied to s3:\/\/b\/k\. Your credentials lack s3:GetObject/);

    const version = toHeliumError(sdkError('AccessDenied', 403), { action: 'GetObject', bucket: 'b', key: 'k', versionId: 'v' });
    expect(version.message).toContain('s3:GetObjectVersion');

    const list = toHeliumError(sdkError('AccessDenied', 403), { action: 'ListObjectsV2', bucket: 'b', key: 'p/' });
    expect(list.message).toContain('s3:ListBucket');

    const buckets = toHeliumError(sdkError('AccessDenied', 403), { action: 'ListBuckets' });
    expect(buckets.message).toContain('s3:ListAllMyBuckets');

    // HEAD has no body: the SDK only knows the status.
    const head = toHeliumError(headError('Unknown', 403), { action: 'HeadObject', bucket: 'b', key: 'k' });
    expect(head.kind).toBe('AccessDenied');
    expect(head.status).toBe(403);
  });

  it('credential problems → Credentials', () => {
    const ctx = { ...get, endpoint: 'http://127.0.0.1:9000' };
    const unknownKey = toHeliumError(
      sdkError('InvalidAccessKeyId', 403, 'The AWS Access Key Id you provided does not exist in our records.'),
      ctx
    );
    expect(unknownKey.kind).toBe('Credentials');
    expect(unknownKey.message).toContain('The S3 endpoint http://127.0.0.1:9000 does not know the access key');

    const signature = toHeliumError(sdkError('SignatureDoesNotMatch', 403), ctx);
    expect(signature.kind).toBe('Credentials');
    expect(signature.message).toContain('secret key does not match');

    const expired = toHeliumError(sdkError('ExpiredToken', 400, 'The provided token has expired.'), ctx);
    expect(expired.kind).toBe('Credentials');
    expect(expired.message).toContain('have expired');

    const provider = new Error('Could not load credentials from any providers');
    provider.name = 'CredentialsProviderError';
    expect(toHeliumError(provider, ctx).kind).toBe('Credentials');
  });

  it('PreconditionFailed (412) → Conflict', () => {
    const err = toHeliumError(
      sdkError('PreconditionFailed', 412, 'At least one of the pre-conditions you specified did not hold', { Condition: 'If-None-Match' }),
      { action: 'PutObject', bucket: 'b', key: 'k' }
    );
    expect(err.kind).toBe('Conflict');
    expect(err.status).toBe(412);
    expect(err.message).toContain('s3://b/k already exists');
    expect(err.message).toContain('nothing was written');
    // A read pinned to an ETag that no longer holds says so, not that a write failed.
    const read = toHeliumError(sdkError('PreconditionFailed', 412), { action: 'GetObject', bucket: 'b', key: 'k' });
    expect(read.kind).toBe('Conflict');
    expect(read.message).toContain('s3://b/k was replaced by a new write while it was being read');
    expect(read.message).not.toContain('nothing was written');
  });

  it('InvalidBucketName and InvalidRange → InvalidInput', () => {
    const name = toHeliumError(sdkError('InvalidBucketName', 400), { action: 'ListObjectsV2', bucket: 'Bad_Name' });
    expect(name.kind).toBe('InvalidInput');
    expect(name.message).toContain('"Bad_Name" is not a valid bucket name');
    const range = toHeliumError(sdkError('InvalidRange', 416), get);
    expect(range.kind).toBe('InvalidInput');
  });

  it('InvalidObjectState → Archived, naming the archive and how to get the bytes back (not "access denied")', () => {
    const invalid = "The operation is not valid for the object's storage class";
    const glacier = toHeliumError(sdkError('InvalidObjectState', 403, invalid, { StorageClass: 'GLACIER' }), get);
    expect(glacier.kind).toBe('Archived');
    expect(glacier.message).toContain('s3://b-1/dir/a%20b.txt is archived in S3 Glacier Flexible Retrieval');
    expect(glacier.message).toContain('Restore from Archive…');
    expect(glacier.message).not.toMatch(/access denied|lack/i);
    const deep = toHeliumError(sdkError('InvalidObjectState', 403, invalid, { StorageClass: 'DEEP_ARCHIVE' }), get);
    expect(deep.message).toContain('archived in S3 Glacier Deep Archive');
    const tiered = toHeliumError(
      sdkError('InvalidObjectState', 403, invalid, { StorageClass: 'INTELLIGENT_TIERING', AccessTier: 'ARCHIVE_ACCESS' }),
      get
    );
    expect(tiered.message).toContain("archived in S3 Intelligent-Tiering's Archive Access tier");
    const unnamed = toHeliumError(sdkError('InvalidObjectState', 403, invalid), get);
    expect(unnamed.message).toContain('s3://b-1/dir/a%20b.txt is archived: S3 serves its bytes only from a restored copy.');
    const copy = toHeliumError(
      sdkError('ObjectNotInActiveTierError', 403, 'The source object of the COPY action is not in the active tier'),
      {
        ...get,
        action: 'CopyObject'
      }
    );
    expect(copy.kind).toBe('Archived');
    expect(copy.message).toContain('The source of the copy to s3://b-1/dir/a%20b.txt is archived');
  });

  it('overload and server errors', () => {
    expect(toHeliumError(sdkError('SlowDown', 503), get).kind).toBe('Network');
    const internal = toHeliumError(sdkError('InternalError', 500, 'We encountered an internal error.'), get);
    expect(internal.kind).toBe('Unknown');
    expect(internal.message).toContain('internal error');
  });
});

describe('toHeliumError: our Jupyter proxy', () => {
  it('surfaces the proxy message for its codes', () => {
    const unknownConnection = toHeliumError(sdkError('UnknownConnection', 404, 'No S3 connection named "prod" is configured.'), get);
    expect(unknownConnection.kind).toBe('NotFound');
    expect(unknownConnection.code).toBe('UnknownConnection');
    // The proxy's message already says what to do: no second hint is appended.
    expect(unknownConnection.message).toBe('No S3 connection named "prod" is configured.');

    const unreachable = toHeliumError(
      sdkError('EndpointUnreachable', 502, 'Cannot connect to http://minio:9000 (connection refused)'),
      get
    );
    expect(unreachable.kind).toBe('Network');
    expect(unreachable.message).toContain('Cannot connect to http://minio:9000 (connection refused).');

    const missing = toHeliumError(sdkError('CredentialsMissing', 403, 'No credentials for connection "default"'), get);
    expect(missing.kind).toBe('Credentials');
    expect(missing.message).toContain('No credentials for connection "default".');

    const refused = toHeliumError(
      sdkError('NotAuthorized', 403, "This Jupyter user may not write through helium. Ask the server's administrator for that permission."),
      { action: 'PutObject', bucket: 'b', key: 'k' }
    );
    expect(refused.kind).toBe('AccessDenied');
    expect(refused.message).toContain('may not write through helium');
    expect(refused.message).not.toMatch(/credentials lack|bucket's owner/);

    const proxy = toHeliumError(sdkError('ProxyError', 502, 'Upstream closed the connection'), get);
    expect(proxy.kind).toBe('Network');
    expect(proxy.message).toContain('Upstream closed the connection.');

    const invalid = toHeliumError(sdkError('InvalidRequest', 400, 'Bucket name missing from the path'), get);
    expect(invalid.kind).toBe('InvalidInput');
    expect(invalid.message).toContain('Bucket name missing from the path.');
  });

  it('falls back to its own words when the proxy gives none (HEAD)', () => {
    const err = toHeliumError(headError('Unknown', 502), { ...get, action: 'HeadObject', endpoint: 'http://s3.local' });
    expect(err.kind).toBe('Network');
    expect(err.message).toContain('http://s3.local');
    expect(err.message).toContain('HTTP 502');
  });
});

describe('toHeliumError: network and cancellation', () => {
  it('ECONNREFUSED (Node) → Network naming the endpoint', () => {
    const cause = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), {
      code: 'ECONNREFUSED',
      errno: -111,
      syscall: 'connect',
      $metadata: {}
    });
    const err = toHeliumError(cause, { ...get, endpoint: 'http://127.0.0.1:1' });
    expect(err.kind).toBe('Network');
    expect(err.code).toBe('ECONNREFUSED');
    expect(err.message).toMatch(/^Cannot reach the S3 endpoint http:\/\/127\.0\.0\.1:1: is it running\?/);
  });

  it('fetch failures in browsers and Node → Network', () => {
    for (const message of ['Failed to fetch', 'NetworkError when attempting to fetch resource.', 'Load failed']) {
      const err = toHeliumError(Object.assign(new TypeError(message), { $metadata: {} }), get);
      expect(err.kind).toBe('Network');
      expect(err.message).toContain('Cannot reach the S3 endpoint');
    }
    const node = new TypeError('fetch failed', { cause: Object.assign(new Error('refused'), { code: 'ECONNREFUSED' }) });
    expect(toHeliumError(node, get).kind).toBe('Network');
    // A TypeError that is a bug, not a network failure.
    expect(toHeliumError(new TypeError('x is not a function'), get).kind).toBe('Unknown');
  });

  it('aborts → Cancelled', () => {
    const sdkAbort = Object.assign(new Error('Request aborted'), { name: 'AbortError', $metadata: {} });
    const err = toHeliumError(sdkAbort, { action: 'ListObjectsV2', bucket: 'b', key: 'p/' });
    expect(err.kind).toBe('Cancelled');
    expect(err.message).toBe('Listing s3://b/p/ was cancelled.');
    expect(toHeliumError(new DOMException('The operation was aborted.', 'AbortError'), get).kind).toBe('Cancelled');
  });

  it('throwIfAborted', () => {
    const controller = new AbortController();
    expect(() => throwIfAborted(controller.signal, 'Listing')).not.toThrow();
    controller.abort();
    expect(() => throwIfAborted(controller.signal, 'Listing')).toThrow('Listing was cancelled.');
  });
});

describe('toHeliumError: messages are for people', () => {
  it('never shows XML, SDK internals or stack traces', () => {
    const xml = sdkError(
      'WeirdError',
      500,
      '<?xml version="1.0"?><Error><Code>WeirdError</Code><Message>Disk &amp; fire</Message></Error>'
    );
    const err = toHeliumError(xml, get);
    expect(err.kind).toBe('Unknown');
    expect(err.message).toBe('Reading s3://b-1/dir/a%20b.txt failed: Disk & fire. Try again; if it keeps failing, report this message.');

    const parse = Object.assign(
      new Error(
        '@aws-sdk XML parse error: unexpected content.\n  Deserialization error: to see the raw response, inspect the hidden field {error}.$response on this object.'
      ),
      { $metadata: { httpStatusCode: 500 } }
    );
    const parsed = toHeliumError(parse, get);
    expect(parsed.message).toBe(
      'Reading s3://b-1/dir/a%20b.txt failed: the server answered HTTP 500. Try again; if it keeps failing, report this message.'
    );

    const stack = new Error('boom\n    at foo (file.js:1:1)\n    at bar (file.js:2:2)');
    const plain = toHeliumError(stack, get);
    expect(plain.message).not.toContain(' at foo');
    for (const e of [err, parsed, plain]) {
      expect(e.message).not.toMatch(/<|>|Deserialization|\$response/);
    }
  });

  it('HTML error pages (e.g. from a reverse proxy) are reduced to their status', () => {
    const html = Object.assign(new Error('<html><body><h1>403 Forbidden</h1></body></html>'), {
      name: 'Unknown',
      $metadata: { httpStatusCode: 403 }
    });
    const err = toHeliumError(html, get);
    expect(err.kind).toBe('AccessDenied');
    expect(err.message).not.toContain('<');
  });

  it('keeps HeliumErrors and handles odd values', () => {
    const original = new HeliumError('Conflict', 'Already there.');
    expect(toHeliumError(original, get)).toBe(original);
    expect(isHeliumError(original, 'Conflict')).toBe(true);
    expect(isHeliumError(original, 'NotFound')).toBe(false);
    expect(isHeliumError(new Error('x'))).toBe(false);
    expect(toHeliumError('just a string', get).message).toContain('just a string');
    expect(toHeliumError(undefined, get).kind).toBe('Unknown');
    expect(toHeliumError(null, { action: 'ListBuckets' }).message).toMatch(/^Listing buckets failed/);
  });

  it('cleanMessage', () => {
    expect(cleanMessage('UnknownError')).toBeUndefined();
    expect(cleanMessage('x'.repeat(400))).toHaveLength(300);
    expect(cleanMessage('Line one.\nLine two')).toBe('Line one');
  });
});

describe('toHeliumError: bad set-ups', () => {
  it("the proxy's set-up faults: its message (the fix is on the Jupyter server), their kind", () => {
    const said = "Connection 'lab': The session credentials have expired (ExpiredToken). Renew them, then restart the Jupyter server.";
    const expired = toHeliumError(sdkError('CredentialsExpired', 403, said), get);
    expect([expired.kind, expired.message]).toEqual(['Credentials', said]);
    const skewed = toHeliumError(sdkError('ClockSkewed', 403, "Connection 'lab': The clock is off. Set it right"), get);
    expect([skewed.kind, skewed.message]).toEqual(['Credentials', "Connection 'lab': The clock is off. Set it right."]);
    const tls = toHeliumError(
      sdkError('EndpointCertificateUntrusted', 502, 'The TLS certificate of h is not trusted. Set SSL_CERT_FILE'),
      get
    );
    expect(tls.kind).toBe('Network');
    // Without a message (a HEAD), our own words say where the fix is.
    const head = toHeliumError(headError('ClockSkewed', 403), { ...get, action: 'HeadObject' });
    expect(head.message).toBe(
      "The Jupyter server's clock is more than 15 minutes off the S3 server's. Set the clock of the Jupyter server's machine right (network time, NTP)."
    );
  });

  it('an untrusted certificate anywhere in the cause chain (the CLI talks to S3 itself)', () => {
    const cause = Object.assign(new Error('self-signed certificate'), { code: 'DEPTH_ZERO_SELF_SIGNED_CERT' });
    const wrapped = new Error('fetch failed', { cause });
    const err = toHeliumError(wrapped, { ...get, endpoint: 'https://minio.lab:9000' });
    expect(err.kind).toBe('Network');
    expect(err.message).toBe(
      'The TLS certificate of the S3 endpoint https://minio.lab:9000 is not trusted (self-signed certificate). Set NODE_EXTRA_CA_CERTS to a PEM file holding the CA certificate that signed it (or the self-signed certificate itself), then try again.'
    );
  });

  it('an https:// address for a server that speaks plain HTTP (it said "is it running?")', () => {
    const cause = Object.assign(new Error('write EPROTO 80DC:error:0A00010B:SSL routines:ssl3_get_record:wrong version number'), {
      code: 'EPROTO'
    });
    const err = toHeliumError(new Error('fetch failed', { cause }), { ...get, endpoint: 'https://127.0.0.1:9000' });
    expect(err.kind).toBe('Network');
    expect(err.message).toBe(
      'Cannot talk HTTPS to the S3 endpoint https://127.0.0.1:9000: it answers in plain HTTP. Use its http:// address.'
    );
  });

  it("S3's RequestTimeTooSkewed, met by the CLI: this computer's clock", () => {
    const err = toHeliumError(
      sdkError('RequestTimeTooSkewed', 403, 'The difference between the request time and the current time is too large.'),
      get
    );
    expect(err.kind).toBe('Credentials');
    expect(err.message).toMatch(/^This computer's clock is more than 15 minutes off the S3 server's/);
    expect(err.message).toMatch(/turning on network time \(NTP\)\.$/);
  });
});
