/**
 * Keeping an index fresh after our own writes, without a sync: the few keys a write touched are
 * HEADed (one request each, no listing), a folder-wide write (a folder restore or delete) is
 * synced for that prefix alone, and a new snapshot has only its new manifest(s) read. None of these
 * moves the index's sync time: the rest of the bucket is no fresher than the last sync. An index
 * whose syncs read contents (`IndexStatus.indexContent`) gets the content of the keys written too.
 */
import type { S3Client } from '@aws-sdk/client-s3';
import { mapWithConcurrency } from '../concurrency';
import { throwIfAborted } from '../error-class';
import { readObjectMetadata } from '../object-metadata';
import { QUILT_PREFIX } from '../snapshots/names';
import { assertValidBucketName } from '../uri';
import { addContent } from './content';
import { indexBucket, IndexBucketResult, markerDoc, objectDocFromMetadata, syncSnapshots } from './indexer';
import type { ObjectDoc } from './schema';
import type { IndexChanges, SearchIndex } from './types';

import type { WritePlan } from './write-scope';

export { planWrites, writeScope } from './write-scope';
export type { WritePlan, WriteScope } from './write-scope';

/** An index that can take changes without recording a sync (see `EmbeddedSearchIndex.applyChanges`). */
export interface FreshIndex extends SearchIndex {
  /** Apply changes in one transaction, leaving the sync time as it is; then persist. */
  applyChanges(changes: IndexChanges): Promise<void>;
}

/** An empty set of changes. */
export function noChanges(): IndexChanges {
  return { upsertObjects: [], deleteObjects: [], upsertSnapshots: [], deleteSnapshots: [] };
}

/**
 * The index changes for keys just written or deleted: one HEAD of each key's current version. A
 * key whose current version is a delete marker is recorded as one (from the 404's headers); a key
 * simply gone is removed (the next sync records a marker, if any, without a HEAD).
 * @param s3 - the client.
 * @param options - bucket, keys, abort signal, HEADs in flight (default 8), and `indexContent`
 *   (the index's recorded setting: also GET the first ≤ 100 KB of text-like keys; unreadable ones skipped).
 * @returns the changes to apply.
 * @throws HeliumError from HEAD other than `NotFound` (e.g. `AccessDenied`, `Network`).
 */
export async function keyChanges(
  s3: S3Client,
  options: { bucket: string; keys: Iterable<string>; signal?: AbortSignal; concurrency?: number; indexContent?: boolean }
): Promise<IndexChanges> {
  const { bucket, signal } = options;
  assertValidBucketName(bucket);
  const changes = noChanges();
  const keys = [...new Set(options.keys)].filter(key => !key.startsWith(QUILT_PREFIX));
  const docs = await mapWithConcurrency(keys, options.concurrency ?? 8, async key => {
    throwIfAborted(signal, 'Indexing');
    const doc = await currentDoc(s3, bucket, key, signal);
    if (doc && options.indexContent) await addContent(s3, bucket, doc, signal);
    return { key, doc };
  });
  for (const { key, doc } of docs) {
    if (doc) changes.upsertObjects.push(doc);
    else changes.deleteObjects.push(key);
  }
  return changes;
}

/** HEAD a key's current version and make its document; null when there is none. */
async function currentDoc(s3: S3Client, bucket: string, key: string, signal?: AbortSignal): Promise<ObjectDoc | null> {
  try {
    const meta = await readObjectMetadata(s3, { bucket, key, signal });
    return objectDocFromMetadata(key, meta, {
      // Objects written before versioning was enabled are listed with the version id "null".
      versionId: meta.info.versionId ?? 'null',
      lastModified: meta.info.lastModified.getTime(),
      etag: meta.info.etag || null
    });
  } catch (err) {
    if ((err as { kind?: string }).kind === 'NotFound') {
      return markerFromNotFound(key, err);
    }
    throw err;
  }
}

/**
 * The delete marker S3 named in its 404 to a HEAD of the current version (`x-amz-delete-marker`,
 * with the marker's version id), as a document like the one a sync records; null when the
 * answer names no marker (the key is simply gone, or the headers are not visible).
 */
function markerFromNotFound(key: string, err: unknown): ObjectDoc | null {
  const headers = (err as { cause?: { $response?: { headers?: Record<string, string | undefined> } } }).cause?.$response?.headers;
  const versionId = headers?.['x-amz-version-id'];
  // S3 may leave the marker's Last-Modified out (moto does): the answer's Date is then the nearest
  // time known; the next sync corrects it from the listing, still without a HEAD.
  const lastModified = Date.parse(headers?.['last-modified'] ?? headers?.date ?? '');
  if (headers?.['x-amz-delete-marker'] !== 'true' || !versionId || Number.isNaN(lastModified)) {
    return null;
  }
  return markerDoc(key, versionId, lastModified);
}

/**
 * The index changes for new snapshots: the registry is listed and only manifests not indexed yet
 * are read; snapshots no longer listed are removed.
 * @param s3 - the client.
 * @param options - bucket, index, abort signal.
 * @returns the changes to apply.
 */
export async function snapshotChanges(
  s3: S3Client,
  options: { bucket: string; index: SearchIndex; signal?: AbortSignal }
): Promise<IndexChanges> {
  assertValidBucketName(options.bucket);
  const changes = noChanges();
  await syncSnapshots(s3, options.bucket, '', options.index, changes, options.signal);
  return changes;
}

/**
 * An incremental sync of one prefix (list it, HEAD only new versions), applied without moving the
 * index's sync time. Snapshots are left alone (a folder-wide object change makes none).
 * @param s3 - the client.
 * @param options - bucket, prefix, index, abort signal.
 * @returns what the sync did.
 */
export function indexPrefix(
  s3: S3Client,
  options: { bucket: string; prefix: string; index: FreshIndex; signal?: AbortSignal }
): Promise<IndexBucketResult> {
  const { index } = options;
  // indexBucket records a sync time when it applies; this view applies the same changes without it.
  const view: SearchIndex = {
    search: (query, searchOptions) => index.search(query, searchOptions),
    status: () => index.status(),
    objectStates: prefix => index.objectStates(prefix),
    snapshotIds: () => index.snapshotIds(),
    apply: changes => index.applyChanges(changes),
    close: async () => undefined
  };
  return indexBucket(s3, { bucket: options.bucket, prefix: options.prefix, index: view, signal: options.signal, snapshots: false });
}

/**
 * Bring an index up to date after a batch of our own writes to its bucket: sync each prefix, HEAD
 * each key, read new manifests; keys and snapshots are applied in one transaction.
 * @param s3 - the client.
 * @param options - bucket, index, the plan (see `planWrites`), abort signal, and `indexContent`
 *   (the index's recorded setting).
 * @throws HeliumError from the requests (e.g. `AccessDenied`, `Network`, `Cancelled`).
 */
export async function applyWrites(
  s3: S3Client,
  options: { bucket: string; index: FreshIndex; plan: WritePlan; signal?: AbortSignal; indexContent?: boolean }
): Promise<void> {
  const { bucket, index, plan, signal, indexContent } = options;
  for (const prefix of plan.prefixes) {
    await indexPrefix(s3, { bucket, prefix, index, signal });
  }
  if (plan.keys.length === 0 && !plan.snapshots) {
    return;
  }
  const changes = plan.keys.length > 0 ? await keyChanges(s3, { bucket, keys: plan.keys, signal, indexContent }) : noChanges();
  if (plan.snapshots) {
    const found = await snapshotChanges(s3, { bucket, index, signal });
    changes.upsertSnapshots.push(...found.upsertSnapshots);
    changes.deleteSnapshots.push(...found.deleteSnapshots);
  }
  await index.applyChanges(changes);
}
