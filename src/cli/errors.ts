/**
 * How the `helium` command reports failures: usage errors, exit codes, and turning anything
 * thrown (HeliumErrors, file-system errors, bugs) into one line a person can act on.
 */
import { HeliumError, isHeliumError } from '../service/error-class';
import { cliHint } from './hints';

/** Exit codes of the command. */
export const EXIT = {
  ok: 0,
  error: 1,
  usage: 2,
  /** `helium pins`: a pin's folder changed since it was pinned. */
  pinsChanged: 3,
  /** `helium pins`: pinned versions are gone for good. */
  pinsMissing: 4,
  /** `helium pins`: a pin's status could not be read (or `pins update` could not re-lock one). */
  pinsError: 5,
  /** `helium pins`: the notebook has malformed pins. */
  pinsMalformed: 6,
  cancelled: 130
} as const;

/**
 * A mistake in how the command was called (a bad argument or option): exit code 2. Its kind is
 * `InvalidInput`, so `--json` callers see the same kinds as from src/service.
 */
export class UsageError extends HeliumError {
  /**
   * Create a usage error.
   * @param message - what is wrong and how to call the command instead.
   * @param code - a short code, e.g. `InvalidMeta`.
   */
  constructor(message: string, code = 'Usage') {
    super('InvalidInput', message, { code });
    this.name = 'UsageError';
  }
}

/**
 * The codes of src/service's `InvalidInput` errors that mean a value the person typed is wrong (a
 * name, hash, key, URI, option or query): the command exits 2 as for a {@link UsageError},
 * whichever layer noticed. Other `InvalidInput` errors are about what was found (keys skipped
 * in a download, names that clash, a damaged manifest) and exit 1. The one rule lives here, so a
 * command need not re-wrap the engine's errors to get the right code.
 */
const BAD_VALUE_CODES: ReadonlySet<string> = new Set([
  'InvalidBucketName',
  'InvalidKey',
  'InvalidFolder',
  'InvalidPackageName',
  'InvalidTagName',
  'InvalidTopHash',
  'InvalidVersionId',
  'InvalidMessage',
  'InvalidMeta',
  'InvalidMetadata',
  'MetadataTooLarge',
  'InvalidOption',
  'QuerySyntax',
  'QueryField',
  'QueryValue',
  'QueryRange',
  'QueryRegex',
  'OpenSearchUrl',
  'OpenSearchRegion',
  // `--workflow`: none given where one is required, an unknown id, or one where there is no config.
  'WorkflowRequired',
  'WorkflowUnknown',
  'WorkflowConfigMissing',
  // `helium diff --key`: a column one of the tables lacks, or has twice.
  'MissingKeyColumn',
  'AmbiguousKeyColumn'
]);

/**
 * Whether an error is about how the command was called (exit code 2): a {@link UsageError}, or
 * an engine error saying a given value is invalid.
 * @param err - the error (already mapped by {@link toCliError}).
 * @returns true for bad usage or input.
 */
export function isUsageError(err: HeliumError): boolean {
  return err instanceof UsageError || (err.kind === 'InvalidInput' && err.code !== undefined && BAD_VALUE_CODES.has(err.code));
}

/** Node's error codes for local files, in words. */
const FS_MESSAGES: Record<string, string> = {
  ENOENT: 'does not exist',
  EACCES: 'cannot be accessed: permission denied',
  EPERM: 'cannot be changed: operation not permitted',
  EISDIR: 'is a folder, not a file',
  ENOTDIR: 'is not a folder (a part of its path is a file)',
  EEXIST: 'already exists',
  ENOSPC: 'cannot be written: the disk is full',
  EROFS: 'cannot be written: the file system is read-only',
  ENAMETOOLONG: 'has a name that is too long for this file system',
  EMFILE: 'cannot be opened: too many open files',
  ELOOP: 'has too many levels of symbolic links'
};

/**
 * Whether an error is a Node system error with a `code` (ENOENT, EACCES…).
 * @param err - anything thrown.
 * @returns true for errno errors.
 */
export function isErrnoError(err: unknown): err is NodeJS.ErrnoException {
  return err instanceof Error && typeof (err as NodeJS.ErrnoException).code === 'string';
}

/**
 * Turn anything thrown into a HeliumError with a person-readable message.
 * @param err - what was thrown.
 * @returns the HeliumError (the same one when it already is).
 */
export function toCliError(err: unknown): HeliumError {
  if (isHeliumError(err)) {
    return err;
  }
  if (isErrnoError(err) && err.code && err.code in FS_MESSAGES) {
    const where = err.path ? `"${err.path}"` : 'A local file';
    const kind = err.code === 'ENOENT' ? 'NotFound' : err.code === 'EACCES' || err.code === 'EPERM' ? 'AccessDenied' : 'Unknown';
    return new HeliumError(kind, `${where} ${FS_MESSAGES[err.code]}.`, { code: err.code, cause: err });
  }
  if (err instanceof Error && (err.name === 'AbortError' || (err as { code?: string }).code === 'ABORT_ERR')) {
    return new HeliumError('Cancelled', 'Cancelled.', { code: 'AbortError', cause: err });
  }
  const text = err instanceof Error ? err.message : String(err);
  return new HeliumError('Unknown', `Unexpected error: ${text}`, { cause: err });
}

/**
 * The exit code for an error.
 * @param err - the error (already mapped by {@link toCliError}).
 * @param cancelled - whether the user cancelled (Ctrl-C): any error then means "cancelled".
 * @returns 2 for usage errors and invalid values ({@link isUsageError}), 130 when cancelled, else 1.
 */
export function exitCodeFor(err: HeliumError, cancelled = false): number {
  if (cancelled || err.kind === 'Cancelled') {
    return EXIT.cancelled;
  }
  if (isUsageError(err)) {
    return EXIT.usage;
  }
  return EXIT.error;
}

/**
 * The message shown for an error, with its hint (in the command line’s words, see hints.ts) when
 * the message does not already carry it.
 * @param err - the error.
 * @returns one or two sentences.
 */
export function errorMessage(err: HeliumError): string {
  if (!err.hint) {
    return err.message;
  }
  const hint = cliHint(err.hint);
  if (err.message.includes(err.hint)) {
    return err.message.replace(err.hint, hint);
  }
  return `${err.message} ${hint}`;
}
