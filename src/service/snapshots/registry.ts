/**
 * The Quilt registry (layout V1) in a bucket: where manifests and pointers live, writing a new
 * snapshot's manifest and pointers without losing a concurrent writer's, reading manifests (cached:
 * they are immutable) and resolving short hashes.
 *
 *   .quilt/packages/<top hash>                          manifest (JSONL), content-addressed
 *   .quilt/named_packages/<namespace>/<name>/<seconds>   top hash, one pointer per snapshot
 *   .quilt/named_packages/<namespace>/<name>/latest      top hash of the newest snapshot
 *
 * Write order (so a failure part-way never leaves a pointer to a missing manifest, and concurrent
 * snapshots never overwrite each other):
 * 1. the manifest with `If-None-Match: *` — if it exists already, it is the same content (its name
 *    is its hash; it is re-read and checked), so that is fine;
 * 2. the `<unix seconds>` pointer with `If-None-Match: *` — when that second is taken, the next free
 *    second is used, so every snapshot keeps its own pointer. This write is the commit point: once
 *    it succeeds the snapshot is recorded (it is listed, quilt3 can browse it), so cancelling no
 *    longer applies — the abort signal is checked before each attempt but not passed to the
 *    request itself (an aborted request could have been written all the same);
 * 3. `latest`, without the abort signal, moved to the NEWEST pointer of the package (read from that
 *    pointer; it may be another writer's, which may have died before updating `latest`), with
 *    `If-Match` on the `latest` read (or `If-None-Match: *` when there is none), retried on
 *    conflict — so `latest` converges on the newest pointer even when writers finish out of order
 *    or die part-way.
 */
import { ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import { HeliumError, isHeliumError, throwIfAborted } from '../error-class';
import { listPrefixPages } from '../listing';
import { getObjectBytes, getObjectText } from '../objects-read';
import { putObject } from '../objects-write';
import { guard } from '../request';
import { assertValidBucketName } from '../uri';
import { parseManifest } from './manifest';
import { QUILT_PREFIX, assertValidPackageName } from './names';
import { TOP_HASH } from './top-hash';
import type { Manifest } from './types';

/** The key prefix of manifests. */
export const MANIFESTS_PREFIX = `${QUILT_PREFIX}packages/`;
/** The key prefix of package pointers. */
export const POINTERS_PREFIX = `${QUILT_PREFIX}named_packages/`;
/** The pointer quilt3 reads when no hash is given. */
export const LATEST = 'latest';
/** User metadata on manifests we write: `{"entries": N, "bytes": B}` (see `registry-list.ts`). */
export const STATS_METADATA_KEY = 'helium-stats';

/**
 * The key of a manifest.
 * @param topHash - its top hash.
 * @returns `.quilt/packages/<top hash>`.
 */
export function manifestKey(topHash: string): string {
  return `${MANIFESTS_PREFIX}${topHash}`;
}

/**
 * The prefix of a package's pointers.
 * @param name - `namespace/name`.
 * @returns `.quilt/named_packages/<name>/`.
 */
export function pointersPrefix(name: string): string {
  return `${POINTERS_PREFIX}${name}/`;
}

/**
 * The key of one pointer.
 * @param name - `namespace/name`.
 * @param pointer - `latest` or unix seconds.
 * @returns `.quilt/named_packages/<name>/<pointer>`.
 */
export function pointerKey(name: string, pointer: string | number): string {
  return `${pointersPrefix(name)}${pointer}`;
}

/**
 * A map holding at most `limit` entries, dropping the least recently used (a read or a write
 * makes an entry the most recently used).
 */
export class LruMap<K, V> {
  private readonly map = new Map<K, V>();

  /**
   * @param limit - the most entries kept (at least 1).
   */
  constructor(readonly limit: number) {}

  /** The number of entries. */
  get size(): number {
    return this.map.size;
  }

  /**
   * Whether a key is held (does not change the order).
   * @param key - the key.
   * @returns true when held.
   */
  has(key: K): boolean {
    return this.map.has(key);
  }

  /**
   * A value, made the most recently used.
   * @param key - the key.
   * @returns the value, or undefined.
   */
  get(key: K): V | undefined {
    if (!this.map.has(key)) {
      return undefined;
    }
    const value = this.map.get(key) as V;
    this.map.delete(key);
    this.map.set(key, value);
    return value;
  }

  /**
   * Set a value (the most recently used), dropping the least recently used beyond the limit.
   * @param key - the key.
   * @param value - the value.
   * @returns this map.
   */
  set(key: K, value: V): this {
    this.map.delete(key);
    this.map.set(key, value);
    for (const oldest of this.map.keys()) {
      if (this.map.size <= Math.max(1, this.limit)) {
        break;
      }
      this.map.delete(oldest);
    }
    return this;
  }

  /**
   * Forget a key.
   * @param key - the key.
   * @returns whether it was held.
   */
  delete(key: K): boolean {
    return this.map.delete(key);
  }

  /** Forget everything. */
  clear(): void {
    this.map.clear();
  }

  /**
   * The keys, least recently used first.
   * @returns an iterator.
   */
  keys(): IterableIterator<K> {
    return this.map.keys();
  }
}

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
 * Check a full top hash.
 * @param topHash - the hash.
 * @returns it, in lowercase.
 * @throws HeliumError `InvalidInput` unless it is 64 hex characters.
 */
export function assertTopHash(topHash: string): string {
  const hash = topHash.trim().toLowerCase();
  if (!TOP_HASH.test(hash)) {
    throw new HeliumError('InvalidInput', `"${topHash}" is not a top hash (64 hex characters).`, { code: 'InvalidTopHash' });
  }
  return hash;
}

/**
 * Read a snapshot's manifest and check that it hashes to its name. Manifests are immutable, so
 * they are cached per client by bucket and hash (the same object is returned: do not modify it).
 * @param s3 - the client.
 * @param bucket - the bucket holding the registry.
 * @param topHash - the full top hash (see {@link resolveTopHash} for short ones).
 * @param signal - cancels the read.
 * @returns the manifest, entries in walk order.
 * @throws HeliumError `NotFound` (no such manifest), `InvalidInput` (code `InvalidManifest` or
 *   `ManifestHashMismatch`), `AccessDenied`, `Network`, `Cancelled`…
 */
export async function readSnapshot(s3: S3Client, bucket: string, topHash: string, signal?: AbortSignal): Promise<Manifest> {
  assertValidBucketName(bucket);
  const hash = assertTopHash(topHash);
  const cache = clientCache(manifests, s3);
  const cacheKey = `${bucket}\n${hash}`;
  const cached = cache.get(cacheKey);
  if (cached) {
    remember(cache, cacheKey, cached);
    return cached;
  }
  const key = manifestKey(hash);
  const { bytes } = await getObjectBytes(s3, { bucket, key, signal });
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch (cause) {
    throw new HeliumError('InvalidInput', `s3://${bucket}/${key} is not a valid Quilt manifest: it is not UTF-8 text.`, {
      code: 'InvalidManifest',
      cause
    });
  }
  const manifest = parseManifest(text, { expectedTopHash: hash, source: `The manifest s3://${bucket}/${key}` });
  remember(cache, cacheKey, manifest);
  return manifest;
}

/**
 * Resolve a top hash given in full or by its first characters (at least 6), as quilt3's
 * `resolve_top_hash` does, by listing `.quilt/packages/<prefix>`.
 * @param s3 - the client.
 * @param bucket - the bucket.
 * @param prefix - a full hash or at least 6 of its first hex characters (any case).
 * @param signal - cancels the listing.
 * @returns the full top hash (a full hash is returned as given, lowercased, without a request).
 * @throws HeliumError `InvalidInput`: code `InvalidTopHash` (not hex, or under 6 characters),
 *   `SnapshotNotFound` (no manifest starts with it), `AmbiguousTopHash` (several do; the message
 *   lists them).
 */
export async function resolveTopHash(s3: S3Client, bucket: string, prefix: string, signal?: AbortSignal): Promise<string> {
  assertValidBucketName(bucket);
  const p = prefix.trim().toLowerCase();
  if (!/^[0-9a-f]+$/.test(p) || p.length > 64) {
    throw new HeliumError(
      'InvalidInput',
      `"${prefix}" is not a top hash: a top hash is 64 hex characters (0-9, a-f); give it whole or its first 6 or more.`,
      { code: 'InvalidTopHash' }
    );
  }
  if (p.length === 64) {
    return p;
  }
  if (p.length < 6) {
    throw new HeliumError('InvalidInput', `"${prefix}" is too short to name a snapshot: give at least the first 6 characters of its top hash.`, {
      code: 'InvalidTopHash'
    });
  }
  const matches: string[] = [];
  for await (const page of listPrefixPages(s3, { bucket, prefix: `${MANIFESTS_PREFIX}${p}`, delimiter: '', signal })) {
    for (const object of page.objects) {
      const hash = object.key.slice(MANIFESTS_PREFIX.length);
      if (TOP_HASH.test(hash)) {
        matches.push(hash);
      }
    }
  }
  if (matches.length === 1) {
    return matches[0];
  }
  if (matches.length === 0) {
    throw new HeliumError('InvalidInput', `No snapshot in s3://${bucket} has a top hash starting with "${p}".`, {
      code: 'SnapshotNotFound',
      hint: 'Check the hash, or list the snapshots of the folder.'
    });
  }
  const shown = matches.slice(0, 10).join(', ');
  const more = matches.length > 10 ? ` and ${matches.length - 10} more` : '';
  throw new HeliumError(
    'InvalidInput',
    `"${p}" is ambiguous in s3://${bucket}: ${matches.length} snapshots have top hashes starting with it (${shown}${more}). Give more characters.`,
    { code: 'AmbiguousTopHash' }
  );
}

/** Options of {@link writeSnapshotPointers}. */
export interface WriteSnapshotOptions {
  bucket: string;
  /** Package name, `namespace/name`. */
  name: string;
  /** The manifest's top hash (its name). */
  topHash: string;
  /** The manifest's text, exactly as it hashes to `topHash`. */
  manifest: string;
  /** Entry count and total bytes, recorded as the manifest's `helium-stats` metadata. */
  stats?: { entries: number; bytes: number };
  /** The clock, in milliseconds (default `Date.now`); tests move it. */
  now?: () => number;
  signal?: AbortSignal;
}

/** What {@link writeSnapshotPointers} wrote. */
export interface WriteSnapshotResult {
  /** The pointer's unix seconds (its name). */
  timestamp: number;
  /** Whether the manifest was there already (same content, as its name is its hash). */
  manifestExisted: boolean;
  /** Whether `latest` now names this snapshot (false when a newer pointer exists, or it failed). */
  latest: boolean;
  /**
   * Why `latest` could not be updated (the snapshot IS recorded: its pointer is written; `latest`
   * catches up at the package's next snapshot). Absent when it was.
   */
  latestError?: string;
}

/**
 * Wait a little (with jitter) before retrying a conditional write that raced another.
 * @param attempt - how many times it was tried.
 * @returns a promise resolved after the delay.
 */
function pause(attempt: number): Promise<void> {
  return new Promise(resolve => setTimeout(resolve, Math.min(1000, 25 * 2 ** attempt) * (0.5 + Math.random())));
}

/**
 * Whether an error is S3's "another conditional write to this key is in progress" (409), which
 * says nothing about whether the key exists.
 * @param err - the error.
 * @returns true for HTTP 409.
 */
function isInFlightConflict(err: unknown): boolean {
  return isHeliumError(err, 'Conflict') && (err.status === 409 || err.code === 'ConditionalRequestConflict');
}

/**
 * Step 1: the manifest, unless it exists (then it is checked to hash to its name).
 * @param s3 - the client.
 * @param options - see {@link writeSnapshotPointers}.
 * @returns whether it existed.
 */
async function writeManifest(s3: S3Client, options: WriteSnapshotOptions): Promise<boolean> {
  const { bucket, topHash, signal } = options;
  const metadata = options.stats ? { [STATS_METADATA_KEY]: JSON.stringify(options.stats) } : undefined;
  for (let attempt = 0; ; attempt++) {
    try {
      await putObject(s3, {
        bucket,
        key: manifestKey(topHash),
        body: options.manifest,
        userMetadata: metadata,
        ifNoneMatch: '*',
        signal
      });
      return false;
    } catch (err) {
      if (!isHeliumError(err, 'Conflict')) {
        throw err;
      }
      if (!isInFlightConflict(err)) {
        try {
          await readSnapshot(s3, bucket, topHash, signal);
          return true;
        } catch (readError) {
          if (!isHeliumError(readError, 'NotFound')) {
            throw readError;
          }
        }
      }
      if (attempt >= 8) {
        throw err;
      }
      await pause(attempt);
    }
  }
}

/**
 * Step 2: the `<seconds>` pointer, in the first free second from now: the commit point.
 * @param s3 - the client.
 * @param options - see {@link writeSnapshotPointers}.
 * @returns the pointer's seconds.
 */
async function writePointer(s3: S3Client, options: WriteSnapshotOptions): Promise<number> {
  const { bucket, name, topHash, signal } = options;
  let seconds = Math.floor((options.now ?? Date.now)() / 1000);
  for (let attempt = 0, races = 0; attempt < 3600; attempt++) {
    // Cancelling is possible until the pointer is written, not while it is: an aborted request
    // may have reached S3 anyway, and then the snapshot would be recorded but reported cancelled.
    throwIfAborted(signal, `Recording the snapshot of package ${name}`);
    try {
      await putObject(s3, { bucket, key: pointerKey(name, seconds), body: topHash, ifNoneMatch: '*' });
      return seconds;
    } catch (err) {
      if (!isHeliumError(err, 'Conflict')) {
        throw err;
      }
      if (isInFlightConflict(err) && races < 8) {
        await pause(races++);
      } else {
        seconds += 1;
      }
    }
  }
  throw new HeliumError('Conflict', `Could not find a free second for a pointer of package ${name} in s3://${bucket}.`, {
    code: 'PointerConflict'
  });
}

/**
 * The `<seconds>` pointers of a package from a given second on, newest first.
 * @param s3 - the client.
 * @param bucket - the bucket.
 * @param name - the package.
 * @param seconds - our pointer's seconds (later ones, and ours, are returned).
 * @returns the seconds, newest first.
 */
async function pointersSince(s3: S3Client, bucket: string, name: string, seconds: number): Promise<number[]> {
  const prefix = pointersPrefix(name);
  const found: number[] = [];
  let token: string | undefined;
  do {
    const response = await guard(s3, { action: 'ListObjectsV2', bucket, key: prefix }, () =>
      s3.send(
        new ListObjectsV2Command({
          Bucket: bucket,
          Prefix: prefix,
          // Pointers of the same number of digits sort as numbers do; others are compared below.
          StartAfter: token ? undefined : pointerKey(name, seconds - 1),
          ContinuationToken: token
        })
      )
    );
    for (const object of response.Contents ?? []) {
      const pointer = (object.Key ?? '').slice(prefix.length);
      if (/^\d+$/.test(pointer) && Number(pointer) >= seconds) {
        found.push(Number(pointer));
      }
    }
    token = response.IsTruncated ? response.NextContinuationToken : undefined;
  } while (token);
  return found.sort((a, b) => b - a);
}

/**
 * The top hash of the newest `<seconds>` pointer of a package (ours or a later one, whose writer
 * may have died before updating `latest`). Pointers that hold no top hash, or vanished, are
 * skipped.
 * @param s3 - the client.
 * @param options - see {@link writeSnapshotPointers}.
 * @param seconds - our pointer's seconds.
 * @returns the newest pointer's seconds and hash.
 */
async function newestPointer(s3: S3Client, options: WriteSnapshotOptions, seconds: number): Promise<{ seconds: number; hash: string }> {
  const { bucket, name, topHash } = options;
  for (const candidate of await pointersSince(s3, bucket, name, seconds)) {
    if (candidate === seconds) {
      return { seconds, hash: topHash };
    }
    try {
      const hash = (await getObjectText(s3, { bucket, key: pointerKey(name, candidate) })).text.trim().toLowerCase();
      if (TOP_HASH.test(hash)) {
        return { seconds: candidate, hash };
      }
    } catch (err) {
      if (!isHeliumError(err, 'NotFound')) {
        throw err;
      }
    }
  }
  return { seconds, hash: topHash };
}

/**
 * Step 3: move `latest` to the newest pointer of the package — ours, or a later one even when it
 * is not ours (its writer may have died before updating `latest`) — with a conditional write on
 * what `latest` was, retried when another writer changed it meanwhile. Runs without the abort
 * signal: the snapshot is recorded already.
 * @param s3 - the client.
 * @param options - see {@link writeSnapshotPointers}.
 * @param seconds - our pointer's seconds.
 * @returns whether `latest` names this snapshot.
 */
async function writeLatest(s3: S3Client, options: WriteSnapshotOptions, seconds: number): Promise<boolean> {
  const { bucket, name, topHash } = options;
  const key = pointerKey(name, LATEST);
  for (let attempt = 0; attempt < 50; attempt++) {
    let current: { hash: string; etag: string } | undefined;
    try {
      const { text, info } = await getObjectText(s3, { bucket, key });
      current = { hash: text.trim().toLowerCase(), etag: info.etag };
    } catch (err) {
      if (!isHeliumError(err, 'NotFound')) {
        throw err;
      }
    }
    const newest = await newestPointer(s3, options, seconds);
    if (current?.hash === newest.hash) {
      return newest.hash === topHash;
    }
    try {
      await putObject(s3, {
        bucket,
        key,
        body: newest.hash,
        ...(current ? { ifMatch: `"${current.etag}"` } : { ifNoneMatch: '*' as const })
      });
      return newest.hash === topHash;
    } catch (err) {
      if (!isHeliumError(err, 'Conflict')) {
        throw err;
      }
      await pause(Math.min(attempt, 5));
    }
  }
  throw new HeliumError('Conflict', `"latest" of package ${name} in s3://${bucket} kept changing; it was not updated.`, {
    code: 'LatestConflict'
  });
}

/**
 * Record a snapshot in the registry: its manifest, its timestamped pointer, then `latest` (see the
 * module comment for why in this order and how concurrent writers are kept apart).
 * @param s3 - the client.
 * @param options - bucket, package name, top hash, manifest text, stats, clock, signal.
 * @returns the pointer's seconds, whether the manifest existed, whether `latest` is ours, and why
 *   `latest` could not be updated (a failure there does not throw: the snapshot is recorded).
 * @throws HeliumError `InvalidInput` (bad name or hash, or an existing manifest of that name that
 *   does not hash to it), `AccessDenied`, `Conflict` (no free second within an hour),
 *   `Cancelled` (only before the pointer is written: then no snapshot is recorded), `Network`…
 */
export async function writeSnapshotPointers(s3: S3Client, options: WriteSnapshotOptions): Promise<WriteSnapshotResult> {
  assertValidBucketName(options.bucket);
  assertValidPackageName(options.name);
  const topHash = assertTopHash(options.topHash);
  const opts = { ...options, topHash };
  const manifestExisted = await writeManifest(s3, opts);
  let timestamp: number;
  try {
    timestamp = await writePointer(s3, opts);
  } finally {
    // Even a failed attempt may have written a pointer: list afresh next time.
    forgetPointerListing(s3, opts.bucket);
  }
  // Recorded: from here on, cancelling does not apply (see the module comment).
  const result: WriteSnapshotResult = { timestamp, manifestExisted, latest: false };
  try {
    result.latest = await writeLatest(s3, opts, timestamp);
  } catch (err) {
    // The snapshot is recorded and listed; `latest` converges at the package's next snapshot.
    result.latestError = err instanceof Error ? err.message : String(err);
  } finally {
    forgetPointerListing(s3, opts.bucket);
  }
  return result;
}

/**
 * The top hash a package's `latest` pointer names.
 * @param s3 - the client.
 * @param bucket - the bucket.
 * @param name - the package.
 * @param signal - cancels the read.
 * @returns the hash, or undefined when the package has no `latest` (or it holds no hash).
 * @throws HeliumError `AccessDenied`, `Network`, `Cancelled`… (not `NotFound`).
 */
export async function readLatest(s3: S3Client, bucket: string, name: string, signal?: AbortSignal): Promise<string | undefined> {
  assertValidPackageName(name);
  try {
    const { text } = await getObjectText(s3, { bucket, key: pointerKey(name, LATEST), signal });
    const hash = text.trim().toLowerCase();
    return TOP_HASH.test(hash) ? hash : undefined;
  } catch (err) {
    if (isHeliumError(err, 'NotFound')) {
      return undefined;
    }
    throw err;
  }
}
