/**
 * The snapshots model: the snapshots of one folder (newest first), which of them are ticked for
 * comparison (two snapshots, or one and the live folder), and the actions on snapshots (take one,
 * diff two sides, plan and apply a restore). The panel renders it. Its requests, and those the
 * snapshot commands make, are in {@link SnapshotRequests} (`snapshot-requests.ts`, as `requests`).
 *
 * Every action takes the target the user confirmed, never "the current folder" at call time: the
 * panel may have moved on while a dialog was open.
 */
import { Signal } from '@lumino/signaling';
import type { IHeliumConnections, IObjectChange } from '../tokens';
import type { SnapshotDiff, SnapshotInfo } from '../service/snapshots/types';
import { ISnapshotTarget, LIVE, sameTarget, snapshotRowId } from './snapshot-target';
import { SnapshotTicks } from './snapshot-ticks';
import type { ISnapshotLineageSource } from './snapshot-lineage';
import { readSnapshotTags, SnapshotTagIndex } from './snapshot-tags';
import type { SetTagResult } from '../service/pins/tags';
import {
  IBucketRef,
  IWorkOptions,
  REGISTRY_PREFIX,
  RestoreFolderResult,
  RestorePlan,
  SnapshotRequests,
  SnapshotRunOptions,
  SnapshotRunResult
} from './snapshot-requests';

/** How long to wait after a change in the registry before listing again (changes come in bursts). */
const REFRESH_DELAY_MS = 400;

/** A snapshot about to be taken, bound to the folder the user confirmed. */
export interface ISnapshotTask {
  /** The folder (a copy, fixed when the task was made). */
  readonly target: ISnapshotTarget;
  /** Take the snapshot of {@link target}. */
  run(options: SnapshotRunOptions): Promise<SnapshotRunResult>;
}

/** The snapshots of one folder, the ticked ones, and the actions on them (see the file's header). */
export class SnapshotsModel {
  constructor(connections: IHeliumConnections) {
    this._connections = connections;
    this.requests = new SnapshotRequests(connections);
    connections.objectsChanged.connect(this._onObjectsChanged, this);
  }

  /** The requests of the snapshots UI (form rules, snippets, where an entry lives, …). */
  readonly requests: SnapshotRequests;
  /** Where the Snapshot Folder dialog gets lineage from (set by the pins plugin), if anywhere. */
  lineage: ISnapshotLineageSource | null = null;

  /** Emitted whenever anything visible changes. */
  readonly changed = new Signal<this, void>(this);

  get target(): ISnapshotTarget | null {
    return this._target;
  }
  /** The snapshots of the folder (and of folders containing it), newest first. */
  get snapshots(): readonly SnapshotInfo[] {
    return this._snapshots;
  }
  get loading(): boolean {
    return this._loading;
  }
  /** The tags of the listed snapshots' packages, read with the listing (see snapshot-tags.ts). */
  get tags(): SnapshotTagIndex {
    return this._tags;
  }
  /** What went wrong listing, for a person. */
  get error(): string | null {
    return this._error;
  }
  /** Whether snapshots of folders inside this one are listed too. */
  get includeInner(): boolean {
    return this._includeInner;
  }
  set includeInner(value: boolean) {
    if (value !== this._includeInner) {
      this._includeInner = value;
      void this.refresh();
    }
  }
  /** What is ticked for comparison: row ids ({@link snapshotRowId}) and/or {@link LIVE}, in the order ticked. */
  get ticked(): readonly string[] {
    return this._ticks.ticked;
  }

  /**
   * The ticked pair as row ids (or {@link LIVE}), older side first: the live folder is always the
   * newer side; two snapshots are ordered by time. Null unless exactly two are ticked.
   */
  get compareRows(): [string, string] | null {
    return this._ticks.pair;
  }

  /** The ticked pair as what is compared: top hashes (or {@link LIVE}), older side first. */
  get comparePair(): [string, string] | null {
    const rows = this.compareRows;
    return rows ? [this.refOf(rows[0]), this.refOf(rows[1])] : null;
  }

  /** The snapshot whose details and actions are shown (the row last clicked). */
  get selected(): SnapshotInfo | null {
    return this._selectedRow ? this.findRow(this._selectedRow) : null;
  }

  /** Show the details and actions of one snapshot (a row id, see {@link snapshotRowId}). */
  select(rowId: string | null): void {
    if (rowId !== this._selectedRow) {
      this._selectedRow = rowId;
      this.changed.emit();
    }
  }

  /**
   * A listed snapshot with this top hash: the selected row when it has it, else the newest.
   * Several rows can share a top hash; use {@link findRow} to name one.
   */
  find(topHash: string): SnapshotInfo | null {
    const selected = this.selected;
    if (selected?.topHash === topHash) {
      return selected;
    }
    return this._snapshots.find(s => s.topHash === topHash) ?? null;
  }

  /**
   * Select a snapshot's row and have the list scroll to it (a search hit was opened): the row of
   * that top hash (and package, when named); when it is not listed, the folder is listed afresh
   * once (it may have been pushed a moment ago).
   * @param topHash - the snapshot's top hash.
   * @param name - its package name, if known.
   * @returns the snapshot selected, or null when the folder has none with that top hash.
   */
  async reveal(topHash: string, name?: string): Promise<SnapshotInfo | null> {
    const pick = () => this._snapshots.find(s => s.topHash === topHash && (!name || s.name === name)) ?? this.find(topHash);
    let found = this._loading ? null : pick();
    if (!found) {
      await this.refresh({ fresh: true });
      found = pick();
    }
    if (found) {
      this._revealCount++;
      this._selectedRow = snapshotRowId(found);
      this.changed.emit();
    }
    return found;
  }

  /** Grows each time {@link reveal} selects a row: the list scrolls that row into sight. */
  get revealCount(): number {
    return this._revealCount;
  }

  /** The listed snapshot with this row id. */
  findRow(rowId: string): SnapshotInfo | null {
    return this._snapshots.find(s => snapshotRowId(s) === rowId) ?? null;
  }

  /**
   * What a ticked row compares.
   * @param rowId - a row id or {@link LIVE}.
   * @returns its top hash, or {@link LIVE}.
   */
  refOf(rowId: string): string {
    return rowId === LIVE ? LIVE : (this.findRow(rowId)?.topHash ?? rowId);
  }

  /** Whether a row (a row id, or {@link LIVE}) is ticked. */
  isTicked(rowId: string): boolean {
    return this._ticks.has(rowId);
  }

  /** Tick or untick a row (a row id, or {@link LIVE}); a third tick replaces the oldest tick. */
  toggleTick(ref: string): void {
    this._ticks.toggle(ref);
    this.changed.emit();
  }

  clearTicks(): void {
    this._ticks.clear();
    this.changed.emit();
  }

  /**
   * Show the snapshots of a folder (or nothing). Answers for an earlier folder are dropped.
   * @param target - the folder, or null.
   */
  async show(target: ISnapshotTarget | null): Promise<void> {
    if (sameTarget(target, this._target)) {
      return;
    }
    this._target = target ? { ...target } : null;
    this._ticks.clear();
    this._selectedRow = null;
    await this.refresh();
  }

  /**
   * List the snapshots of the current folder again.
   * @param options - `fresh`: bypass the service's short-lived pointer cache (the Refresh button:
   *   the user expects to see a push made a second ago, e.g. by quilt3).
   */
  async refresh(options: { fresh?: boolean } = {}): Promise<void> {
    if (this._timer) {
      clearTimeout(this._timer);
      this._timer = null;
    }
    const generation = ++this._generation;
    const target = this._target;
    this._error = null;
    if (!target) {
      this._abort?.abort();
      this._abort = null;
      this._snapshots = [];
      this._loading = false;
      this.changed.emit();
      return;
    }
    const sameFolder = sameTarget(target, this._listed);
    if (!sameFolder) {
      this._snapshots = [];
      this._tags = new SnapshotTagIndex();
    }
    this._loading = true;
    this.changed.emit();
    this._abort?.abort();
    const abort = new AbortController();
    this._abort = abort;
    try {
      const list = await this.requests.list(target, {
        includeInner: this._includeInner,
        fresh: options.fresh === true,
        signal: abort.signal
      });
      // One listTags per package shown, with the listing (so labels and rows agree).
      const tags = await readSnapshotTags(this.requests, target, list, abort.signal);
      if (generation !== this._generation) {
        return;
      }
      this._snapshots = list;
      this._tags = tags;
      this._listed = target;
      // Ticks of snapshots that are gone (or of another folder) go too.
      this._ticks.keepListed(list);
    } catch (err) {
      if (generation === this._generation) {
        this._error = (err as Error).message;
        this._snapshots = sameFolder ? this._snapshots : [];
      }
    } finally {
      if (generation === this._generation) {
        this._abort = null;
        this._loading = false;
        this.changed.emit();
      }
    }
  }

  /**
   * Bind a snapshot to a folder before asking the user about it: what the panels show while the
   * dialog is open does not change the folder snapshotted.
   * @param target - the folder the dialog is about.
   * @returns the task.
   */
  snapshotTask(target: ISnapshotTarget): ISnapshotTask {
    const fixed: ISnapshotTarget = Object.freeze({ connection: target.connection, bucket: target.bucket, folder: target.folder });
    return { target: fixed, run: options => this.snapshot(fixed, options) };
  }

  /**
   * Snapshot a folder: a new Quilt package revision of every current object under it.
   * @param target - the folder the user confirmed.
   * @param options - message, package name, metadata, cancel signal and progress.
   * @returns what was written.
   */
  async snapshot(target: ISnapshotTarget, options: SnapshotRunOptions): Promise<SnapshotRunResult> {
    const result = await this.requests.snapshot(target, options);
    if (sameTarget(target, this._target)) {
      void this.refresh();
    }
    return result;
  }

  /**
   * Diff two sides: snapshots or the live folder.
   * @param target - the connection and bucket.
   * @param folder - the live side's folder; undefined to use the snapshot's own folder.
   * @param left - the older side: a top hash or {@link LIVE}.
   * @param right - the newer side.
   * @param options - cancel signal and progress.
   * @returns the diff (every file listed, unchanged ones too).
   */
  diff(target: IBucketRef, folder: string | undefined, left: string, right: string, options: IWorkOptions = {}): Promise<SnapshotDiff> {
    return this.requests.diff(target, folder, left, right, options);
  }

  /**
   * What restoring a folder to a snapshot would do (nothing is written). Reads the live folder,
   * so it takes a while on big folders: it reports progress and can be cancelled.
   * @param target - the connection and bucket the user confirmed.
   * @param topHash - the snapshot.
   * @param folder - the folder to restore; the snapshot's own folder when undefined.
   * @param options - cancel signal and progress.
   * @returns the plan (its `folder` is the folder it restores).
   */
  planRestore(target: IBucketRef, topHash: string, folder: string | undefined, options: IWorkOptions = {}): Promise<RestorePlan> {
    return this.requests.planRestore(target, topHash, folder, options);
  }

  /**
   * Apply a restore plan: copy pinned versions back on top, delete what the snapshot did not
   * have (delete markers: history is kept).
   * @param target - the folder the plan is for.
   * @param plan - the plan the user saw and accepted.
   * @param options - cancel signal and progress.
   * @returns what the engine reports.
   */
  async restore(target: ISnapshotTarget, plan: RestorePlan, options: IWorkOptions = {}): Promise<RestoreFolderResult> {
    try {
      return await this.requests.restore(target, plan, options);
    } finally {
      // Also after a failure or cancel part-way: some objects may have changed.
      if (this._target && this._target.connection === target.connection && this._target.bucket === target.bucket) {
        void this.refresh();
      }
    }
  }

  /**
   * Name a snapshot with a tag, then list again so its label shows. A tag that names another
   * snapshot is moved only with `move: true` (otherwise the engine refuses: `TagExists`).
   * @param snapshot - the snapshot (its bucket, package and top hash).
   * @param tag - the tag's name.
   * @param options - `move`: the person chose to move the tag here.
   * @returns what was written.
   */
  async tagSnapshot(
    snapshot: Pick<SnapshotInfo, 'bucket' | 'name' | 'topHash'>,
    tag: string,
    options: { move?: boolean } = {}
  ): Promise<SetTagResult> {
    // Listed rows are of the panel's bucket, on its connection.
    const target = { connection: this._target?.connection ?? '', bucket: snapshot.bucket };
    const result = await this.requests.setTag(target, { package: snapshot.name, tag, topHash: snapshot.topHash, move: options.move });
    await this.refresh();
    return result;
  }

  dispose(): void {
    if (this._timer) {
      clearTimeout(this._timer);
    }
    this._abort?.abort();
    this._connections.objectsChanged.disconnect(this._onObjectsChanged, this);
    Signal.clearData(this);
  }

  private _onObjectsChanged(_: IHeliumConnections, change: IObjectChange): void {
    const target = this._target;
    if (!target || change.connection !== target.connection || change.bucket !== target.bucket) {
      return;
    }
    // Only the registry's pointers and manifests make the list: writes to the folder's own objects
    // cannot change it (our snapshots and restores list again themselves).
    const relevant = change.key.startsWith(REGISTRY_PREFIX) || (change.type === 'folder' && REGISTRY_PREFIX.startsWith(change.key));
    if (!relevant) {
      return;
    }
    if (this._timer) {
      clearTimeout(this._timer);
    }
    this._timer = setTimeout(() => {
      this._timer = null;
      void this.refresh();
    }, REFRESH_DELAY_MS);
  }

  private _connections: IHeliumConnections;
  private _target: ISnapshotTarget | null = null;
  /** The folder `_snapshots` belong to. */
  private _listed: ISnapshotTarget | null = null;
  private _snapshots: SnapshotInfo[] = [];
  private _tags = new SnapshotTagIndex();
  private _loading = false;
  private _error: string | null = null;
  private _includeInner = false;
  private readonly _ticks = new SnapshotTicks(() => this._snapshots);
  /** The selected row's id ({@link snapshotRowId}). */
  private _selectedRow: string | null = null;
  private _revealCount = 0;
  private _timer: ReturnType<typeof setTimeout> | null = null;
  /** Cancels the listing in flight. */
  private _abort: AbortController | null = null;
  /** Increases with every listing, so late answers for an earlier folder are dropped. */
  private _generation = 0;
}
