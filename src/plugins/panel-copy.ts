/**
 * *Copy to…* for the object or folder selected in the S3 panel (part of the panel plugin in
 * `panel.ts`): asks for a folder (this bucket, another bucket, or another connection), confirms
 * saying what happens to version history (and what it would write over), then copies as a job in
 * the Transfers panel: server-side within a connection, streamed between connections. The
 * command's logic is `copySelectedTo` in `panel-move-actions.ts`.
 */
import { JupyterFrontEnd } from '@jupyterlab/application';
import { ICommandPalette } from '@jupyterlab/apputils';
import type { ReadonlyPartialJSONObject } from '@lumino/coreutils';
import { CommandIDs } from '../tokens';
import type { IPanelActionsContext } from './panel-actions';
import { copySelectedTo, selectedSource, shownName } from './panel-move-actions';
import { PALETTE_ARGS, selectionLabel } from './palette-labels';

const ROW_SELECTOR = '.jp-helium-row[data-kind]';

/**
 * Registers `copyTo` with its context-menu and palette items.
 * @param app - the application.
 * @param options - what the command works with (model, connections, dialogs, translations), and the palette.
 */
export function registerCopyToCommand(
  app: JupyterFrontEnd,
  options: { actions: IPanelActionsContext; palette: ICommandPalette | null }
): void {
  const { actions, palette } = options;
  const { model, trans } = actions;

  app.commands.addCommand(CommandIDs.copyTo, {
    label: (args: ReadonlyPartialJSONObject) =>
      selectionLabel(
        args,
        {
          menu: trans.__('Copy to…'),
          named: () => {
            const s = selectedSource(model);
            return trans.__('Copy %1 to another S3 folder, bucket or connection…', s ? shownName(s) : '');
          },
          none: trans.__('Copy to another S3 folder… (select an object or folder in the S3 panel)')
        },
        selectedSource(model)
      ),
    isEnabled: () => selectedSource(model) !== null,
    execute: () => copySelectedTo(actions)
  });
  app.contextMenu.addItem({ command: CommandIDs.copyTo, selector: ROW_SELECTOR, rank: 5.15 });
  palette?.addItem({ command: CommandIDs.copyTo, category: trans.__('S3'), args: PALETTE_ARGS });
}
