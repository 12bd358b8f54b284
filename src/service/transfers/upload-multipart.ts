/**
 * The multipart upload engine: bounded concurrency and memory, per-part SHA-256 headers,
 * retries per part, and an abort that leaves no parts behind.
 */
import {
  AbortMultipartUploadCommand,
  CompletedPart,
  CompleteMultipartUploadCommand,
  CreateMultipartUploadCommand,
  HeadObjectCommand,
  ListPartsCommand,
  S3Client,
  UploadPartCommand
} from '@aws-sdk/client-s3';
import { sha256, toBase64 } from '../checksum';
import { HeliumError, isHeliumError } from '../error-class';
import { toHeliumError } from '../error-mapping';
import { getEndpointLabel } from '../endpoint';
import { cancelled, stripQuotes } from '../request';
import { linkAbort, LinkedAbort } from './control';
import { partCount, partRange, partSizeFor } from './part-size';
import { compositeSha256, parseS3Checksum } from './quilt-hash';
import { singleAttempt, withRetries } from './retry';
import { readExactly } from './sources';
import type { UploadOptions, UploadResult } from './types';

/** What the multipart engine needs besides the caller's options. */
interface Limits {
  concurrency: number;
  retries: number;
}

/** Where one upload goes. */
interface Target {
  bucket: string;
  key: string;
}

/**
 * Upload a source of more than one part as a multipart upload (see {@link uploadObject}).
 * At most `concurrency` parts are read, hashed and sent at once; a part is read from the
 * source only when a slot is free, and released once S3 confirmed it.
 * @param s3 - the client.
 * @param options - the upload options.
 * @param limits - concurrency and retries.
 * @param progress - counts confirmed bytes.
 * @param progress.add - called with each confirmed part's size.
 * @returns the result, with the composite checksum `<base64>-<N>`.
 * @throws HeliumError; the multipart upload is aborted first.
 */
export async function uploadMultipart(
  s3: S3Client,
  options: UploadOptions,
  limits: Limits,
  progress: { add(bytes: number): void }
): Promise<UploadResult> {
  const { bucket, key, source } = options;
  const target = { bucket, key };
  const size = source.size;
  const partSize = partSizeFor(size);
  const count = partCount(size);
  const link = linkAbort(options.signal);
  const retry = (action: string) => ({ s3, context: { action, bucket, key }, retries: limits.retries, signal: link.signal });
  let uploadId: string | undefined;
  try {
    const created = await withRetries(
      () =>
        s3.send(
          singleAttempt(
            new CreateMultipartUploadCommand({
              Bucket: bucket,
              Key: key,
              ContentType: options.contentType,
              Metadata: options.userMetadata,
              ChecksumAlgorithm: 'SHA256'
            })
          )
          // No abortSignal: a create cancelled in flight could still start an upload on the
          // server whose id we never learn, an orphan. We let it answer, then abort it below.
        ),
      { ...retry('CreateMultipartUpload'), signal: undefined }
    );
    uploadId = created.UploadId;
    if (!uploadId) {
      throw new HeliumError('Unknown', 'The S3 server did not return an upload id for the multipart upload.', {
        code: 'NoUploadId'
      });
    }
    const id = uploadId;
    if (link.signal.aborted) {
      throw link.signal.reason ?? new Error('Cancelled');
    }
    const parts = new Array<CompletedPart>(count);
    const digests = new Array<Uint8Array>(count);
    let next = 0;
    let failure: { error: unknown } | undefined;
    const worker = async (): Promise<void> => {
      while (!failure && next < count) {
        const index = next++;
        try {
          const { start, end } = partRange(size, index, partSize);
          const bytes = await readExactly(source, start, end);
          const digest = await sha256(bytes);
          const checksum = toBase64(digest);
          const output = await withRetries(
            () =>
              s3.send(
                singleAttempt(
                  new UploadPartCommand({
                    Bucket: bucket,
                    Key: key,
                    UploadId: id,
                    PartNumber: index + 1,
                    Body: bytes,
                    ContentLength: bytes.byteLength,
                    ChecksumAlgorithm: 'SHA256',
                    ChecksumSHA256: checksum
                  })
                ),
                { abortSignal: link.signal }
              ),
            retry('UploadPart')
          );
          parts[index] = { PartNumber: index + 1, ETag: output.ETag, ChecksumSHA256: checksum };
          digests[index] = digest;
          progress.add(bytes.byteLength);
        } catch (error) {
          if (!failure) {
            failure = { error };
            link.abort(error);
          }
        }
      }
    };
    // Every worker settles before we go on: nothing is in flight when we complete or abort.
    await Promise.all(Array.from({ length: Math.min(limits.concurrency, count) }, worker));
    if (failure) {
      throw failure.error;
    }
    const composite = await compositeSha256(digests);
    const completed = await completeUpload(s3, target, id, parts, composite, link, limits.retries);
    const result: UploadResult = {
      key,
      etag: stripQuotes(completed.etag),
      checksumSha256: withPartsSuffix(completed.checksum ?? composite, count),
      parts: count,
      skipped: false
    };
    if (completed.versionId) {
      result.versionId = completed.versionId;
    }
    return result;
  } catch (err) {
    const ctx = { action: 'UploadPart', bucket, key, endpoint: getEndpointLabel(s3) };
    let error = options.signal?.aborted ? cancelled(ctx, err) : toHeliumError(err, ctx);
    if (uploadId) {
      const leftover = await abortUpload(s3, target, uploadId, limits.retries);
      if (leftover) {
        error = new HeliumError(
          error.kind,
          `${error.message} Its partial upload could not be removed (${leftover.message}); S3 keeps the parts until the upload is aborted.`,
          { code: error.code, status: error.status, hint: error.hint, cause: err }
        );
      }
    }
    throw error;
  } finally {
    link.dispose();
  }
}

/**
 * `<base64>-<N>`: S3's composite checksum with its part count (added when a server omits it).
 * @param checksum - S3's or our composite checksum.
 * @param parts - the number of parts.
 * @returns the checksum with the suffix.
 */
function withPartsSuffix(checksum: string, parts: number): string {
  return parseS3Checksum(checksum).parts === undefined ? `${checksum}-${parts}` : checksum;
}

/**
 * Complete the upload. If a retried CompleteMultipartUpload finds the upload gone
 * (NoSuchUpload), the first attempt may have succeeded with its answer lost: a HEAD with the
 * same size and composite checksum confirms that.
 * @param s3 - the client.
 * @param target - bucket and key.
 * @param uploadId - the upload.
 * @param parts - the confirmed parts, in order.
 * @param composite - our composite checksum (no suffix).
 * @param link - the transfer's abort.
 * @param retries - retries of the request.
 * @returns the new version's ETag, version id and S3's checksum.
 */
async function completeUpload(
  s3: S3Client,
  target: Target,
  uploadId: string,
  parts: CompletedPart[],
  composite: string,
  link: LinkedAbort,
  retries: number
): Promise<{ etag?: string; versionId?: string; checksum?: string }> {
  const { bucket, key } = target;
  let attempts = 0;
  return withRetries(
    async () => {
      attempts++;
      try {
        const output = await s3.send(
          singleAttempt(
            new CompleteMultipartUploadCommand({
              Bucket: bucket,
              Key: key,
              UploadId: uploadId,
              MultipartUpload: { Parts: parts }
            })
          )
          // Not cancellable: once every part is stored, completing is the quick, safe end (a
          // complete cancelled in flight could still create the object after we said "cancelled").
        );
        return { etag: output.ETag, versionId: output.VersionId, checksum: output.ChecksumSHA256 };
      } catch (err) {
        const code = (err as { name?: string }).name;
        if (attempts > 1 && code === 'NoSuchUpload') {
          const head = await s3.send(
            singleAttempt(new HeadObjectCommand({ Bucket: bucket, Key: key, ChecksumMode: 'ENABLED' })),
            { abortSignal: link.signal }
          );
          if (head.ChecksumSHA256 && parseS3Checksum(head.ChecksumSHA256).digest === composite) {
            return { etag: head.ETag, versionId: head.VersionId, checksum: head.ChecksumSHA256 };
          }
        }
        throw err;
      }
    },
    { s3, context: { action: 'CompleteMultipartUpload', bucket, key }, retries }
  );
}

/**
 * Abort a multipart upload so that S3 frees its parts, and check that it is gone (a part
 * still being stored while the abort ran can keep it alive: then abort again). Runs even after
 * the caller cancelled (it is not tied to their signal).
 * @param s3 - the client.
 * @param target - bucket and key.
 * @param uploadId - the upload.
 * @param retries - retries per request.
 * @returns undefined when the upload is gone (or cannot be checked), else the error that kept
 *   it from being aborted.
 */
export async function abortUpload(
  s3: S3Client,
  target: Target,
  uploadId: string,
  retries: number
): Promise<HeliumError | undefined> {
  const { bucket, key } = target;
  const input = { Bucket: bucket, Key: key, UploadId: uploadId };
  for (let round = 0; round < 3; round++) {
    try {
      await withRetries(() => s3.send(singleAttempt(new AbortMultipartUploadCommand(input))), {
        s3,
        context: { action: 'AbortMultipartUpload', bucket, key },
        retries
      });
    } catch (err) {
      return isHeliumError(err, 'NotFound') ? undefined : (err as HeliumError);
    }
    try {
      await s3.send(new ListPartsCommand({ ...input, MaxParts: 1 }));
    } catch {
      // NoSuchUpload: gone, as it should be (or we may not list parts: nothing more to do).
      return undefined;
    }
  }
  return undefined;
}
