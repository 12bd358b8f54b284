/**
 * Strings in Python's order. Pure, with no imports: the drive's notebook writer (in the page's
 * first bundle) and the snapshot engine's Python JSON both sort keys with it.
 */

/**
 * Compare two strings by Unicode code point, as Python compares `str` (JS's `<` compares UTF-16
 * code units, which puts astral characters before U+E000–U+FFFF). Lone surrogates count as their
 * own code point, as in Python.
 * @param a - a string.
 * @param b - another string.
 * @returns negative, 0 or positive.
 */
export function compareCodePoints(a: string, b: string): number {
  if (a === b) {
    return 0;
  }
  let i = 0;
  while (i < a.length && i < b.length) {
    const ca = a.codePointAt(i) as number;
    const cb = b.codePointAt(i) as number;
    if (ca !== cb) {
      return ca < cb ? -1 : 1;
    }
    i += ca > 0xffff ? 2 : 1;
  }
  return a.length === b.length ? 0 : a.length < b.length ? -1 : 1;
}
