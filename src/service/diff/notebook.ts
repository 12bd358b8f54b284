/**
 * Cell-by-cell diff of two nbformat 4 notebooks: which cells were added, removed, modified or
 * left unchanged, what changed in each (source as a line diff, outputs, metadata), and what
 * changed in the notebook's metadata. Execution counts are ignored by default.
 */
import { diffJsonValues, IJsonChange, IJsonDiff } from './json';
import { ICellPair, matchByContent, matchById } from './notebook-match';
import { ICellJson, INotebookJson, joinMultiline } from './notebook-parse';
import { ILineDiff, lineDiff, linesOf } from './notebook-lines';
import { canonicalJson, diffOutputs, IOutputChange } from './notebook-outputs';

export { parseNotebookSide } from './notebook-parse';
export type { INotebookJson, ICellJson, IOutputJson } from './notebook-parse';
export type { IDiffLine, ILineDiff } from './notebook-lines';
export type { IOutputChange } from './notebook-outputs';

/** What happened to a cell. */
export type CellStatus = 'added' | 'removed' | 'modified' | 'unchanged';

/** One cell of the comparison. */
export interface ICellDiff {
  status: CellStatus;
  /** The cell type (the right one's, unless removed). */
  cellType: string;
  /** The left cell's type when it differs. */
  previousCellType?: string;
  /** Index in the left notebook (absent when added). */
  leftIndex?: number;
  /** Index in the right notebook (absent when removed). */
  rightIndex?: number;
  /** The cell id (the right one's, unless removed). */
  id?: string;
  /** Matched by id but moved relative to the other cells. */
  moved: boolean;
  /** Whether the source changed (always true for added and removed cells with a source). */
  sourceChanged: boolean;
  /** The source as lines: a line diff when modified, all added/removed/same otherwise. */
  source: ILineDiff;
  /** Outputs that differ (for added/removed cells: all their outputs). */
  outputs: IOutputChange[];
  /** Changes of the cell's metadata (ignored keys left out). */
  metadata: IJsonChange[];
  /** Whether attachments (images pasted into Markdown) differ. */
  attachmentsChanged: boolean;
  /** Whether the execution count differs (only reported when not ignored). */
  executionCountChanged: boolean;
}

/** The result of {@link diffNotebooks}. */
export interface INotebookDiff {
  /** Every cell, in display order (the right notebook's, removed cells where they were). */
  cells: ICellDiff[];
  /** How cells were matched: by `id` or by `content`. */
  matchedBy: 'id' | 'content';
  /** Cells per status. */
  counts: Record<CellStatus, number>;
  /** Changes of the notebook's metadata. */
  metadata: IJsonDiff;
  /** The nbformat versions (`4.5`) when they differ. */
  format?: { left: string; right: string };
}

/** Options of {@link diffNotebooks}. */
export interface INotebookDiffOptions {
  /** Leave execution counts out (default true): re-running a notebook is not a change. */
  ignoreExecutionCount?: boolean;
  /** Cell metadata keys not compared (default: JupyterLab's UI state and timing). */
  ignoreCellMetadataKeys?: string[];
}

/** Cell metadata that changes by viewing or running a notebook, not by editing it. */
export const DEFAULT_IGNORED_CELL_METADATA = ['collapsed', 'scrolled', 'execution', 'jp-MarkdownHeadingCollapsed'];

/**
 * A cell's metadata without the ignored keys.
 * @param cell - the cell.
 * @param ignored - keys to leave out.
 * @returns the rest.
 */
function comparedMetadata(cell: ICellJson, ignored: Set<string>): Record<string, unknown> {
  const result: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(cell.metadata ?? {})) {
    if (!ignored.has(k)) {
      result[k] = v;
    }
  }
  return result;
}

/**
 * Compare two notebooks cell by cell.
 * @param left - the older notebook (from {@link parseNotebookSide}).
 * @param right - the newer notebook.
 * @param options - what to ignore.
 * @returns the cells with their status and changes, counts and notebook metadata changes.
 */
export function diffNotebooks(left: INotebookJson, right: INotebookJson, options: INotebookDiffOptions = {}): INotebookDiff {
  const ignoreCount = options.ignoreExecutionCount ?? true;
  const ignoredKeys = new Set(options.ignoreCellMetadataKeys ?? DEFAULT_IGNORED_CELL_METADATA);
  const byId = matchById(left.cells, right.cells);
  const pairs: ICellPair[] = byId ?? matchByContent(left.cells, right.cells);
  const counts: Record<CellStatus, number> = { added: 0, removed: 0, modified: 0, unchanged: 0 };
  const cells = pairs.map(pair => {
    const a = pair.left !== undefined ? left.cells[pair.left] : undefined;
    const b = pair.right !== undefined ? right.cells[pair.right] : undefined;
    const cell = a && b ? compareCells(a, b, pair, ignoreCount, ignoredKeys) : oneSidedCell((a ?? b)!, pair);
    counts[cell.status]++;
    return cell;
  });
  const result: INotebookDiff = {
    cells,
    matchedBy: byId ? 'id' : 'content',
    counts,
    metadata: diffJsonValues(left.metadata, right.metadata, { maxEntries: 1000 })
  };
  const lv = `${left.nbformat}.${left.nbformat_minor}`;
  const rv = `${right.nbformat}.${right.nbformat_minor}`;
  if (lv !== rv) {
    result.format = { left: lv, right: rv };
  }
  return result;
}

/**
 * A cell only on one side.
 * @param cell - the cell.
 * @param pair - where it is.
 * @returns its diff: added or removed, with all of its source and outputs.
 */
function oneSidedCell(cell: ICellJson, pair: ICellPair): ICellDiff {
  const kind = pair.right !== undefined ? 'added' : 'removed';
  const source = joinMultiline(cell.source);
  const none: ICellJson['outputs'] = [];
  return {
    status: kind,
    cellType: cell.cell_type,
    leftIndex: pair.left,
    rightIndex: pair.right,
    id: typeof cell.id === 'string' ? cell.id : undefined,
    moved: false,
    sourceChanged: source !== '',
    source: linesOf(source, kind),
    outputs: kind === 'added' ? diffOutputs(none, cell.outputs ?? []) : diffOutputs(cell.outputs ?? [], none),
    metadata: [],
    attachmentsChanged: false,
    executionCountChanged: false
  };
}

/**
 * Two versions of a cell.
 * @param a - the left cell.
 * @param b - the right cell.
 * @param pair - where they are.
 * @param ignoreCount - ignore execution counts.
 * @param ignoredKeys - cell metadata keys not compared.
 * @returns its diff: modified or unchanged, with what changed.
 */
function compareCells(a: ICellJson, b: ICellJson, pair: ICellPair, ignoreCount: boolean, ignoredKeys: Set<string>): ICellDiff {
  const sa = joinMultiline(a.source);
  const sb = joinMultiline(b.source);
  const sourceChanged = sa !== sb;
  const outputs = diffOutputs(a.outputs ?? [], b.outputs ?? [], ignoreCount);
  const metadata = diffJsonValues(comparedMetadata(a, ignoredKeys), comparedMetadata(b, ignoredKeys), {
    maxEntries: 200
  }).changes;
  const attachmentsChanged = canonicalJson(a.attachments ?? {}) !== canonicalJson(b.attachments ?? {});
  const executionCountChanged = !ignoreCount && (a.execution_count ?? null) !== (b.execution_count ?? null);
  const typeChanged = a.cell_type !== b.cell_type;
  const modified = sourceChanged || typeChanged || outputs.length > 0 || metadata.length > 0 || attachmentsChanged || executionCountChanged;
  const diff: ICellDiff = {
    status: modified ? 'modified' : 'unchanged',
    cellType: b.cell_type,
    leftIndex: pair.left,
    rightIndex: pair.right,
    id: typeof b.id === 'string' ? b.id : undefined,
    moved: pair.moved ?? false,
    sourceChanged,
    source: lineDiff(sa, sb),
    outputs,
    metadata,
    attachmentsChanged,
    executionCountChanged
  };
  if (typeChanged) {
    diff.previousCellType = a.cell_type;
  }
  return diff;
}
