/**
 * A read-only viewer for Parquet and Arrow IPC / Feather files, in any JupyterLab drive (S3
 * objects, old versions, local files): JupyterLab has none. The bytes are decoded in a Web Worker
 * (the table diff's loader), then shown in a virtualized `@lumino/datagrid` with each column's
 * name and Arrow type, and a line saying how many rows and columns there are.
 *
 * DOM for tests: `.jp-helium-tableview` (`data-state` = `loading` | `ready` | `error`,
 * `data-rows`, `data-columns`), `.jp-helium-tableview-summary`, `.jp-helium-tableview-error`,
 * `.jp-helium-tableview-grid`.
 */
import type { DocumentRegistry } from '@jupyterlab/docregistry';
import type { TranslationBundle } from '@jupyterlab/translation';
import { BasicKeyHandler, BasicMouseHandler, DataGrid } from '@lumino/datagrid';
import type { ISignal } from '@lumino/signaling';
import { PanelLayout, Widget } from '@lumino/widgets';
import { formatBytes } from '../service/format';
import { gridStyle, readColors } from './diff/table-theme';
import type { ArrowGridModel } from './table-grid-model';

/** Options of a {@link TableViewer}. */
export interface ITableViewerOptions {
  /** The document (a `base64` model). */
  context: DocumentRegistry.IContext<DocumentRegistry.IModel>;
  trans: TranslationBundle;
  /** JupyterLab's theme changes: the grid's colours are read again. */
  themeChanged?: ISignal<unknown, unknown>;
}

/**
 * Base64 text → bytes, without a callback per byte (documents can be up to 200 MiB).
 * @param base64 - the text.
 * @returns the bytes.
 */
export function base64ToBytes(base64: string): Uint8Array {
  const binary = atob(base64.replace(/\s+/g, ''));
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) {
    bytes[i] = binary.charCodeAt(i);
  }
  return bytes;
}

/** The content of a table document: a summary line and the grid. */
export class TableViewer extends Widget {
  constructor(options: ITableViewerOptions) {
    super();
    this.addClass('jp-helium-tableview');
    this._context = options.context;
    this._trans = options.trans;
    this._themeChanged = options.themeChanged;
    this._themeChanged?.connect(this._updateTheme, this);

    const layout = new PanelLayout();
    this.layout = layout;
    this._summary = document.createElement('div');
    this._summary.className = 'jp-helium-tableview-summary';
    this._summary.setAttribute('role', 'status');
    layout.addWidget(new Widget({ node: this._summary }));

    this._grid = new DataGrid({
      defaultSizes: { ...DataGrid.defaultSizes, rowHeight: 22, columnHeaderHeight: 22, columnWidth: 140, rowHeaderWidth: 72 },
      style: gridStyle(readColors(this.node))
    });
    this._grid.addClass('jp-helium-tableview-grid');
    this._grid.keyHandler = new BasicKeyHandler();
    this._grid.mouseHandler = new BasicMouseHandler();
    layout.addWidget(this._grid);

    this._setState('loading', this._trans.__('Reading the table…'));
    void this._context.ready.then(() => this._load());
    this._context.model.contentChanged.connect(this._onContentChanged, this);
  }

  /** The table shown, once read. */
  get model(): ArrowGridModel | null {
    return (this._grid.dataModel as ArrowGridModel | null) ?? null;
  }

  dispose(): void {
    if (this.isDisposed) {
      return;
    }
    this._abort?.abort();
    this._themeChanged?.disconnect(this._updateTheme, this);
    this._context.model.contentChanged.disconnect(this._onContentChanged, this);
    super.dispose();
  }

  /** Read the document's bytes as a table (in a worker) and show it. */
  private async _load(): Promise<void> {
    this._abort?.abort();
    const abort = new AbortController();
    this._abort = abort;
    this._setState('loading', this._trans.__('Reading the table…'));
    try {
      const bytes = base64ToBytes(this._context.model.toString());
      const size = bytes.byteLength;
      // The table engine (apache-arrow, the worker's loader) loads on first use, not at startup.
      const [{ loadTableOffThread }, { ArrowGridModel }] = await Promise.all([
        import('./diff/table-loader'),
        import('./table-grid-model')
      ]);
      const table = await loadTableOffThread(bytes, this._context.path, undefined, abort.signal);
      if (abort.signal.aborted || this.isDisposed) {
        return;
      }
      this._grid.dataModel = new ArrowGridModel(table);
      this._updateTheme();
      this.node.dataset.rows = String(table.numRows);
      this.node.dataset.columns = String(table.numCols);
      this._setState(
        'ready',
        this._trans.__('%1 rows × %2 columns · %3 · read-only', table.numRows.toLocaleString(), table.numCols.toLocaleString(), formatBytes(size))
      );
    } catch (err) {
      if (abort.signal.aborted || this.isDisposed) {
        return;
      }
      this._setState('error', err instanceof Error ? err.message : String(err));
    }
  }

  private _onContentChanged(): void {
    // A revert (File › Reload) brings new bytes.
    if (this._context.isReady) {
      void this._load();
    }
  }

  private _setState(state: 'loading' | 'ready' | 'error', text: string): void {
    this.node.dataset.state = state;
    this._summary.textContent = text;
    this._summary.classList.toggle('jp-helium-tableview-error', state === 'error');
    this._grid.setHidden(state === 'error');
  }

  private _updateTheme(): void {
    this._grid.style = gridStyle(readColors(this.node));
  }

  private readonly _context: DocumentRegistry.IContext<DocumentRegistry.IModel>;
  private readonly _trans: TranslationBundle;
  private readonly _themeChanged?: ISignal<unknown, unknown>;
  private readonly _summary: HTMLDivElement;
  private readonly _grid: DataGrid;
  private _abort: AbortController | null = null;
}
