/**
 * The S3 Search panel: a query box with its scope (bucket / current folder), the index's status,
 * facet chips, a syntax cheat-sheet and the results. It follows the S3 panel's bucket and folder
 * (the plugin wires that); it renders the {@link SearchModel} and calls back for actions.
 */
import * as React from 'react';
import type { TranslationBundle } from '@jupyterlab/translation';
import { InputGroup } from '@jupyterlab/ui-components';
import type { SearchModel } from '../models/search';
import { displayKey } from '../service/uri';
import { SidePanelWidget } from './SidePanelWidget';
import { SearchFacets } from './SearchFacets';
import { SearchHelp } from './SearchHelp';
import { ISearchHitActions, SearchResults } from './SearchResults';
import { SearchStatus } from './SearchStatus';
import { useSignal } from './useSignal';
import type { Message } from '@lumino/messaging';

export interface ISearchPanelOptions {
  model: SearchModel;
  trans: TranslationBundle;
  actions: ISearchHitActions;
  onUpdateIndex: () => void;
}

/** Typing waits this long for the next key before searching. */
const DEBOUNCE_MS = 200;

function SearchView(props: ISearchPanelOptions): JSX.Element {
  const { model, trans } = props;
  useSignal(model.changed, 50);
  const [text, setText] = React.useState(model.query);
  const timer = React.useRef<ReturnType<typeof setTimeout> | null>(null);
  // A chip narrows the model's query: show it in the box.
  React.useEffect(() => setText(model.query), [model.query]);
  React.useEffect(() => () => void (timer.current && clearTimeout(timer.current)), []);
  const submit = (value: string) => {
    if (timer.current) {
      clearTimeout(timer.current);
      timer.current = null;
    }
    void model.setQuery(value);
  };
  const { state } = model;
  const indexed = state.kind === 'ready' || (state.kind === 'building' && model.hits.length > 0);
  const target = model.target;
  return (
    <div className="jp-helium-search">
      <div className="jp-helium-search-box">
        <InputGroup
          className="jp-helium-search-input"
          type="search"
          rightIcon="ui-components:search"
          placeholder={trans.__('Search keys, metadata, snapshots… e.g. ext:.csv')}
          aria-label={trans.__('Search query')}
          value={text}
          disabled={!target}
          onChange={e => {
            const value = (e.target as HTMLInputElement).value;
            setText(value);
            if (timer.current) {
              clearTimeout(timer.current);
            }
            timer.current = setTimeout(() => submit(value), DEBOUNCE_MS);
          }}
          onKeyDown={e => {
            if (e.key === 'Enter') {
              submit((e.target as HTMLInputElement).value);
            }
          }}
        />
        <select
          className="jp-helium-search-scope"
          aria-label={trans.__('Where to search')}
          value={model.scope}
          disabled={!target}
          onChange={e => void model.setScope(e.target.value as 'bucket' | 'folder')}
        >
          <option value="bucket">{target ? trans.__('in %1', target.bucket) : trans.__('in the bucket')}</option>
          <option value="folder">{target?.prefix ? trans.__('in %1', displayKey(target.prefix)) : trans.__('in this folder')}</option>
        </select>
      </div>
      <SearchStatus
        state={state}
        bucket={target?.bucket ?? null}
        persisted={model.persisted}
        trans={trans}
        onUpdate={props.onUpdateIndex}
        onCancel={() => model.cancelUpdate()}
      />
      <SearchHelp trans={trans} />
      {model.queryError && (
        <div className="jp-helium-search-error" role="alert">
          {model.queryError}
        </div>
      )}
      {indexed && !model.queryError && (
        <>
          <div className="jp-helium-search-summary" data-total={model.total}>
            {model.searching
              ? trans.__('Searching…')
              : model.total === 0
                ? trans.__('Nothing matches.')
                : model.total > model.hits.length
                  ? trans.__('%1 matches, the newest %2 shown', model.total, model.hits.length)
                  : trans._n('%1 match', '%1 matches', model.total)}
          </div>
          <SearchFacets facets={model.facets} trans={trans} onNarrow={(facet, value) => void model.narrow(facet, value)} />
          <SearchResults hits={model.hits} query={model.query} trans={trans} actions={props.actions} />
        </>
      )}
    </div>
  );
}

/** The panel widget. */
export class SearchPanel extends SidePanelWidget<ISearchPanelOptions> {
  constructor(options: ISearchPanelOptions) {
    super(options, 'jp-helium-search-panel');
  }

  /**
   * Put the cursor in the query box (Ctrl/Cmd-F). The panel may just have been shown: its React
   * content renders on the next frames, and the shell's activation comes after this call, so the
   * box is focused once it exists (and again on activation, see onActivateRequest).
   */
  focusInput(): void {
    this._focusWanted = true;
    const attempt = (framesLeft: number): void => {
      const input = this.node.querySelector<HTMLInputElement>('.jp-helium-search-input input, input.jp-helium-search-input');
      // A hidden input (the sidebar not shown yet) cannot take focus: try again next frame.
      if (input && input.offsetParent !== null) {
        input.focus();
        input.select();
      }
      if ((!input || document.activeElement !== input) && framesLeft > 0) {
        requestAnimationFrame(() => attempt(framesLeft - 1));
      }
    };
    attempt(30);
  }

  protected onActivateRequest(msg: Message): void {
    super.onActivateRequest(msg);
    if (this._focusWanted) {
      this._focusWanted = false;
      this.focusInput();
      this._focusWanted = false;
    }
  }

  private _focusWanted = false;

  protected render(): JSX.Element {
    return <SearchView {...this.options} />;
  }
}
