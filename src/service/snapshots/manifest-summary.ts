/**
 * What a snapshot's listing row says about its manifest, from the manifest's first bytes.
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
 * Summaries are cached per client by bucket and hash (manifests are immutable), at most
 * {@link LISTING_CACHE_LIMIT} of them (least recently used dropped).
 */
import type { S3Client } from '@aws-sdk/client-s3';
import { isHeliumError } from '../error-class';
import type { LruMap } from '../lru-map';
import { getObjectBytes } from '../objects-read';
import { parseManifest, parsePhysicalKey } from './manifest';
import { normalizeFolder } from './names';
import { isJsonObject, parseLosslessJson } from './python-json';
import { clientLru } from './registry-caches';
import { manifestKey, STATS_METADATA_KEY } from './registry-keys';
import type { JsonValue, ManifestEntry } from './types';

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

/** The first bytes read of a manifest. */
const HEAD_RANGE = 64 * 1024;
/** Enough to hold any header line quilt3 writes (records are under 1,000,000 bytes). */
const LONG_HEAD_RANGE = 1_100_000;

const summaryCache = new WeakMap<S3Client, LruMap<string, ManifestSummary>>();

/**
 * How many summaries a client's cache holds now (for tests and diagnostics).
 * @param s3 - the client.
 * @returns the count (at most {@link LISTING_CACHE_LIMIT}).
 */
export function summaryCacheSize(s3: S3Client): number {
  return summaryCache.get(s3)?.size ?? 0;
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
    return {
      topHash,
      message: typeof header.message === 'string' ? header.message : null,
      folder: recorded,
      ...statsFromMetadata(metadata)
    };
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
