/**
 * A read-only viewer for Parquet and Arrow IPC / Feather files, in any JupyterLab drive (S3
 * objects, old versions, local files): JupyterLab has none. The bytes are decoded in a Web Worker
 * (the table diff's loader), then shown in a virtualized `@lumino/datagrid` with each column's
 * name and Arrow type, and a line saying how many rows and columns there are.
 *
 * Files over {@link TABLE_MAX_BYTES} wait for a "Load anyway" click (parsing costs a multiple of
 * the file's size in memory). The viewer never writes: Save does nothing (the bytes are unchanged);
 * Save As copies the file.
 *
 * DOM for tests: `.jp-helium-tableview` (`data-state` = `loading` | `large` | `ready` | `error`,
 * `data-rows`, `data-columns`), `.jp-helium-tableview-summary`, `.jp-helium-tableview-error`,
 * `.jp-helium-tableview-grid`, `.jp-helium-tableview-load-anyway`.
 */
import type { DocumentRegistry } from '@jupyterlab/docregistry';
import type { TranslationBundle } from '@jupyterlab/translation';
import { BasicKeyHandler, BasicMouseHandler, DataGrid } from '@lumino/datagrid';
import type { ISignal } from '@lumino/signaling';
import { PanelLayout, Widget } from '@lumino/widgets';
import type { Message } from '@lumino/messaging';
import { TABLE_MAX_BYTES } from '../service/diff/table-kind';
import { formatBytes } from '../service/format';
import type { ArrowGridModel } from '../models/table/table-grid-model';
import { plainRenderers } from './diff/table-renderer';
import { gridStyle, readColors } from './diff/table-theme';

/** Column widths (px) and the width of a character of the grid's 13 px monospace font. */
const MIN_COLUMN_WIDTH = 64;
const MAX_COLUMN_WIDTH = 360;
const CHAR_WIDTH = 7.8;

/** Options of a {@link TableViewer}. */
export interface ITableViewerOptions {
  /** The document (a `base64` model). */
  context: DocumentRegistry.IContext<DocumentRegistry.IModel>;
  trans: TranslationBundle;
  /** JupyterLab's theme changes: the grid's colours are read again. */
  themeChanged?: ISignal<unknown, unknown>;
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
    this._loadAnyway = document.createElement('button');
    this._loadAnyway.className = 'jp-mod-styled jp-mod-accept jp-helium-tableview-load-anyway';
    this._loadAnyway.textContent = this._trans.__('Load anyway');
    this._loadAnyway.addEventListener('click', () => void this._load(true));
    const bar = document.createElement('div');
    bar.className = 'jp-helium-tableview-bar';
    bar.append(this._summary, this._loadAnyway);
    layout.addWidget(new Widget({ node: bar }));

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

  protected onAfterAttach(msg: Message): void {
    super.onAfterAttach(msg);
    // The theme's variables resolve only once the node is in the page.
    this._updateTheme();
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

  /**
   * Read the document's bytes as a table (in a worker) and show it.
   * @param anyway - load even above {@link TABLE_MAX_BYTES}.
   */
  private async _load(anyway = false): Promise<void> {
    if (this.isDisposed) {
      return;
    }
    this._abort?.abort();
    const abort = new AbortController();
    this._abort = abort;
    // Line breaks are stripped once, here: the size and the decoding both read the clean text.
    const base64 = this._context.model.toString().replace(/\s+/g, '');
    // The document's base64 stays in its model; a reload must not keep the old one for undo.
    this._context.model.sharedModel.clearUndoHistory();
    const padding = base64.endsWith('==') ? 2 : base64.endsWith('=') ? 1 : 0;
    const size = (base64.length / 4) * 3 - padding;
    if (size > TABLE_MAX_BYTES && !anyway) {
      this._setState(
        'large',
        this._trans.__('This file is %1; reading it as a table takes several times that in memory.', formatBytes(size))
      );
      return;
    }
    this._setState('loading', this._trans.__('Reading the table…'));
    try {
      // The table engine (apache-arrow, the worker's loader) loads on first use, not at startup.
      const [{ loadBase64TableOffThread }, { ArrowGridModel }] = await Promise.all([
        import('../models/table/table-load-client'),
        import('../models/table/table-grid-model')
      ]);
      const table = await loadBase64TableOffThread(base64, this._context.path, abort.signal);
      if (abort.signal.aborted || this.isDisposed) {
        return;
      }
      const model = new ArrowGridModel(table);
      this._grid.dataModel = model;
      // Columns as wide as their first values (within bounds), not all the same width.
      model
        .widestTexts()
        .forEach((chars, column) =>
          this._grid.resizeColumn(
            'body',
            column,
            Math.min(MAX_COLUMN_WIDTH, Math.max(MIN_COLUMN_WIDTH, Math.ceil(chars * CHAR_WIDTH) + 16))
          )
        );
      this._updateTheme();
      this.node.dataset.rows = String(table.numRows);
      this.node.dataset.columns = String(table.numCols);
      this._setState(
        'ready',
        this._trans.__(
          '%1 rows × %2 columns · %3 · read-only',
          table.numRows.toLocaleString(),
          table.numCols.toLocaleString(),
          formatBytes(size)
        )
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

  private _setState(state: 'loading' | 'large' | 'ready' | 'error', text: string): void {
    this.node.dataset.state = state;
    this._summary.textContent = text;
    this._summary.classList.toggle('jp-helium-tableview-error', state === 'error');
    this._loadAnyway.hidden = state !== 'large';
    this._grid.setHidden(state === 'error' || state === 'large');
  }

  private _updateTheme(): void {
    const colors = readColors(this.node);
    this._grid.style = gridStyle(colors);
    this._grid.cellRenderers = plainRenderers(colors);
  }

  private readonly _context: DocumentRegistry.IContext<DocumentRegistry.IModel>;
  private readonly _trans: TranslationBundle;
  private readonly _themeChanged?: ISignal<unknown, unknown>;
  private readonly _summary: HTMLDivElement;
  private readonly _loadAnyway: HTMLButtonElement;
  private readonly _grid: DataGrid;
  private _abort: AbortController | null = null;
}
