/**
 * The model of one comparison tab: what it compares (two sides, each a snapshot or the live
 * folder), the key that lets an identical comparison reuse its tab, and the loading state of the
 * diff (progress, the diff and its tree, or an error). The diff itself is computed by the
 * function the tab is given (the plugin binds it to `SnapshotsModel.diff`).
 */
import { Signal } from '@lumino/signaling';
import type { SnapshotDiff } from '../service/snapshots/types';
import { SnapshotDiffTree } from './snapshot-diff-tree';

/** One side of a comparison tab. */
export interface ISnapshotSide {
  /** A full top hash, or `latest` (`LIVE` in snapshot-target.ts: the live folder). */
  ref: string;
  /** What the user sees: "snapshot 3f2a9c… · 12 Mar 14:02" or "live". */
  label: string;
}

/** What a comparison tab compares. */
export interface ISnapshotDiffRequest {
  connection: string;
  bucket: string;
  /** The folder of the live side (and of the snapshots). */
  folder: string;
  left: ISnapshotSide;
  right: ISnapshotSide;
}

/** A key identifying a comparison, so an identical one reuses its tab. */
export function diffRequestKey(request: ISnapshotDiffRequest): string {
  return [request.connection, request.bucket, request.folder, request.left.ref, request.right.ref].join('\u0000');
}

/** The loading state of one comparison tab: progress, the diff, or an error. */
export class SnapshotDiffModel {
  /**
   * @param request - what to compare.
   * @param run - computes the diff (the plugin binds it to `SnapshotsModel.diff`).
   */
  constructor(
    readonly request: ISnapshotDiffRequest,
    private readonly _run: (
      request: ISnapshotDiffRequest,
      options: { signal: AbortSignal; onProgress: (progress: unknown) => void }
    ) => Promise<SnapshotDiff>
  ) {}

  /** Emitted when the state changes (also on progress). */
  readonly changed = new Signal<this, void>(this);

  get state(): 'idle' | 'loading' | 'done' | 'error' | 'cancelled' {
    return this._state;
  }
  get diff(): SnapshotDiff | null {
    return this._diff;
  }
  /** The diff as the tree the tab shows (built once per diff), or null before it is done. */
  get tree(): SnapshotDiffTree | null {
    if (!this._diff) {
      return null;
    }
    if (this._tree?.diff !== this._diff) {
      this._tree = new SnapshotDiffTree(this._diff);
    }
    return this._tree;
  }
  get error(): unknown {
    return this._errorValue;
  }
  /** The latest progress report of the service, as it sent it. */
  get progress(): unknown {
    return this._progress;
  }

  /** Compute (or compute again) the diff. */
  async load(): Promise<void> {
    this._abort?.abort();
    const abort = new AbortController();
    this._abort = abort;
    this._state = 'loading';
    this._progress = null;
    this._errorValue = null;
    this.changed.emit();
    try {
      const diff = await this._run(this.request, {
        signal: abort.signal,
        onProgress: progress => {
          if (this._abort === abort) {
            this._progress = progress;
            this.changed.emit();
          }
        }
      });
      if (this._abort === abort) {
        this._diff = diff;
        this._state = 'done';
      }
    } catch (err) {
      if (this._abort === abort) {
        const cancelled = abort.signal.aborted || (err as { kind?: string }).kind === 'Cancelled';
        this._state = cancelled ? 'cancelled' : 'error';
        this._errorValue = cancelled ? null : err;
      }
    } finally {
      if (this._abort === abort) {
        this._abort = null;
        if (!this._disposed) {
          this.changed.emit();
        }
      }
    }
  }

  /** Stop computing. */
  cancel(): void {
    this._abort?.abort();
  }

  dispose(): void {
    this._disposed = true;
    this._abort?.abort();
    Signal.clearData(this);
  }

  private _state: 'idle' | 'loading' | 'done' | 'error' | 'cancelled' = 'idle';
  private _diff: SnapshotDiff | null = null;
  private _tree: SnapshotDiffTree | null = null;
  private _errorValue: unknown = null;
  private _progress: unknown = null;
  private _abort: AbortController | null = null;
  private _disposed = false;
}
