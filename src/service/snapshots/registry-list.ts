/**
 * Listing packages and snapshots of a bucket's Quilt registry.
 *
 * A snapshot's listing row needs its manifest's header (message, folder) and its size (entries,
 * bytes) without reading the whole manifest, so:
 * - the folder is the header's `helium.folder` (we write it: it is part of the top hash, so two
 *   folders with identical content are still two manifests, each with its own physical keys); for
 *   packages written by quilt3 it is inferred from the entries read (physical key minus logical
 *   key, when that is the same for all and in this bucket), else null;
 * - entries and bytes come from the manifest's `helium-stats` object metadata, which we write. They
 *   are not put in the header on purpose: entries and sizes are already hashed, so stats bound to
 *   the manifest object can never disagree with it, whereas a header copy would go stale when
 *   quilt3 re-pushes a changed package (it keeps unknown header keys). Manifests without the
 *   metadata give their stats when they are small enough to be read whole in the first range.
 * One ranged GET of the first 64 KiB per manifest gives the header, the first entries and the
 * metadata at once. A folder inferred from those first entries only (the manifest was not read
 * whole) is marked `folderInferredFromPart`: a later entry may disagree, so it is good for
 * placing the row, not for acting on (`planRestore` and `diffSnapshots` read the whole manifest).
 *
 * Caches, per client: pointers by key and ETag, summaries by hash (both immutable), each at most
 * {@link LISTING_CACHE_LIMIT} entries (least recently used dropped); and the listing of a bucket's
 * pointers for {@link POINTER_LISTING_TTL_MS}, forgotten at once when a snapshot is written
 * through this client (`writeSnapshotPointers`), or on request (`refresh`).
 */
import type { S3Client } from '@aws-sdk/client-s3';
import { isHeliumError, throwIfAborted } from '../error-class';
import { mapWithConcurrency } from '../concurrency';
import { getObjectBytes, getObjectText } from '../objects-read';
import { assertValidBucketName } from '../uri';
import { parseManifest, parsePhysicalKey } from './manifest';
import { normalizeFolder } from './names';
import { listPointers, PointerObject } from './pointer-versions';
import { isJsonObject, parseLosslessJson } from './python-json';
import {
  cachedPointerListing,
  clientLru,
  LISTING_CACHE_LIMIT,
  LruMap,
  manifestKey,
  POINTER_LISTING_TTL_MS,
  rememberPointerListing,
  STATS_METADATA_KEY
} from './registry';
import { TOP_HASH } from './top-hash';
import type { JsonValue, ManifestEntry, SnapshotInfo } from './types';

/** What a listing row says about one manifest. */
export interface ManifestSummary {
  topHash: string;
  message: string | null;
  folder: string | null;
  /** True when `folder` was inferred from the first entries only (see the module comment). */
  folderInferredFromPart?: boolean;
  entries?: number;
  bytes?: number;
}

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

/** The first bytes read of a manifest. */
const HEAD_RANGE = 64 * 1024;
/** Enough to hold any header line quilt3 writes (records are under 1,000,000 bytes). */
const LONG_HEAD_RANGE = 1_100_000;

const pointerCache = new WeakMap<S3Client, LruMap<string, string | null>>();
const summaryCache = new WeakMap<S3Client, LruMap<string, ManifestSummary>>();

/**
 * How many entries each cache of a client holds now (for tests and diagnostics).
 * @param s3 - the client.
 * @returns the sizes and the limit.
 */
export function listingCacheSizes(s3: S3Client): { pointers: number; summaries: number; limit: number } {
  return { pointers: pointerCache.get(s3)?.size ?? 0, summaries: summaryCache.get(s3)?.size ?? 0, limit: LISTING_CACHE_LIMIT };
}

/**
 * The folder of a package from its entries: every physical key in `bucket` must be the folder
 * followed by the logical key.
 * @param bucket - the registry's bucket.
 * @param entries - some entries (physical keys and logical keys).
 * @returns the folder, or null when the entries disagree, live elsewhere or there are none.
 */
export function inferFolder(bucket: string, entries: readonly Pick<ManifestEntry, 'logical_key' | 'physical_keys'>[]): string | null {
  let folder: string | null = null;
  for (const entry of entries) {
    const physical = parsePhysicalKey(entry.physical_keys[0] ?? '');
    if (!physical || physical.bucket !== bucket || !physical.key.endsWith(entry.logical_key)) {
      return null;
    }
    const candidate = physical.key.slice(0, physical.key.length - entry.logical_key.length);
    if ((candidate !== '' && !candidate.endsWith('/')) || (folder !== null && folder !== candidate)) {
      return null;
    }
    folder = candidate;
  }
  return folder;
}

/**
 * The folder a header records (`{"helium": {"folder": …}}`), when it records one.
 * @param header - a manifest header.
 * @returns the folder, or undefined.
 */
export function headerFolder(header: JsonValue): string | undefined {
  if (!isJsonObject(header) || !isJsonObject(header.helium) || typeof header.helium.folder !== 'string') {
    return undefined;
  }
  try {
    return normalizeFolder(header.helium.folder);
  } catch {
    return undefined;
  }
}

/**
 * Entry count and bytes from a manifest's `helium-stats` metadata.
 * @param metadata - the object's user metadata.
 * @returns the stats, when present and sound.
 */
function statsFromMetadata(metadata: Record<string, string>): { entries: number; bytes: number } | undefined {
  try {
    const stats = JSON.parse(metadata[STATS_METADATA_KEY] ?? '') as { entries?: unknown; bytes?: unknown };
    if (Number.isSafeInteger(stats.entries) && Number.isSafeInteger(stats.bytes)) {
      return { entries: stats.entries as number, bytes: stats.bytes as number };
    }
  } catch {
    // absent or not ours
  }
  return undefined;
}

/**
 * Read what a listing row needs of one manifest, from its first bytes.
 * @param s3 - the client.
 * @param bucket - the bucket.
 * @param topHash - the manifest's hash.
 * @param signal - cancels the read.
 * @returns the summary, or null when the manifest is missing or unreadable.
 */
export async function readManifestSummary(
  s3: S3Client,
  bucket: string,
  topHash: string,
  signal?: AbortSignal
): Promise<ManifestSummary | null> {
  const cache = clientLru(summaryCache, s3);
  const cacheKey = `${bucket}\n${topHash}`;
  const cached = cache.get(cacheKey);
  if (cached) {
    return cached;
  }
  const key = manifestKey(topHash);
  let summary: ManifestSummary | null;
  try {
    let { bytes, info } = await getObjectBytes(s3, { bucket, key, range: { start: 0, end: HEAD_RANGE }, signal });
    if (bytes.length < info.size && !bytes.includes(0x0a)) {
      ({ bytes, info } = await getObjectBytes(s3, { bucket, key, range: { start: 0, end: LONG_HEAD_RANGE }, signal }));
    }
    summary = summarize(bucket, topHash, bytes, bytes.length >= info.size, info.userMetadata);
  } catch (err) {
    if (isHeliumError(err, 'NotFound') || isHeliumError(err, 'InvalidInput')) {
      summary = null;
    } else {
      throw err;
    }
  }
  if (summary) {
    cache.set(cacheKey, summary);
  }
  return summary;
}

/**
 * Make a summary from the first bytes of a manifest.
 * @param bucket - the bucket.
 * @param topHash - the hash.
 * @param bytes - the bytes read.
 * @param whole - whether they are the whole manifest.
 * @param metadata - the object's user metadata.
 * @returns the summary, or null when even the header cannot be read.
 */
function summarize(
  bucket: string,
  topHash: string,
  bytes: Uint8Array,
  whole: boolean,
  metadata: Record<string, string>
): ManifestSummary | null {
  let text = new TextDecoder('utf-8').decode(bytes);
  if (!whole) {
    // Keep complete lines only.
    text = text.slice(0, text.lastIndexOf('\n') + 1);
  }
  if (!text) {
    return null;
  }
  if (whole) {
    const manifest = parseManifest(text, { expectedTopHash: topHash });
    return {
      topHash,
      message: typeof manifest.header.message === 'string' ? manifest.header.message : null,
      folder: headerFolder(manifest.header) ?? inferFolder(bucket, manifest.entries),
      entries: manifest.entries.length,
      bytes: manifest.entries.reduce((sum, e) => sum + e.size, 0)
    };
  }
  const lines = text.split('\n').filter(l => l.length > 0);
  const header = parseLosslessJson(lines[0]);
  if (!isJsonObject(header)) {
    return null;
  }
  const recorded = headerFolder(header);
  if (recorded !== undefined) {
    return { topHash, message: typeof header.message === 'string' ? header.message : null, folder: recorded, ...statsFromMetadata(metadata) };
  }
  const entries: Pick<ManifestEntry, 'logical_key' | 'physical_keys'>[] = [];
  for (const line of lines.slice(1)) {
    const obj = parseLosslessJson(line);
    if (isJsonObject(obj) && typeof obj.logical_key === 'string' && Array.isArray(obj.physical_keys) && obj.physical_keys.length > 0) {
      entries.push({ logical_key: obj.logical_key, physical_keys: obj.physical_keys as string[] });
    }
  }
  return {
    topHash,
    message: typeof header.message === 'string' ? header.message : null,
    folder: inferFolder(bucket, entries),
    folderInferredFromPart: true,
    ...statsFromMetadata(metadata)
  };
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
