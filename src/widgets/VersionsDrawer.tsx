/**
 * The version history drawer: the versions of one object, newest first, in a virtualized list
 * (objects can have thousands), with the selected version's details and metadata below.
 */
import * as React from 'react';
import { refreshIcon, ToolbarButtonComponent } from '@jupyterlab/ui-components';
import type { TranslationBundle } from '@jupyterlab/translation';
import type { ObjectVersion } from '../service';
import { displayKey, formatS3Uri } from '../service/uri';
import { archiveName, isArchiveClass } from '../service/archive-names';
import type { VersionsModel } from '../models/versions';
import { useSignal } from './useSignal';
import { distinctRelativeTimes, formatBytes, formatDateTime, formatDuration } from './format';
import type { WhenLabel } from './format';
import { IVersionActions, VersionDetails } from './VersionDetails';
import { historyIcon } from './icons';
import { KeyText } from './KeyText';
import { SidePanelWidget } from './SidePanelWidget';
import { IRowAria, VirtualList } from './VirtualList';
import { TickCell } from './TickCell';

export const VERSION_ROW_HEIGHT = 44;
/** Ask for the next page when the last rendered row is this close to the end of what is loaded. */
const LOAD_AHEAD_ROWS = 100;

export interface IVersionsDrawerOptions {
  model: VersionsModel;
  trans: TranslationBundle;
  actions: IVersionActions;
  /** Right-click on a version row (the menu itself is JupyterLab's). */
  onContextMenu?: (version: ObjectVersion) => void;
}

/** A version id short enough for a row; the full id is in the tooltip. */
export function shortVersionId(versionId: string): string {
  return versionId.length > 12 ? `${versionId.slice(0, 10)}…` : versionId;
}

/** A row's "when": how long ago, how far from the first row of its run ("5 s earlier"), or "same second" (as the row above). */
function whenText(when: WhenLabel, trans: TranslationBundle): string {
  switch (when.kind) {
    case 'ago':
      return when.text;
    case 'same':
      return trans.__('same second');
    case 'apart':
      return when.direction === 'earlier'
        ? trans.__('%1 earlier', formatDuration(when.seconds))
        : trans.__('%1 later', formatDuration(when.seconds));
  }
}

function VersionRow(props: {
  version: ObjectVersion;
  /** How long ago, or how far from the row above when that reads the same (see distinctRelativeTimes). */
  when: WhenLabel;
  selected: boolean;
  ticked: boolean;
  trans: TranslationBundle;
  onSelect: () => void;
  onTick: () => void;
  onOpen: () => void;
  onContextMenu: () => void;
  style: React.CSSProperties;
  aria: IRowAria;
}): JSX.Element {
  const { version: v, trans } = props;
  const classes = ['jp-helium-listrow', 'jp-helium-version-row'];
  if (props.selected) {
    classes.push('jp-mod-selected');
  }
  if (v.isDeleteMarker) {
    classes.push('jp-mod-deleteMarker');
  }
  return (
    <div
      className={classes.join(' ')}
      role="row"
      aria-selected={props.selected}
      tabIndex={props.selected ? 0 : -1}
      data-version-id={v.versionId}
      data-latest={v.isLatest ? 'true' : 'false'}
      data-delete-marker={v.isDeleteMarker ? 'true' : 'false'}
      style={props.style}
      onClick={props.onSelect}
      onDoubleClick={() => !v.isDeleteMarker && props.onOpen()}
      onContextMenu={props.onContextMenu}
      onKeyDown={e => e.key === 'Enter' && !v.isDeleteMarker && props.onOpen()}
      {...props.aria}
    >
      <TickCell
        className="jp-helium-version-tick"
        checked={props.ticked}
        disabled={v.isDeleteMarker}
        title={trans.__('Tick two versions to compare them')}
        label={trans.__('Compare this version')}
        onTick={props.onTick}
      />
      <div className="jp-helium-listrow-main jp-helium-version-main" role="gridcell">
        <div className="jp-helium-listrow-line jp-helium-version-line">
          <span
            className={`jp-helium-version-when${props.when.kind === 'ago' ? '' : ' jp-mod-apart'}`}
            title={formatDateTime(v.lastModified)}
          >
            {whenText(props.when, trans)}
          </span>
          {v.isLatest && <span className="jp-helium-badge jp-helium-badge-latest">{trans.__('latest')}</span>}
          {v.isDeleteMarker && <span className="jp-helium-badge jp-helium-badge-deleted">{trans.__('delete marker')}</span>}
          {isArchiveClass(v.storageClass) && (
            <span
              className="jp-helium-badge jp-helium-badge-archived"
              title={trans.__('Archived in %1', archiveName(v.storageClass) ?? '')}
            >
              {trans.__('archived')}
            </span>
          )}
          <span className="jp-helium-version-size">{v.isDeleteMarker ? '' : formatBytes(v.size)}</span>
        </div>
        <div className="jp-helium-listrow-sub jp-helium-version-sub">
          <span>{formatDateTime(v.lastModified)}</span>
          <span className="jp-helium-version-id" title={v.versionId}>
            {shortVersionId(v.versionId)}
          </span>
        </div>
      </div>
    </div>
  );
}

function VersionList(props: IVersionsDrawerOptions): JSX.Element {
  const { model, trans } = props;
  const versions = model.versions;
  const ticked = new Set(model.compareSelection.map(v => v.versionId));
  const selectedId = model.selected?.versionId;
  const when = React.useMemo(() => distinctRelativeTimes(versions.map(v => v.lastModified)), [versions]);
  return (
    <VirtualList
      className="jp-helium-sidepanel-scroll jp-helium-version-scroll"
      testId="helium-versions"
      grid={{
        label: trans.__('Versions, newest first'),
        active: versions.findIndex(v => v.versionId === selectedId),
        onMove: index => model.select(versions[index].versionId)
      }}
      count={versions.length}
      rowHeight={VERSION_ROW_HEIGHT}
      overscan={10}
      loadAhead={{
        rows: LOAD_AHEAD_ROWS,
        hasMore: model.hasMore,
        loading: model.loading,
        loadMore: () => void model.loadMore()
      }}
      renderRow={(index, style, aria) => {
        const v = versions[index];
        return (
          <VersionRow
            key={v.versionId}
            aria={aria}
            version={v}
            when={when[index]}
            trans={trans}
            selected={v.versionId === selectedId}
            ticked={ticked.has(v.versionId)}
            style={style}
            onSelect={() => model.select(v.versionId)}
            onTick={() => model.toggleCompare(v.versionId)}
            onOpen={() => props.actions.open(v)}
            onContextMenu={() => {
              model.select(v.versionId);
              props.onContextMenu?.(v);
            }}
          />
        );
      }}
    >
      {versions.length === 0 && !model.loading && !model.error && (
        <div className="jp-helium-empty">{trans.__('No versions of this key.')}</div>
      )}
    </VirtualList>
  );
}

function DrawerView(props: IVersionsDrawerOptions): JSX.Element {
  const { model, trans, actions } = props;
  useSignal(model.changed);
  const target = model.target;
  if (!target) {
    return (
      <div className="jp-helium-sidepanel-content jp-helium-sidepanel-empty jp-helium-versions jp-helium-versions-empty">
        <historyIcon.react tag="span" className="jp-helium-sidepanel-bigicon jp-helium-versions-bigicon" />
        <p>{trans.__('Select an object in the S3 panel to see its versions.')}</p>
        {actions.openUri && (
          <button className="jp-mod-styled jp-helium-versions-open-uri" onClick={() => actions.openUri!()}>
            {trans.__('Enter an S3 URI…')}
          </button>
        )}
      </div>
    );
  }
  const uri = formatS3Uri(target);
  const pair = model.compareSelection;
  const count = model.versions.length;
  const status = model.loading
    ? trans.__('Loading…')
    : model.hasMore
      ? trans.__('%1 versions loaded, more on scroll', count.toLocaleString())
      : trans._n('%1 version', '%1 versions', count, count.toLocaleString());
  return (
    <div className="jp-helium-sidepanel-content jp-helium-versions">
      <div className="jp-helium-sidepanel-header jp-helium-versions-header">
        <div className="jp-helium-sidepanel-title jp-helium-versions-title" title={uri}>
          <KeyText text={displayKey(target.key.slice(target.key.lastIndexOf('/') + 1))} />
        </div>
        <div className="jp-helium-sidepanel-uri jp-helium-versions-uri" data-testid="helium-versions-uri">
          {uri}
        </div>
        <div className="jp-helium-toolbar jp-helium-sidepanel-toolbar jp-helium-versions-toolbar">
          <ToolbarButtonComponent icon={refreshIcon} tooltip={trans.__('Reload the history')} onClick={() => void model.refresh()} />
          <button
            // Blue (accept) only when it can be pressed, like the Snapshots panel's Compare.
            className={`jp-mod-styled jp-helium-versions-compare${pair.length === 2 ? ' jp-mod-accept' : ''}`}
            disabled={pair.length !== 2}
            title={trans.__('Tick two versions, then compare them')}
            onClick={() => pair.length === 2 && actions.compare(pair[0], pair[1])}
          >
            {pair.length === 2 ? trans.__('Compare 2 versions') : trans.__('Compare (tick 2)')}
          </button>
          {model.isDeleted && (
            <button className="jp-mod-styled jp-mod-accept jp-helium-versions-undelete" onClick={() => actions.undelete()}>
              {trans.__('Undelete')}
            </button>
          )}
        </div>
      </div>
      {model.versioningNotice && (
        <div className="jp-helium-notice" role="status">
          {model.versioningNotice}
        </div>
      )}
      {model.error && (
        <div className="jp-helium-error" role="alert">
          <span className="jp-helium-error-message">{model.error}</span>
        </div>
      )}
      <VersionList {...props} />
      <div className="jp-helium-status" data-testid="helium-versions-status">
        <span>{status}</span>
      </div>
      <VersionDetails model={model} trans={trans} actions={actions} />
    </div>
  );
}

/**
 * The drawer widget (right sidebar). `shown` is emitted when it becomes visible: it follows the
 * S3 panel's selection only then.
 */
export class VersionsDrawer extends SidePanelWidget<IVersionsDrawerOptions> {
  constructor(options: IVersionsDrawerOptions) {
    super(options, 'jp-helium-versions-panel');
  }

  protected render(): JSX.Element {
    return <DrawerView {...this.options} />;
  }
}
