/**
 * What to pin, resolved against S3: a folder's snapshot (its package, the top hash a hash prefix,
 * `latest` or a tag names, and what the pin follows), or a file's version (the current one, or a
 * given one, with its ETag and size). Shared by `helium pin` and the notebook's *Pin Data…*.
 */
import type { S3Client } from '@aws-sdk/client-s3';
import { HeliumError } from '../error-class';
import { headObject } from '../objects-read';
import { diffSnapshots } from '../snapshots/compare';
import { snapshotFolder } from '../snapshots/as-of';
import { readLatest, readSnapshot, resolveTopHash } from '../snapshots/registry';
import { listSnapshots } from '../snapshots/registry-list';
import { changedCount } from '../snapshots/statuses';
import type { SnapshotInfo } from '../snapshots/types';
import { formatS3Uri } from '../uri';
import { makeFilePin, makePin } from './notebook-pins';
import { readTag } from './tags';
import type { FilePin, FolderPin, PinFollows } from './types';

/** Which snapshot of a folder to pin. */
export interface FolderPinTarget {
  bucket: string;
  /** '' or ending in `/`. */
  folder: string;
  /** The package; default: the one package the folder's snapshots have. */
  package?: string;
  /**
   * A top hash (6+ hex characters) of one of the folder's snapshots (then `tag` is not read);
   * default: the package's `latest`, or the tag's snapshot.
   */
  hash?: string;
  /** Pin the snapshot this tag names, and follow the tag. */
  tag?: string;
  /** The pin's name (default: the package's). */
  name?: string;
}

/**
 * The packages whose snapshots were taken of exactly this folder (optionally only those holding
 * one snapshot).
 * @param s3 - the client.
 * @param where - bucket, folder, and maybe a top hash.
 * @param signal - cancels the listing.
 * @returns the names, sorted.
 */
export async function folderPackageNames(
  s3: S3Client,
  where: { bucket: string; folder: string; topHash?: string },
  signal?: AbortSignal
): Promise<string[]> {
  const { bucket, folder, topHash } = where;
  const list = await listSnapshots(s3, { bucket, folder, refresh: true, signal });
  // A snapshot whose folder cannot be told is listed at the bucket root (folderMatches): it is the root's.
  const ofFolder = (s: SnapshotInfo) => (s.folder ?? '') === folder;
  return [...new Set(list.filter(s => ofFolder(s) && (!topHash || s.topHash === topHash)).map(s => s.name))].sort();
}

/**
 * The package a folder pin names: the one given, else the folder's only one.
 * @param s3 - the client.
 * @param target - the folder (and maybe the package).
 * @param signal - cancels the listing.
 * @returns the name.
 * @throws HeliumError `NotFound` (code `NoSnapshots`) when the folder has none, `InvalidInput`
 *   (code `AmbiguousPackage`) when it has several.
 */
export async function folderPackage(s3: S3Client, target: FolderPinTarget, signal?: AbortSignal): Promise<string> {
  if (target.package) {
    return target.package;
  }
  const where = formatS3Uri({ bucket: target.bucket, key: target.folder });
  const names = await folderPackageNames(s3, target, signal);
  if (names.length === 0) {
    throw new HeliumError('NotFound', `${where} has no snapshot to pin. Take one first (helium snapshot, or pin with --snapshot).`, {
      code: 'NoSnapshots'
    });
  }
  if (names.length > 1) {
    throw new HeliumError(
      'InvalidInput',
      `${where} has snapshots of several packages (${names.join(', ')}): name one of them (helium: --package ${names[0]}).`,
      {
        code: 'AmbiguousPackage'
      }
    );
  }
  return names[0];
}

/**
 * The package of a snapshot a pin names by its top hash: one whose snapshots of the folder
 * include it (the one given, else the only one). A snapshot of another folder is refused: the
 * pin's status would compare it with files it never held, and *Restore Folder to Pin* would
 * write them there.
 * @param s3 - the client.
 * @param target - the folder (and maybe the package).
 * @param topHash - the full top hash.
 * @param signal - cancels the reads.
 * @returns the package name.
 * @throws HeliumError `InvalidInput`: code `OtherFolder` (saying which folder it was taken of,
 *   when the snapshot tells), or `AmbiguousPackage`.
 */
async function snapshotPackage(s3: S3Client, target: FolderPinTarget, topHash: string, signal?: AbortSignal): Promise<string> {
  const names = await folderPackageNames(s3, { bucket: target.bucket, folder: target.folder, topHash }, signal);
  const where = formatS3Uri({ bucket: target.bucket, key: target.folder });
  if (target.package ? names.includes(target.package) : names.length === 1) {
    return target.package ?? names[0];
  }
  if (!target.package && names.length > 1) {
    throw new HeliumError(
      'InvalidInput',
      `Snapshot ${topHash.slice(0, 12)} of ${where} belongs to several packages (${names.join(', ')}): name one of them (helium: --package ${names[0]}).`,
      { code: 'AmbiguousPackage' }
    );
  }
  const taken = snapshotFolder(await readSnapshot(s3, target.bucket, topHash, signal), target.bucket);
  const origin =
    taken === null
      ? 'its files come from several places, so it names no folder'
      : taken !== target.folder
        ? `it was taken of ${formatS3Uri({ bucket: target.bucket, key: taken })}`
        : names.length > 0
          ? `it is a snapshot of ${names.join(', ')}`
          : 'no package lists it (none of their versions points to it)';
  throw new HeliumError(
    'InvalidInput',
    `Snapshot ${topHash.slice(0, 12)} is not a snapshot of ${where}${target.package ? ` in ${target.package}` : ''}: ${origin}. helium snapshots ${where} lists the folder's snapshots.`,
    { code: 'OtherFolder' }
  );
}

/**
 * Resolve a folder pin: its package, top hash and what it follows.
 * @param s3 - the client.
 * @param target - the folder and which snapshot.
 * @param signal - cancels the reads.
 * @returns the pin (validated).
 * @throws HeliumError `NotFound` when the package has no `latest`, the tag or hash names nothing;
 *   `InvalidInput` (code `OtherFolder`) when the hash names a snapshot that is not one of the
 *   folder's (of the package, when given).
 */
export async function resolveFolderPin(s3: S3Client, target: FolderPinTarget, signal?: AbortSignal): Promise<FolderPin> {
  if (target.hash) {
    const topHash = await resolveTopHash(s3, target.bucket, target.hash, signal);
    const pkg = await snapshotPackage(s3, target, topHash, signal);
    return makePin({ bucket: target.bucket, folder: target.folder, package: pkg, topHash, follows: 'latest', name: target.name });
  }
  const pkg = await folderPackage(s3, target, signal);
  let topHash: string | undefined;
  let follows: PinFollows = 'latest';
  if (target.tag) {
    follows = { tag: target.tag };
    const tag = await readTag(s3, target.bucket, pkg, target.tag, signal);
    if (!tag) {
      throw new HeliumError('NotFound', `${pkg} has no tag "${target.tag}" in s3://${target.bucket}.`, { code: 'NoSuchTag' });
    }
    topHash = tag.top_hash;
  }
  topHash ??= await readLatest(s3, target.bucket, pkg, signal);
  if (!topHash) {
    throw new HeliumError('NotFound', `${pkg} has no latest snapshot in s3://${target.bucket}.`, { code: 'NoSnapshots' });
  }
  return makePin({ bucket: target.bucket, folder: target.folder, package: pkg, topHash, follows, name: target.name });
}

/**
 * Whether the live folder differs (by content) from a snapshot of it.
 * @param s3 - the client.
 * @param target - bucket, folder and the snapshot.
 * @param signal - cancels the listing.
 * @returns true when a file was added, deleted, or changed its bytes or metadata.
 */
export async function folderChangedSince(
  s3: S3Client,
  target: { bucket: string; folder: string; topHash: string },
  signal?: AbortSignal
): Promise<boolean> {
  const diff = await diffSnapshots(s3, { bucket: target.bucket, folder: target.folder, left: target.topHash, right: 'latest', signal });
  const counts = diff.folders.get('');
  return counts ? changedCount(counts) - counts['same-content-new-version'] > 0 : false;
}

/** Where a folder stands for pinning: its packages, the latest snapshot, whether it changed since. */
export interface FolderPinState {
  /** The packages whose snapshots were taken of this folder. */
  packages: string[];
  /** The package pinning would use (the only one), or null (none, or several). */
  package: string | null;
  /** That package's latest snapshot, or null. */
  latest: string | null;
  /** Whether the live folder differs from `latest` (true when there is no `latest`). */
  changed: boolean;
}

/**
 * Where a folder stands for pinning (*Pin Data…*: pin the latest snapshot, or snapshot first).
 * @param s3 - the client.
 * @param where - bucket and folder.
 * @param signal - cancels the reads.
 * @returns its packages, latest snapshot and whether the folder changed since.
 */
export async function folderPinState(
  s3: S3Client,
  where: { bucket: string; folder: string },
  signal?: AbortSignal
): Promise<FolderPinState> {
  const packages = await folderPackageNames(s3, where, signal);
  const pkg = packages.length === 1 ? packages[0] : null;
  const latest = pkg ? ((await readLatest(s3, where.bucket, pkg, signal)) ?? null) : null;
  const changed = latest ? await folderChangedSince(s3, { ...where, topHash: latest }, signal) : true;
  return { packages, package: pkg, latest, changed };
}

/**
 * Resolve a file pin: the object's current version (or the one given), with its ETag and size.
 * @param s3 - the client.
 * @param target - the object, an optional version, an optional pin name.
 * @param signal - cancels the read.
 * @returns the pin (validated).
 * @throws HeliumError `NotFound` (no such object or version), `InvalidInput` (code
 *   `NotVersioned`) when the object has no version id to lock.
 */
export async function resolveFilePin(
  s3: S3Client,
  target: { bucket: string; key: string; versionId?: string; name?: string },
  signal?: AbortSignal
): Promise<FilePin> {
  const info = await headObject(s3, { bucket: target.bucket, key: target.key, versionId: target.versionId, signal });
  const versionId = info.versionId ?? target.versionId;
  if (!versionId || versionId === 'null') {
    throw new HeliumError(
      'InvalidInput',
      `${formatS3Uri({ bucket: target.bucket, key: target.key })} has no version id: s3://${target.bucket} was not versioned when it was written, so a later write would replace it for good. Turn versioning on for the bucket, write the file again, then pin it.`,
      { code: 'NotVersioned' }
    );
  }
  return makeFilePin({ bucket: target.bucket, key: target.key, versionId, etag: info.etag, size: info.size, name: target.name });
}
