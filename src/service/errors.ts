/**
 * Typed errors of the S3 engine and the mapping from AWS SDK, proxy and network errors to them.
 */
export { HeliumError, isHeliumError, throwIfAborted } from './error-class';
export type { ErrorKind, HeliumErrorOptions } from './error-class';
export { toHeliumError } from './error-mapping';
export type { ErrorContext } from './error-mapping';
