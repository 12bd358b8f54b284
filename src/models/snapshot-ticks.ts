/**
 * What the snapshots panel has ticked for comparison: row ids of listed snapshots and/or the
 * live folder, at most two, and the ticked pair ordered older side first. Part of the snapshots
 * model (`snapshots.ts`), which emits its `changed` signal when the ticks change.
 */
import type { SnapshotInfo } from '../service/snapshots/types';
import { LIVE, snapshotRowId } from './snapshot-target';

/** The ticked rows of a snapshot list (see the file's header). */
export class SnapshotTicks {
  /**
   * @param _rows - the listed snapshots, newest first (read when ordering the pair).
   */
  constructor(private readonly _rows: () => readonly SnapshotInfo[]) {}

  /** Row ids ({@link snapshotRowId}) and/or {@link LIVE}, in the order ticked. */
  get ticked(): readonly string[] {
    return this._ticks;
  }

  /**
   * The ticked pair, older side first: the live folder is always the newer side; two snapshots
   * are ordered by time. Null unless exactly two are ticked.
   */
  get pair(): [string, string] | null {
    if (this._ticks.length !== 2) {
      return null;
    }
    const [a, b] = this._ticks;
    if (a === LIVE) {
      return [b, a];
    }
    if (b === LIVE) {
      return [a, b];
    }
    return this._orderByTime(a, b);
  }

  /** Whether a row (a row id, or {@link LIVE}) is ticked. */
  has(rowId: string): boolean {
    return this._ticks.includes(rowId);
  }

  /** Tick or untick a row; a third tick replaces the oldest tick. */
  toggle(rowId: string): void {
    if (this._ticks.includes(rowId)) {
      this._ticks = this._ticks.filter(t => t !== rowId);
    } else {
      this._ticks = [...this._ticks.slice(this._ticks.length >= 2 ? 1 : 0), rowId];
    }
  }

  clear(): void {
    this._ticks = [];
  }

  /**
   * Drop the ticks of snapshots that are gone (or of another folder) after a listing.
   * @param list - the snapshots listed now.
   */
  keepListed(list: readonly SnapshotInfo[]): void {
    this._ticks = this._ticks.filter(t => t === LIVE || list.some(s => snapshotRowId(s) === t));
  }

  /** Two row ids, older first (by time, then by list order: the list is newest first). */
  private _orderByTime(a: string, b: string): [string, string] {
    const rows = this._rows();
    const ia = rows.findIndex(s => snapshotRowId(s) === a);
    const ib = rows.findIndex(s => snapshotRowId(s) === b);
    const ta = ia >= 0 ? rows[ia].timestamp.getTime() : 0;
    const tb = ib >= 0 ? rows[ib].timestamp.getTime() : 0;
    if (ta !== tb) {
      return ta < tb ? [a, b] : [b, a];
    }
    return ia > ib ? [a, b] : [b, a];
  }

  private _ticks: string[] = [];
}
