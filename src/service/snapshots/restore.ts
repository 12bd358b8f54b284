/**
 * Restore a folder to a snapshot: plan (the diff from the live folder to the snapshot, and one
 * action per changed file), show the plan and ask, then apply it. Applying never loses history:
 * files changed or deleted since the snapshot get the pinned version copied on top (a NEW
 * version), files added since get a delete marker (their versions stay), no version is ever
 * deleted, and nothing happens unless the bucket keeps versions.
 */
import type { S3Client } from '@aws-sdk/client-s3';
import { mapWithConcurrency } from '../concurrency';
import { copyVersion, CopySourceVersion, readCopySource } from '../copy-multipart';
import { HeliumError, isHeliumError, throwIfAborted } from '../error-class';
import { deleteObject } from '../objects-write';
import { formatS3Uri } from '../uri';
import { assertVersioningEnabled } from '../versioning';
import { isDeleteMarkerError } from '../versions';
import { readSnapshotByRef, snapshotFolder } from './as-of';
import { requirePhysicalKey, PhysicalLocation } from './as-of-physical';
import { parsePhysicalKey } from './manifest';
import { normalizeFolder } from './names';
import { diffEntries } from './diff';
import { liveEntries, LiveProgress } from './live';
import type { EntryStatus, SnapshotDiff } from './types';

/** One change a restore makes. */
export type RestoreAction =
  | {
      /** Copy the pinned version on top of the file (a new version). */
      kind: 'copy';
      logicalKey: string;
      /** Why: `modified` / `metadata-changed` since the snapshot, or `deleted` since (absent now). */
      reason: 'modified' | 'metadata-changed' | 'deleted';
      /** The key written. */
      target: { bucket: string; key: string };
      /** The version the snapshot pinned. */
      source: PhysicalLocation;
      size: number;
    }
  | {
      /** Add a delete marker: the file was added since the snapshot (its versions stay). */
      kind: 'delete';
      logicalKey: string;
      reason: 'added';
      target: { bucket: string; key: string };
      /** The current version seen when planning. */
      versionId?: string;
      size: number;
    };

/** What a restore will do. */
export interface RestorePlan {
  bucket: string;
  /** The folder restored (its prefix). */
  folder: string;
  /** The snapshot's full top hash. */
  topHash: string;
  /** From the live folder (left) to the snapshot (right). */
  diff: SnapshotDiff;
  /** The changes, copies first, each list sorted by logical key. */
  actions: RestoreAction[];
  /** Bytes the copies will write. */
  copyBytes: number;
}

/**
 * The actions that take a folder from its live state to a snapshot's, from their diff.
 * @param diff - the diff from the live folder (left) to the snapshot (right).
 * @param target - the bucket and folder to restore.
 * @param target.bucket - the bucket.
 * @param target.folder - the folder's prefix.
 * @returns the actions: copies for files changed or deleted since, delete markers for files
 *   added since; nothing for `same` and `same-content-new-version`.
 */
export function restoreActions(diff: SnapshotDiff, target: { bucket: string; folder: string }): RestoreAction[] {
  const copies: RestoreAction[] = [];
  const deletes: RestoreAction[] = [];
  const reasons: Partial<Record<EntryStatus, 'modified' | 'metadata-changed' | 'deleted'>> = {
    modified: 'modified',
    'metadata-changed': 'metadata-changed',
    added: 'deleted'
  };
  for (const change of diff.changes) {
    const to = { bucket: target.bucket, key: target.folder + change.logicalKey };
    const reason = reasons[change.status];
    if (reason && change.right) {
      const source = requirePhysicalKey(change.right.physical_keys?.[0] ?? '');
      copies.push({ kind: 'copy', logicalKey: change.logicalKey, reason, target: to, source, size: change.right.size });
    } else if (change.status === 'deleted' && change.left) {
      const action: RestoreAction = { kind: 'delete', logicalKey: change.logicalKey, reason: 'added', target: to, size: change.left.size };
      const versionId = parsePhysicalKey(change.left.physical_keys?.[0] ?? '')?.versionId;
      if (versionId) {
        action.versionId = versionId;
      }
      deletes.push(action);
    }
  }
  return [...copies, ...deletes];
}

/** Options of {@link planRestore}. */
export interface PlanRestoreOptions {
  bucket: string;
  /** The snapshot: a full top hash or a unique prefix (≥ 6 hex characters). */
  topHash: string;
  /** The folder to restore; default: the folder the snapshot was taken of. */
  folder?: string;
  signal?: AbortSignal;
  /** Progress of reading the live folder. */
  onProgress?: (progress: LiveProgress) => void;
}

/**
 * Plan restoring a folder to a snapshot: read the snapshot and the live folder (reusing the
 * snapshot's hashes for unchanged versions), diff them, and list the actions. Changes nothing.
 * @param s3 - the client.
 * @param options - bucket, snapshot, folder, abort signal and progress.
 * @returns the plan, to show before {@link restoreFolder} applies it.
 * @throws HeliumError `NotFound` (snapshot), `InvalidInput` (no folder given and the snapshot
 *   does not tell its own, or it points outside S3), `AccessDenied`, `Cancelled`…
 */
export async function planRestore(s3: S3Client, options: PlanRestoreOptions): Promise<RestorePlan> {
  const { bucket, signal } = options;
  const manifest = await readSnapshotByRef(s3, bucket, options.topHash, signal);
  const folder = options.folder === undefined ? snapshotFolder(manifest, bucket) : normalizeFolder(options.folder);
  if (folder === null) {
    throw new HeliumError(
      'InvalidInput',
      `Snapshot ${manifest.topHash.slice(0, 12)} does not tell which folder it was taken of (its files come from several places, or it has none): name the folder to restore.`,
      { code: 'FolderUnknown' }
    );
  }
  const live = await liveEntries(s3, { bucket, folder, previous: manifest.entries, signal, onProgress: options.onProgress });
  const diff = diffEntries(live, manifest.entries);
  const actions = restoreActions(diff, { bucket, folder });
  const copyBytes = actions.reduce((sum, a) => sum + (a.kind === 'copy' ? a.size : 0), 0);
  return { bucket, folder, topHash: manifest.topHash, diff, actions, copyBytes };
}

/** Progress of {@link restoreFolder}. */
export interface RestoreProgress {
  /** Reading the pinned versions (nothing written yet), copying them back, or adding delete markers. */
  phase: 'checking' | 'copying' | 'deleting';
  /** Actions done, of all. */
  done: number;
  total: number;
  /** Bytes copied (whole files, as each copy ends), of all. */
  bytesCopied: number;
  totalBytes: number;
}

/** Options of {@link restoreFolder}. */
export interface RestoreFolderOptions {
  /** Copies and deletes in flight (default 8). */
  concurrency?: number;
  /** Objects larger than this are copied in parts (default 5 GiB). */
  multipartThreshold?: number;
  signal?: AbortSignal;
  onProgress?: (progress: RestoreProgress) => void;
}

/** What {@link restoreFolder} did. */
export interface RestoreFolderResult {
  /** New versions written by copies. */
  copied: { key: string; versionId?: string; sourceVersionId?: string }[];
  /** Delete markers added. */
  deleted: { key: string; deleteMarkerVersionId?: string }[];
}

/**
 * The error for an action that failed part-way through a restore.
 * @param err - what failed.
 * @param done - actions completed.
 * @param total - actions planned.
 * @returns a HeliumError of the same kind saying what was done.
 */
function stoppedError(err: unknown, done: number, total: number): unknown {
  if (!isHeliumError(err) || done === 0) {
    return err;
  }
  return new HeliumError(
    err.kind,
    `${err.message} The restore stopped after ${done} of ${total} changes; those are new versions or delete markers (nothing was lost). Plan the restore again to finish it.`,
    { code: err.code, status: err.status, cause: err }
  );
}

/**
 * Apply a restore plan. First the bucket must keep versions and every pinned version must still
 * be there (each is read with HEAD): otherwise nothing is changed. Then the pinned versions are
 * copied on top (new versions, content and metadata of the snapshot), and files added since the
 * snapshot get a delete marker. No version is ever deleted.
 * @param s3 - the client.
 * @param plan - from {@link planRestore} (shown to the person first).
 * @param options - concurrency, multipart threshold, abort signal and progress.
 * @returns the new versions and delete markers.
 * @throws HeliumError `NotVersioned` (nothing changed), `NotFound` / `InvalidInput` (a pinned
 *   version is gone or is a delete marker: nothing changed), `AccessDenied`, `Cancelled`…
 */
export async function restoreFolder(
  s3: S3Client,
  plan: RestorePlan,
  options: RestoreFolderOptions = {}
): Promise<RestoreFolderResult> {
  const { signal } = options;
  const concurrency = options.concurrency ?? 8;
  const result: RestoreFolderResult = { copied: [], deleted: [] };
  if (plan.actions.length === 0) {
    return result;
  }
  await assertVersioningEnabled(s3, plan.bucket, `restoring ${formatS3Uri({ bucket: plan.bucket, key: plan.folder })} to a snapshot`);
  const copies = plan.actions.filter(a => a.kind === 'copy');
  const deletes = plan.actions.filter(a => a.kind === 'delete');
  // Every source first: a version that is gone must stop the restore before anything is written.
  options.onProgress?.({ phase: 'checking', done: 0, total: plan.actions.length, bytesCopied: 0, totalBytes: plan.copyBytes });
  const sources: CopySourceVersion[] = await mapWithConcurrency(copies, concurrency, async action => {
    const { source } = action as Extract<RestoreAction, { kind: 'copy' }>;
    try {
      return await readCopySource(s3, { ...source, signal });
    } catch (err) {
      const uri = formatS3Uri(source);
      if (isDeleteMarkerError(err)) {
        throw new HeliumError('InvalidInput', `The snapshot pins ${uri}, which is a delete marker, so "${action.logicalKey}" cannot be restored. Nothing was changed.`, {
          code: 'DeleteMarker',
          cause: err
        });
      }
      if (isHeliumError(err, 'NotFound')) {
        throw new HeliumError('NotFound', `The snapshot pins ${uri}, which no longer exists (that version was deleted for good), so "${action.logicalKey}" cannot be restored. Nothing was changed.`, {
          code: 'NoSuchVersion',
          cause: err
        });
      }
      throw err;
    }
  });
  const progress: RestoreProgress = { phase: 'copying', done: 0, total: plan.actions.length, bytesCopied: 0, totalBytes: plan.copyBytes };
  const step = (bytes: number) => {
    progress.done += 1;
    progress.bytesCopied += bytes;
    options.onProgress?.({ ...progress });
  };
  try {
    await mapWithConcurrency(copies, concurrency, async (action, i) => {
      throwIfAborted(signal, 'Restoring the folder');
      const copied = await copyVersion(s3, { source: sources[i], to: action.target, threshold: options.multipartThreshold, signal });
      result.copied.push({ key: action.target.key, versionId: copied.versionId, sourceVersionId: sources[i].versionId });
      step(action.size);
    });
    progress.phase = 'deleting';
    await mapWithConcurrency(deletes, concurrency, async action => {
      throwIfAborted(signal, 'Restoring the folder');
      // No version id: a delete marker on top, the history stays.
      const deleted = await deleteObject(s3, { bucket: action.target.bucket, key: action.target.key });
      result.deleted.push({ key: action.target.key, deleteMarkerVersionId: deleted.versionId });
      step(0);
    });
  } catch (err) {
    throw stoppedError(err, progress.done, progress.total);
  }
  const byKey = (a: { key: string }, b: { key: string }) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);
  result.copied.sort(byKey);
  result.deleted.sort(byKey);
  return result;
}
