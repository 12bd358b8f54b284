/**
 * The tree a comparison tab shows, over one diff: its rows for a status filter, a path filter and
 * the folders the user collapsed, the counts on each folder and in the summary. The tree is built
 * once per diff by the engine's pure `service/snapshots/tree.ts`; views only ask this model.
 */
import type { EntryChange, EntryStatus, SnapshotDiff, StatusCounts } from '../service/snapshots/types';
import {
  allFolderPaths,
  buildSnapshotTree,
  CHANGED_STATUSES,
  flattenSnapshotTree,
  folderCounts,
  hasBothSides,
  ISnapshotFolderNode,
  ISnapshotTree,
  ISnapshotTreeFilter,
  ISnapshotTreeRow,
  summaryCounts
} from '../service/snapshots/tree';

export type { ISnapshotFolderNode, ISnapshotTreeFilter, ISnapshotTreeRow };

/** The statuses that mean a file changed (all but `same`), in the order the tab shows them. */
export const CHANGED: readonly EntryStatus[] = CHANGED_STATUSES;

/** One diff as a tree of folders and files (see the file's header). */
export class SnapshotDiffTree {
  /**
   * @param diff - the diff (every file listed, unchanged ones too).
   */
  constructor(readonly diff: SnapshotDiff) {
    this._tree = buildSnapshotTree(diff.changes);
  }

  /** How many unchanged files the diff lists (it may count more than it lists). */
  get listedSame(): number {
    return this._tree.root.listed.same;
  }

  /** The counts of the whole diff, with zeros for an empty one. */
  get summary(): StatusCounts {
    return summaryCounts(this.diff);
  }

  /**
   * The rows on screen.
   * @param filter - the statuses shown, the collapsed folders and the path filter.
   * @returns folders and files in tree order.
   */
  rows(filter: ISnapshotTreeFilter): ISnapshotTreeRow[] {
    return flattenSnapshotTree(this._tree, filter);
  }

  /**
   * The counts to show on a folder.
   * @param node - the folder.
   * @returns the diff's own counts of it (`same` included) when known, else what the tree lists.
   */
  folderCounts(node: ISnapshotFolderNode): StatusCounts {
    return folderCounts(this.diff, node);
  }

  /** Every folder path but the root (for "collapse all"). */
  allFolderPaths(): Set<string> {
    return allFolderPaths(this._tree);
  }

  /**
   * Whether a file exists on both sides (its content diff opens), else only one version does.
   * @param change - the file's change.
   * @returns true for modified, metadata-changed, same-content-new-version and same.
   */
  hasBothSides(change: EntryChange): boolean {
    return hasBothSides(change);
  }

  private readonly _tree: ISnapshotTree;
}
