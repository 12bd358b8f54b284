/**
 * Restore a folder to a snapshot: plan (the diff from the live folder to the snapshot, and one
 * action per changed file), show the plan and ask, then apply it. Applying never loses history:
 * files changed or deleted since the snapshot get the pinned version copied on top (a NEW
 * version), files added since get a delete marker (their versions stay), no version is ever
 * deleted, and nothing happens unless the bucket keeps versions.
 *
 * Applying applies what was reviewed, or nothing: every action records the version the plan saw
 * at its target (`liveVersionId`, null when the file was absent). Before anything is written each
 * target is checked (HEAD), and again just before its own write; a target written (or deleted)
 * after the review is never overwritten: the restore stops and says what changed and how much
 * was done. Snapshot files not pinned to a version of their own (see `as-of.ts`) are copied only
 * when the object they name still has the snapshot's content hash.
 */
import type { S3Client } from '@aws-sdk/client-s3';
import { mapWithConcurrency } from '../concurrency';
import { copyVersion, CopySourceVersion, readCopySource } from '../copy-multipart';
import { HeliumError, isHeliumError, throwIfAborted } from '../error-class';
import { headCurrent } from '../objects-read';
import { deleteObject } from '../objects-write';
import { formatS3Uri } from '../uri';
import { assertVersioningEnabled } from '../versioning';
import { isDeleteMarkerError } from '../versions';
import { PinnedObject, verifyUnpinned } from './as-of';
import { isPinned } from './as-of-physical';
import { restoredUserMetadata } from './restore-metadata';
import type { RestoreAction, RestorePlan } from './restore-plan';

export { planRestore, restoreActions } from './restore-plan';
export type { PlanRestoreOptions, RestoreAction, RestorePlan } from './restore-plan';

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

/** A target found changed since the plan. */
interface ChangedTarget {
  action: RestoreAction;
  /** Its current version now (null: none). */
  now: string | null;
}

/**
 * The current version of a target (HEAD).
 * @param s3 - the client.
 * @param target - bucket and key.
 * @param signal - cancels the request.
 * @returns its version id (`"null"` when it has none of its own), or null when it has no
 *   current version (absent, or a delete marker on top).
 */
async function currentVersion(s3: S3Client, target: { bucket: string; key: string }, signal?: AbortSignal): Promise<string | null> {
  const info = await headCurrent(s3, { ...target, signal });
  return info ? (info.versionId ?? 'null') : null;
}

/**
 * Describe a version for a message.
 * @param versionId - a version id, or null for none.
 * @returns `version X` or `absent`.
 */
function describeVersion(versionId: string | null): string {
  return versionId === null ? 'absent or deleted' : `version ${versionId}`;
}

/**
 * The error for targets written after the plan was made.
 * @param changed - the targets and their versions now.
 * @param done - actions done.
 * @param total - actions planned.
 * @returns a `Conflict` error (code `FolderChanged`).
 */
function folderChanged(changed: ChangedTarget[], done: number, total: number): HeliumError {
  const shown = changed
    .slice(0, 10)
    .map(c => `"${c.action.logicalKey}" (planned at ${describeVersion(c.action.liveVersionId)}, now ${describeVersion(c.now)})`)
    .join(', ');
  const more = changed.length > 10 ? ` and ${changed.length - 10} more` : '';
  const what =
    done === 0
      ? 'Nothing was changed.'
      : `The restore stopped after ${done} of ${total} changes (new versions or delete markers; nothing was lost).`;
  return new HeliumError(
    'Conflict',
    `The folder changed since the restore was planned: ${changed.length === 1 ? 'a file was' : `${changed.length} files were`} written or deleted after the review: ${shown}${more}. ${what} Nothing was written to the files that changed. Plan the restore again to review the new state.`,
    { code: 'FolderChanged' }
  );
}

/** A pinned version read for a copy, and the user metadata to write on the copy (else: as is). */
interface CopySource {
  read: CopySourceVersion;
  userMetadata?: Record<string, string>;
}

/**
 * The snapshot's file a copy restores, as {@link verifyUnpinned} takes it.
 * @param action - a copy.
 * @returns the file.
 */
function pinnedOf(action: Extract<RestoreAction, { kind: 'copy' }>): PinnedObject {
  return { ...action.source, logicalKey: action.logicalKey, size: action.size, hash: action.hash, meta: {}, pinned: action.sourcePinned };
}

/**
 * Apply a restore plan. First the bucket must keep versions, every pinned version must still be
 * there (each is read with HEAD), every file the snapshot did not pin must still have the
 * snapshot's content hash, and every target must still be at the version the plan saw:
 * otherwise nothing is changed. Then the pinned versions are copied on top (new versions, content
 * and metadata of the snapshot: its entry metadata is written on the copy when the pinned version
 * does not carry it, as in a package quilt3 pushed), and files added since the snapshot get a
 * delete marker; each target is checked again just before its write, and the restore stops at the first one written
 * after the review (that one, and the rest, are not written). No version is ever deleted.
 * @param s3 - the client.
 * @param plan - from {@link planRestore} (shown to the person first).
 * @param options - concurrency, multipart threshold, abort signal and progress.
 * @returns the new versions and delete markers.
 * @throws HeliumError `NotVersioned` (nothing changed), `NotFound` / `InvalidInput` (a pinned
 *   version is gone or is a delete marker: nothing changed), `Conflict` (code `FolderChanged`: a
 *   target changed since the plan; code `UnpinnedContentChanged`: a file the snapshot did not pin
 *   has other content now), `AccessDenied`, `Cancelled`…
 */
export async function restoreFolder(s3: S3Client, plan: RestorePlan, options: RestoreFolderOptions = {}): Promise<RestoreFolderResult> {
  const { signal } = options;
  const concurrency = options.concurrency ?? 8;
  const result: RestoreFolderResult = { copied: [], deleted: [] };
  if (plan.actions.length === 0) {
    return result;
  }
  await assertVersioningEnabled(s3, plan.bucket, `restoring ${formatS3Uri({ bucket: plan.bucket, key: plan.folder })} to a snapshot`);
  const copies = plan.actions.filter((a): a is Extract<RestoreAction, { kind: 'copy' }> => a.kind === 'copy');
  const deletes = plan.actions.filter(a => a.kind === 'delete');
  // Every source first: a version that is gone must stop the restore before anything is written.
  options.onProgress?.({ phase: 'checking', done: 0, total: plan.actions.length, bytesCopied: 0, totalBytes: plan.copyBytes });
  const sources: CopySource[] = await mapWithConcurrency(copies, concurrency, async action => {
    const { source } = action;
    let read: CopySourceVersion;
    try {
      read = await readCopySource(s3, { ...source, signal });
    } catch (err) {
      const uri = formatS3Uri(source);
      if (isDeleteMarkerError(err)) {
        throw new HeliumError(
          'InvalidInput',
          `The snapshot pins ${uri}, which is a delete marker, so "${action.logicalKey}" cannot be restored. Nothing was changed.`,
          {
            code: 'DeleteMarker',
            cause: err
          }
        );
      }
      if (isHeliumError(err, 'NotFound')) {
        throw new HeliumError(
          'NotFound',
          `The snapshot pins ${uri}, which no longer exists (that version was deleted for good), so "${action.logicalKey}" cannot be restored. Nothing was changed.`,
          {
            code: 'NoSuchVersion',
            cause: err
          }
        );
      }
      throw err;
    }
    if (!isPinned(action.source)) {
      // Not a version of its own: copy what is there (exactly the version HEAD saw) only when it
      // has the snapshot's content.
      await verifyUnpinned(s3, pinnedOf(action), read.info, { signal, consequence: 'Nothing was changed.' });
    }
    // The snapshot's entry metadata, when the version does not carry it (checked here, so that
    // metadata S3 would refuse stops the restore before anything is written).
    const userMetadata = restoredUserMetadata(read.info.userMetadata, action.meta, formatS3Uri(action.target));
    return userMetadata ? { read, userMetadata } : { read };
  });
  // The folder as reviewed: every target still at the version the plan saw.
  const versionsNow = await mapWithConcurrency(plan.actions, concurrency, action => currentVersion(s3, action.target, signal));
  const changedBefore = plan.actions
    .map((action, i) => ({ action, now: versionsNow[i] }))
    .filter(({ action, now }) => now !== action.liveVersionId);
  if (changedBefore.length > 0) {
    throw folderChanged(changedBefore, 0, plan.actions.length);
  }
  const progress: RestoreProgress = { phase: 'copying', done: 0, total: plan.actions.length, bytesCopied: 0, totalBytes: plan.copyBytes };
  const step = (bytes: number) => {
    progress.done += 1;
    progress.bytesCopied += bytes;
    options.onProgress?.({ ...progress });
  };
  const changed: ChangedTarget[] = [];
  /**
   * Check a target just before writing it.
   * @param action - the action.
   * @returns whether to write it (false once any target was found changed).
   */
  const stillAsPlanned = async (action: RestoreAction): Promise<boolean> => {
    throwIfAborted(signal, 'Restoring the folder');
    if (changed.length > 0) {
      return false;
    }
    const now = await currentVersion(s3, action.target, signal);
    if (now !== action.liveVersionId) {
      changed.push({ action, now });
      return false;
    }
    throwIfAborted(signal, 'Restoring the folder');
    return changed.length === 0;
  };
  try {
    await mapWithConcurrency(copies, concurrency, async (action, i) => {
      if (!(await stillAsPlanned(action))) {
        return;
      }
      const { read, userMetadata } = sources[i];
      const copied = await copyVersion(s3, {
        source: read,
        to: action.target,
        userMetadata,
        threshold: options.multipartThreshold,
        signal
      });
      result.copied.push({ key: action.target.key, versionId: copied.versionId, sourceVersionId: read.versionId });
      step(action.size);
    });
    if (changed.length === 0) {
      progress.phase = 'deleting';
      await mapWithConcurrency(deletes, concurrency, async action => {
        if (!(await stillAsPlanned(action))) {
          return;
        }
        // No version id: a delete marker on top, the history stays.
        const deleted = await deleteObject(s3, { bucket: action.target.bucket, key: action.target.key });
        result.deleted.push({ key: action.target.key, deleteMarkerVersionId: deleted.versionId });
        step(0);
      });
    }
  } catch (err) {
    throw stoppedError(err, progress.done, progress.total);
  }
  if (changed.length > 0) {
    throw folderChanged(changed, progress.done, progress.total);
  }
  const byKey = (a: { key: string }, b: { key: string }) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);
  result.copied.sort(byKey);
  result.deleted.sort(byKey);
  return result;
}
