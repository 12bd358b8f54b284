/**
 * Plugin: open Parquet and Arrow IPC / Feather files as read-only tables (JupyterLab has no viewer
 * for them), from the S3 panel, an old version, or the file browser. The file types are added
 * unless another extension added them already; the viewer is their default.
 */
import { JupyterFrontEnd, JupyterFrontEndPlugin } from '@jupyterlab/application';
import { IThemeManager } from '@jupyterlab/apputils';
import { ABCWidgetFactory, DocumentRegistry, DocumentWidget, IDocumentWidget } from '@jupyterlab/docregistry';
import { ITranslator, nullTranslator } from '@jupyterlab/translation';
import { spreadsheetIcon } from '@jupyterlab/ui-components';
import { TableViewer } from '../widgets/TableViewer';

/** The viewer's factory name (Open With › …). */
export const TABLE_VIEWER_FACTORY = 'Helium Table';

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

/** Builds the document widgets. */
class TableViewerFactory extends ABCWidgetFactory<IDocumentWidget<TableViewer>> {
  constructor(
    options: DocumentRegistry.IWidgetFactoryOptions<IDocumentWidget<TableViewer>>,
    private readonly _make: (context: DocumentRegistry.Context) => TableViewer
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
    const widget = new DocumentWidget({ content: this._make(context), context });
    widget.title.icon = spreadsheetIcon;
    return widget;
  }
}

export const tableViewerPlugin: JupyterFrontEndPlugin<void> = {
  id: 'jupyterlab-helium:table-viewer',
  description: 'Opens Parquet and Arrow/Feather files as read-only tables.',
  autoStart: true,
  optional: [ITranslator, IThemeManager],
  activate: (app: JupyterFrontEnd, translator: ITranslator | null, themeManager: IThemeManager | null): void => {
    const trans = (translator ?? nullTranslator).load('jupyterlab_helium');
    const registry = app.docRegistry;
    // Types another extension registered first keep their own default viewer; ours is offered
    // in Open With for them.
    const added: string[] = [];
    for (const fileType of TABLE_FILE_TYPES) {
      if (!registry.getFileType(fileType.name!)) {
        registry.addFileType(fileType);
        added.push(fileType.name!);
      }
    }
    const names = TABLE_FILE_TYPES.map(t => t.name!);
    const factory = new TableViewerFactory(
      {
        name: TABLE_VIEWER_FACTORY,
        label: trans.__('Table (read-only)'),
        fileTypes: names,
        defaultFor: added,
        readOnly: true,
        modelName: 'base64',
        translator: translator ?? nullTranslator
      },
      context => new TableViewer({ context, trans, themeChanged: themeManager?.themeChanged })
    );
    registry.addWidgetFactory(factory);
  }
};
