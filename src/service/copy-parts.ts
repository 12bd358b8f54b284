/**
 * The multipart half of {@link copyVersion}: objects over 5 GiB (S3's CopyObject limit) are copied
 * with UploadPartCopy in the same 8 MiB part layout as our uploads (so the copy's composite SHA-256
 * equals Quilt's `sha2-256-chunked`), carrying the source's tags over as CopyObject does; a failed
 * or cancelled copy is aborted, leaving no parts behind, and a lost Complete is confirmed by HEAD.
 */
import {
  CompletedPart,
  CompleteMultipartUploadCommand,
  CopyObjectCommandInput,
  CreateMultipartUploadCommand,
  GetObjectTaggingCommand,
  HeadObjectCommand,
  HeadObjectCommandOutput,
  S3Client,
  StorageClass,
  Tag,
  UploadPartCopyCommand
} from '@aws-sdk/client-s3';
import { fromBase64 } from './checksum';
import type { ContentHeaders, CopySourceVersion, CopyVersionOptions, CopyVersionResult } from './copy-multipart';
import { HeliumError, isHeliumError } from './error-class';
import { copySource } from './objects-write';
import { guard, quotedEtag, stripQuotes } from './request';
import { runMultipart } from './transfers/multipart-run';
import { partRange, partSizeFor, partCount } from './transfers/part-size';
import { compositeSha256, parseS3Checksum } from './transfers/quilt-hash';
import { DEFAULT_RETRIES, singleAttempt, withRetries } from './transfers/retry';
import { formatS3Uri } from './uri';

/** Part copies in flight by default. */
const DEFAULT_COPY_CONCURRENCY = 8;

/**
 * The header fields of a request that writes an object, from content headers.
 * @param headers - the source's headers.
 * @returns the SDK input fields.
 */
export function headerInput(headers: ContentHeaders): Partial<CopyObjectCommandInput> {
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

/** How far S3's clock may be from ours (S3 refuses requests skewed by more). */
const MAX_CLOCK_SKEW_MS = 15 * 60 * 1000;

/**
 * The source version's tags, as the `Tagging` of a new upload (`k1=v1&k2=v2`; CopyObject copies
 * tags by itself, a multipart upload carries only what it is given).
 * @param s3 - the client.
 * @param source - the version copied.
 * @param signal - cancels the request.
 * @returns the tag set as URL query text, or undefined when the version has none (or the server
 *   does not implement tagging).
 * @throws HeliumError `AccessDenied` saying the copy would lose the tags, so nothing is written.
 */
async function sourceTagging(s3: S3Client, source: CopySourceVersion, signal: AbortSignal | undefined): Promise<string | undefined> {
  const { bucket, key, versionId } = source;
  let tags: Tag[];
  try {
    const output = await guard(
      s3,
      { action: 'GetObjectTagging', bucket, key, versionId },
      () => s3.send(new GetObjectTaggingCommand({ Bucket: bucket, Key: key, VersionId: versionId }), { abortSignal: signal }),
      signal
    );
    tags = output.TagSet ?? [];
  } catch (err) {
    if (isHeliumError(err, 'AccessDenied')) {
      const permission = versionId ? 's3:GetObjectVersionTagging' : 's3:GetObjectTagging';
      throw new HeliumError(
        'AccessDenied',
        `${formatS3Uri({ bucket, key, versionId })} is copied in parts (it is over the 5 GiB a single copy allows), which needs its tags to be read first, and your credentials lack ${permission} on it: the new version would silently lose its tags, so nothing was written.`,
        {
          code: err.code ?? 'AccessDenied',
          status: err.status,
          hint: `Ask for ${permission} (and s3:PutObjectTagging to write them).`,
          cause: err
        }
      );
    }
    if (err instanceof HeliumError && (err.code === 'NotImplemented' || err.status === 501)) {
      return undefined; // a server without tagging: there are no tags to lose
    }
    throw err;
  }
  if (tags.length === 0) {
    return undefined;
  }
  return tags.map(tag => `${encodeURIComponent(tag.Key ?? '')}=${encodeURIComponent(tag.Value ?? '')}`).join('&');
}

/**
 * User metadata with lowercase names (as HEAD gives them), for comparing.
 * @param metadata - user metadata.
 * @returns the same, names in lowercase.
 */
function lowerNames(metadata: Record<string, string> | undefined): Record<string, string> {
  return Object.fromEntries(Object.entries(metadata ?? {}).map(([name, value]) => [name.toLowerCase(), value]));
}

/**
 * The multipart copy: read the source's tags, create an upload carrying them with the headers and
 * metadata, copy byte ranges of the source with UploadPartCopy (a few at a time, each retried),
 * complete; abort on any failure (see {@link runMultipart}).
 * @param s3 - the client.
 * @param options - as {@link copyVersion}.
 * @returns the new version.
 */
export async function copyInParts(s3: S3Client, options: CopyVersionOptions): Promise<CopyVersionResult> {
  const { source, to } = options;
  const { bucket, key } = to;
  const size = source.info.size;
  const partSize = partSizeFor(size);
  const count = partCount(size);
  const pin = source.versionId ? {} : { CopySourceIfMatch: quotedEtag(source.info.etag) };
  const metadata = options.userMetadata ?? source.info.userMetadata;
  const tagging = await sourceTagging(s3, source, options.signal);
  // What is at the key now: a lost Complete is confirmed only by a version newer than this.
  const before = await headCurrent(s3, to, options.signal);
  const started = Date.now();
  return runMultipart<CopyVersionResult>({
    s3,
    target: to,
    count,
    concurrency: Math.max(1, Math.min(64, Math.floor(options.concurrency ?? DEFAULT_COPY_CONCURRENCY))),
    retries: options.retries ?? DEFAULT_RETRIES,
    signal: options.signal,
    action: 'CopyObject',
    noun: 'copy',
    create: async () =>
      (
        await s3.send(
          singleAttempt(
            new CreateMultipartUploadCommand({
              ...headerInput(source.headers),
              Bucket: bucket,
              Key: key,
              Metadata: metadata,
              Tagging: tagging,
              ChecksumAlgorithm: 'SHA256'
            })
          )
        )
      ).UploadId,
    part: async (index, ctx) => {
      const { start, end } = partRange(size, index, partSize);
      const output = await withRetries(
        () =>
          s3.send(
            singleAttempt(
              new UploadPartCopyCommand({
                ...pin,
                Bucket: bucket,
                Key: key,
                UploadId: ctx.uploadId,
                PartNumber: index + 1,
                CopySource: copySource(source),
                CopySourceRange: `bytes=${start}-${end - 1}`
              })
            ),
            { abortSignal: ctx.signal }
          ),
        ctx.retry('CopyObject')
      );
      const part: CompletedPart = { PartNumber: index + 1, ETag: output.CopyPartResult?.ETag };
      if (output.CopyPartResult?.ChecksumSHA256) {
        part.ChecksumSHA256 = output.CopyPartResult.ChecksumSHA256;
      }
      return part;
    },
    complete: async (uploadId, parts) => {
      const completed = await s3.send(
        singleAttempt(
          new CompleteMultipartUploadCommand({ Bucket: bucket, Key: key, UploadId: uploadId, MultipartUpload: { Parts: parts } })
        )
      );
      return copyResult(completed.ETag, completed.VersionId, completed.ChecksumSHA256);
    },
    confirmCompleted: async parts => {
      // The key's current version is ours when it replaced what was there before we started, is
      // a multipart object of our size and part count (ETag `…-N`), dates from this copy, has our
      // metadata, and (when S3 gave part checksums) our composite SHA-256. No abort signal:
      // completing is not cancelled.
      const head = await s3.send(singleAttempt(new HeadObjectCommand({ Bucket: bucket, Key: key, ChecksumMode: 'ENABLED' })));
      const etag = stripQuotes(head.ETag) ?? '';
      const replaced =
        !before ||
        head.VersionId !== before.VersionId ||
        head.ETag !== before.ETag ||
        (head.LastModified?.getTime() ?? 0) > (before.LastModified?.getTime() ?? 0);
      const ours =
        replaced &&
        head.ContentLength === size &&
        etag.endsWith(`-${count}`) &&
        head.LastModified !== undefined &&
        head.LastModified.getTime() >= started - MAX_CLOCK_SKEW_MS &&
        JSON.stringify(Object.entries(lowerNames(head.Metadata)).sort()) === JSON.stringify(Object.entries(lowerNames(metadata)).sort());
      if (!ours) {
        return undefined;
      }
      // When S3 gave every part's checksum, the composite identifies the bytes exactly.
      if (parts.every(part => part.ChecksumSHA256)) {
        const composite = await compositeSha256(parts.map(part => fromBase64(part.ChecksumSHA256 as string)));
        if (!head.ChecksumSHA256 || parseS3Checksum(head.ChecksumSHA256).digest !== composite) {
          return undefined;
        }
      }
      return copyResult(head.ETag, head.VersionId, head.ChecksumSHA256);
    }
  });
}

/**
 * HEAD the current version at a key.
 * @param s3 - the client.
 * @param at - bucket and key.
 * @param signal - cancels the request.
 * @returns its version id, ETag and date; undefined when there is none (missing or deleted).
 */
async function headCurrent(
  s3: S3Client,
  at: { bucket: string; key: string },
  signal: AbortSignal | undefined
): Promise<HeadObjectCommandOutput | undefined> {
  try {
    return await guard(
      s3,
      { action: 'HeadObject', bucket: at.bucket, key: at.key },
      () => s3.send(new HeadObjectCommand({ Bucket: at.bucket, Key: at.key }), { abortSignal: signal }),
      signal
    );
  } catch (err) {
    if (isHeliumError(err, 'NotFound')) {
      return undefined;
    }
    throw err;
  }
}

/**
 * A multipart copy's result.
 * @param etag - the new version's ETag (quoted or not).
 * @param versionId - its version id.
 * @param checksum - its SHA-256 checksum.
 * @returns the result.
 */
function copyResult(etag: string | undefined, versionId: string | undefined, checksum: string | undefined): CopyVersionResult {
  const result: CopyVersionResult = { etag: stripQuotes(etag) ?? '', multipart: true };
  if (versionId) {
    result.versionId = versionId;
  }
  if (checksum) {
    result.checksumSha256 = checksum;
  }
  return result;
}
