/**
 * How the embedded index splits text into searchable words, the same way for what it stores and
 * for what a person types: SQLite's own tokenizers cannot split Chinese or Japanese, drop emoji,
 * and fold case only for some scripts, so the index keeps text already split here (words joined
 * by spaces) and FTS5 only splits at the spaces (schema.ts).
 *
 * A word is normalised: NFKC (full-width `ＡＢＣ１２３` is `abc123`, `ﬁ` is `fi`), lower case in
 * every script plus the folds lower case misses (`ß` → `ss`, final `ς` → `σ`), and Latin, Greek and
 * Cyrillic diacritics removed (`Müller` = `muller`, `résumé` = `resume`; the index did this before
 * too). Words are runs of letters and digits; every other character separates, as OpenSearch's
 * `standard` analyzer splits ASCII punctuation. Chinese, Japanese and Korean characters are each a
 * word of their own, as the `standard` analyzer does for Han and kana, and a CJK word is searched
 * as the phrase of its characters: `気温` finds `東京の気温.csv`, `데이터` finds `데이터를`. An emoji
 * (with its modifiers and joiners) is a word too, so `🌀` finds `🌀 hurricane`.
 */

/** Combining diacritics of Latin, Greek and Cyrillic (not Japanese voicing marks: `が` stays `が`), as code point ranges. */
const DIACRITICS: [number, number][] = [
  [0x0300, 0x036f],
  [0x1ab0, 0x1aff],
  [0x1dc0, 0x1dff],
  [0x20d0, 0x20ff],
  [0xfe20, 0xfe2f]
];

/** Whether a UTF-16 code unit is one of those diacritics (all are in the BMP). */
function isDiacritic(c: number): boolean {
  return c >= 0x0300 && DIACRITICS.some(([from, to]) => c >= from && c <= to);
}

/** A text without the combining diacritics above (given decomposed, NFD); copies runs, not characters. */
function withoutDiacritics(text: string): string {
  let out = '';
  let from = 0;
  for (let i = 0; i < text.length; i++) {
    if (isDiacritic(text.charCodeAt(i))) {
      out += text.slice(from, i);
      from = i + 1;
    }
  }
  return from === 0 ? text : out + text.slice(from);
}

/** Letters with no decomposition that read as a base letter (as Elasticsearch's ASCII folding does). */
const FOLDS: Record<string, string> = { ß: 'ss', ς: 'σ', ø: 'o', ł: 'l', đ: 'd', ħ: 'h', ı: 'i', æ: 'ae', œ: 'oe' };

/** Characters that are each a word: Han, kana, Hangul and Bopomofo (as a regular expression class). */
const CJK_CLASS = '[\\p{Script=Han}\\p{Script=Hiragana}\\p{Script=Katakana}\\p{Script=Hangul}\\p{Script=Bopomofo}\\u30fc]';
const CJK = new RegExp(CJK_CLASS, 'u');

/** An emoji: a pictograph with its ZWJ-joined pictographs and skin tone, or a flag (two regional indicators). */
const EMOJI = '\\p{Extended_Pictographic}(?:\\u200d\\p{Extended_Pictographic}|[\\u{1f3fb}-\\u{1f3ff}])*|[\\u{1f1e6}-\\u{1f1ff}]{1,2}';

/**
 * A word, before CJK runs are split: an emoji, or a run of letters and digits with their marks.
 * Whatever no word takes separates words. (Not Intl.Segmenter: in Node 20 it takes seconds for
 * 100 KB of contents, and Firefox before 125 has none.)
 */
const RUN = new RegExp(`${EMOJI}|[\\p{L}\\p{N}][\\p{L}\\p{N}\\p{M}]*`, 'gu');

/** A combining mark. */
const MARK = /\p{M}/u;

/** Variation selectors: `🌀` and `🌀︎` are one word. */
const VARIATION = /[\ufe0e\ufe0f]/g;

/**
 * Normalise a text for matching: NFKC, case folded, diacritics removed.
 * @param text - the text.
 * @returns the normalised text (not split).
 */
export function foldText(text: string): string {
  const lower = text.replace(VARIATION, '').normalize('NFKC').toLowerCase();
  const stripped = withoutDiacritics(lower.normalize('NFD')).normalize('NFC');
  return stripped.replace(/[ßςøłđħıæœ]/g, ch => FOLDS[ch]);
}

/**
 * The words of a text, normalised (see the module comment), in order.
 * @param text - any text (a key, a metadata value, a message, contents, a query term).
 * @returns its words; none for a text of separators only.
 */
export function textWords(text: string): string[] {
  const words: string[] = [];
  for (const run of foldText(text).match(RUN) ?? []) {
    if (CJK.test(run)) splitCjk(run, words);
    else words.push(run);
  }
  return words;
}

/**
 * Split a run with CJK characters: each of them a word, the letters between them words.
 * @param run - the run.
 * @param words - where the words go.
 */
function splitCjk(run: string, words: string[]): void {
  let word = '';
  for (const ch of run) {
    if (CJK.test(ch)) {
      if (word !== '') words.push(word);
      word = '';
      words.push(ch);
    } else if (word !== '' || !MARK.test(ch)) {
      // A mark right after a CJK character is no word of its own.
      word += ch;
    }
  }
  if (word !== '') words.push(word);
}

/**
 * Whether a text has a Chinese, Japanese or Korean character (which OpenSearch's `standard`
 * analyzer, like words.ts, splits a character at a time).
 * @param text - the text.
 * @returns true when it has one.
 */
export function hasCjk(text: string): boolean {
  return CJK.test(text);
}

/**
 * A text as the index stores it for full-text search: its words joined by single spaces.
 * @param text - the text.
 * @returns the words, space-separated.
 */
export function indexedText(text: string): string {
  return textWords(text).join(' ');
}
