/**
 * `helium diff` of two notebooks, for a terminal: cell by cell (as the diff tab shows them, and as
 * nbdime's `nbdiff` prints them) instead of a line diff of their JSON, where outputs and base64
 * images bury the change. Cells are matched by id, else by content; execution counts are ignored.
 */
import { diffNotebooks, parseNotebookSide } from '../service/diff/notebook';
import type { ICellDiff, IDiffLine, ILineDiff, IOutputChange } from '../service/diff/notebook';
import { jsonChangeLine } from './json-diff-text';

const MARK: Record<IDiffLine['kind'], string> = { added: '+', removed: '-', same: ' ' };

/**
 * A line diff's lines, marked `+`, `-` or ` `, with a count of the lines left out.
 * @param diff - the line diff.
 * @param indent - what each line starts with.
 * @param changesOnly - list only added and removed lines (for outputs).
 * @returns the lines.
 */
function lineDiffText(diff: ILineDiff, indent: string, changesOnly = false): string[] {
  const lines = diff.lines.filter(l => !changesOnly || l.kind !== 'same').map(l => `${indent}${MARK[l.kind]}${l.text}`);
  if (diff.omitted > 0) {
    lines.push(`${indent}… ${diff.omitted.toLocaleString('en-US')} more lines`);
  }
  return lines;
}

/**
 * How an output changed, in one line and its text's diff.
 * @param change - the output's change.
 * @returns the lines.
 */
function outputText(change: IOutputChange): string[] {
  const what = [change.outputType, change.name].filter(Boolean).join(' ');
  const also = [change.image ? 'image' : '', change.rich ? 'rich content' : ''].filter(Boolean).join(' and ');
  const head = `  output ${change.index + 1} (${what}) ${change.kind}${also ? `: ${also} ${change.kind === 'changed' ? 'differs' : change.kind}` : ''}`;
  return [head, ...(change.text ? lineDiffText(change.text, '    ', change.kind === 'changed') : [])];
}

/**
 * One changed cell: a heading, its source's line diff, its outputs and metadata.
 * @param cell - the cell's diff.
 * @returns the lines.
 */
function cellText(cell: ICellDiff): string[] {
  const position = cell.rightIndex !== undefined ? cell.rightIndex + 1 : (cell.leftIndex ?? 0) + 1;
  const type = cell.previousCellType ? `${cell.previousCellType} → ${cell.cellType}` : cell.cellType;
  const moved = cell.moved ? ', moved' : '';
  const lines = [`## cell ${position} (${type}${cell.id ? `, id ${cell.id}` : ''}) ${cell.status}${moved}`];
  if (cell.sourceChanged) {
    lines.push(...lineDiffText(cell.source, '  '));
  }
  for (const output of cell.outputs) {
    lines.push(...outputText(output));
  }
  for (const change of cell.metadata) {
    lines.push(`  metadata ${jsonChangeLine(change)}`);
  }
  if (cell.attachmentsChanged) {
    lines.push('  attachments differ');
  }
  return lines;
}

/**
 * The diff of two notebooks as text: one section per cell that is not unchanged, then the
 * notebook's metadata changes.
 * @param left - the older notebook's text.
 * @param right - the newer notebook's text.
 * @param names - the two sides' names (`---` and `+++` lines).
 * @returns the text (ending in a newline); just the two names and "No differences…" when
 *   nothing but execution counts or UI state changed.
 * @throws HeliumError `InvalidInput` when a side is not a notebook.
 */
export function notebookDiffText(left: string, right: string, names: [string, string]): string {
  const diff = diffNotebooks(parseNotebookSide(left, names[0]), parseNotebookSide(right, names[1]));
  const lines = [`--- ${names[0]}`, `+++ ${names[1]}`];
  const { counts } = diff;
  lines.push(
    `cells: ${counts.modified} modified, ${counts.added} added, ${counts.removed} removed, ${counts.unchanged} unchanged (matched by ${diff.matchedBy})`
  );
  if (diff.format) {
    lines.push(`nbformat ${diff.format.left} → ${diff.format.right}`);
  }
  for (const cell of diff.cells) {
    if (cell.status !== 'unchanged' || cell.moved) {
      lines.push(...cellText(cell));
    }
  }
  if (diff.metadata.changes.length > 0) {
    lines.push('## notebook metadata', ...diff.metadata.changes.map(c => `  ${jsonChangeLine(c)}`));
  }
  const moved = diff.cells.some(c => c.moved);
  if (counts.modified + counts.added + counts.removed === 0 && !moved && diff.metadata.changes.length === 0 && !diff.format) {
    lines.push('No differences in sources, outputs or metadata (execution counts and UI state are not compared).');
  }
  return `${lines.join('\n')}\n`;
}
