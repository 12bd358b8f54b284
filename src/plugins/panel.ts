/**
 * Plugin: the S3 side panel and its commands (open, copy S3 URI, delete, new folder, download,
 * refresh). Every action is a command, so the context menu, the palette and shortcuts share it.
 * Uploads, downloads and drags are wired by `panel-transfers.ts`. The commands' logic lives in the
 * `panel-*-actions.ts` modules (model + injected dialogs, unit-tested); the browser and search
 * models come from `panel-models.ts` (tokens `IS3BrowserModel`, `ISearchModel`).
 */
import { ILayoutRestorer, JupyterFrontEnd, JupyterFrontEndPlugin } from '@jupyterlab/application';
import { Clipboard, ICommandPalette } from '@jupyterlab/apputils';
import { IDocumentManager } from '@jupyterlab/docmanager';
import { ISettingRegistry } from '@jupyterlab/settingregistry';
import { ITranslator, nullTranslator } from '@jupyterlab/translation';
import { fileIcon, LabIcon } from '@jupyterlab/ui-components';
import type { Entry } from '../service';
import { CommandIDs, IHeliumConnections, IS3Browser, IS3BrowserModel, ISearchModel, ITransfers, SETTINGS_ID } from '../tokens';
import { SelectionTracker } from '../models/selection';
import { IDefaultFileBrowser } from '@jupyterlab/filebrowser';
import { BrowserPanel } from '../widgets/BrowserPanel';
import { askBucketName } from '../widgets/BucketNameDialog';
import { s3Icon } from '../widgets/icons';
import { displayKey, formatS3Uri } from '../service/uri';
import { wireTransfers } from './panel-transfers';
import { offerDownloadInstead } from '../widgets/cannot-open-dialog';
import { registerGoToUri } from './panel-goto';
import { registerMoveCommands } from './panel-move';
import { registerCopyToCommand } from './panel-copy';
import { registerShareCommand } from './panel-share';
import { offerRestoreInstead, registerUnarchiveCommand } from './panel-unarchive';
import { archivedProblem } from '../models/archive-restore';
import { registerCheckConnection } from './panel-check';
import { selectionLabel, PALETTE_ARGS } from './palette-labels';
import { wireSearch } from './panel-search';
import { deleteSelected, entryUri, IPanelActionsContext, newFolder, openEntry as openEntryIn } from './panel-actions';
import { dialogPanelUi } from './panel-ui';
import { TABLE_VIEWER_FACTORY } from './table-viewer';
import { addToSidebar } from './sidebar';

const PANEL_ID = 'jupyterlab-helium-browser';
const ROW_SELECTOR = '.jp-helium-row[data-kind]';

export const panelPlugin: JupyterFrontEndPlugin<IS3Browser> = {
  id: SETTINGS_ID,
  description: 'The S3 browser in the left sidebar.',
  autoStart: true,
  provides: IS3Browser,
  requires: [IHeliumConnections, IDocumentManager, IS3BrowserModel, ISearchModel],
  optional: [ITranslator, ISettingRegistry, ILayoutRestorer, ICommandPalette, ITransfers, IDefaultFileBrowser],
  activate: (
    app: JupyterFrontEnd,
    connections: IHeliumConnections,
    docManager: IDocumentManager,
    model: IS3BrowserModel,
    searchModel: ISearchModel,
    translator: ITranslator | null,
    settingRegistry: ISettingRegistry | null,
    restorer: ILayoutRestorer | null,
    palette: ICommandPalette | null,
    transfers: ITransfers | null,
    fileBrowser: IDefaultFileBrowser | null
  ): IS3Browser => {
    const trans = (translator ?? nullTranslator).load('jupyterlab_helium');
    /** Parts of one file in flight at once (a setting). */
    let partsInFlight = 4;
    const { commands } = app;

    const iconFor = (name: string): LabIcon => app.docRegistry.getFileTypesForPath(name)[0]?.icon ?? fileIcon;

    /**
     * The entry commands act on: the selected one. A right-click selects its row before
     * JupyterLab opens the context menu (React handles the event first), so this is also the row
     * under the menu.
     */
    const target = (): Entry | null => model.selected;
    /** The URI Copy S3 URI gives: `parseS3Uri` (the CLI, the Version History box) reads it back. */
    const s3Uri = (entry: Entry): string => entryUri(model.bucket!, entry);
    /** The selection's name as the palette shows it (a folder with its `/`). */
    const targetName = (): string => {
      const entry = target();
      return entry ? displayKey(entry.kind === 'folder' ? `${entry.name}/` : entry.name) : '';
    };

    const openEntry = async (entry: Entry): Promise<void> => {
      await openEntryIn(
        model,
        entry,
        {
          // The table viewer, when asked for and present (its plugin may be disabled).
          openDocument: (path, asTable) =>
            void docManager.openOrReveal(
              path,
              asTable && app.docRegistry.getWidgetFactory(TABLE_VIEWER_FACTORY) ? TABLE_VIEWER_FACTORY : undefined
            ),
          offerDownload: (name, problem) => offerDownloadInstead(trans, name, problem, trans.__('Download')),
          download: async () => {
            await commands.execute(CommandIDs.download);
          },
          archivedProblem: async entry =>
            entry.kind === 'object'
              ? archivedProblem(connections, { connection: model.connection!, bucket: model.bucket!, key: entry.key }, trans)
              : null,
          offerRestore: (name, problem) => offerRestoreInstead(trans, name, problem),
          restore: async () => {
            await commands.execute(CommandIDs.restoreFromArchive);
          }
        },
        trans
      );
    };

    /** What the commands that change S3 work with (their logic is panel-actions.ts). */
    const actions: IPanelActionsContext = { model, connections, ui: dialogPanelUi(trans, transfers), trans };
    const { onDragStart, onUploadFiles, onUploadWorkspacePaths } = wireTransfers(app, {
      model,
      connections,
      transfers,
      fileBrowser,
      trans,
      ui: actions.ui,
      partsInFlight: () => partsInFlight
    });

    const tracker = new SelectionTracker(model);
    const search = wireSearch(app, { search: searchModel, folders: tracker, panelId: PANEL_ID, docManager, palette, trans });
    const panel = new BrowserPanel({
      model,
      trans,
      search: search.element,
      iconFor,
      onOpen: entry => void openEntry(entry),
      onDragStart,
      onUploadFiles,
      onUploadWorkspacePaths,
      onNewFolder: () => void commands.execute(CommandIDs.newFolder),
      onVersionHistory: () => void commands.execute(CommandIDs.versionHistory, { from: 'panel' }),
      onGoToUri: () => void commands.execute(CommandIDs.goToUri),
      onCheckConnection: () => void commands.execute(CommandIDs.checkConnection),
      onOtherBucket: async (initial?: string) => {
        model.redraw(); // the picker shows the open bucket, not "Other bucket…", meanwhile
        const name = await askBucketName(trans, initial);
        if (name !== null) {
          await model.open(name, '');
        }
      }
    });
    search.attach(panel);
    addToSidebar(app, panel, { id: PANEL_ID, icon: s3Icon, caption: trans.__('S3 Browser'), area: 'left', rank: 110 }, restorer);

    commands.addCommand(CommandIDs.openPanel, {
      label: trans.__('Show S3 Browser'),
      execute: () => app.shell.activateById(PANEL_ID)
    });
    commands.addCommand(CommandIDs.refresh, {
      label: trans.__('Refresh S3 Listing'),
      icon: undefined,
      execute: () => model.refresh()
    });
    commands.addCommand(CommandIDs.open, {
      label: args =>
        selectionLabel(
          args,
          {
            menu: trans.__('Open'),
            named: () => trans.__('Open %1 from S3', targetName()),
            none: trans.__('Open from S3 (select an object in the S3 panel)')
          },
          target()
        ),
      isEnabled: () => target() !== null,
      execute: async () => {
        const entry = target();
        if (entry) {
          await openEntry(entry);
        }
      }
    });
    commands.addCommand(CommandIDs.copyUri, {
      label: args =>
        selectionLabel(
          args,
          {
            menu: trans.__('Copy S3 URI'),
            named: () => trans.__('Copy S3 URI of %1', targetName()),
            none: trans.__('Copy S3 URI (select an object or folder in the S3 panel)')
          },
          target()
        ),
      isEnabled: () => target() !== null,
      execute: () => {
        const entry = target();
        if (entry) {
          Clipboard.copyToSystem(s3Uri(entry));
        }
      }
    });

    commands.addCommand(CommandIDs.deleteObject, {
      label: args =>
        selectionLabel(
          args,
          {
            menu: trans.__('Delete…'),
            named: () => trans.__('Delete %1 from S3…', targetName()),
            none: trans.__('Delete from S3… (select an object in the S3 panel)')
          },
          target()?.kind === 'object' ? target() : null
        ),
      isEnabled: () => target()?.kind === 'object',
      execute: () => deleteSelected(actions)
    });
    commands.addCommand(CommandIDs.newFolder, {
      label: args =>
        selectionLabel(
          args,
          {
            menu: trans.__('New Folder…'),
            named: () => trans.__('New S3 Folder in %1…', formatS3Uri({ bucket: model.bucket!, key: model.prefix })),
            none: trans.__('New S3 Folder… (open a bucket in the S3 panel)')
          },
          model.bucket
        ),
      isEnabled: () => model.bucket !== null,
      execute: () => newFolder(actions)
    });

    app.contextMenu.addItem({ command: CommandIDs.open, selector: ROW_SELECTOR, rank: 1 });
    app.contextMenu.addItem({ command: CommandIDs.download, selector: ROW_SELECTOR, rank: 2 });
    app.contextMenu.addItem({ command: CommandIDs.downloadToWorkspace, selector: ROW_SELECTOR, rank: 2.5 });
    app.contextMenu.addItem({ command: CommandIDs.copyUri, selector: ROW_SELECTOR, rank: 3 });
    app.contextMenu.addItem({
      command: CommandIDs.versionHistory,
      args: { from: 'panel' },
      selector: '.jp-helium-row[data-kind="object"]',
      rank: 3.5
    });
    app.contextMenu.addItem({ command: CommandIDs.newFolder, selector: '.jp-helium-listing', rank: 4 });
    app.contextMenu.addItem({ command: CommandIDs.deleteObject, selector: ROW_SELECTOR, rank: 10 });
    registerGoToUri(app, { actions, panelId: PANEL_ID });
    registerMoveCommands(app, { actions, palette });
    registerCopyToCommand(app, { actions, palette });
    registerShareCommand(app, { model, connections, palette, trans });
    registerUnarchiveCommand(app, { model, connections, palette, trans });
    registerCheckConnection(app, { model, palette, trans });
    // Every action the README names, in the palette; their labels there name what they act on.
    for (const command of [
      CommandIDs.openPanel,
      CommandIDs.goToUri,
      CommandIDs.refresh,
      CommandIDs.open,
      CommandIDs.download,
      CommandIDs.downloadToWorkspace,
      CommandIDs.copyUri,
      CommandIDs.newFolder,
      CommandIDs.deleteObject
    ]) {
      palette?.addItem({ command, category: trans.__('S3'), args: PALETTE_ARGS });
    }

    const applySettings = (settings: ISettingRegistry.ISettings) => {
      model.pageSize = settings.get('pageSize').composite as number;
      partsInFlight = settings.get('partsInFlight').composite as number;
      if (transfers) {
        transfers.parallelFiles = settings.get('parallelFiles').composite as number;
      }
    };
    const ready = settingRegistry
      ? settingRegistry
          .load(SETTINGS_ID)
          .then(settings => {
            applySettings(settings);
            settings.changed.connect(applySettings);
            return settings.get('activateOnStart').composite as boolean;
          })
          .catch(() => false)
      : Promise.resolve(false);
    // Nothing is listed (and the AWS SDK is not loaded) until the panel is first shown.
    void Promise.all([ready, app.restored]).then(([activate]) => {
      if (activate) {
        app.shell.activateById(PANEL_ID);
      }
    });
    return tracker;
  }
};
