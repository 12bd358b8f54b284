/**
 * Server-side copies of one object version that keep what S3 would otherwise drop: the source's
 * content headers, user metadata and storage class. Objects over 5 GiB (S3's CopyObject limit)
 * are copied in parts with UploadPartCopy, using the same 8 MiB part layout as our uploads (so the
 * copy's composite SHA-256 equals Quilt's `sha2-256-chunked`); a failed or cancelled multipart
 * copy is aborted, leaving no parts behind.
 */
import {
  CompletedPart,
  CompleteMultipartUploadCommand,
  CopyObjectCommand,
  CopyObjectCommandInput,
  CreateMultipartUploadCommand,
  HeadObjectCommand,
  S3Client,
  StorageClass,
  UploadPartCopyCommand
} from '@aws-sdk/client-s3';
import { HeliumError } from './error-class';
import { toHeliumError } from './error-mapping';
import { getEndpointLabel } from './endpoint';
import { assertValidUserMetadata } from './metadata';
import { ObjectInfo, toObjectInfo } from './object-info';
import { copySource } from './objects-write';
import { cancelled, guard, stripQuotes } from './request';
import { linkAbort } from './transfers/control';
import { partRange, partSizeFor, partCount } from './transfers/part-size';
import { DEFAULT_RETRIES, singleAttempt, withRetries } from './transfers/retry';
import { abortUpload } from './transfers/upload-multipart';
import { assertValidBucketName, assertValidKey } from './uri';

/** The largest object one CopyObject request copies: 5 GiB. */
export const MAX_COPY_OBJECT_SIZE = 5 * 1024 * 1024 * 1024;

/** Part copies in flight by default. */
const DEFAULT_COPY_CONCURRENCY = 8;

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
  assertValidKey(ref.key);
  const output = await guard(
    s3,
    { action: 'HeadObject', bucket: ref.bucket, key: ref.key, versionId: ref.versionId },
    () =>
      s3.send(
        new HeadObjectCommand({ Bucket: ref.bucket, Key: ref.key, VersionId: ref.versionId, ChecksumMode: 'ENABLED' }),
        { abortSignal: ref.signal }
      ),
    ref.signal
  );
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
 * The header fields of a request that writes an object, from content headers.
 * @param headers - the source's headers.
 * @returns the SDK input fields.
 */
function headerInput(headers: ContentHeaders): Partial<CopyObjectCommandInput> {
  return {
    ContentType: headers.contentType,
    ContentEncoding: headers.contentEncoding,
    CacheControl: headers.cacheControl,
    ContentDisposition: headers.contentDisposition,
    ContentLanguage: headers.contentLanguage,
    Expires: headers.expires,
    StorageClass: headers.storageClass as StorageClass | undefined
  };
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
    throw new HeliumError('InvalidInput', `The multipart copy threshold must be a whole number of bytes from 0 to 5 GiB; it is ${String(threshold)}.`, {
      code: 'InvalidOption'
    });
  }
  return threshold;
}

/**
 * Copy one version server-side, as a NEW version at the target. With `userMetadata` the user
 * metadata is replaced and every content header is carried over (REPLACE would drop them);
 * without, it is copied unchanged. S3 is asked for a SHA-256 checksum of the copy. Objects larger
 * than the threshold are copied in parts (pinned to the source version, or to its ETag).
 * @param s3 - the client.
 * @param options - source, target, metadata, threshold, concurrency and abort signal.
 * @returns the new version's id, ETag and checksum.
 * @throws HeliumError `InvalidInput` (metadata over 2 KB, before any request), `NotFound`,
 *   `AccessDenied`, `Cancelled`…; a multipart copy that fails is aborted first.
 */
export async function copyVersion(s3: S3Client, options: CopyVersionOptions): Promise<CopyVersionResult> {
  const { source, to, userMetadata, signal } = options;
  assertValidBucketName(to.bucket);
  assertValidKey(to.key);
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

/**
 * The multipart copy: create an upload carrying the headers and metadata, copy byte ranges of the
 * source with UploadPartCopy (a few at a time, each retried), complete; abort on any failure.
 * @param s3 - the client.
 * @param options - as {@link copyVersion}.
 * @returns the new version.
 */
async function copyInParts(s3: S3Client, options: CopyVersionOptions): Promise<CopyVersionResult> {
  const { source, to } = options;
  const { bucket, key } = to;
  const size = source.info.size;
  const partSize = partSizeFor(size);
  const count = partCount(size);
  const concurrency = Math.max(1, Math.min(64, Math.floor(options.concurrency ?? DEFAULT_COPY_CONCURRENCY)));
  const retries = options.retries ?? DEFAULT_RETRIES;
  const link = linkAbort(options.signal);
  const retry = (action: string) => ({ s3, context: { action, bucket, key }, retries, signal: link.signal });
  const pin = source.versionId ? {} : { CopySourceIfMatch: `"${source.info.etag}"` };
  let uploadId: string | undefined;
  try {
    const created = await withRetries(
      () =>
        s3.send(
          singleAttempt(
            new CreateMultipartUploadCommand({
              ...headerInput(source.headers),
              Bucket: bucket,
              Key: key,
              Metadata: options.userMetadata ?? source.info.userMetadata,
              ChecksumAlgorithm: 'SHA256'
            })
          )
          // Not cancellable in flight: a create cancelled there could still start an upload
          // whose id we never learn. We let it answer, then abort it below.
        ),
      { ...retry('CreateMultipartUpload'), signal: undefined }
    );
    uploadId = created.UploadId;
    if (!uploadId) {
      throw new HeliumError('Unknown', 'The S3 server did not return an upload id for the multipart copy.', {
        code: 'NoUploadId'
      });
    }
    const id = uploadId;
    if (link.signal.aborted) {
      throw link.signal.reason ?? new Error('Cancelled');
    }
    const parts = new Array<CompletedPart>(count);
    let next = 0;
    let failure: { error: unknown } | undefined;
    const worker = async (): Promise<void> => {
      while (!failure && next < count) {
        const index = next++;
        const { start, end } = partRange(size, index, partSize);
        try {
          const output = await withRetries(
            () =>
              s3.send(
                singleAttempt(
                  new UploadPartCopyCommand({
                    ...pin,
                    Bucket: bucket,
                    Key: key,
                    UploadId: id,
                    PartNumber: index + 1,
                    CopySource: copySource(source),
                    CopySourceRange: `bytes=${start}-${end - 1}`
                  })
                ),
                { abortSignal: link.signal }
              ),
            retry('CopyObject')
          );
          const part: CompletedPart = { PartNumber: index + 1, ETag: output.CopyPartResult?.ETag };
          if (output.CopyPartResult?.ChecksumSHA256) {
            part.ChecksumSHA256 = output.CopyPartResult.ChecksumSHA256;
          }
          parts[index] = part;
        } catch (error) {
          if (!failure) {
            failure = { error };
            link.abort(error);
          }
        }
      }
    };
    // Every worker settles before we go on: nothing is in flight when we complete or abort.
    await Promise.all(Array.from({ length: Math.min(concurrency, count) }, worker));
    if (failure) {
      throw failure.error;
    }
    const completed = await withRetries(
      () =>
        s3.send(
          singleAttempt(
            new CompleteMultipartUploadCommand({ Bucket: bucket, Key: key, UploadId: id, MultipartUpload: { Parts: parts } })
          )
          // Not cancellable: once every part is stored, completing is the quick, safe end.
        ),
      { ...retry('CompleteMultipartUpload'), signal: undefined }
    );
    const result: CopyVersionResult = { etag: stripQuotes(completed.ETag) ?? '', multipart: true };
    if (completed.VersionId) {
      result.versionId = completed.VersionId;
    }
    if (completed.ChecksumSHA256) {
      result.checksumSha256 = completed.ChecksumSHA256;
    }
    return result;
  } catch (err) {
    const ctx = { action: 'CopyObject', bucket, key, endpoint: getEndpointLabel(s3) };
    let error = options.signal?.aborted ? cancelled(ctx, err) : toHeliumError(err, ctx);
    if (uploadId) {
      const leftover = await abortUpload(s3, to, uploadId, retries);
      if (leftover) {
        error = new HeliumError(
          error.kind,
          `${error.message} Its partial copy could not be removed (${leftover.message}); S3 keeps the parts until the upload is aborted.`,
          { code: error.code, status: error.status, hint: error.hint, cause: err }
        );
      }
    }
    throw error;
  } finally {
    link.dispose();
  }
}
