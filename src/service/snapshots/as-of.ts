/**
 * Reading "as of" a snapshot: the exact object version a snapshot pinned for a file. The
 * existing readers (`getValue`, `downloadObject`, `getObjectBytes`, the s3-version: drive) all
 * take a version id, so reading as of a snapshot is: pin, then read that version.
 *
 * Entries that are NOT pinned (no `versionId`, as quilt3 writes when it pushes to a bucket that
 * does not keep versions, or version "null", which a write replaces in place while versioning is
 * suspended) name whatever is there now. Their content is checked against the entry's hash
 * before it is used: from S3's checksum when it gives the hash ({@link checkUnpinned}), else by
 * hashing the bytes as they are read ({@link verifyUnpinnedBytes}, {@link verifyingSink},
 * {@link verifyUnpinned}); a mismatch is refused with `Conflict` (code `UnpinnedContentChanged`).
 */
import type { S3Client } from '@aws-sdk/client-s3';
import { HeliumError } from '../error-class';
import { formatS3Uri } from '../uri';
import { isPinned, requirePhysicalKey, PhysicalLocation } from './as-of-physical';
import { readSnapshot, resolveTopHash } from './registry';
import { headerFolder, inferFolder } from './registry-list';
import type { JsonValue, Manifest, ManifestEntry, QuiltHash } from './types';

export { checkUnpinned, unpinnedContentChanged, verifyingSink, verifyUnpinned, verifyUnpinnedBytes } from './as-of-unpinned';
export type { UnpinnedCheckOptions } from './as-of-unpinned';

/** One file of a snapshot, pinned: where its bytes are and what they hash to. */
export interface PinnedObject extends PhysicalLocation {
  /** The file's path inside the snapshot. */
  logicalKey: string;
  size: number;
  hash: QuiltHash;
  /** The entry's metadata (helium's `{target, user_meta}`). */
  meta: JsonValue;
  /**
   * Whether the physical key names a version that cannot change. When false (no version id, or
   * "null"), the object there must be checked against `hash` before its content is used as the
   * snapshot's (see the module comment).
   */
  pinned: boolean;
}

/**
 * Pin one entry: parse its physical key.
 * @param entry - a manifest entry.
 * @returns bucket, key, version id, size, hash and metadata.
 * @throws HeliumError `InvalidInput` (code `InvalidPhysicalKey`) when it has no S3 physical key.
 */
export function pinEntry(entry: ManifestEntry): PinnedObject {
  const location = requirePhysicalKey(entry.physical_keys?.[0] ?? '');
  return {
    ...location,
    logicalKey: entry.logical_key,
    size: entry.size,
    hash: entry.hash,
    meta: entry.meta ?? {},
    pinned: isPinned(location)
  };
}

/**
 * The folder a snapshot was taken of: the one its header records (`helium.folder`, which helium
 * writes), else read off its entries (the prefix that, followed by each logical key, gives its
 * physical key in `bucket`; quilt3's own packages give the folder quilt3 pushed them to).
 * @param manifest - the snapshot.
 * @param bucket - the snapshot's bucket.
 * @returns the folder (`''` for the bucket's root, else ending in `/`), or null when it cannot be
 *   told (no record, and no entries or files from several places).
 */
export function snapshotFolder(manifest: Pick<Manifest, 'header' | 'entries'>, bucket: string): string | null {
  return headerFolder(manifest.header) ?? inferFolder(bucket, manifest.entries);
}

/**
 * Find one file of a snapshot by its logical key.
 * @param manifest - the snapshot.
 * @param logicalKey - the file's path inside the snapshot.
 * @returns the pinned file, or undefined when the snapshot has no such file.
 */
export function findPinned(manifest: Pick<Manifest, 'entries'>, logicalKey: string): PinnedObject | undefined {
  const entry = manifest.entries.find(e => e.logical_key === logicalKey);
  return entry ? pinEntry(entry) : undefined;
}

/**
 * The files of a snapshot under a logical prefix (`''` for all), pinned, sorted by logical key.
 * @param manifest - the snapshot.
 * @param prefix - a logical prefix ending in `/`, or `''`.
 * @returns the pinned files.
 */
export function pinnedUnder(manifest: Pick<Manifest, 'entries'>, prefix: string): PinnedObject[] {
  return manifest.entries
    .filter(e => e.logical_key.startsWith(prefix))
    .map(pinEntry)
    .sort((a, b) => (a.logicalKey < b.logicalKey ? -1 : a.logicalKey > b.logicalKey ? 1 : 0));
}

/** A file of a snapshot whose bytes are not in S3 (e.g. a `file://` key), so it cannot be read from here. */
export interface UnreadableEntry {
  /** The file's path inside the snapshot. */
  logicalKey: string;
  /** Where the manifest says its bytes are. */
  physicalKey: string;
  /** Why it cannot be read (a sentence naming the physical key). */
  problem: string;
}

/**
 * The files of a snapshot under a logical prefix, as {@link pinnedUnder} gives them, with the
 * ones whose bytes are not in S3 set aside instead of refusing them all.
 * @param manifest - the snapshot.
 * @param prefix - a logical prefix ending in `/`, or `''`.
 * @returns the pinned files and the unreadable ones, each sorted by logical key.
 */
export function entriesUnder(
  manifest: Pick<Manifest, 'entries'>,
  prefix: string
): { pinned: PinnedObject[]; unreadable: UnreadableEntry[] } {
  const pinned: PinnedObject[] = [];
  const unreadable: UnreadableEntry[] = [];
  const byKey = (a: { logicalKey: string }, b: { logicalKey: string }) =>
    a.logicalKey < b.logicalKey ? -1 : a.logicalKey > b.logicalKey ? 1 : 0;
  for (const entry of manifest.entries) {
    if (!entry.logical_key.startsWith(prefix)) {
      continue;
    }
    try {
      pinned.push(pinEntry(entry));
    } catch (err) {
      if (!(err instanceof HeliumError) || err.code !== 'InvalidPhysicalKey') {
        throw err;
      }
      unreadable.push({ logicalKey: entry.logical_key, physicalKey: entry.physical_keys?.[0] ?? '', problem: err.message });
    }
  }
  return { pinned: pinned.sort(byKey), unreadable: unreadable.sort(byKey) };
}

/** Options of {@link entryAsOf}. */
export interface EntryAsOfOptions {
  bucket: string;
  /** The snapshot: a full top hash, or a unique prefix of one (≥ 6 hex characters). */
  topHash: string;
  /** The file's path inside the snapshot (relative to the snapshotted folder). */
  logicalKey: string;
  signal?: AbortSignal;
}

/**
 * A snapshot's manifest, from a full or short top hash.
 * @param s3 - the client.
 * @param bucket - the bucket.
 * @param topHash - a full top hash or a unique prefix.
 * @param signal - cancels the reads.
 * @returns the manifest (shared and cached: do not change it).
 * @throws HeliumError `NotFound` (no manifest), `InvalidInput` (code `SnapshotNotFound`,
 *   `AmbiguousTopHash`, `InvalidTopHash`, `InvalidManifest`…)…
 */
export async function readSnapshotByRef(s3: S3Client, bucket: string, topHash: string, signal?: AbortSignal): Promise<Manifest> {
  return readSnapshot(s3, bucket, await resolveTopHash(s3, bucket, topHash, signal), signal);
}

/**
 * The version a snapshot pinned for a file, to read it "as of" the snapshot with any reader
 * that takes a version id (`getValue`, `downloadObject`, `getObjectBytes`…).
 * @param s3 - the client.
 * @param options - bucket, top hash (full or short) and logical key.
 * @returns bucket, key, version id, size, hash and metadata of the pinned version.
 * @throws HeliumError `NotFound` (no such snapshot, or no such file in it), `InvalidInput`…
 */
export async function entryAsOf(s3: S3Client, options: EntryAsOfOptions): Promise<PinnedObject> {
  const manifest = await readSnapshotByRef(s3, options.bucket, options.topHash, options.signal);
  const pinned = findPinned(manifest, options.logicalKey);
  if (!pinned) {
    throw new HeliumError(
      'NotFound',
      `Snapshot ${manifest.topHash.slice(0, 12)} of ${formatS3Uri({ bucket: options.bucket, key: snapshotFolder(manifest, options.bucket) ?? '' })} has no file "${options.logicalKey}" (logical keys are relative to the snapshotted folder). It has ${manifest.entries.length.toLocaleString('en-US')} files.`,
      { code: 'NoSuchEntry' }
    );
  }
  return pinned;
}

/**
 * The version a snapshot pinned for an object named by its key in the bucket (not its logical
 * key): the key is taken relative to the folder the snapshot was taken of.
 * @param s3 - the client.
 * @param options - the bucket, the object's key, and the snapshot (full or ≥ 6 hex characters).
 * @returns the pinned object.
 * @throws HeliumError `NotFound` when the snapshot has no such file, `InvalidInput` when the key is
 *   outside the snapshotted folder or the hash is ambiguous.
 */
export async function objectAsOf(
  s3: S3Client,
  options: { bucket: string; key: string; snapshot: string; signal?: AbortSignal }
): Promise<PinnedObject> {
  const manifest = await readSnapshotByRef(s3, options.bucket, options.snapshot, options.signal);
  const folder = snapshotFolder(manifest, options.bucket) ?? '';
  if (!options.key.startsWith(folder)) {
    throw new HeliumError(
      'InvalidInput',
      `${formatS3Uri({ bucket: options.bucket, key: options.key })} is not in the folder snapshot ${manifest.topHash.slice(0, 12)} was taken of (${formatS3Uri({ bucket: options.bucket, key: folder })}).`,
      { code: 'OutsideSnapshot' }
    );
  }
  return entryAsOf(s3, {
    bucket: options.bucket,
    topHash: manifest.topHash,
    logicalKey: options.key.slice(folder.length),
    signal: options.signal
  });
}
