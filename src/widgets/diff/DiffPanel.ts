/**
 * The content of a diff tab: a header (the object, both sides with their sizes, "View as", swap)
 * and the chosen provider's view, or what stands in for it (loading, size cap, error).
 *
 * One comparison at a time: showing another one, switching the view, swapping the sides or
 * closing the tab aborts the signal of what was loading or shown before.
 */
import type { TranslationBundle } from '@jupyterlab/translation';
import type { LabIcon } from '@jupyterlab/ui-components';
import { ISignal, Signal } from '@lumino/signaling';
import { Panel, Widget } from '@lumino/widgets';
import { isHeliumError } from '../../service/error-class';
import { FALLBACK_PROVIDER_ID } from '../../models/diff-registry';
import type { IDiffContext, IDiffProvider, IDiffRequest, IDiffSide } from '../../tokens';
import { h } from './dom';
import { exceedsCap, s3Uri, sideLetter, SideName, sizeText, swapped, tabCaption, tabTitle } from './diff-labels';
import { cancelledStatus, capStatus, errorStatus, loadingStatus, noProviderStatus } from './diff-status';

/** The providers the panel can choose from (the registry). */
export interface IDiffProviderSource {
  providersFor(key: string, contentType?: string): IDiffProvider[];
  readonly changed: ISignal<unknown, void>;
}

/** What a {@link DiffPanel} needs. */
export interface IDiffPanelOptions {
  /** The first comparison. */
  request: IDiffRequest;
  /** Where providers come from. */
  providers: IDiffProviderSource;
  /** Builds the context of a comparison (reads through the S3 proxy). */
  createContext: (request: IDiffRequest, signal: AbortSignal) => IDiffContext;
  /** Fills in what a side lacks (size, Content-Type…) before the cap is checked. */
  describeSide?: (side: IDiffSide, signal: AbortSignal) => Promise<IDiffSide>;
  /** An icon for a key, e.g. from the file type registry. */
  iconFor?: (key: string) => LabIcon | undefined;
  trans: TranslationBundle;
}

/** What the body shows. */
export type DiffPanelState = 'loading' | 'capped' | 'cancelled' | 'error' | 'empty' | 'ready';

/** Class of a preview tab's panel (reused for the next comparison until pinned). */
export const PREVIEW_CLASS = 'jp-helium-diff-preview';
/** Class of a preview tab's title (italics). */
export const PREVIEW_TITLE_CLASS = 'jp-helium-diff-preview-title';

/**
 * Whether a key says nothing about its type: no extension.
 * @param key - the key.
 * @returns true when the last segment has no dot.
 */
function hasNoExtension(key: string): boolean {
  const name = key.slice(key.lastIndexOf('/') + 1);
  return name.lastIndexOf('.') <= 0;
}

/** The diff tab's content. */
export class DiffPanel extends Panel {
  /**
   * Create the panel and start loading its first comparison.
   * @param options - the comparison, providers, reading and translations.
   */
  constructor(options: IDiffPanelOptions) {
    super();
    this._options = options;
    this._trans = options.trans;
    this._request = options.request;
    this.addClass('jp-helium-diff');
    this.addClass(PREVIEW_CLASS);
    this._header.addClass('jp-helium-diff-header');
    this._body.addClass('jp-helium-diff-body');
    this.addWidget(this._header);
    this.addWidget(this._body);
    options.providers.changed.connect(this._onProvidersChanged, this);
    this._updateTitle();
    this._ready = this._load(false);
  }

  /** The comparison shown (sides filled in once described). */
  get request(): IDiffRequest {
    return this._request;
  }

  /** The provider whose view is shown or loading. */
  get provider(): IDiffProvider | undefined {
    return this._provider;
  }

  /** What the body shows. */
  get state(): DiffPanelState {
    return this._state;
  }

  /** The provider's view, once ready. */
  get view(): Widget | null {
    return this._view;
  }

  /** Settles when the current load is over (shown, capped, failed or superseded). */
  get ready(): Promise<void> {
    return this._ready;
  }

  /** Whether this is a preview (to be reused for the next comparison). */
  get isPreview(): boolean {
    return !this._pinned;
  }

  /** Emitted once, when the tab is pinned. */
  get pinned(): ISignal<this, void> {
    return this._pinnedSignal;
  }

  /** Keep this tab: the next comparison opens in another one. */
  pin(): void {
    if (this._pinned) {
      return;
    }
    this._pinned = true;
    this.removeClass(PREVIEW_CLASS);
    this._updateTitle();
    this._pinnedSignal.emit();
  }

  /**
   * Show another comparison here (the best view for it), aborting the current one.
   * @param request - the comparison.
   * @returns a promise settled when it is loaded (or capped, or failed).
   */
  compare(request: IDiffRequest): Promise<void> {
    this._request = request;
    this._chosen = null;
    this._updateTitle();
    return (this._ready = this._load(false));
  }

  /**
   * Show the comparison with another provider.
   * @param id - the provider's id.
   * @returns a promise settled when it is loaded.
   */
  setProvider(id: string): Promise<void> {
    this._chosen = id;
    return (this._ready = this._load(false));
  }

  /**
   * Swap the sides (B on the left) and show again.
   * @returns a promise settled when it is loaded.
   */
  swap(): Promise<void> {
    this._request = swapped(this._request);
    this._updateTitle();
    return (this._ready = this._load(false));
  }

  /**
   * Load the current view even though a side is over its size cap.
   * @returns a promise settled when it is loaded.
   */
  loadAnyway(): Promise<void> {
    return (this._ready = this._load(true));
  }

  /** Stop loading. */
  cancel(): void {
    this._controller?.abort();
  }

  /** Abort what is loading or shown, and dispose the view. */
  dispose(): void {
    if (this.isDisposed) {
      return;
    }
    this._controller?.abort();
    this._controller = null;
    this._options.providers.changed.disconnect(this._onProvidersChanged, this);
    Signal.clearData(this);
    super.dispose();
  }

  /**
   * Load the comparison with the chosen (or best) provider.
   * @param force - load even when a side is over the provider's cap.
   */
  private async _load(force: boolean): Promise<void> {
    this._controller?.abort();
    const controller = new AbortController();
    this._controller = controller;
    const { signal } = controller;
    const current = () => this._controller === controller && !this.isDisposed;
    this._setBody(
      'loading',
      loadingStatus(this._trans, () => this.cancel())
    );
    try {
      await this._describe(signal);
      if (!current()) {
        return;
      }
      const provider = this._pickProvider();
      this._renderHeader();
      if (!provider) {
        this._setBody('empty', noProviderStatus(this._trans));
        return;
      }
      if (!force && exceedsCap(this._request, provider.maxBytes)) {
        const summary = provider.id !== FALLBACK_PROVIDER_ID && this._providerList().some(p => p.id === FALLBACK_PROVIDER_ID);
        this._setBody(
          'capped',
          capStatus({
            request: this._request,
            provider,
            trans: this._trans,
            onLoadAnyway: () => void this.loadAnyway(),
            onShowSummary: summary ? () => void this.setProvider(FALLBACK_PROVIDER_ID) : undefined
          })
        );
        return;
      }
      const view = await provider.createView(this._options.createContext(this._request, signal));
      if (!current() || signal.aborted) {
        view.dispose();
        return;
      }
      this._setBody('ready', view);
    } catch (error) {
      if (!current()) {
        return;
      }
      if (signal.aborted || isHeliumError(error, 'Cancelled')) {
        this._setBody(
          'cancelled',
          cancelledStatus(this._trans, () => void this._retry())
        );
      } else {
        this._setBody(
          'error',
          errorStatus(error, this._trans, () => void this._retry())
        );
      }
    }
  }

  /** Load again after a cancel or an error. */
  private _retry(): Promise<void> {
    return (this._ready = this._load(false));
  }

  /**
   * Fill in sizes (and Content-Types of keys without an extension) the sides lack.
   * @param signal - cancels the requests.
   */
  private async _describe(signal: AbortSignal): Promise<void> {
    const describe = this._options.describeSide;
    if (!describe) {
      return;
    }
    const needs = (side: IDiffSide) => side.size === undefined || (side.contentType === undefined && hasNoExtension(side.key));
    const { left, right } = this._request;
    if (!needs(left) && !needs(right)) {
      return;
    }
    const request = this._request;
    const [l, r] = await Promise.all([needs(left) ? describe(left, signal) : left, needs(right) ? describe(right, signal) : right]);
    if (this._request === request) {
      this._request = { left: l, right: r };
    }
  }

  /** The providers for the current comparison, best first. */
  private _providerList(): IDiffProvider[] {
    const { left, right } = this._request;
    return this._options.providers.providersFor(right.key, right.contentType ?? left.contentType);
  }

  /** The chosen provider if it still fits, else the best. */
  private _pickProvider(): IDiffProvider | undefined {
    const list = this._providerList();
    this._provider = list.find(p => p.id === this._chosen) ?? list[0];
    return this._provider;
  }

  /** The registry changed: refresh the "View as" list. */
  private _onProvidersChanged(): void {
    if (this._state !== 'loading') {
      this._renderHeader();
    }
  }

  /**
   * Replace what the body shows.
   * @param state - the new state.
   * @param content - a status element, or the provider's view.
   */
  private _setBody(state: DiffPanelState, content: HTMLElement | Widget): void {
    if (this.isDisposed) {
      if (content instanceof Widget) {
        content.dispose();
      }
      return;
    }
    for (const child of [...this._body.widgets]) {
      child.dispose();
    }
    this._view = null;
    this._state = state;
    this.node.dataset.state = state;
    if (this._provider) {
      this.node.dataset.provider = this._provider.id;
    }
    if (content instanceof Widget) {
      content.addClass('jp-helium-diff-view');
      this._view = content;
      this._body.addWidget(content);
    } else {
      const holder = new Widget({ node: content });
      this._body.addWidget(holder);
    }
  }

  /** Title, caption, icon and preview style of the tab. */
  private _updateTitle(): void {
    this.title.label = tabTitle(this._request);
    this.title.caption = tabCaption(this._request, this._trans);
    const icon = this._options.iconFor?.(this._request.right.key);
    if (icon) {
      this.title.icon = icon;
    }
    this.title.className = this._pinned ? 'jp-helium-diff-title' : `jp-helium-diff-title ${PREVIEW_TITLE_CLASS}`;
    this._renderHeader();
  }

  /** Rebuild the header. */
  private _renderHeader(): void {
    const trans = this._trans;
    const { left, right } = this._request;
    const uri = s3Uri(left) === s3Uri(right) ? s3Uri(right) : `${s3Uri(left)} ↔ ${s3Uri(right)}`;
    const side = (name: SideName, s: IDiffSide) =>
      h('span', { className: 'jp-helium-diff-side', attrs: { 'data-side': name }, title: s.label }, [
        h('span', { className: 'jp-helium-diff-side-letter', text: sideLetter(name) }),
        h('span', { className: 'jp-helium-diff-side-label', text: s.label }),
        h('span', { className: 'jp-helium-diff-size', text: sizeText(s.size, trans) })
      ]);
    const select = h('select', {
      className: 'jp-helium-select jp-helium-diff-viewas',
      attrs: { 'aria-label': trans.__('View as') }
    });
    for (const provider of this._providerList()) {
      const option = h('option', { text: provider.label, attrs: { value: provider.id } });
      option.selected = provider.id === this._provider?.id;
      select.appendChild(option);
    }
    select.addEventListener('change', () => void this.setProvider(select.value));
    const node = this._header.node;
    node.textContent = '';
    node.appendChild(h('div', { className: 'jp-helium-diff-key', text: uri, title: uri }));
    node.appendChild(
      h('div', { className: 'jp-helium-diff-bar' }, [
        h('div', { className: 'jp-helium-diff-sides' }, [
          side('left', left),
          h('button', {
            className: 'jp-helium-diff-swap jp-ToolbarButtonComponent',
            text: '⇄',
            title: trans.__('Swap sides'),
            attrs: { type: 'button', 'aria-label': trans.__('Swap sides') },
            onClick: () => void this.swap()
          }),
          side('right', right)
        ]),
        h('label', { className: 'jp-helium-diff-viewas-label' }, [trans.__('View as'), select])
      ])
    );
  }

  private _options: IDiffPanelOptions;
  private _trans: TranslationBundle;
  private _request: IDiffRequest;
  private _provider: IDiffProvider | undefined;
  private _chosen: string | null = null;
  private _controller: AbortController | null = null;
  private _state: DiffPanelState = 'loading';
  private _view: Widget | null = null;
  private _ready: Promise<void>;
  private _pinned = false;
  private _pinnedSignal = new Signal<this, void>(this);
  private _header = new Widget();
  private _body = new Panel();
}
