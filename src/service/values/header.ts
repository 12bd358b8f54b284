/**
 * The `x-amz-meta-helium` header (T4's convention): compact JSON
 * `{"target": <format name>, "user_meta": <the caller's metadata>}`.
 *
 * HTTP headers carry ASCII only, so characters past `~` are written as `\uXXXX` escapes (as
 * Python's `json.dumps` does by default); JSON parsers read them back as the same text.
 */
import { stringify } from 'lossless-json';
import { HeliumError } from '../error-class';
import { assertValidUserMetadata } from '../metadata';

/** The user-metadata name (`x-amz-meta-helium`). */
export const HELIUM_METADATA_KEY = 'helium';

/** The parsed `x-amz-meta-helium` header. */
export interface HeliumHeader {
  /** The format the value was written in. */
  target?: string;
  /** The caller's metadata. */
  user_meta?: unknown;
}

/**
 * JSON text with every character outside printable ASCII escaped as `\uXXXX`.
 * @param json - JSON text.
 * @returns the same JSON, ASCII only.
 */
export function asciiJson(json: string): string {
  return json.replace(/[^\x20-\x7e]/g, c => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/**
 * The value of the `x-amz-meta-helium` header.
 * @param target - the format name.
 * @param meta - the caller's metadata (any JSON value, numbers may be LosslessNumbers or bigints);
 *   `undefined` is written as `{}`.
 * @returns compact, ASCII-only JSON.
 * @throws HeliumError `InvalidInput` when `meta` has no JSON form (a function, a cycle…).
 */
export function encodeHeliumHeader(target: string, meta: unknown): string {
  let json: string;
  try {
    // lossless-json writes what JSON.stringify writes, and number tokens kept whole (LosslessNumber,
    // bigint) as they are: 123456789012345678901234567890 stays an int for quilt3, not 1.2e+29.
    json = stringify({ target, user_meta: meta === undefined ? {} : meta }) ?? '{}';
  } catch (cause) {
    throw new HeliumError(
      'InvalidInput',
      `The metadata cannot be written as JSON: ${cause instanceof Error ? cause.message : String(cause)}.`,
      { code: 'InvalidMetadata', cause }
    );
  }
  return asciiJson(json);
}

/**
 * Refuse user metadata S3 would refuse (over 2 KB, or not header-safe), with its size, before any
 * byte is sent. The existing check of src/service/metadata.ts, under the name callers of this
 * module use.
 * @param metadata - the user metadata to send, e.g. `{ helium: encodeHeliumHeader(…) }`.
 * @throws HeliumError `InvalidInput` (code `MetadataTooLarge` when too big).
 */
export function assertMetadataFits(metadata: Record<string, string>): void {
  assertValidUserMetadata(metadata);
}

/**
 * Parse an `x-amz-meta-helium` header.
 * @param header - the header value, if any.
 * @returns the target and user metadata, or undefined when absent or not a JSON object.
 */
export function parseHeliumHeader(header: string | undefined): HeliumHeader | undefined {
  if (!header) {
    return undefined;
  }
  try {
    const parsed: unknown = JSON.parse(header);
    if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
      return undefined;
    }
    const { target, user_meta } = parsed as Record<string, unknown>;
    const result: HeliumHeader = {};
    if (typeof target === 'string') {
      result.target = target;
    }
    if (user_meta !== undefined) {
      result.user_meta = user_meta;
    }
    return result;
  } catch {
    return undefined;
  }
}
