/**
 * Plugin: pins of notebooks (`metadata.helium.pins`). Each open notebook gets a
 * {@link NotebookPinsModel} and a data status in its toolbar ("Data: in sync", "Data: changed since
 * pinned: 1 modified"…) and a pin button (*Pin Data…*). The status's menu compares a pin with the
 * live data, updates it, opens the data as pinned, or restores it (a folder: the snapshots
 * plugin's own compare and restore commands, with their preview; a file: the diff tab and a
 * restore of the pinned version). *Pin to Notebook* (Snapshots panel rows, the palette, the
 * snapshot dialog's result) pins a snapshot to the current or last active notebook and offers a
 * quilt3 cell that reads it; files and versions are pinned by the commands in `pins-file.ts`.
 * What the commands do is in `pins-actions.ts`, `pins-file-actions.ts`, `pins-data-actions.ts`.
 */
import { JupyterFrontEnd, JupyterFrontEndPlugin } from '@jupyterlab/application';
import { CommandToolbarButton, Dialog, ICommandPalette, Notification, showDialog } from '@jupyterlab/apputils';
import type { DocumentRegistry } from '@jupyterlab/docregistry';
import type { INotebookModel, NotebookPanel } from '@jupyterlab/notebook';
import { IDocumentManager } from '@jupyterlab/docmanager';
import { ITranslator, nullTranslator } from '@jupyterlab/translation';
import { Menu } from '@lumino/widgets';
import { CommandIDs, IDiffProviders, IHeliumConnections, IS3Browser, ISnapshotsModel, IVersionsModel } from '../tokens';
import { NotebookPinsModel } from '../models/notebook-pins';
import { SnapshotsModel } from '../models/snapshots';
import { PinsToolbarItem } from '../widgets/pins/PinsToolbarItem';
import { pinIcon } from '../widgets/icons';
import { comparePinArgs, pinRequestFromArgs, pinToNotebook, restorePinArgs, updatePin } from './pins-actions';
import { fail } from './snapshots-report';
import { openPinnedData } from './pins-open-data';
import { registerFilePinCommands } from './pins-file';
import { compareFilePinRequest, restoreFilePin } from './pins-file-actions';
import { notebookPinUI } from './pins-ui';
import { str } from './snapshots-args';

/** An open notebook and its pins. */
interface IOpenNotebook {
  panel: NotebookPanel;
  pins: NotebookPinsModel;
}

const SNAPSHOT_ROW_SELECTOR = '.jp-helium-snapshot-row[data-name]';

export const pinsPlugin: JupyterFrontEndPlugin<void> = {
  id: 'jupyterlab-helium:pins',
  description: 'Pins of notebooks: the data a notebook reads, its status in the toolbar, pin/update/restore.',
  autoStart: true,
  requires: [IHeliumConnections, ISnapshotsModel],
  optional: [ITranslator, ICommandPalette, IDocumentManager, IS3Browser, IVersionsModel, IDiffProviders],
  activate: (
    app: JupyterFrontEnd,
    connections: IHeliumConnections,
    snapshotsToken: ISnapshotsModel,
    translator: ITranslator | null,
    palette: ICommandPalette | null,
    docManager: IDocumentManager | null,
    browser: IS3Browser | null,
    versions: IVersionsModel | null,
    diffs: IDiffProviders | null
  ): void => {
    const trans = (translator ?? nullTranslator).load('jupyterlab_helium');
    const { commands } = app;
    const snapshots = snapshotsToken instanceof SnapshotsModel ? snapshotsToken : null;
    const open = new Map<string, IOpenNotebook>();
    let lastActive: string | null = null;

    app.shell.currentChanged?.connect((_, change) => {
      if (change.newValue && open.has(change.newValue.id)) {
        lastActive = change.newValue.id;
      }
    });
    /** The notebook commands act on: the one named in the args, else the current or last active one. */
    const notebookFor = (args: { notebook?: unknown }): IOpenNotebook | null => {
      const current = app.shell.currentWidget;
      const id = str(args.notebook) ?? (current && open.has(current.id) ? current.id : lastActive);
      return (id && open.get(id)) || null;
    };
    const pinOf = (args: { notebook?: unknown; pin?: unknown }) => {
      const nb = notebookFor(args);
      const pin = nb?.pins.pin(str(args.pin) ?? '');
      return nb && pin ? { nb, pin } : null;
    };

    const openMenu = (nb: IOpenNotebook, anchor: HTMLElement) => {
      const menu = new Menu({ commands });
      menu.addClass('jp-helium-pins-menu');
      const several = nb.pins.pins.length > 1;
      for (const pin of nb.pins.pins) {
        const target = several ? new Menu({ commands }) : menu;
        if (several) {
          target.title.label = pin.name;
          menu.addItem({ type: 'submenu', submenu: target });
        }
        for (const command of [CommandIDs.comparePin, CommandIDs.openPinnedData, CommandIDs.updatePin, CommandIDs.restorePin]) {
          target.addItem({ command, args: { notebook: nb.panel.id, pin: pin.name } });
        }
      }
      menu.addItem({ type: 'separator' });
      menu.addItem({ command: CommandIDs.refreshPins, args: { notebook: nb.panel.id } });
      const rect = anchor.getBoundingClientRect();
      menu.aboutToClose.connect(() => setTimeout(() => menu.dispose(), 0));
      menu.open(rect.left, rect.bottom);
    };

    const extension: DocumentRegistry.IWidgetExtension<NotebookPanel, INotebookModel> = {
      createNew: (panel, context) => {
        void context.ready.then(() => {
          if (panel.isDisposed) {
            return;
          }
          const pins = new NotebookPinsModel(connections, context.model, trans);
          const nb = { panel, pins };
          open.set(panel.id, nb);
          if (lastActive === null || app.shell.currentWidget === panel) {
            lastActive = panel.id;
          }
          const item = new PinsToolbarItem({ model: pins, trans, onOpenMenu: anchor => openMenu(nb, anchor) });
          panel.toolbar.insertItem(10, 'heliumDataStatus', item);
          const pinButton = new CommandToolbarButton({ commands, id: CommandIDs.pinData, args: { notebook: panel.id, toolbar: true } });
          pinButton.addClass('jp-helium-pin-data-button');
          panel.toolbar.insertItem(10, 'heliumPinData', pinButton);
          panel.disposed.connect(() => {
            open.delete(panel.id);
            if (lastActive === panel.id) {
              lastActive = null;
            }
            pins.dispose();
            item.dispose();
            pinButton.dispose();
          });
          // When the notebook opens: its pins' status once (then on demand and after our writes).
          void pins.refresh();
        });
      }
    };
    app.docRegistry.addWidgetExtension('Notebook', extension);

    // The Snapshot Folder dialog offers "Record lineage from <notebook>" for the current notebook.
    if (snapshots) {
      snapshots.lineage = {
        notebook: () => notebookFor({})?.panel.context.path ?? null,
        meta: async userMeta => {
          const nb = notebookFor({});
          if (!nb) {
            throw new Error(trans.__('The notebook to record lineage from is no longer open.'));
          }
          const path = nb.panel.context.path;
          // The bytes as saved (what the lineage's SHA-256 names), not the unsaved edits.
          const file = await app.serviceManager.contents.get(path, { type: 'file', format: 'text', content: true });
          return nb.pins.lineageMeta(path, new TextEncoder().encode(String(file.content)), userMeta);
        }
      };
    }

    commands.addCommand(CommandIDs.pinToNotebook, {
      label: trans.__('Pin to Notebook'),
      caption: trans.__('Record this snapshot in the notebook, so it says which data it reads'),
      icon: pinIcon,
      isEnabled: args => notebookFor({}) !== null && !!snapshots && (!!str(args.topHash) || snapshots.selected !== null),
      execute: async args => {
        const nb = notebookFor({});
        const request = snapshots ? pinRequestFromArgs(snapshots, args) : null;
        if (!nb || !request || !snapshots) {
          return null;
        }
        return pinToNotebook(nb.pins, snapshots, request, nb.panel.title.label, trans, notebookPinUI(nb.panel, trans));
      }
    });

    commands.addCommand(CommandIDs.refreshPins, {
      label: trans.__('Refresh Data Status'),
      caption: trans.__("Compare the notebook's pinned data with the live folders again"),
      isEnabled: args => notebookFor(args) !== null,
      execute: async args => {
        await notebookFor(args)?.pins.refresh();
      }
    });
    commands.addCommand(CommandIDs.comparePin, {
      label: trans.__('Compare Pin ↔ Live'),
      caption: trans.__('What changed since this pin'),
      isEnabled: args => pinOf(args)?.pin.kind !== 'file' || diffs !== null,
      execute: async args => {
        const found = pinOf(args);
        if (found?.pin.kind === 'file') {
          await diffs?.open(await compareFilePinRequest(found.nb.pins, found.pin, trans));
        } else if (found) {
          await commands.execute(CommandIDs.compareSnapshots, await comparePinArgs(found.nb.pins, found.pin));
        }
      }
    });
    commands.addCommand(CommandIDs.openPinnedData, {
      label: trans.__('Open Data as Pinned…'),
      caption: trans.__('Open the pinned files read-only, at the versions the pin locks'),
      isEnabled: () => docManager !== null,
      execute: async args => {
        const found = pinOf(args);
        if (found && docManager) {
          await openPinnedData({ connections, docManager, trans }, found.nb.pins, found.pin.name);
        }
      }
    });
    commands.addCommand(CommandIDs.updatePin, {
      label: trans.__('Update Pin'),
      caption: trans.__('Re-lock the pin to what it follows (a new snapshot first if the folder changed)'),
      execute: async args => {
        const found = pinOf(args);
        if (!found) {
          return;
        }
        await updatePin(found.nb.pins, found.pin.name, trans, {
          snapshotFolder: async folderArgs => (await commands.execute(CommandIDs.snapshotFolder, folderArgs)) !== null,
          notify: message => void Notification.success(message, { autoClose: 5000 }),
          fail: (title, error) => fail(title)(error)
        });
      }
    });
    commands.addCommand(CommandIDs.restorePin, {
      label: args => (pinOf(args)?.pin.kind === 'file' ? trans.__('Restore File to Pin…') : trans.__('Restore Folder to Pin…')),
      caption: trans.__('Bring the data back to the pinned state (says what will change first)'),
      isEnabled: args => pinOf(args)?.pin.kind !== 'file' || versions !== null,
      execute: async args => {
        const found = pinOf(args);
        if (found?.pin.kind === 'file') {
          if (versions) {
            await restoreFilePin(found.nb.pins, versions, found.pin, trans, {
              confirm: async (title, body, accept) =>
                (
                  await showDialog({
                    title,
                    body,
                    buttons: [Dialog.cancelButton(), Dialog.warnButton({ label: accept })],
                    defaultButton: 0
                  })
                ).button.accept,
              notify: message => void Notification.success(message, { autoClose: 5000 }),
              fail: (title, error) => fail(title)(error)
            });
          }
        } else if (found) {
          await commands.execute(CommandIDs.restoreSnapshot, await restorePinArgs(found.nb.pins, found.pin));
        }
      }
    });

    registerFilePinCommands(app, { connections, snapshots, browser, versions, trans, notebookFor });

    app.contextMenu.addItem({ command: CommandIDs.pinToNotebook, selector: SNAPSHOT_ROW_SELECTOR, rank: 4 });
    palette?.addItem({ command: CommandIDs.pinData, category: trans.__('S3') });
    palette?.addItem({ command: CommandIDs.refreshPins, category: trans.__('S3') });
    palette?.addItem({ command: CommandIDs.pinToNotebook, category: trans.__('S3') });
  }
};
