/**
 * Rules for S3 user metadata (`x-amz-meta-*` headers), checked before anything is sent.
 */
import { HeliumError } from './error-class';
import { utf8Length } from './uri';

/** S3's limit on user metadata: the UTF-8 bytes of all keys and values together. */
export const MAX_USER_METADATA_BYTES = 2048;

/**
 * The size S3 counts for user metadata: the UTF-8 bytes of every key and value.
 * @param metadata - the user metadata (keys without the `x-amz-meta-` prefix).
 * @returns the size in bytes.
 */
export function userMetadataSize(metadata: Record<string, string>): number {
  let size = 0;
  for (const [key, value] of Object.entries(metadata)) {
    size += utf8Length(key) + utf8Length(value);
  }
  return size;
}

/**
 * Check user metadata: header-safe names, ASCII values (HTTP headers carry only those), and at
 * most 2 KB in total.
 * @param metadata - the user metadata.
 * @returns a message saying what is wrong, or null when it can be sent.
 */
export function validateUserMetadata(metadata: Record<string, string>): string | null {
  for (const [key, value] of Object.entries(metadata)) {
    if (!/^[A-Za-z0-9!#$&'*+.^_`|~-]+$/.test(key)) {
      return `Metadata name "${key}" is not allowed: use letters, digits, "-" and "_" only.`;
    }
    if (typeof value !== 'string') {
      return `Metadata "${key}" must be text.`;
    }
    if (/[^\t\x20-\x7e]/.test(value)) {
      return `Metadata "${key}" contains a character that HTTP headers cannot carry (non-ASCII or control). Escape it, e.g. as JSON with \\u escapes.`;
    }
  }
  const size = userMetadataSize(metadata);
  if (size > MAX_USER_METADATA_BYTES) {
    return `User metadata is ${size.toLocaleString('en-US')} bytes; S3 allows at most ${MAX_USER_METADATA_BYTES.toLocaleString('en-US')} (2 KB). Nothing was written: store less metadata.`;
  }
  return null;
}

/**
 * Throw when user metadata cannot be stored (see {@link validateUserMetadata}).
 * @param metadata - the user metadata, if any.
 * @throws HeliumError `InvalidInput` with the reason (code `MetadataTooLarge` when too big).
 */
export function assertValidUserMetadata(metadata: Record<string, string> | undefined): void {
  if (!metadata) {
    return;
  }
  const problem = validateUserMetadata(metadata);
  if (problem) {
    const tooLarge = userMetadataSize(metadata) > MAX_USER_METADATA_BYTES;
    throw new HeliumError('InvalidInput', problem, {
      code: tooLarge ? 'MetadataTooLarge' : 'InvalidMetadata'
    });
  }
}
