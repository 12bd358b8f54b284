/**
 * *Go to S3 URI…* (part of the panel plugin in `panel.ts`): a pasted `s3://bucket/key` opens that
 * bucket and folder in the S3 panel and selects the object (or the folder, for a URI ending in
 * `/`). The URI is read with `parseS3Uri`, the one convention Copy S3 URI and the CLI share. The
 * command's logic is `goToUri` in `panel-actions.ts`.
 */
import { JupyterFrontEnd } from '@jupyterlab/application';
import { CommandIDs } from '../tokens';
import { goToUri, IPanelActionsContext } from './panel-actions';

/**
 * Registers the `goToUri` command (args: `uri`, else it asks; `connection`, else the panel's).
 * @param app - the application.
 * @param options - what the command works with (model, dialogs, translations) and the panel's widget id.
 * @param options.actions - the panel's model, connections, dialogs and translations.
 * @param options.panelId - the panel's widget id (shown first).
 */
export function registerGoToUri(app: JupyterFrontEnd, options: { actions: IPanelActionsContext; panelId: string }): void {
  const { actions, panelId } = options;
  const { trans } = actions;
  app.commands.addCommand(CommandIDs.goToUri, {
    label: trans.__('Go to S3 URI…'),
    caption: trans.__('Open an s3://bucket/key in the S3 panel and select it'),
    execute: async args => {
      await goToUri(
        actions,
        {
          uri: typeof args.uri === 'string' ? args.uri : undefined,
          connection: typeof args.connection === 'string' ? args.connection : undefined
        },
        () => app.shell.activateById(panelId)
      );
    }
  });
}
