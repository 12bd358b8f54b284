/** What a comparison tab's view is given. */
import type { TranslationBundle } from '@jupyterlab/translation';
import type { EntryChange } from '../../service/snapshots/types';
import type { ISnapshotSide, SnapshotDiffModel } from '../../models/snapshot-diff';

/** The height of a row of the comparison's tree, in pixels. */
export const SNAPDIFF_ROW_HEIGHT = 26;

/** What the comparison view shows and does. */
export interface ISnapshotDiffViewOptions {
  model: SnapshotDiffModel;
  trans: TranslationBundle;
  /** Open the content diff of a file that exists on both sides. */
  onOpenFile: (change: EntryChange) => void;
  /** A note above the comparison with one action (e.g. the restore a review is for). */
  banner?: { text: string; actionLabel: string; onAction: () => void };
  /** Restore the folder to a snapshot side of the comparison (a button per snapshot side). */
  onRestore?: (side: ISnapshotSide) => void;
}
