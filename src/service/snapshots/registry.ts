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
 *    second is used, so every snapshot keeps its own pointer;
 * 3. `latest`, only if no newer pointer exists, with `If-Match` on the `latest` read (or
 *    `If-None-Match: *` when there is none), retried on conflict — so `latest` ends on the newest
 *    pointer even when writers finish out of order.
 */
import { ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import { HeliumError, isHeliumError } from '../error-class';
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
  /** Whether `latest` now names this snapshot (false when a newer pointer exists). */
  latest: boolean;
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
 * Step 2: the `<seconds>` pointer, in the first free second from now.
 * @param s3 - the client.
 * @param options - see {@link writeSnapshotPointers}.
 * @returns the pointer's seconds.
 */
async function writePointer(s3: S3Client, options: WriteSnapshotOptions): Promise<number> {
  const { bucket, name, topHash, signal } = options;
  let seconds = Math.floor((options.now ?? Date.now)() / 1000);
  for (let attempt = 0, races = 0; attempt < 3600; attempt++) {
    try {
      await putObject(s3, { bucket, key: pointerKey(name, seconds), body: topHash, ifNoneMatch: '*', signal });
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
 * The newest `<seconds>` pointer of a package after a given second, if any.
 * @param s3 - the client.
 * @param options - bucket, name and signal.
 * @param seconds - our pointer's seconds.
 * @returns the newest later seconds, or undefined.
 */
async function newerPointer(s3: S3Client, options: WriteSnapshotOptions, seconds: number): Promise<number | undefined> {
  const { bucket, name, signal } = options;
  const prefix = pointersPrefix(name);
  let newest: number | undefined;
  let token: string | undefined;
  do {
    const response = await guard(
      s3,
      { action: 'ListObjectsV2', bucket, key: prefix },
      () =>
        s3.send(
          new ListObjectsV2Command({
            Bucket: bucket,
            Prefix: prefix,
            StartAfter: token ? undefined : pointerKey(name, seconds),
            ContinuationToken: token
          }),
          { abortSignal: signal }
        ),
      signal
    );
    for (const object of response.Contents ?? []) {
      const pointer = (object.Key ?? '').slice(prefix.length);
      if (/^\d+$/.test(pointer) && Number(pointer) > seconds && (newest === undefined || Number(pointer) > newest)) {
        newest = Number(pointer);
      }
    }
    token = response.IsTruncated ? response.NextContinuationToken : undefined;
  } while (token);
  return newest;
}

/**
 * Step 3: point `latest` at this snapshot unless a newer pointer exists, with a conditional write
 * on what `latest` was, retried when another writer changed it meanwhile.
 * @param s3 - the client.
 * @param options - see {@link writeSnapshotPointers}.
 * @param seconds - our pointer's seconds.
 * @returns whether `latest` names this snapshot.
 */
async function writeLatest(s3: S3Client, options: WriteSnapshotOptions, seconds: number): Promise<boolean> {
  const { bucket, name, topHash, signal } = options;
  const key = pointerKey(name, LATEST);
  for (let attempt = 0; attempt < 50; attempt++) {
    let current: { hash: string; etag: string } | undefined;
    try {
      const { text, info } = await getObjectText(s3, { bucket, key, signal });
      current = { hash: text.trim(), etag: info.etag };
    } catch (err) {
      if (!isHeliumError(err, 'NotFound')) {
        throw err;
      }
    }
    if (current?.hash === topHash) {
      return true;
    }
    if ((await newerPointer(s3, options, seconds)) !== undefined) {
      return false;
    }
    try {
      await putObject(s3, {
        bucket,
        key,
        body: topHash,
        ...(current ? { ifMatch: `"${current.etag}"` } : { ifNoneMatch: '*' as const }),
        signal
      });
      return true;
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
 * @returns the pointer's seconds, whether the manifest existed, and whether `latest` is ours.
 * @throws HeliumError `InvalidInput` (bad name or hash, or an existing manifest of that name that
 *   does not hash to it), `AccessDenied`, `Conflict` (no free second within an hour, or `latest`
 *   kept changing), `Cancelled`, `Network`…
 */
export async function writeSnapshotPointers(s3: S3Client, options: WriteSnapshotOptions): Promise<WriteSnapshotResult> {
  assertValidBucketName(options.bucket);
  assertValidPackageName(options.name);
  const topHash = assertTopHash(options.topHash);
  const opts = { ...options, topHash };
  const manifestExisted = await writeManifest(s3, opts);
  const timestamp = await writePointer(s3, opts);
  const latest = await writeLatest(s3, opts, timestamp);
  return { timestamp, manifestExisted, latest };
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
