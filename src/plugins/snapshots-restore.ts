/**
 * The "Restore Folder to This Snapshot…" command of the snapshots plugin (part of the plugin in
 * `snapshots.ts`, not a plugin of its own). What it does is in `snapshots-restore-action.ts`;
 * this file wires JupyterLab's dialogs, the review tab and notifications to it.
 */
import { JupyterFrontEnd } from '@jupyterlab/application';
import { Dialog, Notification, showDialog } from '@jupyterlab/apputils';
import { CommandIDs } from '../tokens';
import { argsTarget, shortHash, targetUri } from '../models/snapshot-target';
import { runWithProgress } from '../widgets/snapshot-dialog';
import { RestorePlanBody } from '../widgets/SnapshotRestore';
import { snapshotArg, str } from './snapshots-args';
import { fail } from './snapshots-report';
import type { ISnapshotCommandOptions } from './snapshots-commands';
import { IRestoreUI, restoreToSnapshot } from './snapshots-restore-action';
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
  const reviewClass = 'jp-helium-snapshot-review';

  const ui: IRestoreUI = {
    progress: (title, heading, work) => runWithProgress({ trans, title, heading, work }),
    nothingToRestore: async (title, body) => {
      await showDialog({ title, body, buttons: [Dialog.okButton({ label: trans.__('Close') })] });
    },
    ask: async question => {
      const answer = await showDialog({
        title: question.title,
        body: new RestorePlanBody({
          trans,
          uri: question.uri,
          topHash: question.topHash,
          timestamp: question.timestamp,
          message: question.message,
          summary: question.summary
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
        return 'review';
      }
      return answer.button.accept ? 'restore' : 'cancel';
    },
    review: (request, run, key, banner) => {
      closeDiffTab(key);
      openDiffTab(request, run, key, banner);
    },
    restoreAgain: args => void commands.execute(CommandIDs.restoreSnapshot, args),
    notify: (kind, message, autoClose) =>
      void (kind === 'success' ? Notification.success(message, { autoClose }) : Notification.warning(message, { autoClose })),
    fail: (title, error) => fail(title)(error)
  };

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
      await restoreToSnapshot(model, args, trans, ui);
    }
  });
}
