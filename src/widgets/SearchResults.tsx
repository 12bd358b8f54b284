/**
 * The search results: a virtualized list of hits, each with its key (the part the query matched
 * marked), size, time and a metadata excerpt. Keys and metadata are text rendered by React
 * (escaped), never HTML: a bucket's keys are anyone's to choose.
 */
import * as React from 'react';
import type { TranslationBundle } from '@jupyterlab/translation';
import type { SearchHit } from '../service/search/types';
import { displayKey } from '../service/uri';
import { keyTerms, markMatches, metaExcerpt } from '../models/search-text';
import type { TextPart } from '../models/search-text';
import { formatBytes, formatShortDateTime } from './format';
import { KeyText } from './KeyText';
import { MiddleCut } from './MiddleCut';
import { splitRuns } from './middle-cut';
import { IRowAria, VirtualList } from './VirtualList';

/** What a hit can do (the plugin's commands). */
export interface ISearchHitActions {
  /** Open the object (or, for a snapshot, show it in the Snapshots panel). */
  open: (hit: SearchHit) => void;
  /** Show the object's version history. */
  versions: (hit: SearchHit) => void;
  /** Show the object in the S3 panel: its folder, the row selected. */
  reveal?: (hit: SearchHit) => void;
  /** The hit a context menu will act on (right-click or focus). */
  select?: (hit: SearchHit) => void;
}

export interface ISearchResultsProps {
  hits: readonly SearchHit[];
  query: string;
  trans: TranslationBundle;
  actions: ISearchHitActions;
  /** The hit the context menu acts on (marked selected). */
  isSelected?: (hit: SearchHit) => boolean;
  /** Below the hits (e.g. "Show more"). */
  footer?: React.ReactNode;
}

const ROW_HEIGHT = 54;

/** Parts of a key, the query's words marked. */
function MarkedParts(props: { parts: TextPart[] }): JSX.Element {
  return (
    <>
      {props.parts.map((part, i) =>
        part.mark ? (
          <mark key={i} className="jp-helium-search-match">
            <KeyText text={part.text} />
          </mark>
        ) : (
          <KeyText key={i} text={part.text} />
        )
      )}
    </>
  );
}

/** The key with the query's words marked, cut in the middle when it does not fit (its end is the name). */
function MarkedKey(props: { text: string; terms: string[] }): JSX.Element {
  const parts = markMatches(props.text, props.terms);
  return (
    <MiddleCut text={props.text} render={(part, start) => <MarkedParts parts={splitRuns(splitRuns(parts, start)[1], part.length)[0]} />} />
  );
}

/** One hit. */
function HitRow(props: {
  hit: SearchHit;
  terms: string[];
  trans: TranslationBundle;
  actions: ISearchHitActions;
  selected: boolean;
  style: React.CSSProperties;
  aria: IRowAria;
}): JSX.Element {
  const { hit, trans, actions } = props;
  const snapshot = hit.type === 'snapshot';
  const excerpt = metaExcerpt(hit);
  const details = snapshot
    ? trans.__('snapshot · %1', formatShortDateTime(new Date(hit.time)))
    : hit.delete_marker
      ? trans.__('deleted · %1', formatShortDateTime(new Date(hit.time)))
      : `${formatBytes(hit.size ?? 0)} · ${formatShortDateTime(new Date(hit.time))}`;
  return (
    <div
      className={`jp-helium-search-hit${hit.delete_marker ? ' jp-mod-deleted' : ''}${props.selected ? ' jp-mod-selected' : ''}`}
      style={props.style}
      role="row"
      aria-selected={props.selected}
      tabIndex={0}
      data-type={hit.type}
      data-key={hit.key}
      data-top-hash={hit.top_hash ?? undefined}
      title={
        snapshot
          ? trans.__('Open the snapshot (Enter); more on right-click')
          : trans.__('Open (Enter); show in folder (Alt+Enter); version history (Shift+Enter); more on right-click')
      }
      onClick={() => actions.open(hit)}
      onFocus={() => actions.select?.(hit)}
      onContextMenu={() => actions.select?.(hit)}
      onKeyDown={e => {
        if (e.key === 'Enter') {
          e.preventDefault();
          const act = snapshot ? actions.open : e.shiftKey ? actions.versions : e.altKey && actions.reveal ? actions.reveal : actions.open;
          act(hit);
        }
      }}
      {...props.aria}
    >
      <div className="jp-helium-search-hit-key" role="gridcell">
        <MarkedKey text={displayKey(hit.key)} terms={props.terms} />
      </div>
      <div className="jp-helium-search-hit-details" role="gridcell">
        <span className="jp-helium-search-hit-facts">{details}</span>
        {!snapshot && (
          <button
            className="jp-helium-search-hit-versions"
            title={trans.__('Version history')}
            onClick={e => {
              e.stopPropagation();
              actions.versions(hit);
            }}
          >
            {trans.__('versions')}
          </button>
        )}
        {!snapshot && !hit.delete_marker && actions.reveal && (
          <button
            className="jp-helium-search-hit-versions jp-helium-search-hit-reveal"
            title={trans.__('Show in folder: open its folder in the S3 panel and select it')}
            onClick={e => {
              e.stopPropagation();
              actions.reveal!(hit);
            }}
          >
            {trans.__('folder')}
          </button>
        )}
      </div>
      {excerpt && <div className="jp-helium-search-hit-meta">{excerpt}</div>}
    </div>
  );
}

/**
 * The list of hits.
 * @param props - hits, the query (for marking) and the actions.
 * @returns the list.
 */
export function SearchResults(props: ISearchResultsProps): JSX.Element {
  const terms = React.useMemo(() => keyTerms(props.query), [props.query]);
  return (
    <VirtualList
      className="jp-helium-search-results"
      testId="helium-search-results"
      grid={{
        label: props.trans.__('Search results'),
        active: props.isSelected ? props.hits.findIndex(h => props.isSelected!(h)) : -1,
        onMove: index => props.actions.select?.(props.hits[index])
      }}
      count={props.hits.length}
      rowHeight={ROW_HEIGHT}
      overscan={8}
      renderRow={(index, style, aria) => {
        const hit = props.hits[index];
        return (
          <HitRow
            aria={aria}
            key={`${hit.type}:${hit.key}:${hit.top_hash ?? ''}`}
            hit={hit}
            terms={terms}
            trans={props.trans}
            actions={props.actions}
            selected={props.isSelected?.(hit) ?? false}
            style={style}
          />
        );
      }}
    >
      {props.footer}
    </VirtualList>
  );
}
