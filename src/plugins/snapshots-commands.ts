/**
 * The snapshot commands of the snapshots plugin (part of the plugin in `snapshots.ts`, not a plugin
 * of its own): take a snapshot of a folder ("Snapshot Folder…"), compare two snapshots (or one and
 * the live folder) in a comparison tab, and copy a snapshot's top hash or a quilt3 snippet. The
 * restore command is in `snapshots-restore.ts`. What each command does is in `snapshots-actions.ts`;
 * this file wires JupyterLab (labels, dialogs, clipboard, notifications) to it.
 */
import { JupyterFrontEnd } from '@jupyterlab/application';
import { Clipboard, Notification, showErrorMessage } from '@jupyterlab/apputils';
import type { TranslationBundle } from '@jupyterlab/translation';
import type { ReadonlyPartialJSONObject } from '@lumino/coreutils';
import { CommandIDs, IS3Browser } from '../tokens';
import { shortHash, snapshotTargetFor, targetUri } from '../models/snapshot-target';
import type { SnapshotsModel } from '../models/snapshots';
import { snapshotFolderDialog } from '../widgets/snapshot-dialog';
import { snapshotIcon } from '../widgets/icons';
import { snapshotArg, str } from './snapshots-args';
import { fail } from './snapshots-report';
import { compareSnapshots, copySnapshotHash, copySnapshotSnippet, FailReport, ICopyUI, snapshotFolder } from './snapshots-actions';
import type { ISnapshotDiffTabs } from './snapshots-tabs';
import { inPalette, selectionLabel } from './palette-labels';

/** What the snapshot commands work with. */
export interface ISnapshotCommandOptions {
  /** The snapshots model: the panel's folder, snapshots, ticks and selection, and the actions. */
  model: SnapshotsModel;
  /** The S3 panel: the folder "Snapshot Folder…" acts on when its args name none. */
  browser: IS3Browser | null;
  trans: TranslationBundle;
  /** The comparison tabs. */
  tabs: ISnapshotDiffTabs;
}

/**
 * Registers the `snapshotFolder`, `compareSnapshots`, `copySnapshotHash` and
 * `copySnapshotSnippet` commands.
 * @param app - the application.
 * @param options - the model, the services and the comparison tabs the commands use.
 */
export function registerSnapshotCommands(app: JupyterFrontEnd, options: ISnapshotCommandOptions): void {
  const { model, browser, trans } = options;
  const { openDiffTab } = options.tabs;
  const { commands } = app;
  const report: FailReport = (title, error) => fail(title)(error);
  const clipboard: ICopyUI = {
    copy: text => Clipboard.copyToSystem(text),
    notify: message => void Notification.info(message, { autoClose: 3000 })
  };
  const folderFor = (args: ReadonlyPartialJSONObject) =>
    snapshotTargetFor(args, {
      selectedFolder: browser?.selectedFolder,
      currentFolder: browser?.currentFolder,
      shown: model.target
    });

  commands.addCommand(CommandIDs.snapshotFolder, {
    label: args => {
      if (args.from === 'panel') {
        return trans.__('Snapshot Folder…');
      }
      if (!inPalette(args)) {
        return trans.__('Snapshot S3 Folder…');
      }
      // What running it from the palette would snapshot.
      const found = folderFor(args);
      return found ? trans.__('Snapshot S3 Folder %1…', targetUri(found)) : trans.__('Snapshot S3 Folder… (open a bucket in the S3 panel)');
    },
    caption: trans.__('Record the current version of every object under a folder as a Quilt package'),
    icon: args => (args.from === 'panel' ? undefined : snapshotIcon),
    execute: async args => {
      // The folder is fixed now: the panels may move on while the dialog is open.
      const found = folderFor(args);
      if (!found) {
        await showErrorMessage(trans.__('No folder to snapshot'), trans.__('Open a bucket in the S3 panel first.'));
        return null;
      }
      // The snapshot taken, or null (Update Pin waits for it).
      return await snapshotFolder(model, found, trans, {
        dialog: dialogOptions =>
          snapshotFolderDialog({
            trans,
            ...dialogOptions,
            // The pins plugin's command, when it is there and a notebook is open.
            pin: {
              available: () =>
                commands.hasCommand(CommandIDs.pinToNotebook) && commands.isEnabled(CommandIDs.pinToNotebook, { topHash: '-' }),
              run: r =>
                void commands.execute(CommandIDs.pinToNotebook, {
                  connection: found.connection,
                  bucket: found.bucket,
                  folder: r.folder ?? found.folder,
                  package: r.name,
                  topHash: r.topHash
                })
            }
          }),
        fail: report
      });
    }
  });

  commands.addCommand(CommandIDs.compareSnapshots, {
    label: trans.__('Compare Snapshots'),
    caption: trans.__('Compare two snapshots, or a snapshot and the live folder'),
    isEnabled: args => Boolean(str(args.left) && str(args.right)) || model.comparePair !== null,
    execute: async args => {
      await compareSnapshots(model, args, trans, {
        error: async (title, message) => void (await showErrorMessage(title, message)),
        open: (request, run) => void openDiffTab(request, run)
      });
    }
  });

  commands.addCommand(CommandIDs.copySnapshotHash, {
    label: args =>
      selectionLabel(
        args,
        {
          menu: trans.__('Copy Snapshot Hash'),
          named: () => trans.__('Copy Hash of Snapshot %1', shortHash(snapshotArg(model, args)!.topHash)),
          none: trans.__('Copy Snapshot Hash (select a snapshot in the S3 Snapshots panel)')
        },
        snapshotArg(model, args)
      ),
    // A snapshot named in the args (the palette, another extension) or the selected one.
    isEnabled: args => str(args.topHash) !== undefined || model.selected !== null,
    execute: args => void copySnapshotHash(model, args, trans, clipboard)
  });

  commands.addCommand(CommandIDs.copySnapshotSnippet, {
    label: args =>
      selectionLabel(
        args,
        {
          menu: trans.__('Copy quilt3 Snippet'),
          named: () => trans.__('Copy quilt3 Snippet of Snapshot %1', shortHash(snapshotArg(model, args)!.topHash)),
          none: trans.__('Copy quilt3 Snippet (select a snapshot in the S3 Snapshots panel)')
        },
        snapshotArg(model, args)
      ),
    // The snippet needs the package's name and bucket: a snapshot the panel lists (the rows are
    // of the panel's folder, on its connection).
    isEnabled: args => snapshotArg(model, args) !== null,
    execute: async args => {
      await copySnapshotSnippet(model, args, trans, clipboard);
    }
  });
}
