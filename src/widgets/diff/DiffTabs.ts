/**
 * The diff tabs, like VS Code's preview editors: one preview tab (title in italics) is reused for
 * each new comparison until the user pins it; a pinned tab is left alone and the next comparison
 * opens a new preview tab. Only an explicit pin (toolbar button or command) pins.
 */
import { MainAreaWidget } from '@jupyterlab/apputils';
import type { TranslationBundle } from '@jupyterlab/translation';
import { ToolbarButton } from '@jupyterlab/ui-components';
import type { IDiffRequest } from '../../tokens';
import { DiffPanel } from './DiffPanel';
import { pinIcon } from './diff-icons';

/** A diff tab. */
export type DiffTab = MainAreaWidget<DiffPanel>;

/** What {@link DiffTabs} needs from the application. */
export interface IDiffTabsOptions {
  /** A panel for a first comparison. */
  createPanel: (request: IDiffRequest) => DiffPanel;
  /** Add a new tab to the main area (and to a tracker). */
  add: (tab: DiffTab) => void;
  /** Bring a tab to the front. */
  activate: (tab: DiffTab) => void;
  trans: TranslationBundle;
}

let nextId = 0;

/** Opens comparisons in the preview tab or a new one. */
export class DiffTabs {
  /**
   * @param options - how to make panels and add tabs.
   */
  constructor(options: IDiffTabsOptions) {
    this._options = options;
  }

  /** The current preview tab, if there is one open. */
  get preview(): DiffTab | null {
    const tab = this._preview;
    return tab && !tab.isDisposed && tab.content.isPreview ? tab : null;
  }

  /**
   * Show a comparison: in the preview tab when there is one (aborting what it showed), else in a
   * new preview tab.
   * @param request - the comparison.
   * @returns the tab.
   */
  open(request: IDiffRequest): DiffTab {
    const reuse = this.preview;
    if (reuse) {
      void reuse.content.compare(request);
      this._options.activate(reuse);
      return reuse;
    }
    const tab = this._createTab(request);
    this._preview = tab;
    this._options.add(tab);
    this._options.activate(tab);
    return tab;
  }

  /**
   * Pin a tab: it stays when the next comparison opens.
   * @param tab - the tab.
   */
  pin(tab: DiffTab): void {
    tab.content.pin();
  }

  /**
   * A new tab with its pin button.
   * @param request - the first comparison.
   * @returns the tab.
   */
  private _createTab(request: IDiffRequest): DiffTab {
    const { trans } = this._options;
    const content = this._options.createPanel(request);
    const tab = new MainAreaWidget({ content });
    tab.id = `jp-helium-diff-${++nextId}`;
    tab.addClass('jp-helium-diff-tab');
    const pin = new ToolbarButton({
      icon: pinIcon,
      label: trans.__('Pin'),
      tooltip: trans.__('Keep this tab open: the next comparison opens in a new tab'),
      className: 'jp-helium-diff-pin',
      onClick: () => this.pin(tab)
    });
    content.pinned.connect(() => {
      pin.pressed = true;
      pin.enabled = false;
      if (this._preview === tab) {
        this._preview = null;
      }
    });
    tab.toolbar.addItem('pin', pin);
    return tab;
  }

  private _options: IDiffTabsOptions;
  private _preview: DiffTab | null = null;
}
