/**
 * What a new snapshot takes from the package's previous one (`latest`): its entries by the
 * version they pin (a version's hash never changes: see `reuse.ts`), and its version stamps when
 * it has them (see `version-stamps.ts`), which spare the new snapshot a listing of versions.
 */
import type { S3Client } from '@aws-sdk/client-s3';
import { isHeliumError } from '../error-class';
import { readLatest, readSnapshot } from './registry';
import { EntriesByVersion, indexByVersion } from './reuse';
import type { Manifest } from './types';
import { readStamps, VersionStamps } from './version-stamps';

/** The previous snapshot, as far as a new one can use it. */
export interface PreviousSnapshot {
  /** Its entries by pinned version (empty without a usable previous snapshot). */
  entries: EntriesByVersion;
  /** What S3 listed for its versions, when recorded. */
  stamps?: VersionStamps;
}

/**
 * Read the package's latest snapshot for reuse.
 * @param s3 - the client.
 * @param bucket - the bucket.
 * @param name - the package.
 * @param signal - cancels the reads.
 * @returns its entries and stamps (nothing when there is no usable previous snapshot).
 * @throws HeliumError `Cancelled`, `AccessDenied`, `Network`… (a missing or damaged previous
 *   snapshot only means nothing is reused).
 */
export async function readPreviousSnapshot(s3: S3Client, bucket: string, name: string, signal?: AbortSignal): Promise<PreviousSnapshot> {
  let previous: Manifest | undefined;
  let stamps: VersionStamps | undefined;
  try {
    const hash = await readLatest(s3, bucket, name, signal);
    if (hash) {
      [previous, stamps] = await Promise.all([readSnapshot(s3, bucket, hash, signal), readStamps(s3, bucket, hash, signal)]);
    }
  } catch (err) {
    if (isHeliumError(err, 'Cancelled') || !(isHeliumError(err, 'NotFound') || isHeliumError(err, 'InvalidInput'))) {
      throw err;
    }
  }
  const result: PreviousSnapshot = { entries: indexByVersion(previous?.entries) };
  if (previous && stamps) {
    result.stamps = stamps;
  }
  return result;
}
