/**
 * The S3 side panel: connection and bucket pickers, toolbar, breadcrumbs, filter box, the
 * virtualized listing, and an error area that always says what to do.
 */
import * as React from 'react';
import { ReactWidget } from '@jupyterlab/apputils';
import type { Message } from '@lumino/messaging';
import {
  InputGroup,
  LabIcon,
  newFolderIcon,
  refreshIcon,
  ToolbarButtonComponent
} from '@jupyterlab/ui-components';
import type { TranslationBundle } from '@jupyterlab/translation';
import type { Entry } from '../service';
import type { BrowserModel } from '../models/browser';
import { Breadcrumbs } from './Breadcrumbs';
import { Listing } from './Listing';
import { useSignal } from './useSignal';
import { s3Icon } from './icons';

export interface IBrowserPanelOptions {
  model: BrowserModel;
  trans: TranslationBundle;
  iconFor: (name: string) => LabIcon;
  onOpen: (entry: Entry) => void;
  onNewFolder: () => void;
  onOtherBucket: () => void;
}

const OTHER_BUCKET = '\u0000other';

function BrowserView(props: IBrowserPanelOptions): JSX.Element {
  const { model, trans } = props;
  useSignal(model.changed);
  const error = model.error;
  return (
    <div className="jp-helium-browser">
      <div className="jp-helium-pickers">
        {model.connectionList.length > 1 && (
          <select
            className="jp-helium-select"
            aria-label={trans.__('Connection')}
            data-testid="helium-connection"
            value={model.connection ?? ''}
            onChange={e => void model.setConnection(e.target.value)}
          >
            {model.connectionList.map(c => (
              <option key={c.name} value={c.name} title={c.endpoint}>
                {c.name}
              </option>
            ))}
          </select>
        )}
        <select
          className="jp-helium-select"
          aria-label={trans.__('Bucket')}
          data-testid="helium-bucket"
          value={model.bucket ?? ''}
          onChange={e => {
            if (e.target.value === OTHER_BUCKET) {
              props.onOtherBucket();
            } else {
              void model.open(e.target.value, '');
            }
          }}
        >
          {model.bucket === null && <option value="">{trans.__('Choose a bucket')}</option>}
          {model.buckets.map(b => (
            <option key={b} value={b}>
              {b}
            </option>
          ))}
          <option value={OTHER_BUCKET}>{trans.__('Other bucket…')}</option>
        </select>
      </div>
      <div className="jp-helium-toolbar">
        <ToolbarButtonComponent
          icon={refreshIcon}
          tooltip={trans.__('Refresh the listing')}
          onClick={() => void model.refresh()}
          enabled={model.bucket !== null}
        />
        <ToolbarButtonComponent
          icon={newFolderIcon}
          tooltip={trans.__('New folder')}
          onClick={props.onNewFolder}
          enabled={model.bucket !== null}
        />
        {model.bucket && (
          <Breadcrumbs
            bucket={model.bucket}
            prefix={model.prefix}
            trans={trans}
            onNavigate={prefix => void model.cd(prefix)}
          />
        )}
      </div>
      <div className="jp-helium-filter">
        <InputGroup
          type="text"
          placeholder={trans.__('Filter loaded items by name')}
          aria-label={trans.__('Filter')}
          value={model.filter}
          rightIcon="ui-components:search"
          onChange={e => model.setFilter((e.target as HTMLInputElement).value)}
        />
      </div>
      {error && (
        <div className="jp-helium-error" role="alert" data-testid="helium-error">
          <s3Icon.react tag="span" className="jp-helium-error-icon" />
          <div>
            <p className="jp-helium-error-message">{error.message}</p>
            <button
              className="jp-mod-styled jp-helium-retry"
              onClick={() =>
                void (error.scope === 'listing'
                  ? model.refresh()
                  : error.scope === 'buckets' && model.connection
                    ? model.setConnection(model.connection)
                    : model.initialize())
              }
            >
              {trans.__('Try again')}
            </button>
          </div>
        </div>
      )}
      {model.bucket && (!error || model.loadedCount > 0) && (
        <Listing
          model={model}
          trans={trans}
          iconFor={props.iconFor}
          onOpen={props.onOpen}
          onContextMenu={() => undefined}
          onUp={() => {
            if (model.prefix) {
              void model.cd(model.prefix.replace(/[^/]*\/$/, ''));
            }
          }}
        />
      )}
    </div>
  );
}

/** The Lumino widget hosting the panel in JupyterLab's left sidebar. */
export class BrowserPanel extends ReactWidget {
  constructor(private readonly _options: IBrowserPanelOptions) {
    super();
    this.addClass('jp-helium-panel');
  }

  get model(): BrowserModel {
    return this._options.model;
  }

  /** Connects on first display, so a JupyterLab that never opens the panel makes no S3 request. */
  protected onAfterShow(msg: Message): void {
    super.onAfterShow(msg);
    if (!this._initialized) {
      this._initialized = true;
      void this._options.model.initialize();
    }
  }

  private _initialized = false;

  protected render(): JSX.Element {
    return <BrowserView {...this._options} />;
  }
}
