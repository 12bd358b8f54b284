/**
 * Plugin: registers the `s3:` Contents drive (JupyterLab's editors and viewers open and save S3
 * objects) and the read-only `s3-version:` drive (old versions open in the same viewers).
 * Autosave never writes an `s3:` document (every write is an object version): see
 * `drive/no-autosave.ts`; the first such editable document opened says so once. Tabs of `s3:` documents
 * carry their `s3://` URI and tell same-named files apart (`drive/tab-titles.ts`). A save that would
 * replace an object in a bucket without versions asks first (`drive-unversioned.ts`).
 */
import { JupyterFrontEnd, JupyterFrontEndPlugin } from '@jupyterlab/application';
import { Notification } from '@jupyterlab/apputils';
import { IDocumentWidgetOpener } from '@jupyterlab/docmanager';
import { ITranslator, nullTranslator } from '@jupyterlab/translation';
import { IHeliumConnections } from '../tokens';
import { S3Drive } from '../drive/s3drive';
import { VersionDrive } from '../drive/version-drive';
import { keepFromAutosave } from '../drive/no-autosave';
import { S3TabTitles } from '../drive/tab-titles';
import { askUnversionedSaveDialog } from './drive-unversioned';

export const drivePlugin: JupyterFrontEndPlugin<void> = {
  id: 'jupyterlab-helium:drive',
  description: 'The s3: drive: open and save S3 objects in JupyterLab documents.',
  autoStart: true,
  requires: [IHeliumConnections],
  optional: [IDocumentWidgetOpener, ITranslator],
  activate: (
    app: JupyterFrontEnd,
    connections: IHeliumConnections,
    opener: IDocumentWidgetOpener | null,
    translator: ITranslator | null
  ): void => {
    const { contents, serverSettings } = app.serviceManager;
    const trans = (translator ?? nullTranslator).load('jupyterlab_helium');
    contents.addDrive(new S3Drive(connections, trans, serverSettings, askUnversionedSaveDialog(trans)));
    contents.addDrive(new VersionDrive(connections, trans, serverSettings));
    let told = false;
    const titles = new S3TabTitles(trans);
    // Every document widget opens through the opener, with its context, before autosave's first tick.
    opener?.opened.connect((_, widget) => {
      titles.track(widget);
      // Not for a read-only viewer (the Parquet table): its Save writes nothing, so the first
      // editable document is the one to tell.
      if (keepFromAutosave(widget.context) && !told && !widget.context.model.readOnly) {
        told = true;
        Notification.info(trans.__('Documents from S3 are not autosaved: Save (Ctrl+S) writes a new version of the object.'), {
          autoClose: 10000
        });
      }
    });
  }
};
