/**
 * The tags of the snapshots a folder lists: one `listTags` per package shown (not per row), read
 * with the listing and refreshed with it, and looked up by snapshot. The snapshots model keeps one
 * {@link SnapshotTagIndex} per listing; its requests are in {@link SnapshotRequests}.
 */
import type { SnapshotInfo } from '../service/snapshots/types';
import type { TagRecord } from '../service/pins/tags';
import { mapWithConcurrency } from '../service/concurrency';
import type { IBucketRef, SnapshotRequests } from './snapshot-requests';

/** What a tag is on a snapshot row: its name and where it has been (oldest first). */
export type SnapshotTag = TagRecord;

/** The tags of the packages a listing shows, by package and top hash. */
export class SnapshotTagIndex {
  /**
   * @param byPackage - every tag of each package, by `bucket` + package name.
   * @param error - what went wrong reading some of them, for a person (the listing still shows).
   */
  constructor(
    private readonly _byPackage: ReadonlyMap<string, readonly TagRecord[]> = new Map(),
    readonly error: string | null = null
  ) {}

  /**
   * The tags that name a snapshot now.
   * @param snapshot - a listed snapshot (its bucket, package and top hash).
   * @returns its tags, sorted by name.
   */
  of(snapshot: Pick<SnapshotInfo, 'bucket' | 'name' | 'topHash'>): readonly TagRecord[] {
    const tags = this._byPackage.get(packageKey(snapshot.bucket, snapshot.name)) ?? [];
    return tags.filter(t => t.top_hash === snapshot.topHash);
  }

  /**
   * A tag of a package, wherever it points.
   * @param snapshot - a snapshot of the package (its bucket and name).
   * @param tag - the tag's name.
   * @returns the tag, or undefined when the package has none by that name (as last read).
   */
  find(snapshot: Pick<SnapshotInfo, 'bucket' | 'name'>, tag: string): TagRecord | undefined {
    return this._byPackage.get(packageKey(snapshot.bucket, snapshot.name))?.find(t => t.tag === tag);
  }
}

function packageKey(bucket: string, pkg: string): string {
  return `${bucket}\n${pkg}`;
}

/**
 * Read the tags of every package a listing shows (one `listTags` each, a few at a time).
 * @param requests - the snapshot requests.
 * @param ref - the connection (and bucket) listed.
 * @param snapshots - the listing.
 * @param signal - cancels the reads.
 * @returns the index; a package whose tags cannot be read has none, and the index says why.
 */
export async function readSnapshotTags(
  requests: SnapshotRequests,
  ref: IBucketRef,
  snapshots: readonly SnapshotInfo[],
  signal?: AbortSignal
): Promise<SnapshotTagIndex> {
  const packages = new Map<string, { bucket: string; name: string }>();
  for (const s of snapshots) {
    packages.set(packageKey(s.bucket, s.name), { bucket: s.bucket, name: s.name });
  }
  const byPackage = new Map<string, TagRecord[]>();
  let error: string | null = null;
  await mapWithConcurrency([...packages], 4, async ([key, p]) => {
    try {
      byPackage.set(key, await requests.listTags({ connection: ref.connection, bucket: p.bucket }, p.name, signal));
    } catch (err) {
      // Tags are a label on the listing: a package whose tags cannot be read still lists.
      error ??= (err as Error).message;
    }
  });
  return new SnapshotTagIndex(byPackage, error);
}
