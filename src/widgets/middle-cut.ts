/**
 * Where to cut a long name in the middle: `part-00001-5f3c…c000.snappy.parquet`, not
 * `part-00001-5f3c9a…`, so rows of one Spark write (which differ near the start and share a
 * long middle) and files of different types still read apart in a narrow panel.
 *
 * The cut is decided from the text alone (no measuring): the view renders a head that CSS cuts
 * with an ellipsis at its end and a tail that keeps its width (style/base.css,
 * `.jp-helium-middle-cut`). That costs one string scan per row, so it is fit for virtualized lists
 * of 100k rows. When the name fits, head and tail read as one text.
 */

/** Names of at most this many characters are never split (an end cut is enough). */
const SHORT = 16;
/** Characters kept before a name's extension, so names that differ only there still differ. */
const CONTEXT = 4;
/** A path's last step is kept whole when it is at most this long. */
const LAST_STEP = 24;
/** An extension: one or two dot-parts of letters and digits (`.csv`, `.snappy.parquet`). */
const EXTENSION = /(?:\.[\p{L}\p{N}]{1,10}){1,2}\/?$/u;

/**
 * The UTF-16 index where the tail starts, counted back `count` code points from `end`.
 */
function backCodePoints(text: string, end: number, count: number): number {
  let i = end;
  while (count > 0 && i > 0) {
    i -= i >= 2 && /[\uDC00-\uDFFF]/.test(text[i - 1]) && /[\uD800-\uDBFF]/.test(text[i - 2]) ? 2 : 1;
    count--;
  }
  return i;
}

/**
 * Where a name is cut in two: its head (cut at its end when space runs out) and its tail (kept).
 * @param text - a display name, key, path or URI (already through `displayKey`).
 * @returns the UTF-16 index where the tail starts (`text.length`: no tail). Never inside a
 *   surrogate pair; the tail is at most half of the text.
 */
export function middleCutPoint(text: string): number {
  const length = [...text].length;
  if (length <= SHORT) {
    return text.length;
  }
  const half = text.length - backCodePoints(text, text.length, Math.floor(length / 2));
  // A path or URI: keep its last step (a folder's trailing `/` belongs to its step).
  const slash = text.lastIndexOf('/', text.length - 2);
  if (slash > 0 && [...text.slice(slash)].length <= LAST_STEP + 1) {
    return Math.max(slash, text.length - half);
  }
  const extension = EXTENSION.exec(text);
  const extensionStart = extension ? extension.index : text.length;
  const start = backCodePoints(text, extensionStart, CONTEXT);
  return Math.max(start, text.length - half);
}

/**
 * Split runs of text (e.g. a key's marked and unmarked parts) at one index of their joined text.
 * @param runs - consecutive runs.
 * @param at - a UTF-16 index into the joined text.
 * @returns the runs before `at` and from `at` on (a run across `at` is cut in two, both keep its data).
 */
export function splitRuns<T extends { text: string }>(runs: readonly T[], at: number): [T[], T[]] {
  const head: T[] = [];
  const tail: T[] = [];
  let offset = 0;
  for (const run of runs) {
    const end = offset + run.text.length;
    if (end <= at) {
      head.push(run);
    } else if (offset >= at) {
      tail.push(run);
    } else {
      head.push({ ...run, text: run.text.slice(0, at - offset) });
      tail.push({ ...run, text: run.text.slice(at - offset) });
    }
    offset = end;
  }
  return [head, tail];
}
