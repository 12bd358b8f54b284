/**
 * What "Restore Folder to This Snapshot…" does, apart from JupyterLab: work out what restoring
 * would change (with progress; cancellable), show it, then restore, or open the exact diff the
 * restore applies in a review tab that offers the restore again. It takes the snapshots model and
 * small UI callbacks, so `snapshots-restore.ts` only wires JupyterLab's dialogs to it and tests
 * run it against a real S3.
 */
import type { ReadonlyPartialJSONObject } from '@lumino/coreutils';
import type { TranslationBundle } from '@jupyterlab/translation';
import type { IRestoreSummary } from '../service/snapshots/restore-summary';
import { argsTarget, ISnapshotTarget, LIVE, shortHash, snapshotRowId, targetUri } from '../models/snapshot-target';
import { diffRequestKey, ISnapshotDiffRequest } from '../models/snapshot-diff';
import type { RestoreFolderResult, RestorePlan } from '../models/snapshot-requests';
import type { SnapshotsModel } from '../models/snapshots';
import { isCancelled } from '../widgets/snapshot-dialog/is-cancelled';
import type { DiffRun, FailReport } from './snapshots-actions';
import { snapshotArg, str } from './snapshots-args';
import { snapshotSide } from './snapshots-side';

/** How long work ended: its value, or what it threw (a cancellation included). */
export type WorkOutcome<R> = { ok: true; value: R } | { ok: false; error: unknown; cancelled: boolean };

/** What the restore asks of the UI. */
export interface IRestoreUI {
  /** Run long work with progress and Cancel (`runWithProgress`). */
  progress<R>(
    title: string,
    heading: string,
    work: (signal: AbortSignal, onProgress: (report: unknown) => void) => Promise<R>
  ): Promise<WorkOutcome<R>>;
  /** Say that the folder already holds the snapshot's files. */
  nothingToRestore(title: string, message: string): Promise<void>;
  /** Ask before restoring: cancel, review the changes in a tab, or restore. */
  ask(question: IRestoreQuestion): Promise<'cancel' | 'review' | 'restore'>;
  /** Open the review tab: the diff the restore applies, with a banner that offers it again. */
  review(
    request: ISnapshotDiffRequest,
    run: DiffRun,
    key: string,
    banner: { text: string; actionLabel: string; onAction: () => void }
  ): void;
  /** Run the restore command again with these args (the review tab's banner). */
  restoreAgain(args: ReadonlyPartialJSONObject): void;
  /** A notification that goes away by itself. */
  notify(kind: 'success' | 'warning', message: string, autoClose: number): void;
  fail: FailReport;
}

/** What the user is asked before a restore. */
export interface IRestoreQuestion {
  title: string;
  /** The folder restored, as a URI. */
  uri: string;
  topHash: string;
  timestamp?: Date;
  message?: string | null;
  summary: IRestoreSummary;
}

/** How a restore ended, for the caller (and tests). */
export type RestoreOutcome =
  | { kind: 'none' | 'cancelled' | 'failed' | 'nothing' | 'declined' | 'review' | 'restore-cancelled' }
  | { kind: 'restored'; result: RestoreFolderResult };

/**
 * Restore a folder to a snapshot: the snapshot named in the args (`topHash`, `row`) or the
 * selected one; the folder named (`connection`, `bucket`, `folder`), else the bucket named (the
 * engine tells the folder from the snapshot's manifest), else the snapshots panel's.
 * @param model - the snapshots model.
 * @param args - the command's args.
 * @param trans - translations.
 * @param ui - the dialogs, the review tab and the notifications.
 * @returns how it ended.
 */
export async function restoreToSnapshot(
  model: SnapshotsModel,
  args: ReadonlyPartialJSONObject,
  trans: TranslationBundle,
  ui: IRestoreUI
): Promise<RestoreOutcome> {
  const s = snapshotArg(model, args);
  const topHash = str(args.topHash) ?? s?.topHash;
  const target = argsTarget(args) ?? bucketArgs(args) ?? model.target;
  if (!topHash || !target) {
    return { kind: 'none' };
  }
  const where = { connection: target.connection, bucket: target.bucket };
  // The folder the snapshot was taken of: the engine tells it from the whole manifest (the
  // listing's folder may be a guess from its first part). Only a folder named in the args
  // (the review tab's, from its plan) is passed on.
  const folder = argsTarget(args)?.folder;
  const planned = await ui.progress(
    trans.__('Restore Folder'),
    trans.__('Working out what restoring to snapshot %1 would change…', shortHash(topHash)),
    (signal, onProgress) => model.planRestore(where, topHash, folder, { signal, onProgress })
  );
  if (!planned.ok) {
    if (!planned.cancelled) {
      ui.fail(trans.__('Cannot restore to snapshot %1', shortHash(topHash)), planned.error);
      return { kind: 'failed' };
    }
    return { kind: 'cancelled' };
  }
  const plan = planned.value;
  const restoreTarget: ISnapshotTarget = { ...where, folder: plan.folder };
  const uri = targetUri(restoreTarget);
  if (plan.actions.length === 0) {
    await ui.nothingToRestore(
      trans.__('Nothing to restore'),
      trans.__('%1 already holds exactly the files of snapshot %2.', uri, shortHash(topHash))
    );
    return { kind: 'nothing' };
  }
  const answer = await ui.ask({
    title: trans.__('Restore %1 to this snapshot?', uri),
    uri,
    topHash: plan.topHash,
    timestamp: s?.timestamp,
    message: s?.message,
    summary: model.requests.summarize(plan)
  });
  if (answer === 'review') {
    openReview(model, trans, ui, plan, restoreTarget, s ? snapshotRowId(s) : undefined);
    return { kind: 'review' };
  }
  if (answer !== 'restore') {
    return { kind: 'declined' };
  }
  const done = await ui.progress(
    trans.__('Restore Folder'),
    trans.__('Restoring %1 to snapshot %2', uri, shortHash(plan.topHash)),
    (signal, onProgress) => model.restore(restoreTarget, plan, { signal, onProgress })
  );
  if (done.ok) {
    ui.notify(
      'success',
      trans.__(
        'Restored %1: %2 files copied back, %3 deleted (delete markers; history kept).',
        uri,
        done.value.copied.length.toLocaleString(),
        done.value.deleted.length.toLocaleString()
      ),
      6000
    );
    return { kind: 'restored', result: done.value };
  }
  if (done.cancelled || isCancelled(done.error)) {
    ui.notify(
      'warning',
      trans.__('Restore of %1 cancelled. Changes already made stay as new versions (nothing was lost); restore again to finish.', uri),
      8000
    );
    return { kind: 'restore-cancelled' };
  }
  ui.fail(trans.__('Could not restore %1', uri), done.error);
  return { kind: 'failed' };
}

/**
 * The review tab: the exact diff the restore applies, from the live folder to the snapshot. Its
 * first diff is the plan's; Refresh plans again (the live folder may have changed), and its
 * banner offers the restore again (planned afresh, so it reflects what changed meanwhile).
 */
function openReview(
  model: SnapshotsModel,
  trans: TranslationBundle,
  ui: IRestoreUI,
  plan: RestorePlan,
  restoreTarget: ISnapshotTarget,
  rowId: string | undefined
): void {
  const where = { connection: restoreTarget.connection, bucket: restoreTarget.bucket };
  const uri = targetUri(restoreTarget);
  const request: ISnapshotDiffRequest = {
    ...restoreTarget,
    left: snapshotSide(model, trans, LIVE),
    right: snapshotSide(model, trans, plan.topHash, rowId)
  };
  const key = `restore\u0000${diffRequestKey(request)}`;
  let first: RestorePlan['diff'] | null = plan.diff;
  const run: DiffRun = async (_, options) => {
    const diff = first;
    if (diff) {
      first = null;
      return diff;
    }
    return (await model.planRestore(where, plan.topHash, restoreTarget.folder, options)).diff;
  };
  ui.review(request, run, key, {
    text: trans.__(
      'What restoring %1 to snapshot %2 would do: "added" and "modified" files are copied back from the snapshot (new versions), "deleted" files get delete markers (their history is kept).',
      uri,
      shortHash(plan.topHash)
    ),
    actionLabel: trans.__('Restore…'),
    onAction: () =>
      ui.restoreAgain({
        topHash: plan.topHash,
        ...(rowId ? { row: rowId } : {}),
        connection: restoreTarget.connection,
        bucket: restoreTarget.bucket,
        folder: restoreTarget.folder
      })
  });
}

/**
 * The connection and bucket a command's args name (without a folder).
 * @param args - the command's args.
 * @returns them, with the bucket's root as folder, or null unless both are named.
 */
function bucketArgs(args: { connection?: unknown; bucket?: unknown }): ISnapshotTarget | null {
  const { connection, bucket } = args;
  return typeof connection === 'string' && connection && typeof bucket === 'string' && bucket ? { connection, bucket, folder: '' } : null;
}
