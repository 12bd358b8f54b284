/**
 * A pin's status against S3 (a file pin's: file-status.ts). A folder pin's: the pinned snapshot
 * compared with the live folder by content hash
 * (`diffSnapshots`, right side `latest`), the pinned versions that are gone for good, and what
 * the followed reference (the package's `latest`, or a tag) names now.
 *
 * Cost: one listing of the live folder (HEADs only for versions written since the snapshot), and
 * one HEAD per pinned version that is no longer the current one (a current version is present by
 * definition), so an in-sync pin costs no HEAD at all.
 */
import type { S3Client } from '@aws-sdk/client-s3';
import { mapWithConcurrency } from '../concurrency';
import { isHeliumError } from '../error-class';
import { headCurrent, headObjectOutput } from '../objects-read';
import { isPinned, requirePhysicalKey } from '../snapshots/as-of-physical';
import { diffSnapshots, SnapshotComparison } from '../snapshots/compare';
import { manifestKey, readLatest } from '../snapshots/registry';
import { changedCount } from '../snapshots/statuses';
import { readTag } from './tags';
import { filePinStatus } from './file-status';
import type { FolderPin, FollowedNow, MissingObject, Pin, PinFollows, PinStatus } from './types';

/** Options of {@link pinStatus}. */
export interface PinStatusOptions {
  /** HEADs in flight at once (default 8). */
  concurrency?: number;
  signal?: AbortSignal;
}

/**
 * What a pin follows, in words.
 * @param follows - the reference.
 * @returns `latest` or `tag q3-release`.
 */
export function describeFollows(follows: PinFollows): string {
  return follows === 'latest' ? 'latest' : `tag ${follows.tag}`;
}

/**
 * The lock a pin's followed reference names now: a folder pin's top hash, a file pin's current
 * version id.
 * @param s3 - the client.
 * @param pin - the pin.
 * @param signal - cancels the read.
 * @returns the lock, or null when the package has no `latest`, no such tag, or the file was deleted.
 * @throws HeliumError `AccessDenied`, `Network`, `InvalidInput` (a damaged tag)…
 */
export async function resolveFollowed(s3: S3Client, pin: Pin, signal?: AbortSignal): Promise<string | null> {
  if (pin.kind === 'file') {
    return (await headCurrent(s3, { bucket: pin.bucket, key: pin.key, signal }))?.versionId ?? null;
  }
  if (pin.follows === 'latest') {
    return (await readLatest(s3, pin.bucket, pin.package, signal)) ?? null;
  }
  return (await readTag(s3, pin.bucket, pin.package, pin.follows.tag, signal))?.top_hash ?? null;
}

/**
 * The followed reference, never throwing (its error goes in the result).
 * @param s3 - the client.
 * @param pin - the pin.
 * @param signal - cancels the read.
 * @returns what it names now.
 */
async function followedNow(s3: S3Client, pin: FolderPin, signal?: AbortSignal): Promise<FollowedNow> {
  try {
    const topHash = await resolveFollowed(s3, pin, signal);
    return { follows: pin.follows, topHash, newer: topHash !== null && topHash !== pin.top_hash };
  } catch (err) {
    if (isHeliumError(err, 'Cancelled')) {
      throw err;
    }
    return { follows: pin.follows, topHash: null, newer: false, error: err instanceof Error ? err.message : String(err) };
  }
}

/**
 * The pinned versions that no longer exist: of the pinned entries that are not the live folder's
 * current versions (changed, deleted or replaced files), those whose HEAD says NotFound.
 * @param s3 - the client.
 * @param diff - the comparison pinned → live.
 * @param options - concurrency, signal.
 * @returns the missing objects, sorted by logical key.
 */
async function missingVersions(s3: S3Client, diff: SnapshotComparison, options: PinStatusOptions): Promise<MissingObject[]> {
  const candidates = diff.changes.filter(c => c.left && c.status !== 'same' && c.left.physical_keys[0]);
  const found = await mapWithConcurrency(candidates, Math.max(1, options.concurrency ?? 8), async change => {
    const physicalKey = change.left?.physical_keys[0] as string;
    const location = requirePhysicalKey(physicalKey);
    if (!isPinned(location)) {
      return undefined; // an unpinned key names whatever is there now: nothing can be "gone"
    }
    try {
      await headObjectOutput(s3, location, { signal: options.signal });
      return undefined;
    } catch (err) {
      if (isHeliumError(err, 'NotFound')) {
        return { logicalKey: change.logicalKey, physicalKey };
      }
      throw err;
    }
  });
  return found.filter((m): m is MissingObject => m !== undefined);
}

/**
 * The status of one pin (see the module comment). Never throws for S3 errors: a pin whose
 * bucket cannot be read, or whose snapshot does not exist, gets state `error` with the message.
 * @param s3 - the client.
 * @param pin - the pin.
 * @param options - concurrency, signal.
 * @returns the status.
 * @throws HeliumError `Cancelled` only.
 */
export async function pinStatus(s3: S3Client, pin: Pin, options: PinStatusOptions = {}): Promise<PinStatus> {
  if (pin.kind === 'file') {
    return filePinStatus(s3, pin, options.signal);
  }
  const { signal } = options;
  const followedPromise = followedNow(s3, pin, signal);
  // Handled here too: when the diff fails first (cancelled), nobody awaits it.
  followedPromise.catch(() => undefined);
  try {
    const diff = await diffSnapshots(s3, { bucket: pin.bucket, folder: pin.folder, left: pin.top_hash, right: 'latest', signal });
    const counts = diff.folders.get('');
    // By content: a file rewritten with the same bytes (a restore copies the pinned version back
    // as a new version) is in sync with the pin; its count stays in `counts` for the record.
    const changed = counts ? changedCount(counts) - counts['same-content-new-version'] : 0;
    const missing = await missingVersions(s3, diff, options);
    const status: PinStatus = { name: pin.name, state: missing.length > 0 ? 'missing' : changed > 0 ? 'changed' : 'in-sync', changed };
    if (counts) {
      status.counts = counts;
    }
    if (missing.length > 0) {
      status.missing = missing;
    }
    status.followed = await followedPromise;
    return status;
  } catch (err) {
    if (isHeliumError(err, 'Cancelled') || !(err instanceof Error)) {
      throw err;
    }
    const he = isHeliumError(err) ? err : undefined;
    // The manifest's key not found (not the bucket): the pinned snapshot does not exist there.
    const notFound = he?.kind === 'NotFound' && he.code !== 'NoSuchBucket' && he.message.includes(manifestKey(pin.top_hash));
    const message = notFound
      ? `The pinned snapshot ${pin.top_hash} of ${pin.package} does not exist in s3://${pin.bucket} (deleted, or the pin was copied from another bucket).`
      : `${pin.uri}: ${err.message}`;
    return {
      name: pin.name,
      state: 'error',
      error: { kind: he?.kind ?? 'Unknown', ...(he?.code ? { code: he.code } : {}), message },
      followed: await followedPromise
    };
  }
}

/**
 * The statuses of several pins, a few at a time.
 * @param s3 - the client.
 * @param pins - the pins.
 * @param options - concurrency (of HEADs within a pin), signal.
 * @returns one status per pin, in order.
 */
export function pinStatuses(s3: S3Client, pins: readonly Pin[], options: PinStatusOptions = {}): Promise<PinStatus[]> {
  return mapWithConcurrency([...pins], 2, pin => pinStatus(s3, pin, options));
}
