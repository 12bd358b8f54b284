/**
 * A move, copy or duplicate as a row of the transfers queue: objects and bytes done, Cancel, and
 * the error when it fails. The plugin (`plugins/move-jobs.ts`) falls back to a notification when
 * there is no queue.
 */
import type { MoveProgress, MoveResult } from '../service/move';
import type { ITransfer, ITransfers } from '../tokens/transfers';

/** One move or copy to run. */
export interface IMoveJob {
  kind: 'copy' | 'move';
  /** What a person recognises: "Copying storms.csv". */
  label: string;
  /** From → to, for the tooltip. */
  detail: string;
  /** Where it goes (an `s3://` URI), shown on the row; omit when not known up front. */
  destination?: string;
  /** Runs the engine with progress and the job's abort signal. */
  run: (onProgress: (p: MoveProgress) => void, signal: AbortSignal) => Promise<MoveResult>;
}

/**
 * Queue a job as a transfer and settle with its outcome.
 * @param job - what to run.
 * @param transfers - the queue.
 * @param cancelledMessage - the message when it is cancelled before it started.
 * @returns the engine's result.
 * @throws what the engine throws; an Error of kind `Cancelled` when cancelled while queued.
 */
export function queueMoveJob(job: IMoveJob, transfers: ITransfers, cancelledMessage: string): Promise<MoveResult> {
  return new Promise<MoveResult>((resolve, reject) => {
    let row: ITransfer | null = null;
    // Cancelled while still queued: the task never runs, so say so here.
    const onChange = (): void => {
      if (row?.state === 'cancelled') {
        transfers.changed.disconnect(onChange);
        reject(Object.assign(new Error(cancelledMessage), { kind: 'Cancelled' }));
      }
    };
    transfers.changed.connect(onChange);
    row = transfers.add({
      direction: job.kind,
      label: job.label,
      detail: job.detail,
      destination: job.destination,
      // Part of it may have happened: running it again is a new decision, made from the panel.
      retryable: false,
      task: async (onProgress, signal) => {
        transfers.changed.disconnect(onChange);
        try {
          const result = await job.run(p => onProgress(p.bytesDone, p.bytesTotal, { done: p.objectsDone, total: p.objectsTotal }), signal);
          resolve(result);
        } catch (err) {
          reject(err);
          throw err;
        }
      }
    });
  });
}
