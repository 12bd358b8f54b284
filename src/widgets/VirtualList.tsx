/**
 * A virtualized list of fixed-height rows (@tanstack/react-virtual) for the sidebar panels: only
 * the visible rows are rendered, and, with `loadAhead`, scrolling near the end of what is loaded
 * asks for more. With `grid`, the rows are an ARIA grid that the keyboard moves through (arrows,
 * Home, End, Page Up/Down), one row tabbable at a time; what sits below the rows stays outside it.
 */
import * as React from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';

export interface IVirtualListProps {
  /** Class of the scrolling element. */
  className: string;
  /** `data-testid` of the scrolling element. */
  testId: string;
  count: number;
  rowHeight: number;
  /** Rows rendered beyond the visible ones. */
  overscan: number;
  /**
   * One row (with its `key`), placed by `style`; with `grid`, its root element takes `aria` too
   * (its position for screen readers, and whether it is the tabbable row).
   */
  renderRow: (index: number, style: React.CSSProperties, aria: IRowAria) => React.ReactNode;
  /** Ask for the next page when the last rendered row is `rows` or fewer from the end. */
  loadAhead?: { rows: number; hasMore: boolean; loading: boolean; loadMore: () => void };
  /** Shown below the rows (e.g. a note that there are none). */
  children?: React.ReactNode;
  /**
   * The list as assistive technology sees it: a grid of `row`s (each with `gridcell`s) named by
   * `label`. `active` is the selected row (the tabbable one; the first when none), and `onMove`
   * selects the row the keyboard moved to.
   */
  grid?: { label: string; active: number; onMove: (index: number) => void };
  /** Scroll this row to the middle whenever `token` changes (e.g. a row revealed from elsewhere). */
  scrollTo?: { index: number; token: number };
}

/** What a row of a grid puts on its root element. */
export interface IRowAria {
  'aria-rowindex'?: number;
  tabIndex?: number;
}

/** Where a key moves in a list of `count` rows from `index`, or null for other keys. */
function movedTo(key: string, index: number, count: number, page: number): number | null {
  const to = { ArrowDown: index + 1, ArrowUp: index - 1, Home: 0, End: count - 1, PageDown: index + page, PageUp: index - page }[key];
  return to === undefined ? null : Math.max(0, Math.min(count - 1, to));
}

export function VirtualList(props: IVirtualListProps): JSX.Element {
  const { count, rowHeight, loadAhead } = props;
  const scrollRef = React.useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => rowHeight,
    overscan: props.overscan
  });
  const rows = virtualizer.getVirtualItems();
  const lastRendered = rows.length ? rows[rows.length - 1].index : 0;
  // The latest loadMore (callers pass a new object each render); the effect runs on what it reads.
  const loadMore = React.useRef(loadAhead?.loadMore);
  loadMore.current = loadAhead?.loadMore;
  const { rows: aheadRows, hasMore, loading } = loadAhead ?? {};
  React.useEffect(() => {
    if (hasMore && !loading && aheadRows !== undefined && lastRendered >= count - aheadRows) {
      loadMore.current?.();
    }
  }, [lastRendered, count, hasMore, loading, aheadRows]);
  const scrolledFor = React.useRef(props.scrollTo?.token);
  React.useEffect(() => {
    const target = props.scrollTo;
    if (target && target.token !== scrolledFor.current && target.index >= 0 && target.index < count) {
      scrolledFor.current = target.token;
      virtualizer.scrollToIndex(target.index, { align: 'center' });
    }
  });
  const gridRef = React.useRef<HTMLDivElement>(null);
  const focusRow = React.useRef<number | null>(null);
  React.useEffect(() => {
    // After a keyboard move: focus the row once it is rendered (it may have just scrolled in).
    const index = focusRow.current;
    const row = index === null ? null : gridRef.current?.querySelector<HTMLElement>(`[aria-rowindex="${index + 1}"]`);
    if (row) {
      focusRow.current = null;
      row.focus();
    }
  });
  const grid = props.grid;
  const onKeyDown = (event: React.KeyboardEvent) => {
    const from = (event.target as HTMLElement).closest('[aria-rowindex]')?.getAttribute('aria-rowindex');
    const page = Math.max(1, Math.floor((scrollRef.current?.clientHeight ?? rowHeight) / rowHeight) - 1);
    const to = grid && from ? movedTo(event.key, Number(from) - 1, count, page) : null;
    if (to === null || !grid) {
      return;
    }
    event.preventDefault();
    focusRow.current = to;
    virtualizer.scrollToIndex(to);
    grid.onMove(to);
  };
  const tabbable = grid ? (grid.active >= 0 && grid.active < count ? grid.active : 0) : -1;
  const ariaOf = (index: number): IRowAria => (grid ? { 'aria-rowindex': index + 1, tabIndex: index === tabbable ? 0 : -1 } : {});
  return (
    <div className={props.className} ref={scrollRef} data-testid={props.testId}>
      <div
        ref={gridRef}
        {...(grid ? { role: 'grid', 'aria-label': grid.label, 'aria-rowcount': count, onKeyDown } : {})}
        style={{ height: virtualizer.getTotalSize(), position: 'relative', width: '100%' }}
      >
        {rows.map(row => props.renderRow(row.index, { transform: `translateY(${row.start}px)`, height: rowHeight }, ariaOf(row.index)))}
      </div>
      {props.children}
    </div>
  );
}
