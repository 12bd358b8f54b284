/**
 * Compare two sides, each a snapshot (full or short top hash) or `latest` (the live folder):
 * read them and diff their entries (see diff.ts). For `latest`, the live folder is read with the
 * other side's entries as known hashes, so only versions written since need a HEAD.
 */
import type { S3Client } from '@aws-sdk/client-s3';
import { HeliumError } from '../error-class';
import { formatS3Uri } from '../uri';
import { readSnapshotByRef, snapshotFolder } from './as-of';
import { diffEntries } from './manifest-diff';
import { liveEntries, LiveProgress, resolveContentHashes } from './live';
import type { LeftOutObject } from './logical-keys';
import { normalizeFolder } from './names';
import { splitRegistryEntries } from './registry-entries';
import type { Manifest, ManifestEntry, SnapshotDiff, SnapshotRef } from './types';

/** One side of a comparison, as it was read. */
export interface DiffSide {
  /** The snapshot's full top hash, or `'latest'` for the live folder. */
  ref: string;
  /** The snapshot's header message (null for the live folder). */
  message: string | null;
  /** The folder the side's files are under (the live folder read, or the snapshot's folder when known). */
  folder: string | null;
  /** Number of files. */
  entries: number;
  /**
   * The live folder's objects that no snapshot can hold (names quilt3 refuses as logical keys,
   * see logical-keys.ts): not compared. Only on the `latest` side.
   */
  leftOut?: LeftOutObject[];
}

/** A diff with what each side was. */
export interface SnapshotComparison extends SnapshotDiff {
  bucket: string;
  left: DiffSide;
  right: DiffSide;
}

/** Options of {@link diffSnapshots}. */
export interface DiffSnapshotsOptions {
  bucket: string;
  /** The live folder for `latest` (a prefix; `/` is added); default: the other side's snapshot's folder. */
  folder?: string;
  /** The older side. */
  left: SnapshotRef;
  /** The newer side. */
  right: SnapshotRef;
  /** Also list unchanged files. */
  includeSame?: boolean;
  signal?: AbortSignal;
  /** Progress of reading the live folder. */
  onProgress?: (progress: LiveProgress) => void;
}

/**
 * Whether a ref names the live folder.
 * @param ref - a ref.
 * @returns true for `latest` (any case).
 */
export function isLatestRef(ref: SnapshotRef): boolean {
  return ref.trim().toLowerCase() === 'latest';
}

/**
 * Check a snapshot ref before any request.
 * @param ref - a ref.
 * @param what - which argument, for the message (`left side`).
 * @returns the ref, trimmed and in lower case.
 * @throws HeliumError `InvalidInput` (code `InvalidTopHash`).
 */
export function normalizeRef(ref: SnapshotRef, what: string): string {
  const text = ref.trim().toLowerCase();
  if (text === 'latest' || /^[0-9a-f]{6,64}$/.test(text)) {
    return text;
  }
  throw new HeliumError(
    'InvalidInput',
    `The ${what} "${ref}" is neither a snapshot's top hash (6 to 64 hex characters, e.g. 9adfc26d4d85) nor "latest" (the live folder).`,
    { code: 'InvalidTopHash' }
  );
}

/**
 * A snapshot side.
 * @param manifest - the snapshot.
 * @param bucket - its bucket.
 * @returns the side.
 */
function snapshotSide(manifest: Manifest, bucket: string): DiffSide {
  const message = manifest.header.message;
  return {
    ref: manifest.topHash,
    message: typeof message === 'string' ? message : null,
    folder: snapshotFolder(manifest, bucket),
    entries: manifest.entries.length
  };
}

/**
 * Diff two sides: snapshots (full or short top hashes) or `latest`, the live folder, which is
 * `options.folder` or else the folder of the other side's snapshot. Statuses are from `left` to
 * `right` (`added` = only in `right`).
 * @param s3 - the client.
 * @param options - bucket, folder, the two refs, abort signal and progress.
 * @returns the diff and what each side was.
 * @throws HeliumError `InvalidInput` (a bad ref, both `latest`, or a live folder that cannot be
 *   told), `NotFound` (no such snapshot), `AccessDenied`, `Cancelled`…
 */
export async function diffSnapshots(s3: S3Client, options: DiffSnapshotsOptions): Promise<SnapshotComparison> {
  const { bucket, signal } = options;
  const leftRef = normalizeRef(options.left, 'left side');
  const rightRef = normalizeRef(options.right, 'right side');
  if (isLatestRef(leftRef) && isLatestRef(rightRef)) {
    throw new HeliumError('InvalidInput', 'Both sides are "latest": name at least one snapshot to compare the live folder with.', {
      code: 'NothingToCompare'
    });
  }
  const givenFolder = options.folder === undefined ? undefined : normalizeFolder(options.folder);
  const [leftManifest, rightManifest] = await Promise.all(
    [leftRef, rightRef].map(ref => (isLatestRef(ref) ? Promise.resolve(undefined) : readSnapshotByRef(s3, bucket, ref, signal)))
  );
  const sides: DiffSide[] = [];
  const lists: ManifestEntry[][] = [];
  let knownContent: Map<string, boolean> | undefined;
  for (const [manifest, other] of [
    [leftManifest, rightManifest],
    [rightManifest, leftManifest]
  ] as const) {
    if (manifest) {
      sides.push(snapshotSide(manifest, bucket));
      lists.push(manifest.entries);
      continue;
    }
    const snapshot = other as Manifest;
    const folder = givenFolder ?? snapshotFolder(snapshot, bucket);
    if (folder === null) {
      throw new HeliumError(
        'InvalidInput',
        `Snapshot ${snapshot.topHash.slice(0, 12)} does not tell which folder it was taken of, so "latest" has no folder: give the folder to compare it with (e.g. --folder data/, or --folder / for the whole bucket).`,
        { code: 'FolderUnknown' }
      );
    }
    let leftOut: LeftOutObject[] = [];
    const entries = await liveEntries(s3, {
      bucket,
      folder,
      previous: snapshot.entries,
      signal,
      onProgress: options.onProgress,
      onLeftOut: objects => {
        leftOut = objects;
      }
    });
    // Older quilt3 `SHA256` hashes of files over 8 MiB: read the live file to compare.
    knownContent = await resolveContentHashes(s3, entries, snapshot.entries, { signal });
    sides.push({ ref: 'latest', message: null, folder, entries: entries.length, leftOut });
    lists.push(entries);
  }
  // The live folder never lists the Quilt registry: a snapshot's entries there (quilt3's set_dir
  // of a whole bucket packages .quilt/) are not compared with it, rather than called deleted.
  const liveFolder = sides.find(side => side.ref === 'latest')?.folder;
  if (typeof liveFolder === 'string') {
    sides.forEach((side, i) => {
      if (side.ref !== 'latest') {
        lists[i] = splitRegistryEntries(lists[i], liveFolder).kept;
      }
    });
  }
  // Between two snapshots, such files are counted modified with a note (nothing is read).
  const diff = diffEntries(lists[0], lists[1], { includeSame: options.includeSame, knownContent });
  return { ...diff, bucket, left: sides[0], right: sides[1] };
}

/**
 * The address of a side, for messages: `s3://bucket/folder/ @ 9adfc26d4d85` or `… (latest)`.
 * @param bucket - the bucket.
 * @param side - the side.
 * @returns the text.
 */
export function describeSide(bucket: string, side: DiffSide): string {
  const where = side.folder === null ? `s3://${bucket}` : formatS3Uri({ bucket, key: side.folder });
  return side.ref === 'latest' ? `${where} (latest)` : `${where} @ ${side.ref.slice(0, 12)}`;
}
