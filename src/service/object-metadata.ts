/**
 * An object version's metadata as people edit it: T4's `x-amz-meta-helium` header (`target` and
 * `user_meta`), the other user metadata, the content type and checksum; checking JSON typed in an
 * editor; and writing new `user_meta` as a NEW version (S3 metadata cannot change in place).
 */
import type { S3Client } from '@aws-sdk/client-s3';
import { copyVersion, readCopySource } from './copy-multipart';
import { HeliumError, isHeliumError } from './error-class';
import { formatForKey } from './formats/registry';
import { assertValidUserMetadata } from './metadata';
import type { ObjectInfo } from './object-info';
import { headObject } from './objects-read';
import { assertValidBucketName, assertReadableKey, formatS3Uri } from './uri';
import { encodeHeliumHeader, HELIUM_METADATA_KEY, HeliumHeader, parseHeliumHeader } from './values/header';
import { deleteMarkerError, isDeleteMarkerError } from './versions';
import { assertVersioningEnabled } from './versioning';

/** What {@link readObjectMetadata} found. */
export interface ObjectMetadata {
  /** The version's details (from HEAD). */
  info: ObjectInfo;
  /** The parsed `x-amz-meta-helium` header; null when absent or unreadable. */
  helium: HeliumHeader | null;
  /** Why the `x-amz-meta-helium` header could not be read, when it is present but not a JSON object. */
  heliumProblem?: string;
  /** User metadata other than `helium` (names in lowercase, without `x-amz-meta-`). */
  otherUserMetadata: Record<string, string>;
  /** The Content-Type. */
  contentType?: string;
  /** S3's SHA-256 checksum (base64; `…-N` for a multipart upload). */
  checksumSha256?: string;
}

/** The outcome of {@link parseMetadataJson}: the value, or what is wrong with the text. */
export type ParsedMetadata = { value: unknown } | { error: string };

/** A syntax error in JSON text: where, and what was expected. */
interface JsonSyntaxError {
  offset: number;
  problem: string;
}

/**
 * Find the first syntax error of JSON text (JSON.parse's own messages differ between engines and
 * often give no position).
 * @param text - the text.
 * @returns the error, or undefined when the text is valid JSON.
 */
function findJsonError(text: string): JsonSyntaxError | undefined {
  let i = 0;
  const found = () => (i >= text.length ? 'the end of the text' : `${JSON.stringify(text[i])}`);
  const fail = (problem: string, at = i): never => {
    throw { offset: at, problem } as JsonSyntaxError;
  };
  const space = () => {
    while (i < text.length && ' \t\n\r'.includes(text[i])) {
      i++;
    }
  };
  const string = () => {
    const start = i++;
    for (;;) {
      if (i >= text.length) {
        fail('this text in quotes is never closed (a " is missing)', start);
      }
      const c = text[i];
      if (c === '"') {
        i++;
        return;
      }
      if (c === '\\') {
        if (/^u[0-9a-fA-F]{4}/.test(text.slice(i + 1, i + 6))) {
          i += 6;
          continue;
        }
        if (!'"\\/bfnrt'.includes(text[i + 1] ?? 'x')) {
          fail('this backslash escape is not valid JSON (use \\\\ for a backslash)');
        }
        i += 2;
        continue;
      }
      if (c < ' ') {
        fail('a line break or control character inside quotes must be written as an escape such as \\n');
      }
      i++;
    }
  };
  const value = (): void => {
    space();
    const c = text[i];
    if (c === '{' || c === '[') {
      const close = c === '{' ? '}' : ']';
      i++;
      space();
      if (text[i] === close) {
        i++;
        return;
      }
      for (;;) {
        space();
        if (c === '{') {
          if (text[i] !== '"') {
            fail(`expected a name in double quotes, found ${found()}${text[i] === "'" ? ' (JSON needs double quotes)' : ''}`);
          }
          string();
          space();
          if (text[i] !== ':') {
            fail(`expected ":" after the name, found ${found()}`);
          }
          i++;
        }
        value();
        space();
        if (text[i] === ',') {
          i++;
          space();
          if (text[i] === close) {
            fail(`a comma before "${close}" is not allowed in JSON`);
          }
          continue;
        }
        if (text[i] === close) {
          i++;
          return;
        }
        fail(`expected "," or "${close}", found ${found()}`);
      }
    }
    if (c === '"') {
      string();
      return;
    }
    const number = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
    number.lastIndex = i;
    if ((c === '-' || (c >= '0' && c <= '9')) && number.test(text)) {
      i = number.lastIndex;
      return;
    }
    for (const literal of ['true', 'false', 'null']) {
      if (text.startsWith(literal, i)) {
        i += literal.length;
        return;
      }
    }
    fail(`expected a value, found ${found()}${c === "'" ? ' (JSON needs double quotes)' : ''}`);
  };
  try {
    value();
    space();
    if (i < text.length) {
      fail(`unexpected ${found()} after the end of the JSON value`);
    }
  } catch (err) {
    if (typeof (err as JsonSyntaxError).offset === 'number') {
      return err as JsonSyntaxError;
    }
    throw err;
  }
  return undefined;
}

/**
 * The 1-based line and column of an offset in a text.
 * @param text - the text.
 * @param offset - the offset.
 * @returns line and column.
 */
function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  const lines = before.split('\n');
  return { line: lines.length, column: lines[lines.length - 1].length + 1 };
}

/**
 * What kind of JSON value something is, for messages.
 * @param value - a parsed JSON value.
 * @returns "an array", "a string"…
 */
function kindOf(value: unknown): string {
  if (Array.isArray(value)) {
    return 'an array';
  }
  return typeof value === 'string' ? 'a string' : typeof value === 'number' ? 'a number' : 'true or false';
}

/**
 * Check metadata typed in an editor: valid JSON whose top level is an object (or null).
 * @param text - the text.
 * @returns `{value}`, or `{error}` with a message naming the line and column.
 */
export function parseMetadataJson(text: string): ParsedMetadata {
  if (text.trim() === '') {
    return { error: 'The metadata is empty. Write a JSON object, e.g. {"source": "lab 3"}, or {} for none.' };
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    const syntax = findJsonError(text);
    if (!syntax) {
      return { error: `The metadata is not valid JSON: ${err instanceof Error ? err.message : String(err)}.` };
    }
    const { line, column } = lineAndColumn(text, syntax.offset);
    return { error: `The metadata is not valid JSON: line ${line}, column ${column}: ${syntax.problem}.` };
  }
  if (value !== null && (typeof value !== 'object' || Array.isArray(value))) {
    return {
      error: `The metadata must be a JSON object, e.g. {"source": "lab 3"} (or null), not ${kindOf(value)}.`
    };
  }
  return { value };
}

/**
 * Read the `x-amz-meta-helium` header.
 * @param header - its value.
 * @returns the parsed header, or the problem with it.
 */
function readHeliumHeader(header: string): { helium: HeliumHeader | null; problem?: string } {
  const parsed = parseHeliumHeader(header);
  if (parsed) {
    return { helium: parsed };
  }
  const syntax = findJsonError(header);
  const reason = syntax
    ? `it is not valid JSON (column ${syntax.offset + 1}: ${syntax.problem})`
    : 'it is not a JSON object';
  return {
    helium: null,
    problem: `The T4 metadata (x-amz-meta-helium) of this version cannot be read: ${reason}. Saving new metadata replaces it.`
  };
}

/**
 * Read a version's metadata: T4's `target` and `user_meta`, the other user metadata, the
 * content type and checksum.
 * @param s3 - the client.
 * @param ref - bucket, key, optional version id and abort signal.
 * @returns the metadata.
 * @throws HeliumError `NotFound`, `AccessDenied`, `InvalidInput`, `Network`…
 */
export async function readObjectMetadata(
  s3: S3Client,
  ref: { bucket: string; key: string; versionId?: string; signal?: AbortSignal }
): Promise<ObjectMetadata> {
  const info = await headObject(s3, ref);
  const { [HELIUM_METADATA_KEY]: header, ...otherUserMetadata } = info.userMetadata;
  const result: ObjectMetadata = { info, helium: null, otherUserMetadata };
  if (header !== undefined) {
    const read = readHeliumHeader(header);
    result.helium = read.helium;
    if (read.problem) {
      result.heliumProblem = read.problem;
    }
  }
  if (info.contentType) {
    result.contentType = info.contentType;
  }
  if (info.checksumSha256) {
    result.checksumSha256 = info.checksumSha256;
  }
  return result;
}

/** Options of {@link writeUserMeta}. */
export interface WriteUserMetaOptions {
  /** The bucket. */
  bucket: string;
  /** The key. */
  key: string;
  /**
   * The version whose content and other metadata are copied (default: the current one). A version
   * that is not the current one is refused unless `restoreContent` is set: its content would be
   * copied on top too, making it current again.
   */
  versionId?: string;
  /**
   * Copy an older version's content on top as well (a restore and a metadata edit in one new
   * version). Without it, a `versionId` that is not the current version is refused.
   */
  restoreContent?: boolean;
  /** The new `user_meta` (any JSON value; usually an object). */
  userMeta: unknown;
  /** Objects larger than this are copied in parts (default 5 GiB, S3's CopyObject limit). */
  multipartThreshold?: number;
  /** Cancels the write; a multipart copy in progress is aborted. */
  signal?: AbortSignal;
}

/** What {@link writeUserMeta} wrote. */
export interface WriteUserMetaResult {
  /** The new version's id. */
  versionId?: string;
  /** The new version's ETag, without quotes. */
  etag: string;
  /** The new version's SHA-256 checksum, when S3 gives it. */
  checksumSha256?: string;
  /** The version copied. */
  sourceVersionId?: string;
  /** The T4 header written. */
  helium: HeliumHeader;
  /** Whether the content was copied in parts. */
  multipart: boolean;
}

/**
 * Write new T4 `user_meta` for an object: copies the chosen version (default current) onto the
 * key as a NEW version, with `x-amz-meta-helium` rewritten (its `target` kept) and every other
 * user metadata, the content type and the other content headers kept. The version copied keeps its
 * old metadata. Metadata over S3's 2 KB is refused before anything is written. A version that is
 * not the current one is refused (its old content would silently become current) unless
 * `restoreContent` says that is meant.
 * @param s3 - the client.
 * @param options - bucket, key, version, the new user_meta, restoreContent, multipart threshold
 *   and abort signal.
 * @returns the new version.
 * @throws HeliumError `InvalidInput` (too large, not JSON, a delete marker, code
 *   `NotCurrentVersion` for an older version without `restoreContent`), `NotVersioned`
 *   (versioning not Enabled: the old metadata would be lost), `NotFound`, `AccessDenied`…
 */
export async function writeUserMeta(s3: S3Client, options: WriteUserMetaOptions): Promise<WriteUserMetaResult> {
  const { bucket, key, versionId, userMeta, signal } = options;
  assertValidBucketName(bucket);
  assertReadableKey(key);
  // The smallest header this can give: too large already means no request at all.
  assertValidUserMetadata({ [HELIUM_METADATA_KEY]: encodeHeliumHeader('', userMeta) });
  await assertVersioningEnabled(s3, bucket, 'changing the metadata', 'would overwrite the only copy and lose the old metadata');
  const source = await readCopySource(s3, { bucket, key, versionId, signal }).catch(err => {
    throw isDeleteMarkerError(err) ? deleteMarkerError(formatS3Uri({ bucket, key, versionId }), 'given metadata') : err;
  });
  if (versionId !== undefined && !options.restoreContent) {
    await assertCurrentVersion(s3, { bucket, key, versionId: source.versionId ?? versionId, signal });
  }
  const { [HELIUM_METADATA_KEY]: header, ...others } = source.info.userMetadata;
  const target = parseHeliumHeader(header)?.target ?? formatForKey(key)?.name ?? 'bytes';
  const userMetadata = { ...others, [HELIUM_METADATA_KEY]: encodeHeliumHeader(target, userMeta) };
  try {
    assertValidUserMetadata(userMetadata);
  } catch (err) {
    if (err instanceof HeliumError && Object.keys(others).length > 0) {
      throw new HeliumError(err.kind, `${err.message} (The object's other user metadata counts too.)`, {
        code: err.code,
        cause: err
      });
    }
    throw err;
  }
  const copied = await copyVersion(s3, {
    source,
    to: { bucket, key },
    userMetadata,
    threshold: options.multipartThreshold,
    signal
  });
  const result: WriteUserMetaResult = {
    etag: copied.etag,
    helium: { target, user_meta: userMeta === undefined ? {} : userMeta },
    multipart: copied.multipart
  };
  if (copied.versionId) {
    result.versionId = copied.versionId;
  }
  if (copied.checksumSha256) {
    result.checksumSha256 = copied.checksumSha256;
  }
  if (source.versionId) {
    result.sourceVersionId = source.versionId;
  }
  return result;
}

/**
 * Refuse to write metadata from a version that is not the current one: the copy would carry its
 * content too, silently making old content current (a restore the person did not ask for).
 * @param s3 - the client.
 * @param ref - bucket, key, the version to copy and abort signal.
 * @throws HeliumError `InvalidInput` (code `NotCurrentVersion`) saying to restore first.
 */
async function assertCurrentVersion(
  s3: S3Client,
  ref: { bucket: string; key: string; versionId: string; signal?: AbortSignal }
): Promise<void> {
  const { bucket, key, versionId } = ref;
  let current: ObjectInfo | undefined;
  try {
    current = await headObject(s3, { bucket, key, signal: ref.signal });
  } catch (err) {
    if (!isHeliumError(err, 'NotFound')) {
      throw err;
    }
  }
  if (current?.versionId === versionId) {
    return;
  }
  const uri = formatS3Uri({ bucket, key });
  const state = current
    ? `is not the current version of ${uri} (that is version ${current.versionId ?? '?'})`
    : `is not the current version of ${uri}, which is deleted`;
  const hint = `To bring that content back with new metadata, restore the version first (Restore in the version history, or helium restore ${uri} --version ${versionId}), then edit the metadata of the new current version.`;
  throw new HeliumError(
    'InvalidInput',
    `Version ${versionId} ${state}. Writing its metadata would copy its content on top as well, making that old content current again, so nothing was written. ${hint}`,
    { code: 'NotCurrentVersion', hint }
  );
}
