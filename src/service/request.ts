/**
 * Run one S3 call so that every failure becomes a {@link HeliumError} with the right context.
 */
import type { S3Client } from '@aws-sdk/client-s3';
import { HeliumError } from './error-class';
import { ErrorContext, toHeliumError } from './error-mapping';
import { describeAction } from './error-messages';
import { getEndpointLabel } from './endpoint';

/** The context of a call, without the endpoint (taken from the client). */
export type CallContext = Omit<ErrorContext, 'endpoint'>;

/**
 * Run `call`, mapping any error with {@link toHeliumError}. An aborted `signal` always yields a
 * `Cancelled` error, before the call and whatever error the abort caused during it.
 * @param s3 - the client (its endpoint label goes into messages).
 * @param context - bucket, key, version and S3 action, for messages.
 * @param call - the work, usually `s3.send(command, {abortSignal})`.
 * @param signal - the caller's abort signal.
 * @returns what `call` returns.
 */
export async function guard<T>(s3: S3Client, context: CallContext, call: () => Promise<T>, signal?: AbortSignal): Promise<T> {
  checkAborted(s3, context, signal);
  const ctx: ErrorContext = { ...context, endpoint: getEndpointLabel(s3) };
  try {
    return await call();
  } catch (err) {
    if (signal?.aborted) {
      throw cancelled(ctx, err);
    }
    throw toHeliumError(err, ctx);
  }
}

/**
 * Throw `Cancelled` if the caller's signal is aborted (e.g. between two pages of a listing).
 * @param s3 - the client (its endpoint label goes into messages).
 * @param context - what was being done, for the message.
 * @param signal - the caller's abort signal.
 */
export function checkAborted(s3: S3Client, context: CallContext, signal: AbortSignal | undefined): void {
  if (signal?.aborted) {
    throw cancelled({ ...context, endpoint: getEndpointLabel(s3) }, signal.reason);
  }
}

/**
 * A `Cancelled` error for an operation.
 * @param ctx - the operation's context.
 * @param cause - the abort reason or the error the abort caused.
 * @returns the error.
 */
export function cancelled(ctx: ErrorContext, cause: unknown): HeliumError {
  if (cause instanceof HeliumError && cause.kind === 'Cancelled') {
    return cause;
  }
  return new HeliumError('Cancelled', `${describeAction(ctx)} was cancelled.`, {
    code: 'AbortError',
    cause
  });
}

/**
 * Remove the quotes S3 puts around ETags.
 * @param etag - an ETag as returned by S3.
 * @returns the bare ETag, or undefined.
 */
export function stripQuotes(etag: string | undefined): string | undefined {
  return etag === undefined ? undefined : etag.replace(/^"(.*)"$/, '$1');
}

/**
 * An ETag as an `If-Match` header needs it, in quotes, whether or not it came with them.
 * @param etag - a bare or quoted ETag.
 * @returns `"etag"`.
 */
export function quotedEtag(etag: string): string {
  return `"${etag.replace(/^"|"$/g, '')}"`;
}
