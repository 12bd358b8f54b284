/**
 * The content of a snapshot comparison tab: two snapshots (or a snapshot and the live folder) as
 * a virtualized tree of folders and files with per-folder counts of each status, a summary that
 * doubles as the status filter, "show unchanged", a path filter, and a click on a changed file
 * to open its content diff.
 */
import * as React from 'react';
import { ReactWidget } from '@jupyterlab/apputils';
import type { TranslationBundle } from '@jupyterlab/translation';
import { caretDownIcon, caretRightIcon, folderIcon } from '@jupyterlab/ui-components';
import { useVirtualizer } from '@tanstack/react-virtual';
import type { EntryChange, EntryStatus, SnapshotDiff, StatusCounts } from '../service/snapshots/types';
import type { ISnapshotSide, SnapshotDiffModel } from '../models/snapshot-diff';
import { LIVE, targetUri } from '../models/snapshot-target';
import { displayKey } from '../service/uri';
import { nameClass, nameText } from './key-text';
import { KeyText } from './KeyText';
import {
  allFolderPaths,
  buildSnapshotTree,
  CHANGED_STATUSES,
  flattenSnapshotTree,
  folderCounts,
  hasBothSides,
  ISnapshotTreeRow,
  summaryCounts
} from '../models/snapshot-tree';
import { useSignal } from './useSignal';
import { describeProgress } from './SnapshotProgress';
import { formatBytes } from './format';

export const SNAPDIFF_ROW_HEIGHT = 26;

export interface ISnapshotDiffViewOptions {
  model: SnapshotDiffModel;
  trans: TranslationBundle;
  /** Open the content diff of a file that exists on both sides. */
  onOpenFile: (change: EntryChange) => void;
  /** A note above the comparison with one action (e.g. the restore a review is for). */
  banner?: { text: string; actionLabel: string; onAction: () => void };
  /** Restore the folder to a snapshot side of the comparison (a button per snapshot side). */
  onRestore?: (side: ISnapshotSide) => void;
}

/**
 * The word for a status.
 * @param status - the status.
 * @param trans - translations.
 * @returns e.g. "modified".
 */
export function statusLabel(status: EntryStatus, trans: TranslationBundle): string {
  switch (status) {
    case 'added':
      return trans.__('added');
    case 'deleted':
      return trans.__('deleted');
    case 'modified':
      return trans.__('modified');
    case 'metadata-changed':
      return trans.__('metadata changed');
    case 'same-content-new-version':
      return trans.__('same content, new version');
    default:
      return trans.__('unchanged');
  }
}

/** What a status means, for tooltips. */
function statusHelp(status: EntryStatus, trans: TranslationBundle): string {
  switch (status) {
    case 'added':
      return trans.__('Only on side B');
    case 'deleted':
      return trans.__('Only on side A');
    case 'modified':
      return trans.__('Content differs (by content hash)');
    case 'metadata-changed':
      return trans.__('Same content, different metadata');
    case 'same-content-new-version':
      return trans.__('Same content and metadata, written again (another version)');
    default:
      return trans.__('The same version on both sides');
  }
}

function Badges(props: { counts: StatusCounts; trans: TranslationBundle; showSame: boolean }): JSX.Element {
  const { counts, trans } = props;
  const statuses: EntryStatus[] = props.showSame ? [...CHANGED_STATUSES, 'same'] : [...CHANGED_STATUSES];
  return (
    <span className="jp-helium-snapdiff-badges">
      {statuses
        .filter(s => counts[s] > 0)
        .map(s => (
          <span
            key={s}
            className="jp-helium-badge jp-helium-snapdiff-badge"
            data-status={s}
            title={`${counts[s].toLocaleString()} ${statusLabel(s, trans)}`}
          >
            {counts[s].toLocaleString()}
          </span>
        ))}
    </span>
  );
}

function sizeChange(change: EntryChange): string {
  const { left, right } = change;
  if (left && right) {
    return left.size === right.size ? formatBytes(right.size) : `${formatBytes(left.size)} → ${formatBytes(right.size)}`;
  }
  return formatBytes((left ?? right)!.size);
}

function TreeRow(props: {
  row: ISnapshotTreeRow;
  diff: SnapshotDiff;
  trans: TranslationBundle;
  showSame: boolean;
  style: React.CSSProperties;
  onToggle: (path: string) => void;
  onOpen: (change: EntryChange) => void;
}): JSX.Element {
  const { row, trans } = props;
  const indent = { paddingLeft: 6 + row.depth * 16 };
  if (row.kind === 'folder') {
    const Caret = row.collapsed ? caretRightIcon : caretDownIcon;
    return (
      <div
        className="jp-helium-listrow jp-helium-snapdiff-row jp-helium-snapdiff-folder"
        role="treeitem"
        aria-expanded={!row.collapsed}
        tabIndex={0}
        data-kind="folder"
        data-status="folder"
        data-path={row.path}
        style={{ ...props.style, ...indent }}
        title={row.path}
        onClick={() => props.onToggle(row.path)}
        onKeyDown={e => (e.key === 'Enter' || e.key === ' ') && (e.preventDefault(), props.onToggle(row.path))}
      >
        <Caret.react tag="span" className="jp-helium-snapdiff-caret" />
        <folderIcon.react tag="span" className="jp-helium-snapdiff-icon" />
        <span className={nameClass('jp-helium-snapdiff-name', row.name)}>
          <KeyText text={nameText(row.name, trans)} />
        </span>
        <Badges counts={folderCounts(props.diff, row.folder!)} trans={trans} showSame={props.showSame} />
      </div>
    );
  }
  const change = row.change!;
  // Every file opens: both sides → their content diff; one side (added, deleted) → that version.
  const both = hasBothSides(change);
  const hint = both ? trans.__('Click to compare the contents') : trans.__('Click to open this version (read-only)');
  return (
    <div
      className="jp-helium-listrow jp-helium-snapdiff-row jp-helium-snapdiff-file jp-mod-openable"
      role="treeitem"
      tabIndex={0}
      data-kind="file"
      data-status={change.status}
      data-path={change.logicalKey}
      style={{ ...props.style, ...indent }}
      title={`${displayKey(change.logicalKey)}\n${statusHelp(change.status, trans)}\n${hint}`}
      onClick={() => props.onOpen(change)}
      onKeyDown={e => e.key === 'Enter' && props.onOpen(change)}
    >
      <span className="jp-helium-snapdiff-caret-space" />
      <span className="jp-helium-badge jp-helium-snapdiff-status" data-status={change.status}>
        {statusLabel(change.status, trans)}
      </span>
      <span className={nameClass('jp-helium-snapdiff-name', row.name)}>
        <KeyText text={nameText(row.name, trans)} />
      </span>
      <span className="jp-helium-snapdiff-size">{sizeChange(change)}</span>
    </div>
  );
}

function DiffTree(props: { diff: SnapshotDiff; trans: TranslationBundle; onOpenFile: (change: EntryChange) => void }): JSX.Element {
  const { diff, trans } = props;
  const tree = React.useMemo(() => buildSnapshotTree(diff.changes), [diff]);
  const [statuses, setStatuses] = React.useState<ReadonlySet<EntryStatus>>(() => new Set(CHANGED_STATUSES));
  const [showSame, setShowSame] = React.useState(false);
  const [collapsed, setCollapsed] = React.useState<ReadonlySet<string>>(() => new Set());
  const [query, setQuery] = React.useState('');
  const shown = React.useMemo(() => {
    const set = new Set(statuses);
    if (showSame) {
      set.add('same');
    }
    return set;
  }, [statuses, showSame]);
  const rows = React.useMemo(
    () => flattenSnapshotTree(tree, { statuses: shown, collapsed, query }),
    [tree, shown, collapsed, query]
  );
  const counts = summaryCounts(diff);
  const listedSame = tree.root.listed.same;
  const scrollRef = React.useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => SNAPDIFF_ROW_HEIGHT,
    overscan: 20
  });
  const toggleStatus = (s: EntryStatus) => {
    const next = new Set(statuses);
    if (next.has(s)) {
      next.delete(s);
    } else {
      next.add(s);
    }
    setStatuses(next);
  };
  const toggleFolder = (path: string) => {
    const next = new Set(collapsed);
    if (next.has(path)) {
      next.delete(path);
    } else {
      next.add(path);
    }
    setCollapsed(next);
  };
  const changedTotal = CHANGED_STATUSES.reduce((sum, s) => sum + counts[s], 0);
  const dataCounts: Record<string, string> = {};
  for (const s of [...CHANGED_STATUSES, 'same' as const]) {
    dataCounts[`data-${s}`] = String(counts[s]);
  }
  return (
    <>
      <div className="jp-helium-snapdiff-summary" data-changed={changedTotal} {...dataCounts}>
        {CHANGED_STATUSES.map(s => (
          <button
            key={s}
            type="button"
            className="jp-helium-snapdiff-chip"
            data-status={s}
            aria-pressed={statuses.has(s)}
            title={`${statusHelp(s, trans)}\n${trans.__('Click to show or hide these files')}`}
            onClick={() => toggleStatus(s)}
          >
            <span className="jp-helium-snapdiff-chip-count">{counts[s].toLocaleString()}</span>
            <span className="jp-helium-snapdiff-chip-label">{statusLabel(s, trans)}</span>
          </button>
        ))}
        <label className="jp-helium-snapdiff-same" title={statusHelp('same', trans)}>
          <input
            type="checkbox"
            className="jp-helium-snapdiff-showsame"
            checked={showSame}
            onChange={e => setShowSame(e.target.checked)}
          />
          {trans.__('Show unchanged (%1)', counts.same.toLocaleString())}
        </label>
      </div>
      <div className="jp-helium-toolbar jp-helium-snapdiff-toolbar">
        <input
          type="search"
          className="jp-mod-styled jp-helium-snapdiff-filter"
          placeholder={trans.__('Filter by path')}
          value={query}
          onChange={e => setQuery(e.target.value)}
        />
        <button type="button" className="jp-mod-styled jp-helium-snapdiff-expand" onClick={() => setCollapsed(new Set())}>
          {trans.__('Expand all')}
        </button>
        <button
          type="button"
          className="jp-mod-styled jp-helium-snapdiff-collapse"
          onClick={() => setCollapsed(allFolderPaths(tree))}
        >
          {trans.__('Collapse all')}
        </button>
      </div>
      {showSame && listedSame < counts.same && (
        <div className="jp-helium-notice">{trans.__('Unchanged files were not listed by this comparison; only their counts are known.')}</div>
      )}
      <div className="jp-helium-snapdiff-scroll" ref={scrollRef} role="tree" data-testid="helium-snapdiff-tree">
        <div style={{ height: virtualizer.getTotalSize(), position: 'relative', width: '100%' }}>
          {virtualizer.getVirtualItems().map(item => {
            const row = rows[item.index];
            return (
              <TreeRow
                key={`${row.kind}:${row.path}`}
                row={row}
                diff={diff}
                trans={trans}
                showSame={showSame}
                style={{ transform: `translateY(${item.start}px)`, height: SNAPDIFF_ROW_HEIGHT }}
                onToggle={toggleFolder}
                onOpen={props.onOpenFile}
              />
            );
          })}
        </div>
        {rows.length === 0 && (
          <div className="jp-helium-empty">
            {changedTotal === 0 && !showSame
              ? trans.__('No differences: both sides hold the same files with the same content and metadata.')
              : trans.__('Nothing matches the filter.')}
          </div>
        )}
      </div>
    </>
  );
}

/**
 * The comparison: progress, the error, or the summary and tree of changes.
 * @param props - the comparison's model, translations and actions.
 * @returns the element.
 */
export function SnapshotDiffContent(props: ISnapshotDiffViewOptions): JSX.Element {
  const { model, trans } = props;
  useSignal(model.changed, 100);
  const { request } = model;
  let body: JSX.Element;
  switch (model.state) {
    case 'done':
      body = <DiffTree diff={model.diff!} trans={trans} onOpenFile={props.onOpenFile} />;
      break;
    case 'error': {
      const err = model.error as { message?: string; kind?: string } | null;
      body = (
        <div className="jp-helium-snapdiff-state">
          <p className="jp-helium-snapdiff-error" role="alert" data-kind={err?.kind ?? 'Unknown'}>
            {err?.message ?? String(model.error)}
          </p>
          <button type="button" className="jp-mod-styled jp-helium-snapdiff-retry" onClick={() => void model.load()}>
            {trans.__('Try again')}
          </button>
        </div>
      );
      break;
    }
    case 'cancelled':
      body = (
        <div className="jp-helium-snapdiff-state">
          <p>{trans.__('The comparison was cancelled.')}</p>
          <button type="button" className="jp-mod-styled jp-helium-snapdiff-retry" onClick={() => void model.load()}>
            {trans.__('Compare again')}
          </button>
        </div>
      );
      break;
    default: {
      const text = describeProgress(model.progress, trans);
      body = (
        <div className="jp-helium-snapdiff-state jp-helium-snapdiff-loading" role="status" data-phase={text.phaseId}>
          <p>{trans.__('Comparing…')}</p>
          {model.progress !== null && <p className="jp-helium-snapdiff-progress">{`${text.phase}: ${text.detail}`}</p>}
          {text.fraction === null ? <progress /> : <progress max={1} value={text.fraction} />}
          <button type="button" className="jp-mod-styled jp-helium-snapdiff-cancel" onClick={() => model.cancel()}>
            {trans.__('Cancel')}
          </button>
        </div>
      );
    }
  }
  return (
    <div className="jp-helium-snapdiff-content" data-state={model.state}>
      <div className="jp-helium-snapdiff-header">
        <div className="jp-helium-snapdiff-uri">{targetUri(request)}</div>
        <div className="jp-helium-snapdiff-sides">
          <span className="jp-helium-snapdiff-side" data-side="left" data-ref={request.left.ref}>
            {trans.__('A: %1', request.left.label)}
          </span>
          <span className="jp-helium-snapdiff-arrow">→</span>
          <span className="jp-helium-snapdiff-side" data-side="right" data-ref={request.right.ref}>
            {trans.__('B: %1', request.right.label)}
          </span>
        </div>
        <div className="jp-helium-snapdiff-actions">
          <button
            type="button"
            className="jp-mod-styled jp-helium-snapdiff-refresh"
            title={trans.__('Compare again, reading the live folder and the snapshots afresh')}
            disabled={model.state === 'loading'}
            onClick={() => void model.load()}
          >
            {trans.__('Refresh')}
          </button>
          {props.onRestore &&
            (['left', 'right'] as const)
              .filter(which => request[which].ref !== LIVE)
              .map(which => (
                <button
                  key={which}
                  type="button"
                  className="jp-mod-styled jp-helium-snapdiff-restore"
                  data-side={which}
                  title={trans.__('Restore %1 to %2 (shows what it will do first)', targetUri(request), request[which].label)}
                  onClick={() => props.onRestore!(request[which])}
                >
                  {which === 'left' ? trans.__('Restore folder to A…') : trans.__('Restore folder to B…')}
                </button>
              ))}
        </div>
      </div>
      {props.banner && (
        <div className="jp-helium-notice jp-helium-snapdiff-banner">
          <span>{props.banner.text}</span>
          <button type="button" className="jp-mod-styled jp-mod-warn jp-helium-snapdiff-banner-action" onClick={props.banner.onAction}>
            {props.banner.actionLabel}
          </button>
        </div>
      )}
      {body}
    </div>
  );
}

/** The comparison tab's content. */
export class SnapshotDiffView extends ReactWidget {
  constructor(private readonly _options: ISnapshotDiffViewOptions) {
    super();
    this.addClass('jp-helium-snapdiff');
    this.node.dataset.left = _options.model.request.left.ref;
    this.node.dataset.right = _options.model.request.right.ref;
  }

  get model(): SnapshotDiffModel {
    return this._options.model;
  }

  dispose(): void {
    if (!this.isDisposed) {
      this._options.model.dispose();
    }
    super.dispose();
  }

  protected render(): JSX.Element {
    return <SnapshotDiffContent {...this._options} />;
  }
}
