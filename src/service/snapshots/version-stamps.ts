/**
 * Version stamps: what S3 listed for each version a snapshot pins (its ETag and last-modified
 * time), kept next to the manifest at `.quilt/helium/stamps/<top hash>`, so that the next snapshot
 * of the folder can tell from a plain listing (ListObjectsV2: key, size, ETag, last-modified, no
 * version ids) which objects are still the versions it pinned (see `resnapshot.ts`).
 *
 * Why a file of its own and not the entries' `meta`: entry metadata is the files' metadata (T4's
 * `{"target", "user_meta"}`) — it is hashed into the top hash, shown by the catalog and compared by
 * every diff (ours and quilt3's), so bookkeeping there would turn every entry of an older snapshot
 * "metadata-changed" and a file re-written with the same bytes "metadata-changed" rather than
 * "same-content-new-version". The manifest stays exactly what it was; quilt3 never reads this.
 *
 * A stamp only names a version: its hash and size still come from the manifest's entry for that
 * version, so a damaged or forged stamps file can at worst make an object look unchanged when
 * its listing matches a stamp, never give an entry a hash its version does not have. Versions
 * "null" are not stamped (a write replaces them in place). A missing or unreadable file means
 * the next snapshot lists versions as before.
 *
 * Only settled versions are stamped: written at least {@link STAMP_SETTLE_MS} before the snapshot
 * began, by the S3 server's clock. S3 keeps last-modified to the second, so the same bytes
 * written again within the second a snapshot saw a version — with other metadata, say — would list
 * exactly like it; a version from an earlier second than the snapshot's start cannot be confused
 * with one written after the snapshot saw it. Versions written just before or during the snapshot
 * get a HEAD next time instead.
 *
 * Format: JSON lines; the first `{"helium_stamps": 1}`, then one `[key, versionId, etag,
 * lastModifiedMs]` per version (keys JSON-escaped, so any key S3 holds fits on one line).
 */
import type { S3Client } from '@aws-sdk/client-s3';
import { isHeliumError } from '../error-class';
import { getObjectText } from '../objects-read';
import { putObject } from '../objects-write';
import { QUILT_PREFIX } from './names';
import { isImmutableVersionId } from './reuse';

/** What a listing said of one pinned version. */
export interface VersionStamp {
  versionId: string;
  /** The ETag without quotes. */
  etag: string;
  /** Last-modified, in milliseconds. */
  lastModified: number;
}

/** Stamps by object key. */
export type VersionStamps = Map<string, VersionStamp>;

/** A version to stamp. */
export interface StampedObject {
  key: string;
  versionId: string;
  etag?: string;
  lastModified: Date;
}

const FORMAT_LINE = '{"helium_stamps": 1}';

/**
 * How much older than the snapshot's start (server time) a version must be to be stamped: one
 * second of S3's last-modified resolution, plus room for S3's servers' clocks to differ.
 */
export const STAMP_SETTLE_MS = 5000;

/**
 * Where a snapshot's stamps are kept.
 * @param topHash - the snapshot's top hash.
 * @returns `.quilt/helium/stamps/<top hash>`.
 */
export function stampsKey(topHash: string): string {
  return `${QUILT_PREFIX}helium/stamps/${topHash}`;
}

/**
 * The stamps file of some versions (those without an ETag, of version "null", or not settled
 * before `startedAt` left out).
 * @param objects - the pinned versions.
 * @param startedAt - when the snapshot began, by the S3 server's clock (ms).
 * @returns the text.
 */
export function stampsText(objects: readonly StampedObject[], startedAt: number): string {
  const lines = [FORMAT_LINE];
  const settledBefore = startedAt - STAMP_SETTLE_MS;
  for (const o of objects) {
    if (o.etag && isImmutableVersionId(o.versionId) && o.lastModified.getTime() <= settledBefore) {
      lines.push(JSON.stringify([o.key, o.versionId, o.etag, o.lastModified.getTime()]));
    }
  }
  return lines.join('\n') + '\n';
}

/**
 * Read a stamps file.
 * @param text - its text.
 * @returns the stamps by key, or undefined when it is not a stamps file (then nothing is trusted).
 */
export function parseStamps(text: string): VersionStamps | undefined {
  const lines = text.split('\n');
  if (lines[0] !== FORMAT_LINE) {
    return undefined;
  }
  const stamps: VersionStamps = new Map();
  for (const line of lines.slice(1)) {
    if (line === '') {
      continue;
    }
    let row: unknown;
    try {
      row = JSON.parse(line);
    } catch {
      return undefined;
    }
    if (!Array.isArray(row) || row.length !== 4) {
      return undefined;
    }
    const [key, versionId, etag, lastModified] = row as unknown[];
    if (typeof key !== 'string' || typeof versionId !== 'string' || typeof etag !== 'string' || typeof lastModified !== 'number') {
      return undefined;
    }
    stamps.set(key, { versionId, etag, lastModified });
  }
  return stamps;
}

/**
 * Read a snapshot's stamps.
 * @param s3 - the client.
 * @param bucket - the bucket.
 * @param topHash - the snapshot.
 * @param signal - cancels the read.
 * @returns the stamps, or undefined when there are none usable (older snapshots, quilt3's).
 * @throws HeliumError `Cancelled` only: any other failure means there are no stamps to use.
 */
export async function readStamps(s3: S3Client, bucket: string, topHash: string, signal?: AbortSignal): Promise<VersionStamps | undefined> {
  try {
    const { text } = await getObjectText(s3, { bucket, key: stampsKey(topHash), signal });
    return parseStamps(text);
  } catch (err) {
    if (isHeliumError(err, 'Cancelled')) {
      throw err;
    }
    return undefined;
  }
}

/**
 * Write a snapshot's stamps, unless they exist (a snapshot's top hash pins its versions, and a
 * version's ETag and time never change, so existing stamps say the same). Best effort: without
 * them the next snapshot only lists versions as before.
 * @param s3 - the client.
 * @param bucket - the bucket.
 * @param topHash - the snapshot.
 * @param objects - the versions it pins, with what S3 listed for them.
 * @param startedAt - when the snapshot began (before it listed anything), by the S3 server's clock.
 * @param signal - cancels the write.
 * @returns whether they were written (false when they existed or the write failed).
 */
export async function writeStamps(
  s3: S3Client,
  bucket: string,
  topHash: string,
  objects: readonly StampedObject[],
  startedAt: number,
  signal?: AbortSignal
): Promise<boolean> {
  try {
    await putObject(s3, { bucket, key: stampsKey(topHash), body: stampsText(objects, startedAt), ifNoneMatch: '*', signal });
    return true;
  } catch {
    return false;
  }
}
