/**
 * Running a move, copy or duplicate from the S3 panel as a job people can follow: a row in the
 * Transfers panel (objects and bytes done, Cancel, the error when it fails), or, without a
 * transfers queue, a notification with a Cancel button.
 */
import { Notification } from '@jupyterlab/apputils';
import type { TranslationBundle } from '@jupyterlab/translation';
import type { ITransfers } from '../tokens';
import type { ITransfer } from '../models/transfers';
import { progressText } from '../models/move';
import type { MoveProgress, MoveResult } from '../service/move';
import { formatBytes } from '../service/format';

/** One move or copy to run. */
export interface IMoveJob {
  kind: 'copy' | 'move';
  /** What a person recognises: "Copying storms.csv". */
  label: string;
  /** From → to, for the tooltip. */
  detail: string;
  /** Runs the engine with progress and the job's abort signal. */
  run: (onProgress: (p: MoveProgress) => void, signal: AbortSignal) => Promise<MoveResult>;
}

/**
 * Run a job and follow it.
 * @param job - what to run.
 * @param transfers - the transfers queue (a row per job), or null for a notification.
 * @param trans - the translations.
 * @returns the engine's result.
 * @throws what the engine throws (`Cancelled` after Cancel).
 */
export function startMoveJob(job: IMoveJob, transfers: ITransfers | null, trans: TranslationBundle): Promise<MoveResult> {
  if (!transfers) {
    return withNotification(job, trans);
  }
  return new Promise<MoveResult>((resolve, reject) => {
    let row: ITransfer | null = null;
    // Cancelled while still queued: the task never runs, so say so here.
    const onChange = (): void => {
      if (row?.state === 'cancelled') {
        transfers.changed.disconnect(onChange);
        reject(Object.assign(new Error(trans.__('Cancelled before it started: nothing changed.')), { kind: 'Cancelled' }));
      }
    };
    transfers.changed.connect(onChange);
    row = transfers.add({
      direction: job.kind,
      label: job.label,
      detail: job.detail,
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

/**
 * Run a job with its progress (and a Cancel button) in a notification.
 * @param job - what to run.
 * @param trans - the translations.
 * @returns the engine's result.
 */
async function withNotification(job: IMoveJob, trans: TranslationBundle): Promise<MoveResult> {
  const controller = new AbortController();
  const what = job.label;
  const id = Notification.emit(what, 'in-progress', {
    autoClose: false,
    progress: 0,
    actions: [{ label: trans.__('Cancel'), callback: () => controller.abort() }]
  });
  const onProgress = (p: MoveProgress): void => {
    Notification.update({
      id,
      message: `${what}: ${progressText(p, n => formatBytes(n))}`,
      type: 'in-progress',
      progress: p.bytesTotal > 0 ? p.bytesDone / p.bytesTotal : p.objectsDone / Math.max(1, p.objectsTotal)
    });
  };
  try {
    const result = await job.run(onProgress, controller.signal);
    const total = { objectsDone: result.moved.length, objectsTotal: result.moved.length, bytesDone: result.bytes, bytesTotal: result.bytes };
    Notification.update({
      id,
      message: `${what}: ${trans.__('done')} (${progressText(total, n => formatBytes(n))})`,
      type: 'success',
      progress: 1,
      autoClose: 5000,
      actions: []
    });
    return result;
  } catch (err) {
    Notification.update({ id, message: `${what}: ${(err as Error).message}`, type: 'error', autoClose: false, actions: [] });
    throw err;
  }
}
