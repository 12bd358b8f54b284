/**
 * Plugin: open Parquet and Arrow IPC / Feather files as read-only tables (JupyterLab has no viewer
 * for them), from the S3 panel, an old version, or the file browser. The file types are added
 * unless another extension added them already; the viewer is their default.
 */
import { JupyterFrontEnd, JupyterFrontEndPlugin } from '@jupyterlab/application';
import { IThemeManager, showErrorMessage } from '@jupyterlab/apputils';
import { ABCWidgetFactory, Base64ModelFactory, DocumentRegistry, DocumentWidget, IDocumentWidget } from '@jupyterlab/docregistry';
import type { Contents } from '@jupyterlab/services';
import { ITranslator, nullTranslator } from '@jupyterlab/translation';
import { spreadsheetIcon } from '@jupyterlab/ui-components';
import { IHeliumConnections } from '../tokens';
import { TableViewer } from '../widgets/TableViewer';

/** The viewer's factory name (Open With › …). */
export const TABLE_VIEWER_FACTORY = 'Helium Table';

/** The name of the viewer's document model: the document's details, not its bytes. */
export const TABLE_MODEL_NAME = 'helium-table';

/**
 * A model factory without a file format, so JupyterLab opens the document with a HEAD (a
 * Contents `get` without content) and never loads the bytes: the viewer reads them itself, by
 * ranges for Parquet objects in S3. (A `base64` model would load a 2 GiB object whole, and the
 * `s3:` drive refuses that above 200 MiB.)
 */
class TableModelFactory extends Base64ModelFactory {
  get name(): string {
    return TABLE_MODEL_NAME;
  }

  get fileFormat(): Contents.FileFormat {
    return null;
  }
}

/** The file types the viewer reads: what JupyterLab should call them, and how to read them. */
const TABLE_FILE_TYPES: Partial<DocumentRegistry.IFileType>[] = [
  {
    name: 'parquet',
    displayName: 'Parquet',
    extensions: ['.parquet', '.pq'],
    mimeTypes: ['application/vnd.apache.parquet'],
    fileFormat: 'base64',
    contentType: 'file',
    icon: spreadsheetIcon
  },
  {
    name: 'arrow',
    displayName: 'Arrow IPC / Feather',
    extensions: ['.arrow', '.arrows', '.feather'],
    mimeTypes: ['application/vnd.apache.arrow.file'],
    fileFormat: 'base64',
    contentType: 'file',
    icon: spreadsheetIcon
  }
];

/** JupyterLab's file types whose first rows the viewer shows. */
const PREVIEW_FILE_TYPES = ['csv', 'tsv'];

/** Builds the document widgets. */
class TableViewerFactory extends ABCWidgetFactory<IDocumentWidget<TableViewer>> {
  constructor(
    options: DocumentRegistry.IWidgetFactoryOptions<IDocumentWidget<TableViewer>>,
    private readonly _make: (context: DocumentRegistry.Context) => TableViewer,
    private readonly _saveAsHelp: () => void
  ) {
    super(options);
  }

  protected createNewWidget(context: DocumentRegistry.Context): IDocumentWidget<TableViewer> {
    // A viewer never writes. JupyterLab's Save checks only that the file is writable, so Save
    // would put the same bytes back as a new S3 version (and, after a conflict, over a newer
    // one): here it does nothing unless something changed the document. Save As still copies.
    context.model.readOnly = true;
    const save = context.save.bind(context);
    context.save = async () => {
      if (context.model.dirty) {
        await save();
      }
    };
    // The model holds no bytes, so JupyterLab's Save As would write an empty file: say how to copy it instead.
    context.saveAs = async () => {
      this._saveAsHelp();
      return false;
    };
    const widget = new DocumentWidget({ content: this._make(context), context });
    widget.title.icon = spreadsheetIcon;
    return widget;
  }
}

export const tableViewerPlugin: JupyterFrontEndPlugin<void> = {
  id: 'jupyterlab-helium:table-viewer',
  description: 'Opens Parquet and Arrow/Feather files as read-only tables.',
  autoStart: true,
  optional: [ITranslator, IThemeManager, IHeliumConnections],
  activate: (
    app: JupyterFrontEnd,
    translator: ITranslator | null,
    themeManager: IThemeManager | null,
    connections: IHeliumConnections | null
  ): void => {
    const trans = (translator ?? nullTranslator).load('jupyterlab_helium');
    const registry = app.docRegistry;
    registry.addModelFactory(new TableModelFactory());
    // Types another extension registered first keep their own default viewer; ours is offered
    // in Open With for them.
    const added: string[] = [];
    for (const fileType of TABLE_FILE_TYPES) {
      if (!registry.getFileType(fileType.name!)) {
        registry.addFileType(fileType);
        added.push(fileType.name!);
      }
    }
    // CSV and TSV are JupyterLab's own types (its CSV viewer stays their default): the table
    // viewer is offered in Open With, and the S3 panel opens large ones in it, as a preview.
    const names = [...TABLE_FILE_TYPES.map(t => t.name!), ...PREVIEW_FILE_TYPES.filter(name => registry.getFileType(name))];
    const factory = new TableViewerFactory(
      {
        name: TABLE_VIEWER_FACTORY,
        label: trans.__('Table (read-only)'),
        fileTypes: names,
        defaultFor: added,
        readOnly: true,
        modelName: TABLE_MODEL_NAME,
        translator: translator ?? nullTranslator
      },
      context =>
        new TableViewer({
          context,
          trans,
          deps: { connections, contents: app.serviceManager.contents },
          themeChanged: themeManager?.themeChanged
        }),
      () =>
        void showErrorMessage(
          trans.__('Save As is not available in the table viewer'),
          trans.__('The viewer reads the file by parts and does not hold it. To copy it, use Copy to… in the S3 panel, or Download.')
        )
    );
    registry.addWidgetFactory(factory);
  }
};
