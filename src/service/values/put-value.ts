/**
 * putValue: write a value to S3 in a format chosen from the value (T4's `helium.put`).
 */
import type { S3Client } from '@aws-sdk/client-s3';
import { putObject, PutResult } from '../objects-write';
import { throwIfAborted } from '../error-class';
import { formatS3Uri } from '../uri';
import type { FormatName } from '../formats/codec';
import { formatForValue, getFormat } from '../formats/registry';
import { unwritable } from '../formats/util';
import { assertMetadataFits, encodeHeliumHeader, HELIUM_METADATA_KEY } from './header';
import { resolveLocation, ValueLocation } from './location';

/** Options of {@link putValue}. */
export interface PutValueOptions {
  /** Metadata stored with the value (any JSON value), as `user_meta` in `x-amz-meta-helium`. */
  meta?: unknown;
  /** The Content-Type; the format's own by default (e.g. `application/json`). */
  contentType?: string;
  /** Write in this format instead of the one chosen from the value (e.g. `'arrow'` for a table). */
  format?: FormatName | string;
  /** Cancels the upload. */
  signal?: AbortSignal;
}

/** What {@link putValue} wrote. */
export interface PutValueResult extends PutResult {
  /** The format written (the header's `target`). */
  format: FormatName;
}

/**
 * Write a value to S3, in a format chosen from the value:
 * - a plain object or array (also a number, boolean or null) → JSON (UTF-8, `application/json`);
 * - a string → UTF-8 text;
 * - a `Uint8Array` (any typed array, ArrayBuffer) or `Blob` → the bytes as they are;
 * - an Apache Arrow `Table` → Parquet (snappy) that pandas and pyarrow read back with the same types.
 *
 * The format and `meta` go in `x-amz-meta-helium` as `{"target":…,"user_meta":…}`. Metadata over
 * S3's 2 KB limit is refused before the value is even encoded. The write is one `putObject`
 * with a SHA-256 checksum.
 * @param s3 - the client.
 * @param dest - `s3://bucket/key` or `{ bucket, key }`.
 * @param value - the value.
 * @param options - metadata, content type, format and abort signal.
 * @returns the new version id, ETag, SHA-256 checksum and the format written.
 * @throws HeliumError `InvalidInput` (unsupported value, metadata too large, bad key),
 *   `AccessDenied`, `NotFound` (bucket), `Cancelled`, `Network`…
 */
export async function putValue(s3: S3Client, dest: ValueLocation, value: unknown, options: PutValueOptions = {}): Promise<PutValueResult> {
  const location = resolveLocation(dest, 'write');
  const codec = options.format !== undefined ? getFormat(options.format) : formatForValue(value);
  if (!codec.encode) {
    throw unwritable(codec.name, `${codec.name} is read-only here; write a Table as Parquet or Arrow instead.`);
  }
  const userMetadata = { [HELIUM_METADATA_KEY]: encodeHeliumHeader(codec.name, options.meta) };
  assertMetadataFits(userMetadata);
  const uri = formatS3Uri(location);
  throwIfAborted(options.signal, `Writing ${uri}`);
  const body = await codec.encode(value);
  throwIfAborted(options.signal, `Writing ${uri}`);
  const result = await putObject(s3, {
    bucket: location.bucket,
    key: location.key,
    body,
    contentType: options.contentType ?? codec.contentType,
    userMetadata,
    signal: options.signal
  });
  return { ...result, format: codec.name };
}
