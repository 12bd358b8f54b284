/**
 * Listing packages and snapshots of a bucket's Quilt registry: every timestamped pointer, the
 * top hash it holds and its manifest's summary (manifest-summary.ts), filtered by folder.
 *
 * Caches, per client: pointers by key and ETag (and summaries by hash, in manifest-summary.ts),
 * each at most {@link LISTING_CACHE_LIMIT} entries (least recently used dropped); and the listing
 * of a bucket's pointers for {@link POINTER_LISTING_TTL_MS}, forgotten at once when a snapshot is
 * written through this client (`writeSnapshotPointers`), or on request (`refresh`).
 */
import type { S3Client } from '@aws-sdk/client-s3';
import { isHeliumError, throwIfAborted } from '../error-class';
import { mapWithConcurrency } from '../concurrency';
import type { LruMap } from '../lru-map';
import { getObjectText } from '../objects-read';
import { assertValidBucketName } from '../uri';
import { readManifestSummary, summaryCacheSize } from './manifest-summary';
import type { ManifestSummary } from './manifest-summary';
import { normalizeFolder } from './names';
import { listPointers, PointerObject } from './pointer-versions';
import { cachedPointerListing, clientLru, LISTING_CACHE_LIMIT, rememberPointerListing } from './registry-caches';
import { TOP_HASH } from './top-hash';
import type { SnapshotInfo } from './types';

export { headerFolder, inferFolder, readManifestSummary } from './manifest-summary';
export type { ManifestSummary } from './manifest-summary';

/** Options of {@link listSnapshots}. */
export interface ListSnapshotsOptions {
  bucket: string;
  /** The folder (`''` or `/` for the bucket root). */
  folder: string;
  /** Also list snapshots of folders inside this one (default false). */
  includeInner?: boolean;
  /** Requests in flight at once (default 16). */
  concurrency?: number;
  /** List the pointers afresh rather than reuse a listing of the last 10 s (default false). */
  refresh?: boolean;
  signal?: AbortSignal;
}

const pointerCache = new WeakMap<S3Client, LruMap<string, string | null>>();

/**
 * How many entries each cache of a client holds now (for tests and diagnostics).
 * @param s3 - the client.
 * @returns the sizes and the limit.
 */
export function listingCacheSizes(s3: S3Client): { pointers: number; summaries: number; limit: number } {
  return { pointers: pointerCache.get(s3)?.size ?? 0, summaries: summaryCacheSize(s3), limit: LISTING_CACHE_LIMIT };
}

/**
 * The package names of a bucket's registry (`namespace/name`), sorted.
 * @param s3 - the client.
 * @param bucket - the bucket.
 * @param signal - cancels the listing.
 * @returns the names.
 * @throws HeliumError `NotFound` (bucket), `AccessDenied`, `Network`, `Cancelled`…
 */
export async function listPackages(s3: S3Client, bucket: string, signal?: AbortSignal): Promise<string[]> {
  const names = new Set<string>();
  for (const pointer of await cachedPointers(s3, bucket, false, signal)) {
    names.add(pointer.name);
  }
  return [...names].sort();
}

/**
 * Every pointer object of the registry, from a listing of the last {@link POINTER_LISTING_TTL_MS}
 * when there is one (concurrent callers share one listing; writes through `writeSnapshotPointers`
 * forget it).
 * @param s3 - the client.
 * @param bucket - the bucket.
 * @param refresh - list afresh.
 * @param signal - cancels the wait (a listing shared with others is not cancelled by it).
 * @returns the pointers (shared: do not change them).
 */
async function cachedPointers(s3: S3Client, bucket: string, refresh: boolean, signal?: AbortSignal): Promise<PointerObject[]> {
  assertValidBucketName(bucket);
  const cached = refresh ? undefined : cachedPointerListing<PointerObject[]>(s3, bucket);
  if (cached) {
    return abortable(cached, signal);
  }
  // Not tied to one caller's signal, as other callers may share it.
  const listing = listPointers(s3, bucket);
  rememberPointerListing(s3, bucket, listing);
  return abortable(listing, signal);
}

/**
 * Wait for a promise unless a signal aborts first.
 * @param promise - the promise.
 * @param signal - the signal.
 * @returns the promise's value.
 * @throws HeliumError `Cancelled` when aborted first.
 */
function abortable<T>(promise: Promise<T>, signal?: AbortSignal): Promise<T> {
  if (!signal) {
    return promise;
  }
  throwIfAborted(signal, 'Listing the snapshots');
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => {
      try {
        throwIfAborted(signal, 'Listing the snapshots');
      } catch (err) {
        reject(err);
      }
    };
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      value => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (err: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(err);
      }
    );
  });
}

/**
 * The top hash a pointer holds (cached by key and ETag).
 * @param s3 - the client.
 * @param bucket - the bucket.
 * @param pointer - the pointer object.
 * @param signal - cancels the read.
 * @returns the hash, or null when the pointer is gone or holds no hash.
 */
async function readPointer(s3: S3Client, bucket: string, pointer: PointerObject, signal?: AbortSignal): Promise<string | null> {
  const cache = clientLru(pointerCache, s3);
  const cacheKey = `${bucket}\n${pointer.key}\n${pointer.versionId ?? pointer.etag}`;
  if (cache.has(cacheKey)) {
    return cache.get(cacheKey) ?? null;
  }
  let hash: string | null;
  try {
    const { text } = await getObjectText(s3, { bucket, key: pointer.key, versionId: pointer.versionId, signal });
    hash = text.trim().toLowerCase();
    hash = TOP_HASH.test(hash) ? hash : null;
  } catch (err) {
    if (!isHeliumError(err, 'NotFound')) {
      throw err;
    }
    hash = null;
  }
  if (pointer.versionId || pointer.etag) {
    cache.set(cacheKey, hash);
  }
  return hash;
}

/**
 * Whether a snapshot of folder `of` is listed for folder `folder`.
 * @param of - the snapshot's folder (null when unknown).
 * @param folder - the listed folder.
 * @param includeInner - whether folders inside the listed one count.
 * @returns true when it is this folder or contains it (or is inside it, on request); a snapshot
 *   of unknown folder is listed for the bucket root only (the root contains everything).
 */
export function folderMatches(of: string | null, folder: string, includeInner: boolean): boolean {
  if (of === null) {
    return folder === '';
  }
  return folder.startsWith(of) || (includeInner && of.startsWith(folder));
}

/**
 * The snapshots of a folder, newest first: every timestamped pointer of every package (ours and
 * quilt3's) whose folder is this one or contains it, and with `includeInner` those inside it.
 * Packages whose folder cannot be told are listed at the bucket root. Pointers to missing or
 * unreadable manifests are left out.
 * @param s3 - the client.
 * @param options - bucket, folder, includeInner, concurrency, signal.
 * @returns the snapshots, newest first (then by name and hash).
 * @throws HeliumError `InvalidInput` (bad bucket or folder), `NotFound` (bucket), `AccessDenied`,
 *   `Network`, `Cancelled`…
 */
export async function listSnapshots(s3: S3Client, options: ListSnapshotsOptions): Promise<SnapshotInfo[]> {
  const { bucket, signal } = options;
  const folder = normalizeFolder(options.folder);
  const concurrency = Math.max(1, options.concurrency ?? 16);
  const pointers = (await cachedPointers(s3, bucket, options.refresh ?? false, signal)).filter(p => /^\d+$/.test(p.pointer));
  const hashes = await mapWithConcurrency(pointers, concurrency, p => readPointer(s3, bucket, p, signal));
  const distinct = [...new Set(hashes.filter((h): h is string => h !== null))];
  const summaries = new Map<string, ManifestSummary | null>();
  await mapWithConcurrency(distinct, concurrency, async hash => {
    summaries.set(hash, await readManifestSummary(s3, bucket, hash, signal));
  });
  const snapshots: SnapshotInfo[] = [];
  const seen = new Set<string>(); // a pointer rewritten with the same hash is one snapshot
  pointers.forEach((pointer, i) => {
    const hash = hashes[i];
    const summary = hash ? summaries.get(hash) : null;
    if (!hash || !summary || !folderMatches(summary.folder, folder, options.includeInner ?? false)) {
      return;
    }
    const id = `${pointer.name}\n${pointer.pointer}\n${hash}`;
    if (seen.has(id)) {
      return;
    }
    seen.add(id);
    const info: SnapshotInfo = {
      bucket,
      name: pointer.name,
      topHash: hash,
      timestamp: new Date(Number(pointer.pointer) * 1000),
      message: summary.message,
      folder: summary.folder
    };
    if (summary.folderInferredFromPart) {
      info.folderInferredFromPart = true;
    }
    if (summary.entries !== undefined) {
      info.entries = summary.entries;
    }
    if (summary.bytes !== undefined) {
      info.bytes = summary.bytes;
    }
    snapshots.push(info);
  });
  return snapshots.sort(
    (a, b) =>
      b.timestamp.getTime() - a.timestamp.getTime() ||
      (a.name < b.name ? -1 : a.name > b.name ? 1 : 0) ||
      (a.topHash < b.topHash ? -1 : a.topHash > b.topHash ? 1 : 0)
  );
}
