/**
 * A text folded as the index folds words ({@link foldText}: NFKC, case, diacritics, `ß` → `ss`…)
 * with, for every UTF-16 unit of the folded text, where it came from in the original: so a match
 * found in the folded text (`resume` in `résumé`) can be marked in the text as shown. Folding
 * changes lengths (`ß` → `ss`, `ﬁ` → `fi`, `e` + U+0301 → `e`, `𝐀` → `a`, `㎏` → `kg`), so offsets
 * cannot be shared. Pure: no requests.
 */
import { foldText } from './words';

/** A folded text and where each of its units is in the original text. */
export interface FoldedText {
  /** The folded text (as {@link foldText} folds the whole text). */
  text: string;
  /** For each unit of `text`, the offset in the original where its source character starts. */
  start: number[];
  /** For each unit of `text`, the offset in the original just past its source character. */
  end: number[];
}

/**
 * A character with what composes onto it under NFC/NFKC and so must be folded with it: its
 * combining marks (diacritics, kana voicing marks, variation selectors), conjoining Hangul vowels
 * and finals (U+1160–U+11FF, U+D7B0–U+D7FF), and half-width kana voicing marks (U+FF9E, U+FF9F,
 * which NFKC turns into combining ones); or a run of such marks with nothing before them.
 */
const CLUSTER =
  /[^\p{M}\u1160-\u11ff\ud7b0-\ud7ff\uff9e\uff9f][\p{M}\u1160-\u11ff\ud7b0-\ud7ff\uff9e\uff9f]*|[\p{M}\u1160-\u11ff\ud7b0-\ud7ff\uff9e\uff9f]+/gsu;

/** Text that folds one unit per unit (ASCII: only its case changes). */
const ASCII = /^[\x00-\x7f]*$/;

/**
 * Fold a text as the index does, keeping where each folded unit came from.
 * @param text - the text as shown.
 * @returns the folded text and its offset map.
 */
export function foldWithOffsets(text: string): FoldedText {
  if (ASCII.test(text)) {
    const offsets = Array.from({ length: text.length }, (_, i) => i);
    return { text: text.toLowerCase(), start: offsets, end: offsets.map(i => i + 1) };
  }
  // Folding a character with its marks gives what folding the whole text gives for it
  // (folded-text.spec.ts checks this on texts where the two could differ).
  let folded = '';
  const start: number[] = [];
  const end: number[] = [];
  for (const match of text.matchAll(CLUSTER)) {
    const from = match.index ?? 0;
    const to = from + match[0].length;
    const part = foldText(match[0]);
    folded += part;
    for (let i = 0; i < part.length; i++) {
      start.push(from);
      end.push(to);
    }
  }
  return { text: folded, start, end };
}

/**
 * The original range of a range of the folded text: whole source characters (a match of `s`
 * inside the `ss` of `ß` covers the `ß`).
 * @param folded - from {@link foldWithOffsets}.
 * @param from - start in the folded text.
 * @param to - end in the folded text (exclusive, more than `from`).
 * @returns start and end (exclusive) in the original text.
 */
export function originalRange(folded: FoldedText, from: number, to: number): [number, number] {
  return [folded.start[from], folded.end[to - 1]];
}
