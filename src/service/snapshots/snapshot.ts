/**
 * Taking a snapshot of a folder: a Quilt package (registry V1, manifest v0) in the same bucket
 * that quilt3 and the Quilt catalog open as their own.
 *
 * 1. listing: the current version of every object under the folder (`snapshot-objects.ts`),
 *    but those whose names quilt3 refuses as logical keys, which are reported
 *    (`logical-keys.ts`). When the package's previous snapshot (`latest`) has version stamps
 *    (`version-stamps.ts`), or there is none, the folder is listed without versions: unchanged
 *    objects keep the version the stamps name, the others' versions come from the HEAD that reads
 *    their checksum anyway (`resnapshot.ts`); else its versions are listed
 *    (`snapshot-listing.ts`);
 * 2. hashing: for each version, the hash and metadata of the previous snapshot when it has the
 *    same key and version id (a version never changes), else one HEAD (of the version, or of the
 *    current object when its version is not known yet) and the hash from S3's checksum, else a
 *    download through the chunked hash (`snapshot-hash.ts`) — so a second snapshot costs work in
 *    proportion to what changed;
 * 3. writing: the version stamps and the manifest, then the timestamped pointer, then `latest`
 *    (`registry.ts`). A failure or cancellation before the pointer leaves no pointer; at worst an
 *    unreferenced manifest.
 *
 * The header is `{"version": "v0", "user_meta": …, "message": …, "helium": {"folder": …}}`
 * (`user_meta` only when given, in quilt3's key order; `"workflow"` after it when the registry has a
 * workflows config: the chosen workflow's checks run as quilt3 runs them, the package's before
 * anything is listed and the entries' before anything is written; see workflow-checks.ts). Recording the folder in the hashed header
 * keeps snapshots of different folders with identical content apart (physical keys are not
 * hashed, so they would otherwise share one manifest) and tells listings the folder even for an
 * empty read of the entries.
 */
import type { S3Client } from '@aws-sdk/client-s3';
import { HeliumError, isHeliumError } from '../error-class';
import { assertVersioningEnabled } from '../versioning';
import { prepareWorkflow, WorkflowChecks } from './workflow-checks';
import type { WorkflowSelection } from './workflow-config';
import { assertValidBucketName, displayKey, formatS3Uri } from '../uri';
import { manifestText } from './manifest';
import { assertValidPackageName, defaultPackageName, normalizeFolder } from './names';
import { canonicalJson } from './python-json';
import { writeSnapshotPointers } from './registry-write';
import { withLeftOutVersions } from './resnapshot';
import { HashedObjects, hashSnapshotObjects, isVersioned } from './snapshot-hashing';
import { LeftOutObject, splitSnapshotObjects } from './logical-keys';
import type { CurrentObject, ListedObject } from './snapshot-objects';
import { listForSnapshot } from './snapshot-listing';
import { topHash as computeTopHash, sortInTreeOrder } from './top-hash';
import type { JsonValue, ManifestHeader } from './types';
import { writeStamps } from './version-stamps';
import { serverNow } from '../server-clock';

/** Progress of a snapshot. */
export interface SnapshotProgress {
  phase: 'listing' | 'hashing' | 'writing';
  /** Objects listed (listing) or done (hashing, writing). */
  objects: number;
  totalObjects?: number;
  /** Bytes listed (listing) or covered (hashing: reused, read off checksums or downloaded). */
  bytes: number;
  totalBytes?: number;
}

/** Options of {@link snapshot}. */
export interface SnapshotOptions {
  bucket: string;
  /** The folder: a prefix (`team/hurdat/`; a missing trailing `/` is added), `''` for the root. */
  folder: string;
  /** The commit message (quilt3's `message`); null or absent for none. */
  message?: string | null;
  /** Package name `namespace/name` (default {@link defaultPackageName}). */
  name?: string;
  /** Package metadata (the header's `user_meta`); any JSON value, numbers may be LosslessNumbers. */
  meta?: JsonValue;
  /**
   * The Quilt workflow when the registry has a workflows config: an id, null for none (only where
   * none is required), absent for the config's default_workflow (quilt3's `workflow=...`).
   */
  workflow?: WorkflowSelection;
  /** HEADs and downloads in flight at once (default 8). */
  concurrency?: number;
  signal?: AbortSignal;
  /** Called as work progresses (at most every 100 ms within a phase, and at each phase change). */
  onProgress?: (progress: SnapshotProgress) => void;
  /** The clock in milliseconds, for the pointer's name (default `Date.now`). */
  now?: () => number;
}

/** What {@link snapshot} made. */
export interface SnapshotResult {
  topHash: string;
  name: string;
  bucket: string;
  /** The folder, normalized (`''` or ending in `/`). */
  folder: string;
  /** The pointer's time (unix seconds). */
  timestamp: Date;
  /** Number of files and their total size. */
  entries: number;
  bytes: number;
  /** Bytes downloaded to hash objects without a usable checksum. */
  hashedBytes: number;
  /** Entries whose hash and metadata came from the previous snapshot (same key and version). */
  reusedHashes: number;
  /** Entries hashed from S3's checksum (one HEAD, no download). */
  checksumHashes: number;
  /** Entries hashed by downloading them. */
  streamedHashes: number;
  /**
   * Objects whose version a HEAD of the current object found (the folder was listed without
   * versions; see resnapshot.ts); 0 when versions were listed.
   */
  versionLookups: number;
  /** Whether an identical manifest existed already (same content, folder and message). */
  manifestExisted: boolean;
  /** Whether `latest` names this snapshot (false when a newer one was written meanwhile). */
  latest: boolean;
  /** Why `latest` could not be updated; the snapshot is recorded all the same (see registry.ts). */
  latestError?: string;
  /**
   * Objects under the folder the snapshot does not hold, because quilt3 refuses their names as
   * logical keys (see logical-keys.ts); empty when it holds every object.
   */
  leftOut: LeftOutObject[];
  /** The header's `workflow` (the registry's workflows config, the workflow passed, its schemas), when the registry has a config. */
  workflow?: WorkflowChecks['header'];
}

/**
 * A progress reporter that passes phase changes at once and other updates at most every 100 ms.
 * @param onProgress - the caller's callback.
 * @returns report(progress, force).
 */
function throttled(onProgress?: (p: SnapshotProgress) => void): (p: SnapshotProgress, force?: boolean) => void {
  let last = 0;
  let phase = '';
  return (p, force = false) => {
    const now = Date.now();
    if (onProgress && (force || p.phase !== phase || now - last >= 100)) {
      last = now;
      phase = p.phase;
      onProgress({ ...p });
    }
  };
}

/**
 * The header of a new snapshot.
 * @param folder - the folder.
 * @param message - the message.
 * @param meta - the package metadata, if any.
 * @param workflow - the registry's `workflow` value (workflow-config.ts), if it has a config.
 * @returns the header, in quilt3's key order.
 */
export function snapshotHeader(folder: string, message: string | null, meta: JsonValue | undefined, workflow?: JsonValue): ManifestHeader {
  const header: ManifestHeader = { version: 'v0' };
  if (meta !== undefined) {
    header.user_meta = meta;
  }
  if (workflow !== undefined) {
    header.workflow = workflow;
  }
  header.message = message;
  header.helium = { folder };
  return header;
}

/**
 * Snapshot a folder as a Quilt package (see the module comment).
 * @param s3 - the client.
 * @param options - bucket, folder, message, name, meta, concurrency, signal, onProgress.
 * @returns the top hash, package name, pointer time, entry count, bytes and how the hashes were
 *   obtained.
 * @throws HeliumError `InvalidInput` (bad bucket, folder, name or metadata; a key that is both a
 *   file and a folder; a workflows config that is invalid, or a workflow that is required,
 *   unknown or whose checks fail: codes `Workflow…`, see workflow-checks.ts), `NotVersioned` (versioning off or suspended: versions could not be
 *   pinned; or its state unreadable and some current version is "null"), `NotFound` (bucket, or no objects under the folder), `AccessDenied`, `Cancelled`,
 *   `Network`…
 */
export async function snapshot(s3: S3Client, options: SnapshotOptions): Promise<SnapshotResult> {
  const { bucket, signal } = options;
  assertValidBucketName(bucket);
  const folder = normalizeFolder(options.folder);
  const name = options.name ?? defaultPackageName(bucket, folder);
  assertValidPackageName(name);
  if (options.message !== undefined && options.message !== null && typeof options.message !== 'string') {
    throw new HeliumError('InvalidInput', 'The snapshot message must be text.', { code: 'InvalidMessage' });
  }
  let header = snapshotHeader(folder, options.message ?? null, options.meta);
  canonicalJson(header);
  manifestText({ header, entries: [] });
  const report = throttled(options.onProgress);

  // When the versioning state cannot be read, the snapshot goes on, but versions "null" cannot
  // be pinned (see below).
  let versioningUnknown = false;
  try {
    await assertVersioningEnabled(
      s3,
      bucket,
      'a snapshot',
      'could not pin the versions it records (a later write would change what it holds)'
    );
  } catch (err) {
    if (!isHeliumError(err, 'AccessDenied')) {
      throw err;
    }
    versioningUnknown = true;
  }
  // A registry's workflow: its package checks run now, before anything is listed.
  const workflow = await prepareWorkflow(s3, bucket, options.workflow, signal);
  if (workflow !== undefined) {
    workflow.checkPackage({ name, message: options.message ?? null, meta: options.meta });
    header = snapshotHeader(folder, options.message ?? null, options.meta, workflow.header);
  }

  // The server's time before anything is listed: only versions older than it get stamps
  // (version-stamps.ts). Without it (no Date header), no stamps are written.
  const startedAt = await serverNow(s3, bucket, signal);

  // 1. Listing: without versions when the previous snapshot's stamps or none tell them, else
  // with versions (snapshot-listing.ts); versions "null" must be refused before hashing when the
  // versioning state is unknown, which needs every version.
  report({ phase: 'listing', objects: 0, bytes: 0 }, true);
  const {
    previous,
    listed,
    withoutVersions: byHead
  } = await listForSnapshot(s3, {
    bucket,
    folder,
    name,
    versionsNeeded: versioningUnknown,
    signal,
    onProgress: (objects, bytes) => report({ phase: 'listing', objects, bytes })
  });
  const { kept: objects, leftOut: unversionedLeftOut } = splitSnapshotObjects(listed, folder);
  const leftOut = byHead ? await withLeftOutVersions(s3, bucket, unversionedLeftOut, signal) : unversionedLeftOut;
  if (objects.length === 0 && leftOut.length > 0) {
    throw new HeliumError(
      'InvalidInput',
      `Could not snapshot ${formatS3Uri({ bucket, key: folder })}: none of its ${leftOut.length.toLocaleString('en-US')} objects has a name a Quilt package can hold (${leftOut[0].reason}: "${displayKey(leftOut[0].key)}"). Nothing was written.`,
      { code: 'NoRepresentableObjects', hint: 'Copy the objects to keys without ".", ".." or empty path segments, then snapshot again.' }
    );
  }
  if (objects.length === 0) {
    throw emptyFolder(bucket, folder);
  }
  if (versioningUnknown) {
    assertNoNullVersions(bucket, folder, objects);
  }
  // Refuse keys quilt3 cannot hold (`a` and `a/b`) before any hashing.
  sortInTreeOrder(objects.map(o => ({ logical_key: o.key.slice(folder.length) })));

  // 2. Hashing (snapshot-hashing.ts): reused from the previous snapshot, read off S3's checksums,
  // or downloaded.
  let hashed: HashedObjects;
  try {
    hashed = await hashSnapshotObjects(s3, {
      bucket,
      folder,
      objects,
      previous,
      concurrency: options.concurrency,
      signal,
      report
    });
  } catch (err) {
    throw signal?.aborted && !isHeliumError(err, 'Cancelled') ? cancelledSnapshot(bucket, folder, err) : err;
  }
  const { counts } = hashed;

  const { entries: held, versions: heldVersions } = hashed;
  if (held.length === 0) {
    throw emptyFolder(bucket, folder);
  }
  const heldBytes = held.reduce((sum, e) => sum + e.size, 0);
  workflow?.checkEntries(sortInTreeOrder(held));

  // 3. Writing. Cancelling works until the pointer is written (then nothing is recorded); once it
  // is, the snapshot is recorded and reported as such (registry.ts).
  report({ phase: 'writing', objects: held.length, totalObjects: held.length, bytes: heldBytes, totalBytes: heldBytes }, true);
  const text = manifestText({ header, entries: held });
  const topHash = computeTopHash(header, held);
  let written;
  try {
    // The stamps go first, so that a recorded snapshot has them (a failure there only costs the
    // next snapshot a listing of versions; see version-stamps.ts).
    if (startedAt !== undefined) {
      await writeStamps(s3, bucket, topHash, heldVersions, startedAt, signal);
    }
    written = await writeSnapshotPointers(s3, {
      bucket,
      name,
      topHash,
      manifest: text,
      stats: { entries: held.length, bytes: heldBytes },
      now: options.now,
      signal
    });
  } catch (err) {
    throw signal?.aborted ? cancelledSnapshot(bucket, folder, err) : err;
  }
  const result: SnapshotResult = {
    topHash,
    name,
    bucket,
    folder,
    timestamp: new Date(written.timestamp * 1000),
    entries: held.length,
    bytes: heldBytes,
    hashedBytes: counts.hashedBytes,
    reusedHashes: counts.reused,
    checksumHashes: counts.checksum,
    streamedHashes: counts.streamed,
    versionLookups: counts.lookups,
    manifestExisted: written.manifestExisted,
    latest: written.latest,
    leftOut
  };
  if (written.latestError !== undefined) {
    result.latestError = written.latestError;
  }
  if (workflow !== undefined) {
    result.workflow = workflow.header;
  }
  return result;
}

/**
 * Refuse to snapshot versions "null" when the bucket's versioning state is unknown: such a
 * version (written while versioning was off or suspended) is replaced in place by the next write
 * while versioning is suspended, so a snapshot could not pin it.
 * @param bucket - the bucket.
 * @param folder - the folder.
 * @param objects - the current versions (listed with versions: see snapshot()).
 * @throws HeliumError `NotVersioned` (code `UnpinnableVersions`) when any is "null".
 */
function assertNoNullVersions(bucket: string, folder: string, objects: readonly (CurrentObject | ListedObject)[]): void {
  const unpinned = objects.filter(o => isVersioned(o) && o.versionId === 'null');
  if (unpinned.length === 0) {
    return;
  }
  const shown = unpinned
    .slice(0, 5)
    .map(o => `"${o.key}"`)
    .join(', ');
  const more = unpinned.length > 5 ? ` and ${unpinned.length - 5} more` : '';
  throw new HeliumError(
    'NotVersioned',
    `Could not snapshot ${formatS3Uri({ bucket, key: folder })}: ${unpinned.length.toLocaleString('en-US')} of its files (${shown}${more}) have no version id of their own (version "null": written while versioning was off or suspended), and your credentials may not read whether the bucket keeps versions (s3:GetBucketVersioning). While versioning is suspended such a version is replaced in place by the next write, so the snapshot could not pin it. Nothing was written.`,
    {
      code: 'UnpinnableVersions',
      hint: `Ask for s3:GetBucketVersioning on bucket "${bucket}" (then files of version "null" are snapshotted when versioning is on), or write those files again with versioning on.`
    }
  );
}

/**
 * The error of a snapshot cancelled while hashing.
 * @param bucket - the bucket.
 * @param folder - the folder.
 * @param cause - what the abort caused.
 * @returns a `Cancelled` error.
 */
function cancelledSnapshot(bucket: string, folder: string, cause: unknown): HeliumError {
  return new HeliumError('Cancelled', `The snapshot of ${formatS3Uri({ bucket, key: folder })} was cancelled; no snapshot was recorded.`, {
    code: 'AbortError',
    cause
  });
}

/**
 * The error of a folder with nothing to snapshot.
 * @param bucket - the bucket.
 * @param folder - the folder.
 * @returns a `NotFound` error.
 */
function emptyFolder(bucket: string, folder: string): HeliumError {
  return new HeliumError('NotFound', `There are no objects under ${formatS3Uri({ bucket, key: folder })}: nothing to snapshot.`, {
    code: 'EmptyFolder',
    hint: 'Check the folder, or add files first.'
  });
}
