/**
 * The pure part of paging a table by row groups: which row groups a run of rows needs, and a
 * cache of decoded row groups bounded by count and by bytes that never drops a group the grid
 * is showing (see paged-grid-model.ts).
 */

/** Where a row group's rows are. */
export interface GroupSpan {
  /** Index of its first row. */
  start: number;
  /** Its row count. */
  rows: number;
}

/**
 * The row group holding a row.
 * @param groups - the row groups, in row order.
 * @param row - the row.
 * @returns the group's index, or -1 for a row outside every group.
 */
export function groupOfRow(groups: readonly GroupSpan[], row: number): number {
  let low = 0;
  let high = groups.length - 1;
  while (low <= high) {
    const mid = (low + high) >> 1;
    const group = groups[mid];
    if (row < group.start) {
      high = mid - 1;
    } else if (row >= group.start + group.rows) {
      low = mid + 1;
    } else {
      return mid;
    }
  }
  return -1;
}

/**
 * The row groups a run of rows (a viewport) needs.
 * @param groups - the row groups, in row order.
 * @param first - the first row shown.
 * @param last - the last row shown (inclusive).
 * @returns the groups' indexes, in order; empty groups are skipped.
 */
export function groupsForRows(groups: readonly GroupSpan[], first: number, last: number): number[] {
  const wanted: number[] = [];
  if (last < first) {
    return wanted;
  }
  let index = groupOfRow(groups, Math.max(0, first));
  if (index < 0) {
    return wanted;
  }
  for (; index < groups.length && groups[index].start <= last; index++) {
    if (groups[index].rows > 0) {
      wanted.push(index);
    }
  }
  return wanted;
}

/** The bounds of a {@link GroupCache}. */
export interface GroupCacheBounds {
  /** The most row groups kept. */
  maxGroups: number;
  /** The most bytes (as estimated by the caller) kept. */
  maxBytes: number;
}

/**
 * Decoded row groups, least recently used dropped first, within a count and a byte bound.
 * Groups used in the current or the last frame (a frame = one paint of the grid: the caller ends
 * it with {@link GroupCache.endFrame}) are never dropped, so a viewport spanning groups larger
 * than the bound cannot make them evict each other forever; the bound holds again once the grid
 * moves on.
 */
export class GroupCache<T> {
  /**
   * @param bounds - how much to keep.
   */
  constructor(readonly bounds: GroupCacheBounds) {}

  /** The groups held, least recently used first. */
  get held(): number[] {
    return [...this._entries.keys()];
  }

  /** The bytes held. */
  get bytes(): number {
    return this._bytes;
  }

  /**
   * A group's value, marking it used (most recent, and in use in this frame).
   * @param group - the group.
   * @returns its value, or undefined when not held.
   */
  get(group: number): T | undefined {
    this._used.add(group);
    const entry = this._entries.get(group);
    if (!entry) {
      return undefined;
    }
    this._entries.delete(group);
    this._entries.set(group, entry);
    return entry.value;
  }

  /**
   * Hold a group (as the most recently used), then trim.
   * @param group - the group.
   * @param value - its decoded value.
   * @param bytes - what it costs.
   * @returns the groups dropped.
   */
  set(group: number, value: T, bytes: number): number[] {
    const old = this._entries.get(group);
    if (old) {
      this._bytes -= old.bytes;
      this._entries.delete(group);
    }
    this._entries.set(group, { value, bytes });
    this._bytes += bytes;
    this._used.add(group);
    return this.trim();
  }

  /**
   * Whether a group was used in this frame or the last (is on screen).
   * @param group - the group.
   * @returns true when in use.
   */
  inUse(group: number): boolean {
    return this._used.has(group) || this._lastUsed.has(group);
  }

  /** End a frame: what it used stays protected through the next one. */
  endFrame(): void {
    this._lastUsed = this._used;
    this._used = new Set();
  }

  /**
   * Drop least recently used groups beyond the bounds, except those used in this frame or the last.
   * @returns the groups dropped.
   */
  trim(): number[] {
    const dropped: number[] = [];
    const { maxGroups, maxBytes } = this.bounds;
    for (const [group, entry] of this._entries) {
      if (this._entries.size <= Math.max(1, maxGroups) && this._bytes <= maxBytes) {
        break;
      }
      if (this._used.has(group) || this._lastUsed.has(group)) {
        continue;
      }
      this._entries.delete(group);
      this._bytes -= entry.bytes;
      dropped.push(group);
    }
    return dropped;
  }

  /** Drop everything. */
  clear(): void {
    this._entries.clear();
    this._used.clear();
    this._lastUsed.clear();
    this._bytes = 0;
  }

  private readonly _entries = new Map<number, { value: T; bytes: number }>();
  private _used = new Set<number>();
  private _lastUsed = new Set<number>();
  private _bytes = 0;
}
