/**
 * Where the Quilt registry (layout V1) keeps things in a bucket, and the check of a top hash:
 *
 *   .quilt/packages/<top hash>                          manifest (JSONL), content-addressed
 *   .quilt/named_packages/<namespace>/<name>/<seconds>   top hash, one pointer per snapshot
 *   .quilt/named_packages/<namespace>/<name>/latest      top hash of the newest snapshot
 */
import { HeliumError } from '../error-class';
import { QUILT_PREFIX } from './names';
import { TOP_HASH } from './top-hash';

/** The key prefix of manifests. */
export const MANIFESTS_PREFIX = `${QUILT_PREFIX}packages/`;
/** The key prefix of package pointers. */
export const POINTERS_PREFIX = `${QUILT_PREFIX}named_packages/`;
/** The pointer quilt3 reads when no hash is given. */
export const LATEST = 'latest';
/** User metadata on manifests we write: `{"entries": N, "bytes": B}` (see `registry-list.ts`). */
export const STATS_METADATA_KEY = 'helium-stats';

/**
 * The key of a manifest.
 * @param topHash - its top hash.
 * @returns `.quilt/packages/<top hash>`.
 */
export function manifestKey(topHash: string): string {
  return `${MANIFESTS_PREFIX}${topHash}`;
}

/**
 * The prefix of a package's pointers.
 * @param name - `namespace/name`.
 * @returns `.quilt/named_packages/<name>/`.
 */
export function pointersPrefix(name: string): string {
  return `${POINTERS_PREFIX}${name}/`;
}

/**
 * The key of one pointer.
 * @param name - `namespace/name`.
 * @param pointer - `latest` or unix seconds.
 * @returns `.quilt/named_packages/<name>/<pointer>`.
 */
export function pointerKey(name: string, pointer: string | number): string {
  return `${pointersPrefix(name)}${pointer}`;
}

/**
 * Check a full top hash.
 * @param topHash - the hash.
 * @returns it, in lowercase.
 * @throws HeliumError `InvalidInput` unless it is 64 hex characters.
 */
export function assertTopHash(topHash: string): string {
  const hash = topHash.trim().toLowerCase();
  if (!TOP_HASH.test(hash)) {
    throw new HeliumError('InvalidInput', `"${topHash}" is not a top hash (64 hex characters).`, { code: 'InvalidTopHash' });
  }
  return hash;
}
