/**
 * Listing entries (folders and objects) and their sorting and filtering: pure functions, fast on
 * folders of 100k+ entries.
 */

import { compareWithKeys, naturalKey } from './natural-order';

export { compareNames } from './natural-order';

/** A folder: a common prefix under the listed prefix. */
export interface FolderEntry {
  kind: 'folder';
  /** The folder's name, without its trailing delimiter. */
  name: string;
  /** The full prefix of the folder, ending with the delimiter (e.g. `data/2024/`). */
  prefix: string;
}

/** An object directly under the listed prefix. */
export interface ObjectEntry {
  kind: 'object';
  /** The object's name: its key after the listed folder (`c.txt` for `a/b/c.txt` in `a/b/`). */
  name: string;
  /** The object's full key. */
  key: string;
  /** Size in bytes. */
  size: number;
  /** When the current version was written. */
  lastModified: Date;
  /** The ETag, with its quotes removed. */
  etag?: string;
  /** The storage class (`STANDARD`, `GLACIER`, …). */
  storageClass?: string;
  /**
   * Its restore from an archive, when the listing was asked for it (`RestoreStatus`) and S3 has
   * one: in progress, or done with a readable copy until `expiry`.
   */
  restore?: ListedRestore;
}

/** An archived object's restore as a listing tells it. */
export interface ListedRestore {
  /** Whether S3 is still making the readable copy. */
  inProgress: boolean;
  /** When the readable copy expires (a restored copy only). */
  expiry?: Date;
}

/** A row of a listing. */
export type Entry = FolderEntry | ObjectEntry;

/** What to sort by. */
export type SortKey = 'name' | 'size' | 'modified';

/** Which way to sort. */
export type SortDirection = 'asc' | 'desc';

/** How to sort a listing. */
export interface SortOptions {
  /** The column. */
  by: SortKey;
  /** The direction. */
  direction: SortDirection;
}

/** An entry with its natural-order key, computed once per sort. */
interface Keyed<T> {
  entry: T;
  key: string | null;
  value: number;
}

/**
 * Order two keyed entries by name.
 * @param a - one.
 * @param b - another.
 * @returns negative, zero or positive.
 */
function byName<T extends Entry>(a: Keyed<T>, b: Keyed<T>): number {
  return compareWithKeys(a.entry.name, a.key, b.entry.name, b.key);
}

/**
 * Sort entries: folders always first (by name), then objects by the chosen column; ties are
 * broken by name. Names are in natural order (`file2` before `file10`, see natural-order.ts).
 * Returns a new array; the input is not changed.
 * @param entries - the entries.
 * @param options - the column and direction.
 * @returns the sorted entries.
 */
export function sortEntries<T extends Entry>(entries: readonly T[], options: SortOptions): T[] {
  const sign = options.direction === 'desc' ? -1 : 1;
  const folders: Keyed<T>[] = [];
  const objects: Keyed<T>[] = [];
  for (const entry of entries) {
    const keyed: Keyed<T> = { entry, key: naturalKey(entry.name), value: 0 };
    if (entry.kind === 'folder') {
      folders.push(keyed);
    } else {
      const value = options.by === 'size' ? entry.size : options.by === 'modified' ? entry.lastModified.getTime() : 0;
      keyed.value = Number.isFinite(value) ? value : 0;
      objects.push(keyed);
    }
  }
  // Folders follow the direction only when sorting by name; otherwise they stay A to Z.
  const folderSign = options.by === 'name' ? sign : 1;
  folders.sort((a, b) => folderSign * byName(a, b));
  if (options.by === 'name') {
    objects.sort((a, b) => sign * byName(a, b));
  } else {
    objects.sort((a, b) => (a.value !== b.value ? sign * (a.value - b.value) : byName(a, b)));
  }
  const sorted = new Array<T>(entries.length);
  let i = 0;
  for (const keyed of folders) {
    sorted[i++] = keyed.entry;
  }
  for (const keyed of objects) {
    sorted[i++] = keyed.entry;
  }
  return sorted;
}

/**
 * Keep the entries whose name contains `text`, ignoring case. An empty filter keeps everything.
 * @param entries - the entries.
 * @param text - the text to look for.
 * @returns a new array of the matching entries, in their original order.
 */
export function filterEntries<T extends Entry>(entries: readonly T[], text: string): T[] {
  if (!text) {
    return entries.slice();
  }
  const needle = text.toLowerCase();
  return entries.filter(entry => entry.name.toLowerCase().includes(needle));
}
