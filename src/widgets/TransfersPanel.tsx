/**
 * The transfers panel: one row per upload, download, copy or move (a folder upload is one row with
 * its files inside; a copy or move of a folder is one row counting its objects), with bytes,
 * percent, rate, ETA, state, cancel and retry; finished rows can be cleared.
 */
import * as React from 'react';
import { ReactWidget } from '@jupyterlab/apputils';
import type { TranslationBundle } from '@jupyterlab/translation';
import { caretDownIcon, caretRightIcon, closeIcon, copyIcon, refreshIcon, ToolbarButtonComponent } from '@jupyterlab/ui-components';
import { ITransfer, stateCounts, TransfersModel } from '../models/transfers';
import { formatBytes } from './format';
import { transferTiming } from './transfer-facts';
import { useSignal } from './useSignal';
import { announce } from './live-region';
import { displayKey } from '../service/uri';
import { MiddleCut } from './MiddleCut';

/** Progress fires per part of every file: the panel redraws at most this often. */
const RENDER_EVERY_MS = 200;

/** Rows of a folder shown at once; the rest are summarised (a folder may hold 100k files). */
const MAX_CHILD_ROWS = 200;

function percent(t: ITransfer): number {
  return t.totalBytes > 0 ? Math.min(100, (100 * t.transferredBytes) / t.totalBytes) : t.state === 'done' ? 100 : 0;
}

/** "12 files · 3 failed · 2 running" for a folder row. */
function FolderCounts(props: { transfer: ITransfer; trans: TranslationBundle }): JSX.Element {
  const { trans } = props;
  const counts = stateCounts(props.transfer);
  const parts = [trans._n('%1 file', '%1 files', props.transfer.children.length)];
  if (counts.failed) {
    parts.push(trans.__('%1 failed', counts.failed));
  }
  if (counts.running) {
    parts.push(trans.__('%1 running', counts.running));
  }
  if (counts.skipped) {
    parts.push(trans.__('%1 unchanged', counts.skipped));
  }
  return <span>{parts.join(' · ')}</span>;
}

/** What each kind of transfer shows before its name (a copy shows JupyterLab's copy icon). */
const DIRECTION_GLYPH: Record<ITransfer['direction'], string> = { upload: '↑', download: '↓', copy: '', move: '→' };

function directionLabel(direction: ITransfer['direction'], trans: TranslationBundle): string {
  return {
    upload: trans.__('Upload'),
    download: trans.__('Download'),
    copy: trans.__('Copy within S3'),
    move: trans.__('Move within S3')
  }[direction];
}

/**
 * Where a transfer goes, as its row shows it: the folder when the destination ends with the
 * row's own name (the name is on the line above; the folder is what the line adds), else all of it.
 */
export function destinationShown(t: Pick<ITransfer, 'destination' | 'label'>): string {
  return t.label && !t.label.endsWith('/') && t.destination.endsWith(`/${t.label}`)
    ? t.destination.slice(0, t.destination.length - t.label.length)
    : t.destination;
}

/** Failed and running files first, so a failure is never hidden past the rows shown. */
const CHILD_ORDER: Record<ITransfer['state'], number> = { failed: 0, running: 1, cancelled: 2, queued: 3, done: 4, skipped: 5 };

function TransferRow(props: { transfer: ITransfer; model: TransfersModel; trans: TranslationBundle; child?: boolean }): JSX.Element {
  const { transfer: t, model, trans } = props;
  const [open, setOpen] = React.useState(false);
  const active = t.state === 'running' || t.state === 'queued';
  const retryable = (t.state === 'failed' || t.state === 'cancelled') && t.retryable;
  const stateLabel: Record<ITransfer['state'], string> = {
    queued: trans.__('Queued'),
    running: trans.__('Running'),
    done: trans.__('Done'),
    skipped: trans.__('Unchanged, skipped'),
    failed: trans.__('Failed'),
    cancelled: trans.__('Cancelled')
  };
  const Caret = open ? caretDownIcon : caretRightIcon;
  const timing = transferTiming(t, trans);
  return (
    <li
      className={`jp-helium-transfer${props.child ? ' jp-helium-transfer-child' : ''}`}
      data-state={t.state}
      data-label={t.label}
      data-direction={t.direction}
    >
      <div className="jp-helium-transfer-head" title={displayKey(t.detail)}>
        {t.children.length > 0 ? (
          <button className="jp-helium-transfer-toggle" aria-label={trans.__('Show files')} onClick={() => setOpen(!open)}>
            <Caret.react tag="span" />
          </button>
        ) : (
          <span className="jp-helium-transfer-direction" title={directionLabel(t.direction, trans)}>
            {t.direction === 'copy' ? <copyIcon.react tag="span" /> : DIRECTION_GLYPH[t.direction]}
          </span>
        )}
        <span className="jp-helium-transfer-label">
          <MiddleCut text={displayKey(t.label)} title={null} />
        </span>
        {active && <ToolbarButtonComponent icon={closeIcon} tooltip={trans.__('Cancel')} onClick={() => model.cancel(t.id)} />}
        {retryable && <ToolbarButtonComponent icon={refreshIcon} tooltip={trans.__('Retry')} onClick={() => model.retry(t.id)} />}
      </div>
      {!props.child && t.destination && (
        <div className="jp-helium-transfer-destination" data-testid="helium-transfer-destination">
          <span className="jp-helium-transfer-to">{trans.__('to')}</span>
          <MiddleCut text={displayKey(destinationShown(t))} title={displayKey(t.destination)} />
        </div>
      )}
      <progress className="jp-helium-transfer-bar" max={100} value={percent(t)} />
      <div className="jp-helium-transfer-stats" data-testid="helium-transfer-stats">
        <span className="jp-helium-transfer-state">{stateLabel[t.state]}</span>
        <span>
          {formatBytes(t.transferredBytes)} / {formatBytes(t.totalBytes)} ({Math.floor(percent(t))}%)
        </span>
        {timing && <span data-testid="helium-transfer-timing">{timing}</span>}
        {t.children.length > 0 && <FolderCounts transfer={t} trans={trans} />}
        {t.items && t.items.total > 1 && (
          <span data-testid="helium-transfer-items">{trans.__('%1 of %2 objects', t.items.done, t.items.total)}</span>
        )}
      </div>
      {t.error && (
        <div className="jp-helium-transfer-error" role="alert">
          {t.error}
        </div>
      )}
      {open && t.children.length > 0 && (
        <ul className="jp-helium-transfer-children">
          {[...t.children]
            .sort((a, b) => CHILD_ORDER[a.state] - CHILD_ORDER[b.state])
            .slice(0, MAX_CHILD_ROWS)
            .map(c => (
              <TransferRow key={c.id} transfer={c} model={model} trans={trans} child />
            ))}
          {t.children.length > MAX_CHILD_ROWS && (
            <li className="jp-helium-transfer-more">
              {trans.__('…and %1 more files', (t.children.length - MAX_CHILD_ROWS).toLocaleString())}
            </li>
          )}
        </ul>
      )}
    </li>
  );
}

function TransfersView(props: { model: TransfersModel; trans: TranslationBundle }): JSX.Element {
  const { model, trans } = props;
  useSignal(model.changed, RENDER_EVERY_MS);
  const transfers = model.transfers;
  return (
    <div className="jp-helium-transfers">
      <div className="jp-helium-transfers-header">
        <h3>{trans.__('S3 Transfers')}</h3>
        <button
          className="jp-mod-styled jp-helium-link"
          disabled={transfers.length === model.active.length}
          onClick={() => model.clearFinished()}
        >
          {trans.__('Clear finished')}
        </button>
      </div>
      {transfers.length === 0 ? (
        <p className="jp-helium-empty">
          {trans.__('No transfers yet. Drop files on the S3 browser to upload them; copies and moves show here too.')}
        </p>
      ) : (
        <ul className="jp-helium-transfer-list">
          {transfers.map(t => (
            <TransferRow key={t.id} transfer={t} model={model} trans={trans} />
          ))}
        </ul>
      )}
    </div>
  );
}

export class TransfersPanel extends ReactWidget {
  constructor(
    private readonly _model: TransfersModel,
    private readonly _trans: TranslationBundle
  ) {
    super();
    this.addClass('jp-helium-transfers-panel');
  }

  protected render(): JSX.Element {
    return <TransfersView model={this._model} trans={this._trans} />;
  }
}

/** The status-bar item: how many transfers are active and their overall percent. */
export function TransfersStatusView(props: { model: TransfersModel; trans: TranslationBundle; onClick: () => void }): JSX.Element {
  const { model, trans } = props;
  useSignal(model.changed, RENDER_EVERY_MS);
  const active = model.active.length;
  const failed = model.transfers.filter(t => t.state === 'failed').length;
  const progress = model.overallProgress;
  let text = '';
  // What a screen reader announces: changes of state only, never every percent.
  let announced = '';
  if (active) {
    announced = trans._n('%1 transfer running', '%1 transfers running', active);
    text = trans._n('%1 transfer', '%1 transfers', active) + ` · ${Math.floor((progress ?? 0) * 100)}%`;
  } else if (failed) {
    text = announced = trans._n('%1 transfer failed', '%1 transfers failed', failed);
  } else if (model.transfers.length) {
    text = announced = trans.__('Transfers done');
  }
  React.useEffect(() => announce(announced), [announced]);
  return (
    <>
      <span
        // JupyterLab's own status-bar text class: the same height and baseline as its neighbours.
        className={`jp-StatusBar-TextItem jp-helium-transfers-status${failed ? ' jp-mod-failed' : ''}`}
        data-testid="helium-transfers-status"
        title={trans.__('Show S3 transfers')}
        role={text ? 'button' : undefined}
        tabIndex={text ? 0 : undefined}
        onClick={props.onClick}
        onKeyDown={e => (e.key === 'Enter' || e.key === ' ') && (e.preventDefault(), props.onClick())}
      >
        {text}
      </span>
    </>
  );
}

export class TransfersStatus extends ReactWidget {
  constructor(
    private readonly _model: TransfersModel,
    private readonly _trans: TranslationBundle,
    private readonly _onClick: () => void
  ) {
    super();
    this.addClass('jp-helium-transfers-status-item');
  }

  protected render(): JSX.Element {
    return <TransfersStatusView model={this._model} trans={this._trans} onClick={this._onClick} />;
  }
}
