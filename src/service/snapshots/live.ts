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
import { compareContent } from './entry-compare';
import { parsePhysicalKey } from './manifest';
import { normalizeFolder } from './names';
import { entryOf, indexByVersion, reusableEntry } from './reuse';
import { hashMatches, hashVersion, streamContentHashes } from './snapshot-hash';
import { LeftOutObject, splitSnapshotObjects } from './logical-keys';
import { listCurrentObjects } from './snapshot-objects';
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
  /**
   * Told, once listing is done, of the objects a snapshot would leave out (names quilt3 refuses
   * as logical keys, see logical-keys.ts); they are not among the entries.
   */
  onLeftOut?: (objects: LeftOutObject[]) => void;
}

/**
 * The live folder as the entries a snapshot of it would have now, in key order: the current
 * version of every object under `folder` (no delete markers, no empty folder markers, nothing
 * under the registry `.quilt/`, no names quilt3 refuses: see `onLeftOut`), logical key relative
 * to the folder, physical key pinned to the
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
  const listed = await listCurrentObjects(s3, {
    bucket,
    folder,
    signal,
    onPage: page => {
      progress.listed = page.length;
      report();
    }
  });
  const { kept: objects, leftOut } = splitSnapshotObjects(listed, folder);
  options.onLeftOut?.(leftOut);
  const entries: ManifestEntry[] = new Array(objects.length);
  const unknown: number[] = [];
  objects.forEach((object, i) => {
    const reuse = reusableEntry(known, bucket, object);
    if (reuse) {
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

/** Options of {@link resolveContentHashes}. */
export interface ResolveContentOptions {
  /** Downloads in flight (default 4). */
  concurrency?: number;
  signal?: AbortSignal;
  /** Told of the bytes read. */
  onBytes?: (bytes: number) => void;
}

/**
 * For files of the live folder whose snapshot entry has a hash that cannot be compared with the
 * live one as it stands (an older quilt3 `SHA256` of a file over 8 MiB, against the live
 * `sha2-256-chunked`; see `diff.ts`'s `compareContent`), read the live version and compare its
 * plain SHA-256. Only files of equal size are read (others differ anyway).
 * @param s3 - the client.
 * @param live - the live entries ({@link liveEntries}: pinned to the current versions).
 * @param snapshot - the snapshot's entries.
 * @param options - concurrency, abort signal, progress.
 * @returns whether the contents are the same, by logical key, for the files that were read
 *   (give it to `diffEntries` as `knownContent`).
 * @throws HeliumError `NotFound` (a version deleted meanwhile), `Cancelled`, `Network`…
 */
export async function resolveContentHashes(
  s3: S3Client,
  live: readonly ManifestEntry[],
  snapshot: readonly ManifestEntry[],
  options: ResolveContentOptions = {}
): Promise<Map<string, boolean>> {
  const known = new Map<string, boolean>();
  const byKey = new Map(live.map(e => [e.logical_key, e]));
  const toRead: { live: ManifestEntry; other: ManifestEntry }[] = [];
  for (const other of snapshot) {
    const mine = byKey.get(other.logical_key);
    if (mine && other.hash?.type === 'SHA256' && compareContent(mine, other) === 'unknown') {
      toRead.push({ live: mine, other });
    }
  }
  await mapWithConcurrency(toRead, Math.max(1, options.concurrency ?? 4), async ({ live: mine, other }) => {
    const location = parsePhysicalKey(mine.physical_keys?.[0] ?? '');
    if (!location) {
      return;
    }
    const hashes = await streamContentHashes(
      s3,
      { bucket: location.bucket, key: location.key, versionId: location.versionId, size: mine.size },
      { signal: options.signal, onBytes: options.onBytes, sha256: true }
    );
    const same = hashMatches(other.hash, hashes);
    if (same !== undefined) {
      known.set(other.logical_key, same);
    }
  });
  return known;
}
