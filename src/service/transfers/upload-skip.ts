/**
 * `skipIfUnchanged`: does the destination already hold these bytes?
 */
import { HeadObjectCommand, HeadObjectCommandOutput, ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import { toBase64 } from '../checksum';
import { isHeliumError } from '../error-class';
import { toHeliumError } from '../error-mapping';
import { getEndpointLabel } from '../endpoint';
import { cancelled, stripQuotes } from '../request';
import { compositeSha256, parseS3Checksum, partDigests, ParsedS3Checksum } from './quilt-hash';
import { singleAttempt, withRetries } from './retry';
import type { UploadOptions, UploadResult } from './types';

/**
 * Whether the metadata we would write equals what the object has (only what the caller set
 * is compared: S3 returns metadata names in lowercase).
 * @param options - the upload options.
 * @param head - the object's HEAD.
 * @returns true when nothing we would write differs.
 */
function sameMetadata(options: UploadOptions, head: HeadObjectCommandOutput): boolean {
  if (options.contentType !== undefined && options.contentType !== head.ContentType) {
    return false;
  }
  if (options.userMetadata === undefined) {
    return true;
  }
  const ours = Object.entries(options.userMetadata).map(([k, v]) => [k.toLowerCase(), v]);
  const theirs = head.Metadata ?? {};
  return ours.length === Object.keys(theirs).length && ours.every(([k, v]) => theirs[k] === v);
}

/**
 * The checksums S3 could hold for our bytes, given the form of the one it holds:
 * a composite `…-N` → ours if N is our part count; a full-object checksum → SHA-256 of the
 * bytes (we know it only for at most one part); no indication (servers that omit `-N`, like
 * moto) → what our own upload would have produced (full for one part, composite above), plus
 * the 1-part composite for a one-part object.
 * @param digests - our part digests (none for an empty source).
 * @param remote - S3's checksum, parsed.
 * @param checksumType - S3's `ChecksumType`, when sent.
 * @returns the candidate base64 digests (no suffix).
 */
async function candidateChecksums(digests: Uint8Array[], remote: ParsedS3Checksum, checksumType: string | undefined): Promise<string[]> {
  const n = digests.length;
  const composite = await compositeSha256(digests);
  if (remote.parts !== undefined) {
    return remote.parts === n ? [composite] : [];
  }
  const full = n === 0 ? composite : n === 1 ? toBase64(digests[0]) : undefined;
  if (checksumType === 'FULL_OBJECT') {
    return full ? [full] : [];
  }
  return full ? [full, composite] : [composite];
}

/**
 * Whether a listing proves the key holds no object: nothing at all is listed with the key as a
 * prefix. When something is (the key, or `key.bak`), the HEAD decides, so no listed text is ever
 * compared with the key (listings may encode odd keys).
 * @param s3 - the client.
 * @param options - bucket, key and signal.
 * @param retries - retries of the listing.
 * @returns true when absent; undefined when the HEAD must decide (something listed, or the
 *   listing refused: AccessDenied, no s3:ListBucket).
 * @throws HeliumError `Cancelled`, `Network`, …
 */
async function isListedAbsent(s3: S3Client, options: UploadOptions, retries: number): Promise<true | undefined> {
  const { bucket, key, signal } = options;
  try {
    const page = await withRetries(
      () =>
        s3.send(singleAttempt(new ListObjectsV2Command({ Bucket: bucket, Prefix: key, MaxKeys: 1 })), {
          abortSignal: signal
        }),
      { s3, context: { action: 'ListObjectsV2', bucket, key }, retries, signal }
    );
    return (page.Contents ?? []).length === 0 ? true : undefined;
  } catch (err) {
    if (isHeliumError(err, 'AccessDenied')) {
      return undefined;
    }
    throw err;
  }
}

/**
 * Look for the source's bytes already at the destination: a HEAD (checksums enabled), then —
 * only when the size matches — the source is hashed part by part and compared.
 * @param s3 - the client.
 * @param options - the upload options.
 * @param retries - retries of the HEAD.
 * @returns the existing object as a skipped result, or undefined to upload.
 * @throws HeliumError `Cancelled`, `AccessDenied`, … (a missing object is not an error).
 */
export async function findUnchanged(s3: S3Client, options: UploadOptions, retries: number): Promise<UploadResult | undefined> {
  const { bucket, key, source, signal } = options;
  if (options.listed !== undefined && (options.listed === null || options.listed.size !== source.size)) {
    return undefined; // the caller's listing already says these bytes are not there
  }
  if (options.listBeforeHead && (await isListedAbsent(s3, options, retries))) {
    return undefined;
  }
  let head: HeadObjectCommandOutput;
  try {
    head = await withRetries(
      () =>
        s3.send(singleAttempt(new HeadObjectCommand({ Bucket: bucket, Key: key, ChecksumMode: 'ENABLED' })), {
          abortSignal: signal
        }),
      { s3, context: { action: 'HeadObject', bucket, key }, retries, signal }
    );
  } catch (err) {
    if (isHeliumError(err, 'NotFound')) {
      return undefined;
    }
    throw err;
  }
  if (head.ContentLength !== source.size || !head.ChecksumSHA256 || !sameMetadata(options, head)) {
    return undefined;
  }
  const remote = parseS3Checksum(head.ChecksumSHA256);
  let digests: Uint8Array[];
  try {
    digests = await partDigests(source, signal);
  } catch (err) {
    const ctx = { action: 'PutObject', bucket, key, endpoint: getEndpointLabel(s3) };
    throw signal?.aborted ? cancelled(ctx, err) : toHeliumError(err, ctx);
  }
  const candidates = await candidateChecksums(digests, remote, head.ChecksumType);
  if (!candidates.includes(remote.digest)) {
    return undefined;
  }
  const result: UploadResult = {
    key,
    etag: stripQuotes(head.ETag),
    checksumSha256: remote.parts === undefined && digests.length > 1 ? `${remote.digest}-${digests.length}` : head.ChecksumSHA256,
    parts: 0,
    skipped: true
  };
  if (head.VersionId) {
    result.versionId = head.VersionId;
  }
  return result;
}
