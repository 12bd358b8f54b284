/**
 * Incremental sync of a bucket into a {@link SearchIndex}: list the current versions (one
 * ListObjectVersions pass), compare (key, version id, ETag, time) with the index, HEAD only what is
 * new or changed (for its metadata), drop what is gone, record delete markers as such; then index
 * the bucket's snapshots (Quilt packages), reading only manifests not indexed yet. All changes are
 * applied in one transaction at the end: a sync that fails leaves the previous index as it was.
 *
 * A user refused ListObjectVersions (no s3:ListBucketVersions) still gets an index, of current
 * objects only (current-listing.ts): changes are then seen by ETag and time, version ids come from
 * the HEADs, and deleted objects simply leave the index (no delete markers). `currentOnly` says so.
 *
 * With `indexContent` (off by default; recorded in the index, so later syncs and our own writes
 * keep to it), each new or changed text-like object also gets one ranged GET of its first ≤ 100 KB
 * (content.ts); a body that cannot be read as text is skipped and counted, never an error.
 */
import type { S3Client } from '@aws-sdk/client-s3';
import { mapWithConcurrency } from '../concurrency';
import { throwIfAborted } from '../error-class';
import { readObjectMetadata } from '../object-metadata';
import { listSnapshots } from '../snapshots/registry-list';
import { readSnapshot } from '../snapshots/registry';
import { toPlainJson } from '../snapshots/python-json';
import type { JsonValue } from '../snapshots/types';
import { assertValidBucketName } from '../uri';
import type { ObjectVersion } from '../versions-list';
import { addContent } from './content';
import { listCurrent, UNKNOWN_VERSION } from './current-listing';
import { extensionOf, ObjectDoc, SnapshotDoc } from './schema';
import type { IndexChanges, SearchIndex } from './types';

/** Progress of a sync. */
export interface IndexProgress {
  phase: 'listing' | 'reading metadata' | 'snapshots' | 'saving';
  /** Current versions listed so far. */
  listed: number;
  /** HEADs done / to do. */
  headed: number;
  toHead: number;
}

/** Options of {@link indexBucket}. */
export interface IndexBucketOptions {
  bucket: string;
  /** Only keys under this prefix (default: the whole bucket). */
  prefix?: string;
  index: SearchIndex;
  onProgress?: (progress: IndexProgress) => void;
  signal?: AbortSignal;
  /** HEAD requests in flight (default 16). */
  concurrency?: number;
  /** Also index snapshots (default true). */
  snapshots?: boolean;
  /**
   * Read and index the first ≤ 100 KB of new or changed text-like objects (one ranged GET each).
   * Absent: as the index recorded at its last sync (off for a new index). A change of the setting
   * re-reads every object under the prefix synced (their documents gain or lose their content).
   */
  indexContent?: boolean;
}

/** What a sync did. */
export interface IndexBucketResult {
  listed: number;
  /** Objects HEADed (new or changed current versions). */
  headed: number;
  added: number;
  updated: number;
  removed: number;
  snapshotsAdded: number;
  snapshotsRemoved: number;
  /** Text-like objects whose first ≤ 100 KB were indexed (0 when contents are not indexed). */
  contentRead: number;
  /** Text-like objects whose body could not be read as text (binary, refused, gone): indexed without it. */
  contentSkipped: number;
  /** Whether this sync indexed contents (and the index now records so). */
  indexContent: boolean;
  /**
   * ListObjectVersions was refused, so current objects were listed instead (see
   * `CURRENT_ONLY_NOTE`): the index has no older versions and no delete markers.
   */
  currentOnly: boolean;
  syncedAt: Date;
}

/**
 * Bring a bucket's (or prefix's) index up to date.
 * @param s3 - the client.
 * @param options - bucket, prefix, index, progress callback, abort signal.
 * @returns what changed.
 * @throws HeliumError `NotFound` (bucket), `AccessDenied` (needs s3:ListBucket and s3:GetObject;
 *   without s3:ListBucketVersions the sync is of current objects only), `Cancelled`, `Network`… —
 *   the index is then unchanged.
 */
export async function indexBucket(s3: S3Client, options: IndexBucketOptions): Promise<IndexBucketResult> {
  const { bucket, index, signal } = options;
  const prefix = options.prefix ?? '';
  assertValidBucketName(bucket);
  const progress: IndexProgress = { phase: 'listing', listed: 0, headed: 0, toHead: 0 };
  const report = () => options.onProgress?.({ ...progress });
  report();
  const { current, currentOnly } = await listCurrent(s3, bucket, prefix, signal, n => {
    progress.listed = n;
    report();
  });
  const before = await index.status();
  const recorded = before.indexContent === true;
  const indexContent = options.indexContent ?? recorded;
  // The setting changed: every document gains (or loses) its content, so all are read again.
  const rereadAll = indexContent !== recorded;
  const indexed = await index.objectStates(prefix);
  const changes: IndexChanges = {
    upsertObjects: [],
    deleteObjects: [],
    upsertSnapshots: [],
    deleteSnapshots: [],
    // Remembered for later searches; a prefix listed with versions leaves the rest as it was.
    settings: { indexContent, currentOnly: currentOnly || (prefix !== '' && before.currentOnly === true) },
    wholeBucket: prefix === '' && options.snapshots !== false
  };
  const toHead: ObjectVersion[] = [];
  let added = 0;
  let updated = 0;
  for (const [key, version] of current) {
    const known = indexed.get(key);
    const same =
      !rereadAll &&
      known &&
      // A listing without versions cannot compare version ids; ETag and time tell a change.
      (currentOnly || known.versionId === version.versionId) &&
      known.deleteMarker === version.isDeleteMarker &&
      known.lastModified === version.lastModified.getTime() &&
      (known.etag ?? null) === (version.etag ?? null);
    if (same) {
      continue;
    }
    if (known) updated++;
    else added++;
    if (version.isDeleteMarker) {
      changes.upsertObjects.push(markerDoc(version.key, version.versionId, version.lastModified.getTime()));
    } else {
      toHead.push(version);
    }
  }
  for (const key of indexed.keys()) {
    if (!current.has(key)) {
      changes.deleteObjects.push(key);
    }
  }
  progress.phase = 'reading metadata';
  progress.toHead = toHead.length;
  report();
  let contentRead = 0;
  let contentSkipped = 0;
  const docs = await mapWithConcurrency(toHead, options.concurrency ?? 16, async version => {
    throwIfAborted(signal, 'Indexing');
    const doc = await objectDoc(s3, bucket, version, signal);
    if (doc && indexContent) {
      const outcome = await addContent(s3, bucket, doc, signal);
      if (outcome === 'read') contentRead++;
      else if (outcome === 'skipped') contentSkipped++;
    }
    progress.headed++;
    report();
    return doc;
  });
  changes.upsertObjects.push(...docs.filter((d): d is ObjectDoc => d !== null));
  let snapshotsAdded = 0;
  let snapshotsRemoved = 0;
  if (options.snapshots !== false) {
    progress.phase = 'snapshots';
    report();
    ({ snapshotsAdded, snapshotsRemoved } = await syncSnapshots(s3, bucket, prefix, index, changes, signal));
  }
  throwIfAborted(signal, 'Indexing');
  progress.phase = 'saving';
  report();
  const syncedAt = new Date();
  await index.apply(changes, syncedAt);
  return {
    listed: current.size,
    headed: toHead.length,
    added,
    updated,
    removed: changes.deleteObjects.length,
    snapshotsAdded,
    snapshotsRemoved,
    contentRead,
    contentSkipped,
    indexContent,
    currentOnly,
    syncedAt
  };
}

/**
 * A delete marker's document (no HEAD: it has no metadata).
 * @param key - the key it hides.
 * @param versionId - the marker's version id.
 * @param lastModified - when it was written (ms).
 * @returns the document.
 */
export function markerDoc(key: string, versionId: string, lastModified: number): ObjectDoc {
  return {
    key,
    ext: extensionOf(key),
    size: 0,
    lastModified,
    versionId,
    etag: null,
    contentType: null,
    deleteMarker: true,
    userMeta: null,
    target: null,
    otherMeta: null
  };
}

/**
 * The search document of an object version from its metadata (one HEAD's worth).
 * @param key - the key.
 * @param meta - what readObjectMetadata read.
 * @param version - the version id, time and ETag to record (a listing's, so that the next sync
 *   compares like with like; else the HEAD's).
 * @returns the document.
 */
export function objectDocFromMetadata(
  key: string,
  meta: Awaited<ReturnType<typeof readObjectMetadata>>,
  version: { versionId: string; lastModified: number; etag: string | null }
): ObjectDoc {
  return {
    key,
    ext: extensionOf(key),
    size: meta.info.size,
    lastModified: version.lastModified,
    versionId: version.versionId,
    etag: version.etag,
    contentType: meta.contentType ?? null,
    deleteMarker: false,
    userMeta: meta.helium?.user_meta ?? null,
    target: meta.helium?.target ?? null,
    otherMeta: Object.keys(meta.otherUserMetadata).length ? meta.otherUserMetadata : null
  };
}

/** HEAD a current version and make its document; null when it vanished meanwhile. */
async function objectDoc(s3: S3Client, bucket: string, version: ObjectVersion, signal?: AbortSignal): Promise<ObjectDoc | null> {
  try {
    const unknown = version.versionId === UNKNOWN_VERSION;
    const meta = await readObjectMetadata(s3, {
      bucket,
      key: version.key,
      // Unknown (listed without versions): the current version, whose id the HEAD tells.
      versionId: version.versionId === 'null' || unknown ? undefined : version.versionId,
      signal
    });
    // The listing's time and ETag, so the next sync compares like with like.
    return objectDocFromMetadata(version.key, meta, {
      versionId: unknown ? (meta.info.versionId ?? 'null') : version.versionId,
      lastModified: version.lastModified.getTime(),
      etag: version.etag ?? meta.info.etag ?? null
    });
  } catch (err) {
    if ((err as { kind?: string }).kind === 'NotFound') {
      return null; // deleted since the listing; the next sync records it
    }
    throw err;
  }
}

/**
 * Add the bucket's new snapshots to `changes` (reading only manifests not indexed yet) and, for the
 * whole bucket, remove those no longer listed.
 */
export async function syncSnapshots(
  s3: S3Client,
  bucket: string,
  prefix: string,
  index: SearchIndex,
  changes: IndexChanges,
  signal?: AbortSignal
): Promise<{ snapshotsAdded: number; snapshotsRemoved: number }> {
  const listed = await listSnapshots(s3, { bucket, folder: prefix, includeInner: true, refresh: true, signal });
  const known = await index.snapshotIds();
  const seen = new Set<string>();
  const fresh = listed.filter(s => {
    const id = `${s.name}@${s.topHash}`;
    const isNew = !seen.has(id) && !known.has(id);
    seen.add(id);
    return isNew;
  });
  const docs = await mapWithConcurrency(fresh, 8, async (info): Promise<SnapshotDoc> => {
    const manifest = await readSnapshot(s3, bucket, info.topHash, signal);
    return {
      name: info.name,
      topHash: info.topHash,
      message: info.message ?? (manifest.header.message as string | null | undefined) ?? null,
      time: info.timestamp.getTime(),
      folder: info.folder,
      packageMeta: searchableMeta(manifest.header.user_meta),
      logicalKeys: manifest.entries.map(e => e.logical_key)
    };
  });
  changes.upsertSnapshots.push(...docs);
  let removed = 0;
  if (prefix === '') {
    // Only a whole-bucket sync knows every snapshot; a prefix sync never removes one.
    for (const id of known) {
      if (!seen.has(id)) {
        const at = id.lastIndexOf('@');
        changes.deleteSnapshots.push({ name: id.slice(0, at), topHash: id.slice(at + 1) });
        removed++;
      }
    }
  }
  return { snapshotsAdded: docs.length, snapshotsRemoved: removed };
}

/**
 * Package metadata as plain JSON for the index: manifests are read with lossless numbers, which
 * would be stored as `{isLosslessNumber, value}` objects and never match `user_meta.year:2024`.
 * Integers beyond 2^53 become the nearest double (search compares numbers, not their text).
 */
function searchableMeta(meta: JsonValue | undefined): unknown {
  if (meta === undefined || meta === null) return null;
  return JSON.parse(JSON.stringify(toPlainJson(meta), (_key, value: unknown) => (typeof value === 'bigint' ? Number(value) : value)));
}
