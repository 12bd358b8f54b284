/**
 * The listing half of the browser model: the rows of the folder on screen, loaded one page at a
 * time as the view asks, sorted and filtered for display, the selected row and the error shown.
 * `BrowserModel` (browser.ts) adds where the panel is (connection, bucket, folder) and navigation.
 *
 * Every new listing starts a new generation, so late answers for an old one are dropped.
 */
import { Signal } from '@lumino/signaling';
import type { Entry, ListingPage } from '../service';
import type { IPanelError, ISortState } from '../tokens/browser';
import type { Engine } from './engine';

export class BrowserListing {
  /** Emitted whenever anything visible changes. */
  readonly changed = new Signal<this, void>(this);

  /** Entries loaded so far, sorted and filtered for display. */
  get items(): readonly Entry[] {
    if (!this._view) {
      this._view = this._lib ? this._lib.sortEntries(this._lib.filterEntries(this._entries, this._filter), this._sort) : [];
    }
    return this._view ?? [];
  }
  /** How many entries are loaded (before filtering). */
  get loadedCount(): number {
    return this._entries.length;
  }
  get loading(): boolean {
    return this._loading;
  }
  get hasMore(): boolean {
    return this._iterator !== null;
  }
  get error(): IPanelError | null {
    return this._error;
  }
  get filter(): string {
    return this._filter;
  }
  get sort(): ISortState {
    return this._sort;
  }
  /** The entry last clicked (or right-clicked); commands act on it. */
  get selected(): Entry | null {
    return this._selected;
  }

  /** Loads the next page, if any; concurrent calls share one request. */
  loadMore(): Promise<void> {
    if (!this._pending && this._iterator) {
      const generation = this._generation;
      const pending = this._loadNext(this._iterator, generation).finally(() => {
        if (this._pending === pending) {
          this._pending = null;
        }
      });
      this._pending = pending;
    }
    return this._pending ?? Promise.resolve();
  }

  /** Loads every remaining page of the current listing (to sort or filter all of it). */
  async loadAll(): Promise<void> {
    const generation = this._generation;
    while (this._iterator && !this._error && generation === this._generation) {
      await this.loadMore();
    }
  }

  setFilter(text: string): void {
    this._filter = text;
    this._view = null;
    this.changed.emit();
  }

  setSort(sort: ISortState): void {
    this._sort = sort;
    this._view = null;
    this.changed.emit();
  }

  /** Asks the views to render again, e.g. a picker put back to the open bucket while a dialog asks for another. */
  redraw(): void {
    this.changed.emit();
  }

  select(entry: Entry | null): void {
    this._selected = entry;
    this.changed.emit();
  }

  /** Appends a listing page; the listing is complete after its last one. */
  protected _takePage({ value, done }: IteratorResult<ListingPage>): void {
    if (value) {
      this._entries = this._entries.concat(value.folders, value.objects);
      this._view = null;
    }
    if (done || !value || value.isLast) {
      this._iterator = null;
    }
  }

  private async _loadNext(iterator: AsyncGenerator<ListingPage>, generation: number): Promise<void> {
    this._loading = true;
    this.changed.emit();
    try {
      const page = await iterator.next();
      if (generation !== this._generation) {
        return; // the user navigated elsewhere meanwhile: drop this page
      }
      this._takePage(page);
    } catch (err) {
      if (generation !== this._generation) {
        return;
      }
      this._iterator = null;
      if ((err as { kind?: string }).kind !== 'Cancelled') {
        this._setError('listing', err);
      }
    } finally {
      if (generation === this._generation) {
        this._loading = false;
        this.changed.emit();
      }
    }
  }

  /** Forgets the current listing, cancels its request, and starts a new generation. */
  protected _resetListing(): number {
    this._abort?.abort();
    this._abort = null;
    this._iterator = null;
    this._pending = null;
    this._entries = [];
    this._view = null;
    this._selected = null;
    this._loading = false;
    return ++this._generation;
  }

  protected _setError(scope: IPanelError['scope'], err: unknown): void {
    const message = err instanceof Error ? err.message : String(err);
    this._error = { scope, message };
    this._loading = false;
    this.changed.emit();
  }

  protected _lib: Engine | null = null;
  protected _entries: Entry[] = [];
  protected _view: Entry[] | null = null;
  protected _filter = '';
  protected _sort: ISortState = { by: 'name', direction: 'asc' };
  protected _selected: Entry | null = null;
  protected _iterator: AsyncGenerator<ListingPage> | null = null;
  protected _pending: Promise<void> | null = null;
  protected _abort: AbortController | null = null;
  protected _loading = false;
  /** Increases with every new listing, so late answers for an old one are ignored. */
  protected _generation = 0;
  protected _error: IPanelError | null = null;
}
