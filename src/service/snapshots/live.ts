/**
 * The live folder as manifest entries: exactly the entries a snapshot of it would record now
 * (same listing, hashing and metadata as `snapshot()`: `listCurrentObjects` and `hashVersion`),
 * so that diffing a snapshot against `latest` shows only real changes. Work is in proportion to
 * what changed: an object whose version a known snapshot pinned (same bucket, key, version id and
 * size) reuses that entry's hash and metadata with no request; every other one needs a HEAD, and
 * a download only when S3 has no usable SHA-256 checksum.
 */
import type { S3Client } from '@aws-sdk/client-s3';
import { mapWithConcurrency } from '../concurrency';
import { formatPhysicalKey, parsePhysicalKey } from './manifest';
import { normalizeFolder } from './names';
import { hashVersion } from './snapshot-hash';
import { CurrentObject, listCurrentObjects } from './snapshot-objects';
import type { ManifestEntry } from './types';

/** HEADs (and hashes) in flight by default. */
const DEFAULT_CONCURRENCY = 16;

/** Progress of {@link liveEntries}. */
export interface LiveProgress {
  /** What is happening: listing versions, reading checksums (HEAD), or hashing bytes. */
  phase: 'listing' | 'checking' | 'hashing';
  /** Current objects listed so far. */
  listed: number;
  /** Objects whose hash was reused from `previous` (no request). */
  reused: number;
  /** Objects that need a HEAD, and how many are done. */
  toCheck: number;
  checked: number;
  /** Bytes read to hash objects without a usable checksum, and how many of those bytes there are. */
  hashedBytes: number;
  bytesToHash: number;
}

/** Options of {@link liveEntries}. */
export interface LiveEntriesOptions {
  bucket: string;
  /** The folder: a prefix (a missing trailing `/` is added), or `''` for the whole bucket. */
  folder: string;
  /** Entries of a snapshot to reuse: same bucket, key, version id and size → same hash and metadata. */
  previous?: readonly ManifestEntry[];
  /** HEADs and hashes in flight (default 16). */
  concurrency?: number;
  signal?: AbortSignal;
  onProgress?: (progress: LiveProgress) => void;
}

/**
 * The key under which a (bucket, key, version) is remembered.
 * @param bucket - the bucket.
 * @param key - the key.
 * @param versionId - the version id.
 * @returns a map key.
 */
function versionKey(bucket: string, key: string, versionId: string): string {
  return `${bucket}\n${key}\n${versionId}`;
}

/**
 * Index a snapshot's entries by the object version they pin.
 * @param entries - the entries.
 * @returns pinned version → entry.
 */
function indexByVersion(entries: readonly ManifestEntry[] | undefined): Map<string, ManifestEntry> {
  const index = new Map<string, ManifestEntry>();
  for (const entry of entries ?? []) {
    const location = parsePhysicalKey(entry.physical_keys?.[0] ?? '');
    if (location?.versionId !== undefined && entry.hash?.type === 'sha2-256-chunked') {
      index.set(versionKey(location.bucket, location.key, location.versionId), entry);
    }
  }
  return index;
}

/**
 * One entry for a current object.
 * @param bucket - the bucket.
 * @param folder - the folder.
 * @param object - the object version.
 * @param hash - its Quilt hash.
 * @param meta - its entry metadata.
 * @returns the entry.
 */
function entryOf(bucket: string, folder: string, object: CurrentObject, hash: string, meta: unknown): ManifestEntry {
  return {
    logical_key: object.key.slice(folder.length),
    physical_keys: [formatPhysicalKey({ bucket, key: object.key, versionId: object.versionId })],
    size: object.size,
    hash: { type: 'sha2-256-chunked', value: hash },
    meta
  };
}

/**
 * The live folder as the entries a snapshot of it would have now, in key order: the current
 * version of every object under `folder` (no delete markers, no empty folder markers, nothing
 * under the registry `.quilt/`), logical key relative to the folder, physical key pinned to the
 * version. Versions pinned by `previous` reuse its hash and metadata with no request; every other
 * one needs a HEAD, and a download only when S3 has no usable SHA-256 checksum.
 * @param s3 - the client.
 * @param options - bucket, folder, entries to reuse, concurrency, abort signal and progress.
 * @returns the entries (new objects: the caller may keep or change them).
 * @throws HeliumError `InvalidInput` (bad folder), `NotFound`, `AccessDenied` (needs
 *   s3:ListBucketVersions), `Cancelled`, `Network`…
 */
export async function liveEntries(s3: S3Client, options: LiveEntriesOptions): Promise<ManifestEntry[]> {
  const { bucket, signal, onProgress } = options;
  const folder = normalizeFolder(options.folder);
  const known = indexByVersion(options.previous);
  const progress: LiveProgress = { phase: 'listing', listed: 0, reused: 0, toCheck: 0, checked: 0, hashedBytes: 0, bytesToHash: 0 };
  let lastReport = 0;
  let lastPhase = '';
  // Phase changes at once, other updates at most every 100 ms; the caller also gets the last one.
  const report = (force = false) => {
    const now = Date.now();
    if (onProgress && (force || progress.phase !== lastPhase || now - lastReport >= 100)) {
      lastReport = now;
      lastPhase = progress.phase;
      onProgress({ ...progress });
    }
  };
  report(true);
  const objects = await listCurrentObjects(s3, {
    bucket,
    folder,
    signal,
    onPage: listed => {
      progress.listed = listed.length;
      report();
    }
  });
  const entries: ManifestEntry[] = new Array(objects.length);
  const unknown: number[] = [];
  objects.forEach((object, i) => {
    const reuse = known.get(versionKey(bucket, object.key, object.versionId));
    if (reuse && reuse.size === object.size) {
      entries[i] = entryOf(bucket, folder, object, reuse.hash.value, reuse.meta ?? {});
      progress.reused += 1;
    } else {
      unknown.push(i);
    }
  });
  progress.phase = 'checking';
  progress.toCheck = unknown.length;
  report(true);
  await mapWithConcurrency(unknown, Math.max(1, options.concurrency ?? DEFAULT_CONCURRENCY), async i => {
    const object = objects[i];
    let counted = false;
    const result = await hashVersion(
      s3,
      { bucket, key: object.key, versionId: object.versionId, size: object.size },
      {
        signal,
        onBytes: n => {
          if (!counted) {
            // Only objects without a usable checksum are read.
            counted = true;
            progress.phase = 'hashing';
            progress.bytesToHash += object.size;
          }
          progress.hashedBytes += n;
          report();
        }
      }
    );
    entries[i] = entryOf(bucket, folder, object, result.hash, result.meta);
    progress.checked += 1;
    report(progress.checked === unknown.length);
  });
  return entries;
}
