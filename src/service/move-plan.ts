/**
 * Planning a move or copy of one object or a whole folder: which keys go where, checked before
 * anything is written (the destination a person names, the keys it yields, what already exists).
 */
import { S3Client } from '@aws-sdk/client-s3';
import { HeliumError, isHeliumError } from './error-class';
import { listPrefixPages } from './listing';
import { headObject } from './objects-read';
import { assertValidBucketName, displayKey, formatS3Uri, readKeyProblem, writeKeyProblem } from './uri';

/** An object (`key` without a trailing `/`) or a folder (`key` ending in `/`) in a bucket. */
export interface MoveEndpoint {
  /** The bucket. */
  bucket: string;
  /** An object's key, or a folder's prefix ending in `/`. */
  key: string;
}

/** One object to copy: from which key to which key, and its size. */
export interface MoveItem {
  /** The source key. */
  from: string;
  /** The destination key. */
  to: string;
  /** The object's size in bytes (from the listing or HEAD). */
  size: number;
}

/** What a move or copy will do. */
export interface MovePlan {
  /** The objects, in listing order (a folder's own marker object included, when it has one). */
  items: MoveItem[];
  /** Their total size in bytes. */
  bytes: number;
  /** Destination keys that exist already (written over only when `overwrite` was asked). */
  existing: string[];
}

/**
 * Refuse what cannot be a move: a named destination a person should not write, a folder moved
 * onto an object (or the other way round), onto itself or into itself.
 * @param from - the source.
 * @param to - the destination, as a person named it.
 * @param sameStore - whether both are reached through one connection (else the same bucket name
 *   may be another bucket, and "onto itself" cannot be told).
 * @throws HeliumError `InvalidInput` (code `InvalidKey` or `InvalidMove`).
 */
export function assertValidMove(from: MoveEndpoint, to: MoveEndpoint, sameStore = true): void {
  assertValidBucketName(from.bucket);
  assertValidBucketName(to.bucket);
  const sourceProblem = readKeyProblem(from.key);
  if (sourceProblem) {
    throw new HeliumError('InvalidInput', sourceProblem, { code: 'InvalidKey' });
  }
  // Only the destination a person names is held to the rules of new keys; the keys under a folder
  // exist already and keep their own (even odd) names below it.
  const targetProblem = writeKeyProblem(to.key);
  if (targetProblem) {
    throw new HeliumError('InvalidInput', targetProblem, { code: 'InvalidKey' });
  }
  const isFolder = from.key.endsWith('/');
  const invalid = (message: string): HeliumError => new HeliumError('InvalidInput', message, { code: 'InvalidMove' });
  if (isFolder !== to.key.endsWith('/')) {
    throw invalid(
      isFolder
        ? `A folder can only go to a folder: end the destination "${displayKey(to.key)}" with "/".`
        : `An object needs an object key as destination, not the folder "${displayKey(to.key)}".`
    );
  }
  if (sameStore && from.bucket === to.bucket && from.key === to.key) {
    throw invalid(`${formatS3Uri(from)} is already there: choose another destination.`);
  }
  if (sameStore && isFolder && from.bucket === to.bucket && to.key.startsWith(from.key)) {
    throw invalid(`A folder cannot go inside itself: ${formatS3Uri(to)} is within ${formatS3Uri(from)}.`);
  }
}

/**
 * Every key under a prefix (the prefix's own marker object included) with its size.
 * @param s3 - the client.
 * @param bucket - the bucket.
 * @param prefix - the folder prefix, ending in `/`.
 * @param signal - cancels the listing.
 * @returns key → size.
 */
async function keysUnder(s3: S3Client, bucket: string, prefix: string, signal?: AbortSignal): Promise<Map<string, number>> {
  const keys = new Map<string, number>();
  const marker = await sizeIfExists(s3, bucket, prefix, signal);
  if (marker !== null) {
    keys.set(prefix, marker);
  }
  for await (const page of listPrefixPages(s3, { bucket, prefix, delimiter: '', signal })) {
    for (const object of page.objects) {
      keys.set(object.key, object.size);
    }
  }
  return keys;
}

/**
 * The size of an object, or null when there is none (or its current version is a delete marker).
 * @param s3 - the client.
 * @param bucket - the bucket.
 * @param key - the key.
 * @param signal - cancels the request.
 * @returns the size, or null.
 */
async function sizeIfExists(s3: S3Client, bucket: string, key: string, signal?: AbortSignal): Promise<number | null> {
  try {
    return (await headObject(s3, { bucket, key, signal })).size;
  } catch (err) {
    // HEAD of a delete marker answers 405: no current object either.
    if (isHeliumError(err, 'NotFound') || (isHeliumError(err) && err.status === 405)) {
      return null;
    }
    throw err;
  }
}

/**
 * Plan a move or copy: list the source, map each key below the destination, and find which
 * destination keys exist. Reads only.
 * @param s3 - the client of the source.
 * @param from - the source object or folder.
 * @param to - the destination object or folder.
 * @param signal - cancels the listing.
 * @param toS3 - the client of the destination, when it is another connection.
 * @returns the plan.
 * @throws HeliumError `InvalidInput` (see {@link assertValidMove}; also a key that would grow
 *   past 1,024 bytes), `NotFound` (no such object, or an empty folder), `AccessDenied`…
 */
export async function planMove(
  s3: S3Client,
  from: MoveEndpoint,
  to: MoveEndpoint,
  signal?: AbortSignal,
  toS3: S3Client = s3
): Promise<MovePlan> {
  assertValidMove(from, to, toS3 === s3);
  const items: MoveItem[] = [];
  let existing: string[];
  if (from.key.endsWith('/')) {
    const sources = await keysUnder(s3, from.bucket, from.key, signal);
    if (sources.size === 0) {
      throw new HeliumError('NotFound', `There is nothing in ${formatS3Uri(from)} to move or copy.`, {
        code: 'NoSuchKey'
      });
    }
    for (const [key, size] of sources) {
      const target = to.key + key.slice(from.key.length);
      const problem = readKeyProblem(target);
      if (problem) {
        throw new HeliumError('InvalidInput', `${formatS3Uri(from)} cannot go to ${formatS3Uri(to)}: ${problem}`, {
          code: 'InvalidKey'
        });
      }
      items.push({ from: key, to: target, size });
    }
    const there = await keysUnder(toS3, to.bucket, to.key, signal);
    existing = items.filter(item => there.has(item.to)).map(item => item.to);
  } else {
    const size = await sizeIfExists(s3, from.bucket, from.key, signal);
    if (size === null) {
      throw new HeliumError('NotFound', `${formatS3Uri(from)} does not exist (any more).`, { code: 'NoSuchKey' });
    }
    items.push({ from: from.key, to: to.key, size });
    existing = (await sizeIfExists(toS3, to.bucket, to.key, signal)) === null ? [] : [to.key];
  }
  return { items, bytes: items.reduce((sum, item) => sum + item.size, 0), existing };
}
