/**
 * Downloads: ranged GETs in parallel, pinned to one version, delivered to the sink in order.
 */
import { GetObjectCommand, HeadObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { HeliumError } from '../error-class';
import { toHeliumError } from '../error-mapping';
import { getEndpointLabel } from '../endpoint';
import { describeTarget } from '../error-messages';
import { totalFromContentRange } from '../object-info';
import { cancelled, stripQuotes } from '../request';
import { assertValidBucketName, assertReadableKey } from '../uri';
import { linkAbort, Notifier, progressReporter, transferLimits } from './control';
import { partCount, partRange, partSizeFor } from './part-size';
import { singleAttempt, withRetries } from './retry';
import type { DownloadOptions, DownloadResult } from './types';

/** The version every range is read from. */
interface Pin {
  bucket: string;
  key: string;
  size: number;
  /** The version id from HEAD (versioned buckets, also `null`). */
  versionId?: string;
  /** The ETag from HEAD, with its quotes: sent as `If-Match` with every range. */
  etag?: string;
}

/**
 * The error for an object that changed while it was being read (unversioned bucket).
 * @param pin - the object.
 * @param cause - what S3 answered.
 * @returns a `Conflict` error.
 */
function changedMeanwhile(pin: Pin, cause?: unknown): HeliumError {
  return new HeliumError(
    'Conflict',
    `${describeTarget({ action: 'GetObject', bucket: pin.bucket, key: pin.key })} was overwritten while it was being downloaded; nothing was saved. Download it again.`,
    { code: 'ObjectChanged', cause }
  );
}

/**
 * Read one range, pinned to the version (or ETag) from HEAD, body included.
 * @param s3 - the client.
 * @param pin - the object and its version.
 * @param start - the first byte.
 * @param end - one past the last byte.
 * @param signal - cancels the read.
 * @returns the bytes.
 */
async function getRange(s3: S3Client, pin: Pin, start: number, end: number, signal: AbortSignal): Promise<Uint8Array> {
  let output;
  try {
    output = await s3.send(
      singleAttempt(
        new GetObjectCommand({
          Bucket: pin.bucket,
          Key: pin.key,
          VersionId: pin.versionId,
          // Also with a version id: the "null" version of an unversioned or suspended bucket is
          // replaced in place by an overwrite; a real version's ETag never changes.
          IfMatch: pin.etag,
          Range: `bytes=${start}-${end - 1}`
        })
      ),
      { abortSignal: signal }
    );
  } catch (err) {
    const status = (err as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
    throw status === 412 ? changedMeanwhile(pin, err) : err;
  }
  const bytes = output.Body ? await output.Body.transformToByteArray() : new Uint8Array(0);
  if (!output.ContentRange) {
    // A server that ignores Range sends the whole object.
    if (bytes.byteLength === pin.size) {
      return bytes.subarray(start, end);
    }
  } else if (totalFromContentRange(output.ContentRange) !== pin.size) {
    throw changedMeanwhile(pin);
  }
  if (bytes.byteLength !== end - start) {
    // A body cut short: worth another attempt.
    throw Object.assign(new Error(`Received ${bytes.byteLength} of ${end - start} bytes: the connection was cut (premature close).`), {
      code: 'ERR_STREAM_PREMATURE_CLOSE'
    });
  }
  return bytes;
}

/**
 * Download an object (or one version of it) into a sink.
 *
 * A HEAD gives the size and the version id; the object is then read in ranges of
 * {@link partSizeFor}(size) bytes, each pinned to that version id and to its ETag (`If-Match`,
 * which is what pins an unversioned bucket's object), so a concurrent overwrite cannot mix two
 * versions: the bytes are the first version's, or the download fails with `Conflict`. Up to `concurrency`
 * ranges are in flight; the sink receives them strictly in order, and no more than
 * `concurrency` ranges are held in memory (a range may start only when it is within that
 * window of the next one to write). Each range is retried on throttling and dropped
 * connections, including a body cut short. On success `sink.close()` is called; on failure or
 * cancel, every request is stopped and `sink.abort()` is called.
 *
 * @param s3 - the client.
 * @param options - bucket, key, version, sink, concurrency, retries, signal, progress.
 * @returns the size, version id and ETag of what was downloaded.
 * @throws HeliumError `NotFound`, `AccessDenied`, `Cancelled`, `Conflict` (overwritten meanwhile
 *   in an unversioned bucket), `Network`…
 */
export async function downloadObject(s3: S3Client, options: DownloadOptions): Promise<DownloadResult> {
  const { bucket, key, sink } = options;
  assertValidBucketName(bucket);
  assertReadableKey(key);
  const limits = transferLimits(options);
  const link = linkAbort(options.signal);
  const context = { action: 'GetObject', bucket, key, versionId: options.versionId };
  const retry = { s3, context, retries: limits.retries, signal: link.signal };
  try {
    const head = await withRetries(
      () =>
        s3.send(singleAttempt(new HeadObjectCommand({ Bucket: bucket, Key: key, VersionId: options.versionId, ChecksumMode: 'ENABLED' })), {
          abortSignal: link.signal
        }),
      { ...retry, context: { ...context, action: 'HeadObject' } }
    );
    const pin: Pin = { bucket, key, size: head.ContentLength ?? 0, versionId: head.VersionId ?? options.versionId, etag: head.ETag };
    const progress = progressReporter(pin.size, options.onProgress);
    progress.report();
    const partSize = partSizeFor(pin.size);
    const count = partCount(pin.size);
    const ready = new Array<Uint8Array | undefined>(count);
    const changed = new Notifier();
    let nextToStart = 0;
    let nextToWrite = 0;
    let failure: { error: unknown } | undefined;
    const fail = (error: unknown) => {
      if (!failure) {
        failure = { error };
        link.abort(error);
      }
      changed.notify();
    };
    const fetcher = async (): Promise<void> => {
      while (!failure && nextToStart < count) {
        if (nextToStart >= nextToWrite + limits.concurrency) {
          await changed.wait();
          continue;
        }
        const index = nextToStart++;
        const { start, end } = partRange(pin.size, index, partSize);
        try {
          ready[index] = await withRetries(() => getRange(s3, pin, start, end, link.signal), retry);
        } catch (error) {
          fail(error);
        }
        changed.notify();
      }
    };
    const writer = async (): Promise<void> => {
      while (!failure && nextToWrite < count) {
        const bytes = ready[nextToWrite];
        if (!bytes) {
          await changed.wait();
          continue;
        }
        try {
          await sink.write(bytes);
        } catch (error) {
          fail(error);
          return;
        }
        ready[nextToWrite] = undefined;
        nextToWrite++;
        progress.add(bytes.byteLength);
        changed.notify();
      }
    };
    await Promise.all([writer(), ...Array.from({ length: Math.min(limits.concurrency, count) }, fetcher)]);
    if (failure) {
      throw failure.error;
    }
    await sink.close();
    const result: DownloadResult = { size: pin.size };
    if (pin.versionId) {
      result.versionId = pin.versionId;
    }
    if (head.ETag) {
      result.etag = stripQuotes(head.ETag);
    }
    if (head.ChecksumSHA256) {
      result.checksumSha256 = head.ChecksumSHA256;
    }
    return result;
  } catch (err) {
    const ctx = { ...context, endpoint: getEndpointLabel(s3) };
    const error = options.signal?.aborted ? cancelled(ctx, err) : toHeliumError(err, ctx);
    try {
      await sink.abort();
    } catch {
      // The download's own error is what matters.
    }
    throw error;
  } finally {
    link.dispose();
  }
}
