/**
 * Uploads: one PUT up to one part, a multipart upload above (see upload-multipart.ts), both
 * with SHA-256 checksums that match Quilt's hash; optionally skipped when nothing changed.
 *
 * Why not `@aws-sdk/lib-storage`'s `Upload` (DESIGN.md prefers well-kept libraries; it was
 * considered first): it sends every part with the same params (`{...params, Body, PartNumber}`),
 * so a precomputed per-part `ChecksumSHA256` cannot be given; part checksums are left to the
 * SDK's flexible-checksum middleware, whose transport (header or aws-chunked trailer, which our
 * Jupyter proxy cannot re-sign) depends on the body type, and whose digests we would have to
 * recompute anyway for the composite / Quilt hash and `skipIfUnchanged`. It reads its Body
 * sequentially through its own chunker (Buffer, Blob or stream), not a random-access ByteSource
 * read part by part. Its only retries are the SDK's per request, with no per-transfer `retries`
 * and backoff, and downloads need our own retry layer anyway (a ranged GET body cut short is not
 * retried by the SDK). It would also add a package to the browser bundle. The engine here is
 * small and does exactly what the contract asks.
 */
import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { sha256, toBase64 } from '../checksum';
import { assertValidUserMetadata } from '../metadata';
import { checkAborted, stripQuotes } from '../request';
import { toHeliumError } from '../error-mapping';
import { getEndpointLabel } from '../endpoint';
import { assertValidBucketName, assertReadableKey } from '../uri';
import { progressReporter, transferLimits, uploadPartsInFlight } from './control';
import { assertValidSize, partSizeFor } from './part-size';
import { withPayloadSha256 } from './payload-hash';
import { singleAttempt, withRetries } from './retry';
import { readExactly } from './sources';
import type { UploadOptions, UploadResult } from './types';
import { uploadMultipart } from './upload-multipart';
import { findUnchanged } from './upload-skip';

/**
 * Upload bytes to an object.
 *
 * - Up to one part (8 MiB, see {@link partSizeFor}): one PutObject with `x-amz-checksum-sha256`.
 * - Above: CreateMultipartUpload (`ChecksumAlgorithm: SHA256`), parts of `partSizeFor(size)`
 *   each sent with its SHA-256 as a plain header, `concurrency` parts in flight and in memory
 *   (default: as many as fit in 128 MiB, see {@link uploadPartsInFlight})
 *   (each read from the source just before it is sent), then CompleteMultipartUpload. S3's
 *   composite checksum is then Quilt's `sha2-256-chunked` hash plus `-N`.
 * - Throttling (SlowDown, 503, 500) and dropped connections are retried per request with
 *   backoff (`retries`, default 5); the SDK's own retry is bypassed for these requests.
 * - On cancel (`signal`) or any failure, in-flight parts are stopped and the multipart upload
 *   is aborted, so no parts are left behind.
 * - `skipIfUnchanged`: a HEAD first; the same size and SHA-256 (and the same metadata and
 *   content type when given) → nothing is sent.
 * - Metadata S3 would refuse (over 2 KB, non-ASCII) is refused before any request.
 *
 * @param s3 - the client (Node, or the browser's proxy client).
 * @param options - bucket, key, source, content type, metadata, limits, signal, progress.
 * @returns the new version, ETag, S3 checksum and part count (or the existing object, skipped).
 * @throws HeliumError `InvalidInput`, `Cancelled`, `AccessDenied`, `Network`, `Conflict`
 *   (the source changed meanwhile)…
 */
export async function uploadObject(s3: S3Client, options: UploadOptions): Promise<UploadResult> {
  const { bucket, key, source, signal } = options;
  assertValidBucketName(bucket);
  assertReadableKey(key);
  assertValidUserMetadata(options.userMetadata);
  assertValidSize(source.size);
  const limits = transferLimits(options, uploadPartsInFlight(partSizeFor(source.size)));
  checkAborted(s3, { action: 'PutObject', bucket, key }, signal);
  const progress = progressReporter(source.size, options.onProgress);
  if (options.skipIfUnchanged) {
    const existing = await findUnchanged(s3, options, limits.retries);
    if (existing) {
      progress.add(source.size);
      return existing;
    }
  }
  progress.report();
  if (source.size <= partSizeFor(source.size)) {
    const result = await putWhole(s3, options, limits.retries);
    progress.add(source.size);
    return result;
  }
  return uploadMultipart(s3, options, limits, progress);
}

/**
 * Upload a source of at most one part with one PutObject.
 * @param s3 - the client.
 * @param options - the upload options.
 * @param retries - retries of the PUT.
 * @returns the result.
 */
async function putWhole(s3: S3Client, options: UploadOptions, retries: number): Promise<UploadResult> {
  const { bucket, key, source, signal } = options;
  const context = { action: 'PutObject', bucket, key };
  let body: Uint8Array;
  try {
    body = await readExactly(source, 0, source.size);
  } catch (err) {
    throw toHeliumError(err, { ...context, endpoint: getEndpointLabel(s3) });
  }
  const digest = await sha256(body);
  const checksum = toBase64(digest);
  const output = await withRetries(
    () =>
      s3.send(
        singleAttempt(
          withPayloadSha256(
            new PutObjectCommand({
              Bucket: bucket,
              Key: key,
              Body: body,
              ContentLength: body.byteLength,
              ContentType: options.contentType,
              Metadata: options.userMetadata,
              ChecksumAlgorithm: 'SHA256',
              ChecksumSHA256: checksum
            }),
            digest
          )
        ),
        { abortSignal: signal }
      ),
    { s3, context, retries, signal }
  );
  const result: UploadResult = {
    key,
    etag: stripQuotes(output.ETag),
    checksumSha256: output.ChecksumSHA256 ?? checksum,
    parts: 1,
    skipped: false
  };
  if (output.VersionId) {
    result.versionId = output.VersionId;
  }
  return result;
}
