/**
 * What we know about one object (from HEAD or GET responses).
 */
import type { GetObjectCommandOutput, HeadObjectCommandOutput } from '@aws-sdk/client-s3';
import { stripQuotes } from './request';

/** An object (version) reference. */
export interface ObjectRef {
  /** The bucket. */
  bucket: string;
  /** The key. */
  key: string;
  /** A specific version; the current one when absent. */
  versionId?: string;
}

/** The details of one object version. */
export interface ObjectInfo {
  /** The key. */
  key: string;
  /** The whole object's size in bytes (also for ranged reads). */
  size: number;
  /** When this version was written. */
  lastModified: Date;
  /** The ETag, without quotes. */
  etag: string;
  /** The version id (`null` for an object written before versioning was enabled). */
  versionId?: string;
  /** The Content-Type. */
  contentType?: string;
  /** User metadata (`x-amz-meta-*`, names in lowercase). */
  userMetadata: Record<string, string>;
  /** S3's SHA-256 checksum (base64; `…-N` for a multipart upload's composite checksum). */
  checksumSha256?: string;
  /** The storage class, when S3 names one (it omits STANDARD). */
  storageClass?: string;
  /** Intelligent-Tiering's archive tier (`ARCHIVE_ACCESS`, `DEEP_ARCHIVE_ACCESS`), when it is in one. */
  archiveStatus?: string;
  /** S3's `x-amz-restore` header of an archived object (see archive.ts `parseRestoreHeader`). */
  restore?: string;
}

/**
 * The total size from a `Content-Range: bytes 0-9/100` header.
 * @param contentRange - the header.
 * @returns the total, when given.
 */
export function totalFromContentRange(contentRange: string | undefined): number | undefined {
  const match = /\/(\d+)\s*$/.exec(contentRange ?? '');
  return match ? Number(match[1]) : undefined;
}

/**
 * Build an {@link ObjectInfo} from a HeadObject or GetObject response.
 * @param key - the object's key.
 * @param output - the response.
 * @returns the details.
 */
export function toObjectInfo(key: string, output: HeadObjectCommandOutput | GetObjectCommandOutput): ObjectInfo {
  const contentRange = 'ContentRange' in output ? output.ContentRange : undefined;
  const info: ObjectInfo = {
    key,
    size: totalFromContentRange(contentRange) ?? output.ContentLength ?? 0,
    lastModified: output.LastModified ?? new Date(0),
    etag: stripQuotes(output.ETag) ?? '',
    userMetadata: { ...(output.Metadata ?? {}) }
  };
  if (output.VersionId) {
    info.versionId = output.VersionId;
  }
  if (output.ContentType) {
    info.contentType = output.ContentType;
  }
  if (output.ChecksumSHA256) {
    info.checksumSha256 = output.ChecksumSHA256;
  }
  if (output.StorageClass) {
    info.storageClass = output.StorageClass;
  }
  if ('ArchiveStatus' in output && output.ArchiveStatus) {
    info.archiveStatus = output.ArchiveStatus;
  }
  if (output.Restore) {
    info.restore = output.Restore;
  }
  return info;
}
