/** The tree of a finished comparison, with its summary and filters. */
import * as React from 'react';
import type { TranslationBundle } from '@jupyterlab/translation';
import { useVirtualizer } from '@tanstack/react-virtual';
import type { EntryChange, EntryStatus } from '../../service/snapshots/types';
import { CHANGED, SnapshotDiffTree } from '../../models/snapshot-diff-tree';
import { SNAPDIFF_ROW_HEIGHT } from './options';
import { statusHelp, statusLabel } from './status-text';
import { TreeRow } from './TreeRow';

/**
 * The summary (which doubles as the status filter), the path filter and the virtualized tree of a
 * finished comparison.
 * @param props - the comparison's tree, translations and what opens a file.
 * @returns the element.
 */
export function DiffTree(props: {
  tree: SnapshotDiffTree;
  trans: TranslationBundle;
  onOpenFile: (change: EntryChange) => void;
}): JSX.Element {
  const { tree, trans } = props;
  const [statuses, setStatuses] = React.useState<ReadonlySet<EntryStatus>>(() => new Set(CHANGED));
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
  const rows = React.useMemo(() => tree.rows({ statuses: shown, collapsed, query }), [tree, shown, collapsed, query]);
  const counts = tree.summary;
  const listedSame = tree.listedSame;
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
  const changedTotal = CHANGED.reduce((sum, s) => sum + counts[s], 0);
  const dataCounts: Record<string, string> = {};
  for (const s of [...CHANGED, 'same' as const]) {
    dataCounts[`data-${s}`] = String(counts[s]);
  }
  return (
    <>
      <div className="jp-helium-snapdiff-summary" data-changed={changedTotal} {...dataCounts}>
        {CHANGED.map(s => (
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
          <input type="checkbox" className="jp-helium-snapdiff-showsame" checked={showSame} onChange={e => setShowSame(e.target.checked)} />
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
        <button type="button" className="jp-mod-styled jp-helium-snapdiff-collapse" onClick={() => setCollapsed(tree.allFolderPaths())}>
          {trans.__('Collapse all')}
        </button>
      </div>
      {showSame && listedSame < counts.same && (
        <div className="jp-helium-notice">
          {trans.__('Unchanged files were not listed by this comparison; only their counts are known.')}
        </div>
      )}
      <div
        className="jp-helium-snapdiff-scroll"
        ref={scrollRef}
        role="tree"
        aria-label={trans.__('Changes')}
        data-testid="helium-snapdiff-tree"
      >
        <div style={{ height: virtualizer.getTotalSize(), position: 'relative', width: '100%' }}>
          {virtualizer.getVirtualItems().map(item => {
            const row = rows[item.index];
            return (
              <TreeRow
                key={`${row.kind}:${row.path}`}
                row={row}
                tree={tree}
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
