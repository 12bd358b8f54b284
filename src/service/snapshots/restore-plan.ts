/**
 * Planning a restore of a folder to a snapshot: the diff from the live folder to the snapshot and
 * one action per changed file, each recording the version the plan saw at its target (so applying,
 * in restore.ts, applies what was reviewed or nothing).
 */
import type { S3Client } from '@aws-sdk/client-s3';
import { HeliumError, isHeliumError } from '../error-class';
import { formatS3Uri } from '../uri';
import { assertVersioningEnabled } from '../versioning';
import { readSnapshotByRef, snapshotFolder } from './as-of';
import { isPinned, requirePhysicalKey, PhysicalLocation } from './as-of-physical';
import { parsePhysicalKey } from './manifest';
import { normalizeFolder } from './names';
import { splitRegistryEntries } from './registry-entries';
import { diffEntries } from './manifest-diff';
import { liveEntries, LiveProgress, resolveContentHashes } from './live';
import type { LeftOutObject } from './logical-keys';
import type { EntryStatus, JsonValue, QuiltHash, SnapshotDiff } from './types';

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
      /**
       * Whether `source` names a version that cannot change; when false (no version id, or
       * "null"), it is copied only if its content still has `hash`.
       */
      sourcePinned: boolean;
      /** The snapshot's content hash of the file. */
      hash: QuiltHash;
      /**
       * The snapshot's entry metadata of the file, which the copy must carry (a package quilt3
       * pushed keeps it in the manifest only, not on the object); absent: `{}`.
       */
      meta?: JsonValue;
      size: number;
      /** The target's current version when planning; null when it had none (absent or deleted). */
      liveVersionId: string | null;
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
      /** The target's current version when planning (`versionId`, `"null"` when it had no id). */
      liveVersionId: string;
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
  /**
   * Live objects no snapshot can hold (names quilt3 refuses as logical keys, see
   * logical-keys.ts), and the snapshot's entries in the Quilt registry (`.quilt/`, see
   * `registry-entries.ts`): the restore leaves them as they are.
   */
  leftOut: LeftOutObject[];
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
    const live = change.left ? (parsePhysicalKey(change.left.physical_keys?.[0] ?? '')?.versionId ?? 'null') : null;
    if (reason && change.right) {
      const source = requirePhysicalKey(change.right.physical_keys?.[0] ?? '');
      copies.push({
        kind: 'copy',
        logicalKey: change.logicalKey,
        reason,
        target: to,
        source,
        sourcePinned: isPinned(source),
        hash: change.right.hash,
        meta: change.right.meta ?? {},
        size: change.right.size,
        liveVersionId: live
      });
    } else if (change.status === 'deleted' && change.left) {
      const action: RestoreAction = {
        kind: 'delete',
        logicalKey: change.logicalKey,
        reason: 'added',
        target: to,
        size: change.left.size,
        liveVersionId: live ?? 'null'
      };
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
 * @throws HeliumError `NotVersioned` (the bucket keeps no versions: the restore would be refused),
 *   `NotFound` (snapshot), `InvalidInput` (no folder given and the snapshot
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
  // A plan that could never be applied would mislead the review: say why first (restoreFolder checks
  // again; a caller who may not read the versioning state gets the plan, and the answer then).
  await assertVersioningEnabled(s3, bucket, `restoring ${formatS3Uri({ bucket, key: folder })} to a snapshot`).catch(err => {
    if (!isHeliumError(err, 'AccessDenied')) {
      throw err;
    }
  });
  const snapshotEntries = splitRegistryEntries(manifest.entries, folder);
  let leftOut: LeftOutObject[] = [];
  const live = await liveEntries(s3, {
    bucket,
    folder,
    previous: snapshotEntries.kept,
    signal,
    onProgress: options.onProgress,
    onLeftOut: objects => {
      leftOut = objects;
    }
  });
  // Older quilt3 entries hash as `SHA256`: files over 8 MiB are compared by reading the live one.
  const knownContent = await resolveContentHashes(s3, live, snapshotEntries.kept, { signal });
  const diff = diffEntries(live, snapshotEntries.kept, { knownContent });
  const actions = restoreActions(diff, { bucket, folder });
  const copyBytes = actions.reduce((sum, a) => sum + (a.kind === 'copy' ? a.size : 0), 0);
  return { bucket, folder, topHash: manifest.topHash, diff, actions, copyBytes, leftOut: [...leftOut, ...snapshotEntries.leftOut] };
}
