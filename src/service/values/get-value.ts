/**
 * getValue: read a value from S3, decoded by its format (T4's `helium.get`).
 */
import { HeliumError } from '../error-class';
import type { S3Client } from '@aws-sdk/client-s3';
import type { ObjectInfo } from '../object-info';
import { getObjectBytes } from '../objects-read';
import { formatS3Uri } from '../uri';
import type { FormatName } from '../formats/codec';
import { formatForObject, getFormat } from '../formats/registry';
import { HELIUM_METADATA_KEY, parseHeliumHeader } from './header';
import { resolveLocation, ValueLocation } from './location';

/** Options of {@link getValue}. */
export interface GetValueOptions {
  /**
   * Read the version this snapshot (a top hash, or ≥ 6 of its hex characters) pinned for the
   * object: T4's `get(..., snapshot=)`. The key is the object's key in the bucket, inside the
   * folder the snapshot was taken of.
   */
  snapshot?: string;
  /** Read this version (overrides a `versionId` in the location). */
  version?: string;
  /** Decode in this format instead of the one chosen from the object (e.g. `'bytes'`). */
  format?: FormatName | string;
  /** Cancels the read. */
  signal?: AbortSignal;
}

/** What {@link getValue} read. */
export interface GetValueResult<T = unknown> {
  /**
   * The value: a parsed JSON value (json), a string (txt), a `Uint8Array` (bytes), or an Apache
   * Arrow `Table` (parquet, arrow, csv).
   */
  value: T;
  /** The `user_meta` of `x-amz-meta-helium`; null when the object has no such header. */
  meta: unknown;
  /** The format it was decoded as. */
  format: FormatName;
  /** The object's details (version id, size, content type, checksum, user metadata…). */
  info: ObjectInfo;
}

/**
 * Read a value from S3. Its format is the `target` of its `x-amz-meta-helium` header when it
 * has one we know, else its key's extension (`.json`, `.parquet`, `.arrow`/`.feather`, `.csv`,
 * `.txt`…), else its Content-Type (`application/json`, `text/csv`, `text/*`…); otherwise its
 * bytes are returned as a `Uint8Array`.
 * @param s3 - the client.
 * @param source - `s3://bucket/key[?versionId=…]` or `{ bucket, key, versionId? }`.
 * @param options - version, format and abort signal.
 * @returns the value, its metadata, the format and the object's details.
 * @throws HeliumError `NotFound`, `AccessDenied`, `InvalidInput` (content not valid in its
 *   format: code `UnreadableContent`), `Conflict` (code `UnpinnedContentChanged`: the snapshot
 *   did not pin a version of the file and the object there no longer has its content),
 *   `Cancelled`, `Network`…
 */
export async function getValue<T = unknown>(
  s3: S3Client,
  source: ValueLocation,
  options: GetValueOptions = {}
): Promise<GetValueResult<T>> {
  let ref = resolveLocation(source, 'read');
  // Checked before any request.
  const explicit = options.format !== undefined ? getFormat(options.format) : undefined;
  if (options.version !== undefined) {
    ref.versionId = options.version;
  }
  if (options.snapshot !== undefined) {
    if (options.version !== undefined || ref.versionId !== undefined) {
      throw new HeliumError('InvalidInput', 'Give a version or a snapshot, not both: a snapshot already pins one version.');
    }
    // Loaded on demand: most reads never touch snapshots.
    const asOf = await import('../snapshots/as-of');
    const pinned = await asOf.objectAsOf(s3, { bucket: ref.bucket, key: ref.key, snapshot: options.snapshot, signal: options.signal });
    ref = { bucket: pinned.bucket, key: pinned.key, versionId: pinned.versionId };
    if (!pinned.pinned) {
      // The snapshot names whatever is there now (no version of its own): use it only when it
      // still has the snapshot's content.
      const read = await getObjectBytes(s3, { ...ref, signal: options.signal });
      await asOf.verifyUnpinnedBytes(s3, pinned, read.bytes, read.info, { signal: options.signal, consequence: 'Nothing was read.' });
      return decodeValue<T>(read.bytes, read.info, ref, explicit);
    }
  }
  const { bytes, info } = await getObjectBytes(s3, { ...ref, signal: options.signal });
  return decodeValue<T>(bytes, info, ref, explicit);
}

/**
 * Decode the bytes read of a value.
 * @param bytes - the bytes.
 * @param info - the object's details.
 * @param ref - what was read.
 * @param explicit - the format asked for, if any.
 * @returns the value, its metadata, the format and the object's details.
 */
async function decodeValue<T>(
  bytes: Uint8Array,
  info: ObjectInfo,
  ref: { bucket: string; key: string; versionId?: string },
  explicit: ReturnType<typeof getFormat> | undefined
): Promise<GetValueResult<T>> {
  const header = parseHeliumHeader(info.userMetadata[HELIUM_METADATA_KEY]);
  const codec = explicit ?? formatForObject({ target: header?.target, key: ref.key, contentType: info.contentType });
  const value = (await codec.decode(bytes, { source: formatS3Uri({ ...ref, versionId: info.versionId ?? ref.versionId }) })) as T;
  return {
    value,
    meta: header ? (header.user_meta ?? null) : null,
    format: codec.name,
    info
  };
}
