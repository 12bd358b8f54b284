/**
 * Retries of transfer requests: which failures are worth another try, how long to wait, and
 * how to keep the AWS SDK from retrying the same request underneath us.
 *
 * Why we retry ourselves rather than leave it to the SDK: a ranged GET's body is read after
 * `send()` returns, so a connection dropped mid-body is never retried by the SDK; and a
 * client's `maxAttempts` is set by whoever built it. Retrying in both layers would multiply
 * attempts (our retries × the SDK's attempts, per part, times the concurrency) into a storm.
 * So every transfer request is sent with the SDK's retry middleware replaced by a single
 * attempt ({@link singleAttempt}), and {@link withRetries} alone decides: at most
 * `retries` more attempts per request, exponential backoff with full jitter (a larger base on
 * throttling), and none at all for errors another attempt cannot fix.
 */
import type { MetadataBearer } from '@aws-sdk/types';
import type { S3Client } from '@aws-sdk/client-s3';
import type { FinalizeHandlerArguments, FinalizeRequestMiddleware, MiddlewareStack } from '@smithy/types';
import { HeliumError } from '../error-class';
import { errorFacts, isAbort, isFetchFailure } from '../error-facts';
import { ErrorContext, toHeliumError } from '../error-mapping';
import { cancelled } from '../request';
import { deriveSignal } from '../derived-signal';
import { getEndpointLabel } from '../endpoint';

/** Default retries per request. */
export const DEFAULT_RETRIES = 5;

/** Backoff base for dropped connections and server errors (ms). */
const NETWORK_BASE_MS = 100;
/** Backoff base when the server asks us to slow down (ms). */
const THROTTLE_BASE_MS = 500;
/** The longest wait between two attempts (ms). */
const MAX_DELAY_MS = 20_000;

/** HTTP statuses worth another attempt: throttling and transient server errors. */
const RETRY_STATUSES = new Set([429, 500, 502, 503, 504]);
/** S3 error codes worth another attempt. */
const RETRY_CODES = new Set([
  'SlowDown',
  'Throttling',
  'ThrottlingException',
  'RequestLimitExceeded',
  'TooManyRequests',
  'ServiceUnavailable',
  'InternalError',
  'RequestTimeout',
  'RequestTimeoutException',
  'BadDigest',
  'IncompleteBody',
  'TransferIncomplete'
]);
/** Network codes of a connection that broke (not of a server that is not there at all). */
const DROPPED_CODES = new Set([
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'ECONNABORTED',
  'UND_ERR_SOCKET',
  'UND_ERR_BODY_TIMEOUT',
  'UND_ERR_HEADERS_TIMEOUT',
  'ERR_STREAM_PREMATURE_CLOSE',
  'TimeoutError',
  'RequestTimeout'
]);
/** Messages of dropped connections from Node, undici and browsers, whatever the code. */
const DROPPED_MESSAGE =
  /socket hang up|ECONNRESET|EPIPE|premature close|other side closed|terminated|network ?error|failed to fetch|load failed|fetch failed|aborted by the server/i;

/**
 * Whether a failure is worth another attempt: throttling (SlowDown, 429, 503), transient
 * server errors (500, 502, 504, InternalError), data damaged in transit (BadDigest), and
 * dropped connections (ECONNRESET, "socket hang up", EPIPE, "Failed to fetch", …). Not:
 * aborts, client errors (4xx), and servers that cannot be reached at all (ECONNREFUSED,
 * ENOTFOUND: fail fast with a clear message).
 * @param err - what was thrown.
 * @returns true when the same request may succeed if sent again.
 */
export function isRetryableError(err: unknown): boolean {
  if (err instanceof HeliumError) {
    return err.kind !== 'Cancelled' && (err as { retryable?: boolean }).retryable === true;
  }
  const facts = errorFacts(err);
  if (isAbort(err, facts)) {
    return false;
  }
  if (facts.status !== undefined && RETRY_STATUSES.has(facts.status)) {
    return true;
  }
  if ((facts.code && RETRY_CODES.has(facts.code)) || (facts.name && RETRY_CODES.has(facts.name))) {
    return true;
  }
  if (facts.networkCode) {
    return DROPPED_CODES.has(facts.networkCode);
  }
  if (facts.code && DROPPED_CODES.has(facts.code)) {
    return true;
  }
  if (facts.status !== undefined) {
    return false;
  }
  return isFetchFailure(facts) || DROPPED_MESSAGE.test(facts.message ?? '');
}

/**
 * Whether a failure is the server asking us to slow down.
 * @param err - what was thrown.
 * @returns true for SlowDown, 429 and 503.
 */
function isThrottling(err: unknown): boolean {
  const facts = errorFacts(err);
  return (
    facts.status === 429 ||
    facts.status === 503 ||
    ['SlowDown', 'Throttling', 'ThrottlingException', 'RequestLimitExceeded', 'TooManyRequests'].includes(facts.code ?? facts.name ?? '')
  );
}

/**
 * How long to wait before retry number `attempt` (0-based): exponential with full jitter,
 * `random(0, min(20 s, base × 2^attempt))`, base 500 ms on throttling and 100 ms otherwise.
 * @param attempt - how many retries were already made.
 * @param err - the failure, to pick the base.
 * @param random - a random number in [0, 1) (for tests).
 * @returns the delay in milliseconds.
 */
export function backoffDelay(attempt: number, err: unknown, random: () => number = Math.random): number {
  const base = isThrottling(err) ? THROTTLE_BASE_MS : NETWORK_BASE_MS;
  return Math.floor(random() * Math.min(MAX_DELAY_MS, base * 2 ** attempt));
}

/**
 * Wait, unless cancelled.
 * @param ms - how long.
 * @param signal - cancels the wait (the promise rejects with the signal's reason).
 * @returns a promise resolved after `ms`.
 */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason);
      return;
    }
    // Many parts may back off at once: they share one listener on the transfer's signal.
    const derived = deriveSignal(signal);
    const timer = setTimeout(() => {
      derived.release();
      resolve();
    }, ms);
    derived.signal.addEventListener(
      'abort',
      () => {
        clearTimeout(timer);
        derived.release();
        reject(signal?.reason);
      },
      { once: true }
    );
  });
}

/** A command whose middleware stack we can add to. */
interface CommandWithStack {
  middlewareStack: MiddlewareStack<any, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
}

/**
 * Make one SDK command a single attempt: replace the client's retry middleware, for this
 * command only, with a pass-through (same name, step and priority, `override`), so that
 * {@link withRetries} is the only layer that retries it.
 * @param command - a command about to be sent.
 * @returns the same command.
 */
export function singleAttempt<C extends CommandWithStack>(command: C): C {
  const passThrough: FinalizeRequestMiddleware<object, MetadataBearer> = next => (args: FinalizeHandlerArguments<object>) => next(args);
  command.middlewareStack.add(passThrough, {
    name: 'retryMiddleware',
    tags: ['RETRY'],
    step: 'finalizeRequest',
    priority: 'high',
    override: true
  });
  return command;
}

/** Options of {@link withRetries}. */
export interface RetryOptions {
  /** The client (its endpoint goes into messages). */
  s3: S3Client;
  /** What is being done, for messages. */
  context: Omit<ErrorContext, 'endpoint'>;
  /** Retries after the first attempt. */
  retries: number;
  /** Cancels the work and any wait. */
  signal?: AbortSignal;
  /** Called before each retry (for tests and logs). */
  onRetry?: (attempt: number, err: unknown) => void;
}

/**
 * Run `attempt` until it succeeds, retrying failures that {@link isRetryableError} accepts
 * with {@link backoffDelay} between attempts, at most `retries` times.
 * @param attempt - one attempt (send the request AND read what is needed of its body).
 * @param options - client, context, retry count, abort signal.
 * @returns what the successful attempt returned.
 * @throws HeliumError: `Cancelled` when the signal is aborted, else the last failure mapped
 *   by `toHeliumError`.
 */
export async function withRetries<T>(attempt: () => Promise<T>, options: RetryOptions): Promise<T> {
  const { s3, signal } = options;
  const ctx: ErrorContext = { ...options.context, endpoint: getEndpointLabel(s3) };
  for (let n = 0; ; n++) {
    if (signal?.aborted) {
      throw cancelled(ctx, signal.reason);
    }
    try {
      return await attempt();
    } catch (err) {
      if (signal?.aborted) {
        throw cancelled(ctx, err);
      }
      if (n >= options.retries || !isRetryableError(err)) {
        throw toHeliumError(err, ctx);
      }
      options.onRetry?.(n + 1, err);
      try {
        await sleep(backoffDelay(n, err), signal);
      } catch (abortReason) {
        throw cancelled(ctx, abortReason);
      }
    }
  }
}
