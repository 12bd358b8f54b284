/**
 * *Go to S3 URI…* (part of the panel plugin in `panel.ts`): a pasted `s3://bucket/key` opens that
 * bucket and folder in the S3 panel and selects the object (or the folder, for a URI ending in
 * `/`). The URI is read with `parseS3Uri`, the one convention Copy S3 URI and the CLI share.
 */
import { JupyterFrontEnd } from '@jupyterlab/application';
import { InputDialog, showErrorMessage } from '@jupyterlab/apputils';
import type { TranslationBundle } from '@jupyterlab/translation';
import { CommandIDs, IS3BrowserModel } from '../tokens';
import { displayKey, formatS3Uri, parseS3Uri } from '../service/uri';

/**
 * Registers the `goToUri` command (args: `uri`, else it asks; `connection`, else the panel's).
 * @param app - the application.
 * @param options - the panel's model, its widget id and the translation bundle.
 * @param options.model - the panel's model.
 * @param options.panelId - the panel's widget id (shown first).
 * @param options.trans - the translation bundle.
 */
export function registerGoToUri(
  app: JupyterFrontEnd,
  options: { model: IS3BrowserModel; panelId: string; trans: TranslationBundle }
): void {
  const { model, panelId, trans } = options;
  app.commands.addCommand(CommandIDs.goToUri, {
    label: trans.__('Go to S3 URI…'),
    caption: trans.__('Open an s3://bucket/key in the S3 panel and select it'),
    execute: async args => {
      let text = typeof args.uri === 'string' ? args.uri : undefined;
      if (text === undefined) {
        const answer = await InputDialog.getText({
          title: trans.__('Go to S3 URI'),
          label: trans.__('An S3 URI, e.g. s3://my-bucket/data/file.csv (a folder ends in /)'),
          placeholder: 's3://bucket/key'
        });
        if (!answer.button.accept || !answer.value?.trim()) {
          return;
        }
        text = answer.value;
      }
      let location: ReturnType<typeof parseS3Uri>;
      try {
        location = parseS3Uri(text);
      } catch (err) {
        await showErrorMessage(trans.__('Cannot go to this URI'), (err as Error).message);
        return;
      }
      app.shell.activateById(panelId);
      // The panel lists nothing until first shown: wait for its connections.
      await model.whenInitialized();
      if (typeof args.connection === 'string' && args.connection !== model.connection) {
        await model.setConnection(args.connection);
      }
      if (!model.connection) {
        await showErrorMessage(trans.__('Cannot go to this URI'), trans.__('No S3 connection is open in the panel.'));
        return;
      }
      const entry = await model.reveal(location.bucket, location.key);
      if (!entry && location.key && !model.error) {
        await showErrorMessage(
          trans.__('Nothing at this URI'),
          trans.__(
            'There is no object or folder %1 in %2 on connection %3: its folder is open instead.',
            displayKey(location.key),
            formatS3Uri({ bucket: location.bucket, key: model.prefix }),
            model.connection
          )
        );
      }
    }
  });
}
