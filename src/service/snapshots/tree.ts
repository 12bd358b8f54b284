/**
 * The tree of a snapshot diff, for the diff tab: folders and files built from the flat list of
 * changes of a {@link SnapshotDiff}, then flattened into the rows on screen for a status filter,
 * a path filter and the folders the user collapsed. Pure (no DOM, no S3): a diff of 100,000
 * files builds in one pass and flattens in another, so the view stays virtualized.
 */
import { emptyCounts, ENTRY_STATUSES as SNAPSHOT_STATUSES } from './statuses';
import type { EntryChange, EntryStatus, SnapshotDiff, StatusCounts } from './types';

/** Every status, in the order the tab shows them (the engine's one list). */
export { SNAPSHOT_STATUSES };

/** The statuses that mean a file changed (all but `same`). */
export const CHANGED_STATUSES: readonly EntryStatus[] = SNAPSHOT_STATUSES.filter(s => s !== 'same');

/** Counts with every status at zero (the engine's). */
export const zeroCounts = emptyCounts;

/** One folder of the tree. */
export interface ISnapshotFolderNode {
  /** `''` for the root, else the folder's logical prefix ending in `/` (`a/b/`). */
  path: string;
  /** The last segment (`b` for `a/b/`); `''` for the root. */
  name: string;
  /** 0 for the top-level folders and files, -1 for the root. */
  depth: number;
  /** Sub-folders, sorted by name. */
  folders: ISnapshotFolderNode[];
  /** Files directly in this folder, sorted by name. */
  files: EntryChange[];
  /** How many files of each status are listed under this folder, at any depth. */
  listed: StatusCounts;
}

/** A diff as a tree. */
export interface ISnapshotTree {
  root: ISnapshotFolderNode;
  /** Every folder by path (`''` is the root). */
  byPath: Map<string, ISnapshotFolderNode>;
  /** Files in the tree. */
  fileCount: number;
}

/** One row of the flattened tree. */
export interface ISnapshotTreeRow {
  kind: 'folder' | 'file';
  /** The folder's prefix (ending in `/`) or the file's logical key. */
  path: string;
  /** The last segment. */
  name: string;
  /** Indentation level, from 0. */
  depth: number;
  /** A file's status. */
  status?: EntryStatus;
  /** A file's change. */
  change?: EntryChange;
  /** A folder's node. */
  folder?: ISnapshotFolderNode;
  /** Whether a folder is collapsed. */
  collapsed?: boolean;
}

/** What {@link flattenSnapshotTree} shows. */
export interface ISnapshotTreeFilter {
  /** Statuses shown (include `same` to show unchanged files). */
  statuses: ReadonlySet<EntryStatus>;
  /** Folder paths (`a/`, `a/b/`) whose contents are hidden. */
  collapsed?: ReadonlySet<string>;
  /** Only files whose logical key contains this text (case-insensitive); empty for all. */
  query?: string;
}

/** Compare by UTF-16 code units (locale-free, stable, the order of S3 listings). */
function byName(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The folder prefix of a logical key: `a/b/c.txt` → `a/b/`; `c.txt` → `''`. */
export function folderOf(logicalKey: string): string {
  return logicalKey.slice(0, logicalKey.lastIndexOf('/') + 1);
}

/** The last segment of a logical key or folder prefix: `a/b/` → `b`, `a/b.txt` → `b.txt`. */
export function lastSegment(path: string): string {
  const trimmed = path.endsWith('/') ? path.slice(0, -1) : path;
  return trimmed.slice(trimmed.lastIndexOf('/') + 1);
}

/**
 * Build the tree of a diff's changes.
 * @param changes - the changes (any order; usually sorted by logical key).
 * @returns the tree, every folder's children sorted by name.
 */
export function buildSnapshotTree(changes: readonly EntryChange[]): ISnapshotTree {
  const root: ISnapshotFolderNode = { path: '', name: '', depth: -1, folders: [], files: [], listed: zeroCounts() };
  const byPath = new Map<string, ISnapshotFolderNode>([['', root]]);
  /** The folder and its ancestors, innermost last (neighbours usually share their folder). */
  let lastFolder: string | null = null;
  let chain: ISnapshotFolderNode[] = [root];

  const folderNode = (path: string): ISnapshotFolderNode => {
    let node = byPath.get(path);
    if (!node) {
      const parent = folderNode(folderOf(path.slice(0, -1)));
      node = { path, name: lastSegment(path), depth: parent.depth + 1, folders: [], files: [], listed: zeroCounts() };
      parent.folders.push(node);
      byPath.set(path, node);
    }
    return node;
  };

  for (const change of changes) {
    const folder = folderOf(change.logicalKey);
    if (folder !== lastFolder) {
      lastFolder = folder;
      const node = folderNode(folder);
      chain = [];
      for (let n: ISnapshotFolderNode | undefined = node; n; n = n.path ? byPath.get(folderOf(n.path.slice(0, -1))) : undefined) {
        chain.push(n);
      }
    }
    chain[0].files.push(change);
    for (const n of chain) {
      n.listed[change.status] += 1;
    }
  }
  for (const node of byPath.values()) {
    node.folders.sort((a, b) => byName(a.name, b.name));
    if (!isSortedFiles(node.files)) {
      node.files.sort((a, b) => byName(a.logicalKey, b.logicalKey));
    }
  }
  return { root, byPath, fileCount: changes.length };
}

function isSortedFiles(files: EntryChange[]): boolean {
  for (let i = 1; i < files.length; i++) {
    if (files[i - 1].logicalKey > files[i].logicalKey) {
      return false;
    }
  }
  return true;
}

/**
 * The rows on screen: folders (with a row each) and files that pass the filter, depth first,
 * folders before files. A folder shows when at least one file under it passes; the contents of a
 * collapsed folder are left out.
 * @param tree - the tree.
 * @param filter - statuses, collapsed folders and the path query.
 * @returns the rows.
 */
export function flattenSnapshotTree(tree: ISnapshotTree, filter: ISnapshotTreeFilter): ISnapshotTreeRow[] {
  const { statuses } = filter;
  const collapsed = filter.collapsed ?? new Set<string>();
  const query = (filter.query ?? '').trim().toLowerCase();
  const fileShown = (change: EntryChange) => statuses.has(change.status) && (!query || change.logicalKey.toLowerCase().includes(query));

  // Which folders hold at least one file that is shown.
  let folderShown: (node: ISnapshotFolderNode) => boolean;
  if (!query) {
    folderShown = node => {
      for (const status of statuses) {
        if (node.listed[status] > 0) {
          return true;
        }
      }
      return false;
    };
  } else {
    const shown = new Set<string>();
    for (const node of tree.byPath.values()) {
      if (!shown.has(node.path) && node.files.some(fileShown)) {
        for (let path = node.path; !shown.has(path); path = folderOf(path.slice(0, -1))) {
          shown.add(path);
          if (path === '') {
            break;
          }
        }
      }
    }
    folderShown = node => shown.has(node.path);
  }

  const rows: ISnapshotTreeRow[] = [];
  // Iterative depth-first walk (keys can be 1,024 bytes deep in folders).
  type Frame = { node: ISnapshotFolderNode; next: number };
  const stack: Frame[] = [{ node: tree.root, next: 0 }];
  const emitFiles = (node: ISnapshotFolderNode) => {
    for (const change of node.files) {
      if (fileShown(change)) {
        rows.push({
          kind: 'file',
          path: change.logicalKey,
          name: lastSegment(change.logicalKey),
          depth: node.depth + 1,
          status: change.status,
          change
        });
      }
    }
  };
  while (stack.length) {
    const frame = stack[stack.length - 1];
    const { node } = frame;
    if (frame.next < node.folders.length) {
      const child = node.folders[frame.next++];
      if (!folderShown(child)) {
        continue;
      }
      const isCollapsed = collapsed.has(child.path);
      rows.push({ kind: 'folder', path: child.path, name: child.name, depth: child.depth, folder: child, collapsed: isCollapsed });
      if (!isCollapsed) {
        stack.push({ node: child, next: 0 });
      }
      continue;
    }
    emitFiles(node);
    stack.pop();
  }
  return rows;
}

/**
 * The counts to show on a folder: the diff's own (every file, `same` included) when it has them,
 * else what the tree lists.
 * @param diff - the diff.
 * @param node - the folder.
 * @returns the counts.
 */
export function folderCounts(diff: Pick<SnapshotDiff, 'folders'>, node: ISnapshotFolderNode): StatusCounts {
  return diff.folders.get(node.path) ?? node.listed;
}

/**
 * The counts of a whole diff (its root folder), with zeros for an empty diff.
 * @param diff - the diff.
 * @returns the counts.
 */
export function summaryCounts(diff: Pick<SnapshotDiff, 'folders' | 'changes'>): StatusCounts {
  const root = diff.folders.get('');
  if (root) {
    return root;
  }
  const counts = zeroCounts();
  for (const change of diff.changes) {
    counts[change.status] += 1;
  }
  return counts;
}

/**
 * Every folder path of the tree that has sub-rows (for "collapse all").
 * @param tree - the tree.
 * @returns the folder paths but the root.
 */
export function allFolderPaths(tree: ISnapshotTree): Set<string> {
  const paths = new Set(tree.byPath.keys());
  paths.delete('');
  return paths;
}

/**
 * Whether a file's change can be opened as a content diff (both sides exist).
 * @param change - the change.
 * @returns true for modified, metadata-changed, same-content-new-version and same.
 */
export function hasBothSides(change: EntryChange): boolean {
  return Boolean(change.left && change.right);
}
