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
import { findJsonError } from './metadata-json';

export { parseMetadataJson } from './metadata-json';
export type { ParsedMetadata } from './metadata-json';

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
  const reason = syntax ? `it is not valid JSON (column ${syntax.offset + 1}: ${syntax.problem})` : 'it is not a JSON object';
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
