/**
 * The notebook diff: cell by cell, with a status badge, the source as +/− lines, output changes
 * summarised (text outputs as text diffs, images as "image changed"), runs of unchanged cells
 * collapsed. Outputs are never rendered as HTML or run as JavaScript: text only.
 */
import * as React from 'react';
import type { TranslationBundle } from '@jupyterlab/translation';
import { ReactWidget } from '@jupyterlab/ui-components';
import type { CellStatus, ICellDiff, ILineDiff, INotebookDiff, IOutputChange } from '../../service/diff/notebook';
import type { IJsonChange } from '../../service/diff/json';
import { formatJsonPath, previewJsonValue } from '../../service/diff/json-format';

type Props = { trans: TranslationBundle };

/** Lines of a source or text output, with +/− marks. */
function Lines(props: Props & { diff: ILineDiff }): JSX.Element {
  const { diff, trans } = props;
  const mark = { added: '+', removed: '−', same: ' ' };
  return (
    <div className="jp-helium-diff-lines">
      {diff.lines.map((line, i) => (
        <div key={i} className="jp-helium-diff-line" data-kind={line.kind}>
          <span className="jp-helium-diff-line-mark" aria-hidden="true">
            {mark[line.kind]}
          </span>
          <span className="jp-helium-diff-line-text">{line.text}</span>
        </div>
      ))}
      {diff.omitted > 0 && (
        <div className="jp-helium-diff-line jp-helium-diff-omitted">{trans.__('… %1 more lines not shown', diff.omitted)}</div>
      )}
    </div>
  );
}

/** Metadata changes as `path: old → new` lines. */
function MetadataChanges(props: Props & { changes: IJsonChange[]; title: string }): JSX.Element | null {
  if (!props.changes.length) {
    return null;
  }
  return (
    <div className="jp-helium-diff-nb-metadata">
      <div className="jp-helium-diff-nb-subtitle">{props.title}</div>
      {props.changes.map((c, i) => (
        <div key={i} className="jp-helium-diff-nb-metaline" data-kind={c.kind}>
          <span className="jp-helium-diff-json-path">{formatJsonPath(c.path)}</span>{' '}
          {c.kind !== 'added' && <span className="jp-helium-diff-json-left">{previewJsonValue(c.left, 120)}</span>}
          {c.kind === 'changed' && ' → '}
          {c.kind !== 'removed' && <span className="jp-helium-diff-json-right">{previewJsonValue(c.right, 120)}</span>}
        </div>
      ))}
    </div>
  );
}

/** One output change. */
function OutputChange(props: Props & { change: IOutputChange }): JSX.Element {
  const { change, trans } = props;
  const kind = { added: trans.__('added'), removed: trans.__('removed'), changed: trans.__('changed') }[change.kind];
  const what = change.name ? `${change.outputType} ${change.name}` : change.outputType;
  const imageText = {
    added: trans.__('image added'),
    removed: trans.__('image removed'),
    changed: trans.__('image changed')
  }[change.kind];
  return (
    <div className="jp-helium-diff-nb-output" data-kind={change.kind}>
      <div className="jp-helium-diff-nb-subtitle">{trans.__('Output %1 (%2): %3', change.index + 1, what, kind)}</div>
      {change.text && <Lines diff={change.text} trans={trans} />}
      {change.image && <div className="jp-helium-diff-nb-note">{imageText}</div>}
      {change.rich && (
        <div className="jp-helium-diff-nb-note">{trans.__('other content (HTML, JavaScript, widgets…) differs; not shown')}</div>
      )}
    </div>
  );
}

/** Label of a status badge. */
function statusLabel(status: CellStatus, trans: TranslationBundle): string {
  return {
    added: trans.__('Added'),
    removed: trans.__('Removed'),
    modified: trans.__('Modified'),
    unchanged: trans.__('Unchanged')
  }[status];
}

/** One cell of the comparison. */
function Cell(props: Props & { cell: ICellDiff }): JSX.Element {
  const { cell, trans } = props;
  const where = [
    cell.leftIndex !== undefined ? trans.__('A: cell %1', cell.leftIndex + 1) : '',
    cell.rightIndex !== undefined ? trans.__('B: cell %1', cell.rightIndex + 1) : ''
  ]
    .filter(Boolean)
    .join(' · ');
  const notes = [
    cell.previousCellType ? trans.__('was %1', cell.previousCellType) : '',
    cell.status === 'modified' && !cell.sourceChanged ? trans.__('source unchanged') : '',
    cell.attachmentsChanged ? trans.__('attachments changed') : '',
    cell.executionCountChanged ? trans.__('execution count changed') : ''
  ].filter(Boolean);
  return (
    <section className="jp-helium-diff-nb-cell" data-status={cell.status} data-cell-type={cell.cellType} data-moved={String(cell.moved)}>
      <div className="jp-helium-diff-nb-cellhead">
        <span className="jp-helium-diff-nb-type">{cell.cellType}</span>
        <span className="jp-helium-badge jp-helium-diff-nb-badge" data-status={cell.status}>
          {statusLabel(cell.status, trans)}
        </span>
        {cell.moved && (
          <span className="jp-helium-badge jp-helium-diff-nb-badge" data-status="moved">
            {trans.__('Moved')}
          </span>
        )}
        <span className="jp-helium-diff-nb-where">{where}</span>
        {notes.length > 0 && <span className="jp-helium-diff-nb-notes">{notes.join(' · ')}</span>}
      </div>
      <Lines diff={cell.source} trans={trans} />
      {cell.outputs.map((o, i) => (
        <OutputChange key={i} change={o} trans={trans} />
      ))}
      <MetadataChanges changes={cell.metadata} title={trans.__('Cell metadata')} trans={trans} />
    </section>
  );
}

/** A run of unchanged cells: "N unchanged cells", expandable. */
function UnchangedRun(props: Props & { cells: ICellDiff[] }): JSX.Element {
  const { cells, trans } = props;
  const [open, setOpen] = React.useState(false);
  return (
    <div className="jp-helium-diff-nb-unchanged" data-count={cells.length}>
      <button type="button" className="jp-helium-diff-nb-expand" aria-expanded={open} onClick={() => setOpen(!open)}>
        {open
          ? trans._n('Hide %1 unchanged cell', 'Hide %1 unchanged cells', cells.length)
          : trans._n('%1 unchanged cell', '%1 unchanged cells', cells.length)}
      </button>
      {open && cells.map((cell, i) => <Cell key={i} cell={cell} trans={trans} />)}
    </div>
  );
}

/** Cells grouped for display: changed cells alone, runs of unchanged (unmoved) cells together. */
function groups(cells: ICellDiff[]): (ICellDiff | ICellDiff[])[] {
  const out: (ICellDiff | ICellDiff[])[] = [];
  for (const cell of cells) {
    if (cell.status === 'unchanged' && !cell.moved) {
      const last = out[out.length - 1];
      if (Array.isArray(last)) {
        last.push(cell);
      } else {
        out.push([cell]);
      }
    } else {
      out.push(cell);
    }
  }
  return out;
}

/** The whole notebook comparison. */
export function NotebookDiff(props: Props & { diff: INotebookDiff }): JSX.Element {
  const { diff, trans } = props;
  const { added, removed, modified, unchanged } = diff.counts;
  const moved = diff.cells.filter(c => c.moved).length;
  const identical = added + removed + modified + moved === 0 && diff.metadata.changes.length === 0 && !diff.format;
  return (
    <div className="jp-helium-diff-nb-root">
      <div className="jp-helium-diff-viewbar">
        {identical ? (
          <span className="jp-helium-diff-identical">{trans.__('The notebooks have the same cells, outputs and metadata.')}</span>
        ) : (
          <span className="jp-helium-diff-counts">
            <span className="jp-helium-diff-count-added">{trans.__('%1 added', added)}</span>
            {' · '}
            <span className="jp-helium-diff-count-removed">{trans.__('%1 removed', removed)}</span>
            {' · '}
            <span className="jp-helium-diff-count-changed">{trans.__('%1 modified', modified)}</span>
            {moved > 0 && ` · ${trans.__('%1 moved', moved)}`}
            {' · '}
            {trans.__('%1 unchanged', unchanged)}
          </span>
        )}
        <span className="jp-helium-diff-nb-matched">
          {diff.matchedBy === 'id' ? trans.__('cells matched by id') : trans.__('cells matched by content')}
        </span>
      </div>
      <div className="jp-helium-diff-nb-scroll">
        {diff.format && (
          <div className="jp-helium-diff-nb-note">{trans.__('Notebook format: %1 → %2', diff.format.left, diff.format.right)}</div>
        )}
        <MetadataChanges changes={diff.metadata.changes} title={trans.__('Notebook metadata')} trans={trans} />
        {groups(diff.cells).map((group, i) =>
          Array.isArray(group) ? <UnchangedRun key={i} cells={group} trans={trans} /> : <Cell key={i} cell={group} trans={trans} />
        )}
      </div>
    </div>
  );
}

/** The notebook diff view. */
export class NotebookDiffView extends ReactWidget {
  /**
   * @param diff - the cell-by-cell diff.
   * @param trans - translations.
   */
  constructor(
    readonly diff: INotebookDiff,
    private _trans: TranslationBundle
  ) {
    super();
    this.addClass('jp-helium-diff-nb');
  }

  protected render(): JSX.Element {
    return <NotebookDiff diff={this.diff} trans={this._trans} />;
  }
}
