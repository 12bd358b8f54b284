/**
 * Facet chips of the search panel: extensions, first-level folders, user_meta fields and each
 * frequent field's values, with their counts; a click narrows the query to that chip. Each group
 * is one line that scrolls sideways (chips used to wrap, and at 360 px the facets took ~240 px of
 * the hits' height), under a "Filters" summary that collapses them all and says how many chips
 * the query already holds; each metadata field's values are behind a "Values of N fields" line
 * of their own, closed at first. A long value is cut with an ellipsis (its whole text in the tooltip).
 */
import * as React from 'react';
import type { TranslationBundle } from '@jupyterlab/translation';
import type { FacetChoice } from '../models/search-text';
import { facetClause, isPlainField } from '../models/search-text';
import type { FacetCounts, SearchFacetCounts } from '../service/search/types';
import { displayKey } from '../service/uri';

export interface ISearchFacetsProps {
  facets: SearchFacetCounts | null;
  trans: TranslationBundle;
  onNarrow: (choice: FacetChoice) => void;
  /** The current query: chips whose clause it holds are marked active. */
  query?: string;
  /** The search's scope (a folder's key prefix, '' for the bucket), as for `narrowQuery`. */
  prefix?: string;
}

/**
 * Whether a chip's clause is in the query already (its filter is on).
 * @param choice - the chip.
 * @param query - the query.
 * @param prefix - the scope's prefix.
 * @returns true when on.
 */
export function isFacetActive(choice: FacetChoice | null, query: string, prefix = ''): boolean {
  const clause = choice && facetClause(choice, prefix);
  return !!clause && query.includes(clause);
}

/** One chip of a group. */
interface Chip {
  value: string;
  label: string;
  count: number;
  choice: FacetChoice | null;
  active: boolean;
}

/** One row of chips, under a label. */
function Group(props: {
  label: string;
  facet: string;
  field?: string;
  chips: Chip[];
  trans: TranslationBundle;
  onNarrow: ISearchFacetsProps['onNarrow'];
}): JSX.Element | null {
  if (props.chips.length === 0) {
    return null;
  }
  return (
    <div className="jp-helium-search-facet-group" data-facet={props.facet} data-field={props.field}>
      <span className="jp-helium-search-facet-label" title={props.label}>
        {props.label}
      </span>
      {props.chips.map(chip => (
        <button
          key={chip.value}
          className={`jp-helium-search-chip${chip.active ? ' jp-mod-active' : ''}`}
          data-facet={props.facet}
          data-value={chip.value}
          aria-pressed={chip.active}
          disabled={chip.choice === null}
          title={
            chip.choice === null
              ? props.trans.__('%1 (%2): this field name cannot be written in a query', chip.label, chip.count)
              : `${chip.label} (${chip.count})`
          }
          onClick={() => chip.choice && props.onNarrow(chip.choice)}
        >
          <span className="jp-helium-search-chip-text">{chip.label}</span> <span className="jp-helium-search-chip-count">{chip.count}</span>
        </button>
      ))}
    </div>
  );
}

/** Chips of a facet's counts, in the order the counts come (largest first). */
function chipsOf(
  counts: FacetCounts | undefined,
  label: (value: string) => string,
  choice: (value: string) => FacetChoice | null,
  active: (choice: FacetChoice | null) => boolean
): Chip[] {
  return Object.entries(counts ?? {}).map(([value, count]) => {
    const c = choice(value);
    return { value, count, label: label(value), choice: c, active: active(c) };
  });
}

/** A folder's own name (`a/b/` is `b/`), shown on its chip. */
function folderName(folder: string): string {
  const parts = folder.split('/');
  return `${displayKey(parts[parts.length - 2] ?? folder)}/`;
}

/**
 * The facets of the current results.
 * @param props - counts and what a click does.
 * @returns the chips, or nothing.
 */
export function SearchFacets(props: ISearchFacetsProps): JSX.Element | null {
  const { facets, trans, onNarrow } = props;
  const [open, setOpen] = React.useState(true);
  // Each metadata field's values are a group of their own: a bucket with many fields had a dozen
  // lines of them, so they are one summary line until opened.
  const [moreOpen, setMoreOpen] = React.useState(false);
  if (!facets) {
    return null;
  }
  const query = props.query ?? '';
  const active = (choice: FacetChoice | null) => isFacetActive(choice, query, props.prefix);
  const chips = (counts: FacetCounts | undefined, label: (value: string) => string, choice: (value: string) => FacetChoice | null) =>
    chipsOf(counts, label, choice, active);
  const none = trans.__('(none)');
  const groups = [facets.ext, facets.folder, facets.user_meta, ...Object.values(facets.user_meta_values ?? {})].map(counts =>
    Object.keys(counts ?? {})
  );
  if (groups.every(values => values.length === 0)) {
    return null;
  }
  const on = countActive(facets, active);
  const fields = Object.keys(facets.user_meta_values ?? {});
  const valueGroups = valueGroupsOf(facets, chips, trans, onNarrow);
  const moreOn = countActive({ ext: {}, folder: {}, user_meta: {}, user_meta_values: facets.user_meta_values }, active);
  return (
    <details className="jp-helium-search-facets" open={open} onToggle={e => setOpen((e.currentTarget as HTMLDetailsElement).open)}>
      <summary className="jp-helium-search-facets-summary">
        {trans.__('Filters')}
        {on > 0 && (
          <span className="jp-helium-search-facets-active" data-testid="helium-search-facets-active">
            {trans._n('%1 on', '%1 on', on)}
          </span>
        )}
      </summary>
      <Group
        label={trans.__('Type')}
        facet="ext"
        chips={chips(
          facets.ext,
          v => (v === '' ? none : displayKey(v)),
          value => ({ facet: 'ext', value })
        )}
        trans={trans}
        onNarrow={onNarrow}
      />
      <Group
        label={trans.__('Folder')}
        facet="folder"
        chips={chips(
          facets.folder,
          v => (v === '' ? trans.__('(this folder)') : folderName(v)),
          value => ({ facet: 'folder', value })
        )}
        trans={trans}
        onNarrow={onNarrow}
      />
      <Group
        label={trans.__('Metadata')}
        facet="user_meta"
        chips={chips(
          facets.user_meta,
          v => (v === '' ? none : displayKey(v)),
          value => ({ facet: 'user_meta', value })
        )}
        trans={trans}
        onNarrow={onNarrow}
      />
      {fields.length > 0 && (
        <details
          className="jp-helium-search-facet-more"
          open={moreOpen}
          onToggle={e => setMoreOpen((e.currentTarget as HTMLDetailsElement).open)}
        >
          <summary className="jp-helium-search-facets-summary">
            {trans._n('Values of %1 field', 'Values of %1 fields', fields.length)}
            {moreOn > 0 && <span className="jp-helium-search-facets-active">{trans._n('%1 on', '%1 on', moreOn)}</span>}
          </summary>
          {valueGroups}
        </details>
      )}
    </details>
  );
}

/** The groups of each metadata field's values (under their own summary: there may be many fields). */
function valueGroupsOf(
  facets: SearchFacetCounts,
  chips: (counts: FacetCounts | undefined, label: (value: string) => string, choice: (value: string) => FacetChoice | null) => Chip[],
  trans: TranslationBundle,
  onNarrow: ISearchFacetsProps['onNarrow']
): JSX.Element[] {
  return Object.entries(facets.user_meta_values ?? {}).map(([field, counts]) => (
    <Group
      key={field}
      label={`${displayKey(field)}:`}
      facet="user_meta_values"
      field={field}
      chips={chips(
        counts,
        v => (v === '' ? trans.__('(empty)') : displayKey(v)),
        value => (isPlainField(field) ? { facet: 'user_meta_values', field, value } : null)
      )}
      trans={trans}
      onNarrow={onNarrow}
    />
  ));
}

/** How many chips of all groups are on (their clause is in the query). */
function countActive(facets: SearchFacetCounts, active: (choice: FacetChoice | null) => boolean): number {
  let on = 0;
  const add = (counts: FacetCounts | undefined, choice: (value: string) => FacetChoice | null) => {
    for (const value of Object.keys(counts ?? {})) {
      on += active(choice(value)) ? 1 : 0;
    }
  };
  add(facets.ext, value => ({ facet: 'ext', value }));
  add(facets.folder, value => ({ facet: 'folder', value }));
  add(facets.user_meta, value => ({ facet: 'user_meta', value }));
  for (const [field, counts] of Object.entries(facets.user_meta_values ?? {})) {
    add(counts, value => (isPlainField(field) ? { facet: 'user_meta_values', field, value } : null));
  }
  return on;
}
