/**
 * The mapping from AWS SDK, proxy and network errors to the engine's typed errors. The error type
 * itself (HeliumError, isHeliumError, throwIfAborted, ErrorKind) has one home: error-class.ts.
 */
export { toHeliumError } from './error-mapping';
export type { ErrorContext } from './error-mapping';
