/**
 * Running many file transfers: small files several at a time, large (multipart) files one at a
 * time with their parts in parallel, so memory stays near `concurrency` parts whatever the mix.
 * The first failure stops the rest (their multipart uploads are aborted, temp files removed).
 */
import { HeliumError } from '../service/error-class';
import { BASE_PART_SIZE } from '../service/transfers';
import type { Progress } from './progress';

/** One transfer to run. */
export interface Job<R> {
  /** A unique id (for progress). */
  id: string;
  /** Its size in bytes. */
  size: number;
  /**
   * Do the transfer.
   * @param signal - aborted on Ctrl-C or when another transfer failed.
   * @param onBytes - report bytes transferred so far.
   */
  run(signal: AbortSignal, onBytes: (transferred: number) => void): Promise<R>;
}

/** Small files in flight when `--concurrency` is not given (as aws-cli and boto3 use 10). */
export const DEFAULT_FILE_WORKERS = 10;

/**
 * Run jobs with bounded concurrency and memory, reporting progress.
 * @param jobs - the transfers.
 * @param concurrency - transfers (small files) or parts (large files) in flight.
 * @param signal - the command's cancellation (Ctrl-C).
 * @param progress - the display.
 * @param onDone - called after each job, in completion order (print a line, collect results).
 * @param fileWorkers - small files in flight (default `concurrency`); each holds at most one part.
 * @returns when every job is done.
 * @throws the first job's error (the others are stopped).
 */
export async function runJobs<R>(
  jobs: readonly Job<R>[],
  concurrency: number,
  signal: AbortSignal,
  progress: Progress,
  onDone: (job: Job<R>, result: R) => Promise<void> | void,
  fileWorkers: number = concurrency
): Promise<void> {
  const stop = new AbortController();
  const onCancel = () => stop.abort(signal.reason);
  if (signal.aborted) {
    onCancel();
  } else {
    signal.addEventListener('abort', onCancel, { once: true });
  }
  let failure: { error: unknown } | undefined;
  let next = 0;
  let finished = 0;
  // Only one large file at a time: it already has `concurrency` parts in flight.
  let bigBusy: Promise<void> = Promise.resolve();
  const runOne = async (job: Job<R>): Promise<void> => {
    const result = await job.run(stop.signal, n => progress.update(job.id, n));
    progress.finish(job.id, job.size);
    await onDone(job, result);
    finished += 1;
  };
  const worker = async (): Promise<void> => {
    while (!failure && !stop.signal.aborted && next < jobs.length) {
      const job = jobs[next++];
      try {
        if (job.size > BASE_PART_SIZE) {
          const previous = bigBusy;
          let release = () => {};
          bigBusy = new Promise<void>(resolve => (release = resolve));
          try {
            await previous;
            if (failure || stop.signal.aborted) {
              return;
            }
            await runOne(job);
          } finally {
            release();
          }
        } else {
          await runOne(job);
        }
      } catch (error) {
        if (!failure) {
          failure = { error };
          stop.abort(error);
        }
      }
    }
  };
  try {
    await Promise.all(Array.from({ length: Math.max(1, Math.min(fileWorkers, jobs.length)) }, worker));
  } finally {
    signal.removeEventListener('abort', onCancel);
  }
  // A Ctrl-C that came once every transfer was done (a multipart upload is not cancelled once
  // CompleteMultipartUpload is sent) cancelled nothing: each was reported done.
  if (signal.aborted && (failure || finished < jobs.length)) {
    const error = failure?.error;
    throw error instanceof HeliumError && error.kind === 'Cancelled'
      ? error
      : new HeliumError('Cancelled', 'Cancelled.', { code: 'AbortError', cause: error });
  }
  if (failure) {
    throw failure.error;
  }
}
