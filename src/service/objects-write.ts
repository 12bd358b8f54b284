/**
 * Writing objects: put (always with a SHA-256 checksum), delete, copy and create folders.
 */
import {
  CopyObjectCommand,
  CopyObjectCommandInput,
  DeleteObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  S3Client
} from '@aws-sdk/client-s3';
import { sha256Base64 } from './checksum';
import { HeliumError } from './error-class';
import { assertValidUserMetadata } from './metadata';
import { headObject } from './objects-read';
import type { ObjectRef } from './object-info';
import { LIST_ENCODING } from './listed-keys';
import { guard, quotedEtag, stripQuotes } from './request';
import { assertValidBucketName, assertReadableKey, formatS3Uri } from './uri';

/** Options of {@link putObject}. */
export interface PutObjectOptions {
  /** The bucket. */
  bucket: string;
  /** The key. */
  key: string;
  /** The content; text is written as UTF-8. */
  body: Uint8Array | string;
  /** The Content-Type (S3's default is `binary/octet-stream`). */
  contentType?: string;
  /** User metadata (`x-amz-meta-*`), at most 2 KB in total, ASCII values. */
  userMetadata?: Record<string, string>;
  /** `'*'`: write only if the key does not exist yet (else `Conflict`). */
  ifNoneMatch?: '*';
  /** Write only if the current version has this ETag, bare or quoted (else `Conflict`). */
  ifMatch?: string;
  /** Cancels the upload. */
  signal?: AbortSignal;
}

/** What a write produced. */
export interface PutResult {
  /** The new version's id, in a versioned bucket. */
  versionId?: string;
  /** The new version's ETag, without quotes. */
  etag: string;
  /** The SHA-256 of the content, base64 (as S3 stores it). */
  checksumSha256: string;
}

/** What a copy produced. */
export interface CopyResult {
  /** The new version's id, in a versioned bucket. */
  versionId?: string;
  /** The new version's ETag, without quotes. */
  etag: string;
  /** The SHA-256 checksum S3 computed for the copy, base64. */
  checksumSha256?: string;
  /** The version that was copied. */
  sourceVersionId?: string;
}

/** What a delete did. */
export interface DeleteResult {
  /** The version removed, or the id of the delete marker created. */
  versionId?: string;
  /** Whether a delete marker was created (or removed). */
  deleteMarker: boolean;
}

const encoder = new TextEncoder();

/**
 * Check bucket and key before any request.
 * @param ref - bucket and key.
 */
function assertValidRef(ref: { bucket: string; key: string }): void {
  assertValidBucketName(ref.bucket);
  assertReadableKey(ref.key);
}

/**
 * Write an object in one request, with its SHA-256 checksum computed here and sent as
 * `x-amz-checksum-sha256` (S3 verifies and stores it; no streaming or trailer is involved).
 * Metadata that S3 would refuse (over 2 KB, non-ASCII) is refused before anything is sent.
 * @param s3 - the client.
 * @param options - bucket, key, body, content type, metadata, conditions and abort signal.
 * @returns the new version id, ETag and checksum.
 * @throws HeliumError `InvalidInput` (bad name, key or metadata), `Conflict` (a condition
 *   failed), `AccessDenied`, `Cancelled`, `Network`…
 */
export async function putObject(s3: S3Client, options: PutObjectOptions): Promise<PutResult> {
  assertValidRef(options);
  assertValidUserMetadata(options.userMetadata);
  const body = typeof options.body === 'string' ? encoder.encode(options.body) : options.body;
  const checksum = await sha256Base64(body);
  const output = await guard(
    s3,
    { action: 'PutObject', bucket: options.bucket, key: options.key },
    () =>
      s3.send(
        new PutObjectCommand({
          Bucket: options.bucket,
          Key: options.key,
          Body: body,
          ContentLength: body.byteLength,
          ContentType: options.contentType,
          Metadata: options.userMetadata,
          IfNoneMatch: options.ifNoneMatch,
          IfMatch: options.ifMatch ? quotedEtag(options.ifMatch) : undefined,
          ChecksumAlgorithm: 'SHA256',
          ChecksumSHA256: checksum
        }),
        { abortSignal: options.signal }
      ),
    options.signal
  );
  const result: PutResult = {
    etag: stripQuotes(output.ETag) ?? '',
    checksumSha256: output.ChecksumSHA256 ?? checksum
  };
  if (output.VersionId) {
    result.versionId = output.VersionId;
  }
  return result;
}

/**
 * Delete an object. Without `versionId` in a versioned bucket this adds a delete marker (the
 * history stays); with `versionId` it removes that version for good.
 * @param s3 - the client.
 * @param ref - bucket, key and optional version id.
 * @returns the version removed or the delete marker created.
 * @throws HeliumError `AccessDenied`, `NotFound` (missing bucket), `Network`…
 */
export async function deleteObject(s3: S3Client, ref: ObjectRef): Promise<DeleteResult> {
  assertValidRef(ref);
  const output = await guard(s3, { action: 'DeleteObject', bucket: ref.bucket, key: ref.key, versionId: ref.versionId }, () =>
    s3.send(new DeleteObjectCommand({ Bucket: ref.bucket, Key: ref.key, VersionId: ref.versionId }))
  );
  const result: DeleteResult = { deleteMarker: output.DeleteMarker === true };
  if (output.VersionId) {
    result.versionId = output.VersionId;
  }
  return result;
}

/**
 * The `x-amz-copy-source` value: `bucket/key` URL-encoded, plus `?versionId=`.
 * @param from - the source object.
 * @returns the header value.
 */
export function copySource(from: ObjectRef): string {
  const key = from.key.split('/').map(encodeURIComponent).join('/');
  const version = from.versionId ? `?versionId=${encodeURIComponent(from.versionId)}` : '';
  return `${from.bucket}/${key}${version}`;
}

/** Options of {@link copyObject}. */
export interface CopyObjectOptions {
  /** The source object (and version). */
  from: ObjectRef;
  /** The target. */
  to: { bucket: string; key: string };
  /** Replace the user metadata (the content type and other headers are kept); else copy it. */
  userMetadata?: Record<string, string>;
  /** Cancels the copy. */
  signal?: AbortSignal;
}

/**
 * Copy an object (or one of its versions) server-side, e.g. to restore an old version on top.
 * S3 computes a SHA-256 checksum for the copy. Objects over 5 GiB need a multipart copy.
 * @param s3 - the client.
 * @param options - source, target, optional new user metadata, optional abort signal.
 * @returns the new version's id, ETag and checksum.
 * @throws HeliumError `NotFound` (source), `AccessDenied`, `InvalidInput`, `Cancelled`…
 */
export async function copyObject(s3: S3Client, options: CopyObjectOptions): Promise<CopyResult> {
  const { from, to, userMetadata, signal } = options;
  assertValidRef(from);
  assertValidRef(to);
  assertValidUserMetadata(userMetadata);
  const input: CopyObjectCommandInput = {
    Bucket: to.bucket,
    Key: to.key,
    CopySource: copySource(from),
    ChecksumAlgorithm: 'SHA256'
  };
  if (userMetadata) {
    // REPLACE resets every header: carry the content type over from the source.
    const source = await headObject(s3, { ...from, signal });
    input.MetadataDirective = 'REPLACE';
    input.Metadata = userMetadata;
    input.ContentType = source.contentType;
  }
  const output = await guard(
    s3,
    { action: 'CopyObject', bucket: to.bucket, key: to.key },
    () => s3.send(new CopyObjectCommand(input), { abortSignal: signal }),
    signal
  );
  const result: CopyResult = { etag: stripQuotes(output.CopyObjectResult?.ETag) ?? '' };
  if (output.VersionId) {
    result.versionId = output.VersionId;
  }
  if (output.CopyObjectResult?.ChecksumSHA256) {
    result.checksumSha256 = output.CopyObjectResult.ChecksumSHA256;
  }
  if (output.CopySourceVersionId) {
    result.sourceVersionId = output.CopySourceVersionId;
  }
  return result;
}

/**
 * Create an empty folder: the object `prefix/` (a `/` is added if missing). Refuses when the
 * folder already exists, as a marker object or as keys under it.
 * @param s3 - the client.
 * @param options - bucket and folder prefix.
 * @returns the marker's version id, ETag and checksum.
 * @throws HeliumError `Conflict` when it exists, `InvalidInput`, `AccessDenied`…
 */
export async function createFolder(s3: S3Client, options: { bucket: string; prefix: string }): Promise<PutResult> {
  const prefix = options.prefix.endsWith('/') ? options.prefix : `${options.prefix}/`;
  const { bucket } = options;
  assertValidRef({ bucket, key: prefix });
  if (prefix === '/' || prefix.includes('//')) {
    throw new HeliumError('InvalidInput', `"${prefix}" is not a folder name: folder names must not be empty.`, {
      code: 'InvalidKey'
    });
  }
  const exists = new HeliumError('Conflict', `Folder ${formatS3Uri({ bucket, key: prefix })} already exists. Choose another name.`, {
    code: 'FolderExists'
  });
  const listed = await guard(s3, { action: 'CreateFolder', bucket, key: prefix }, () =>
    // Only the count is read; keys URL-encoded all the same, so no key can break the XML.
    s3.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix, MaxKeys: 1, EncodingType: LIST_ENCODING }))
  );
  if ((listed.KeyCount ?? listed.Contents?.length ?? 0) > 0) {
    throw exists;
  }
  try {
    return await putObject(s3, {
      bucket,
      key: prefix,
      body: new Uint8Array(0),
      contentType: 'application/x-directory',
      ifNoneMatch: '*'
    });
  } catch (err) {
    if (err instanceof HeliumError && err.kind === 'Conflict') {
      throw exists;
    }
    throw err;
  }
}
