/**
 * The table diff view: a summary (rows left → right, +added −removed ~changed, cells changed,
 * schema changes), a key picker that re-runs the diff, a "Changes only / All rows" toggle, and a
 * virtualized @lumino/datagrid grid over the aligned rows (only visible cells are read).
 *
 * DOM hooks (for galata tests and styles):
 * - `.jp-helium-tablediff` (this widget; `data-busy="true"` while a re-diff runs,
 *   `data-mode` = `changes` | `all`, `data-key` = the key columns as JSON, `[]` by position);
 * - `.jp-helium-tablediff-summary` with `data-status`, `data-added`, `data-removed`,
 *   `data-changed`, `data-same`, `data-cells` and `.jp-helium-tablediff-count[data-kind]` texts;
 * - `.jp-helium-tablediff-schema li[data-status][data-column]`, `.jp-helium-tablediff-note`;
 * - `select.jp-helium-tablediff-key`, `button.jp-helium-tablediff-mode[data-mode]`,
 *   `.jp-helium-tablediff-error`, `.jp-helium-tablediff-grid` (the DataGrid; `view.model` is its
 *   DataModel, `view.grid` the grid).
 * Everything shown is set as text or painted on the canvas, never parsed as HTML.
 */
import type { TranslationBundle } from '@jupyterlab/translation';
import { BasicKeyHandler, BasicMouseHandler, BasicSelectionModel, DataGrid } from '@lumino/datagrid';
import type { Message } from '@lumino/messaging';
import { ISignal, Signal } from '@lumino/signaling';
import { PanelLayout, Widget } from '@lumino/widgets';
import { isHeliumError } from '../../service/error-class';
import type { TableDiff } from '../../service/diff/table';
import { keyColumnChoices, rediffByKey } from '../../models/table/table-diff-keys';
import { TableDiffModel } from '../../models/table/table-diff-grid-model';
import { diffRenderers } from './table-renderer';
import { duplicateNote, schemaList, summaryLine } from './table-summary';
import { columnWidthFor, GRID_CHAR_PX, gridStyle, readColors } from './table-theme';
import { tableErrorText } from '../table-error-text';

/** Options of a {@link TableDiffView}. */
export interface TableDiffViewOptions {
  /** The diff to show first (it holds both tables; re-keying diffs them again). */
  diff: TableDiff;
  /** Translations of the extension's domain. */
  trans: TranslationBundle;
  /** Start with only the changed rows; default: when there are any. */
  changesOnly?: boolean;
  /** Emitted when JupyterLab's theme changes (IThemeManager.themeChanged): colours are re-read. */
  themeChanged?: ISignal<unknown, unknown>;
}

/** The table diff view. */
export class TableDiffView extends Widget {
  /**
   * Build the view.
   * @param options - the diff, translations, the initial mode and the theme signal.
   */
  constructor(options: TableDiffViewOptions) {
    super();
    this.addClass('jp-helium-tablediff');
    this._trans = options.trans;
    this._changesOnly = options.changesOnly ?? !options.diff.identical;
    this._themeChanged = options.themeChanged;
    this._themeChanged?.connect(this.updateTheme, this);

    const layout = new PanelLayout();
    this.layout = layout;
    const header = new Widget({ node: this._buildHeader(options.diff) });
    header.addClass('jp-helium-tablediff-header');
    layout.addWidget(header);

    this._grid = new DataGrid({
      defaultSizes: { ...DataGrid.defaultSizes, rowHeight: 22, columnHeaderHeight: 26, columnWidth: 140, rowHeaderWidth: 120 },
      style: gridStyle(readColors(this.node))
    });
    this._grid.addClass('jp-helium-tablediff-grid');
    this._grid.keyHandler = new BasicKeyHandler();
    this._grid.mouseHandler = new BasicMouseHandler();
    layout.addWidget(this._grid);
    this._show(options.diff);
    this.updateTheme();
  }

  /** The diff shown. */
  get diff(): TableDiff {
    return this._diff!;
  }

  /** The grid's data model (aligned rows of the current diff). */
  get model(): TableDiffModel {
    return this._model!;
  }

  /** The grid. */
  get grid(): DataGrid {
    return this._grid;
  }

  /** Emitted after a new diff is shown (a different key was picked). */
  get diffChanged(): ISignal<this, TableDiff> {
    return this._diffChanged;
  }

  /** Whether only added, removed and changed rows are shown. */
  get changesOnly(): boolean {
    return this._changesOnly;
  }

  set changesOnly(value: boolean) {
    this._changesOnly = value;
    if (this._model) {
      this._model.changesOnly = value;
    }
    this._syncControls();
  }

  /**
   * Diff the same tables again, matching rows on other key columns (empty: by position). A
   * previous re-diff still running is cancelled.
   * @param keyColumns - the key columns.
   * @returns when the new diff is shown (or failed, with the error shown in the view).
   */
  async setKeyColumns(keyColumns: string[]): Promise<void> {
    this._abort?.abort();
    const controller = new AbortController();
    this._abort = controller;
    this._setError('');
    this.node.dataset.busy = 'true';
    this._keySelect.disabled = true;
    try {
      const diff = await rediffByKey(this.diff, keyColumns, controller.signal);
      if (!controller.signal.aborted && !this.isDisposed) {
        this._show(diff);
        this._diffChanged.emit(diff);
      }
    } catch (err) {
      if (!isHeliumError(err, 'Cancelled') && !this.isDisposed) {
        this._setError(tableErrorText(err, this._trans));
        this._syncControls();
      }
    } finally {
      if (this._abort === controller) {
        this._abort = undefined;
        delete this.node.dataset.busy;
        this._keySelect.disabled = false;
      }
    }
  }

  /** Read the theme's colours again and repaint. */
  updateTheme(): void {
    if (this.isDisposed) {
      return;
    }
    const colors = readColors(this.node);
    this._grid.style = gridStyle(colors);
    this._grid.cellRenderers = diffRenderers(() => this._model ?? null, colors);
  }

  dispose(): void {
    if (this.isDisposed) {
      return;
    }
    this._abort?.abort();
    this._themeChanged?.disconnect(this.updateTheme, this);
    super.dispose();
  }

  protected onAfterAttach(msg: Message): void {
    super.onAfterAttach(msg);
    this.updateTheme(); // the variables resolve only once the node is in the document
  }

  protected onAfterShow(msg: Message): void {
    super.onAfterShow(msg);
    this.updateTheme(); // in case the theme changed while hidden and no theme signal was given
  }

  /** The header: summary, schema changes, duplicate note, controls. */
  private _buildHeader(diff: TableDiff): HTMLElement {
    const trans = this._trans;
    const node = document.createElement('div');
    node.appendChild(this._summary);

    const controls = document.createElement('div');
    controls.className = 'jp-helium-tablediff-controls';
    const label = document.createElement('label');
    label.className = 'jp-helium-tablediff-key-label';
    label.textContent = trans.__('Match rows by');
    // Not JupyterLab's `jp-mod-styled`: on a <select> it hides the arrow (its wrapper draws one).
    this._keySelect.className = 'jp-helium-select jp-helium-tablediff-key';
    this._keySelect.setAttribute('aria-label', trans.__('Match rows by'));
    for (const columns of keyColumnChoices(diff)) {
      this._keySelect.appendChild(this._keyOption(columns));
    }
    this._keySelect.addEventListener('change', () => {
      void this.setKeyColumns(JSON.parse(this._keySelect.value) as string[]);
    });
    label.appendChild(this._keySelect);
    controls.appendChild(label);

    const modes = document.createElement('div');
    modes.className = 'jp-helium-tablediff-modes';
    modes.setAttribute('role', 'group');
    for (const [mode, text] of [
      ['changes', trans.__('Changes only')],
      ['all', trans.__('All rows')]
    ] as const) {
      const button = document.createElement('button');
      button.type = 'button';
      // Not `jp-mod-styled`, whose borderless 32 px buttons would make "All rows" look like a label.
      button.className = 'jp-helium-tablediff-mode';
      button.dataset.mode = mode;
      button.textContent = text;
      button.addEventListener('click', () => {
        this.changesOnly = mode === 'changes';
      });
      this._modeButtons.push(button);
      modes.appendChild(button);
    }
    controls.appendChild(modes);

    this._busy.className = 'jp-helium-tablediff-busy';
    this._busy.textContent = trans.__('Comparing…');
    controls.appendChild(this._busy);
    this._empty.className = 'jp-helium-tablediff-empty';
    this._empty.textContent = trans.__('No row differs. Show all rows to see the table.');
    controls.appendChild(this._empty);
    node.appendChild(controls);
    this._error.className = 'jp-helium-tablediff-error';
    this._error.setAttribute('role', 'alert');
    this._setError('');
    node.appendChild(this._error);
    return node;
  }

  /** An option of the key picker: its value is the key columns as JSON. */
  private _keyOption(columns: string[]): HTMLOptionElement {
    const option = document.createElement('option');
    option.value = JSON.stringify(columns);
    option.textContent = columns.length === 0 ? this._trans.__('Position (no key)') : columns.join(' + ');
    return option;
  }

  /** Show a diff: summary, controls, grid model and column widths. */
  private _show(diff: TableDiff): void {
    this._diff = diff;
    const summary = this._summary;
    summary.className = 'jp-helium-tablediff-overview';
    summary.replaceChildren(
      ...[summaryLine(diff, this._trans), schemaList(diff, this._trans), duplicateNote(diff, this._trans)].filter(
        (x): x is HTMLElement => x !== null
      )
    );
    const key = JSON.stringify(diff.keyColumns);
    if (![...this._keySelect.options].some(o => o.value === key)) {
      this._keySelect.appendChild(this._keyOption(diff.keyColumns)); // a composite key
    }
    this._model = new TableDiffModel(diff, this._trans, this._changesOnly);
    this._grid.dataModel = this._model;
    this._grid.selectionModel = new BasicSelectionModel({ dataModel: this._model });
    this._fitColumns();
    this._syncControls();
    this._revealFirstChangedColumn(diff);
  }

  /**
   * Scroll sideways to the first column with a changed cell, so a change in a wide table is on
   * screen without hunting for it (after layout: the grid needs its size to scroll).
   */
  private _revealFirstChangedColumn(diff: TableDiff): void {
    const column = diff.columns.findIndex(c => c.changedCells > 0);
    if (column > 0) {
      requestAnimationFrame(() => {
        if (!this.isDisposed && this._diff === diff) {
          this._grid.scrollToColumn(column);
        }
      });
    }
  }

  /** Reflect the state in the controls and the root's data attributes. */
  private _syncControls(): void {
    const diff = this._diff;
    if (!diff) {
      return;
    }
    const key = JSON.stringify(diff.keyColumns);
    this._keySelect.value = key;
    this.node.dataset.key = key;
    this.node.dataset.mode = this._changesOnly ? 'changes' : 'all';
    for (const button of this._modeButtons) {
      const pressed = (button.dataset.mode === 'changes') === this._changesOnly;
      button.setAttribute('aria-pressed', String(pressed));
      button.classList.toggle('jp-mod-active', pressed);
    }
    this._empty.hidden = !(this._changesOnly && diff.changedRows.length === 0);
  }

  /** Size columns from their headers and first rows' text (approximate: no text measuring). */
  private _fitColumns(): void {
    const model = this._model!;
    const rows = Math.min(50, model.rowCount('body'));
    for (let c = 0; c < model.columnCount('body'); c++) {
      let chars = model.columnTitle(c).length;
      for (let r = 0; r < rows; r++) {
        chars = Math.max(chars, model.cellText(r, c).length);
      }
      this._grid.resizeColumn('body', c, columnWidthFor(chars, 70));
    }
    const digits = String(Math.max(this.diff.left.numRows, this.diff.right.numRows)).length;
    this._grid.resizeColumn('row-header', 0, Math.round((digits * 2 + 5) * GRID_CHAR_PX + 12));
  }

  /** Show (or clear, with '') an error message. */
  private _setError(message: string): void {
    this._error.textContent = message;
    this._error.hidden = message === '';
  }

  private readonly _trans: TranslationBundle;
  private readonly _grid: DataGrid;
  private readonly _themeChanged?: ISignal<unknown, unknown>;
  private readonly _summary = document.createElement('div');
  private readonly _keySelect = document.createElement('select');
  private readonly _modeButtons: HTMLButtonElement[] = [];
  private readonly _busy = document.createElement('span');
  private readonly _empty = document.createElement('span');
  private readonly _error = document.createElement('div');
  private readonly _diffChanged = new Signal<this, TableDiff>(this);
  private _diff?: TableDiff;
  private _model?: TableDiffModel;
  private _changesOnly: boolean;
  private _abort?: AbortController;
}
