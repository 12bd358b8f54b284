/**
 * The diff of two lists of manifest entries (two snapshots, or a snapshot and the live folder):
 * which files were added, deleted, modified (content hash), changed only in metadata, or written
 * again with the same content and metadata; with per-folder counts of each status, like lakeFS's
 * change summary. Pure: sort both sides by logical key, then one merge pass (100,000 entries a
 * side in well under a second). ETags are never compared: they depend on how an object was
 * uploaded, not on its bytes.
 */
import { samePhysicalKey } from './as-of-physical';
import { effectiveEntryMeta } from './top-hash';
import type { EntryChange, EntryStatus, ManifestEntry, SnapshotDiff, StatusCounts } from './types';

/** Options of {@link diffEntries}. */
export interface DiffEntriesOptions {
  /** Also list the unchanged files (status `same`) in `changes` (they are always counted). */
  includeSame?: boolean;
}

/** Every status, in the order they are shown. */
export const ENTRY_STATUSES: readonly EntryStatus[] = [
  'added',
  'deleted',
  'modified',
  'metadata-changed',
  'same-content-new-version',
  'same'
];

/**
 * A {@link StatusCounts} with every count at zero.
 * @returns new counts.
 */
export function emptyCounts(): StatusCounts {
  return { added: 0, deleted: 0, modified: 0, 'metadata-changed': 0, 'same-content-new-version': 0, same: 0 };
}

/**
 * The number of changed files in some counts (every status but `same`).
 * @param counts - the counts.
 * @returns their sum without `same`.
 */
export function changedCount(counts: StatusCounts): number {
  return counts.added + counts.deleted + counts.modified + counts['metadata-changed'] + counts['same-content-new-version'];
}

/**
 * The text of a JSON number in a canonical form, so that numbers Python and JSON consider equal
 * compare equal (`1`, `1.0`, `1e0`), without losing big integers.
 * @param text - a JSON number token (or `String(number)`).
 * @returns the canonical text.
 */
function canonicalNumber(text: string): string {
  if (/^-?\d+$/.test(text)) {
    return BigInt(text).toString();
  }
  const n = Number(text);
  if (!Number.isFinite(n)) {
    return text;
  }
  if (Number.isInteger(n)) {
    return Number.isSafeInteger(n) ? String(n === 0 ? 0 : n) : BigInt(n).toString();
  }
  return String(n);
}

/**
 * Whether a value is a number kept as its JSON text by a lossless parse (lossless-json's
 * `LosslessNumber`, or any `{isLosslessNumber: true, value: "…"}`).
 * @param value - a value from parsed JSON.
 * @returns true for such a number.
 */
function isLosslessNumber(value: object): value is { value: string } {
  const v = value as { isLosslessNumber?: unknown; value?: unknown };
  return v.isLosslessNumber === true && typeof v.value === 'string';
}

/**
 * Canonical JSON of a value: object keys sorted (recursively), numbers canonical (also when kept
 * as text by a lossless parse), `undefined` members left out. Two metadata values are equal
 * when their canonical JSON is.
 * @param value - parsed JSON (plain, or from a lossless parse).
 * @returns the canonical text.
 */
export function comparableJson(value: unknown): string {
  if (value === null || value === undefined) {
    return 'null';
  }
  switch (typeof value) {
    case 'string':
      return JSON.stringify(value);
    case 'number':
      return canonicalNumber(String(value));
    case 'bigint':
      return value.toString();
    case 'boolean':
      return value ? 'true' : 'false';
    case 'object':
      break;
    default:
      return 'null';
  }
  if (Array.isArray(value)) {
    return `[${value.map(item => comparableJson(item)).join(',')}]`;
  }
  if (isLosslessNumber(value)) {
    return canonicalNumber(value.value);
  }
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record)
    .filter(k => record[k] !== undefined)
    .sort();
  return `{${keys.map(k => `${JSON.stringify(k)}:${comparableJson(record[k])}`).join(',')}}`;
}

/**
 * The comparable JSON of an entry's metadata; a missing `meta` and anything Python finds false
 * (`null`, `{}`, `[]`, `""`, `0`) count as `{}`, as in the top hash (quilt3's `meta or {}`).
 * @param entry - the entry.
 * @returns the canonical text.
 */
export function canonicalMeta(entry: ManifestEntry): string {
  return entry.meta === undefined ? '{}' : comparableJson(effectiveEntryMeta(entry.meta));
}

/**
 * Whether two JSON values are the same as they stand: the same strings, booleans, numbers (`===`)
 * and lossless number tokens, the same members (by key, in any order) and items. Same values have
 * the same {@link comparableJson}, so equal metadata is found without building its text; false
 * says nothing (`1` and `1.0` are equal as canonical JSON), and the caller compares the texts.
 * @param a - a value.
 * @param b - another.
 * @returns true when they are certainly equal.
 */
function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) {
    return true;
  }
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') {
    return false;
  }
  const arrays = Array.isArray(a);
  if (arrays !== Array.isArray(b)) {
    return false;
  }
  if (arrays) {
    const x = a as unknown[];
    const y = b as unknown[];
    return x.length === y.length && x.every((item, i) => sameJson(item, y[i]));
  }
  const numbers = isLosslessNumber(a);
  if (numbers !== isLosslessNumber(b)) {
    return false;
  }
  if (numbers) {
    return (a as { value: string }).value === (b as { value: string }).value;
  }
  const x = a as Record<string, unknown>;
  const y = b as Record<string, unknown>;
  const keys = Object.keys(x);
  if (keys.length !== Object.keys(y).length) {
    return false;
  }
  return keys.every(k => Object.prototype.hasOwnProperty.call(y, k) && sameJson(x[k], y[k]));
}

/**
 * Whether two entries' metadata are equal as canonical JSON (see {@link canonicalMeta}).
 * @param left - an entry.
 * @param right - another.
 * @returns true when equal.
 */
function sameMeta(left: ManifestEntry, right: ManifestEntry): boolean {
  const a = left.meta === undefined ? {} : effectiveEntryMeta(left.meta);
  const b = right.meta === undefined ? {} : effectiveEntryMeta(right.meta);
  return sameJson(a, b) || canonicalMeta(left) === canonicalMeta(right);
}

/**
 * How one file changed between two sides.
 * @param left - the file on the left (older) side.
 * @param right - the same logical key on the right (newer) side.
 * @returns the status (never `added` or `deleted`).
 */
export function compareEntries(left: ManifestEntry, right: ManifestEntry): EntryStatus {
  if (left.hash?.type !== right.hash?.type || left.hash?.value !== right.hash?.value || left.size !== right.size) {
    return 'modified';
  }
  if (!sameMeta(left, right)) {
    return 'metadata-changed';
  }
  return samePhysicalKey(left.physical_keys?.[0], right.physical_keys?.[0]) ? 'same' : 'same-content-new-version';
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
 * differs), `metadata-changed` (same content, entry `meta` differs as canonical JSON),
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
      record({ logicalKey: l[i].logical_key, status: compareEntries(l[i], r[j]), left: l[i], right: r[j] });
      i += 1;
      j += 1;
    }
  }
  return { changes, folders: counter.folders };
}
