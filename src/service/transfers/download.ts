/**
 * Downloads: one stream first, more ranged streams only while they raise the throughput (see
 * download-plan.ts), every stream pinned to the version the first one read.
 */
import { GetObjectCommand, GetObjectCommandOutput, S3Client } from '@aws-sdk/client-s3';
import { HeliumError } from '../error-class';
import { errorFacts } from '../error-facts';
import { toHeliumError } from '../error-mapping';
import { getEndpointLabel } from '../endpoint';
import { describeTarget } from '../error-messages';
import { totalFromContentRange } from '../object-info';
import { cancelled, stripQuotes } from '../request';
import { assertValidBucketName, assertReadableKey } from '../uri';
import { bodyChunks } from './body-chunks';
import { linkAbort, progressReporter, transferLimits } from './control';
import { Segment, SegmentPlan, StreamTuner } from './download-plan';
import { directWriter, OffsetWriter, orderedWriter } from './ordered-writer';
import { partSizeFor } from './part-size';
import { backoffDelay, isRetryableError, singleAttempt, sleep, withRetries } from './retry';
import type { DownloadOptions, DownloadResult } from './types';
import { WriteBehind } from './write-behind';

/** Bytes a stream gathers before it writes them (one batch written while the next is read). */
const WRITE_BATCH = 1 * 1024 * 1024;

/** The version every stream reads. */
interface Pin {
  bucket: string;
  key: string;
  size: number;
  /** The version id of the first answer (versioned buckets, also `null`). */
  versionId?: string;
  /** The ETag of the first answer, with its quotes: sent as `If-Match` with every range. */
  etag?: string;
}

/** Internal knobs of {@link runDownload} (tests). */
export interface DownloadTuning {
  /** The tuner deciding when to add streams (default {@link StreamTuner}). */
  tuner?: (maxStreams: number) => Pick<StreamTuner, 'parallel' | 'settled' | 'start' | 'added' | 'firstByte' | 'cannotAdd' | 'observe'>;
  /** The clock (ms). */
  now?: () => number;
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
 * A body that ended before its bytes: worth another attempt (from where it stopped).
 * @param got - bytes received.
 * @param wanted - bytes expected.
 * @returns the error.
 */
function cutShort(got: number, wanted: number): Error {
  return Object.assign(new Error(`Received ${got} of ${wanted} bytes: the connection was cut (premature close).`), {
    code: 'ERR_STREAM_PREMATURE_CLOSE'
  });
}

/**
 * Open a range of the pinned version (its body is read by the caller).
 * @param s3 - the client.
 * @param pin - the object and its version.
 * @param start - the first byte.
 * @param end - one past the last byte.
 * @param signal - cancels the request and its body.
 * @returns the response.
 */
async function openRange(s3: S3Client, pin: Pin, start: number, end: number, signal: AbortSignal): Promise<GetObjectCommandOutput> {
  try {
    return await s3.send(
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
    throw errorFacts(err).status === 412 ? changedMeanwhile(pin, err) : err;
  }
}

/**
 * Download an object (or one version of it) into a sink.
 *
 * One GET of the whole object starts it (no HEAD: its answer gives the size, version id and
 * ETag, and a small object is done in that one request). While that stream runs, the throughput
 * is measured and a second, ranged stream is started on the second half of what is left; more
 * follow only while each raised the rate (see {@link StreamTuner}), so a server where each
 * ranged GET is expensive keeps one stream. Every range is pinned to the first answer's version
 * id and ETag (`If-Match`), so a concurrent overwrite cannot mix two versions: the bytes are the
 * first version's, or the download fails with `Conflict`.
 *
 * A sink with `writeAt` (a file) gets each stream's bytes at their offset as they arrive: memory
 * stays at a few network chunks. Other sinks get the bytes strictly in order; bytes read ahead
 * are held, at most `concurrency` parts of them, and a stream ahead waits when that is full.
 * A stream that breaks (dropped connection, body cut short, throttling) resumes from its last
 * byte, with backoff, `retries` times in a row without progress. On success `sink.close()` is
 * called; on failure or cancel every request is stopped and `sink.abort()` is called.
 *
 * @param s3 - the client.
 * @param options - bucket, key, version, sink, concurrency, retries, signal, progress.
 * @returns the size, version id and ETag of what was downloaded.
 * @throws HeliumError `NotFound`, `AccessDenied`, `Cancelled`, `Conflict` (overwritten meanwhile
 *   in an unversioned bucket), `Network`…
 */
export async function downloadObject(s3: S3Client, options: DownloadOptions): Promise<DownloadResult> {
  return runDownload(s3, options, {});
}

/**
 * {@link downloadObject} with internal knobs (the tuner, the clock) that tests replace.
 * @param s3 - the client.
 * @param options - as for downloadObject.
 * @param tuning - the tuner and the clock.
 * @returns as downloadObject.
 */
export async function runDownload(s3: S3Client, options: DownloadOptions, tuning: DownloadTuning): Promise<DownloadResult> {
  const { bucket, key, sink } = options;
  assertValidBucketName(bucket);
  assertReadableKey(key);
  const limits = transferLimits(options);
  const now = tuning.now ?? (() => Date.now());
  const link = linkAbort(options.signal);
  const context = { action: 'GetObject', bucket, key, versionId: options.versionId };
  const retry = { s3, context, retries: limits.retries, signal: link.signal };
  try {
    const firstAsked = now();
    const first = await withRetries(
      () =>
        s3.send(singleAttempt(new GetObjectCommand({ Bucket: bucket, Key: key, VersionId: options.versionId })), {
          abortSignal: link.signal
        }),
      retry
    );
    const firstAnswered = now();
    const size = totalFromContentRange(first.ContentRange) ?? first.ContentLength ?? 0;
    const pin: Pin = { bucket, key, size, versionId: first.VersionId ?? options.versionId, etag: first.ETag };
    const progress = progressReporter(size, options.onProgress);
    progress.report();
    const partSize = partSizeFor(size);
    const writer: OffsetWriter = sink.writeAt
      ? directWriter(sink as { writeAt(offset: number, bytes: Uint8Array): Promise<void> })
      : orderedWriter(sink, limits.concurrency * partSize, link.signal);
    // In order, a new stream starts at most half the read-ahead buffer past the older one.
    const maxAhead = sink.writeAt ? Infinity : Math.max(partSize, Math.floor(limits.concurrency / 2) * partSize);
    const plan = new SegmentPlan(size, partSize, maxAhead);
    const tuner = tuning.tuner?.(limits.concurrency) ?? new StreamTuner({ maxStreams: limits.concurrency });
    const tasks: Promise<void>[] = [];
    let failure: { error: unknown } | undefined;
    const fail = (error: unknown) => {
      if (!failure) {
        failure = { error };
        link.abort(error);
      }
    };

    /**
     * Read one segment to its (possibly shrinking) end, resuming after breaks.
     * @param segment - the bytes to read; `pos` advances as bytes are claimed.
     * @param opened - the response to read first (the first stream's), if any.
     * @param onFirstBytes - called once, when the first bytes arrive.
     */
    const readSegment = async (segment: Segment, opened: GetObjectCommandOutput | undefined, onFirstBytes: () => void): Promise<void> => {
      let response = opened;
      let attempt = 0;
      let seenBytes = false;
      while (segment.pos < segment.end || response) {
        const before = segment.pos;
        const behind = new WriteBehind((offset, bytes) => writer.writeAt(offset, bytes), WRITE_BATCH);
        try {
          response ??= await openRange(s3, pin, segment.pos, segment.end, link.signal);
          const rangeTotal = totalFromContentRange(response.ContentRange);
          if (rangeTotal !== undefined && rangeTotal !== size) {
            throw changedMeanwhile(pin);
          }
          // Where the body starts: a range's first byte, or 0 (a server that ignores Range).
          let at = response.ContentRange ? Number(/bytes (\d+)-/.exec(response.ContentRange)?.[1] ?? 0) : 0;
          const length = response.ContentLength;
          const bodyEnd = at + (length ?? size - at);
          const body = response.Body;
          response = undefined;
          for await (const chunk of bodyChunks(body, length)) {
            if (!seenBytes) {
              seenBytes = true;
              onFirstBytes();
            }
            const from = Math.max(at, segment.pos);
            const to = Math.min(at + chunk.byteLength, segment.end);
            at += chunk.byteLength;
            if (to > from) {
              // Claimed before the write: a split meanwhile starts after these bytes.
              segment.pos = to;
              await behind.push(from, chunk.subarray(from - (at - chunk.byteLength), to - (at - chunk.byteLength)));
              progress.add(to - from);
              advise(to - from);
            }
            if (link.signal.aborted) {
              throw link.signal.reason ?? new Error('Cancelled');
            }
            // Stop the body only when it has bytes left that are another stream's now: one read to
            // its end goes back to the connection pool (a body stopped early closes its socket).
            if (failure || (segment.pos >= segment.end && at < bodyEnd)) {
              break;
            }
          }
          if (failure) {
            return;
          }
          await behind.flush();
          if (segment.pos < segment.end) {
            throw cutShort(segment.pos - before, segment.end - before);
          }
        } catch (err) {
          response = undefined;
          if (failure || link.signal.aborted) {
            return;
          }
          // The bytes claimed before the break are written before reading on from there.
          await behind.flush();
          if (segment.pos > before) {
            attempt = 0; // it made progress: the count of failures in a row starts again
          }
          if (attempt >= limits.retries || !isRetryableError(err)) {
            throw err;
          }
          await sleep(backoffDelay(attempt++, err), link.signal);
        }
      }
    };

    /**
     * One stream: its segment, then (while more streams help) part of the largest one left.
     * @param segment - the first segment.
     * @param opened - the first stream's response.
     * @param onFirstBytes - called when its first bytes arrive.
     */
    const runStream = async (segment: Segment, opened: GetObjectCommandOutput | undefined, onFirstBytes: () => void) => {
      let current: Segment | undefined = segment;
      let first = onFirstBytes;
      while (current && !failure) {
        await readSegment(current, opened, first);
        opened = undefined;
        first = () => undefined;
        plan.done(current);
        // Proven faster: take half of the largest segment left; still probing: a part of it.
        current = tuner.parallel ? plan.split() : tuner.settled ? undefined : plan.split(partSize);
      }
    };
    const spawn = (segment: Segment, opened: GetObjectCommandOutput | undefined, onFirstBytes: () => void) => {
      tasks.push(runStream(segment, opened, onFirstBytes).catch(fail));
    };

    let received = 0;
    /**
     * Bytes arrived: ask the tuner whether to start a stream, and start it.
     * @param bytes - how many.
     */
    const advise = (bytes: number) => {
      received += bytes;
      if (failure || tuner.observe(now(), bytes, size - received) !== 'add') {
        return;
      }
      // The first extra stream is a probe (one part, at the end of a file): if more streams do
      // not help here, it cost one request and little reading.
      const segment = tuner.parallel ? plan.split() : plan.split(partSize);
      if (!segment) {
        tuner.cannotAdd();
        return;
      }
      tuner.added(now());
      spawn(segment, undefined, () => tuner.firstByte(now()));
    };

    spawn(plan.first(), first, () => tuner.start(now(), firstAnswered - firstAsked));
    for (let i = 0; i < tasks.length; i++) {
      await tasks[i];
    }
    if (failure) {
      throw failure.error;
    }
    if (link.signal.aborted) {
      throw link.signal.reason ?? new Error('Cancelled');
    }
    await sink.close();
    const result: DownloadResult = { size };
    if (pin.versionId) {
      result.versionId = pin.versionId;
    }
    if (first.ETag) {
      result.etag = stripQuotes(first.ETag);
    }
    if (first.ChecksumSHA256) {
      result.checksumSha256 = first.ChecksumSHA256;
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
