/**
 * Plugin: the transfers queue, its panel in the right sidebar and its status-bar item.
 */
import { ILabShell, JupyterFrontEnd, JupyterFrontEndPlugin } from '@jupyterlab/application';
import { ICommandPalette } from '@jupyterlab/apputils';
import { IStatusBar } from '@jupyterlab/statusbar';
import { ITranslator, nullTranslator } from '@jupyterlab/translation';
import { CommandIDs, ITransfers } from '../tokens';
import { TransfersModel } from '../models/transfers';
import { TransfersPanel, TransfersStatus } from '../widgets/TransfersPanel';
import { transfersIcon } from '../widgets/icons';
import { PALETTE_ARGS } from './palette-labels';
import { addToSidebar } from './sidebar';

const PANEL_ID = 'jupyterlab-helium-transfers';

export const transfersPlugin: JupyterFrontEndPlugin<ITransfers> = {
  id: 'jupyterlab-helium:transfers',
  description: 'Uploads and downloads with progress, cancel and retry.',
  autoStart: true,
  provides: ITransfers,
  optional: [ITranslator, IStatusBar, ILabShell, ICommandPalette],
  activate: (
    app: JupyterFrontEnd,
    translator: ITranslator | null,
    statusBar: IStatusBar | null,
    _labShell: ILabShell | null,
    palette: ICommandPalette | null
  ): ITransfers => {
    const trans = (translator ?? nullTranslator).load('jupyterlab_helium');
    const model = new TransfersModel();
    const panel = new TransfersPanel(model, trans);
    addToSidebar(app, panel, { id: PANEL_ID, icon: transfersIcon, caption: trans.__('S3 Transfers'), area: 'right', rank: 900 });

    app.commands.addCommand(CommandIDs.showTransfers, {
      label: trans.__('Show S3 Transfers'),
      execute: () => app.shell.activateById(PANEL_ID)
    });
    app.commands.addCommand(CommandIDs.clearTransfers, {
      label: trans.__('Clear Finished S3 Transfers'),
      isEnabled: () => model.transfers.length > model.active.length,
      execute: () => model.clearFinished()
    });
    for (const command of [CommandIDs.showTransfers, CommandIDs.clearTransfers]) {
      palette?.addItem({ command, category: trans.__('S3'), args: PALETTE_ARGS });
    }

    if (statusBar) {
      const item = new TransfersStatus(model, trans, () => app.shell.activateById(PANEL_ID));
      statusBar.registerStatusItem(PANEL_ID, {
        item,
        align: 'left',
        rank: 900,
        isActive: () => model.transfers.length > 0,
        activeStateChanged: model.changed
      });
    }
    // Open the panel for the first transfer of the session, so people find it; after that the
    // status-bar item says what is going on without taking over the sidebar.
    const openOnce = () => {
      if (model.transfers.length > 0) {
        model.changed.disconnect(openOnce);
        app.shell.activateById(PANEL_ID);
      }
    };
    model.changed.connect(openOnce);
    return model;
  }
};
