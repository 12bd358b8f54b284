/**
 * The notebook toolbar's data status ("Data: in sync", "Data: changed since pinned: 1 modified",
 * "missing", an error), with one tooltip line per pin. Hidden when the notebook has no pins. A
 * click asks the plugin for the pins' menu (compare, update, open as pinned, restore, refresh).
 */
import * as React from 'react';
import { ReactWidget } from '@jupyterlab/apputils';
import type { TranslationBundle } from '@jupyterlab/translation';
import type { NotebookPinsModel } from '../../models/notebook-pins';
import { useSignal } from '../useSignal';
import { summaryText, tooltipLines } from './pin-status-text';

/** What the item needs. */
export interface IPinsToolbarItemOptions {
  model: NotebookPinsModel;
  trans: TranslationBundle;
  /** Open the pins' menu under the item. */
  onOpenMenu: (anchor: HTMLElement) => void;
}

/** The status line as a button. */
function PinsStatusButton(props: IPinsToolbarItemOptions): JSX.Element | null {
  const { model, trans } = props;
  useSignal(model.changed);
  if (model.pins.length === 0 && model.problems.length === 0) {
    return null;
  }
  const { state, text } = summaryText(model.pins, model.statuses, model.problems, trans);
  const tooltip = tooltipLines(model.pins, model.statuses, model.problems, trans).join('\n');
  return (
    <button
      type="button"
      className="jp-ToolbarButtonComponent jp-Button jp-mod-minimal jp-helium-pins-status"
      data-state={state}
      data-loading={model.loading ? 'true' : 'false'}
      title={tooltip}
      onClick={e => props.onOpenMenu(e.currentTarget)}
    >
      <span className="jp-helium-pins-status-dot" aria-hidden="true" />
      <span className="jp-ToolbarButtonComponent-label jp-helium-pins-status-text">{text}</span>
    </button>
  );
}

/** See the file's header. */
export class PinsToolbarItem extends ReactWidget {
  constructor(private readonly _options: IPinsToolbarItemOptions) {
    super();
    this.addClass('jp-helium-pins-item');
    const sync = () => this.toggleClass('jp-helium-pins-none', _options.model.pins.length === 0 && _options.model.problems.length === 0);
    _options.model.changed.connect(sync);
    sync();
  }

  protected render(): JSX.Element {
    return <PinsStatusButton {...this._options} />;
  }
}
