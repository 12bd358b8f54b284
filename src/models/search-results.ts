/**
 * The hits and facets of the search panel: running a query in a scope (a newer run supersedes and
 * cancels an older one), counting facets after the hits, and "Show more" pages. The model
 * ({@link SearchModel} in search.ts) says what to run; this holds what it found.
 */
import type { TranslationBundle } from '@jupyterlab/translation';
import { isHeliumError } from '../service/error-class';
import type { SearchFacetCounts, SearchHit } from '../service/search/types';
import type { WorkerSearchIndex } from './search-client';
import { IndexState, MAX_KEPT, PAGE_SIZE, SearchTarget } from './search-state';

/** What to search: the index, where, the query text and scope, and what the index is doing. */
export interface SearchRequest {
  index: WorkerSearchIndex | null;
  target: SearchTarget | null;
  query: string;
  scope: 'bucket' | 'folder';
  state: IndexState;
}

/** The results of the panel's searches. */
export class SearchResults {
  /**
   * @param emit - called whenever anything shown changes.
   * @param cancel - cancels a pending worker request by its id.
   * @param trans - translations.
   */
  constructor(
    private readonly emit: () => void,
    private readonly cancel: (id: number) => void,
    private readonly trans: TranslationBundle
  ) {}

  get hits(): readonly SearchHit[] {
    return this._hits;
  }
  /** How many documents match in all (the hits shown are the first pages of them). */
  get total(): number {
    return this._total;
  }
  get facets(): SearchFacetCounts | null {
    return this._facets;
  }
  /** What is wrong with the query (e.g. a syntax error and where), or null. */
  get queryError(): string | null {
    return this._queryError;
  }
  get searching(): boolean {
    return this._searching;
  }
  /** Whether more hits match than are shown ({@link more} shows the next page). */
  get hasMore(): boolean {
    return this._hits.length < this._total && !this._queryError;
  }
  /** Whether a next page is being fetched. */
  get loadingMore(): boolean {
    return this._loadingMore;
  }

  /**
   * Run the query in its scope; a newer call supersedes (and cancels) an older one.
   * @param request - the index, target, query, scope and index state.
   */
  async run(request: SearchRequest): Promise<void> {
    const { index, target } = request;
    const generation = ++this._generation;
    if (this._pendingId !== null) {
      this.cancel(this._pendingId);
      this._pendingId = null;
    }
    this._loadingMore = false; // a next page of the previous search is dropped (generation)
    const state = request.state;
    const indexed = state.kind === 'ready' || (state.kind === 'building' && this._hits.length > 0);
    if (!index || !target || !indexed) {
      this.clear();
      this.emit();
      return;
    }
    const query = request.query.trim() || '*';
    const prefix = request.scope === 'folder' ? target.prefix : '';
    // The same search again (the index changed under it): keep as many hits as "Show more" showed.
    const shown = `${target.connection}\u0000${target.bucket}\u0000${prefix}\u0000${query}`;
    const limit = shown === this._shown ? Math.min(MAX_KEPT, Math.max(PAGE_SIZE, this._hits.length)) : PAGE_SIZE;
    this._searching = true;
    this.emit();
    let found = false;
    try {
      // Hits first, facets after: counting facets over a whole large bucket takes seconds, and the
      // hits should not wait for it. Until the new counts come, the previous ones stay.
      const result = await index.search(query, { limit, prefix }, id => (this._pendingId = id));
      if (generation !== this._generation) {
        return;
      }
      this._shown = shown;
      this._hits = result.hits;
      this._total = result.total;
      this._queryError = null;
      found = true;
    } catch (err) {
      if (generation !== this._generation || isHeliumError(err, 'Cancelled')) {
        return;
      }
      this.clear();
      // The hint says what to do (how to write the query); without it a syntax error only says where.
      const message = (err as Error).message;
      const hint = isHeliumError(err) ? err.hint : undefined;
      this._queryError = hint && !message.includes(hint) ? `${message} ${hint}` : message;
    } finally {
      if (generation === this._generation) {
        this._pendingId = null;
        this._searching = false;
        this.emit();
      }
    }
    if (found) {
      await this.countFacets(index, generation, query, prefix);
    }
  }

  /**
   * Show the next page of hits of the current search (same query and scope, `offset` = the hits
   * shown). A newer search drops it; facets and the total stay those of the first page's answer.
   * @param request - the index, target, query and scope of the search shown.
   */
  async more(request: SearchRequest): Promise<void> {
    const { index, target } = request;
    if (!index || !target || !this.hasMore || this._loadingMore || this._searching) {
      return;
    }
    const generation = this._generation;
    const query = request.query.trim() || '*';
    const prefix = request.scope === 'folder' ? target.prefix : '';
    this._loadingMore = true;
    this.emit();
    try {
      const result = await index.search(query, { limit: PAGE_SIZE, offset: this._hits.length, prefix });
      if (generation === this._generation) {
        this._hits = [...this._hits, ...result.hits];
        this._total = result.total;
      }
    } catch (err) {
      if (generation === this._generation && !isHeliumError(err, 'Cancelled')) {
        this._queryError = this.trans.__('Could not fetch more results: %1', (err as Error).message);
      }
    } finally {
      if (generation === this._generation) {
        this._loadingMore = false;
        this.emit();
      }
    }
  }

  /** Forget every hit, count and error (without telling: the caller emits). */
  clear(): void {
    this._hits = [];
    this._total = 0;
    this._facets = null;
    this._queryError = null;
    this._searching = false;
    this._loadingMore = false;
    this._shown = null;
  }

  /** The facets of the search of `generation` (dropped when a newer search started). */
  private async countFacets(index: WorkerSearchIndex, generation: number, query: string, prefix: string): Promise<void> {
    try {
      const result = await index.search(query, { limit: 0, prefix, facets: true }, id => (this._pendingId = id));
      if (generation === this._generation) {
        this._facets = result.facets ?? null;
      }
    } catch (err) {
      if (generation === this._generation && !isHeliumError(err, 'Cancelled')) {
        this._facets = null; // the hits stand; the counts could not be made
      }
    } finally {
      if (generation === this._generation) {
        this._pendingId = null;
        this.emit();
      }
    }
  }

  private _hits: SearchHit[] = [];
  private _total = 0;
  private _facets: SearchFacetCounts | null = null;
  private _queryError: string | null = null;
  private _searching = false;
  private _loadingMore = false;
  /** What the hits shown answer (connection, bucket, prefix, query), or null. */
  private _shown: string | null = null;
  private _generation = 0;
  private _pendingId: number | null = null;
}
