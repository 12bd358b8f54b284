/**
 * Listing the versions of one object: versions and delete markers of exactly one key, newest
 * first, a page at a time.
 */
import {
  DeleteMarkerEntry,
  ListObjectVersionsCommand,
  ListObjectVersionsCommandInput,
  ListObjectVersionsCommandOutput,
  ObjectVersion as S3ObjectVersion,
  S3Client
} from '@aws-sdk/client-s3';
import type { DeserializeMiddleware } from '@smithy/types';
import { checkAborted, guard, stripQuotes } from './request';
import { assertValidBucketName, assertReadableKey } from './uri';

/** One version of an object, or one of its delete markers. */
export interface ObjectVersion {
  /** The key. */
  key: string;
  /** The version id; `"null"` for an object written before versioning was turned on. */
  versionId: string;
  /** Whether this is the current version (or the delete marker hiding the object). */
  isLatest: boolean;
  /** Whether this is a delete marker (no content). */
  isDeleteMarker: boolean;
  /** The size in bytes (0 for a delete marker). */
  size: number;
  /** When this version (or marker) was written. */
  lastModified: Date;
  /** The ETag, without quotes (versions only). */
  etag?: string;
  /** The checksum algorithms S3 keeps for this version (e.g. `["SHA256"]`). */
  checksumAlgorithms?: string[];
  /** The storage class (e.g. `STANDARD`, `GLACIER`). */
  storageClass?: string;
}

/** Options of {@link listVersionPages}. */
export interface ListVersionsOptions {
  /** The bucket. */
  bucket: string;
  /** The key: only this exact key's versions are listed (not `key.bak` or `key/x`). */
  key: string;
  /** Versions and markers per request, 1 to 1000 (default 1000). */
  pageSize?: number;
  /** Cancels the listing. */
  signal?: AbortSignal;
}

/** Which of S3's two arrays each entry of a ListObjectVersions response came from, in order. */
type EntryKinds = ('version' | 'marker')[];

/**
 * Note, for one ListObjectVersions request, in which order versions and delete markers appear in
 * S3's answer. The SDK parses them into two separate arrays, losing how they interleave; real S3
 * lists them in one sequence, newest first, and its timestamps have only one-second precision, so
 * that sequence is the only way to order a version and a marker written in the same second.
 * @param s3 - the client (its stream collector reads the body).
 * @param kinds - filled with the order of `<Version>` and `<DeleteMarker>` elements.
 * @returns a deserialize-step middleware that leaves the body readable for the SDK.
 */
function captureEntryOrder(
  s3: S3Client,
  kinds: EntryKinds
): DeserializeMiddleware<ListObjectVersionsCommandInput, ListObjectVersionsCommandOutput> {
  return next => async args => {
    const result = await next(args);
    const response = result.response as { statusCode?: number; body?: unknown };
    const status = response?.statusCode ?? 0;
    if (status >= 200 && status < 300 && response.body) {
      const body =
        response.body instanceof Uint8Array
          ? response.body
          : await s3.config.streamCollector(response.body as Parameters<typeof s3.config.streamCollector>[0]);
      response.body = body;
      const text = new TextDecoder().decode(body);
      for (const match of text.matchAll(/<(Version|DeleteMarker)>/g)) {
        kinds.push(match[1] === 'Version' ? 'version' : 'marker');
      }
    }
    return result;
  };
}

/**
 * An S3 version entry as an {@link ObjectVersion}.
 * @param entry - a `Version` or `DeleteMarker` of the response.
 * @param marker - whether it is a delete marker.
 * @returns the version.
 */
function toVersion(entry: S3ObjectVersion | DeleteMarkerEntry, marker: boolean): ObjectVersion {
  const version: ObjectVersion = {
    key: entry.Key ?? '',
    versionId: entry.VersionId ?? 'null',
    isLatest: entry.IsLatest === true,
    isDeleteMarker: marker,
    size: marker ? 0 : ((entry as S3ObjectVersion).Size ?? 0),
    lastModified: entry.LastModified ?? new Date(0)
  };
  if (!marker) {
    const v = entry as S3ObjectVersion;
    const etag = stripQuotes(v.ETag);
    if (etag) {
      version.etag = etag;
    }
    if (v.ChecksumAlgorithm?.length) {
      version.checksumAlgorithms = [...v.ChecksumAlgorithm];
    }
    if (v.StorageClass) {
      version.storageClass = v.StorageClass;
    }
  }
  return version;
}

/**
 * Merge the two arrays of one response into one list in listing order: the order S3 gave them
 * in when it is known, else versions then markers.
 * @param versions - the response's versions.
 * @param markers - the response's delete markers.
 * @param kinds - the captured order, if it matches the arrays.
 * @returns every entry of the page.
 */
function inListingOrder(versions: S3ObjectVersion[], markers: DeleteMarkerEntry[], kinds: EntryKinds): ObjectVersion[] {
  const counted = kinds.filter(k => k === 'version').length;
  if (counted !== versions.length || kinds.length - counted !== markers.length) {
    return [...versions.map(v => toVersion(v, false)), ...markers.map(m => toVersion(m, true))];
  }
  let v = 0;
  let m = 0;
  return kinds.map(kind => (kind === 'version' ? toVersion(versions[v++], false) : toVersion(markers[m++], true)));
}

/**
 * Sort one key's entries newest first: by time, then the latest first, then in listing order
 * (which settles entries written in the same second on servers that interleave them).
 * @param entries - one key's entries, in listing order.
 * @returns the same entries, newest first.
 */
function newestFirst(entries: ObjectVersion[]): ObjectVersion[] {
  return entries
    .map((entry, index) => ({ entry, index }))
    .sort(
      (a, b) =>
        b.entry.lastModified.getTime() - a.entry.lastModified.getTime() ||
        Number(b.entry.isLatest) - Number(a.entry.isLatest) ||
        a.index - b.index
    )
    .map(({ entry }) => entry);
}

/**
 * Check bucket and key before any request.
 * @param ref - bucket and key.
 */
export function assertValidRef(ref: { bucket: string; key: string }): void {
  assertValidBucketName(ref.bucket);
  assertReadableKey(ref.key);
}

/**
 * List the versions and delete markers of one object, newest first, one page per
 * ListObjectVersions request (`Prefix=key`, continued with KeyMarker and VersionIdMarker). Other
 * keys sharing the prefix (`key.bak`, `key/x`) are skipped, and listing stops as soon as S3 has
 * moved past the key. Pages are never empty; a key without versions yields nothing.
 * @param s3 - the client.
 * @param options - bucket, key, page size and abort signal.
 * @returns an async generator of pages of versions.
 * @throws HeliumError `InvalidInput` (bad bucket or key, before any request), `NotFound`
 *   (bucket), `AccessDenied` (needs s3:ListBucketVersions), `Cancelled`, `Network`…
 */
export async function* listVersionPages(
  s3: S3Client,
  options: ListVersionsOptions
): AsyncGenerator<ObjectVersion[], void, undefined> {
  const { bucket, key, signal } = options;
  assertValidRef(options);
  const maxKeys = Math.max(1, Math.min(1000, Math.floor(options.pageSize ?? 1000)));
  const context = { action: 'ListObjectVersions', bucket, key };
  let keyMarker: string | undefined;
  let versionIdMarker: string | undefined;
  for (;;) {
    const kinds: EntryKinds = [];
    const command = new ListObjectVersionsCommand({
      Bucket: bucket,
      Prefix: key,
      MaxKeys: maxKeys,
      KeyMarker: keyMarker,
      VersionIdMarker: versionIdMarker
    });
    command.middlewareStack.add(captureEntryOrder(s3, kinds), {
      step: 'deserialize',
      priority: 'low',
      name: 'heliumVersionOrder'
    });
    const response = await guard(s3, context, () => s3.send(command, { abortSignal: signal }), signal);
    const entries = inListingOrder(response.Versions ?? [], response.DeleteMarkers ?? [], kinds);
    const mine = entries.filter(e => e.key === key);
    // Keys are listed in order and `key` sorts before every longer key with its prefix.
    const movedPast = mine.length < entries.length;
    if (mine.length > 0) {
      yield newestFirst(mine);
    }
    const more = response.IsTruncated === true && response.NextKeyMarker === key && !movedPast;
    if (!more) {
      return;
    }
    keyMarker = response.NextKeyMarker;
    versionIdMarker = response.NextVersionIdMarker;
    checkAborted(s3, context, signal);
  }
}

/**
 * The versions of one object, newest first, up to a limit (see {@link listVersionPages}).
 * @param s3 - the client.
 * @param options - bucket, key, `limit` (default 1000) and abort signal.
 * @returns the versions and whether there are more than `limit`.
 * @throws HeliumError as {@link listVersionPages}.
 */
export async function listVersions(
  s3: S3Client,
  options: { bucket: string; key: string; limit?: number; signal?: AbortSignal }
): Promise<{ versions: ObjectVersion[]; truncated: boolean }> {
  const limit = Math.max(1, Math.floor(options.limit ?? 1000));
  const versions: ObjectVersion[] = [];
  const pageSize = Math.min(1000, limit + 1);
  for await (const page of listVersionPages(s3, { ...options, pageSize })) {
    versions.push(...page);
    if (versions.length > limit) {
      return { versions: versions.slice(0, limit), truncated: true };
    }
  }
  return { versions, truncated: false };
}
