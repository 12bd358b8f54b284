/**
 * The Quilt registry (layout V1) in a bucket: reading manifests (cached: they are immutable),
 * resolving short hashes and reading `latest`. Where things live is registry-keys.ts; writing a
 * snapshot's manifest and pointers is registry-write.ts; the caches are registry-caches.ts. This
 * module is the registry's public face and re-exports the key layout.
 */
import type { S3Client } from '@aws-sdk/client-s3';
import { HeliumError, isHeliumError } from '../error-class';
import { listPrefixPages } from '../listing';
import { getObjectBytes, getObjectText } from '../objects-read';
import { assertValidBucketName } from '../uri';
import { parseManifest } from './manifest';
import { assertValidPackageName } from './names';
import { cachedManifest, rememberManifest } from './registry-caches';
import { assertTopHash, LATEST, manifestKey, MANIFESTS_PREFIX, pointerKey } from './registry-keys';
import { TOP_HASH } from './top-hash';
import type { Manifest } from './types';

export {
  assertTopHash,
  LATEST,
  manifestKey,
  MANIFESTS_PREFIX,
  pointerKey,
  pointersPrefix,
  POINTERS_PREFIX,
  STATS_METADATA_KEY
} from './registry-keys';

/**
 * Read a snapshot's manifest and check that it hashes to its name. Manifests are immutable, so
 * they are cached per client by bucket and hash (the same object is returned: do not modify it).
 * @param s3 - the client.
 * @param bucket - the bucket holding the registry.
 * @param topHash - the full top hash (see {@link resolveTopHash} for short ones).
 * @param signal - cancels the read.
 * @returns the manifest, entries in walk order.
 * @throws HeliumError `NotFound` (no such manifest), `InvalidInput` (code `InvalidManifest` or
 *   `ManifestHashMismatch`), `AccessDenied`, `Network`, `Cancelled`…
 */
export async function readSnapshot(s3: S3Client, bucket: string, topHash: string, signal?: AbortSignal): Promise<Manifest> {
  assertValidBucketName(bucket);
  const hash = assertTopHash(topHash);
  const cached = cachedManifest(s3, bucket, hash);
  if (cached) {
    return cached;
  }
  const key = manifestKey(hash);
  const { bytes } = await getObjectBytes(s3, { bucket, key, signal });
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch (cause) {
    throw new HeliumError('InvalidInput', `s3://${bucket}/${key} is not a valid Quilt manifest: it is not UTF-8 text.`, {
      code: 'InvalidManifest',
      cause
    });
  }
  const manifest = parseManifest(text, { expectedTopHash: hash, source: `The manifest s3://${bucket}/${key}` });
  rememberManifest(s3, bucket, hash, manifest);
  return manifest;
}

/**
 * Resolve a top hash given in full or by its first characters (at least 6), as quilt3's
 * `resolve_top_hash` does, by listing `.quilt/packages/<prefix>`.
 * @param s3 - the client.
 * @param bucket - the bucket.
 * @param prefix - a full hash or at least 6 of its first hex characters (any case).
 * @param signal - cancels the listing.
 * @returns the full top hash (a full hash is returned as given, lowercased, without a request).
 * @throws HeliumError `InvalidInput`: code `InvalidTopHash` (not hex, or under 6 characters),
 *   `SnapshotNotFound` (no manifest starts with it), `AmbiguousTopHash` (several do; the message
 *   lists them).
 */
export async function resolveTopHash(s3: S3Client, bucket: string, prefix: string, signal?: AbortSignal): Promise<string> {
  assertValidBucketName(bucket);
  const p = prefix.trim().toLowerCase();
  if (!/^[0-9a-f]+$/.test(p) || p.length > 64) {
    throw new HeliumError(
      'InvalidInput',
      `"${prefix}" is not a top hash: a top hash is 64 hex characters (0-9, a-f); give it whole or its first 6 or more.`,
      { code: 'InvalidTopHash' }
    );
  }
  if (p.length === 64) {
    return p;
  }
  if (p.length < 6) {
    throw new HeliumError(
      'InvalidInput',
      `"${prefix}" is too short to name a snapshot: give at least the first 6 characters of its top hash.`,
      {
        code: 'InvalidTopHash'
      }
    );
  }
  const matches: string[] = [];
  for await (const page of listPrefixPages(s3, { bucket, prefix: `${MANIFESTS_PREFIX}${p}`, delimiter: '', signal })) {
    for (const object of page.objects) {
      const hash = object.key.slice(MANIFESTS_PREFIX.length);
      if (TOP_HASH.test(hash)) {
        matches.push(hash);
      }
    }
  }
  if (matches.length === 1) {
    return matches[0];
  }
  if (matches.length === 0) {
    throw new HeliumError('InvalidInput', `No snapshot in s3://${bucket} has a top hash starting with "${p}".`, {
      code: 'SnapshotNotFound',
      hint: 'Check the hash, or list the snapshots of the folder.'
    });
  }
  const shown = matches.slice(0, 10).join(', ');
  const more = matches.length > 10 ? ` and ${matches.length - 10} more` : '';
  throw new HeliumError(
    'InvalidInput',
    `"${p}" is ambiguous in s3://${bucket}: ${matches.length} snapshots have top hashes starting with it (${shown}${more}). Give more characters.`,
    { code: 'AmbiguousTopHash' }
  );
}

/**
 * The top hash a package's `latest` pointer names.
 * @param s3 - the client.
 * @param bucket - the bucket.
 * @param name - the package.
 * @param signal - cancels the read.
 * @returns the hash, or undefined when the package has no `latest` (or it holds no hash).
 * @throws HeliumError `AccessDenied`, `Network`, `Cancelled`… (not `NotFound`).
 */
export async function readLatest(s3: S3Client, bucket: string, name: string, signal?: AbortSignal): Promise<string | undefined> {
  assertValidPackageName(name);
  try {
    const { text } = await getObjectText(s3, { bucket, key: pointerKey(name, LATEST), signal });
    const hash = text.trim().toLowerCase();
    return TOP_HASH.test(hash) ? hash : undefined;
  } catch (err) {
    if (isHeliumError(err, 'NotFound')) {
      return undefined;
    }
    throw err;
  }
}
