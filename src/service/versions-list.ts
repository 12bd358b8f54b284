/**
 * Listing the versions of one object: versions and delete markers of exactly one key, newest
 * first, a page at a time.
 */
import {
  DeleteMarkerEntry,
  ListObjectVersionsCommand,
  ListObjectVersionsCommandOutput,
  ObjectVersion as S3ObjectVersion,
  S3Client
} from '@aws-sdk/client-s3';
import { keepRawBody, LIST_ENCODING, listedTexts, RawBody, rawText } from './listed-keys';
import { CallContext, checkAborted, guard, stripQuotes } from './request';
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
 * In which order versions and delete markers appear in S3's answer. The SDK parses them into two
 * separate arrays, losing how they interleave; real S3 lists them in one sequence, newest first,
 * and its timestamps have only one-second precision, so that sequence is the only way to order a
 * version and a marker written in the same second.
 * @param raw - the response's raw body.
 * @returns the order of `<Version>` and `<DeleteMarker>` elements.
 */
function entryOrder(raw: RawBody): EntryKinds {
  return Array.from(rawText(raw).matchAll(/<(Version|DeleteMarker)>/g), match => (match[1] === 'Version' ? 'version' : 'marker'));
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
 * Merge the two arrays of one response into one list in listing order (the order S3 gave them
 * in when it is known, else versions then markers), with keys as S3 holds them.
 * @param response - the response.
 * @param raw - its raw body.
 * @returns every entry of the page.
 */
function inListingOrder(response: ListObjectVersionsCommandOutput, raw: RawBody): ObjectVersion[] {
  const versions = response.Versions ?? [];
  const markers = response.DeleteMarkers ?? [];
  const kinds = entryOrder(raw);
  const counted = kinds.filter(k => k === 'version').length;
  let entries: ObjectVersion[];
  let documentOrder = false;
  if (counted !== versions.length || kinds.length - counted !== markers.length) {
    entries = [...versions.map(v => toVersion(v, false)), ...markers.map(m => toVersion(m, true))];
  } else {
    let v = 0;
    let m = 0;
    entries = kinds.map(kind => (kind === 'version' ? toVersion(versions[v++], false) : toVersion(markers[m++], true)));
    documentOrder = true;
  }
  // Keys can be read back from the raw XML only when the entries are in its order.
  const keys = listedTexts(
    entries.map(e => e.key),
    response.EncodingType,
    documentOrder ? raw : {},
    'Key'
  );
  entries.forEach((entry, i) => {
    entry.key = keys[i];
  });
  return entries;
}

/** One page of ListObjectVersions, read. */
export interface VersionsPage {
  /** Versions and delete markers, in listing order, keys as S3 holds them. */
  entries: ObjectVersion[];
  /** Whether more pages follow. */
  isTruncated: boolean;
  /** Where the next page starts (decoded). */
  nextKeyMarker?: string;
  nextVersionIdMarker?: string;
}

/** What {@link listVersionsPage} asks for. */
export interface VersionsPageRequest {
  bucket: string;
  /** Only keys starting with this (`''` or absent: all). */
  prefix?: string;
  /** Continue after this key (and version id): the previous page's next markers. */
  keyMarker?: string;
  versionIdMarker?: string;
  /** Entries per request, 1 to 1000 (S3's default 1000 when absent). */
  maxKeys?: number;
  signal?: AbortSignal;
}

/**
 * One ListObjectVersions request, keys URL-encoded (XML cannot carry every key S3 holds; see
 * listed-keys.ts) and decoded, versions and delete markers in the order S3 listed them.
 * @param s3 - the client.
 * @param request - bucket, prefix, markers, page size and abort signal.
 * @param context - what the listing is for, for error messages.
 * @returns the page.
 * @throws HeliumError `NotFound` (bucket), `AccessDenied` (needs s3:ListBucketVersions),
 *   `Cancelled`, `Network`…
 */
export async function listVersionsPage(s3: S3Client, request: VersionsPageRequest, context: CallContext): Promise<VersionsPage> {
  const command = new ListObjectVersionsCommand({
    Bucket: request.bucket,
    Prefix: request.prefix || undefined,
    MaxKeys: request.maxKeys,
    KeyMarker: request.keyMarker,
    VersionIdMarker: request.versionIdMarker,
    EncodingType: LIST_ENCODING
  });
  const raw: RawBody = {};
  keepRawBody(command, s3, raw);
  const response = await guard(s3, context, () => s3.send(command, { abortSignal: request.signal }), request.signal);
  const page: VersionsPage = { entries: inListingOrder(response, raw), isTruncated: response.IsTruncated === true };
  const [nextKeyMarker] = listedTexts([response.NextKeyMarker], response.EncodingType, raw, 'NextKeyMarker');
  if (nextKeyMarker !== undefined) {
    page.nextKeyMarker = nextKeyMarker;
  }
  if (response.NextVersionIdMarker !== undefined) {
    page.nextVersionIdMarker = response.NextVersionIdMarker;
  }
  return page;
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
export async function* listVersionPages(s3: S3Client, options: ListVersionsOptions): AsyncGenerator<ObjectVersion[], void, undefined> {
  const { bucket, key, signal } = options;
  assertValidRef(options);
  const maxKeys = Math.max(1, Math.min(1000, Math.floor(options.pageSize ?? 1000)));
  const context = { action: 'ListObjectVersions', bucket, key };
  let keyMarker: string | undefined;
  let versionIdMarker: string | undefined;
  for (;;) {
    const page = await listVersionsPage(s3, { bucket, prefix: key, maxKeys, keyMarker, versionIdMarker, signal }, context);
    const mine = page.entries.filter(e => e.key === key);
    // Keys are listed in order and `key` sorts before every longer key with its prefix.
    const movedPast = mine.length < page.entries.length;
    if (mine.length > 0) {
      yield newestFirst(mine);
    }
    const more = page.isTruncated && page.nextKeyMarker === key && !movedPast;
    if (!more) {
      return;
    }
    keyMarker = page.nextKeyMarker;
    versionIdMarker = page.nextVersionIdMarker;
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
