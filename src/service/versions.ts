/**
 * The versions of one object: list them (versions and delete markers, newest first), say whether
 * a bucket keeps versions, restore an old version on top (a new version; nothing is deleted),
 * undelete (remove the delete marker), and delete one version for good.
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
import { copyVersion, readCopySource } from './copy-multipart';
import { HeliumError, isHeliumError } from './error-class';
import type { ObjectInfo } from './object-info';
import { DeleteResult, deleteObject } from './objects-write';
import { checkAborted, guard, stripQuotes } from './request';
import { headObject } from './objects-read';
import { assertValidBucketName, assertValidKey, formatS3Uri } from './uri';
import { getBucketVersioning, VersioningState } from './versioning';

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

/** The versioning states in which writing over an object keeps the old version. */
const SAFE_STATE: VersioningState = 'Enabled';

/**
 * How to turn versioning on, for messages.
 * @param bucket - the bucket.
 * @returns a sentence.
 */
function howToEnable(bucket: string): string {
  return `Turn versioning on: S3 console → Properties → Bucket Versioning, or \`aws s3api put-bucket-versioning --bucket ${bucket} --versioning-configuration Status=Enabled\`.`;
}

/**
 * A plain sentence about a bucket's versioning state, for the UI and the CLI.
 * @param state - the state from {@link getBucketVersioning}.
 * @param bucket - the bucket.
 * @returns null when versioning is on; else what it means and how to turn it on.
 */
export function versioningNotice(state: VersioningState, bucket: string): string | null {
  if (state === 'Enabled') {
    return null;
  }
  if (state === 'Suspended') {
    return `Versioning is suspended on bucket "${bucket}": the versions already kept stay, but every new write or delete replaces the current version instead of keeping it. ${howToEnable(bucket)}`;
  }
  return `Bucket "${bucket}" does not keep versions: writing or deleting an object loses its only copy. ${howToEnable(bucket)}`;
}

/**
 * A bucket's versioning state and the sentence to show about it.
 * @param s3 - the client.
 * @param bucket - the bucket.
 * @returns the state and {@link versioningNotice}'s sentence (null when Enabled).
 * @throws HeliumError `AccessDenied` (needs s3:GetBucketVersioning), `NotFound`, `Network`…
 */
export async function versioningStatus(
  s3: S3Client,
  bucket: string
): Promise<{ state: VersioningState; notice: string | null }> {
  const state = await getBucketVersioning(s3, bucket);
  return { state, notice: versioningNotice(state, bucket) };
}

/**
 * Throw unless the bucket keeps versions, so that an action writing over an object keeps the old
 * version.
 * @param s3 - the client.
 * @param bucket - the bucket.
 * @param action - what is about to happen, as a gerund phrase ("restoring a version").
 * @param consequence - what would go wrong without versions (default "would overwrite the only copy").
 * @throws HeliumError `NotVersioned` (code `VersioningOff` or `VersioningSuspended`), or the
 *   errors of {@link getBucketVersioning}.
 */
export async function assertVersioningEnabled(
  s3: S3Client,
  bucket: string,
  action: string,
  consequence = 'would overwrite the only copy'
): Promise<void> {
  const state = await getBucketVersioning(s3, bucket);
  if (state === SAFE_STATE) {
    return;
  }
  if (state === 'Suspended') {
    throw new HeliumError(
      'NotVersioned',
      `Versioning is suspended on bucket "${bucket}": S3 keeps the versions it has but replaces the current one on every write, so ${action} ${consequence}. Nothing was changed. ${howToEnable(bucket)}`,
      { code: 'VersioningSuspended' }
    );
  }
  throw new HeliumError(
    'NotVersioned',
    `Bucket "${bucket}" does not keep versions, so ${action} ${consequence}. Nothing was changed. ${howToEnable(bucket)}`,
    { code: 'VersioningOff' }
  );
}

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
function assertValidRef(ref: { bucket: string; key: string }): void {
  assertValidBucketName(ref.bucket);
  assertValidKey(ref.key);
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

/**
 * Throw unless a version id is given.
 * @param versionId - the version id.
 */
function assertVersionId(versionId: string | undefined): asserts versionId is string {
  if (typeof versionId !== 'string' || versionId.length === 0) {
    throw new HeliumError('InvalidInput', 'No version id was given: choose a version from the list of versions.', {
      code: 'InvalidVersionId'
    });
  }
}

/**
 * The error for a version that is a delete marker.
 * @param uri - the object's URI.
 * @param what - what cannot be done ("restored").
 * @returns the error.
 */
export function deleteMarkerError(uri: string, what: string): HeliumError {
  return new HeliumError(
    'InvalidInput',
    `${uri} is a delete marker: it has no content, so it cannot be ${what}. Nothing was changed. Pick a version with content, or undelete the object to remove the marker.`,
    { code: 'DeleteMarker' }
  );
}

/**
 * Whether an error from HEAD of a specific version says it is a delete marker (S3 answers 405).
 * @param err - what HEAD threw.
 * @returns true for a delete marker.
 */
export function isDeleteMarkerError(err: unknown): boolean {
  return isHeliumError(err) && (err.status === 405 || err.code === 'MethodNotAllowed');
}

/** Options of {@link restoreVersion}. */
export interface RestoreVersionOptions {
  /** The bucket. */
  bucket: string;
  /** The key. */
  key: string;
  /** The version to bring back. */
  versionId: string;
  /** Objects larger than this are copied in parts (default 5 GiB, S3's CopyObject limit). */
  multipartThreshold?: number;
  /** Cancels the restore; a multipart copy in progress is aborted. */
  signal?: AbortSignal;
}

/** What {@link restoreVersion} did. */
export interface RestoreResult {
  /** False when the version already was the current one: nothing was written. */
  written: boolean;
  /** The new version's id (absent when nothing was written). */
  versionId?: string;
  /** The new version's ETag, without quotes. */
  etag?: string;
  /** The new version's SHA-256 checksum (base64; `…-N` after a multipart copy), when S3 gives it. */
  checksumSha256?: string;
  /** The version that was copied. */
  sourceVersionId: string;
  /** Its size in bytes. */
  size: number;
  /** Whether it was copied in parts (over the multipart threshold). */
  multipart: boolean;
}

/**
 * Bring an old version back by copying it on top of the key: a NEW version with the same bytes
 * and metadata. History is kept, nothing is deleted. Nothing is written when the version is
 * already the current one. Objects over 5 GiB are copied in parts.
 * @param s3 - the client.
 * @param options - bucket, key, version id, multipart threshold and abort signal.
 * @returns the new version (or `written: false`).
 * @throws HeliumError `NotVersioned` (versioning not Enabled: nothing is written),
 *   `InvalidInput` (a delete marker, a bad name), `NotFound`, `AccessDenied`, `Cancelled`…
 */
export async function restoreVersion(s3: S3Client, options: RestoreVersionOptions): Promise<RestoreResult> {
  const { bucket, key, versionId, signal } = options;
  assertValidRef(options);
  assertVersionId(versionId);
  await assertVersioningEnabled(s3, bucket, 'restoring an old version');
  const source = await readCopySource(s3, { bucket, key, versionId, signal }).catch(err => {
    throw isDeleteMarkerError(err) ? deleteMarkerError(formatS3Uri({ bucket, key, versionId }), 'restored') : err;
  });
  const current = await currentVersion(s3, bucket, key, signal);
  const base = { sourceVersionId: versionId, size: source.info.size };
  if (current?.versionId === versionId) {
    return { ...base, written: false, multipart: false };
  }
  const copied = await copyVersion(s3, {
    source,
    to: { bucket, key },
    threshold: options.multipartThreshold,
    signal
  });
  const result: RestoreResult = { ...base, written: true, etag: copied.etag, multipart: copied.multipart };
  if (copied.versionId) {
    result.versionId = copied.versionId;
  }
  if (copied.checksumSha256) {
    result.checksumSha256 = copied.checksumSha256;
  }
  return result;
}

/**
 * The current version of a key, or undefined when it is deleted or missing.
 * @param s3 - the client.
 * @param bucket - the bucket.
 * @param key - the key.
 * @param signal - cancels the request.
 * @returns the current version's details.
 */
async function currentVersion(
  s3: S3Client,
  bucket: string,
  key: string,
  signal: AbortSignal | undefined
): Promise<ObjectInfo | undefined> {
  try {
    return await headObject(s3, { bucket, key, signal });
  } catch (err) {
    if (isHeliumError(err, 'NotFound')) {
      return undefined;
    }
    throw err;
  }
}

/** What {@link undeleteObject} did. */
export interface UndeleteResult {
  /** The id of the delete marker that hid the object (the newest one removed). */
  deleteMarkerVersionId: string;
  /** Every delete marker removed, newest first (several when it was deleted more than once). */
  removedDeleteMarkers: string[];
  /** The version that is current again. */
  current: ObjectVersion;
}

/**
 * Undelete an object: remove the delete marker(s) on top of its history so that the version
 * before them is current again. Only delete markers are removed; no content is lost.
 * @param s3 - the client.
 * @param options - bucket, key and abort signal.
 * @returns the markers removed and the version now current.
 * @throws HeliumError `NotVersioned`, `NotFound` (no versions at all), `InvalidInput` (not
 *   deleted, or no version with content to bring back), `AccessDenied` (needs
 *   s3:DeleteObjectVersion), `Network`…
 */
export async function undeleteObject(
  s3: S3Client,
  options: { bucket: string; key: string; signal?: AbortSignal }
): Promise<UndeleteResult> {
  const { bucket, key, signal } = options;
  assertValidRef(options);
  const uri = formatS3Uri({ bucket, key });
  await assertVersioningEnabled(s3, bucket, 'undeleting', 'is not possible: there is no delete marker to remove');
  const markers: ObjectVersion[] = [];
  let current: ObjectVersion | undefined;
  let seen = 0;
  const pages = listVersionPages(s3, { bucket, key, pageSize: 100, signal });
  for await (const page of pages) {
    for (const version of page) {
      seen += 1;
      if (!version.isDeleteMarker) {
        current = version;
        break;
      }
      markers.push(version);
    }
    if (current || markers.length === 0) {
      break;
    }
  }
  if (seen === 0) {
    throw new HeliumError('NotFound', `${uri} has no versions at all: there is nothing to undelete. Check the key.`, {
      code: 'NoSuchKey'
    });
  }
  if (markers.length === 0) {
    throw new HeliumError('InvalidInput', `${uri} is not deleted: its current version is ${current?.versionId}. Nothing was changed.`, {
      code: 'NotDeleted'
    });
  }
  if (!current) {
    throw new HeliumError(
      'InvalidInput',
      `${uri} has only delete markers and no version with content, so there is nothing to bring back. Nothing was changed.`,
      { code: 'NothingToRestore' }
    );
  }
  for (const marker of markers) {
    await deleteObject(s3, { bucket, key, versionId: marker.versionId });
  }
  return {
    deleteMarkerVersionId: markers[0].versionId,
    removedDeleteMarkers: markers.map(m => m.versionId),
    current: { ...current, isLatest: true }
  };
}

/** Options of {@link deleteVersion}. */
export interface DeleteVersionOptions {
  /** The bucket. */
  bucket: string;
  /** The key. */
  key: string;
  /** The version (or delete marker) to delete for good. */
  versionId: string;
  /** Must be `true`: the caller has confirmed that this cannot be undone. */
  permanently: true;
}

/**
 * Delete ONE version (or delete marker) of an object for good. This cannot be undone; ask the
 * person first (the UI and CLI do).
 * @param s3 - the client.
 * @param options - bucket, key, version id, and `permanently: true`.
 * @returns the version removed.
 * @throws HeliumError `InvalidInput` (no version id, or `permanently` not `true`),
 *   `AccessDenied` (needs s3:DeleteObjectVersion), `Network`…
 */
export async function deleteVersion(s3: S3Client, options: DeleteVersionOptions): Promise<DeleteResult> {
  const { bucket, key, versionId } = options;
  assertValidRef(options);
  assertVersionId(versionId);
  if ((options.permanently as unknown) !== true) {
    throw new HeliumError(
      'InvalidInput',
      'Deleting a version is permanent: pass `permanently: true` once the person has confirmed it.',
      { code: 'NotConfirmed' }
    );
  }
  return deleteObject(s3, { bucket, key, versionId });
}
