/**
 * *Check Connection* (part of the panel plugin in `panel.ts`): the S3 panel's toolbar button, its
 * error box's button and the palette run the server's check of the panel's connection (or the
 * one named in the args) and show the findings in a dialog, with *Check Again*.
 */
import { JupyterFrontEnd } from '@jupyterlab/application';
import { Dialog, ICommandPalette, showDialog } from '@jupyterlab/apputils';
import type { TranslationBundle } from '@jupyterlab/translation';
import type { ReadonlyPartialJSONObject } from '@lumino/coreutils';
import { CommandIDs, IS3BrowserModel } from '../tokens';
import { ConnectionCheckModel } from '../models/connection-check';
import { ConnectionCheckWidget } from '../widgets/ConnectionCheck';
import { inPalette, PALETTE_ARGS } from './palette-labels';

/** The dialog button's action that runs the check again (Escape and Close do not). */
const AGAIN = 'helium-check-again';

/**
 * Register the command and put it in the palette.
 * @param app - the application.
 * @param options - the panel's model, the palette and the translations.
 * @param options.model - the S3 panel's model (its connection is the default).
 * @param options.palette - the command palette.
 * @param options.trans - the translations.
 */
export function registerCheckConnection(
  app: JupyterFrontEnd,
  options: { model: IS3BrowserModel; palette: ICommandPalette | null; trans: TranslationBundle }
): void {
  const { model, palette, trans } = options;
  const check = new ConnectionCheckModel(trans);
  const connectionOf = (args: ReadonlyPartialJSONObject): string | null =>
    typeof args.connection === 'string' ? args.connection : model.connection;

  app.commands.addCommand(CommandIDs.checkConnection, {
    label: args => {
      const connection = connectionOf(args);
      return inPalette(args) && connection ? trans.__('Check S3 Connection “%1”…', connection) : trans.__('Check Connection…');
    },
    caption: trans.__('Credentials, endpoint, clock, buckets, versioning and permissions of the connection, checked by the Jupyter server'),
    isEnabled: args => connectionOf(args) !== null,
    execute: async args => {
      const connection = connectionOf(args);
      if (!connection) {
        return;
      }
      for (;;) {
        void check.run(connection);
        const answer = await showDialog({
          title: trans.__('Check Connection: %1', connection),
          body: new ConnectionCheckWidget(check, trans),
          buttons: [
            Dialog.createButton({ label: trans.__('Check Again'), actions: [AGAIN] }),
            Dialog.okButton({ label: trans.__('Close') })
          ]
        });
        if (!answer.button.actions.includes(AGAIN)) {
          return;
        }
      }
    }
  });
  palette?.addItem({ command: CommandIDs.checkConnection, category: trans.__('S3'), args: PALETTE_ARGS });
}
