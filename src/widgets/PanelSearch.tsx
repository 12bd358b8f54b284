/**
 * The S3 panel's search: a query box under the toolbar and, while a search is open, the results
 * in place of the listing (the plugin sets the panel's `jp-mod-searching` class, which hides it): where to search (whole bucket / this folder), the index's status, the
 * syntax cheat-sheet, facet chips, the hits (virtualized) and "Show more". Escape or the clear
 * button goes back to the listing. Renders a {@link PanelSearchModel}; the plugin
 * (`plugins/panel-search.ts`) wires the actions to commands.
 */
import * as React from 'react';
import type { TranslationBundle } from '@jupyterlab/translation';
import { closeIcon, InputGroup } from '@jupyterlab/ui-components';
import type { PanelSearchModel } from '../models/panel-search';
import { sameHit } from '../models/panel-search';
import { displayKey } from '../service/uri';
import { SearchFacets } from './SearchFacets';
import { SearchHelp } from './SearchHelp';
import { ISearchHitActions, SearchResults } from './SearchResults';
import { SearchStatus } from './SearchStatus';
import { useSignal } from './useSignal';

export interface IPanelSearchProps {
  model: PanelSearchModel;
  trans: TranslationBundle;
  actions: ISearchHitActions;
  onUpdateIndex: () => void;
}

/** Typing waits this long for the next key before searching. */
const DEBOUNCE_MS = 200;

/** The query box, with a clear button while a search is open. */
function SearchBox(props: IPanelSearchProps): JSX.Element {
  const { model, trans } = props;
  const search = model.search;
  const [text, setText] = React.useState(search.query);
  const timer = React.useRef<ReturnType<typeof setTimeout> | null>(null);
  /** The query this box last gave the model (its own echo is not a change from elsewhere). */
  const submitted = React.useRef(search.query);
  const cancelTimer = () => {
    if (timer.current) {
      clearTimeout(timer.current);
      timer.current = null;
    }
  };
  // A chip narrows (or Show in folder clears) the model's query: show it in the box, and drop
  // keystrokes still waiting, which would bring the old query (and the search) back.
  React.useEffect(() => {
    if (search.query !== submitted.current) {
      submitted.current = search.query;
      cancelTimer();
      setText(search.query);
    }
  }, [search.query]);
  React.useEffect(() => {
    if (!model.active) {
      cancelTimer();
    }
  }, [model.active]);
  React.useEffect(() => cancelTimer, []);
  const submit = (value: string) => {
    cancelTimer();
    submitted.current = value;
    void model.setQuery(value);
  };
  const close = () => {
    cancelTimer();
    setText('');
    void model.close();
  };
  return (
    <div className="jp-helium-panel-search-box">
      <InputGroup
        className="jp-helium-search-input"
        type="text"
        rightIcon="ui-components:search"
        placeholder={trans.__('Search the bucket (Ctrl+F)')}
        aria-label={trans.__('Search query')}
        title={trans.__('Keys, metadata, snapshot messages; e.g. ext:.csv or user_meta.ocean:atlantic')}
        value={text}
        disabled={!model.bucketOpen}
        onChange={e => {
          const value = (e.target as HTMLInputElement).value;
          setText(value);
          cancelTimer();
          timer.current = setTimeout(() => submit(value), DEBOUNCE_MS);
        }}
        onKeyDown={e => {
          if (e.key === 'Enter') {
            submit((e.target as HTMLInputElement).value);
          } else if (e.key === 'Escape') {
            e.preventDefault();
            e.stopPropagation();
            close();
          }
        }}
      />
      {model.active && (
        <button
          className="jp-helium-panel-search-clear"
          data-testid="helium-search-clear"
          title={trans.__('Clear the search and show the folder again (Escape)')}
          aria-label={trans.__('Clear the search')}
          onClick={close}
        >
          <closeIcon.react tag="span" />
        </button>
      )}
    </div>
  );
}

/** How many hits, in words. */
function summary(model: PanelSearchModel, trans: TranslationBundle): string {
  const search = model.search;
  if (search.searching) {
    return trans.__('Searching…');
  }
  if (search.total === 0) {
    return trans.__('Nothing matches.');
  }
  return search.total > search.hits.length
    ? trans.__('%1 of %2 matches', search.hits.length, search.total)
    : trans._n('%1 match', '%1 matches', search.total);
}

/** Everything below the box while a search is open. */
function SearchArea(props: IPanelSearchProps): JSX.Element {
  const { model, trans } = props;
  const search = model.search;
  const { state } = search;
  const target = search.target;
  const indexed = state.kind === 'ready' || (state.kind === 'building' && search.hits.length > 0);
  const folderName = target?.prefix ? displayKey(target.prefix) : '/';
  const more = search.hasMore ? (
    <button
      className="jp-mod-styled jp-helium-search-more"
      data-testid="helium-search-more"
      disabled={search.loadingMore}
      onClick={() => void search.loadMore()}
    >
      {search.loadingMore ? trans.__('Loading…') : trans.__('Show more (%1 left)', search.total - search.hits.length)}
    </button>
  ) : null;
  return (
    <div
      className="jp-helium-search jp-helium-panel-search"
      data-testid="helium-panel-search"
      onKeyDown={e => {
        if (e.key === 'Escape' && !e.defaultPrevented) {
          e.preventDefault();
          // The focused hit goes away with the results: keep the cursor in the panel (the box).
          e.currentTarget.parentElement?.querySelector<HTMLInputElement>('.jp-helium-search-input input')?.focus();
          void model.close();
        }
      }}
    >
      <div className="jp-helium-panel-search-where">
        <select
          className="jp-helium-select jp-helium-search-scope"
          aria-label={trans.__('Where to search')}
          value={search.scope}
          disabled={!target}
          title={target ? trans.__('Whole bucket: %1; this folder: %2', target.bucket, folderName) : ''}
          onChange={e => void search.setScope(e.target.value as 'bucket' | 'folder')}
        >
          <option value="bucket">{trans.__('Whole bucket')}</option>
          <option value="folder">{trans.__('This folder')}</option>
        </select>
        {indexed && !search.queryError && (
          <span className="jp-helium-search-summary" data-total={search.total}>
            {summary(model, trans)}
          </span>
        )}
      </div>
      <SearchStatus
        state={state}
        bucket={target?.bucket ?? null}
        persisted={search.persisted}
        trans={trans}
        onUpdate={props.onUpdateIndex}
        onCancel={() => search.cancelUpdate()}
        indexContent={search.indexesContent}
        onIndexContent={on => void search.updateIndex({ indexContent: on })}
      />
      <SearchHelp trans={trans} />
      {search.queryError && (
        <div className="jp-helium-search-error" role="alert">
          {search.queryError}
        </div>
      )}
      {indexed && !search.queryError && (
        <>
          <SearchFacets
            facets={search.facets}
            trans={trans}
            query={search.query}
            prefix={search.scope === 'folder' ? (target?.prefix ?? '') : ''}
            onNarrow={choice => void search.narrow(choice)}
          />
          <SearchResults
            hits={search.hits}
            query={search.query}
            trans={trans}
            actions={props.actions}
            isSelected={hit => sameHit(hit, model.selected)}
            footer={more}
          />
        </>
      )}
    </div>
  );
}

/**
 * The box and, while a search is open, the search area (the panel hides its listing meanwhile).
 * @param props - the model and the actions.
 * @returns the box and the area.
 */
export function PanelSearch(props: IPanelSearchProps): JSX.Element | null {
  useSignal(props.model.changed);
  useSignal(props.model.search.changed, 50);
  if (!props.model.bucketOpen) {
    return null;
  }
  return (
    <>
      <SearchBox {...props} />
      {props.model.active && <SearchArea {...props} />}
    </>
  );
}
