/**
 * The user metadata a restore's copy must write so the restored file has the snapshot's entry
 * metadata. helium reads a live file's entry metadata from its `x-amz-meta-helium` header (see
 * `snapshot-hash.ts`), and a helium snapshot took it from there, so copying the pinned version
 * as is carries it. A package quilt3 pushed keeps entry metadata (`pkg[key].set_meta(…)`) in its
 * manifest only: the pinned version has no such header (or another one), and a plain copy would
 * leave the folder `metadata-changed` against the snapshot after every restore.
 */
import { HeliumError } from '../error-class';
import { MAX_USER_METADATA_BYTES, userMetadataSize } from '../metadata';
import { HELIUM_METADATA_KEY } from '../values/header';
import { canonicalJson } from './python-json';
import { entryMetaFromHeader } from './snapshot-hash';
import { effectiveEntryMeta } from './top-hash';
import type { JsonValue } from './types';

/**
 * The user metadata to copy a pinned version with.
 * @param source - the pinned version's user metadata (from its HEAD).
 * @param entryMeta - the snapshot's entry metadata of the file (absent: `{}`).
 * @param uri - the file, for the message.
 * @returns undefined when the version already carries the entry metadata (copy it as is); else
 *   its user metadata with the `helium` header set to the entry metadata (compact, key-sorted,
 *   ASCII JSON, as quilt3 hashes it), or removed when that is empty.
 * @throws HeliumError `InvalidInput` (code `MetadataTooLarge`) when the entry metadata does not
 *   fit in S3's 2 KB of user metadata.
 */
export function restoredUserMetadata(
  source: Record<string, string>,
  entryMeta: JsonValue | undefined,
  uri: string
): Record<string, string> | undefined {
  const wanted = canonicalJson(effectiveEntryMeta(entryMeta ?? {}));
  if (canonicalJson(entryMetaFromHeader(source[HELIUM_METADATA_KEY])) === wanted) {
    return undefined;
  }
  const metadata = { ...source };
  delete metadata[HELIUM_METADATA_KEY];
  if (wanted !== '{}') {
    metadata[HELIUM_METADATA_KEY] = wanted;
  }
  // ASCII by construction (and the other names came from S3): only the size can be refused.
  const size = userMetadataSize(metadata);
  if (size > MAX_USER_METADATA_BYTES) {
    throw new HeliumError(
      'InvalidInput',
      `The snapshot's metadata of ${uri} would make ${size.toLocaleString('en-US')} bytes of user metadata; S3 keeps at most ${MAX_USER_METADATA_BYTES.toLocaleString('en-US')} (2 KB) on an object, so the file cannot be restored with it. Nothing was changed.`,
      { code: 'MetadataTooLarge' }
    );
  }
  return metadata;
}
