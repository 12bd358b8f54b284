/**
 * The S3 side panel: connection and bucket pickers, toolbar, breadcrumbs, filter box, the
 * virtualized listing, and an error area that always says what to do.
 */
import * as React from 'react';
import { ReactWidget } from '@jupyterlab/apputils';
import type { Message } from '@lumino/messaging';
import {
  checkIcon,
  fileUploadIcon,
  historyIcon,
  InputGroup,
  LabIcon,
  linkIcon,
  newFolderIcon,
  refreshIcon,
  ToolbarButtonComponent
} from '@jupyterlab/ui-components';
import type { TranslationBundle } from '@jupyterlab/translation';
import type { Entry } from '../service';
import type { IS3BrowserModel } from '../tokens';
import { formatS3Uri } from '../service/uri';
import { Breadcrumbs } from './Breadcrumbs';
import { Listing } from './Listing';
import { useSignal } from './useSignal';
import { PanelError } from './PanelError';
import { droppedFiles, IDroppedFile } from './dropFiles';
import type { Drag } from '@lumino/dragdrop';

export interface IBrowserPanelOptions {
  model: IS3BrowserModel;
  trans: TranslationBundle;
  iconFor: (name: string) => LabIcon;
  onOpen: (entry: Entry) => void;
  onNewFolder: () => void;
  /** Show the version history of the selected object. */
  onVersionHistory?: () => void;
  /** Ask for an `s3://` URI and go to it. */
  onGoToUri?: () => void;
  /** Check the connection (credentials, endpoint, buckets, permissions) and show the findings. */
  onCheckConnection?: () => void;
  /** Ask for a bucket by name (starting from `initial`, e.g. a name to fix) and open it. */
  onOtherBucket: (initial?: string) => void;
  /** Files dropped from the computer, or picked with the Upload button. */
  onUploadFiles?: (files: IDroppedFile[]) => void;
  /** Paths dragged from JupyterLab's file browser. */
  onUploadWorkspacePaths?: (paths: string[]) => void;
  /** A row dragged out of the panel (e.g. onto the file browser). */
  onDragStart?: (entry: Entry, clientX: number, clientY: number) => void;
  /**
   * The search box and, while a search is open, its results (widgets/PanelSearch.tsx), below the
   * toolbar; the panel's `jp-mod-searching` class hides the filter and the listing meanwhile.
   */
  search?: React.ReactNode;
}

/** Mime type of JupyterLab file browser drags (paths of the dragged items). */
const CONTENTS_MIME = 'application/x-jupyter-icontents';

const OTHER_BUCKET = '\u0000other';

function BrowserView(props: IBrowserPanelOptions & { dragging: boolean }): JSX.Element {
  const { model, trans } = props;
  useSignal(model.changed);
  const error = model.error;
  const [desktopDrag, setDesktopDrag] = React.useState(false);
  const fileInput = React.useRef<HTMLInputElement>(null);
  const canUpload = Boolean(model.bucket && props.onUploadFiles);
  const isFileDrag = (e: React.DragEvent) => Array.from(e.dataTransfer.types).includes('Files');
  return (
    <div
      className={`jp-helium-browser${desktopDrag || props.dragging ? ' jp-mod-dropTarget' : ''}`}
      onDragOver={e => {
        if (canUpload && isFileDrag(e)) {
          e.preventDefault();
          e.dataTransfer.dropEffect = 'copy';
          setDesktopDrag(true);
        }
      }}
      onDragLeave={e => {
        if (!e.currentTarget.contains(e.relatedTarget as Node | null)) {
          setDesktopDrag(false);
        }
      }}
      onDrop={e => {
        setDesktopDrag(false);
        if (canUpload && isFileDrag(e)) {
          e.preventDefault();
          void droppedFiles(e.dataTransfer, trans).then(files => props.onUploadFiles!(files));
        }
      }}
    >
      {(desktopDrag || props.dragging) && model.bucket && (
        <div className="jp-helium-drop-hint" data-testid="helium-drop-hint">
          {trans.__('Drop to upload to %1', formatS3Uri({ bucket: model.bucket, key: model.prefix }))}
        </div>
      )}
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
              props.onOtherBucket(model.error?.scope === 'open' ? model.error.bucket : undefined);
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
        {props.onUploadFiles && (
          <>
            <ToolbarButtonComponent
              icon={fileUploadIcon}
              tooltip={trans.__('Upload files from your computer')}
              onClick={() => fileInput.current?.click()}
              enabled={canUpload}
            />
            <input
              ref={fileInput}
              type="file"
              multiple
              hidden
              data-testid="helium-upload-input"
              onChange={e => {
                const files = Array.from(e.target.files ?? []).map(file => ({ file, relativePath: file.name }));
                e.target.value = '';
                if (files.length) {
                  props.onUploadFiles!(files);
                }
              }}
            />
          </>
        )}
        <ToolbarButtonComponent
          icon={newFolderIcon}
          tooltip={trans.__('New folder')}
          onClick={props.onNewFolder}
          enabled={model.bucket !== null}
        />
        {props.onVersionHistory && (
          <ToolbarButtonComponent
            icon={historyIcon}
            tooltip={trans.__('Version history of the selected object')}
            onClick={props.onVersionHistory}
            enabled={model.selected?.kind === 'object'}
            dataset={{ testid: 'helium-version-history' }}
          />
        )}
        {props.onGoToUri && (
          <ToolbarButtonComponent
            icon={linkIcon}
            tooltip={trans.__('Go to S3 URI…')}
            onClick={props.onGoToUri}
            enabled={model.connection !== null}
            dataset={{ testid: 'helium-go-to-uri' }}
          />
        )}
        {props.onCheckConnection && (
          <ToolbarButtonComponent
            icon={checkIcon}
            tooltip={trans.__('Check Connection… (credentials, endpoint, buckets, permissions)')}
            onClick={props.onCheckConnection}
            enabled={model.connection !== null}
            dataset={{ testid: 'helium-check-connection' }}
          />
        )}
        {model.bucket && (
          <Breadcrumbs bucket={model.bucket} prefix={model.prefix} trans={trans} onNavigate={prefix => void model.cd(prefix)} />
        )}
      </div>
      {props.search}
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
        <PanelError
          model={model}
          error={error}
          trans={trans}
          onOtherBucket={props.onOtherBucket}
          onCheckConnection={props.onCheckConnection}
        />
      )}
      {model.bucket && (!error || model.loadedCount > 0) && (
        <Listing
          model={model}
          trans={trans}
          iconFor={props.iconFor}
          onOpen={props.onOpen}
          onContextMenu={() => undefined}
          onDragStart={props.onDragStart}
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

  get model(): IS3BrowserModel {
    return this._options.model;
  }

  /** Lumino drag-and-drop from JupyterLab's file browser (HTML5 drops are handled in React). */
  handleEvent(event: Event): void {
    const drag = event as Drag.Event;
    switch (event.type) {
      case 'lm-dragenter':
      case 'lm-dragover':
        if (drag.mimeData.hasData(CONTENTS_MIME) && this.model.bucket && this._options.onUploadWorkspacePaths) {
          drag.preventDefault();
          drag.stopPropagation();
          // The file browser offers only "move"; anything else turns the drop into "none".
          // Its files stay where they are either way: we only read them.
          drag.dropAction = drag.proposedAction;
          this._setDragging(true);
        }
        break;
      case 'lm-dragleave':
        this._setDragging(false);
        break;
      case 'lm-drop':
        this._setDragging(false);
        if (drag.mimeData.hasData(CONTENTS_MIME) && this._options.onUploadWorkspacePaths) {
          drag.preventDefault();
          drag.stopPropagation();
          drag.dropAction = drag.proposedAction;
          this._options.onUploadWorkspacePaths(drag.mimeData.getData(CONTENTS_MIME) as string[]);
        }
        break;
    }
  }

  protected onAfterAttach(msg: Message): void {
    super.onAfterAttach(msg);
    for (const type of ['lm-dragenter', 'lm-dragleave', 'lm-dragover', 'lm-drop']) {
      this.node.addEventListener(type, this);
    }
  }

  protected onBeforeDetach(msg: Message): void {
    for (const type of ['lm-dragenter', 'lm-dragleave', 'lm-dragover', 'lm-drop']) {
      this.node.removeEventListener(type, this);
    }
    super.onBeforeDetach(msg);
  }

  /** Connects on first display, so a JupyterLab that never opens the panel makes no S3 request. */
  protected onAfterShow(msg: Message): void {
    super.onAfterShow(msg);
    if (!this._initialized) {
      this._initialized = true;
      void this._options.model.whenInitialized();
    }
  }

  protected render(): JSX.Element {
    return <BrowserView {...this._options} dragging={this._dragging} />;
  }

  private _setDragging(dragging: boolean): void {
    if (dragging !== this._dragging) {
      this._dragging = dragging;
      this.update();
    }
  }

  private _initialized = false;
  private _dragging = false;
}
