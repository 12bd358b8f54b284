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

/** A text without the combining diacritics above (given decomposed, NFD). */
function withoutDiacritics(text: string): string {
  let out = '';
  for (const ch of text) {
    const c = ch.codePointAt(0)!;
    if (!DIACRITICS.some(([from, to]) => c >= from && c <= to)) out += ch;
  }
  return out;
}

/** Letters with no decomposition that read as a base letter (as Elasticsearch's ASCII folding does). */
const FOLDS: Record<string, string> = { ß: 'ss', ς: 'σ', ø: 'o', ł: 'l', đ: 'd', ħ: 'h', ı: 'i', æ: 'ae', œ: 'oe' };

/** Characters that are each a word: Han, kana, Hangul and Bopomofo. */
const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\p{Script=Bopomofo}\u30fc]/u;

/** The start of an emoji: a pictograph or a flag's regional indicator. */
const EMOJI = /[\p{Extended_Pictographic}\u{1f1e6}-\u{1f1ff}]/u;

/** A character that belongs to a word. */
const WORD_CHAR = /[\p{L}\p{N}\p{M}]/u;

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

/** Emoji sequences without Intl.Segmenter (Firefox before 125): ZWJ sequences, skin tones, keycaps, flags. */
const PIECES = /\p{Extended_Pictographic}(?:\ufe0f|\u200d\p{Extended_Pictographic}|[\u{1f3fb}-\u{1f3ff}])*|[\u{1f1e6}-\u{1f1ff}]{2}|[^]/gu;

/** One segmenter for every call (made on first use). */
let segmenter: Intl.Segmenter | undefined;

/**
 * A text in pieces: emoji sequences (ZWJ, skin tones, flags) stay one piece, every other piece is
 * a grapheme (Intl.Segmenter) or, without it, a code point; words.ts goes through a piece by code point anyway.
 */
function pieces(text: string): string[] {
  if (typeof Intl.Segmenter === 'function') {
    segmenter ??= new Intl.Segmenter(undefined, { granularity: 'grapheme' });
    return Array.from(segmenter.segment(text), s => s.segment);
  }
  return text.match(PIECES) ?? [];
}

/**
 * The words of a text, normalised (see the module comment), in order.
 * @param text - any text (a key, a metadata value, a message, contents, a query term).
 * @returns its words; none for a text of separators only.
 */
export function textWords(text: string): string[] {
  const words: string[] = [];
  let word = '';
  const end = (): void => {
    if (word !== '') {
      words.push(word);
      word = '';
    }
  };
  for (const segment of pieces(foldText(text))) {
    if (EMOJI.test(segment)) {
      end();
      words.push(segment.replace(VARIATION, ''));
      continue;
    }
    for (const ch of segment) {
      if (CJK.test(ch)) {
        end();
        words.push(ch);
      } else if (WORD_CHAR.test(ch) && !(word === '' && /\p{M}/u.test(ch))) {
        word += ch;
      } else {
        end();
      }
    }
  }
  end();
  return words;
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
