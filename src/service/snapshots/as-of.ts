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
import { fromBase64, toHex } from '../checksum';
import { HeliumError } from '../error-class';
import type { ObjectInfo } from '../object-info';
import { headObject } from '../objects-read';
import type { ByteSink } from '../transfers/types';
import { parseS3Checksum } from '../transfers/quilt-hash';
import { formatS3Uri } from '../uri';
import { isPinned, requirePhysicalKey, PhysicalLocation } from './as-of-physical';
import { readSnapshot, resolveTopHash } from './registry';
import { headerFolder, inferFolder } from './registry-list';
import { ContentHasher, etagPartCount, hashMatches, quiltHashFromChecksum, streamContentHashes } from './snapshot-hash';
import type { JsonValue, Manifest, ManifestEntry, QuiltHash } from './types';

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
 * How an unpinned location is described in messages.
 * @param pinned - the file.
 * @returns a phrase.
 */
function unpinnedWhy(pinned: PinnedObject): string {
  const where = formatS3Uri({ bucket: pinned.bucket, key: pinned.key });
  return pinned.versionId === 'null'
    ? `the snapshot points at version "null" of ${where}, which a write replaces in place while versioning is suspended`
    : `the snapshot points at ${where} without a version id (as quilt3 writes when it pushes to a bucket that does not keep versions), that is at whatever is there now`;
}

/**
 * The error for an unpinned file whose object no longer has the snapshot's content.
 * @param pinned - the file.
 * @param found - what differs (`its size is 3 bytes, the snapshot recorded 5`).
 * @param consequence - what was not done (`Nothing was read.`).
 * @returns a `Conflict` error (code `UnpinnedContentChanged`).
 */
export function unpinnedContentChanged(pinned: PinnedObject, found: string, consequence: string): HeliumError {
  return new HeliumError(
    'Conflict',
    `"${pinned.logicalKey}" is not pinned in the snapshot: ${unpinnedWhy(pinned)}. That object has changed since the snapshot: ${found}. The snapshot's content of this file is no longer there. ${consequence}`,
    { code: 'UnpinnedContentChanged' }
  );
}

/**
 * The error for an unpinned file whose hash type cannot be checked.
 * @param pinned - the file.
 * @param consequence - what was not done.
 * @returns an `InvalidInput` error (code `UnverifiableHash`).
 */
function unverifiable(pinned: PinnedObject, consequence: string): HeliumError {
  return new HeliumError(
    'InvalidInput',
    `"${pinned.logicalKey}" is not pinned in the snapshot: ${unpinnedWhy(pinned)}; and its hash is of type "${String(pinned.hash?.type)}", which helium cannot check, so it cannot tell whether that object still has the snapshot's content. ${consequence}`,
    { code: 'UnverifiableHash' }
  );
}

/**
 * Whether a hash type can be checked by {@link ContentHasher}.
 * @param hash - an entry's hash.
 * @returns true for `sha2-256-chunked` and `SHA256`.
 */
function checkable(hash: QuiltHash | undefined): boolean {
  return (hash?.type === 'sha2-256-chunked' || hash?.type === 'SHA256') && typeof hash?.value === 'string';
}

/**
 * Whether an object's S3 checksum says it has an entry's hash.
 * @param s3 - the client.
 * @param pinned - the file.
 * @param info - the object's details (HEAD or GET), of the version read.
 * @param signal - cancels a HEAD of part 1.
 * @returns true / false, or undefined when the checksum cannot tell.
 */
async function matchesByChecksum(s3: S3Client, pinned: PinnedObject, info: ObjectInfo, signal?: AbortSignal): Promise<boolean | undefined> {
  if (!info.checksumSha256) {
    return undefined;
  }
  if (pinned.hash.type === 'SHA256') {
    // A single PUT's full-object checksum is the plain SHA-256.
    const parsed = parseS3Checksum(info.checksumSha256);
    if (parsed.parts !== undefined || etagPartCount(info.etag) !== undefined) {
      return undefined;
    }
    return toHex(fromBase64(parsed.digest)) === pinned.hash.value.toLowerCase();
  }
  const ref = { bucket: pinned.bucket, key: pinned.key, versionId: info.versionId ?? pinned.versionId, size: info.size };
  const chunked = await quiltHashFromChecksum(s3, ref, { checksumSha256: info.checksumSha256, etag: info.etag }, signal);
  return chunked === undefined ? undefined : chunked === pinned.hash.value;
}

/** Options of the checks of unpinned files. */
export interface UnpinnedCheckOptions {
  signal?: AbortSignal;
  /** What was not done when the check fails, for the message (default `Nothing was read.`). */
  consequence?: string;
}

/**
 * Check, before reading it, that an unpinned file's object still has the snapshot's content:
 * one HEAD, its size, and its hash from S3's checksum when that gives it.
 * @param s3 - the client.
 * @param pinned - the file (see {@link PinnedObject.pinned}).
 * @param options - signal and the consequence for messages.
 * @returns `verified` true when the checksum matched (then read exactly `info.versionId` when it
 *   is a version of its own, else check the bytes too); false when the checksum cannot tell (hash
 *   the bytes as they are read: {@link verifyingSink}, {@link verifyUnpinnedBytes}).
 * @throws HeliumError `Conflict` (code `UnpinnedContentChanged`) when size or hash differ,
 *   `InvalidInput` (code `UnverifiableHash`), `NotFound` (the object is gone)…
 */
export async function checkUnpinned(
  s3: S3Client,
  pinned: PinnedObject,
  options: UnpinnedCheckOptions = {}
): Promise<{ verified: boolean; info: ObjectInfo }> {
  const consequence = options.consequence ?? 'Nothing was read.';
  if (!checkable(pinned.hash)) {
    throw unverifiable(pinned, consequence);
  }
  const info = await headObject(s3, { bucket: pinned.bucket, key: pinned.key, versionId: pinned.versionId, signal: options.signal });
  if (info.size !== pinned.size) {
    throw unpinnedContentChanged(pinned, `its size is ${info.size} bytes, the snapshot recorded ${pinned.size}`, consequence);
  }
  const match = await matchesByChecksum(s3, pinned, info, options.signal);
  if (match === false) {
    throw unpinnedContentChanged(pinned, `its content hash differs from the ${pinned.hash.type} the snapshot recorded`, consequence);
  }
  return { verified: match === true, info };
}

/**
 * Check the bytes read of an unpinned file against the snapshot's hash: from the response's S3
 * checksum when it gives the hash, else by hashing the bytes.
 * @param s3 - the client.
 * @param pinned - the file.
 * @param bytes - the bytes read.
 * @param info - the details of the response they came from.
 * @param options - signal and the consequence for messages.
 * @throws HeliumError `Conflict` (code `UnpinnedContentChanged`), `InvalidInput` (code
 *   `UnverifiableHash`).
 */
export async function verifyUnpinnedBytes(
  s3: S3Client,
  pinned: PinnedObject,
  bytes: Uint8Array,
  info: ObjectInfo,
  options: UnpinnedCheckOptions = {}
): Promise<void> {
  const consequence = options.consequence ?? 'Nothing was read.';
  if (!checkable(pinned.hash)) {
    throw unverifiable(pinned, consequence);
  }
  if (bytes.length !== pinned.size) {
    throw unpinnedContentChanged(pinned, `its size is ${bytes.length} bytes, the snapshot recorded ${pinned.size}`, consequence);
  }
  let match = await matchesByChecksum(s3, pinned, { ...info, size: bytes.length }, options.signal);
  if (match === undefined) {
    const hasher = new ContentHasher(pinned.size, { sha256: pinned.hash.type === 'SHA256' });
    hasher.update(bytes);
    match = hashMatches(pinned.hash, await hasher.digest());
  }
  if (match !== true) {
    throw unpinnedContentChanged(pinned, `its content hash differs from the ${pinned.hash.type} the snapshot recorded`, consequence);
  }
}

/**
 * Check that an unpinned file's object has the snapshot's content, reading it whole when S3's
 * checksum cannot tell (for a restore, before anything is copied).
 * @param s3 - the client.
 * @param pinned - the file.
 * @param info - the object's details from a HEAD of the version that would be used.
 * @param options - signal and the consequence for messages.
 * @throws HeliumError `Conflict` (code `UnpinnedContentChanged`), `InvalidInput` (code
 *   `UnverifiableHash`), `NotFound`, `Cancelled`…
 */
export async function verifyUnpinned(
  s3: S3Client,
  pinned: PinnedObject,
  info: ObjectInfo,
  options: UnpinnedCheckOptions = {}
): Promise<void> {
  const consequence = options.consequence ?? 'Nothing was read.';
  if (!checkable(pinned.hash)) {
    throw unverifiable(pinned, consequence);
  }
  if (info.size !== pinned.size) {
    throw unpinnedContentChanged(pinned, `its size is ${info.size} bytes, the snapshot recorded ${pinned.size}`, consequence);
  }
  let match = await matchesByChecksum(s3, pinned, info, options.signal);
  if (match === undefined) {
    const hashes = await streamContentHashes(
      s3,
      { bucket: pinned.bucket, key: pinned.key, versionId: info.versionId ?? pinned.versionId, size: info.size },
      { signal: options.signal, sha256: pinned.hash.type === 'SHA256' }
    );
    match = hashMatches(pinned.hash, hashes);
  }
  if (match !== true) {
    throw unpinnedContentChanged(pinned, `its content hash differs from the ${pinned.hash.type} the snapshot recorded`, consequence);
  }
}

/**
 * A sink that hashes the bytes of an unpinned file as they are written and, at the end, makes
 * them visible only when they have the snapshot's hash (else the inner sink is aborted: nothing
 * is left behind).
 * @param sink - where the bytes go (e.g. a file written through a temporary file).
 * @param pinned - the file.
 * @param consequence - what was not done on a mismatch (default `Nothing was saved.`).
 * @returns the checking sink.
 */
export function verifyingSink(sink: ByteSink, pinned: PinnedObject, consequence = 'Nothing was saved.'): ByteSink {
  if (!checkable(pinned.hash)) {
    throw unverifiable(pinned, consequence);
  }
  const hasher = new ContentHasher(pinned.size, { sha256: pinned.hash.type === 'SHA256' });
  let ended = false;
  return {
    write(bytes: Uint8Array): Promise<void> {
      hasher.update(bytes);
      return sink.write(bytes);
    },
    async close(): Promise<void> {
      const hashes = await hasher.digest();
      if (hashes.bytes !== pinned.size || hashMatches(pinned.hash, hashes) !== true) {
        ended = true;
        await sink.abort();
        throw unpinnedContentChanged(
          pinned,
          hashes.bytes !== pinned.size
            ? `its size is ${hashes.bytes} bytes, the snapshot recorded ${pinned.size}`
            : `its content hash differs from the ${pinned.hash.type} the snapshot recorded`,
          consequence
        );
      }
      ended = true;
      await sink.close();
    },
    async abort(): Promise<void> {
      if (!ended) {
        ended = true;
        await sink.abort();
      }
    }
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
