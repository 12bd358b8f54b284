/**
 * The manifest diff: two lists of manifest entries (two snapshots, or a snapshot and the live
 * folder) compared by logical key (not a content diff: those are in service/diff/):
 * which files were added, deleted, modified (content hash), changed only in metadata, or written
 * again with the same content and metadata; with per-folder counts of each status, like lakeFS's
 * change summary. Pure: sort both sides by logical key, then one merge pass (100,000 entries a
 * side in well under a second). ETags are never compared: they depend on how an object was
 * uploaded, not on its bytes.
 */
import { compareEntriesNoted } from './entry-compare';
import { emptyCounts } from './statuses';
import type { EntryChange, EntryStatus, ManifestEntry, SnapshotDiff, StatusCounts } from './types';

export { canonicalMeta, chunkedFromSha256, comparableJson, compareContent, compareEntries, compareEntriesNoted } from './entry-compare';
export { changedCount, emptyCounts, ENTRY_STATUSES } from './statuses';

/** Options of {@link diffEntries}. */
export interface DiffEntriesOptions {
  /** Also list the unchanged files (status `same`) in `changes` (they are always counted). */
  includeSame?: boolean;
  /**
   * For files whose hashes cannot be compared as they stand (see `compareContent` in entry-compare.ts):
   * whether their contents are the same, found by reading one side (`live.ts`'s
   * `resolveContentHashes`), by logical key. Files left out are counted `modified`, with a note.
   */
  knownContent?: ReadonlyMap<string, boolean>;
}

/**
 * Compare logical keys by UTF-16 code units (the order of `<`; stable, locale-free).
 * @param a - a key.
 * @param b - another.
 * @returns negative, zero or positive.
 */
function compareKeys(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * The entries sorted by logical key (a copy; the input is not changed). Already-sorted input is
 * detected and not sorted again.
 * @param entries - the entries.
 * @returns the sorted entries.
 */
function sortedByKey(entries: readonly ManifestEntry[]): ManifestEntry[] {
  let sorted = true;
  for (let i = 1; i < entries.length && sorted; i++) {
    sorted = entries[i - 1].logical_key <= entries[i].logical_key;
  }
  const copy = entries.slice();
  return sorted ? copy : copy.sort((a, b) => compareKeys(a.logical_key, b.logical_key));
}

/**
 * Every folder a logical key is in, outermost first: `a/b/c.txt` → `''`, `a/`, `a/b/`.
 * @param logicalKey - a file's logical key.
 * @returns the folder prefixes (each ends in `/`, but the root `''`).
 */
export function ancestorFolders(logicalKey: string): string[] {
  const folders = [''];
  for (let slash = logicalKey.indexOf('/'); slash >= 0; slash = logicalKey.indexOf('/', slash + 1)) {
    folders.push(logicalKey.slice(0, slash + 1));
  }
  return folders;
}

/** Counts every change into the counts of all its folders. */
class FolderCounter {
  readonly folders = new Map<string, StatusCounts>();
  private lastFolder: string | undefined;
  private lastCounts: StatusCounts[] = [];

  /**
   * Count one file under every folder that contains it.
   * @param logicalKey - the file.
   * @param status - its status.
   */
  add(logicalKey: string, status: EntryStatus): void {
    const folder = logicalKey.slice(0, logicalKey.lastIndexOf('/') + 1);
    if (folder !== this.lastFolder) {
      // Files come sorted, so neighbours usually share their folder: look it up once.
      this.lastFolder = folder;
      this.lastCounts = ancestorFolders(folder).map(prefix => {
        let counts = this.folders.get(prefix);
        if (!counts) {
          counts = emptyCounts();
          this.folders.set(prefix, counts);
        }
        return counts;
      });
    }
    for (const counts of this.lastCounts) {
      counts[status] += 1;
    }
  }
}

/**
 * Diff two lists of entries by logical key. Statuses, from left (older) to right (newer):
 * `added` (only on the right), `deleted` (only on the left), `modified` (content hash or size
 * differs; hashes of different types are converted where possible, see `compareContent` in entry-compare.ts,
 * else counted `modified` with a `note` unless `knownContent` says), `metadata-changed` (same content, entry `meta` differs as canonical JSON),
 * `same-content-new-version` (same content and metadata, another physical key or version id),
 * `same`. Runs in O(n log n): both sides are sorted, then merged.
 * @param left - the older side's entries.
 * @param right - the newer side's entries.
 * @param options - `includeSame` to list unchanged files too.
 * @returns the changes sorted by logical key, and per-folder counts (`''` is everything; a folder
 *   `a/b/` counts the files under it at any depth; `same` files are always counted).
 */
export function diffEntries(
  left: readonly ManifestEntry[],
  right: readonly ManifestEntry[],
  options: DiffEntriesOptions = {}
): SnapshotDiff {
  const l = sortedByKey(left);
  const r = sortedByKey(right);
  const changes: EntryChange[] = [];
  const counter = new FolderCounter();
  counter.folders.set('', emptyCounts());
  const record = (change: EntryChange) => {
    counter.add(change.logicalKey, change.status);
    if (change.status !== 'same' || options.includeSame) {
      changes.push(change);
    }
  };
  let i = 0;
  let j = 0;
  while (i < l.length || j < r.length) {
    const order = i >= l.length ? 1 : j >= r.length ? -1 : compareKeys(l[i].logical_key, r[j].logical_key);
    if (order < 0) {
      record({ logicalKey: l[i].logical_key, status: 'deleted', left: l[i] });
      i += 1;
    } else if (order > 0) {
      record({ logicalKey: r[j].logical_key, status: 'added', right: r[j] });
      j += 1;
    } else {
      const { status, note } = compareEntriesNoted(l[i], r[j], options.knownContent?.get(l[i].logical_key));
      const change: EntryChange = { logicalKey: l[i].logical_key, status, left: l[i], right: r[j] };
      if (note !== undefined) {
        change.note = note;
      }
      record(change);
      i += 1;
      j += 1;
    }
  }
  return { changes, folders: counter.folders };
}
