/**
 * The registry's per-client caches: manifests (immutable, bounded by count and entries), pointers
 * and manifest summaries (bounded {@link LruMap}s, see registry-list.ts), and each bucket's pointer
 * listing for {@link POINTER_LISTING_TTL_MS} (forgotten when a snapshot is written through the
 * client). Every cache is held per client in a WeakMap: each endpoint has its own objects, and a
 * client that is dropped takes its caches with it.
 */
import type { S3Client } from '@aws-sdk/client-s3';
import { LruMap } from '../lru-map';
import type { Manifest } from './types';

/** The most entries kept by each client's pointer and manifest-summary caches (see registry-list.ts). */
export const LISTING_CACHE_LIMIT = 5_000;

/**
 * A per-client bounded cache ({@link LruMap} of {@link LISTING_CACHE_LIMIT} entries).
 * @param store - the caches of every client.
 * @param s3 - the client.
 * @param limit - the most entries (default {@link LISTING_CACHE_LIMIT}).
 * @returns this client's cache.
 */
export function clientLru<V>(store: WeakMap<S3Client, LruMap<string, V>>, s3: S3Client, limit = LISTING_CACHE_LIMIT): LruMap<string, V> {
  let cache = store.get(s3);
  if (!cache) {
    cache = new LruMap(limit);
    store.set(s3, cache);
  }
  return cache;
}

/** How long a listing of a bucket's pointers is reused (ms), unless one of our writes changed them. */
export const POINTER_LISTING_TTL_MS = 10_000;

/** One cached listing of a bucket's pointer objects (see registry-list.ts). */
export interface PointerListingEntry<T> {
  /** When the listing started (Date.now()). */
  at: number;
  /** The listing (a promise, so concurrent callers share one). */
  listing: Promise<T>;
}

/** Pointer listings, by client, then bucket. */
const pointerListings = new WeakMap<S3Client, Map<string, PointerListingEntry<unknown>>>();

/**
 * The cached pointer listing of a bucket, when it is younger than {@link POINTER_LISTING_TTL_MS}.
 * @param s3 - the client.
 * @param bucket - the bucket.
 * @returns the cached listing, or undefined.
 */
export function cachedPointerListing<T>(s3: S3Client, bucket: string): Promise<T> | undefined {
  const entry = pointerListings.get(s3)?.get(bucket);
  if (!entry) {
    return undefined;
  }
  const age = Date.now() - entry.at;
  if (age < 0 || age >= POINTER_LISTING_TTL_MS) {
    pointerListings.get(s3)?.delete(bucket);
    return undefined;
  }
  return entry.listing as Promise<T>;
}

/**
 * Remember a bucket's pointer listing (forgotten again if it fails).
 * @param s3 - the client.
 * @param bucket - the bucket.
 * @param listing - the listing in progress.
 */
export function rememberPointerListing<T>(s3: S3Client, bucket: string, listing: Promise<T>): void {
  let byBucket = pointerListings.get(s3);
  if (!byBucket) {
    byBucket = new Map();
    pointerListings.set(s3, byBucket);
  }
  const entry: PointerListingEntry<unknown> = { at: Date.now(), listing };
  byBucket.set(bucket, entry);
  listing.catch(() => {
    if (byBucket?.get(bucket) === entry) {
      byBucket.delete(bucket);
    }
  });
}

/**
 * Forget a bucket's cached pointer listing (after a write of ours changed the pointers).
 * @param s3 - the client.
 * @param bucket - the bucket.
 */
export function forgetPointerListing(s3: S3Client, bucket: string): void {
  pointerListings.get(s3)?.delete(bucket);
}

/**
 * A per-client cache (manifests and pointers are immutable, but each endpoint has its own).
 * @param store - the caches of every client.
 * @param s3 - the client.
 * @returns this client's cache.
 */
export function clientCache<V>(store: WeakMap<S3Client, Map<string, V>>, s3: S3Client): Map<string, V> {
  let cache = store.get(s3);
  if (!cache) {
    cache = new Map();
    store.set(s3, cache);
  }
  return cache;
}

/** Read manifests, by client, keyed `bucket\ntopHash`; least recently used first. */
const manifests = new WeakMap<S3Client, Map<string, Manifest>>();
/** The most manifests and entries kept per client. */
const MANIFEST_CACHE_LIMIT = { manifests: 16, entries: 500_000 };

/**
 * Remember a manifest, dropping the least recently used beyond the limits.
 * @param cache - the client's cache.
 * @param key - bucket and hash.
 * @param manifest - the manifest.
 */
function remember(cache: Map<string, Manifest>, key: string, manifest: Manifest): void {
  cache.delete(key);
  cache.set(key, manifest);
  let entries = 0;
  for (const m of cache.values()) {
    entries += m.entries.length;
  }
  for (const [k, m] of cache) {
    if (cache.size <= 1 || (cache.size <= MANIFEST_CACHE_LIMIT.manifests && entries <= MANIFEST_CACHE_LIMIT.entries)) {
      break;
    }
    cache.delete(k);
    entries -= m.entries.length;
  }
}

/**
 * A manifest read before through this client (made the most recently used), if still cached.
 * Manifests are immutable, so a cached one is always right (do not modify it).
 * @param s3 - the client.
 * @param bucket - the bucket.
 * @param topHash - the full top hash, lowercase.
 * @returns the manifest, or undefined.
 */
export function cachedManifest(s3: S3Client, bucket: string, topHash: string): Manifest | undefined {
  const cache = clientCache(manifests, s3);
  const key = `${bucket}\n${topHash}`;
  const cached = cache.get(key);
  if (cached) {
    remember(cache, key, cached);
  }
  return cached;
}

/**
 * Keep a manifest just read (and checked) for the next {@link cachedManifest}, dropping the least
 * recently used beyond 16 manifests or 500,000 entries.
 * @param s3 - the client.
 * @param bucket - the bucket.
 * @param topHash - the full top hash, lowercase.
 * @param manifest - the manifest.
 */
export function rememberManifest(s3: S3Client, bucket: string, topHash: string, manifest: Manifest): void {
  remember(clientCache(manifests, s3), `${bucket}\n${topHash}`, manifest);
}
