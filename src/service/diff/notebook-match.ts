/**
 * Matching the cells of two notebooks: by cell id when both notebooks have usable ids (so moved
 * cells are found), else by a longest common subsequence of cell contents, pairing the cells left
 * over between matches when they look like edits of each other.
 */
import { diffArrays } from 'diff';
import { ICellJson, joinMultiline } from './notebook-parse';

/** A cell of the comparison: on both sides (matched), only left (removed) or only right (added). */
export interface ICellPair {
  /** Index in the left notebook. */
  left?: number;
  /** Index in the right notebook. */
  right?: number;
  /** Matched by id, but its position relative to the other cells changed. */
  moved?: boolean;
}

/** Edits of each other at least this similar are paired as one modified cell. */
const SIMILAR = 0.5;

/**
 * The cells' ids, when every cell has one and they are unique.
 * @param cells - the cells.
 * @returns the ids, or null.
 */
function usableIds(cells: ICellJson[]): string[] | null {
  const ids = cells.map(c => c.id);
  if (ids.some(id => typeof id !== 'string' || id === '')) {
    return null;
  }
  return new Set(ids).size === ids.length ? (ids as string[]) : null;
}

/**
 * The positions of a longest increasing subsequence (O(n log n)).
 * @param values - the values.
 * @returns the set of positions in `values` that form one.
 */
export function longestIncreasing(values: number[]): Set<number> {
  const tails: number[] = []; // tails[k] = position of the smallest tail of a run of length k+1
  const previous: number[] = new Array(values.length).fill(-1);
  for (let i = 0; i < values.length; i++) {
    let lo = 0;
    let hi = tails.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (values[tails[mid]] < values[i]) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    previous[i] = lo > 0 ? tails[lo - 1] : -1;
    tails[lo] = i;
  }
  const result = new Set<number>();
  for (let i = tails.length ? tails[tails.length - 1] : -1; i >= 0; i = previous[i]) {
    result.add(i);
  }
  return result;
}

/**
 * Match cells by id. Cells keep the right notebook's order; a removed cell comes right after the
 * cell that preceded it on the left (the nearest one that was matched and not moved).
 * @param left - the older notebook's cells.
 * @param right - the newer notebook's cells.
 * @returns the pairs in display order, or null when ids cannot be used (missing, duplicated, or
 *   none in common, as when a tool regenerated them all).
 */
export function matchById(left: ICellJson[], right: ICellJson[]): ICellPair[] | null {
  const leftIds = usableIds(left);
  const rightIds = usableIds(right);
  if (!leftIds || !rightIds) {
    return null;
  }
  const rightIndex = new Map(rightIds.map((id, i) => [id, i]));
  const leftOf = new Array<number | undefined>(right.length).fill(undefined);
  leftIds.forEach((id, i) => {
    const j = rightIndex.get(id);
    if (j !== undefined) {
      leftOf[j] = i;
    }
  });
  const matchedRight = leftOf.map((l, j) => (l === undefined ? -1 : j)).filter(j => j >= 0);
  if (matchedRight.length === 0 && left.length > 0 && right.length > 0) {
    return null;
  }
  const inOrder = longestIncreasing(matchedRight.map(j => leftOf[j]!));
  const moved = new Set(matchedRight.filter((_, k) => !inOrder.has(k)));
  // Anchor each removed cell after the right position of its nearest stable left predecessor.
  const rightOfLeft = new Map<number, number>();
  leftOf.forEach((l, j) => {
    if (l !== undefined && !moved.has(j)) {
      rightOfLeft.set(l, j);
    }
  });
  const removedAfter = new Map<number, number[]>();
  let anchor = -1;
  for (let i = 0; i < left.length; i++) {
    if (rightOfLeft.has(i)) {
      anchor = rightOfLeft.get(i)!;
    } else if (!rightIndex.has(leftIds[i])) {
      removedAfter.set(anchor, [...(removedAfter.get(anchor) ?? []), i]);
    }
  }
  const pairs: ICellPair[] = (removedAfter.get(-1) ?? []).map(i => ({ left: i }));
  for (let j = 0; j < right.length; j++) {
    const l = leftOf[j];
    pairs.push(l === undefined ? { right: j } : moved.has(j) ? { left: l, right: j, moved: true } : { left: l, right: j });
    for (const i of removedAfter.get(j) ?? []) {
      pairs.push({ left: i });
    }
  }
  return pairs;
}

/**
 * How alike two texts are: the Dice coefficient of their character bigrams (1 = same).
 * @param a - a text.
 * @param b - another.
 * @returns a number from 0 to 1.
 */
export function similarity(a: string, b: string): number {
  if (a === b) {
    return 1;
  }
  const bigrams = (s: string) => {
    const counts = new Map<string, number>();
    const t = s.slice(0, 4000);
    for (let i = 0; i < t.length - 1; i++) {
      const g = t.slice(i, i + 2);
      counts.set(g, (counts.get(g) ?? 0) + 1);
    }
    return counts;
  };
  const x = bigrams(a);
  const y = bigrams(b);
  let total = 0;
  let common = 0;
  x.forEach(n => (total += n));
  y.forEach((n, g) => {
    total += n;
    common += Math.min(n, x.get(g) ?? 0);
  });
  return total === 0 ? 0 : (2 * common) / total;
}

/**
 * Pair the removed and added cells between two matches: position by position when there are as
 * many of each, else each removed cell with the next similar added cell of the same type.
 * @param left - the older cells.
 * @param right - the newer cells.
 * @param removed - left indexes of the block.
 * @param added - right indexes of the block.
 * @returns the block's pairs in display order.
 */
function pairBlock(left: ICellJson[], right: ICellJson[], removed: number[], added: number[]): ICellPair[] {
  const pairs: [number, number][] = [];
  const sameType = (i: number, j: number) => left[i].cell_type === right[j].cell_type;
  if (removed.length === added.length) {
    removed.forEach((i, k) => {
      if (sameType(i, added[k])) {
        pairs.push([k, k]);
      }
    });
  } else {
    let from = 0;
    removed.forEach((i, r) => {
      for (let a = from; a < added.length; a++) {
        const j = added[a];
        if (sameType(i, j) && similarity(joinMultiline(left[i].source), joinMultiline(right[j].source)) >= SIMILAR) {
          pairs.push([r, a]);
          from = a + 1;
          return;
        }
      }
    });
  }
  const out: ICellPair[] = [];
  let r = 0;
  let a = 0;
  for (const [pr, pa] of [...pairs, [removed.length, added.length] as [number, number]]) {
    for (; r < pr; r++) {
      out.push({ left: removed[r] });
    }
    for (; a < pa; a++) {
      out.push({ right: added[a] });
    }
    if (pr < removed.length) {
      out.push({ left: removed[pr], right: added[pa] });
      r = pr + 1;
      a = pa + 1;
    }
  }
  return out;
}

/**
 * Match cells by content: a longest common subsequence over (cell type, source), then edits
 * paired within the blocks between matches.
 * @param left - the older notebook's cells.
 * @param right - the newer notebook's cells.
 * @returns the pairs in display order.
 */
export function matchByContent(left: ICellJson[], right: ICellJson[]): ICellPair[] {
  // Intern each cell's content as a number: equal cells get equal numbers, compared in O(1).
  const ids = new Map<string, number>();
  const hash = (c: ICellJson) => {
    const key = `${c.cell_type}\u0000${joinMultiline(c.source)}`;
    let id = ids.get(key);
    if (id === undefined) {
      id = ids.size;
      ids.set(key, id);
    }
    return id;
  };
  const a = left.map(hash);
  const b = right.map(hash);
  const pairs: ICellPair[] = [];
  let i = 0;
  let j = 0;
  let removed: number[] = [];
  let added: number[] = [];
  const flush = () => {
    pairs.push(...pairBlock(left, right, removed, added));
    removed = [];
    added = [];
  };
  for (const change of diffArrays(a, b)) {
    if (change.removed) {
      for (let k = 0; k < change.count; k++) {
        removed.push(i++);
      }
    } else if (change.added) {
      for (let k = 0; k < change.count; k++) {
        added.push(j++);
      }
    } else {
      flush();
      for (let k = 0; k < change.count; k++) {
        pairs.push({ left: i++, right: j++ });
      }
    }
  }
  flush();
  return pairs;
}
