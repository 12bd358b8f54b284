/**
 * When snapshots of a package were taken, for words such as "the tag now names an OLDER
 * snapshot": a followed tag can be moved anywhere, so "differs from the pin" is not "newer".
 */
import type { S3Client } from '@aws-sdk/client-s3';
import { listSnapshots } from '../snapshots/registry-list';

/** Which package's snapshots, where. */
export interface SnapshotDatesOptions {
  bucket: string;
  /** The snapshotted folder (`''` or ending in `/`). */
  folder: string;
  /** The package, `namespace/name`. */
  package: string;
  signal?: AbortSignal;
}

/**
 * When each of some snapshots of a package was taken (its newest pointer's time, if it has
 * several). A hash with no pointer of that package is left out.
 * @param s3 - the client.
 * @param options - bucket, folder and package.
 * @param topHashes - the snapshots (full top hashes).
 * @returns the dates by top hash.
 */
export async function snapshotDates(s3: S3Client, options: SnapshotDatesOptions, topHashes: readonly string[]): Promise<Map<string, Date>> {
  const wanted = new Set(topHashes);
  const dates = new Map<string, Date>();
  const listed = await listSnapshots(s3, { bucket: options.bucket, folder: options.folder, signal: options.signal });
  for (const info of listed) {
    if (info.name !== options.package || !wanted.has(info.topHash)) {
      continue;
    }
    const known = dates.get(info.topHash);
    if (!known || info.timestamp > known) {
      dates.set(info.topHash, info.timestamp);
    }
  }
  return dates;
}
