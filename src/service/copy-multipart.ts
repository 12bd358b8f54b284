/**
 * Server-side copies of one object version that keep what S3 would otherwise drop: the source's
 * content headers, user metadata and storage class. Objects over 5 GiB (S3's CopyObject limit)
 * are copied in parts with UploadPartCopy, using the same 8 MiB part layout as our uploads (so the
 * copy's composite SHA-256 equals Quilt's `sha2-256-chunked`), carrying the source's tags over as
 * CopyObject does; a failed or cancelled multipart copy is aborted, leaving no parts behind.
 */
import { CopyObjectCommand, CopyObjectCommandInput, S3Client, StorageClass } from '@aws-sdk/client-s3';
import { copyInParts, headerInput } from './copy-parts';
import { HeliumError } from './error-class';
import { assertValidUserMetadata } from './metadata';
import { ObjectInfo, toObjectInfo } from './object-info';
import { headObjectOutput } from './objects-read';
import { copySource } from './objects-write';
import { guard, stripQuotes } from './request';
import { assertValidBucketName, assertReadableKey } from './uri';

/** The largest object one CopyObject request copies: 5 GiB. */
export const MAX_COPY_OBJECT_SIZE = 5 * 1024 * 1024 * 1024;

/** The headers a `MetadataDirective: REPLACE` copy (or a multipart copy) would otherwise drop. */
export interface ContentHeaders {
  contentType?: string;
  contentEncoding?: string;
  cacheControl?: string;
  contentDisposition?: string;
  contentLanguage?: string;
  expires?: Date;
  /** Set only when not STANDARD (a copy is STANDARD unless told otherwise). */
  storageClass?: string;
}

/** One version, read with HEAD, ready to be copied. */
export interface CopySourceVersion {
  /** The bucket. */
  bucket: string;
  /** The key. */
  key: string;
  /** The version copied (pinned, so a concurrent write cannot change what is copied). */
  versionId?: string;
  /** Its details (size, ETag, user metadata, checksum). */
  info: ObjectInfo;
  /** Its content headers. */
  headers: ContentHeaders;
}

/**
 * HEAD one version and keep everything a copy must carry over.
 * @param s3 - the client.
 * @param ref - bucket, key, optional version id (the current one otherwise) and abort signal.
 * @returns the source, pinned to the version HEAD answered for.
 * @throws HeliumError `NotFound`, `AccessDenied`, `Network`… (HEAD of a delete marker: status 405).
 */
export async function readCopySource(
  s3: S3Client,
  ref: { bucket: string; key: string; versionId?: string; signal?: AbortSignal }
): Promise<CopySourceVersion> {
  assertValidBucketName(ref.bucket);
  assertReadableKey(ref.key);
  const output = await headObjectOutput(s3, ref, { signal: ref.signal });
  const headers: ContentHeaders = {};
  const set = <K extends keyof ContentHeaders>(name: K, value: ContentHeaders[K] | undefined) => {
    if (value !== undefined && value !== '') {
      headers[name] = value;
    }
  };
  set('contentType', output.ContentType);
  set('contentEncoding', output.ContentEncoding);
  set('cacheControl', output.CacheControl);
  set('contentDisposition', output.ContentDisposition);
  set('contentLanguage', output.ContentLanguage);
  set('expires', output.Expires);
  if (output.StorageClass && output.StorageClass !== 'STANDARD') {
    headers.storageClass = output.StorageClass;
  }
  const source: CopySourceVersion = { bucket: ref.bucket, key: ref.key, info: toObjectInfo(ref.key, output), headers };
  const versionId = output.VersionId ?? ref.versionId;
  if (versionId) {
    source.versionId = versionId;
  }
  return source;
}

/** Options of {@link copyVersion}. */
export interface CopyVersionOptions {
  /** What to copy (from {@link readCopySource}). */
  source: CopySourceVersion;
  /** Where to. */
  to: { bucket: string; key: string };
  /** New user metadata (`MetadataDirective: REPLACE`, the headers carried over); else copied as is. */
  userMetadata?: Record<string, string>;
  /** Copy in parts when the object is larger than this (default and maximum 5 GiB). */
  threshold?: number;
  /** Part copies in flight (default 8). */
  concurrency?: number;
  /** Retries per part (default 5). */
  retries?: number;
  /** Cancels the copy; a multipart copy is aborted. */
  signal?: AbortSignal;
}

/** What {@link copyVersion} wrote. */
export interface CopyVersionResult {
  /** The new version's id, in a versioned bucket. */
  versionId?: string;
  /** The new version's ETag, without quotes. */
  etag: string;
  /** Its SHA-256 checksum as S3 gives it (base64; `…-N` after a multipart copy). */
  checksumSha256?: string;
  /** Whether it was copied in parts. */
  multipart: boolean;
}

/**
 * Check the multipart threshold.
 * @param threshold - the caller's value.
 * @returns the threshold to use.
 */
function checkedThreshold(threshold: number | undefined): number {
  if (threshold === undefined) {
    return MAX_COPY_OBJECT_SIZE;
  }
  if (!Number.isSafeInteger(threshold) || threshold < 0 || threshold > MAX_COPY_OBJECT_SIZE) {
    throw new HeliumError(
      'InvalidInput',
      `The multipart copy threshold must be a whole number of bytes from 0 to 5 GiB; it is ${String(threshold)}.`,
      {
        code: 'InvalidOption'
      }
    );
  }
  return threshold;
}

/**
 * Copy one version server-side, as a NEW version at the target. With `userMetadata` the user
 * metadata is replaced and every content header is carried over (REPLACE would drop them);
 * without, it is copied unchanged. S3 is asked for a SHA-256 checksum of the copy. Objects larger
 * than the threshold are copied in parts (pinned to the source version, or to its ETag), with
 * the source's tags read (GetObjectTagging) and given to the new upload, as CopyObject would copy
 * them.
 * @param s3 - the client.
 * @param options - source, target, metadata, threshold, concurrency and abort signal.
 * @returns the new version's id, ETag and checksum.
 * @throws HeliumError `InvalidInput` (metadata over 2 KB, before any request), `NotFound`,
 *   `AccessDenied` (also when a copy in parts may not read the source's tags: nothing is
 *   written rather than a copy without them), `Cancelled`…; a multipart copy that fails is
 *   aborted first.
 */
export async function copyVersion(s3: S3Client, options: CopyVersionOptions): Promise<CopyVersionResult> {
  const { source, to, userMetadata, signal } = options;
  assertValidBucketName(to.bucket);
  assertReadableKey(to.key);
  assertValidUserMetadata(userMetadata);
  const threshold = checkedThreshold(options.threshold);
  if (source.info.size > threshold) {
    return copyInParts(s3, options);
  }
  const input: CopyObjectCommandInput = {
    Bucket: to.bucket,
    Key: to.key,
    CopySource: copySource(source),
    ChecksumAlgorithm: 'SHA256',
    StorageClass: source.headers.storageClass as StorageClass | undefined
  };
  if (userMetadata) {
    Object.assign(input, headerInput(source.headers), { MetadataDirective: 'REPLACE', Metadata: userMetadata });
  } else {
    input.MetadataDirective = 'COPY';
  }
  const output = await guard(
    s3,
    { action: 'CopyObject', bucket: to.bucket, key: to.key },
    () => s3.send(new CopyObjectCommand(input), { abortSignal: signal }),
    signal
  );
  const result: CopyVersionResult = { etag: stripQuotes(output.CopyObjectResult?.ETag) ?? '', multipart: false };
  if (output.VersionId) {
    result.versionId = output.VersionId;
  }
  if (output.CopyObjectResult?.ChecksumSHA256) {
    result.checksumSha256 = output.CopyObjectResult.ChecksumSHA256;
  }
  return result;
}
