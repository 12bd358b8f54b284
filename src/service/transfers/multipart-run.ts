/**
 * What every multipart write shares (uploads of bytes, server-side copies in parts): create the
 * upload, store its parts a few at a time, complete it, and abort it on any failure or cancel so
 * that no parts are left behind. Create and Complete are never cancelled in flight (a cancelled
 * Create could still start an upload whose id we never learn; a cancelled Complete could still
 * write the object after we said "cancelled"): they answer, then we abort.
 */
import { AbortMultipartUploadCommand, CompletedPart, ListPartsCommand, S3Client } from '@aws-sdk/client-s3';
import { HeliumError, isHeliumError } from '../error-class';
import { errorFacts } from '../error-facts';
import { toHeliumError } from '../error-mapping';
import { getEndpointLabel } from '../endpoint';
import { cancelled } from '../request';
import { formatS3Uri } from '../uri';
import { linkAbort } from './control';
import { RetryOptions, singleAttempt, withRetries } from './retry';

/** Where one multipart write goes. */
export interface MultipartTarget {
  bucket: string;
  key: string;
}

/** What {@link MultipartRunOptions.part} is given. */
export interface PartContext {
  /** The upload. */
  uploadId: string;
  /** Aborted on cancel or when another part failed: pass it to every request of the part. */
  signal: AbortSignal;
  /**
   * Retry options for one request of the part (client, context, retries, the signal above).
   * @param action - the S3 action, for messages.
   * @returns options for {@link withRetries}.
   */
  retry(action: string): RetryOptions;
}

/** Options of {@link runMultipart}. */
export interface MultipartRunOptions<R> {
  /** The client. */
  s3: S3Client;
  /** Bucket and key written. */
  target: MultipartTarget;
  /** How many parts. */
  count: number;
  /** Parts in flight at most. */
  concurrency: number;
  /** Retries per request. */
  retries: number;
  /** The caller's cancel. */
  signal?: AbortSignal;
  /** The action errors are reported as (e.g. `UploadPart`, `CopyObject`). */
  action: string;
  /** What is written, in messages: `upload` or `copy`. */
  noun: string;
  /**
   * Send ONE CreateMultipartUpload attempt (retried here; sent without an abort signal).
   * @returns the upload id S3 answered.
   */
  create(): Promise<string | undefined>;
  /**
   * Store part `index` (0-based; its PartNumber is `index + 1`), retrying its own requests.
   * @param index - the part.
   * @param ctx - upload id, signal and retry options.
   * @returns the part for CompleteMultipartUpload.
   */
  part(index: number, ctx: PartContext): Promise<CompletedPart>;
  /**
   * Send ONE CompleteMultipartUpload attempt (retried here; sent without an abort signal).
   * @param uploadId - the upload.
   * @param parts - every part, in order.
   * @returns the caller's result.
   */
  complete(uploadId: string, parts: CompletedPart[]): Promise<R>;
  /**
   * A retried Complete answered NoSuchUpload: the first attempt may have written the object and
   * its answer been lost. Check the key (HEAD, with no abort signal: completing is not cancelled).
   * @param parts - every part, in order.
   * @returns the result when the key's current version is the one this upload wrote, else
   *   undefined (then the run fails).
   */
  confirmCompleted(parts: CompletedPart[]): Promise<R | undefined>;
}

/**
 * Run one multipart write: create; store `count` parts with at most `concurrency` in flight,
 * stopping the others at the first failure; complete (a retry that finds the upload gone asks
 * {@link MultipartRunOptions.confirmCompleted}); on any failure or cancel, abort the upload (and
 * say so when its parts could not be removed).
 * @param options - client, target, parts, limits, signal and the four steps.
 * @returns what `complete` (or `confirmCompleted`) returned.
 * @throws HeliumError: `Cancelled` when the caller cancelled, else the first failure, mapped.
 */
export async function runMultipart<R>(options: MultipartRunOptions<R>): Promise<R> {
  const { s3, target, count, retries } = options;
  const { bucket, key } = target;
  const link = linkAbort(options.signal);
  const retry = (action: string): RetryOptions => ({ s3, context: { action, bucket, key }, retries, signal: link.signal });
  let uploadId: string | undefined;
  try {
    // No abort signal (see the header): we let it answer, then abort the upload below.
    uploadId = await withRetries(options.create, { ...retry('CreateMultipartUpload'), signal: undefined });
    if (!uploadId) {
      throw new HeliumError('Unknown', `The S3 server did not return an upload id for the multipart ${options.noun}.`, {
        code: 'NoUploadId'
      });
    }
    const id = uploadId;
    if (link.signal.aborted) {
      throw link.signal.reason ?? new Error('Cancelled');
    }
    const parts = new Array<CompletedPart>(count);
    const ctx: PartContext = { uploadId: id, signal: link.signal, retry };
    let next = 0;
    let failure: { error: unknown } | undefined;
    const worker = async (): Promise<void> => {
      while (!failure && next < count) {
        const index = next++;
        try {
          parts[index] = await options.part(index, ctx);
        } catch (error) {
          if (!failure) {
            failure = { error };
            link.abort(error);
          }
        }
      }
    };
    // Every worker settles before we go on: nothing is in flight when we complete or abort.
    await Promise.all(Array.from({ length: Math.max(1, Math.min(options.concurrency, count)) }, worker));
    if (failure) {
      throw failure.error;
    }
    return await completeRun(options, id, parts);
  } catch (err) {
    const ctx = { action: options.action, bucket, key, endpoint: getEndpointLabel(s3) };
    let error = options.signal?.aborted ? cancelled(ctx, err) : toHeliumError(err, ctx);
    if (uploadId) {
      const leftover = await abortUpload(s3, target, uploadId, retries);
      if (leftover) {
        error = new HeliumError(
          error.kind,
          `${error.message} Its partial ${options.noun} could not be removed (${leftover.message}); S3 keeps the parts until the upload is aborted.`,
          { code: error.code, status: error.status, hint: error.hint, cause: err }
        );
      }
    }
    throw error;
  } finally {
    link.dispose();
  }
}

/**
 * Complete, retried, and not cancellable (once every part is stored, completing is the quick,
 * safe end). A retry answered NoSuchUpload means the upload is gone: completed by an earlier
 * attempt whose answer was lost, or aborted by someone else; `confirmCompleted` tells which.
 * @param options - the run's options.
 * @param uploadId - the upload.
 * @param parts - every part, in order.
 * @returns the result.
 */
async function completeRun<R>(options: MultipartRunOptions<R>, uploadId: string, parts: CompletedPart[]): Promise<R> {
  const { s3, target } = options;
  let attempts = 0;
  return withRetries(
    async () => {
      attempts++;
      try {
        return await options.complete(uploadId, parts);
      } catch (err) {
        if (attempts > 1 && isNoSuchUpload(err)) {
          const confirmed = await options.confirmCompleted(parts).catch(headError => {
            if (errorFacts(headError).status === 404) {
              return undefined; // no object at the key at all: not written
            }
            throw headError;
          });
          if (confirmed !== undefined) {
            return confirmed;
          }
          throw new HeliumError(
            'Conflict',
            `The multipart ${options.noun} to ${formatS3Uri(target)} disappeared while it was being completed (NoSuchUpload), and the object there now is not the one it would have written (the upload may have been aborted elsewhere, or the key written since). Check the object's versions, then try again.`,
            { code: 'NoSuchUpload', cause: err }
          );
        }
        throw err;
      }
    },
    { s3, context: { action: 'CompleteMultipartUpload', ...target }, retries: options.retries }
  );
}

/**
 * Whether an error is S3's NoSuchUpload.
 * @param err - what was thrown.
 * @returns true for NoSuchUpload.
 */
function isNoSuchUpload(err: unknown): boolean {
  const facts = errorFacts(err);
  return facts.code === 'NoSuchUpload' || facts.name === 'NoSuchUpload';
}

/**
 * Abort a multipart upload so that S3 frees its parts, and check that it is gone (a part
 * still being stored while the abort ran can keep it alive: then abort again). Runs even after
 * the caller cancelled (it is not tied to their signal).
 * @param s3 - the client.
 * @param target - bucket and key.
 * @param uploadId - the upload.
 * @param retries - retries per request.
 * @returns undefined when the upload is gone (or cannot be checked), else the error that kept
 *   it from being aborted.
 */
export async function abortUpload(
  s3: S3Client,
  target: MultipartTarget,
  uploadId: string,
  retries: number
): Promise<HeliumError | undefined> {
  const { bucket, key } = target;
  const input = { Bucket: bucket, Key: key, UploadId: uploadId };
  for (let round = 0; round < 3; round++) {
    try {
      await withRetries(() => s3.send(singleAttempt(new AbortMultipartUploadCommand(input))), {
        s3,
        context: { action: 'AbortMultipartUpload', bucket, key },
        retries
      });
    } catch (err) {
      return isHeliumError(err, 'NotFound') ? undefined : (err as HeliumError);
    }
    try {
      await s3.send(new ListPartsCommand({ ...input, MaxParts: 1 }));
    } catch {
      // NoSuchUpload: gone, as it should be (or we may not list parts: nothing more to do).
      return undefined;
    }
  }
  return undefined;
}
