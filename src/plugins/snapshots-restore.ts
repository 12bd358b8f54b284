/**
 * The "Restore Folder to This Snapshot…" command of the snapshots plugin (part of the plugin in
 * `snapshots.ts`, not a plugin of its own): work out what restoring would change (with progress;
 * cancellable), show it, then restore, or open the exact diff the restore applies in a review tab
 * that offers the restore again.
 */
import { JupyterFrontEnd } from '@jupyterlab/application';
import { Dialog, Notification, showDialog } from '@jupyterlab/apputils';
import { CommandIDs } from '../tokens';
import { argsTarget, ISnapshotTarget, LIVE, shortHash, snapshotRowId, targetUri } from '../models/snapshot-target';
import { diffRequestKey, ISnapshotDiffRequest } from '../models/snapshot-diff';
import { restoreSummary } from '../models/restore-summary';
import { isCancelled, runWithProgress } from '../widgets/SnapshotDialog';
import { RestorePlanBody } from '../widgets/SnapshotRestore';
import { fail, snapshotArg, str } from './snapshots-args';
import type { ISnapshotCommandOptions } from './snapshots-commands';
import { snapshotSide } from './snapshots-tabs';
import { inPalette } from './palette-labels';

/**
 * Registers the `restoreSnapshot` command.
 * @param app - the application.
 * @param options - the model and the comparison tabs (for the review tab) the command uses.
 */
export function registerRestoreCommand(app: JupyterFrontEnd, options: Pick<ISnapshotCommandOptions, 'model' | 'trans' | 'tabs'>): void {
  const { model, trans } = options;
  const { openDiffTab, closeDiffTab } = options.tabs;
  const { commands } = app;
  const side = (ref: string, rowId?: string) => snapshotSide(model, trans, ref, rowId);

  commands.addCommand(CommandIDs.restoreSnapshot, {
    label: args => {
      if (!inPalette(args)) {
        return trans.__('Restore Folder to This Snapshot…');
      }
      const s = snapshotArg(model, args);
      const target = argsTarget(args) ?? model.target;
      return s && target
        ? trans.__('Restore %1 to Snapshot %2…', targetUri(target), shortHash(s.topHash))
        : trans.__('Restore Folder to a Snapshot… (select a snapshot in the S3 Snapshots panel)');
    },
    // A snapshot named in the args (the palette, another extension) or the selected one.
    isEnabled: args => str(args.topHash) !== undefined || model.selected !== null,
    execute: async args => {
      const s = snapshotArg(model, args);
      const topHash = str(args.topHash) ?? s?.topHash;
      // The folder named, else the bucket named (a comparison tab: the service tells the folder
      // from the snapshot's manifest), else the snapshots panel's.
      const target = argsTarget(args) ?? bucketArgs(args) ?? model.target;
      if (!topHash || !target) {
        return;
      }
      const where = { connection: target.connection, bucket: target.bucket };
      // The folder the snapshot was taken of: the service tells it from the whole manifest (the
      // listing's folder may be a guess from its first part). Only a folder named in the args
      // (the review tab's, from its plan) is passed on.
      const folder = argsTarget(args)?.folder;
      const planned = await runWithProgress({
        trans,
        title: trans.__('Restore Folder'),
        heading: trans.__('Working out what restoring to snapshot %1 would change…', shortHash(topHash)),
        work: (signal, onProgress) => model.planRestore(where, topHash, folder, { signal, onProgress })
      });
      if (!planned.ok) {
        if (!planned.cancelled) {
          fail(trans.__('Cannot restore to snapshot %1', shortHash(topHash)))(planned.error);
        }
        return;
      }
      const plan = planned.value;
      const restoreTarget: ISnapshotTarget = { ...where, folder: plan.folder };
      const uri = targetUri(restoreTarget);
      const summary = restoreSummary(plan.actions);
      if (plan.actions.length === 0) {
        await showDialog({
          title: trans.__('Nothing to restore'),
          body: trans.__('%1 already holds exactly the files of snapshot %2.', uri, shortHash(topHash)),
          buttons: [Dialog.okButton({ label: trans.__('Close') })]
        });
        return;
      }
      const reviewClass = 'jp-helium-snapshot-review';
      const answer = await showDialog({
        title: trans.__('Restore %1 to this snapshot?', uri),
        body: new RestorePlanBody({
          trans,
          uri,
          topHash: plan.topHash,
          timestamp: s?.timestamp,
          message: s?.message,
          summary
        }),
        buttons: [
          Dialog.cancelButton(),
          Dialog.createButton({ label: trans.__('Review Changes'), className: reviewClass, accept: false }),
          Dialog.warnButton({ label: trans.__('Restore'), className: 'jp-helium-snapshot-restore-ok' })
        ],
        // Restoring rewrites the folder: focus and Enter go to Cancel, Restore takes a click.
        defaultButton: 0
      });
      if (answer.button.className.includes(reviewClass)) {
        // The exact diff the restore applies: from the live folder to the snapshot. Its tab
        // offers the restore again (planned afresh, so it reflects what changed meanwhile).
        const request: ISnapshotDiffRequest = {
          ...restoreTarget,
          left: side(LIVE),
          right: side(plan.topHash, s ? snapshotRowId(s) : undefined)
        };
        const key = `restore\u0000${diffRequestKey(request)}`;
        closeDiffTab(key);
        // Its first diff is the plan's; Refresh plans again (the live folder may have changed).
        let planned: typeof plan.diff | null = plan.diff;
        const run: Parameters<typeof openDiffTab>[1] = async (_, options) => {
          const first = planned;
          if (first) {
            planned = null;
            return first;
          }
          return (await model.planRestore(where, plan.topHash, restoreTarget.folder, options)).diff;
        };
        openDiffTab(request, run, key, {
          text: trans.__(
            'What restoring %1 to snapshot %2 would do: "added" and "modified" files are copied back from the snapshot (new versions), "deleted" files get delete markers (their history is kept).',
            uri,
            shortHash(plan.topHash)
          ),
          actionLabel: trans.__('Restore…'),
          onAction: () =>
            void commands.execute(CommandIDs.restoreSnapshot, {
              topHash: plan.topHash,
              ...(s ? { row: snapshotRowId(s) } : {}),
              connection: restoreTarget.connection,
              bucket: restoreTarget.bucket,
              folder: restoreTarget.folder
            })
        });
        return;
      }
      if (!answer.button.accept) {
        return;
      }
      const done = await runWithProgress({
        trans,
        title: trans.__('Restore Folder'),
        heading: trans.__('Restoring %1 to snapshot %2', uri, shortHash(plan.topHash)),
        work: (signal, onProgress) => model.restore(restoreTarget, plan, { signal, onProgress })
      });
      if (done.ok) {
        Notification.success(
          trans.__(
            'Restored %1: %2 files copied back, %3 deleted (delete markers; history kept).',
            uri,
            done.value.copied.length.toLocaleString(),
            done.value.deleted.length.toLocaleString()
          ),
          { autoClose: 6000 }
        );
      } else if (done.cancelled || isCancelled(done.error)) {
        Notification.warning(
          trans.__('Restore of %1 cancelled. Changes already made stay as new versions (nothing was lost); restore again to finish.', uri),
          { autoClose: 8000 }
        );
      } else {
        fail(trans.__('Could not restore %1', uri))(done.error);
      }
    }
  });
}

/**
 * The connection and bucket a command's args name (without a folder).
 * @param args - the command's args.
 * @returns them, with the bucket's root as folder, or null unless both are named.
 */
function bucketArgs(args: { connection?: unknown; bucket?: unknown }): ISnapshotTarget | null {
  const { connection, bucket } = args;
  return typeof connection === 'string' && connection && typeof bucket === 'string' && bucket
    ? { connection, bucket, folder: '' }
    : null;
}
