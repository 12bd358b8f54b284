/**
 * Plugin: snapshots of S3 folders as Quilt packages. The "S3 Snapshots" panel (right sidebar)
 * follows the S3 panel's folder; commands take a snapshot ("Snapshot Folder…", also on folder
 * rows), compare two snapshots (or one and the live folder) in a tab with a tree of changes,
 * restore a folder to a snapshot after showing what will change, and copy a hash or a quilt3
 * snippet. This file makes the panel and wires the rest: the commands are in
 * `snapshots-commands.ts` and `snapshots-restore.ts`, the comparison tabs in `snapshots-tabs.ts`.
 * What the commands do, apart from JupyterLab (and tested against S3), is in `snapshots-actions.ts`
 * and `snapshots-restore-action.ts`; what they read from their args in `snapshots-args.ts`, the
 * sides' labels in `snapshots-side.ts`. Every request goes through the model's `requests`.
 */
import { ILayoutRestorer, JupyterFrontEnd, JupyterFrontEndPlugin } from '@jupyterlab/application';
import { ICommandPalette, showErrorMessage } from '@jupyterlab/apputils';
import { ITranslator, nullTranslator } from '@jupyterlab/translation';
import type { SnapshotInfo } from '../service/snapshots/types';
import { IDocumentManager } from '@jupyterlab/docmanager';
import { CommandIDs, IDiffProviders, IHeliumConnections, IS3Browser, ISnapshotsModel } from '../tokens';
import { argsTarget, folderTarget, shortHash, snapshotRowId, targetUri } from '../models/snapshot-target';
import { SnapshotsModel } from '../models/snapshots';
import { SnapshotsPanel, ISnapshotActions } from '../widgets/SnapshotsPanel';
import { snapshotIcon } from '../widgets/icons';
import { registerSnapshotCommands } from './snapshots-commands';
import { registerRestoreCommand } from './snapshots-restore';
import { registerTagCommand } from './snapshots-tag';
import { wireSnapshotDiffTabs } from './snapshots-tabs';
import { PALETTE_ARGS } from './palette-labels';
import { addToSidebar, followWhileVisible } from './sidebar';

const PANEL_ID = 'jupyterlab-helium-snapshots';
const SNAPSHOT_ROW_SELECTOR = '.jp-helium-snapshot-row[data-name]';
const FOLDER_ROW_SELECTOR = '.jp-helium-row[data-kind="folder"]';

export const snapshotsPlugin: JupyterFrontEndPlugin<ISnapshotsModel> = {
  id: 'jupyterlab-helium:snapshots',
  description: 'Snapshots of S3 folders (Quilt packages): take, list, compare, restore.',
  autoStart: true,
  provides: ISnapshotsModel,
  requires: [IHeliumConnections],
  optional: [ITranslator, IS3Browser, IDiffProviders, ILayoutRestorer, ICommandPalette, IDocumentManager],
  activate: (
    app: JupyterFrontEnd,
    connections: IHeliumConnections,
    translator: ITranslator | null,
    browser: IS3Browser | null,
    diffs: IDiffProviders | null,
    restorer: ILayoutRestorer | null,
    palette: ICommandPalette | null,
    docManager: IDocumentManager | null
  ): ISnapshotsModel => {
    const trans = (translator ?? nullTranslator).load('jupyterlab_helium');
    const { commands } = app;
    const model = new SnapshotsModel(connections);
    const tabs = wireSnapshotDiffTabs(app, { model, trans, diffs, docManager });

    // The panel: it names rows (package and time); commands take top hashes (what is compared or
    // restored) and the row, for the name, time and message they show.
    const rowArgs = (s: SnapshotInfo) => ({ topHash: s.topHash, row: snapshotRowId(s) });
    const actions: ISnapshotActions = {
      snapshotFolder: () => void commands.execute(CommandIDs.snapshotFolder, { from: 'snapshots' }),
      compare: (leftRow, rightRow) =>
        void commands.execute(CommandIDs.compareSnapshots, {
          left: model.refOf(leftRow),
          right: model.refOf(rightRow),
          leftRow,
          rightRow
        }),
      copyHash: s => void commands.execute(CommandIDs.copySnapshotHash, rowArgs(s)),
      copySnippet: s => void commands.execute(CommandIDs.copySnapshotSnippet, rowArgs(s)),
      restore: s => void commands.execute(CommandIDs.restoreSnapshot, rowArgs(s)),
      tag: s => void commands.execute(CommandIDs.tagSnapshot, rowArgs(s)),
      openNotebook: path => void commands.execute('docmanager:open', { path })
    };
    const panel = new SnapshotsPanel({ model, trans, actions });
    addToSidebar(app, panel, { id: PANEL_ID, icon: snapshotIcon, caption: trans.__('S3 Snapshots'), area: 'right', rank: 810 }, restorer);
    // The panel follows the S3 panel's folder while it is visible.
    const follow = () => {
      if (browser) {
        void model.show(folderTarget(browser.currentFolder));
      }
    };
    followWhileVisible(panel, browser?.folderChanged, follow);

    commands.addCommand(CommandIDs.showSnapshots, {
      label: trans.__('Show S3 Snapshots'),
      caption: trans.__('The snapshots of the folder the S3 panel shows'),
      icon: snapshotIcon,
      execute: async args => {
        app.shell.activateById(PANEL_ID);
        const target = argsTarget(args);
        if (target) {
          await model.show(target);
        } else if (panel.isVisible) {
          follow();
        }
        // A search hit: select that snapshot's row (args `topHash`, and `name` its package).
        const topHash = typeof args.topHash === 'string' ? args.topHash : '';
        if (target && topHash && !(await model.reveal(topHash, typeof args.name === 'string' ? args.name : undefined))) {
          await showErrorMessage(
            trans.__('Snapshot not found'),
            trans.__(
              'No snapshot %1 of %2 is listed in %3 (deleted since the search index was updated?). Update the search index to bring it up to date.',
              shortHash(topHash),
              typeof args.name === 'string' ? args.name : '',
              targetUri(target)
            )
          );
        }
      }
    });
    registerSnapshotCommands(app, { model, browser, trans, tabs });
    registerRestoreCommand(app, { model, trans, tabs });
    registerTagCommand(app, { model, trans });

    app.contextMenu.addItem({
      command: CommandIDs.snapshotFolder,
      args: { from: 'panel' },
      selector: FOLDER_ROW_SELECTOR,
      rank: 3.6
    });
    const rowItems = [CommandIDs.copySnapshotHash, CommandIDs.copySnapshotSnippet, CommandIDs.tagSnapshot, CommandIDs.restoreSnapshot];
    rowItems.forEach((command, i) => app.contextMenu.addItem({ command, selector: SNAPSHOT_ROW_SELECTOR, rank: i + 1 }));
    for (const command of [
      CommandIDs.showSnapshots,
      CommandIDs.snapshotFolder,
      CommandIDs.compareSnapshots,
      CommandIDs.restoreSnapshot,
      CommandIDs.copySnapshotHash,
      CommandIDs.copySnapshotSnippet,
      CommandIDs.tagSnapshot
    ]) {
      palette?.addItem({ command, category: trans.__('S3'), args: PALETTE_ARGS });
    }
    return model;
  }
};
