/**
 * The hashing phase of a snapshot (snapshot.ts, step 2): an entry for each listed object, from
 * the cheapest source that is certainly right.
 *
 * - reused: the previous snapshot pins the same version (listed with versions: same key and
 *   version id; listed without: its version stamp matches, see resnapshot.ts) — no request;
 * - from S3's checksum: one HEAD (of the version, or of the current object when its version is
 *   not known yet, which also tells the version) — no download;
 * - downloaded through the chunked hash (snapshot-hash.ts) when S3 has no usable checksum.
 *
 * An object deleted between the listing and its HEAD is not held. The first failure stops the
 * other requests, except an archived object's (Glacier, with no checksum to take the hash from):
 * the others go on, so that the one error names every object to restore.
 */
import type { HeadObjectCommandOutput, S3Client } from '@aws-sdk/client-s3';
import { mapWithConcurrency } from '../concurrency';
import { deriveSignal } from '../derived-signal';
import { HeliumError, isHeliumError } from '../error-class';
import { formatS3Uri } from '../uri';
import type { PreviousSnapshot } from './previous-snapshot';
import { headCurrentVersion, matchStamp } from './resnapshot';
import { entryOf, reusableEntry } from './reuse';
import { hashFromHead, hashVersion } from './snapshot-hash';
import type { CurrentObject, ListedObject } from './snapshot-objects';
import type { SnapshotProgress } from './snapshot';
import type { ManifestEntry } from './types';

/** What {@link hashSnapshotObjects} works on. */
export interface HashingInput {
  bucket: string;
  /** The folder, normalized (`''` or ending in `/`). */
  folder: string;
  /** The objects the snapshot holds, in their order: with versions or without. */
  objects: readonly (CurrentObject | ListedObject)[];
  /** The package's previous snapshot: its entries by version and its stamps. */
  previous: PreviousSnapshot;
  /** HEADs and downloads in flight at once (default 8). */
  concurrency?: number;
  signal?: AbortSignal;
  /** The snapshot's progress reporter (`force` for a phase change). */
  report: (progress: SnapshotProgress, force?: boolean) => void;
}

/** How the entries were obtained. */
export interface HashingCounts {
  reused: number;
  checksum: number;
  streamed: number;
  /** Bytes downloaded to hash. */
  hashedBytes: number;
  /** HEADs of current objects that found their version (listed without versions). */
  lookups: number;
}

/** The entries of the objects still there, the versions they pin (same order), and the counts. */
export interface HashedObjects {
  entries: ManifestEntry[];
  versions: CurrentObject[];
  counts: HashingCounts;
}

/**
 * Whether a listed object's version is known (listed with versions).
 * @param object - the object.
 * @returns true for a {@link CurrentObject}.
 */
export function isVersioned(object: CurrentObject | ListedObject): object is CurrentObject {
  return 'versionId' in object;
}

/**
 * An entry for each object (see the module comment).
 * @param s3 - the client.
 * @param input - the objects, the previous snapshot, concurrency, signal and progress.
 * @returns the entries and versions of the objects still there, and how they were obtained.
 * @throws what the first failing HEAD or download threw (a `Cancelled` when the signal aborts).
 */
export async function hashSnapshotObjects(s3: S3Client, input: HashingInput): Promise<HashedObjects> {
  const { bucket, folder, objects, previous, report } = input;
  const totalObjects = objects.length;
  const totalBytes = objects.reduce((sum, o) => sum + o.size, 0);
  const progress: SnapshotProgress = { phase: 'hashing', objects: 0, totalObjects, bytes: 0, totalBytes };
  const counts: HashingCounts = { reused: 0, checksum: 0, streamed: 0, hashedBytes: 0, lookups: 0 };
  // `entries[i]` and `versions[i]`: object i's entry and the version it pins, once known.
  const entries: (ManifestEntry | undefined)[] = new Array(objects.length);
  const versions: (CurrentObject | undefined)[] = new Array(objects.length);

  const reuse = (i: number, object: CurrentObject, entry: ManifestEntry): void => {
    entries[i] = entryOf(bucket, folder, object, entry.hash.value, entry.meta);
    versions[i] = object;
    counts.reused += 1;
    progress.objects += 1;
    progress.bytes += objects[i].size;
  };

  const toHash: number[] = [];
  objects.forEach((object, i) => {
    const known = isVersioned(object)
      ? knownEntry(object, reusableEntry(previous.entries, bucket, object))
      : previous.stamps && matchStamp(object, bucket, previous.stamps, previous.entries);
    if (known) {
      reuse(i, known.object, known.entry);
    } else {
      toHash.push(i);
    }
  });
  report(progress, true);

  const stop = deriveSignal(input.signal);
  const archived: string[] = [];
  const hashOne = async (i: number): Promise<void> => {
    let object: CurrentObject;
    let head: HeadObjectCommandOutput | undefined;
    const listedObject = objects[i];
    if (isVersioned(listedObject)) {
      object = listedObject;
    } else {
      counts.lookups += 1;
      const found = await headCurrentVersion(s3, bucket, listedObject, stop.signal);
      if (!found) {
        // Deleted since the listing: the snapshot does not hold it.
        progress.objects += 1;
        progress.bytes += listedObject.size;
        report(progress);
        return;
      }
      ({ object, head } = found);
      const known = reusableEntry(previous.entries, bucket, object);
      if (known) {
        reuse(i, object, known);
        report(progress);
        return;
      }
    }
    let streamed = 0;
    const ref = { bucket, key: object.key, versionId: object.versionId, size: object.size };
    const hashOptions = {
      signal: stop.signal,
      onBytes: (n: number) => {
        streamed += n;
        progress.bytes += n;
        report(progress);
      }
    };
    const result = head ? await hashFromHead(s3, ref, head, hashOptions) : await hashVersion(s3, ref, hashOptions);
    entries[i] = entryOf(bucket, folder, object, result.hash, result.meta);
    versions[i] = object;
    counts[result.source === 'checksum' ? 'checksum' : 'streamed'] += 1;
    counts.hashedBytes += result.hashedBytes;
    progress.objects += 1;
    progress.bytes += listedObject.size - streamed;
    report(progress);
  };

  try {
    await mapWithConcurrency(toHash, Math.max(1, input.concurrency ?? 8), async i => {
      try {
        await hashOne(i);
      } catch (err) {
        if (isHeliumError(err, 'Archived')) {
          archived.push(objects[i].key);
          return;
        }
        stop.abort(err); // the first failure stops the other requests too
        throw err;
      }
    });
  } finally {
    stop.release();
  }
  if (archived.length > 0) {
    throw archivedError(bucket, archived);
  }
  return {
    entries: entries.filter((e): e is ManifestEntry => e !== undefined),
    versions: versions.filter((v): v is CurrentObject => v !== undefined),
    counts
  };
}

/**
 * The error of a snapshot that met archived objects it could not hash.
 * @param bucket - the bucket.
 * @param keys - their keys.
 * @returns a HeliumError `Archived` naming the first few.
 */
function archivedError(bucket: string, keys: string[]): HeliumError {
  const n = keys.length;
  const shown = [...keys]
    .sort()
    .slice(0, 5)
    .map(key => formatS3Uri({ bucket, key }));
  const more = n > shown.length ? ` and ${(n - shown.length).toLocaleString('en-US')} more` : '';
  return new HeliumError(
    'Archived',
    `${n.toLocaleString('en-US')} object${n === 1 ? ' is' : 's are'} archived (S3 Glacier or Deep Archive) and S3 keeps no SHA-256 checksum of ${n === 1 ? 'it' : 'them'}, so the snapshot cannot read ${n === 1 ? 'its' : 'their'} hash: ${shown.join(', ')}${more}. Ask for restored copies first (Restore from Archive… in the S3 panel, or helium unarchive), then snapshot again once they are done. No snapshot was written.`,
    { code: 'InvalidObjectState' }
  );
}

/**
 * A version with its reusable entry, if it has one.
 * @param object - the version.
 * @param entry - its entry in the previous snapshot, if any.
 * @returns both, or undefined.
 */
function knownEntry(object: CurrentObject, entry: ManifestEntry | undefined): { object: CurrentObject; entry: ManifestEntry } | undefined {
  return entry ? { object, entry } : undefined;
}
