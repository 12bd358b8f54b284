/**
 * The shell of a sidebar panel that follows the S3 panel (version history, snapshots): a React
 * view of the panel's options, and a `shown` signal the plugin uses to follow only while visible.
 */
import { ReactWidget } from '@jupyterlab/apputils';
import type { Message } from '@lumino/messaging';
import { Signal } from '@lumino/signaling';

export abstract class SidePanelWidget<TOptions extends { model: unknown }> extends ReactWidget {
  /**
   * @param options - what the view renders (its model first).
   * @param className - the panel's own class, next to the shared `jp-helium-sidepanel`.
   */
  constructor(
    protected readonly options: TOptions,
    className: string
  ) {
    super();
    this.addClass('jp-helium-sidepanel');
    this.addClass(className);
  }

  get model(): TOptions['model'] {
    return this.options.model;
  }

  /** Emitted when the panel becomes visible. */
  readonly shown = new Signal<this, void>(this);

  protected onAfterShow(msg: Message): void {
    super.onAfterShow(msg);
    this.shown.emit();
  }
}
