/**
 * Reading objects: details (HEAD), bytes, text and streams, of the current or a given version,
 * whole or a byte range.
 */
import { GetObjectCommand, GetObjectCommandOutput, HeadObjectCommand, HeadObjectCommandOutput, S3Client } from '@aws-sdk/client-s3';
import { HeliumError, isHeliumError } from './error-class';
import { ObjectInfo, ObjectRef, toObjectInfo } from './object-info';
import { CallContext, cancelled, guard, quotedEtag } from './request';
import { toHeliumError } from './error-mapping';
import { getEndpointLabel } from './endpoint';
import { assertValidBucketName, assertReadableKey } from './uri';

/** A byte range: `start` inclusive, `end` exclusive (like `Uint8Array.slice`); no `end` = to the end. */
export interface ByteRange {
  /** The first byte to read. */
  start: number;
  /** One past the last byte to read; the end of the object when absent. */
  end?: number;
}

/** Options of the reads: which object, which bytes, and cancellation. */
export interface ReadOptions extends ObjectRef {
  /** Read only these bytes. */
  range?: ByteRange;
  /** Cancels the read. */
  signal?: AbortSignal;
  /**
   * Read only if the object's ETag is still this one (S3 answers 412, a `Conflict`, otherwise):
   * how ranged reads of an object without a version id keep reading the same bytes.
   */
  ifMatch?: string;
}

/**
 * Check a reference before any request.
 * @param ref - bucket and key.
 */
function assertValidRef(ref: ObjectRef): void {
  assertValidBucketName(ref.bucket);
  assertReadableKey(ref.key);
}

/**
 * The HTTP Range header for a byte range.
 * @param range - the range.
 * @returns the header value.
 * @throws HeliumError `InvalidInput` for an empty or negative range.
 */
export function rangeHeader(range: ByteRange): string {
  const { start, end } = range;
  if (!Number.isSafeInteger(start) || start < 0 || (end !== undefined && (!Number.isSafeInteger(end) || end <= start))) {
    throw new HeliumError(
      'InvalidInput',
      `The byte range ${start}–${end ?? 'end'} is not valid: start must be a whole number ≥ 0 and end greater than start.`,
      { code: 'InvalidRange' }
    );
  }
  return end === undefined ? `bytes=${start}-` : `bytes=${start}-${end - 1}`;
}

/**
 * The error context of a read.
 * @param ref - the object.
 * @param action - the S3 action.
 * @returns the context.
 */
function readContext(ref: ObjectRef, action: string): CallContext {
  return { action, bucket: ref.bucket, key: ref.key, versionId: ref.versionId };
}

/**
 * HEAD an object (or one of its versions, or one part of it) with S3's checksums: the one guarded
 * HeadObject of the engine, for {@link headObject}, copies and snapshot hashes. The reference is
 * not checked here (callers check it before any request).
 * @param s3 - the client.
 * @param ref - bucket, key and optional version id.
 * @param options - an abort signal, and a part number to learn that part's size and checksum.
 * @returns the raw response.
 * @throws HeliumError `NotFound`, `AccessDenied`, `Network`, `Cancelled`…
 */
export function headObjectOutput(
  s3: S3Client,
  ref: ObjectRef,
  options: { signal?: AbortSignal; partNumber?: number } = {}
): Promise<HeadObjectCommandOutput> {
  const { signal, partNumber } = options;
  return guard(
    s3,
    readContext(ref, 'HeadObject'),
    () =>
      s3.send(
        new HeadObjectCommand({
          Bucket: ref.bucket,
          Key: ref.key,
          VersionId: ref.versionId,
          ChecksumMode: 'ENABLED',
          PartNumber: partNumber
        }),
        { abortSignal: signal }
      ),
    signal
  );
}

/**
 * Get the details of an object (or of one of its versions), including its SHA-256 checksum
 * when S3 has one.
 * @param s3 - the client.
 * @param ref - bucket, key and optional version id (and an optional abort signal).
 * @returns the object's details.
 * @throws HeliumError `NotFound`, `AccessDenied`, `Network`, `InvalidInput`…
 */
export async function headObject(s3: S3Client, ref: ObjectRef & { signal?: AbortSignal }): Promise<ObjectInfo> {
  assertValidRef(ref);
  const output = await headObjectOutput(s3, ref, { signal: ref.signal });
  return toObjectInfo(ref.key, output);
}

/**
 * The details of a key's current version, from one HEAD.
 * @param s3 - the client.
 * @param ref - bucket and key (and an optional abort signal).
 * @returns its details, or null when it has no current version (no such key, or a delete marker
 *   on top: S3 answers both with 404).
 * @throws HeliumError `NoSuchBucket` (when S3 says so), `AccessDenied`, `Network`, `Cancelled`…
 */
export async function headCurrent(s3: S3Client, ref: { bucket: string; key: string; signal?: AbortSignal }): Promise<ObjectInfo | null> {
  try {
    return await headObject(s3, { bucket: ref.bucket, key: ref.key, signal: ref.signal });
  } catch (err) {
    if (isHeliumError(err, 'NotFound') && err.code !== 'NoSuchBucket') {
      return null;
    }
    throw err;
  }
}

/**
 * Send a GetObject request.
 * @param s3 - the client.
 * @param options - the object, range and signal.
 * @returns the response, whose body is still unread.
 */
async function sendGet(s3: S3Client, options: ReadOptions): Promise<GetObjectCommandOutput> {
  assertValidRef(options);
  const range = options.range ? rangeHeader(options.range) : undefined;
  const output = await guard(
    s3,
    readContext(options, 'GetObject'),
    () =>
      s3.send(
        new GetObjectCommand({
          Bucket: options.bucket,
          Key: options.key,
          VersionId: options.versionId,
          Range: range,
          IfMatch: options.ifMatch ? quotedEtag(options.ifMatch) : undefined,
          // Whole reads: S3 returns its checksum, and the SDK verifies the bytes against it.
          ChecksumMode: range ? undefined : 'ENABLED'
        }),
        { abortSignal: options.signal }
      ),
    options.signal
  );
  return output;
}

/**
 * Read an object's bytes (or a range of them).
 * @param s3 - the client.
 * @param options - bucket, key, optional version, optional byte range, optional abort signal.
 * @returns the bytes and the object's details (`info.size` is the whole object's size).
 * @throws HeliumError `NotFound`, `InvalidInput` (e.g. a range outside the object), `Cancelled`…
 */
export async function getObjectBytes(s3: S3Client, options: ReadOptions): Promise<{ bytes: Uint8Array; info: ObjectInfo }> {
  const output = await sendGet(s3, options);
  const info = toObjectInfo(options.key, output);
  let bytes = await guard(
    s3,
    readContext(options, 'GetObject'),
    async () => (output.Body ? await output.Body.transformToByteArray() : new Uint8Array(0)),
    options.signal
  );
  // A server that ignores Range answers 200 with the whole object: cut the range out here.
  if (options.range && !output.ContentRange) {
    bytes = bytes.subarray(options.range.start, options.range.end ?? bytes.length);
  }
  return { bytes, info };
}

/**
 * Read an object (or a range of it) as UTF-8 text.
 * @param s3 - the client.
 * @param options - bucket, key, optional version, optional byte range, optional abort signal.
 * @returns the text and the object's details.
 */
export async function getObjectText(s3: S3Client, options: ReadOptions): Promise<{ text: string; info: ObjectInfo }> {
  const { bytes, info } = await getObjectBytes(s3, options);
  return { text: new TextDecoder('utf-8').decode(bytes), info };
}

/**
 * Open an object (or a range of it) as a web stream, for consumers that must not hold it all
 * in memory. Errors while reading the stream are HeliumErrors too; cancel the stream (or abort
 * `signal`) to stop the download.
 * @param s3 - the client.
 * @param options - bucket, key, optional version, optional byte range, optional abort signal.
 * @returns the stream of bytes, the object's details, and whether the stream is the range asked
 *   for (false when a server that ignores Range sent the whole object; true without a range).
 */
export async function getObjectStream(
  s3: S3Client,
  options: ReadOptions
): Promise<{ stream: ReadableStream<Uint8Array>; info: ObjectInfo; ranged: boolean }> {
  const output = await sendGet(s3, options);
  const info = toObjectInfo(options.key, output);
  const ctx = { ...readContext(options, 'GetObject'), endpoint: getEndpointLabel(s3) };
  const body = output.Body;
  const source: ReadableStream<Uint8Array> = body
    ? (body.transformToWebStream() as ReadableStream<Uint8Array>)
    : new ReadableStream<Uint8Array>({ start: c => c.close() });
  const reader = source.getReader();
  const stream = new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        const { done, value } = await reader.read();
        if (done) {
          controller.close();
        } else {
          controller.enqueue(value);
        }
      } catch (err) {
        controller.error(options.signal?.aborted ? cancelled(ctx, err) : toHeliumError(err, ctx));
      }
    },
    cancel(reason) {
      return reader.cancel(reason);
    }
  });
  return { stream, info, ranged: !options.range || output.ContentRange !== undefined };
}
