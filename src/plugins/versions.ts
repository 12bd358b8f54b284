/**
 * Plugin: the version history drawer (right sidebar) and the commands on versions: open one
 * read-only, download, restore, undelete, compare, copy a Python snippet, edit metadata, delete
 * one version. The drawer follows the object selected in the S3 panel. This file makes the drawer
 * and wires the rest: the commands are registered in `versions-commands.ts`, what they do is in
 * `versions-actions.ts` and `versions-edit-metadata.ts`, and the dialogs they show are in
 * `versions-dialogs.ts`.
 */
import { ILayoutRestorer, JupyterFrontEnd, JupyterFrontEndPlugin } from '@jupyterlab/application';
import { ICommandPalette } from '@jupyterlab/apputils';
import { IDocumentManager } from '@jupyterlab/docmanager';
import { ITranslator, nullTranslator } from '@jupyterlab/translation';
import { CommandIDs, IDiffProviders, IHeliumConnections, IS3Browser, IVersionsModel } from '../tokens';
import { VersionsModel } from '../models/versions';
import { VersionsDrawer } from '../widgets/VersionsDrawer';
import type { IVersionActions } from '../widgets/VersionDetails';
import { historyIcon } from '../widgets/icons';
import { registerVersionCommands } from './versions-commands';
import { PALETTE_ARGS } from './palette-labels';
import { addToSidebar, followWhileVisible } from './sidebar';

const DRAWER_ID = 'jupyterlab-helium-versions';
const VERSION_ROW_SELECTOR = '.jp-helium-version-row';

export const versionsPlugin: JupyterFrontEndPlugin<IVersionsModel> = {
  id: 'jupyterlab-helium:versions',
  description: 'Version history of S3 objects: open, restore, undelete, compare, metadata.',
  autoStart: true,
  provides: IVersionsModel,
  requires: [IHeliumConnections, IDocumentManager],
  optional: [ITranslator, IS3Browser, IDiffProviders, ILayoutRestorer, ICommandPalette],
  activate: (
    app: JupyterFrontEnd,
    connections: IHeliumConnections,
    docManager: IDocumentManager,
    translator: ITranslator | null,
    browser: IS3Browser | null,
    diffs: IDiffProviders | null,
    restorer: ILayoutRestorer | null,
    palette: ICommandPalette | null
  ): IVersionsModel => {
    const trans = (translator ?? nullTranslator).load('jupyterlab_helium');
    const { commands } = app;
    const model = new VersionsModel(connections, trans);

    const actions: IVersionActions = {
      open: v => void commands.execute(CommandIDs.openVersion, { versionId: v.versionId }),
      download: v => void commands.execute(CommandIDs.downloadVersion, { versionId: v.versionId }),
      restore: v => void commands.execute(CommandIDs.restoreVersion, { versionId: v.versionId }),
      compare: (older, newer) => void commands.execute(CommandIDs.compareVersions, { left: older.versionId, right: newer.versionId }),
      copySnippet: v => void commands.execute(CommandIDs.copyVersionSnippet, { versionId: v.versionId }),
      editMetadata: v => void commands.execute(CommandIDs.editMetadata, { versionId: v.versionId }),
      deleteVersion: v => void commands.execute(CommandIDs.deleteVersion, { versionId: v.versionId }),
      undelete: () => void commands.execute(CommandIDs.undelete),
      openUri: () => void commands.execute(CommandIDs.versionHistory, { ask: true }),
      unarchive: v => {
        const target = model.target;
        if (target) {
          void commands.execute(CommandIDs.restoreFromArchive, { ...target, versionId: v.versionId });
        }
      }
    };

    const drawer = new VersionsDrawer({ model, trans, actions });
    addToSidebar(
      app,
      drawer,
      { id: DRAWER_ID, icon: historyIcon, caption: trans.__('S3 Version History'), area: 'right', rank: 800 },
      restorer
    );
    // The drawer follows the panel's selection while it is open.
    followWhileVisible(drawer, browser?.selectionChanged, () => {
      if (browser?.selectedObject) {
        void model.show(browser.selectedObject);
      }
    });

    registerVersionCommands(app, { model, connections, docManager, browser, diffs, trans, drawerId: DRAWER_ID });

    const rowItems = [
      CommandIDs.openVersion,
      CommandIDs.downloadVersion,
      CommandIDs.compareVersions,
      CommandIDs.restoreVersion,
      CommandIDs.copyVersionSnippet,
      CommandIDs.shareVersionLink,
      CommandIDs.editMetadata,
      CommandIDs.deleteVersion
    ];
    rowItems.forEach((command, i) => app.contextMenu.addItem({ command, selector: VERSION_ROW_SELECTOR, rank: i + 1 }));
    palette?.addItem({ command: CommandIDs.versionHistory, category: 'S3', args: PALETTE_ARGS });
    palette?.addItem({ command: CommandIDs.versionHistory, args: { ...PALETTE_ARGS, ask: true }, category: 'S3' });
    return model;
  }
};
