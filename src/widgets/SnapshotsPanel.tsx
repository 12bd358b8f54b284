/**
 * The "S3 Snapshots" panel (right sidebar): the snapshots of the folder the S3 panel shows,
 * newest first, in a virtualized list, with a "Live folder (latest)" row on top. Tick two rows
 * (or one and the live folder) and Compare; the selected snapshot's actions are below the list.
 */
import * as React from 'react';
import { refreshIcon, ToolbarButtonComponent } from '@jupyterlab/ui-components';
import type { TranslationBundle } from '@jupyterlab/translation';
import type { SnapshotInfo } from '../service/snapshots/types';
import { LIVE, shortHash, snapshotRowId, targetUri } from '../models/snapshot-target';
import { SnapshotsModel } from '../models/snapshots';
import { useSignal } from './useSignal';
import { formatBytes, formatDateTime, formatRelativeTime } from './format';
import { snapshotIcon } from './icons';
import { SidePanelWidget } from './SidePanelWidget';
import { SnapshotLineage } from './SnapshotLineage';
import { IRowAria, VirtualList } from './VirtualList';
import { TickCell } from './TickCell';
import { TagDetails, TagLabels } from './SnapshotTags';
import type { SnapshotTag } from '../models/snapshot-tags';

export const SNAPSHOT_ROW_HEIGHT = 58;

/** What the panel's buttons do; the plugin implements them with commands. */
export interface ISnapshotActions {
  /** Open the "Snapshot folder…" dialog for the panel's folder. */
  snapshotFolder(): void;
  /** Compare two sides, older first: row ids ({@link snapshotRowId}) or {@link LIVE}. */
  compare(left: string, right: string): void;
  copyHash(snapshot: SnapshotInfo): void;
  copySnippet(snapshot: SnapshotInfo): void;
  restore(snapshot: SnapshotInfo): void;
  /** Name a snapshot with a tag (the *Tag Snapshot…* command). */
  tag?(snapshot: SnapshotInfo): void;
  /** Open the notebook a snapshot's lineage names (a workspace path). */
  openNotebook?(path: string): void;
}

export interface ISnapshotsPanelOptions {
  model: SnapshotsModel;
  trans: TranslationBundle;
  actions: ISnapshotActions;
}

function LiveRow(props: { model: SnapshotsModel; trans: TranslationBundle; style: React.CSSProperties; aria: IRowAria }): JSX.Element {
  const { model, trans } = props;
  const ticked = model.isTicked(LIVE);
  return (
    <div
      className={`jp-helium-listrow jp-helium-snapshot-row jp-helium-snapshot-live${ticked ? ' jp-mod-ticked' : ''}`}
      data-top-hash={LIVE}
      data-row-id={LIVE}
      role="row"
      style={props.style}
      onClick={() => model.toggleTick(LIVE)}
      onKeyDown={e => e.key === ' ' && (e.preventDefault(), model.toggleTick(LIVE))}
      {...props.aria}
    >
      <TickCell
        className="jp-helium-snapshot-tick"
        checked={ticked}
        title={trans.__('Tick to compare a snapshot with the live folder')}
        label={trans.__('Compare with the live folder')}
        onTick={() => model.toggleTick(LIVE)}
      />
      <div className="jp-helium-listrow-main jp-helium-snapshot-main" role="gridcell">
        <div className="jp-helium-listrow-line jp-helium-snapshot-line">
          <span className="jp-helium-snapshot-when">{trans.__('Live folder (latest)')}</span>
        </div>
        <div className="jp-helium-listrow-sub jp-helium-snapshot-sub">{trans.__('The objects under the folder now')}</div>
      </div>
    </div>
  );
}

function SnapshotRow(props: {
  snapshot: SnapshotInfo;
  rowId: string;
  folder: string;
  selected: boolean;
  ticked: boolean;
  tags: readonly SnapshotTag[];
  trans: TranslationBundle;
  onSelect: () => void;
  onTick: () => void;
  style: React.CSSProperties;
  aria: IRowAria;
}): JSX.Element {
  const { snapshot: s, trans } = props;
  const classes = ['jp-helium-listrow', 'jp-helium-snapshot-row'];
  if (props.selected) {
    classes.push('jp-mod-selected');
  }
  if (props.ticked) {
    classes.push('jp-mod-ticked');
  }
  const sizes: string[] = [];
  if (s.entries !== undefined) {
    sizes.push(trans._n('%2 file', '%2 files', s.entries, s.entries.toLocaleString()));
  }
  if (s.bytes !== undefined) {
    sizes.push(formatBytes(s.bytes));
  }
  const elsewhere = s.folder !== props.folder;
  return (
    <div
      className={classes.join(' ')}
      role="row"
      aria-selected={props.selected}
      tabIndex={props.selected ? 0 : -1}
      data-top-hash={s.topHash}
      data-row-id={props.rowId}
      data-name={s.name}
      style={props.style}
      onClick={props.onSelect}
      onContextMenu={props.onSelect}
      onKeyDown={e => e.key === ' ' && (e.preventDefault(), props.onTick())}
      title={`${s.name} @ ${s.topHash}\n${formatDateTime(s.timestamp)}${s.message ? `\n${s.message}` : ''}`}
      {...props.aria}
    >
      <TickCell
        className="jp-helium-snapshot-tick"
        checked={props.ticked}
        title={trans.__('Tick two snapshots (or one and the live folder) to compare them')}
        label={trans.__('Compare this snapshot')}
        onTick={props.onTick}
      />
      <div className="jp-helium-listrow-main jp-helium-snapshot-main" role="gridcell">
        <div className="jp-helium-listrow-line jp-helium-snapshot-line">
          <span className="jp-helium-snapshot-when" title={formatDateTime(s.timestamp)}>
            {formatRelativeTime(s.timestamp)}
          </span>
          <TagLabels tags={props.tags} trans={trans} />
          <span className="jp-helium-snapshot-message">{s.message || trans.__('(no message)')}</span>
        </div>
        <div className="jp-helium-listrow-sub jp-helium-snapshot-sub">
          <span className="jp-helium-snapshot-name">{s.name}</span>
          <code className="jp-helium-snapshot-hash">{shortHash(s.topHash)}</code>
          {sizes.length > 0 && <span className="jp-helium-snapshot-size">{sizes.join(' · ')}</span>}
        </div>
        <div className="jp-helium-listrow-sub jp-helium-snapshot-sub">
          <span>{formatDateTime(s.timestamp)}</span>
          {elsewhere && (
            <span className="jp-helium-snapshot-folder">
              {s.folder === null ? trans.__('folder unknown') : trans.__('of %1', s.folder === '' ? '/' : s.folder)}
            </span>
          )}
        </div>
      </div>
    </div>
  );
}

function SnapshotList(props: ISnapshotsPanelOptions): JSX.Element {
  const { model, trans } = props;
  const snapshots = model.snapshots;
  const folder = model.target?.folder ?? '';
  const selected = model.selected;
  const selectedRow = selected ? snapshotRowId(selected) : null;
  return (
    <VirtualList
      className="jp-helium-sidepanel-scroll jp-helium-snapshot-scroll"
      testId="helium-snapshots"
      grid={{
        label: trans.__('Snapshots of %1', model.target ? targetUri(model.target) : ''),
        // Row 0 is the live folder.
        active: selected ? snapshots.indexOf(selected) + 1 : 0,
        onMove: index => (index === 0 ? undefined : model.select(snapshotRowId(snapshots[index - 1])))
      }}
      count={snapshots.length + 1}
      rowHeight={SNAPSHOT_ROW_HEIGHT}
      overscan={8}
      // A snapshot revealed by a search hit: scroll its row into sight (row 0 is the live folder).
      scrollTo={{ index: selected ? snapshots.indexOf(selected) + 1 : -1, token: model.revealCount }}
      renderRow={(index, style, aria) => {
        if (index === 0) {
          return <LiveRow key="live" model={model} trans={trans} style={style} aria={aria} />;
        }
        const s = snapshots[index - 1];
        // Rows are told apart by package and time: several can list the same top hash.
        const rowId = snapshotRowId(s);
        return (
          <SnapshotRow
            key={rowId}
            aria={aria}
            rowId={rowId}
            snapshot={s}
            folder={folder}
            trans={trans}
            selected={rowId === selectedRow}
            ticked={model.isTicked(rowId)}
            tags={model.tags.of(s)}
            style={style}
            onSelect={() => model.select(rowId)}
            onTick={() => model.toggleTick(rowId)}
          />
        );
      }}
    >
      {snapshots.length === 0 && !model.loading && !model.error && (
        <div className="jp-helium-empty">{trans.__('No snapshots of this folder yet.')}</div>
      )}
    </VirtualList>
  );
}

function SnapshotDetails(props: ISnapshotsPanelOptions): JSX.Element | null {
  const { model, trans, actions } = props;
  const s = model.selected;
  if (!s) {
    return null;
  }
  return (
    <div
      className="jp-helium-details jp-helium-snapshot-details"
      data-testid="helium-snapshot-details"
      data-top-hash={s.topHash}
      data-row-id={snapshotRowId(s)}
    >
      <dl className="jp-helium-fields">
        <dt>{trans.__('Package')}</dt>
        <dd className="jp-helium-snapshot-name">{s.name}</dd>
        <dt>{trans.__('Top hash')}</dt>
        <dd className="jp-helium-snapshot-hash-full">{s.topHash}</dd>
        <dt>{trans.__('Taken')}</dt>
        <dd>{`${formatDateTime(s.timestamp)} (${formatRelativeTime(s.timestamp)})`}</dd>
        <dt>{trans.__('Folder')}</dt>
        <dd>{s.folder === null ? trans.__('unknown (several places)') : targetUri({ bucket: s.bucket, folder: s.folder })}</dd>
        {s.message && (
          <>
            <dt>{trans.__('Message')}</dt>
            <dd className="jp-helium-snapshot-message-full">{s.message}</dd>
          </>
        )}
        <dt>{trans.__('Tags')}</dt>
        <dd>
          <TagDetails tags={model.tags.of(s)} trans={trans} />
        </dd>
      </dl>
      <SnapshotLineage model={model} trans={trans} snapshot={s} openNotebook={actions.openNotebook} />
      <div className="jp-helium-actions jp-helium-snapshot-actions">
        <button className="jp-mod-styled jp-helium-snapshot-action-copy-hash" onClick={() => actions.copyHash(s)}>
          {trans.__('Copy hash')}
        </button>
        <button className="jp-mod-styled jp-helium-snapshot-action-copy-snippet" onClick={() => actions.copySnippet(s)}>
          {trans.__('Copy quilt3')}
        </button>
        {actions.tag && (
          <button className="jp-mod-styled jp-helium-snapshot-action-tag" onClick={() => actions.tag?.(s)}>
            {trans.__('Tag…')}
          </button>
        )}
        <button className="jp-mod-styled jp-helium-snapshot-action-compare-live" onClick={() => actions.compare(snapshotRowId(s), LIVE)}>
          {trans.__('Compare with live')}
        </button>
        <button className="jp-mod-styled jp-mod-warn jp-helium-snapshot-action-restore" onClick={() => actions.restore(s)}>
          {trans.__('Restore folder…')}
        </button>
      </div>
    </div>
  );
}

function PanelView(props: ISnapshotsPanelOptions): JSX.Element {
  const { model, trans, actions } = props;
  useSignal(model.changed);
  const target = model.target;
  if (!target) {
    return (
      <div className="jp-helium-sidepanel-content jp-helium-sidepanel-empty jp-helium-snapshots jp-helium-snapshots-empty">
        <snapshotIcon.react tag="span" className="jp-helium-sidepanel-bigicon jp-helium-snapshots-bigicon" />
        <p>{trans.__('Open a bucket in the S3 panel to see the snapshots of its folders.')}</p>
      </div>
    );
  }
  const pair = model.comparePair;
  const count = model.snapshots.length;
  const uri = targetUri(target);
  const status = model.loading ? trans.__('Loading…') : trans._n('%2 snapshot', '%2 snapshots', count, count.toLocaleString());
  return (
    <div className="jp-helium-sidepanel-content jp-helium-snapshots" data-uri={uri}>
      <div className="jp-helium-sidepanel-header jp-helium-snapshots-header">
        <div className="jp-helium-sidepanel-title jp-helium-snapshots-title">{trans.__('Snapshots')}</div>
        <div className="jp-helium-sidepanel-uri jp-helium-snapshots-uri" title={uri}>
          {uri}
        </div>
        <div className="jp-helium-toolbar jp-helium-sidepanel-toolbar jp-helium-snapshots-toolbar">
          <ToolbarButtonComponent
            icon={refreshIcon}
            tooltip={trans.__('List the snapshots again')}
            onClick={() => void model.refresh({ fresh: true })}
          />
          <button className="jp-mod-styled jp-mod-accept jp-helium-snapshots-take" onClick={() => actions.snapshotFolder()}>
            {trans.__('Snapshot this folder…')}
          </button>
          <button
            className="jp-mod-styled jp-helium-snapshots-compare"
            disabled={!pair}
            title={trans.__('Tick two snapshots (or one and the live folder), then compare them')}
            onClick={() => pair && actions.compare(pair[0], pair[1])}
          >
            {pair ? trans.__('Compare') : trans.__('Compare (tick 2)')}
          </button>
        </div>
        <label className="jp-helium-snapshots-inner">
          <input type="checkbox" checked={model.includeInner} onChange={e => (model.includeInner = e.target.checked)} />
          {trans.__('Include snapshots of subfolders')}
        </label>
      </div>
      {model.error && (
        <div className="jp-helium-error" role="alert">
          <span className="jp-helium-error-message">{model.error}</span>
        </div>
      )}
      <SnapshotList {...props} />
      <div className="jp-helium-status" data-testid="helium-snapshots-status">
        <span>{status}</span>
      </div>
      <SnapshotDetails {...props} />
    </div>
  );
}

/**
 * The panel widget (right sidebar). `shown` is emitted when it becomes visible: it follows the S3
 * panel's folder only then.
 */
export class SnapshotsPanel extends SidePanelWidget<ISnapshotsPanelOptions> {
  constructor(options: ISnapshotsPanelOptions) {
    super(options, 'jp-helium-snapshots-panel');
  }

  protected render(): JSX.Element {
    return <PanelView {...this.options} />;
  }
}
