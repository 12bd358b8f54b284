/**
 * The search panel's status line, as state: what the target bucket's index is doing (none,
 * checking, never built, building with progress, ready with its age and whether it is stale or
 * holds current objects only, error), whether it outlives the page, and whether it reads
 * contents. The model (search.ts) drives it; this keeps how the worker's answer becomes a state.
 */
import type { TranslationBundle } from '@jupyterlab/translation';
import type { WorkerIndexStatus } from '../workers/search-protocol';
import type { WorkerSearchIndex } from './search-client';
import { IndexState, STALE_AFTER_MS } from './search-state';

/** What the status line needs from the model. */
export interface SearchStatusHost {
  trans: TranslationBundle;
  /** The clock. */
  now: () => number;
  /** Tell the views that something shown changed. */
  changed: () => void;
  /** The target's index (starting the worker on first use), or null (no target, or no workers). */
  indexOf: () => WorkerSearchIndex | null;
  /** The index currently followed (an answer for another one is dropped). */
  current: () => WorkerSearchIndex | null;
  /** Whether a bucket is shown. */
  hasTarget: () => boolean;
  /** Whether an update of the index is running (its progress is the state meanwhile). */
  updating: () => boolean;
}

/**
 * The state a worker's status answer shows.
 * @param status - the index's status.
 * @param changedSince - whether the bucket changed since the last update (stale at once).
 * @param now - the time now (ms).
 * @returns `never` for an index never synced (or emptied for its old format), else `ready` with its age.
 */
export function statusState(status: WorkerIndexStatus, changedSince: boolean, now: number): IndexState {
  if (status.syncedAt === null) {
    return status.rebuildFrom ? { kind: 'never', oldFormat: status.rebuildFrom } : { kind: 'never' };
  }
  return {
    kind: 'ready',
    syncedAt: new Date(status.syncedAt),
    objects: status.objects,
    snapshots: status.snapshots,
    stale: changedSince || now - Date.parse(status.syncedAt) > STALE_AFTER_MS,
    // Stored in the index: said whenever it is shown, not only after this page built it.
    ...(status.currentOnly ? { currentOnly: true } : {})
  };
}

/** The index's status line of the search panel. */
export class SearchStatusLine {
  constructor(private readonly host: SearchStatusHost) {}

  get state(): IndexState {
    return this._state;
  }
  /** Whether the index outlives the page (OPFS); null until known. */
  get persisted(): boolean | null {
    return this._persisted;
  }
  /** Whether the index also holds the first ≤ 100 KB of text-like objects (as its last sync recorded). */
  get indexesContent(): boolean {
    return this._indexesContent;
  }

  /** Show a state. */
  set(state: IndexState): void {
    this._state = state;
    this.host.changed();
  }

  /** Forget that the bucket changed (another bucket, or an update starts). */
  forgetChanges(): void {
    this._changedSince = false;
  }

  /** Call the index stale until the next update. */
  markStale(): void {
    this._changedSince = true;
    if (this._state.kind === 'ready' && !this._state.stale) {
      this.set({ ...this._state, stale: true });
    }
  }

  /** Ask the worker how old the target's index is. */
  async refresh(): Promise<void> {
    const index = this.host.indexOf();
    if (!index) {
      if (this.host.hasTarget()) {
        this.set({ kind: 'error', message: this.host.trans.__('Search needs Web Workers, which this browser does not offer here.') });
      }
      return;
    }
    if (this._state.kind !== 'building') {
      this.set({ kind: 'checking' });
    }
    try {
      const status = await index.workerStatus();
      if (index !== this.host.current() || this.host.updating()) {
        return; // the bucket changed, or a sync started meanwhile
      }
      this._persisted = status.persisted;
      this._indexesContent = status.indexContent === true;
      this.set(statusState(status, this._changedSince, this.host.now()));
    } catch (err) {
      if (index === this.host.current()) {
        this.set({ kind: 'error', message: this.host.trans.__('The search index cannot be opened: %1', (err as Error).message) });
      }
    }
  }

  private _state: IndexState = { kind: 'none' };
  private _persisted: boolean | null = null;
  private _indexesContent = false;
  private _changedSince = false;
}
