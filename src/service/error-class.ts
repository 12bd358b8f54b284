/**
 * The error type of the S3 engine: {@link HeliumError} and its {@link ErrorKind}.
 *
 * Every public function of src/service throws only HeliumError. Its `message` is written for a
 * person: what went wrong and what to do. The original error stays in `cause`.
 */

/**
 * What kind of failure happened; the UI decides how to react from this. `Archived`: the object's
 * bytes are in an archive storage class (Glacier Flexible Retrieval, Deep Archive, an
 * Intelligent-Tiering archive tier) and must be restored before they can be read.
 */
export type ErrorKind =
  | 'NotFound'
  | 'AccessDenied'
  | 'InvalidInput'
  | 'Conflict'
  | 'Network'
  | 'Cancelled'
  | 'Credentials'
  | 'NotVersioned'
  | 'Archived'
  | 'Unknown';

/** Optional details of a {@link HeliumError}. */
export interface HeliumErrorOptions {
  /** The S3 (or proxy) error code, e.g. `NoSuchBucket`. */
  code?: string;
  /** The HTTP status, when there was a response. */
  status?: number;
  /** What the person can do about it (also part of the message). */
  hint?: string;
  /** The original error. */
  cause?: unknown;
  /**
   * The variable parts of the message by name (e.g. `{ what, reason }`), so a UI can word the
   * message in its person's language from `code` and these, instead of showing `message` (English).
   */
  params?: Readonly<Record<string, string>>;
}

/** An error of the S3 engine, with a kind and a message a person can act on. */
export class HeliumError extends Error {
  /** What kind of failure this is. */
  readonly kind: ErrorKind;
  /** The S3 or proxy error code, when known. */
  readonly code?: string;
  /** The HTTP status code, when there was a response. */
  readonly status?: number;
  /** What to do about it, when there is something to say. */
  readonly hint?: string;
  /** The message's variable parts, for a translated wording (see {@link HeliumErrorOptions.params}). */
  readonly params?: Readonly<Record<string, string>>;

  /**
   * Create an error.
   * @param kind - what kind of failure this is.
   * @param message - a sentence for a person: what happened and what to do.
   * @param options - code, status, hint and the original error.
   */
  constructor(kind: ErrorKind, message: string, options: HeliumErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'HeliumError';
    this.kind = kind;
    if (options.code !== undefined) {
      this.code = options.code;
    }
    if (options.status !== undefined) {
      this.status = options.status;
    }
    if (options.hint !== undefined) {
      this.hint = options.hint;
    }
    if (options.params !== undefined) {
      this.params = options.params;
    }
  }
}

/**
 * Whether `err` is a {@link HeliumError}, optionally of a given kind.
 * @param err - anything that was thrown.
 * @param kind - the kind to check for.
 * @returns true when it is.
 */
export function isHeliumError(err: unknown, kind?: ErrorKind): err is HeliumError {
  if (!(err instanceof HeliumError)) {
    return false;
  }
  return kind === undefined || err.kind === kind;
}

/**
 * Throw a `Cancelled` error if `signal` is aborted.
 * @param signal - the caller's abort signal.
 * @param what - what was being done, for the message ("Listing s3://b/p/").
 */
export function throwIfAborted(signal: AbortSignal | undefined, what: string): void {
  if (signal?.aborted) {
    throw new HeliumError('Cancelled', `${what} was cancelled.`, {
      code: 'AbortError',
      cause: signal.reason
    });
  }
}
