/**
 * Facet chips of the search panel: extensions and user_meta fields with their counts; a click
 * narrows the query to that value.
 */
import * as React from 'react';
import type { TranslationBundle } from '@jupyterlab/translation';
import type { FacetCounts } from '../service/search/types';
import { displayKey } from '../service/uri';

export interface ISearchFacetsProps {
  facets: { ext: FacetCounts; user_meta: FacetCounts } | null;
  trans: TranslationBundle;
  onNarrow: (facet: 'ext' | 'user_meta', value: string) => void;
}

/** One group of chips. */
function Group(props: { label: string; facet: 'ext' | 'user_meta'; counts: FacetCounts; none: string; onNarrow: ISearchFacetsProps['onNarrow'] }): JSX.Element | null {
  const entries = Object.entries(props.counts);
  if (entries.length === 0) {
    return null;
  }
  return (
    <div className="jp-helium-search-facet-group" data-facet={props.facet}>
      <span className="jp-helium-search-facet-label">{props.label}</span>
      {entries.map(([value, n]) => (
        <button
          key={value}
          className="jp-helium-search-chip"
          data-facet={props.facet}
          data-value={value}
          onClick={() => props.onNarrow(props.facet, value)}
        >
          {value === '' ? props.none : displayKey(value)} <span className="jp-helium-search-chip-count">{n}</span>
        </button>
      ))}
    </div>
  );
}

/**
 * The facets of the current results.
 * @param props - counts and what a click does.
 * @returns the chips, or nothing.
 */
export function SearchFacets(props: ISearchFacetsProps): JSX.Element | null {
  const { facets, trans } = props;
  if (!facets) {
    return null;
  }
  return (
    <div className="jp-helium-search-facets">
      <Group label={trans.__('Type')} facet="ext" counts={facets.ext} none={trans.__('(none)')} onNarrow={props.onNarrow} />
      <Group label={trans.__('Metadata')} facet="user_meta" counts={facets.user_meta} none={trans.__('(none)')} onNarrow={props.onNarrow} />
    </div>
  );
}
