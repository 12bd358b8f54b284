/**
 * A virtualized list of fixed-height rows (@tanstack/react-virtual) for the sidebar panels: only
 * the visible rows are rendered, and, with `loadAhead`, scrolling near the end of what is loaded
 * asks for more.
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
  /** One row (with its `key`), placed by `style`. */
  renderRow: (index: number, style: React.CSSProperties) => React.ReactNode;
  /** Ask for the next page when the last rendered row is `rows` or fewer from the end. */
  loadAhead?: { rows: number; hasMore: boolean; loading: boolean; loadMore: () => void };
  /** Shown below the rows (e.g. a note that there are none). */
  children?: React.ReactNode;
  /**
   * The list as assistive technology sees it: a grid of `row`s (each with `gridcell`s) named by
   * `label`. Rows must then have role `row`.
   */
  grid?: { label: string };
  /** Scroll this row to the middle whenever `token` changes (e.g. a row revealed from elsewhere). */
  scrollTo?: { index: number; token: number };
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
  return (
    <div
      className={props.className}
      ref={scrollRef}
      data-testid={props.testId}
      {...(props.grid ? { role: 'grid', 'aria-label': props.grid.label, 'aria-rowcount': count } : {})}
    >
      <div
        role={props.grid ? 'presentation' : undefined}
        style={{ height: virtualizer.getTotalSize(), position: 'relative', width: '100%' }}
      >
        {rows.map(row => props.renderRow(row.index, { transform: `translateY(${row.start}px)`, height: rowHeight }))}
      </div>
      {props.children}
    </div>
  );
}
