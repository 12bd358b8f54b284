/**
 * Accent- and width-insensitive words on OpenSearch without changing its index: Quilt's indexes
 * (and the mapping helium creates, `simple` and `standard` analyzers) keep `résumé` as written, and
 * a query cannot change how a document was analysed. What a query can do is ask for every spelling
 * that folds to what was typed: `resume` also as the regular expression `/r[eéèêë…]s[uúùûü…]m…/`,
 * each letter a class of the lower-case characters that words.ts folds to it (accented Latin, Greek
 * and Cyrillic letters, full-width forms, `ß` for `ss`, `æ` for `ae`…), a combining mark allowed
 * after one (text stored decomposed). The analyzers lower-case every token, so the classes hold
 * lower-case characters only. A regular expression is matched against single tokens, so only a
 * term that is one word gets one; phrases, and words over {@link MAX_REGEX} characters of
 * expression, are searched as typed.
 */
import { foldText, hasCjk, textWords } from './words';

/** OpenSearch refuses regular expressions longer than `index.max_regex_length` (1,000 by default). */
const MAX_REGEX = 900;

/** Combining diacritics (U+0300–U+036F), as a class of literal characters. */
const MARKS = '[\u0300-\u036f]*';

/** Blocks whose letters fold to something else: Latin-1 and Latin Extended, Greek, Cyrillic, full-width, ligatures. */
const BLOCKS: [number, number][] = [
  [0x00c0, 0x024f],
  [0x0370, 0x03ff],
  [0x0400, 0x04ff],
  [0x1e00, 0x1eff],
  [0x1f00, 0x1fff],
  [0xfb00, 0xfb06],
  [0xff10, 0xff19],
  [0xff21, 0xff3a],
  [0xff41, 0xff5a]
];

/** Folded text → the lower-case characters that fold to it (one or two folded characters). */
let variants: Map<string, string[]> | null = null;

/** Build {@link variants} once. */
function variantTable(): Map<string, string[]> {
  if (variants) {
    return variants;
  }
  variants = new Map();
  for (const [from, to] of BLOCKS) {
    for (let code = from; code <= to; code++) {
      const ch = String.fromCodePoint(code);
      if (ch !== ch.toLowerCase() || !/\p{L}|\p{N}/u.test(ch)) {
        continue; // tokens are lower case: an upper-case letter is never in the index
      }
      const folded = foldText(ch);
      if (folded !== ch && folded.length >= 1 && folded.length <= 2 && /^[\p{L}\p{N}]+$/u.test(folded)) {
        const list = variants.get(folded) ?? [];
        list.push(ch);
        variants.set(folded, list);
      }
    }
  }
  return variants;
}

/**
 * One folded character as a class of its spellings (and a combining mark after it), or itself.
 * @param ch - a folded character.
 * @param table - the spellings.
 * @returns the expression, and whether it has other spellings.
 */
function spellings(ch: string, table: Map<string, string[]>): [string, boolean] {
  const others = table.get(ch);
  return others ? [`[${ch}${others.join('')}]${MARKS}`, true] : [ch, false];
}

/**
 * A folded word as an expression of its spellings: each character a class; two characters that
 * one character folds to (`ss` from `ß`, `ae` from `æ`, `fi` from `ﬁ`) also as that character,
 * taken from the left (`sss` is `ßs` or `sss`, not `sß`).
 * @param folded - a folded word (letters and digits).
 * @param table - the spellings.
 * @returns the expression, and whether any character has other spellings.
 */
function wordExpression(folded: string, table: Map<string, string[]>): [string, boolean] {
  const chars = [...folded];
  let out = '';
  let varied = false;
  for (let i = 0; i < chars.length; i++) {
    const [one, oneVaried] = spellings(chars[i], table);
    const pair = i + 1 < chars.length ? table.get(chars[i] + chars[i + 1]) : undefined;
    if (pair) {
      const [two] = spellings(chars[i + 1], table);
      out += `(${one}${two}|[${pair.join('')}]${MARKS})`;
      varied = true;
      i++;
    } else {
      out += one;
      varied ||= oneVaried;
    }
  }
  return [out, varied];
}

/**
 * The regular expression (Lucene syntax, between slashes) matching every spelling of a term that
 * folds as it does, or null when there is none to add (nothing in it has another spelling) or it
 * cannot have one (not one word, CJK, too long).
 * @param term - the term as typed, unescaped; `*` and `?` are wildcards when `wild`.
 * @param wild - whether `*` and `?` are wildcards.
 * @returns `/…/`, or null.
 */
export function foldingRegex(term: string, wild: boolean): string | null {
  if (hasCjk(term)) {
    return null;
  }
  const table = variantTable();
  let out = '';
  let varied = false;
  for (const part of wild ? term.split(/([*?])/) : [term]) {
    if (wild && (part === '*' || part === '?')) {
      out += part === '*' ? '.*' : '.';
    } else if (part !== '') {
      // One word, nothing but letters and digits once folded: what a token can be.
      const folded = foldText(part);
      const words = textWords(part);
      if (words.length !== 1 || words[0] !== folded || !/^[\p{L}\p{N}]+$/u.test(folded)) {
        return null;
      }
      const [expression, partVaried] = wordExpression(folded, table);
      out += expression;
      varied ||= partVaried;
    }
  }
  return varied && out.length + 2 <= MAX_REGEX ? `/${out}/` : null;
}
