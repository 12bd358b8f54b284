/**
 * A read-only viewer for Parquet and Arrow IPC / Feather files (and a preview of CSV / TSV files), in any JupyterLab drive (S3
 * objects, old versions, local files): JupyterLab has none. The document's model holds no bytes
 * (its factory has no file format, so opening it is one HEAD): the viewer reads the file itself
 * through a model (models/table/table-document.ts).
 *
 * - Parquet is paged: the footer first, then only the row groups on screen, read by ranges from
 *   S3 (a multi-GiB object shows its first rows after two small reads) and decoded into a bounded
 *   cache; cells of a row group being read show a placeholder until it arrives.
 * - Arrow files are read whole and decoded in a Web Worker (the table diff's loader).
 * - CSV and TSV files show their first rows: their first 4 MiB (`CSV_PREVIEW_BYTES`, one ranged
 *   read from S3), cut at a line break and parsed in the worker; the summary says it is a preview.
 * - Files that are read whole (Arrow files, files of drives other than S3) over {@link TABLE_MAX_BYTES}
 *   wait for a "Load anyway" click (decoding costs a multiple of the file's size in memory).
 *
 * A status line shows the selected cell's row, column and whole text (the grid elides long
 * values). The viewer never writes: Save does nothing; Save As says how to copy the file.
 *
 * DOM for tests: `.jp-helium-tableview` (`data-state` = `loading` | `large` | `ready` | `error`,
 * `data-rows`, `data-columns`, `data-paged` = `true` when read by row groups, `data-groups`,
 * `data-read-bytes` = bytes read by ranges so far, `data-preview` = `true` for the first rows
 * of a longer CSV/TSV), `.jp-helium-tableview-summary`,
 * `.jp-helium-tableview-cell` (the selected cell: `data-row` 1-based, `data-column`),
 * `.jp-helium-tableview-error`, `.jp-helium-tableview-grid`, `.jp-helium-tableview-load-anyway`.
 */
import type { DocumentRegistry } from '@jupyterlab/docregistry';
import type { TranslationBundle } from '@jupyterlab/translation';
import { BasicKeyHandler, BasicMouseHandler, BasicSelectionModel, DataGrid, DataModel } from '@lumino/datagrid';
import type { ISignal } from '@lumino/signaling';
import { PanelLayout, Widget } from '@lumino/widgets';
import type { Message } from '@lumino/messaging';
import { TABLE_MAX_BYTES, tableFormatFor } from '../service/diff/table-kind';
import { formatBytes } from '../service/format';
import type { IReadCounter, ITableSourceDeps } from '../models/table/table-document';
import { plainRenderers } from './diff/table-renderer';
import { columnWidthFor, gridStyle, readColors } from './diff/table-theme';
import { tableErrorText } from './table-error-text';

/** The narrowest a column is (px). */
const MIN_COLUMN_WIDTH = 64;

/** Options of a {@link TableViewer}. */
export interface ITableViewerOptions {
  /** The document (its model holds no bytes). */
  context: DocumentRegistry.IContext<DocumentRegistry.IModel>;
  trans: TranslationBundle;
  /** Where the bytes are read from. */
  deps: ITableSourceDeps;
  /** JupyterLab's theme changes: the grid's colours are read again. */
  themeChanged?: ISignal<unknown, unknown>;
}

/** The models the grid shows (both answer `widestTexts`). */
type TableModel = DataModel & { widestTexts(sampleRows?: number): number[]; dispose?(): void };

/** The content of a table document: a summary line, the grid and the selected cell. */
export class TableViewer extends Widget {
  constructor(options: ITableViewerOptions) {
    super();
    this.addClass('jp-helium-tableview');
    this._context = options.context;
    this._trans = options.trans;
    this._deps = options.deps;
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
      defaultSizes: { ...DataGrid.defaultSizes, rowHeight: 22, columnHeaderHeight: 22, columnWidth: 140, rowHeaderWidth: 88 },
      style: gridStyle(readColors(this.node))
    });
    this._grid.addClass('jp-helium-tableview-grid');
    this._grid.keyHandler = new BasicKeyHandler();
    this._grid.mouseHandler = new BasicMouseHandler();
    layout.addWidget(this._grid);

    this._cell = document.createElement('div');
    this._cell.className = 'jp-helium-tableview-cell';
    this._cell.setAttribute('aria-live', 'polite');
    layout.addWidget(new Widget({ node: this._cell }));

    this._setState('loading', this._trans.__('Reading the table…'));
    void this._context.ready.then(() => this._load());
    this._context.fileChanged.connect(this._onFileChanged, this);
  }

  /** The grid's model, once read. */
  get model(): TableModel | null {
    return (this._grid.dataModel as TableModel | null) ?? null;
  }

  /** What was read by ranges so far (S3 objects). */
  get readCounter(): IReadCounter {
    return this._counter;
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
    this.model?.dispose?.();
    this._themeChanged?.disconnect(this._updateTheme, this);
    this._context.fileChanged.disconnect(this._onFileChanged, this);
    super.dispose();
  }

  /**
   * Read the document as a table and show it.
   * @param anyway - load even above {@link TABLE_MAX_BYTES} when the file must be read whole.
   */
  private async _load(anyway = false): Promise<void> {
    if (this.isDisposed) {
      return;
    }
    this._abort?.abort();
    const abort = new AbortController();
    this._abort = abort;
    const path = this._context.path;
    const size = this._context.contentsModel?.size ?? 0;
    this._setState('loading', this._trans.__('Reading the table…'));
    try {
      // The table code (hyparquet, apache-arrow, the worker's loader) loads on first use.
      const documents = await import('../models/table/table-document');
      const format = tableFormatFor(path) ?? 'parquet';
      const ranged = !!this._deps.connections && documents.s3DocumentOf(path) !== null;
      // Read whole: Arrow files, and any file of a drive that cannot read ranges.
      const whole = format === 'arrow' || !ranged;
      if (whole && size > TABLE_MAX_BYTES && !anyway) {
        this._setState(
          'large',
          this._trans.__('This file is %1; reading it as a table takes several times that in memory.', formatBytes(size))
        );
        return;
      }
      this._counter = { reads: 0, bytes: 0 };
      const source = await documents.openTableSource(path, this._deps, { signal: abort.signal, counter: this._counter });
      let model: TableModel;
      let paged = false;
      let preview: { rows: number; bytesRead: number } | null = null;
      if (format === 'parquet') {
        const pagedModel = await documents.openPagedGrid(source, {
          loading: this._trans.__('…'),
          failed: this._trans.__('(not read)')
        });
        // The first rows before the grid shows: one row group.
        await pagedModel.ensureRows(0, 0);
        pagedModel.groupLoaded.connect(this._onGroupLoaded, this);
        this.node.dataset.groups = String(pagedModel.pages.groups.length);
        model = pagedModel;
        paged = true;
      } else {
        const { ArrowGridModel } = await import('../models/table/table-grid-model');
        if (format === 'csv' || format === 'tsv') {
          const first = await documents.readTablePreview(source, path, documents.CSV_PREVIEW_BYTES, abort.signal);
          preview = first.truncated ? { rows: first.table.numRows, bytesRead: first.bytesRead } : null;
          model = new ArrowGridModel(first.table);
        } else {
          model = new ArrowGridModel(await documents.readWholeTable(source, path, abort.signal));
        }
      }
      if (abort.signal.aborted || this.isDisposed) {
        model.dispose?.();
        return;
      }
      this.model?.dispose?.();
      this._grid.dataModel = model;
      this._grid.selectionModel = new BasicSelectionModel({ dataModel: model, selectionMode: 'cell' });
      this._grid.selectionModel.changed.connect(this._showCell, this);
      this._showCell();
      // Columns as wide as their first values (within bounds), not all the same width.
      model.widestTexts().forEach((chars, column) => this._grid.resizeColumn('body', column, columnWidthFor(chars, MIN_COLUMN_WIDTH)));
      this._updateTheme();
      const rows = model.rowCount('body');
      const columns = model.columnCount('body');
      this.node.dataset.rows = String(rows);
      this.node.dataset.columns = String(columns);
      this.node.dataset.paged = String(paged);
      this.node.dataset.preview = String(preview !== null);
      this._showReadBytes();
      this._setState(
        'ready',
        preview
          ? this._trans.__(
              'First %1 rows × %2 columns of a %3 file (its first %4) · read-only',
              preview.rows.toLocaleString(),
              columns.toLocaleString(),
              formatBytes(source.size),
              formatBytes(preview.bytesRead)
            )
          : this._trans.__(
              '%1 rows × %2 columns · %3 · read-only',
              rows.toLocaleString(),
              columns.toLocaleString(),
              formatBytes(source.size)
            ) + (paged && source.ranged ? this._trans.__(' · read by row groups as you scroll') : '')
      );
    } catch (err) {
      if (abort.signal.aborted || this.isDisposed) {
        return;
      }
      this._setState('error', tableErrorText(err, this._trans));
    }
  }

  private _onFileChanged(): void {
    // A revert (File › Reload) may bring another version.
    if (this._context.isReady && this.node.dataset.state !== 'loading') {
      void this._load();
    }
  }

  private _onGroupLoaded(_: unknown, loaded: { group: number; error?: unknown }): void {
    this._showReadBytes();
    if (loaded.error !== undefined) {
      const message = tableErrorText(loaded.error, this._trans);
      this._summary.textContent = this._trans.__('Some rows could not be read: %1', message);
      this._summary.classList.add('jp-helium-tableview-error');
    }
    this._showCell();
  }

  private _showReadBytes(): void {
    this.node.dataset.readBytes = String(this._counter.bytes);
  }

  /** Show the selected cell's whole text under the grid. */
  private _showCell(): void {
    const model = this.model;
    const cursor = this._grid.selectionModel;
    if (!model || !cursor || cursor.cursorRow < 0 || cursor.cursorColumn < 0) {
      // A table with no cell selected says what the line under it is for, rather than stay blank.
      this._cell.textContent = model ? this._trans.__('Select a cell to see its whole value here.') : '';
      this._cell.classList.toggle('jp-mod-hint', !!model);
      delete this._cell.dataset.row;
      delete this._cell.dataset.column;
      return;
    }
    this._cell.classList.remove('jp-mod-hint');
    const row = cursor.cursorRow;
    const column = cursor.cursorColumn;
    const name = model.data('column-header', 0, column);
    this._cell.dataset.row = String(row + 1);
    this._cell.dataset.column = name;
    this._cell.textContent = this._trans.__('Row %1 · %2: %3', (row + 1).toLocaleString(), name, model.data('body', row, column));
  }

  private _setState(state: 'loading' | 'large' | 'ready' | 'error', text: string): void {
    this.node.dataset.state = state;
    this._summary.textContent = text;
    this._summary.classList.toggle('jp-helium-tableview-error', state === 'error');
    this._loadAnyway.hidden = state !== 'large';
    // Hidden until ready: a hidden grid skips the repaints of being set up (its model, each
    // column's width, the theme), which cost seconds on a software-rendered canvas.
    this._grid.setHidden(state !== 'ready');
  }

  private _updateTheme(): void {
    const colors = readColors(this.node);
    this._grid.style = gridStyle(colors);
    this._grid.cellRenderers = plainRenderers(colors);
  }

  private readonly _context: DocumentRegistry.IContext<DocumentRegistry.IModel>;
  private readonly _trans: TranslationBundle;
  private readonly _deps: ITableSourceDeps;
  private readonly _themeChanged?: ISignal<unknown, unknown>;
  private readonly _summary: HTMLDivElement;
  private readonly _cell: HTMLDivElement;
  private readonly _loadAnyway: HTMLButtonElement;
  private readonly _grid: DataGrid;
  private _abort: AbortController | null = null;
  private _counter: IReadCounter = { reads: 0, bytes: 0 };
}
