/**
 * Move (rename) and copy objects and whole folders, within a bucket or across buckets of one
 * connection, server-side: each object is copied with CopyObject (in parts over 5 GiB, keeping
 * its headers and metadata) and, for a move, its source deleted only once its copy succeeded.
 * Nothing is ever lost: a cancelled or failed move leaves each object moved or still in place.
 */
import { S3Client } from '@aws-sdk/client-s3';
import { mapWithConcurrency } from './concurrency';
import { copyVersion, MAX_COPY_OBJECT_SIZE, readCopySource } from './copy-multipart';
import { HeliumError, throwIfAborted } from './error-class';
import { MoveEndpoint, MovePlan, planMove } from './move-plan';
import { deleteObject } from './objects-write';
import { formatS3Uri } from './uri';
import { getBucketVersioning, VersioningState } from './versioning';

export { assertValidMove, planMove } from './move-plan';
export type { MoveEndpoint, MoveItem, MovePlan } from './move-plan';

/** How far a move or copy has come. */
export interface MoveProgress {
  /** Objects done (copied, and for a move, their source deleted). */
  objectsDone: number;
  /** Objects in all. */
  objectsTotal: number;
  /** Bytes of the objects done. */
  bytesDone: number;
  /** Bytes in all. */
  bytesTotal: number;
}

/** Options of {@link moveObjects} and {@link copyObjects}. */
export interface MoveObjectsOptions {
  /** The object, or the folder (key ending in `/`), to move or copy. */
  from: MoveEndpoint;
  /** Where to: an object key, or a folder prefix ending in `/` for a folder. */
  to: MoveEndpoint;
  /** Write over destination keys that exist (new versions there); refused otherwise. */
  overwrite?: boolean;
  /** Objects copied at once (default 4). */
  concurrency?: number;
  /** Called after each object is done, and once at the start. */
  onProgress?: (progress: MoveProgress) => void;
  /** Stops starting objects; those in flight are finished (a move deletes their sources); a copy in parts (over 5 GiB) is aborted. */
  signal?: AbortSignal;
  /** Copy objects larger than this in parts (default and maximum 5 GiB, S3's CopyObject limit). */
  multipartThreshold?: number;
}

/** What a move or copy did. */
export interface MoveResult {
  /** The keys written, source → destination. */
  moved: Array<{ from: string; to: string; versionId?: string }>;
  /** Bytes copied. */
  bytes: number;
  /** The source bucket's versioning (a move leaves the old keys' history there when `Enabled`). */
  sourceVersioning: VersioningState;
  /** What happened to the old keys' history, for a move; null for a copy. */
  historyNote: string | null;
}

/**
 * What a move does to the old keys' history, in words for a confirmation or a result.
 * @param state - the source bucket's versioning.
 * @returns the note.
 */
export function moveHistoryNote(state: VersioningState): string {
  if (state === 'Enabled') {
    return 'The old keys keep their version history: each gets a delete marker and can be restored from the versions drawer. The new keys start with one version.';
  }
  if (state === 'Suspended') {
    return 'Versioning is suspended on the source bucket: the current version of each old key is replaced by a delete marker; older versions stay.';
  }
  return 'The source bucket is not versioned: the old keys are deleted for good once copied.';
}

/**
 * What a copy does to history, in words for a confirmation: the copies start their own.
 * @param state - the destination bucket's versioning.
 * @returns the note.
 */
export function copyHistoryNote(state: VersioningState): string {
  const copies =
    state === 'Enabled'
      ? "Each copy starts a history of its own with one version (over a key that exists, it becomes that key's newest version); the versions of the originals are not copied."
      : 'The destination bucket does not keep versions: a copy over a key that exists replaces it for good.';
  return `${copies} The originals and their version history stay as they are.`;
}

/**
 * Move (rename) an object or a folder: copy each object, then delete its source.
 * @param s3 - the client.
 * @param options - source, destination, overwrite, progress and abort signal.
 * @returns the keys moved and what happened to their history.
 * @throws HeliumError `Conflict` (code `DestinationExists`) when a destination key exists and
 *   `overwrite` was not asked (nothing is written), `InvalidInput`, `NotFound`, `Cancelled`
 *   (objects done so far stay moved, the rest stay in place)…
 */
export async function moveObjects(s3: S3Client, options: MoveObjectsOptions): Promise<MoveResult> {
  return transfer(s3, options, true);
}

/**
 * Copy an object or a folder server-side (e.g. *Duplicate*, or to another bucket).
 * @param s3 - the client.
 * @param options - source, destination, overwrite, progress and abort signal.
 * @returns the keys written.
 * @throws HeliumError like {@link moveObjects}.
 */
export async function copyObjects(s3: S3Client, options: MoveObjectsOptions): Promise<MoveResult> {
  return transfer(s3, options, false);
}

/**
 * Refuse a plan that would write over existing keys without `overwrite`.
 * @param plan - the plan.
 * @param to - the destination.
 * @param overwrite - whether writing over was asked.
 * @throws HeliumError `Conflict` (code `DestinationExists`) naming the first key.
 */
export function assertNoConflict(plan: MovePlan, to: MoveEndpoint, overwrite: boolean): void {
  if (overwrite || plan.existing.length === 0) {
    return;
  }
  const first = formatS3Uri({ bucket: to.bucket, key: plan.existing[0] });
  const more = plan.existing.length > 1 ? ` and ${plan.existing.length - 1} more` : '';
  throw new HeliumError('Conflict', `${first}${more} already exists. Choose another name, or allow overwriting.`, {
    code: 'DestinationExists'
  });
}

/**
 * The shared body of a move and a copy.
 * @param s3 - the client.
 * @param options - the caller's options.
 * @param move - whether to delete the sources.
 * @returns the result.
 */
async function transfer(s3: S3Client, options: MoveObjectsOptions, move: boolean): Promise<MoveResult> {
  const { from, to, overwrite = false, onProgress, signal } = options;
  const what = `${move ? 'Moving' : 'Copying'} ${formatS3Uri(from)}`;
  const plan = await planMove(s3, from, to, signal);
  assertNoConflict(plan, to, overwrite);
  const sourceVersioning = move ? await getBucketVersioning(s3, from.bucket) : 'Off';
  const progress: MoveProgress = {
    objectsDone: 0,
    objectsTotal: plan.items.length,
    bytesDone: 0,
    bytesTotal: plan.bytes
  };
  onProgress?.({ ...progress });
  const moved: MoveResult['moved'] = [];
  await mapWithConcurrency(plan.items, options.concurrency ?? 4, async item => {
    throwIfAborted(signal, what);
    // Pinned to the version HEAD saw, so what is deleted below is what was copied.
    const source = await readCopySource(s3, { bucket: from.bucket, key: item.from, signal });
    // A one-request copy is not given the signal: an abort could be reported after S3 wrote the
    // copy, and the source would then stay too. A copy in parts can be aborted cleanly.
    const threshold = options.multipartThreshold ?? MAX_COPY_OBJECT_SIZE;
    const copySignal = source.info.size > threshold ? signal : undefined;
    const copied = await copyVersion(s3, { source, to: { bucket: to.bucket, key: item.to }, threshold, signal: copySignal });
    if (move) {
      // No signal from here on: once the copy exists, the source goes, so a cancel never leaves
      // an object in both places half-way.
      await deleteObject(s3, { bucket: from.bucket, key: item.from });
    }
    moved.push(copied.versionId ? { from: item.from, to: item.to, versionId: copied.versionId } : item);
    progress.objectsDone += 1;
    progress.bytesDone += source.info.size;
    onProgress?.({ ...progress });
  });
  return {
    moved: moved.map(({ from: f, to: t, versionId }) => (versionId ? { from: f, to: t, versionId } : { from: f, to: t })),
    bytes: progress.bytesDone,
    sourceVersioning,
    historyNote: move ? moveHistoryNote(sourceVersioning) : null
  };
}
