/**
 * Which keys a write would replace for good: those that hold an object in a bucket that keeps no
 * versions (versioning never turned on, or suspended). In a versioned bucket a write keeps what
 * was there as an older version, so nothing is replaced for good. The S3 panel asks before an
 * upload replaces objects for good, as JupyterLab's file browser asks before an upload overwrites
 * a file.
 *
 * Few keys are looked up one by one, with a one-key listing each (`Prefix` = the key: the key
 * itself is listed first when it exists), not a HEAD, whose 404 for a new key a browser logs as an
 * error. Many keys are looked up by listing the folder they share, a bounded number of pages
 * (about one per 50 keys); keys past what those pages covered are looked up one by one. So a big
 * upload into a folder of a few thousand objects costs a few listings, and one into a folder of
 * millions no more requests than one per key.
 */
import type { S3Client } from '@aws-sdk/client-s3';
import { compareCodePoints } from './code-points';
import { mapWithConcurrency } from './concurrency';
import { isHeliumError, throwIfAborted } from './error-class';
import { listPrefixPages } from './listing';
import { getBucketVersioning } from './versioning';
import type { VersioningState } from './versioning';

/** Up to this many keys, one lookup each; more are looked up in a listing of their folder first. */
const ONE_BY_ONE_AT_MOST = 50;

/** One-by-one lookups in flight at once. */
const LOOKUPS_IN_FLIGHT = 8;

/** Listing pages allowed per key looked up (one 1,000-key page per 50 keys). */
const KEYS_PER_PAGE = 50;

/** What {@link keysReplacedForGood} found. */
export interface ReplacedKeys {
  /** The bucket's versioning, or `Unknown` when S3 would not say (the keys were looked up anyway). */
  versioning: VersioningState | 'Unknown';
  /** The keys that hold an object a write would replace for good, in the order given. */
  keys: string[];
}

/**
 * The folder all keys share: their longest common prefix, cut after its last `/`.
 * @param keys - one key or more.
 * @returns the folder (`''` for the bucket's root).
 */
function sharedFolder(keys: readonly string[]): string {
  let common = keys[0];
  for (const key of keys) {
    let i = 0;
    while (i < common.length && i < key.length && common[i] === key[i]) {
      i++;
    }
    common = common.slice(0, i);
  }
  return common.slice(0, common.lastIndexOf('/') + 1);
}

/**
 * Whether a key holds an object (a current version), from a listing of at most one key.
 * @param s3 - the client.
 * @param bucket - the bucket.
 * @param key - the key.
 * @param signal - cancels.
 * @returns true when it does.
 */
async function holdsObject(s3: S3Client, bucket: string, key: string, signal?: AbortSignal): Promise<boolean> {
  for await (const page of listPrefixPages(s3, { bucket, prefix: key, delimiter: '', pageSize: 1, keepPrefixObject: true, signal })) {
    return page.objects[0]?.key === key;
  }
  return false;
}

/**
 * Which of the keys a listing of their shared folder shows, within a budget of pages.
 * @param s3 - the client.
 * @param bucket - the bucket.
 * @param keys - the keys, sorted in S3's order (code points), no duplicates.
 * @param signal - cancels.
 * @returns the keys listed, and the last key the listing reached (every key up to it was
 *   listed or is absent); undefined when the listing covered the whole folder.
 */
async function listedAmong(
  s3: S3Client,
  bucket: string,
  keys: readonly string[],
  signal?: AbortSignal
): Promise<{ listed: Set<string>; reached?: string }> {
  const wanted = new Set(keys);
  const listed = new Set<string>();
  let pages = 0;
  const budget = Math.ceil(keys.length / KEYS_PER_PAGE);
  for await (const page of listPrefixPages(s3, { bucket, prefix: sharedFolder(keys), delimiter: '', keepPrefixObject: true, signal })) {
    for (const object of page.objects) {
      if (wanted.has(object.key)) {
        listed.add(object.key);
      }
    }
    const last = page.objects[page.objects.length - 1]?.key;
    if (page.isLast || last === undefined) {
      return { listed };
    }
    if (++pages >= budget || compareCodePoints(last, keys[keys.length - 1]) >= 0) {
      return { listed, reached: last };
    }
  }
  return { listed };
}

/**
 * Which of the keys hold an object that writing them would replace for good.
 * @param s3 - the client.
 * @param options - the bucket, the keys a write is about to make, and a signal.
 * @returns the bucket's versioning and the keys (none in a versioned bucket).
 * @throws HeliumError `NotFound` (bucket), `AccessDenied`, `Network`, `Cancelled`…
 */
export async function keysReplacedForGood(
  s3: S3Client,
  options: { bucket: string; keys: readonly string[]; signal?: AbortSignal }
): Promise<ReplacedKeys> {
  const { bucket, signal } = options;
  let versioning: ReplacedKeys['versioning'];
  try {
    versioning = await getBucketVersioning(s3, bucket);
  } catch (err) {
    if (!isHeliumError(err, 'AccessDenied')) {
      throw err;
    }
    versioning = 'Unknown'; // no s3:GetBucketVersioning: look, and let the person decide
  }
  throwIfAborted(signal, 'Looking for objects an upload would replace');
  if (versioning === 'Enabled' || options.keys.length === 0) {
    return { versioning, keys: [] };
  }
  const unique = [...new Set(options.keys)].sort(compareCodePoints);
  let held = new Set<string>();
  let oneByOne = unique;
  if (unique.length > ONE_BY_ONE_AT_MOST) {
    const { listed, reached } = await listedAmong(s3, bucket, unique, signal);
    held = listed;
    oneByOne = reached === undefined ? [] : unique.filter(key => compareCodePoints(key, reached) > 0);
  }
  const holds = await mapWithConcurrency(oneByOne, LOOKUPS_IN_FLIGHT, key => holdsObject(s3, bucket, key, signal));
  oneByOne.forEach((key, i) => holds[i] && held.add(key));
  return { versioning, keys: [...new Set(options.keys)].filter(key => held.has(key)) };
}
