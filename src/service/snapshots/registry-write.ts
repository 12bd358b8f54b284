/**
 * Writing a snapshot to the Quilt registry: its manifest, then its timestamped pointer, then
 * `latest` (the layout is in registry-keys.ts).
 *
 * Write order (so a failure part-way never leaves a pointer to a missing manifest, and concurrent
 * snapshots never overwrite each other):
 * 1. the manifest with `If-None-Match: *` — if it exists already, it is the same content (its name
 *    is its hash; it is re-read and checked), so that is fine;
 * 2. the `<unix seconds>` pointer with `If-None-Match: *` — when that second is taken, the next free
 *    second is used, so every snapshot keeps its own pointer. This write is the commit point: once
 *    it succeeds the snapshot is recorded (it is listed, quilt3 can browse it), so cancelling no
 *    longer applies — the abort signal is checked before each attempt but not passed to the
 *    request itself (an aborted request could have been written all the same);
 * 3. `latest`, without the abort signal, moved to the NEWEST pointer of the package (read from that
 *    pointer; it may be another writer's, which may have died before updating `latest`), with
 *    `If-Match` on the `latest` read (or `If-None-Match: *` when there is none), retried on
 *    conflict — so `latest` converges on the newest pointer even when writers finish out of order
 *    or die part-way.
 */
import type { S3Client } from '@aws-sdk/client-s3';
import { HeliumError, isHeliumError, throwIfAborted } from '../error-class';
import { listPrefixPages } from '../listing';
import { getObjectText } from '../objects-read';
import { putObject } from '../objects-write';
import { assertValidBucketName } from '../uri';
import { assertValidPackageName } from './names';
import { readSnapshot } from './registry';
import { forgetPointerListing } from './registry-caches';
import { assertTopHash, LATEST, manifestKey, pointerKey, pointersPrefix, STATS_METADATA_KEY } from './registry-keys';
import { TOP_HASH } from './top-hash';

/** Options of {@link writeSnapshotPointers}. */
export interface WriteSnapshotOptions {
  bucket: string;
  /** Package name, `namespace/name`. */
  name: string;
  /** The manifest's top hash (its name). */
  topHash: string;
  /** The manifest's text, exactly as it hashes to `topHash`. */
  manifest: string;
  /** Entry count and total bytes, recorded as the manifest's `helium-stats` metadata. */
  stats?: { entries: number; bytes: number };
  /** The clock, in milliseconds (default `Date.now`); tests move it. */
  now?: () => number;
  signal?: AbortSignal;
}

/** What {@link writeSnapshotPointers} wrote. */
export interface WriteSnapshotResult {
  /** The pointer's unix seconds (its name). */
  timestamp: number;
  /** Whether the manifest was there already (same content, as its name is its hash). */
  manifestExisted: boolean;
  /** Whether `latest` now names this snapshot (false when a newer pointer exists, or it failed). */
  latest: boolean;
  /**
   * Why `latest` could not be updated (the snapshot IS recorded: its pointer is written; `latest`
   * catches up at the package's next snapshot). Absent when it was.
   */
  latestError?: string;
}

/**
 * Wait a little (with jitter) before retrying a conditional write that raced another.
 * @param attempt - how many times it was tried.
 * @returns a promise resolved after the delay.
 */
function pause(attempt: number): Promise<void> {
  return new Promise(resolve => setTimeout(resolve, Math.min(1000, 25 * 2 ** attempt) * (0.5 + Math.random())));
}

/**
 * Whether an error is S3's "another conditional write to this key is in progress" (409), which
 * says nothing about whether the key exists.
 * @param err - the error.
 * @returns true for HTTP 409.
 */
function isInFlightConflict(err: unknown): boolean {
  return isHeliumError(err, 'Conflict') && (err.status === 409 || err.code === 'ConditionalRequestConflict');
}

/**
 * Step 1: the manifest, unless it exists (then it is checked to hash to its name).
 * @param s3 - the client.
 * @param options - see {@link writeSnapshotPointers}.
 * @returns whether it existed.
 */
async function writeManifest(s3: S3Client, options: WriteSnapshotOptions): Promise<boolean> {
  const { bucket, topHash, signal } = options;
  const metadata = options.stats ? { [STATS_METADATA_KEY]: JSON.stringify(options.stats) } : undefined;
  for (let attempt = 0; ; attempt++) {
    try {
      await putObject(s3, {
        bucket,
        key: manifestKey(topHash),
        body: options.manifest,
        userMetadata: metadata,
        ifNoneMatch: '*',
        signal
      });
      return false;
    } catch (err) {
      if (!isHeliumError(err, 'Conflict')) {
        throw err;
      }
      if (!isInFlightConflict(err)) {
        try {
          await readSnapshot(s3, bucket, topHash, signal);
          return true;
        } catch (readError) {
          if (!isHeliumError(readError, 'NotFound')) {
            throw readError;
          }
        }
      }
      if (attempt >= 8) {
        throw err;
      }
      await pause(attempt);
    }
  }
}

/**
 * Step 2: the `<seconds>` pointer, in the first free second from now: the commit point.
 * @param s3 - the client.
 * @param options - see {@link writeSnapshotPointers}.
 * @returns the pointer's seconds.
 */
async function writePointer(s3: S3Client, options: WriteSnapshotOptions): Promise<number> {
  const { bucket, name, topHash, signal } = options;
  let seconds = Math.floor((options.now ?? Date.now)() / 1000);
  for (let attempt = 0, races = 0; attempt < 3600; attempt++) {
    // Cancelling is possible until the pointer is written, not while it is: an aborted request
    // may have reached S3 anyway, and then the snapshot would be recorded but reported cancelled.
    throwIfAborted(signal, `Recording the snapshot of package ${name}`);
    try {
      await putObject(s3, { bucket, key: pointerKey(name, seconds), body: topHash, ifNoneMatch: '*' });
      return seconds;
    } catch (err) {
      if (!isHeliumError(err, 'Conflict')) {
        throw err;
      }
      if (isInFlightConflict(err) && races < 8) {
        await pause(races++);
      } else {
        seconds += 1;
      }
    }
  }
  throw new HeliumError('Conflict', `Could not find a free second for a pointer of package ${name} in s3://${bucket}.`, {
    code: 'PointerConflict'
  });
}

/**
 * The `<seconds>` pointers of a package from a given second on, newest first.
 * @param s3 - the client.
 * @param bucket - the bucket.
 * @param name - the package.
 * @param seconds - our pointer's seconds (later ones, and ours, are returned).
 * @returns the seconds, newest first.
 */
async function pointersSince(s3: S3Client, bucket: string, name: string, seconds: number): Promise<number[]> {
  const prefix = pointersPrefix(name);
  const found: number[] = [];
  // Pointers of the same number of digits sort as numbers do; others are compared below.
  for await (const page of listPrefixPages(s3, { bucket, prefix, delimiter: '', startAfter: pointerKey(name, seconds - 1) })) {
    for (const object of page.objects) {
      const pointer = object.key.slice(prefix.length);
      if (/^\d+$/.test(pointer) && Number(pointer) >= seconds) {
        found.push(Number(pointer));
      }
    }
  }
  return found.sort((a, b) => b - a);
}

/**
 * The top hash of the newest `<seconds>` pointer of a package (ours or a later one, whose writer
 * may have died before updating `latest`). Pointers that hold no top hash, or vanished, are
 * skipped.
 * @param s3 - the client.
 * @param options - see {@link writeSnapshotPointers}.
 * @param seconds - our pointer's seconds.
 * @returns the newest pointer's seconds and hash.
 */
async function newestPointer(s3: S3Client, options: WriteSnapshotOptions, seconds: number): Promise<{ seconds: number; hash: string }> {
  const { bucket, name, topHash } = options;
  for (const candidate of await pointersSince(s3, bucket, name, seconds)) {
    if (candidate === seconds) {
      return { seconds, hash: topHash };
    }
    try {
      const hash = (await getObjectText(s3, { bucket, key: pointerKey(name, candidate) })).text.trim().toLowerCase();
      if (TOP_HASH.test(hash)) {
        return { seconds: candidate, hash };
      }
    } catch (err) {
      if (!isHeliumError(err, 'NotFound')) {
        throw err;
      }
    }
  }
  return { seconds, hash: topHash };
}

/**
 * Step 3: move `latest` to the newest pointer of the package — ours, or a later one even when it
 * is not ours (its writer may have died before updating `latest`) — with a conditional write on
 * what `latest` was, retried when another writer changed it meanwhile. Runs without the abort
 * signal: the snapshot is recorded already.
 * @param s3 - the client.
 * @param options - see {@link writeSnapshotPointers}.
 * @param seconds - our pointer's seconds.
 * @returns whether `latest` names this snapshot.
 */
async function writeLatest(s3: S3Client, options: WriteSnapshotOptions, seconds: number): Promise<boolean> {
  const { bucket, name, topHash } = options;
  const key = pointerKey(name, LATEST);
  for (let attempt = 0; attempt < 50; attempt++) {
    let current: { hash: string; etag: string } | undefined;
    try {
      const { text, info } = await getObjectText(s3, { bucket, key });
      current = { hash: text.trim().toLowerCase(), etag: info.etag };
    } catch (err) {
      if (!isHeliumError(err, 'NotFound')) {
        throw err;
      }
    }
    const newest = await newestPointer(s3, options, seconds);
    if (current?.hash === newest.hash) {
      return newest.hash === topHash;
    }
    try {
      await putObject(s3, {
        bucket,
        key,
        body: newest.hash,
        ...(current ? { ifMatch: current.etag } : { ifNoneMatch: '*' as const })
      });
      return newest.hash === topHash;
    } catch (err) {
      if (!isHeliumError(err, 'Conflict')) {
        throw err;
      }
      await pause(Math.min(attempt, 5));
    }
  }
  throw new HeliumError('Conflict', `"latest" of package ${name} in s3://${bucket} kept changing; it was not updated.`, {
    code: 'LatestConflict'
  });
}

/**
 * Record a snapshot in the registry: its manifest, its timestamped pointer, then `latest` (see the
 * module comment for why in this order and how concurrent writers are kept apart).
 * @param s3 - the client.
 * @param options - bucket, package name, top hash, manifest text, stats, clock, signal.
 * @returns the pointer's seconds, whether the manifest existed, whether `latest` is ours, and why
 *   `latest` could not be updated (a failure there does not throw: the snapshot is recorded).
 * @throws HeliumError `InvalidInput` (bad name or hash, or an existing manifest of that name that
 *   does not hash to it), `AccessDenied`, `Conflict` (no free second within an hour),
 *   `Cancelled` (only before the pointer is written: then no snapshot is recorded), `Network`…
 */
export async function writeSnapshotPointers(s3: S3Client, options: WriteSnapshotOptions): Promise<WriteSnapshotResult> {
  assertValidBucketName(options.bucket);
  assertValidPackageName(options.name);
  const topHash = assertTopHash(options.topHash);
  const opts = { ...options, topHash };
  const manifestExisted = await writeManifest(s3, opts);
  let timestamp: number;
  try {
    timestamp = await writePointer(s3, opts);
  } finally {
    // Even a failed attempt may have written a pointer: list afresh next time.
    forgetPointerListing(s3, opts.bucket);
  }
  // Recorded: from here on, cancelling does not apply (see the module comment).
  const result: WriteSnapshotResult = { timestamp, manifestExisted, latest: false };
  try {
    result.latest = await writeLatest(s3, opts, timestamp);
  } catch (err) {
    // The snapshot is recorded and listed; `latest` converges at the package's next snapshot.
    result.latestError = err instanceof Error ? err.message : String(err);
  } finally {
    forgetPointerListing(s3, opts.bucket);
  }
  return result;
}
