/**
 * Natural name order, as `a.localeCompare(b, 'en', {numeric: true})` defines it
 * (`file2` < `file10`, case-insensitive first), made fast for sorting many names.
 *
 * Most keys are printable ASCII. For those, {@link naturalKey} builds a string whose plain
 * code-unit order equals the collator's primary order: each character becomes its primary rank
 * (a table measured from the collator itself at start-up) and each digit run becomes
 * `<digit rank><length><digits without leading zeros>`. Sorting compares keys with `<`; names
 * that tie at that level, or contain other characters, are compared by the collator.
 */

/**
 * The collator that defines the order. Its locale is fixed (`en`, i.e. the Unicode root order)
 * so the order is the same for every user and has no ASCII contractions (as Danish `aa` has).
 */
const collator = new Intl.Collator('en', { numeric: true, sensitivity: 'variant' });

/** Offset that keeps every key character printable and above the digit characters. */
const RANK_BASE = 0x100;

/** Primary ranks of printable ASCII characters (digits share the rank of `0`); -1 elsewhere. */
const RANKS = buildRanks();

/**
 * Rank printable ASCII by the collator's primary strength, with all digits as one class.
 * @returns a table from char code to rank.
 */
function buildRanks(): Int16Array {
  const base = new Intl.Collator('en', { numeric: true, sensitivity: 'base' });
  const chars: string[] = [];
  for (let c = 0x20; c <= 0x7e; c++) {
    if (c < 0x31 || c > 0x39) {
      chars.push(String.fromCharCode(c)); // '0' stands for all digits
    }
  }
  chars.sort(base.compare);
  const ranks = new Int16Array(128).fill(-1);
  let rank = 0;
  for (let i = 0; i < chars.length; i++) {
    if (i > 0 && base.compare(chars[i - 1], chars[i]) !== 0) {
      rank++;
    }
    ranks[chars[i].charCodeAt(0)] = rank;
  }
  for (let c = 0x31; c <= 0x39; c++) {
    ranks[c] = ranks[0x30];
  }
  return ranks;
}

/**
 * A sort key for a name whose code-unit order is the collator's primary order, or null when the
 * name has characters outside printable ASCII (then only the collator can order it).
 * @param name - the name.
 * @returns the key, or null.
 */
export function naturalKey(name: string): string | null {
  const out: number[] = [];
  let i = 0;
  while (i < name.length) {
    const c = name.charCodeAt(i);
    if (c < 0x20 || c > 0x7e) {
      return null;
    }
    if (c >= 0x30 && c <= 0x39) {
      let start = i;
      while (start < name.length && name.charCodeAt(start) === 0x30) {
        start++;
      }
      let end = start;
      while (end < name.length && name.charCodeAt(end) >= 0x30 && name.charCodeAt(end) <= 0x39) {
        end++;
      }
      out.push(RANK_BASE + RANKS[0x30], RANK_BASE + (end - start));
      for (let k = start; k < end; k++) {
        out.push(name.charCodeAt(k));
      }
      i = end;
      continue;
    }
    out.push(RANK_BASE + RANKS[c]);
    i++;
  }
  return String.fromCharCode(...out);
}

/**
 * Compare two names given their {@link naturalKey}s (computed once per name when sorting).
 * @param a - a name.
 * @param keyA - its key.
 * @param b - another name.
 * @param keyB - its key.
 * @returns negative, zero or positive.
 */
export function compareWithKeys(a: string, keyA: string | null, b: string, keyB: string | null): number {
  if (keyA !== null && keyB !== null && keyA !== keyB) {
    return keyA < keyB ? -1 : 1;
  }
  const c = collator.compare(a, b);
  if (c !== 0) {
    return c;
  }
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Compare two names in natural order, deterministically (exact code-unit order breaks ties).
 * @param a - a name.
 * @param b - another name.
 * @returns negative, zero or positive.
 */
export function compareNames(a: string, b: string): number {
  return compareWithKeys(a, naturalKey(a), b, naturalKey(b));
}

/**
 * The same order through the collator alone (the reference the fast path must agree with).
 * @param a - a name.
 * @param b - another name.
 * @returns negative, zero or positive.
 */
export function compareNamesWithCollator(a: string, b: string): number {
  return compareWithKeys(a, null, b, null);
}
