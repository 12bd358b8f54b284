/**
 * Running a move, copy or duplicate from the S3 panel as a job people can follow: a row in the
 * Transfers panel (objects and bytes done, Cancel, the error when it fails), or, without a
 * transfers queue, a notification with a Cancel button.
 */
import { Notification } from '@jupyterlab/apputils';
import type { TranslationBundle } from '@jupyterlab/translation';
import type { ITransfers } from '../tokens';
import { progressText } from '../models/move';
import { IMoveJob, queueMoveJob } from '../models/move-job';
import type { MoveProgress, MoveResult } from '../service/move';
import { formatBytes } from '../service/format';

export type { IMoveJob } from '../models/move-job';

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
  return queueMoveJob(job, transfers, trans.__('Cancelled before it started: nothing changed.'));
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
      message: trans.__(
        '%1: %2',
        what,
        progressText(p, n => formatBytes(n), trans)
      ),
      type: 'in-progress',
      progress: p.bytesTotal > 0 ? p.bytesDone / p.bytesTotal : p.objectsDone / Math.max(1, p.objectsTotal)
    });
  };
  try {
    const result = await job.run(onProgress, controller.signal);
    const total = {
      objectsDone: result.moved.length,
      objectsTotal: result.moved.length,
      bytesDone: result.bytes,
      bytesTotal: result.bytes
    };
    Notification.update({
      id,
      message: trans.__(
        '%1: done (%2)',
        what,
        progressText(total, n => formatBytes(n), trans)
      ),
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
