import type { EntryChange, EntryStatus, ManifestEntry, StatusCounts } from './types';
import {
  allFolderPaths,
  buildSnapshotTree,
  flattenSnapshotTree,
  folderCounts,
  folderOf,
  lastSegment,
  summaryCounts,
  zeroCounts
} from './tree';

function entry(key: string): ManifestEntry {
  return {
    logical_key: key,
    physical_keys: [`s3://b/${key}?versionId=v1`],
    size: 1,
    hash: { type: 'sha2-256-chunked', value: 'x' }
  };
}

function change(logicalKey: string, status: EntryStatus): EntryChange {
  return {
    logicalKey,
    status,
    left: status === 'added' ? undefined : entry(logicalKey),
    right: status === 'deleted' ? undefined : entry(logicalKey)
  };
}

const ALL = new Set<EntryStatus>(['added', 'deleted', 'modified', 'metadata-changed', 'same-content-new-version', 'same']);
const CHANGED = new Set<EntryStatus>(['added', 'deleted', 'modified', 'metadata-changed', 'same-content-new-version']);

const changes: EntryChange[] = [
  change('a.txt', 'modified'),
  change('a/b.txt', 'added'),
  change('a/b/c.csv', 'deleted'),
  change('a/b/d.csv', 'same'),
  change('a/z.json', 'metadata-changed'),
  change('top.md', 'same-content-new-version')
];

const counts = (partial: Partial<StatusCounts>): StatusCounts => ({ ...zeroCounts(), ...partial });

describe('folderOf / lastSegment', () => {
  it('splits logical keys and folder prefixes', () => {
    expect(folderOf('a/b/c.txt')).toBe('a/b/');
    expect(folderOf('c.txt')).toBe('');
    expect(lastSegment('a/b/')).toBe('b');
    expect(lastSegment('a/b.txt')).toBe('b.txt');
    expect(lastSegment('x')).toBe('x');
  });
});

describe('buildSnapshotTree', () => {
  const tree = buildSnapshotTree(changes);

  it('makes a folder node per prefix with its files and sub-folders', () => {
    expect([...tree.byPath.keys()].sort()).toEqual(['', 'a/', 'a/b/']);
    expect(tree.root.folders.map(f => f.name)).toEqual(['a']);
    expect(tree.root.files.map(f => f.logicalKey)).toEqual(['a.txt', 'top.md']);
    const a = tree.byPath.get('a/')!;
    expect(a.depth).toBe(0);
    expect(a.files.map(f => f.logicalKey)).toEqual(['a/b.txt', 'a/z.json']);
    expect(a.folders.map(f => f.path)).toEqual(['a/b/']);
    expect(tree.byPath.get('a/b/')!.depth).toBe(1);
    expect(tree.fileCount).toBe(6);
  });

  it('counts every listed file under each of its folders, recursively', () => {
    expect(tree.root.listed).toEqual(
      counts({ added: 1, deleted: 1, modified: 1, 'metadata-changed': 1, 'same-content-new-version': 1, same: 1 })
    );
    expect(tree.byPath.get('a/')!.listed).toEqual(counts({ added: 1, deleted: 1, 'metadata-changed': 1, same: 1 }));
    expect(tree.byPath.get('a/b/')!.listed).toEqual(counts({ deleted: 1, same: 1 }));
  });

  it('sorts unsorted input and keeps folders whose names sort around files (a/b/ vs a/b.txt)', () => {
    const shuffled = buildSnapshotTree([changes[4], changes[2], changes[0], changes[1], changes[5], changes[3]]);
    expect(shuffled.byPath.get('a/')!.files.map(f => f.logicalKey)).toEqual(['a/b.txt', 'a/z.json']);
    expect(shuffled.byPath.get('a/b/')!.files.map(f => f.logicalKey)).toEqual(['a/b/c.csv', 'a/b/d.csv']);
  });

  it('handles empty segments, leading slashes and unicode without losing files', () => {
    const odd = buildSnapshotTree([change('/lead.txt', 'added'), change('x//y.txt', 'added'), change('ünï/😀.txt', 'added')]);
    expect([...odd.byPath.keys()].sort()).toEqual(['', '/', 'x/', 'x//', 'ünï/']);
    const rows = flattenSnapshotTree(odd, { statuses: ALL });
    expect(
      rows
        .filter(r => r.kind === 'file')
        .map(r => r.path)
        .sort()
    ).toEqual(['/lead.txt', 'x//y.txt', 'ünï/😀.txt'].sort());
    expect(rows.find(r => r.path === 'x//')!.depth).toBe(1);
  });

  it('builds and flattens 100,000 files (one pass each)', () => {
    const many: EntryChange[] = [];
    for (let i = 0; i < 100_000; i++) {
      many.push(change(`d${String(i % 100).padStart(3, '0')}/sub/f${String(i).padStart(6, '0')}.bin`, i % 7 ? 'same' : 'modified'));
    }
    many.sort((x, y) => (x.logicalKey < y.logicalKey ? -1 : 1));
    const big = buildSnapshotTree(many);
    const rows = flattenSnapshotTree(big, { statuses: CHANGED });
    expect(rows.filter(r => r.kind === 'file')).toHaveLength(many.filter(c => c.status === 'modified').length);
    expect(rows.filter(r => r.kind === 'folder')).toHaveLength(200);
  });
});

describe('flattenSnapshotTree', () => {
  const tree = buildSnapshotTree(changes);
  const paths = (rows: { path: string }[]) => rows.map(r => r.path);

  it('lists folders before files, depth first, hiding unchanged files unless asked', () => {
    expect(paths(flattenSnapshotTree(tree, { statuses: CHANGED }))).toEqual([
      'a/',
      'a/b/',
      'a/b/c.csv',
      'a/b.txt',
      'a/z.json',
      'a.txt',
      'top.md'
    ]);
    expect(paths(flattenSnapshotTree(tree, { statuses: ALL }))).toContain('a/b/d.csv');
  });

  it('gives depths and statuses to rows', () => {
    const rows = flattenSnapshotTree(tree, { statuses: CHANGED });
    const c = rows.find(r => r.path === 'a/b/c.csv')!;
    expect(c).toMatchObject({ kind: 'file', name: 'c.csv', depth: 2, status: 'deleted' });
    expect(rows.find(r => r.path === 'a/b/')).toMatchObject({ kind: 'folder', name: 'b', depth: 1, collapsed: false });
    expect(rows.find(r => r.path === 'top.md')).toMatchObject({ depth: 0, status: 'same-content-new-version' });
  });

  it('filters by status and drops folders with nothing shown', () => {
    expect(paths(flattenSnapshotTree(tree, { statuses: new Set<EntryStatus>(['deleted']) }))).toEqual(['a/', 'a/b/', 'a/b/c.csv']);
    expect(paths(flattenSnapshotTree(tree, { statuses: new Set<EntryStatus>(['modified']) }))).toEqual(['a.txt']);
    expect(flattenSnapshotTree(tree, { statuses: new Set<EntryStatus>() })).toEqual([]);
  });

  it('hides the contents of collapsed folders but keeps the folder row', () => {
    const rows = flattenSnapshotTree(tree, { statuses: CHANGED, collapsed: new Set(['a/']) });
    expect(paths(rows)).toEqual(['a/', 'a.txt', 'top.md']);
    expect(rows[0].collapsed).toBe(true);
    const inner = flattenSnapshotTree(tree, { statuses: CHANGED, collapsed: new Set(['a/b/']) });
    expect(paths(inner)).toEqual(['a/', 'a/b/', 'a/b.txt', 'a/z.json', 'a.txt', 'top.md']);
  });

  it('filters by a case-insensitive path query, keeping the folders of matches', () => {
    expect(paths(flattenSnapshotTree(tree, { statuses: CHANGED, query: 'C.CSV' }))).toEqual(['a/', 'a/b/', 'a/b/c.csv']);
    expect(paths(flattenSnapshotTree(tree, { statuses: CHANGED, query: 'd.csv' }))).toEqual([]);
    expect(paths(flattenSnapshotTree(tree, { statuses: ALL, query: 'd.csv' }))).toEqual(['a/', 'a/b/', 'a/b/d.csv']);
  });

  it('collapse-all paths are every folder but the root', () => {
    expect([...allFolderPaths(tree)].sort()).toEqual(['a/', 'a/b/']);
  });
});

describe('folderCounts / summaryCounts', () => {
  const tree = buildSnapshotTree(changes.filter(c => c.status !== 'same'));

  it('prefers the diff per-folder counts (which count unlisted same files)', () => {
    const fromDiff = counts({ deleted: 1, same: 40 });
    const diff = { folders: new Map([['a/b/', fromDiff]]), changes };
    expect(folderCounts(diff, tree.byPath.get('a/b/')!)).toBe(fromDiff);
    expect(folderCounts(diff, tree.byPath.get('a/')!)).toEqual(counts({ added: 1, deleted: 1, 'metadata-changed': 1 }));
  });

  it('summarises the root folder, or counts the changes when the diff has no root counts', () => {
    const root = counts({ added: 3, same: 9 });
    expect(summaryCounts({ folders: new Map([['', root]]), changes })).toBe(root);
    expect(summaryCounts({ folders: new Map(), changes })).toEqual(
      counts({ added: 1, deleted: 1, modified: 1, 'metadata-changed': 1, 'same-content-new-version': 1, same: 1 })
    );
  });
});
