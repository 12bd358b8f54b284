/**
 * A snapshot's first step: the package's previous snapshot and the folder's current objects.
 *
 * The folder is listed without versions (ListObjectsV2; each object's version then comes from the
 * previous snapshot's stamps or from the HEAD that reads its checksum: resnapshot.ts) when the
 * previous snapshot has stamps or there is none; with versions (ListObjectVersions) when a
 * previous snapshot without stamps (older, or quilt3's) can spare unchanged objects their HEAD by
 * version id, and when versions "null" must be refused before hashing (versioning unreadable).
 *
 * Most snapshots list without versions, so that listing starts at once, alongside the read of the
 * previous snapshot, and is dropped (aborted) in the rare case where versions must be listed.
 */
import type { S3Client } from '@aws-sdk/client-s3';
import { deriveSignal } from '../derived-signal';
import { PreviousSnapshot, readPreviousSnapshot } from './previous-snapshot';
import { CurrentObject, listCurrentObjects, listFolderObjects, ListedObject } from './snapshot-objects';

/** What {@link listForSnapshot} found. */
export interface SnapshotListing {
  previous: PreviousSnapshot;
  /** The objects under the folder: with versions ({@link CurrentObject}) or without. */
  listed: (CurrentObject | ListedObject)[];
  /** Whether they were listed without versions. */
  withoutVersions: boolean;
}

/**
 * A page callback that adds up the objects and bytes listed so far, while `active()`.
 * @param onProgress - told the objects and bytes listed so far.
 * @param active - whether this listing still counts.
 * @returns the callback.
 */
function pageCounter(
  onProgress: (objects: number, bytes: number) => void,
  active: () => boolean = () => true
): (listed: readonly { size: number }[]) => void {
  let counted = 0;
  let bytes = 0;
  return listed => {
    if (!active()) {
      return;
    }
    for (; counted < listed.length; counted++) {
      bytes += listed[counted].size;
    }
    onProgress(listed.length, bytes);
  };
}

/**
 * Read the previous snapshot and list the folder (see the module comment).
 * @param s3 - the client.
 * @param options - bucket, folder, package name, whether versions must be listed
 *   (`versionsNeeded`), signal, and `onProgress` told the objects and bytes listed so far.
 * @returns the previous snapshot, the objects, and whether they were listed without versions.
 * @throws HeliumError `NotFound` (bucket), `AccessDenied`, `Cancelled`, `Network`…
 */
export async function listForSnapshot(
  s3: S3Client,
  options: {
    bucket: string;
    folder: string;
    name: string;
    versionsNeeded: boolean;
    signal?: AbortSignal;
    onProgress: (objects: number, bytes: number) => void;
  }
): Promise<SnapshotListing> {
  const { bucket, folder, signal } = options;
  const early = deriveSignal(signal);
  let dropped = false;
  try {
    const withoutVersions = options.versionsNeeded
      ? undefined
      : listFolderObjects(s3, { bucket, folder, signal: early.signal, onPage: pageCounter(options.onProgress, () => !dropped) });
    withoutVersions?.catch(() => undefined);
    const previous = await readPreviousSnapshot(s3, bucket, options.name, signal);
    if (withoutVersions && (previous.stamps !== undefined || previous.entries.size === 0)) {
      return { previous, listed: await withoutVersions, withoutVersions: true };
    }
    dropped = true;
    early.abort();
    const listed = await listCurrentObjects(s3, { bucket, folder, signal, onPage: pageCounter(options.onProgress) });
    return { previous, listed, withoutVersions: false };
  } finally {
    // Stops the listing without versions when anything failed (done already otherwise).
    early.abort();
    early.release();
  }
}
