/**
 * Plugin: pins of notebooks (`metadata.helium.pins`). Each open notebook gets a
 * {@link NotebookPinsModel} and a data status in its toolbar ("Data: in sync", "Data: changed since
 * pinned: 1 modified"…), whose menu compares a pin with the live folder, updates it, or restores
 * the folder to it (the snapshots plugin's own compare and restore commands, with their preview).
 * *Pin to Notebook* (Snapshots panel rows, the palette, the snapshot dialog's result) pins a
 * snapshot to the current or last active notebook and offers a quilt3 cell that reads it. What
 * the commands do is in `pins-actions.ts`.
 */
import { JupyterFrontEnd, JupyterFrontEndPlugin } from '@jupyterlab/application';
import { Dialog, ICommandPalette, Notification, showDialog } from '@jupyterlab/apputils';
import type { DocumentRegistry } from '@jupyterlab/docregistry';
import type { INotebookModel, NotebookPanel } from '@jupyterlab/notebook';
import { IDocumentManager } from '@jupyterlab/docmanager';
import { ITranslator, nullTranslator } from '@jupyterlab/translation';
import { Menu, Widget } from '@lumino/widgets';
import { CommandIDs, IHeliumConnections, ISnapshotsModel } from '../tokens';
import { NotebookPinsModel } from '../models/notebook-pins';
import { SnapshotsModel } from '../models/snapshots';
import { PinsToolbarItem } from '../widgets/pins/PinsToolbarItem';
import { snapshotIcon } from '../widgets/icons';
import { chooseFollows } from '../widgets/pins/choose-follows';
import { comparePinArgs, pinRequestFromArgs, pinToNotebook, restorePinArgs, updatePin } from './pins-actions';
import { fail } from './snapshots-report';
import { openPinnedData } from './pins-open-data';
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
  optional: [ITranslator, ICommandPalette, IDocumentManager],
  activate: (
    app: JupyterFrontEnd,
    connections: IHeliumConnections,
    snapshotsToken: ISnapshotsModel,
    translator: ITranslator | null,
    palette: ICommandPalette | null,
    docManager: IDocumentManager | null
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
          const pins = new NotebookPinsModel(connections, context.model);
          const nb = { panel, pins };
          open.set(panel.id, nb);
          if (lastActive === null || app.shell.currentWidget === panel) {
            lastActive = panel.id;
          }
          const item = new PinsToolbarItem({ model: pins, trans, onOpenMenu: anchor => openMenu(nb, anchor) });
          panel.toolbar.insertItem(10, 'heliumDataStatus', item);
          panel.disposed.connect(() => {
            open.delete(panel.id);
            if (lastActive === panel.id) {
              lastActive = null;
            }
            pins.dispose();
            item.dispose();
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
      icon: snapshotIcon,
      isEnabled: args => notebookFor({}) !== null && !!snapshots && (!!str(args.topHash) || snapshots.selected !== null),
      execute: async args => {
        const nb = notebookFor({});
        const request = snapshots ? pinRequestFromArgs(snapshots, args) : null;
        if (!nb || !request || !snapshots) {
          return null;
        }
        return pinToNotebook(nb.pins, snapshots, request, nb.panel.title.label, trans, {
          offerCell: async (pin, code) => {
            const body = document.createElement('div');
            const intro = document.createElement('p');
            intro.textContent = trans.__('Insert a code cell that opens exactly this snapshot with quilt3?');
            const pre = document.createElement('pre');
            pre.className = 'jp-helium-codeblock jp-helium-pin-cell-code';
            pre.textContent = code;
            body.append(intro, pre);
            const answer = await showDialog({
              title: trans.__('Pinned %1', pin.name),
              body: new Widget({ node: body }),
              buttons: [
                Dialog.cancelButton({ label: trans.__('No Cell') }),
                Dialog.okButton({ label: trans.__('Insert Cell'), className: 'jp-helium-pin-insert-cell' })
              ]
            });
            return answer.button.accept;
          },
          insertCell: code => {
            const notebook = nb.panel.content;
            const index = Math.max(0, notebook.activeCellIndex + 1);
            notebook.model?.sharedModel.insertCell(index, { cell_type: 'code', source: code });
            notebook.activeCellIndex = index;
          },
          notify: message => void Notification.success(message, { autoClose: 5000 }),
          fail: (title, error) => fail(title)(error),
          chooseFollows: tags => chooseFollows(trans, tags)
        });
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
      caption: trans.__('What changed in the folder since this pin'),
      execute: async args => {
        const found = pinOf(args);
        if (found) {
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
      label: trans.__('Restore Folder to Pin…'),
      caption: trans.__('Bring the folder back to the pinned snapshot (shows what will change first)'),
      execute: async args => {
        const found = pinOf(args);
        if (found) {
          await commands.execute(CommandIDs.restoreSnapshot, await restorePinArgs(found.nb.pins, found.pin));
        }
      }
    });

    app.contextMenu.addItem({ command: CommandIDs.pinToNotebook, selector: SNAPSHOT_ROW_SELECTOR, rank: 4 });
    palette?.addItem({ command: CommandIDs.refreshPins, category: trans.__('S3') });
    palette?.addItem({ command: CommandIDs.pinToNotebook, category: trans.__('S3') });
  }
};
