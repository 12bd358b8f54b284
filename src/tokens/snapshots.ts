/**
 * The snapshots model as other plugins and extensions see it (`ISnapshotsModel`): the snapshots
 * of one folder, newest first, which are ticked for comparison, and the selected one.
 * `SnapshotsModel` (models/snapshots.ts) implements it; the snapshots plugin provides it.
 */
import { Token } from '@lumino/coreutils';
import type { ISignal } from '@lumino/signaling';
import type { SnapshotInfo } from '../service/snapshots/types';

/** The folder whose snapshots are shown. */
export interface ISnapshotFolder {
  connection: string;
  bucket: string;
  /** Key prefix: '' (the bucket root) or ending in `/`. */
  folder: string;
}

/** The snapshots of one folder. */
export interface ISnapshotsModel {
  /** Emitted whenever anything visible changes. */
  readonly changed: ISignal<ISnapshotsModel, void>;
  /** The folder shown, or null. */
  readonly target: ISnapshotFolder | null;
  /** Its snapshots, newest first. */
  readonly snapshots: readonly SnapshotInfo[];
  readonly loading: boolean;
  readonly error: string | null;
  /** Whether snapshots of folders inside the target are listed too. */
  includeInner: boolean;
  /** The rows ticked for comparison. */
  readonly ticked: readonly string[];
  /** The two sides to compare (two snapshots, or one and the live folder), when ticked. */
  readonly comparePair: [string, string] | null;
  readonly selected: SnapshotInfo | null;
  /** Grows each time {@link reveal} selects a row. */
  readonly revealCount: number;

  /** Shows the snapshots of a folder (null: none). */
  show(target: ISnapshotFolder | null): Promise<void>;
  /** Lists the snapshots again. */
  refresh(options?: { fresh?: boolean }): Promise<void>;
  select(rowId: string | null): void;
  /** The snapshot with a top hash, if listed. */
  find(topHash: string): SnapshotInfo | null;
  /**
   * Selects the row of a snapshot, listing again if needed.
   * @returns the snapshot, or null when it is not there.
   */
  reveal(topHash: string, name?: string): Promise<SnapshotInfo | null>;
  isTicked(rowId: string): boolean;
  toggleTick(ref: string): void;
  clearTicks(): void;
}

/** Token of the snapshots model (provided by the snapshots plugin). */
export const ISnapshotsModel = new Token<ISnapshotsModel>(
  'jupyterlab-helium:ISnapshotsModel',
  'The snapshots (Quilt packages) of the folder shown in the Snapshots panel, and which are ticked.'
);
