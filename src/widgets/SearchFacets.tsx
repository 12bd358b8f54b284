/**
 * Facet chips of the search panel: extensions, first-level folders, user_meta fields and each
 * frequent field's values, with their counts; a click narrows the query to that chip. Chips wrap,
 * and a long value is cut with an ellipsis (its whole text in the tooltip), so the facets fit a
 * narrow panel.
 */
import * as React from 'react';
import type { TranslationBundle } from '@jupyterlab/translation';
import type { FacetChoice } from '../models/search-text';
import { isPlainField } from '../models/search-text';
import type { FacetCounts, SearchFacetCounts } from '../service/search/types';
import { displayKey } from '../service/uri';

export interface ISearchFacetsProps {
  facets: SearchFacetCounts | null;
  trans: TranslationBundle;
  onNarrow: (choice: FacetChoice) => void;
}

/** One chip of a group. */
interface Chip {
  value: string;
  label: string;
  count: number;
  choice: FacetChoice | null;
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
          className="jp-helium-search-chip"
          data-facet={props.facet}
          data-value={chip.value}
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
function chips(counts: FacetCounts | undefined, label: (value: string) => string, choice: (value: string) => FacetChoice | null): Chip[] {
  return Object.entries(counts ?? {}).map(([value, count]) => ({ value, count, label: label(value), choice: choice(value) }));
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
  if (!facets) {
    return null;
  }
  const none = trans.__('(none)');
  return (
    <div className="jp-helium-search-facets">
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
      {Object.entries(facets.user_meta_values ?? {}).map(([field, counts]) => (
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
      ))}
    </div>
  );
}
