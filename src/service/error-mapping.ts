/**
 * Map any error thrown while talking to S3 (AWS SDK exceptions, our Jupyter proxy's S3-style
 * errors, network failures, aborts) to a {@link HeliumError} with a message a person can act on.
 */
import { archiveName } from './archive-names';
import { endpointPath } from './endpoint';
import { HeliumError } from './error-class';
import { ErrorFacts, errorFacts, isAbort, isFetchFailure } from './error-facts';
import { describeAction, describeEndpoint, describeTarget, ErrorContext, requiredPermission } from './error-messages';
import { PROXY_RULES } from './error-proxy-rules';
import { Rule, serverSays } from './error-rule';

export type { ErrorContext } from './error-messages';

/** "Bucket "x" does not exist on this endpoint." */
const noSuchBucket: Rule = ctx => {
  const path = endpointPath(ctx.endpoint);
  return {
    kind: 'NotFound',
    what: ctx.bucket ? `Bucket "${ctx.bucket}" does not exist on this endpoint.` : 'The bucket does not exist on this endpoint.',
    hint: path
      ? `The endpoint URL ${ctx.endpoint} has a path (${path}), and S3 looks for every bucket under it: an S3 endpoint is a scheme, a host and a port only. Correct the endpoint URL, or check the bucket's name.`
      : 'Check the name, or pick another bucket.'
  };
};

/** A key, version or bucket that is not there (HEAD 404 cannot say which). */
const notFound: Rule = ctx => {
  if (!ctx.key) {
    return noSuchBucket(ctx, {});
  }
  return {
    kind: 'NotFound',
    what: `${describeTarget(ctx)} was not found: the object${ctx.versionId ? ', that version' : ''} or its bucket does not exist.`,
    hint: 'It may have been deleted or renamed: refresh the listing.'
  };
};

/** Permission problems: name the permission that is missing. */
const accessDenied: Rule = ctx => {
  const permission = requiredPermission(ctx);
  if (ctx.action === 'ListBuckets') {
    return {
      kind: 'AccessDenied',
      what: `Access denied to the list of buckets. Your credentials lack ${permission}.`,
      hint: 'Type the name of a bucket you can read instead, or ask for that permission.'
    };
  }
  const target = describeTarget(ctx) || 'this bucket';
  return {
    kind: 'AccessDenied',
    what: `Access denied to ${target}. Your credentials lack ${permission} on it.`,
    hint: "Ask the bucket's owner for access, or use another connection."
  };
};

/** Credentials the endpoint did not accept. */
const credentialsRule =
  (what: (ctx: ErrorContext) => string, hint: string): Rule =>
  ctx => ({ kind: 'Credentials', what: what(ctx), hint });

/** Expired temporary credentials. */
const expired = credentialsRule(() => 'Your S3 credentials have expired.', 'Renew them (for example with "aws sso login") and try again.');

/** A read pinned by ETag (`If-Match`) whose object was replaced since; else a write whose precondition failed, or a resource that already exists. */
const conflict: Rule = (ctx, facts) =>
  ctx.key && (ctx.action === 'GetObject' || ctx.action === 'HeadObject')
    ? {
        kind: 'Conflict',
        what: `${describeTarget(ctx)} was replaced by a new write while it was being read; what was read of it is not used.`,
        hint: 'Reload the object, then try again.'
      }
    : writeConflict(ctx, facts);

/** A write whose precondition failed, or a resource that already exists. */
const writeConflict: Rule = ctx => ({
  kind: 'Conflict',
  what: ctx.key
    ? `${describeTarget(ctx)} already exists or changed meanwhile; nothing was written.`
    : `${describeAction(ctx)} conflicts with a change made meanwhile; nothing was changed.`,
  hint: 'Reload, then choose another name or try again.'
});

/** Bad input S3 refused; surface S3's own explanation. */
const invalidInput: Rule = (ctx, facts) => ({
  kind: 'InvalidInput',
  what: `${describeAction(ctx)} was refused as invalid: ${serverSays(facts) ?? 'the request is not valid.'}`,
  hint: 'Check the name and the values given.'
});

/** The endpoint cannot be reached (or, for an https:// address, speaks plain HTTP). */
const unreachable: Rule = (ctx, facts) => ({
  kind: 'Network',
  what: facts.plainHttp
    ? `Cannot talk HTTPS to ${describeEndpoint(ctx)}: it answers in plain HTTP.`
    : `Cannot reach ${describeEndpoint(ctx)}: is it running?`,
  hint: facts.plainHttp ? 'Use its http:// address.' : 'Check its address and your network connection, then try again.'
});

/** The endpoint (or something in front of it) is overloaded or failing. */
const unavailable: Rule = (ctx, facts) => ({
  kind: 'Network',
  what: `${describeEndpoint(ctx).replace(/^the/, 'The')} is unavailable or busy${facts.status ? ` (HTTP ${facts.status})` : ''}.`,
  hint: 'Wait a moment and try again.'
});

/** A certificate Node does not trust (the CLI talks to S3 itself; through the proxy it is the server's). */
const untrustedCertificate: Rule = (ctx, facts) => ({
  kind: 'Network',
  what: `The TLS certificate of ${describeEndpoint(ctx)} is not trusted (${facts.tls?.reason ?? 'certificate verify failed'}).`,
  hint: 'Set NODE_EXTRA_CA_CERTS to a PEM file holding the CA certificate that signed it (or the self-signed certificate itself), then try again.'
});

/** An object whose bytes are archived: they can be read only from a restored copy. */
const archived: Rule = (ctx, facts) => {
  const where = archiveName(facts.storageClass, facts.accessTier);
  const copy = ctx.action === 'CopyObject' || ctx.action === 'UploadPartCopy';
  return {
    kind: 'Archived',
    what: copy
      ? `The source of the copy to ${describeTarget(ctx) || 'this key'} is archived${where ? ` in ${where}` : ''}: S3 copies archived objects only once they are restored; nothing was written.`
      : `${describeTarget(ctx) || 'The object'} is archived${where ? ` in ${where}` : ''}: S3 serves its bytes only from a restored copy.`,
    hint: 'Ask for a restored copy (right-click it in the S3 panel › Restore from Archive…), and try again once the restore is done (minutes to hours; up to 48 hours from Deep Archive).'
  };
};

/** Mapping of S3 and proxy error codes to rules. */
const BY_CODE: Record<string, Rule> = {
  NoSuchBucket: noSuchBucket,
  NoSuchKey: ctx => ({
    kind: 'NotFound',
    what: `${describeTarget(ctx) || 'The object'} does not exist.`,
    hint: 'It may have been deleted or renamed: refresh the listing.'
  }),
  NoSuchVersion: ctx => ({
    kind: 'NotFound',
    what: `Version ${ctx.versionId ? `"${ctx.versionId}" ` : ''}of ${describeTarget({ ...ctx, versionId: undefined }) || 'the object'} does not exist.`,
    hint: 'It may have been deleted: refresh the list of versions.'
  }),
  NotFound: notFound,
  NoSuchUpload: ctx => ({
    kind: 'NotFound',
    what: `The upload of ${describeTarget(ctx) || 'the object'} no longer exists (it was completed or cancelled).`,
    hint: 'Start the upload again.'
  }),
  MethodNotAllowed: (ctx, facts) =>
    ctx.versionId
      ? {
          kind: 'NotFound',
          what: `${describeTarget(ctx)} is a delete marker: it has no content.`,
          hint: 'Pick an older version.'
        }
      : invalidInput(ctx, facts),
  AccessDenied: accessDenied,
  Forbidden: accessDenied,
  AllAccessDisabled: accessDenied,
  AccountProblem: accessDenied,
  InvalidAccessKeyId: credentialsRule(
    ctx => `${describeEndpoint(ctx).replace(/^the/, 'The')} does not know the access key in use.`,
    'Check the credentials configured for this connection.'
  ),
  SignatureDoesNotMatch: credentialsRule(
    ctx =>
      `${describeEndpoint(ctx).replace(/^the/, 'The')} rejected the request's signature: the secret key does not match the access key.`,
    'Check the credentials configured for this connection.'
  ),
  ExpiredToken: expired,
  ExpiredTokenException: expired,
  TokenRefreshRequired: expired,
  InvalidToken: credentialsRule(() => 'The session token of your S3 credentials is not valid.', 'Renew your credentials and try again.'),
  CredentialsProviderError: credentialsRule(
    () => 'No S3 credentials were found.',
    'Set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, choose a profile with AWS_PROFILE, or sign in with "aws sso login".'
  ),
  // Through the Jupyter proxy this arrives as ClockSkewed (the server's clock); here it is ours.
  RequestTimeTooSkewed: credentialsRule(
    () => "This computer's clock is more than 15 minutes off the S3 server's, so S3 refuses its requests (RequestTimeTooSkewed).",
    'Set the clock of this computer right, best by turning on network time (NTP).'
  ),
  PreconditionFailed: conflict,
  ConditionalRequestConflict: conflict,
  OperationAborted: conflict,
  BucketAlreadyExists: ctx => ({
    kind: 'Conflict',
    what: `Bucket "${ctx.bucket}" already exists (bucket names are shared by all accounts).`,
    hint: 'Choose another name.'
  }),
  BucketAlreadyOwnedByYou: ctx => ({
    kind: 'Conflict',
    what: `You already own bucket "${ctx.bucket}".`,
    hint: 'Use it, or choose another name.'
  }),
  InvalidBucketName: ctx => ({
    kind: 'InvalidInput',
    what: `"${ctx.bucket ?? ''}" is not a valid bucket name.`,
    hint: 'Bucket names are 3 to 63 lowercase letters, digits, dots and hyphens.'
  }),
  InvalidObjectState: archived,
  // What S3 answers a copy (or a part copy) whose source is archived.
  ObjectNotInActiveTierError: archived,
  InvalidRange: ctx => ({
    kind: 'InvalidInput',
    what: `The requested byte range is outside ${describeTarget(ctx) || 'the object'}.`,
    hint: 'Reload the object to get its current size, then try again.'
  }),
  KeyTooLongError: () => ({
    kind: 'InvalidInput',
    what: 'The object key is longer than S3 allows (1,024 bytes).',
    hint: 'Use a shorter name or fewer folders.'
  }),
  MetadataTooLarge: () => ({
    kind: 'InvalidInput',
    what: 'The metadata is larger than S3 allows (2 KB).',
    hint: 'Store less metadata, or keep large metadata in a separate object.'
  }),
  InvalidArgument: invalidInput,
  InvalidRequest: invalidInput,
  InvalidObjectName: invalidInput,
  InvalidURI: invalidInput,
  MalformedXML: invalidInput,
  InvalidDigest: invalidInput,
  InvalidPart: invalidInput,
  InvalidPartOrder: invalidInput,
  EntityTooSmall: invalidInput,
  EntityTooLarge: ctx => ({
    kind: 'InvalidInput',
    what: `${describeTarget(ctx) || 'The object'} is larger than S3 allows for this kind of upload.`,
    hint: 'Use a multipart upload.'
  }),
  BadDigest: ctx => ({
    kind: 'Network',
    what: `The bytes received for ${describeTarget(ctx) || 'the object'} do not match their checksum; nothing was written.`,
    hint: 'The data was damaged in transit: try again.'
  }),
  PermanentRedirect: ctx => ({
    kind: 'InvalidInput',
    what: `Bucket "${ctx.bucket ?? ''}" is in another region than this connection's.`,
    hint: "Set the connection's region to the bucket's region."
  }),
  NotImplemented: ctx => ({
    kind: 'Unknown',
    what: `${describeEndpoint(ctx).replace(/^the/, 'The')} does not support ${describeAction(ctx).replace(/^\w/, c => c.toLowerCase())}.`,
    hint: 'Use an S3 server that supports it.'
  }),
  SlowDown: unavailable,
  ServiceUnavailable: unavailable,
  RequestTimeout: unreachable,
  InternalError: (ctx, facts) => ({
    kind: 'Unknown',
    what: `${describeAction(ctx)} failed: the S3 server had an internal error${facts.status ? ` (HTTP ${facts.status})` : ''}.`,
    hint: 'Try again in a moment.'
  }),
  ...PROXY_RULES
};

/** Fallback by HTTP status when the code is unknown (e.g. HEAD responses have no body). */
function byStatus(status: number): Rule | undefined {
  if (status === 301 || status === 307) {
    return BY_CODE.PermanentRedirect;
  }
  if (status === 401 || status === 403) {
    return accessDenied;
  }
  if (status === 404) {
    return notFound;
  }
  if (status === 405) {
    return BY_CODE.MethodNotAllowed;
  }
  if (status === 409 || status === 412) {
    return conflict;
  }
  if (status === 416) {
    return BY_CODE.InvalidRange;
  }
  if (status === 400 || status === 411 || status === 413 || status === 414) {
    return invalidInput;
  }
  if (status === 502 || status === 503 || status === 504) {
    return unavailable;
  }
  return undefined;
}

/** The last resort: say what failed and what the server said, or its HTTP status. */
const unknown: Rule = (ctx, facts) => {
  const detail = serverSays(facts) ?? (facts.status ? `the server answered HTTP ${facts.status}.` : 'an unexpected error occurred.');
  return {
    kind: 'Unknown',
    what: `${describeAction(ctx)} failed: ${detail}`,
    hint: 'Try again; if it keeps failing, report this message.'
  };
};

/**
 * Choose the rule for an error.
 * @param err - the thrown value.
 * @param facts - its facts.
 * @returns the rule, or 'cancelled' for an abort.
 */
function chooseRule(err: unknown, facts: ErrorFacts): Rule | 'cancelled' {
  if (isAbort(err, facts)) {
    return 'cancelled';
  }
  for (const candidate of [facts.code, facts.name]) {
    if (candidate && Object.prototype.hasOwnProperty.call(BY_CODE, candidate)) {
      return BY_CODE[candidate];
    }
  }
  if (facts.tls) {
    return untrustedCertificate;
  }
  if (facts.status === undefined && (facts.networkCode || isFetchFailure(facts))) {
    return unreachable;
  }
  if (facts.name === 'TimeoutError' || facts.networkCode) {
    return unreachable;
  }
  if (/region is missing/i.test(facts.message ?? '')) {
    return credentialsRule(() => 'No AWS region is configured for this connection.', 'Set AWS_REGION, or a region in ~/.aws/config.');
  }
  if (facts.name === 'CredentialsProviderError' || /could not load credentials/i.test(facts.message ?? '')) {
    return BY_CODE.CredentialsProviderError;
  }
  return (facts.status !== undefined && byStatus(facts.status)) || unknown;
}

/**
 * Turn any error thrown while talking to S3 into a {@link HeliumError}.
 *
 * Recognizes S3's error codes (NoSuchBucket, NoSuchKey, NoSuchVersion, HEAD's 404 NotFound,
 * AccessDenied/403, InvalidAccessKeyId, SignatureDoesNotMatch, ExpiredToken, PreconditionFailed,
 * InvalidBucketName, …), our proxy's codes (UnknownConnection, EndpointUnreachable,
 * CredentialsMissing, NotAuthorized, ProxyError, InvalidRequest; their message is shown), network failures
 * (ECONNREFUSED, "Failed to fetch", …) and aborts. A HeliumError is returned unchanged.
 *
 * @param err - the thrown value.
 * @param context - the bucket, key, version, S3 action and endpoint, for the message.
 * @returns the typed error; its `cause` is `err`.
 */
export function toHeliumError(err: unknown, context: ErrorContext): HeliumError {
  if (err instanceof HeliumError) {
    return err;
  }
  const facts = errorFacts(err);
  const rule = chooseRule(err, facts);
  const code = facts.code ?? (facts.name && facts.name !== 'Error' ? facts.name : undefined);
  if (rule === 'cancelled') {
    return new HeliumError('Cancelled', `${describeAction(context)} was cancelled.`, {
      code: 'AbortError',
      cause: err
    });
  }
  const mapped = rule(context, facts);
  return new HeliumError(mapped.kind, mapped.hint ? `${mapped.what} ${mapped.hint}` : mapped.what, {
    code: facts.networkCode ?? code,
    status: facts.status,
    hint: mapped.hint,
    cause: err
  });
}
