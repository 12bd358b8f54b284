/**
 * The multipart upload engine: bounded concurrency and memory, per-part SHA-256 headers,
 * retries per part, and an abort that leaves no parts behind (the create / parts / complete /
 * abort sequence is {@link runMultipart}, shared with multipart copies).
 */
import {
  CompleteMultipartUploadCommand,
  CreateMultipartUploadCommand,
  HeadObjectCommand,
  S3Client,
  UploadPartCommand,
  UploadPartCommandInput
} from '@aws-sdk/client-s3';
import { sha256, toBase64 } from '../checksum';
import { stripQuotes } from '../request';
import { MultipartTarget, runMultipart } from './multipart-run';
import { partCount, partRange, partSizeFor } from './part-size';
import { compositeSha256, parseS3Checksum } from './quilt-hash';
import { withPayloadSha256 } from './payload-hash';
import { singleAttempt, withRetries } from './retry';
import { readExactly } from './sources';
import type { ByteSource, UploadOptions, UploadPartBody, UploadResult } from './types';

/** What the multipart engine needs besides the caller's options. */
interface Limits {
  concurrency: number;
  retries: number;
}

/** What CompleteMultipartUpload (or the HEAD confirming it) told us. */
interface Completed {
  etag?: string;
  versionId?: string;
  checksum?: string;
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
  const target: MultipartTarget = { bucket, key };
  const size = source.size;
  const partSize = partSizeFor(size);
  const count = partCount(size);
  const digests = new Array<Uint8Array>(count);
  let composite: string | undefined;
  const compositeOfParts = async () => (composite ??= await compositeSha256(digests));
  const completed = await runMultipart<Completed>({
    s3,
    target,
    count,
    concurrency: limits.concurrency,
    retries: limits.retries,
    signal: options.signal,
    action: 'UploadPart',
    noun: 'upload',
    create: async () =>
      (
        await s3.send(
          singleAttempt(
            new CreateMultipartUploadCommand({
              Bucket: bucket,
              Key: key,
              ContentType: options.contentType,
              Metadata: options.userMetadata,
              ChecksumAlgorithm: 'SHA256'
            })
          )
        )
      ).UploadId,
    part: async (index, ctx) => {
      const { start, end } = partRange(size, index, partSize);
      const { body, sha256: digest } = await readPart(source, start, end);
      const checksum = toBase64(digest);
      const output = await withRetries(
        () =>
          s3.send(
            singleAttempt(
              withPayloadSha256(
                new UploadPartCommand({
                  Bucket: bucket,
                  Key: key,
                  UploadId: ctx.uploadId,
                  PartNumber: index + 1,
                  Body: body as UploadPartCommandInput['Body'],
                  ContentLength: end - start,
                  ChecksumAlgorithm: 'SHA256',
                  ChecksumSHA256: checksum
                }),
                digest
              )
            ),
            { abortSignal: ctx.signal }
          ),
        ctx.retry('UploadPart')
      );
      digests[index] = digest;
      progress.add(end - start);
      return { PartNumber: index + 1, ETag: output.ETag, ChecksumSHA256: checksum };
    },
    complete: async (uploadId, parts) => {
      await compositeOfParts();
      const output = await s3.send(
        singleAttempt(
          new CompleteMultipartUploadCommand({ Bucket: bucket, Key: key, UploadId: uploadId, MultipartUpload: { Parts: parts } })
        )
      );
      return { etag: output.ETag, versionId: output.VersionId, checksum: output.ChecksumSHA256 };
    },
    confirmCompleted: async () => confirmUploaded(s3, target, await compositeOfParts())
  });
  const sum = await compositeOfParts();
  const result: UploadResult = {
    key,
    etag: stripQuotes(completed.etag),
    checksumSha256: withPartsSuffix(completed.checksum ?? sum, count),
    parts: count,
    skipped: false
  };
  if (completed.versionId) {
    result.versionId = completed.versionId;
  }
  return result;
}

/**
 * One part's body and SHA-256: from the source's `partForUpload` when it has one (in the browser,
 * a Blob slice hashed by a worker: the page's thread never holds the bytes), else read here and
 * hashed (WebCrypto, without a copy).
 * @param source - the source.
 * @param start - the part's first byte.
 * @param end - one past its last byte.
 * @returns the body and its SHA-256.
 */
async function readPart(source: ByteSource, start: number, end: number): Promise<UploadPartBody> {
  if (source.partForUpload) {
    return source.partForUpload(start, end);
  }
  const bytes = await readExactly(source, start, end);
  return { body: bytes, sha256: await sha256(bytes) };
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
 * After a retried CompleteMultipartUpload found the upload gone (NoSuchUpload): whether the first
 * attempt succeeded with its answer lost. A HEAD of the key with our composite checksum says so.
 * @param s3 - the client.
 * @param target - bucket and key.
 * @param composite - our composite checksum (no suffix).
 * @returns the new version's ETag, version id and S3's checksum; undefined when it is not ours.
 */
async function confirmUploaded(s3: S3Client, target: MultipartTarget, composite: string): Promise<Completed | undefined> {
  // No abort signal: completing is not cancelled.
  const head = await s3.send(singleAttempt(new HeadObjectCommand({ Bucket: target.bucket, Key: target.key, ChecksumMode: 'ENABLED' })));
  if (head.ChecksumSHA256 && parseS3Checksum(head.ChecksumSHA256).digest === composite) {
    return { etag: head.ETag, versionId: head.VersionId, checksum: head.ChecksumSHA256 };
  }
  return undefined;
}
