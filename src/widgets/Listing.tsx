/**
 * The virtualized listing of one S3 prefix: sortable column headers and rows rendered only while
 * visible (@tanstack/react-virtual). Scrolling near the end asks the model for the next page.
 */
import * as React from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import { caretDownIcon, caretUpIcon, folderIcon, LabIcon } from '@jupyterlab/ui-components';
import type { TranslationBundle } from '@jupyterlab/translation';
import type { Entry, SortKey } from '../service';
import type { IS3BrowserModel } from '../tokens';
import { formatBytes, formatCompactAge, formatDateTime, formatRelativeTime } from './format';
import { nameClass, nameText } from './key-text';
import { MiddleCut } from './MiddleCut';
import { archiveIcon } from './icons';
import { archiveView } from './listing-archive';
import { formatS3Uri } from '../service/uri';

export const ROW_HEIGHT = 26;
/** Ask for the next page when the last rendered row is this close to the end of what is loaded. */
const LOAD_AHEAD_ROWS = 200;

export interface IListingProps {
  model: IS3BrowserModel;
  trans: TranslationBundle;
  /** Icon for a file name, from JupyterLab's file types. */
  iconFor: (name: string) => LabIcon;
  /** Double-click or Enter on an entry. */
  onOpen: (entry: Entry) => void;
  /** Right-click on an entry (the context menu itself is JupyterLab's). */
  onContextMenu: (entry: Entry) => void;
  /** Backspace: go to the parent folder. */
  onUp: () => void;
  /** The mouse dragged a row past a few pixels: start a drag-and-drop of it. */
  onDragStart?: (entry: Entry, clientX: number, clientY: number) => void;
}

/** Pixels the pointer must move with the button down before a row drag starts. */
const DRAG_THRESHOLD = 5;

/** The `.quilt/` folder at a bucket's root holds snapshots (Quilt packages): shown, but dimmed. */
function isQuiltRegistry(entry: Entry): boolean {
  return entry.kind === 'folder' && entry.prefix === '.quilt/';
}

/** The key of an object or the prefix of a folder: unique within a listing. */
function entryId(entry: Entry): string {
  return entry.kind === 'folder' ? entry.prefix : entry.key;
}

export function Listing(props: IListingProps): JSX.Element {
  const { model, trans } = props;
  const items = model.items;
  const scrollRef = React.useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: items.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 15
  });
  const virtualRows = virtualizer.getVirtualItems();
  const lastRendered = virtualRows.length ? virtualRows[virtualRows.length - 1].index : 0;

  React.useEffect(() => {
    // With a filter on, the visible list is short however much is loaded: loading "ahead" would
    // pull the whole prefix. The status line offers "Load all" instead.
    if (model.hasMore && !model.loading && !model.error && !model.filter && lastRendered >= items.length - LOAD_AHEAD_ROWS) {
      void model.loadMore();
    }
  }, [lastRendered, items.length, model, model.hasMore, model.loading, model.filter]);

  // Keyboard focus follows the selection (arrow keys move both).
  const selectedIndex = model.selected ? items.indexOf(model.selected) : -1;
  const focusSelected = React.useRef(false);
  React.useEffect(() => {
    if (focusSelected.current && selectedIndex >= 0) {
      focusSelected.current = false;
      const id = entryId(items[selectedIndex]);
      scrollRef.current?.querySelector<HTMLElement>(`[data-id="${CSS.escape(id)}"]`)?.focus();
    }
  });

  // A row revealed by Go to S3 URI: scroll it into sight (it may be far down a long folder).
  const revealed = React.useRef(model.revealCount);
  React.useEffect(() => {
    if (revealed.current !== model.revealCount && selectedIndex >= 0) {
      revealed.current = model.revealCount;
      virtualizer.scrollToIndex(selectedIndex, { align: 'center' });
    }
  });

  const pressed = React.useRef<{ entry: Entry; x: number; y: number } | null>(null);
  const onMouseMove = (event: React.MouseEvent) => {
    const start = pressed.current;
    if (start && props.onDragStart && (event.buttons & 1) === 1) {
      if (Math.abs(event.clientX - start.x) + Math.abs(event.clientY - start.y) > DRAG_THRESHOLD) {
        pressed.current = null;
        props.onDragStart(start.entry, event.clientX, event.clientY);
      }
    } else {
      pressed.current = null;
    }
  };

  const onKeyDown = (event: React.KeyboardEvent, index: number) => {
    const entry = items[index];
    const move = (to: number) => {
      const next = Math.max(0, Math.min(items.length - 1, to));
      focusSelected.current = true;
      model.select(items[next]);
      virtualizer.scrollToIndex(next);
      event.preventDefault();
    };
    switch (event.key) {
      case 'Enter':
        props.onOpen(entry);
        break;
      case 'ArrowDown':
        move(index + 1);
        break;
      case 'ArrowUp':
        move(index - 1);
        break;
      case 'Home':
        move(0);
        break;
      case 'End':
        move(items.length - 1);
        break;
      case 'Backspace':
        props.onUp();
        event.preventDefault();
        break;
    }
  };

  return (
    <div className="jp-helium-listing">
      {/* A grid (header row + virtualized rows) for assistive technology; the status line is outside it. */}
      <div
        className="jp-helium-grid"
        role="grid"
        aria-label={trans.__('Objects in %1', formatS3Uri({ bucket: model.bucket ?? '', key: model.prefix }))}
        aria-rowcount={items.length + 1}
        aria-busy={model.loading}
      >
        <ColumnHeaders model={model} trans={trans} />
        <div className="jp-helium-listing-scroll" ref={scrollRef} data-testid="helium-listing" role="rowgroup">
          <div role="presentation" style={{ height: virtualizer.getTotalSize(), position: 'relative', width: '100%' }}>
            {virtualRows.map(row => {
              const entry = items[row.index];
              const selected = model.selected === entry;
              const tabbable = selected || (selectedIndex < 0 && row.index === 0);
              const Icon = entry.kind === 'folder' ? folderIcon : props.iconFor(entry.name);
              const uri = formatS3Uri({ bucket: model.bucket ?? '', key: entryId(entry) });
              const archive = archiveView(entry, uri, trans);
              return (
                <div
                  key={entryId(entry)}
                  className={`jp-helium-row${selected ? ' jp-mod-selected' : ''}${isQuiltRegistry(entry) ? ' jp-mod-registry' : ''}${archive?.dimmed ? ' jp-mod-archived' : ''}`}
                  data-kind={entry.kind}
                  data-name={entry.name}
                  data-id={entryId(entry)}
                  data-archive={archive?.state}
                  role="row"
                  aria-rowindex={row.index + 2}
                  aria-selected={selected}
                  tabIndex={tabbable ? 0 : -1}
                  title={
                    isQuiltRegistry(entry)
                      ? trans.__('.quilt/ — the Quilt registry: snapshots (packages) of this bucket')
                      : (archive?.rowTitle ?? uri)
                  }
                  style={{ transform: `translateY(${row.start}px)`, height: ROW_HEIGHT }}
                  onClick={() => model.select(entry)}
                  onMouseDown={e => {
                    pressed.current = e.button === 0 && entry.kind === 'object' ? { entry, x: e.clientX, y: e.clientY } : null;
                  }}
                  onMouseMove={onMouseMove}
                  onMouseUp={() => (pressed.current = null)}
                  onFocus={() => model.selected !== entry && model.select(entry)}
                  onDoubleClick={() => props.onOpen(entry)}
                  onKeyDown={e => onKeyDown(e, row.index)}
                  onContextMenu={() => {
                    model.select(entry);
                    props.onContextMenu(entry);
                  }}
                >
                  <span className="jp-helium-col-name" role="gridcell">
                    <Icon.react tag="span" className="jp-helium-row-icon" />
                    <span className={nameClass('jp-helium-row-name', entry.name)}>
                      {/* Cut in the middle: `part-00001-…c000.snappy.parquet` rows still read apart. */}
                      <MiddleCut text={nameText(entry.name, trans)} title={null} />
                    </span>
                    {archive && (
                      // LabIcon drops aria-label: the badge's name is on a span of its own.
                      <span
                        className={`jp-helium-row-archived jp-mod-${archive.state}`}
                        title={archive.badgeTitle}
                        role="img"
                        aria-label={archive.badgeLabel}
                      >
                        <archiveIcon.react tag="span" />
                      </span>
                    )}
                  </span>
                  <span className="jp-helium-col-size" role="gridcell">
                    {entry.kind === 'object' ? formatBytes(entry.size) : ''}
                  </span>
                  <span
                    className="jp-helium-col-modified"
                    role="gridcell"
                    title={entry.kind === 'object' ? formatDateTime(entry.lastModified) : ''}
                  >
                    {/* Both forms; the listing's width picks one (base.css). */}
                    {entry.kind === 'object' && (
                      <>
                        <span className="jp-helium-age-long">{formatRelativeTime(entry.lastModified)}</span>
                        <span className="jp-helium-age-short">{formatCompactAge(entry.lastModified)}</span>
                      </>
                    )}
                  </span>
                </div>
              );
            })}
          </div>
          {items.length === 0 && !model.loading && !model.error && (
            <div className="jp-helium-empty" role="row">
              <span role="gridcell">
                {model.filter
                  ? trans.__('Nothing loaded matches the filter.')
                  : trans.__('This folder is empty. Drop files here, or use Upload or New Folder in the toolbar.')}
              </span>
            </div>
          )}
        </div>
      </div>
      <StatusLine model={model} trans={trans} />
    </div>
  );
}

function ColumnHeaders(props: { model: IS3BrowserModel; trans: TranslationBundle }): JSX.Element {
  const { model, trans } = props;
  const header = (by: SortKey, label: string, className: string) => {
    const active = model.sort.by === by;
    const Caret = model.sort.direction === 'asc' ? caretUpIcon : caretDownIcon;
    return (
      <div
        className={`${className} jp-helium-header-cell`}
        role="columnheader"
        aria-sort={active ? (model.sort.direction === 'asc' ? 'ascending' : 'descending') : 'none'}
      >
        <button
          type="button"
          className={`jp-helium-header${active ? ' jp-mod-active' : ''}`}
          title={trans.__('Sort by %1', label)}
          onClick={() =>
            model.setSort({
              by,
              direction: active && model.sort.direction === 'asc' ? 'desc' : 'asc'
            })
          }
        >
          {label}
          {active && <Caret.react tag="span" className="jp-helium-sort-caret" />}
        </button>
      </div>
    );
  };
  return (
    <div className="jp-helium-row jp-helium-headers" role="row" aria-rowindex={1}>
      {header('name', trans.__('Name'), 'jp-helium-col-name')}
      {header('size', trans.__('Size'), 'jp-helium-col-size')}
      {header('modified', trans.__('Modified'), 'jp-helium-col-modified')}
    </div>
  );
}

function StatusLine(props: { model: IS3BrowserModel; trans: TranslationBundle }): JSX.Element {
  const { model, trans } = props;
  const shown = model.items.length;
  const loaded = model.loadedCount;
  let text = model.hasMore
    ? trans.__('%1 loaded, more on scroll', loaded.toLocaleString())
    : trans._n('%1 item', '%1 items', loaded, loaded.toLocaleString());
  if (model.filter) {
    text = trans.__('%1 of %2', shown.toLocaleString(), text);
  }
  const partialSort = model.hasMore && model.sort.by !== 'name';
  return (
    <div className="jp-helium-status" data-testid="helium-status">
      <span>{model.loading ? trans.__('Loading…') : text}</span>
      {(partialSort || (model.filter && model.hasMore)) && (
        <button className="jp-helium-link" onClick={() => void model.loadAll()}>
          {trans.__('Load all to sort and filter everything')}
        </button>
      )}
    </div>
  );
}
