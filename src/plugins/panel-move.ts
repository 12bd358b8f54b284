/**
 * *Rename…*, *Move to…* and *Duplicate* for the object or folder selected in the S3 panel (part
 * of the panel plugin in `panel.ts`): context menu and palette. A move is confirmed first, saying
 * what happens to the old keys' history; it runs server-side with its progress (and a Cancel
 * button) in the Transfers panel (`move-jobs.ts`), then the listing is refreshed. The commands'
 * logic is `panel-move-actions.ts`.
 */
import { JupyterFrontEnd } from '@jupyterlab/application';
import { ICommandPalette } from '@jupyterlab/apputils';
import type { ReadonlyPartialJSONObject } from '@lumino/coreutils';
import { CommandIDs } from '../tokens';
import type { IPanelActionsContext } from './panel-actions';
import { duplicateSelected, moveSelectedTo, renameSelected, selectedSource, shownName } from './panel-move-actions';
import { PALETTE_ARGS, selectionLabel } from './palette-labels';

const ROW_SELECTOR = '.jp-helium-row[data-kind]';

/** Options of {@link registerMoveCommands}. */
export interface IMoveCommandsOptions {
  /** The panel's model, connections, dialogs and translations. */
  actions: IPanelActionsContext;
  /** Where the commands are listed, if there is a palette. */
  palette: ICommandPalette | null;
}

/**
 * Registers the `rename`, `moveTo` and `duplicate` commands, their context-menu and palette items.
 * @param app - the application.
 * @param options - what the commands work with, and the palette.
 */
export function registerMoveCommands(app: JupyterFrontEnd, options: IMoveCommandsOptions): void {
  const { actions, palette } = options;
  const { model, trans } = actions;
  const { commands } = app;

  const targetName = (): string => {
    const s = selectedSource(model);
    return s ? shownName(s) : '';
  };

  /** What every command here shares: it acts on the selected object or folder. */
  const onSelection = (labels: { menu: string; named: () => string; none: string }) => ({
    label: (args: ReadonlyPartialJSONObject) => selectionLabel(args, labels, selectedSource(model)),
    isEnabled: () => selectedSource(model) !== null
  });

  commands.addCommand(CommandIDs.rename, {
    ...onSelection({
      menu: trans.__('Rename…'),
      named: () => trans.__('Rename %1 in S3…', targetName()),
      none: trans.__('Rename in S3… (select an object or folder in the S3 panel)')
    }),
    execute: () => renameSelected(actions)
  });

  commands.addCommand(CommandIDs.moveTo, {
    ...onSelection({
      menu: trans.__('Move to…'),
      named: () => trans.__('Move %1 to another S3 folder…', targetName()),
      none: trans.__('Move to another S3 folder… (select an object or folder in the S3 panel)')
    }),
    execute: () => moveSelectedTo(actions)
  });

  commands.addCommand(CommandIDs.duplicate, {
    ...onSelection({
      menu: trans.__('Duplicate'),
      named: () => trans.__('Duplicate %1 in S3', targetName()),
      none: trans.__('Duplicate in S3 (select an object or folder in the S3 panel)')
    }),
    execute: async () => {
      await duplicateSelected(actions);
    }
  });

  app.contextMenu.addItem({ command: CommandIDs.rename, selector: ROW_SELECTOR, rank: 5 });
  app.contextMenu.addItem({ command: CommandIDs.moveTo, selector: ROW_SELECTOR, rank: 5.1 });
  app.contextMenu.addItem({ command: CommandIDs.duplicate, selector: ROW_SELECTOR, rank: 5.2 });
  for (const command of [CommandIDs.rename, CommandIDs.moveTo, CommandIDs.duplicate]) {
    palette?.addItem({ command, category: trans.__('S3'), args: PALETTE_ARGS });
  }
}
