/**
 * Text helpers of the search panel: which parts of a key a query matched (to mark them), the
 * query a facet chip narrows to, and a hit's metadata excerpt. Pure functions over strings.
 */
import { foldWithOffsets, originalRange } from '../service/search/folded-text';
import type { SearchHit } from '../service/search/types';
import { foldText } from '../service/search/words';

/** A run of text, marked when the query matched it. */
export interface TextPart {
  text: string;
  mark: boolean;
}

const OPERATORS = new Set(['AND', 'OR', 'NOT', '&&', '||', 'TO']);

/**
 * The words of a query that can match a key: free-text terms and `key:` values, without
 * quotes, wildcards, escapes, excluded terms (`NOT x`, `-x`, `!x`) and the terms of other fields.
 * @param query - a `query_string` query.
 * @returns the words folded as the index folds them (case, accents, full-width…), longest first.
 */
export function keyTerms(query: string): string[] {
  const words: string[] = [];
  let excluded = false;
  for (const raw of query.match(/(?:[^\s"]+:)?"[^"]*"|\S+/g) ?? []) {
    if (raw === 'NOT' || raw === '!') {
      excluded = true;
      continue;
    }
    const negated = excluded || /^[-!]/.test(raw);
    excluded = false;
    let token = raw.replace(/^[-+!(]+|[)]+$/g, '');
    if (negated || OPERATORS.has(token)) {
      continue;
    }
    const field = /^([\w.]+):(.*)$/s.exec(token);
    if (field) {
      if (field[1] !== 'key' && field[1] !== 'name') {
        continue;
      }
      token = field[2];
    }
    const word = token.replace(/^"|"$/g, '').replace(/\\(.)/g, '$1');
    // A wildcard splits a term into the literal parts around it (`res*` marks `rés` in `résumé`); a
    // quoted phrase stays whole.
    for (const part of word.split(/[*?]+/)) {
      const folded = foldText(part).trim();
      if (folded) {
        words.push(folded);
      }
    }
  }
  return [...new Set(words)].sort((a, b) => b.length - a.length);
}

/** What separates the words of a phrase: `"by decade"` marks `by decade`, `by_decade` and `by-decade`. */
const SEPARATORS = '[^\\p{L}\\p{N}\\p{M}]+';

/**
 * A term as a pattern over folded text: its text, the white space inside a phrase matching any
 * run of separators.
 * @param term - a folded term (from {@link keyTerms}).
 * @returns the pattern.
 */
function termPattern(term: string): RegExp {
  const words = term.split(/\s+/).map(word => word.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&'));
  return new RegExp(words.join(SEPARATORS), 'gu');
}

/**
 * Split text into marked and unmarked runs: each occurrence of a term is marked, matched on the
 * text folded as the index folds it (`resume` marks `Résumé`, `strasse` marks `Straße`, `abc` marks
 * `ＡＢＣ`), and marked in the text as given, whole characters at a time.
 * @param text - the text shown (already `displayKey`'d).
 * @param terms - from {@link keyTerms}.
 * @returns the runs, in order; their texts join to `text`.
 */
export function markMatches(text: string, terms: string[]): TextPart[] {
  const folded = foldWithOffsets(text);
  const marked = new Array<boolean>(text.length).fill(false);
  for (const term of terms) {
    if (!term) {
      continue;
    }
    for (const match of folded.text.matchAll(termPattern(term))) {
      const at = match.index ?? 0;
      const [from, to] = originalRange(folded, at, at + match[0].length);
      marked.fill(true, from, to);
    }
  }
  const parts: TextPart[] = [];
  for (let i = 0; i < text.length; i++) {
    const last = parts[parts.length - 1];
    if (last && last.mark === marked[i]) {
      last.text += text[i];
    } else {
      parts.push({ text: text[i], mark: marked[i] });
    }
  }
  return parts;
}

/** Quote a value for a `field:"value"` clause. */
function quoted(value: string): string {
  return `"${value.replace(/[\\"]/g, c => `\\${c}`)}"`;
}

/**
 * Escape a text for a bare `query_string` term: the special characters and white space (those
 * both compilers unescape; `=`, `<` and `>` are special to OpenSearch only at a term's start).
 */
function bareTerm(value: string): string {
  return value.replace(/[+\-&|!(){}[\]^"~*?:\\/\s]/g, c => `\\${c}`);
}

/** A user_meta field name a clause can name (`user_meta.<field>:`): one plain path segment. */
export function isPlainField(field: string): boolean {
  return /^[A-Za-z0-9_-]+$/.test(field);
}

/**
 * A facet chip: an extension, a user_meta field (has it), a first-level folder (its whole key
 * prefix, '' for the objects directly in the scope), or a value of a user_meta field.
 */
export type FacetChoice =
  { facet: 'ext' | 'user_meta' | 'folder'; value: string } | { facet: 'user_meta_values'; field: string; value: string };

/** The clause of a chip, or null when the query language cannot say it (an odd field name). */
export function facetClause(choice: FacetChoice, prefix = ''): string | null {
  switch (choice.facet) {
    case 'ext':
      return `ext:${quoted(choice.value)}`;
    case 'user_meta':
      return `_exists_:user_meta.${choice.value.replace(/[^\w-]/g, c => `\\${c}`)}`;
    case 'folder':
      // Objects only (the facet counts objects; a snapshot's `key` is its name). A folder is a key
      // prefix: a wildcard after its escaped text; '' is the scope's objects not in a sub-folder.
      return choice.value === ''
        ? `(type:object AND NOT key:${bareTerm(prefix)}*\\/*)`
        : `(type:object AND key:${bareTerm(choice.value)}*)`;
    case 'user_meta_values':
      return isPlainField(choice.field) ? `user_meta.${choice.field}:${quoted(choice.value)}` : null;
  }
}

/**
 * The query a facet chip narrows to: the current query AND the chip's clause.
 * @param query - the current query ('' for everything).
 * @param choice - the chip.
 * @param prefix - the search's scope (a folder's key prefix, '' for the bucket).
 * @returns the narrowed query (the query itself when the chip has no clause or it is there already).
 */
export function narrowQuery(query: string, choice: FacetChoice, prefix = ''): string {
  const clause = facetClause(choice, prefix);
  const current = query.trim();
  if (clause === null) {
    return current;
  }
  if (current === '' || current === '*') {
    return clause;
  }
  return current.includes(clause) ? current : `(${current}) AND ${clause}`;
}

/**
 * A short line of a hit's metadata (or a snapshot's message), for the results list.
 * @param hit - the hit.
 * @param max - the most characters.
 * @returns the excerpt ('' when there is nothing to show).
 */
export function metaExcerpt(hit: SearchHit, max = 120): string {
  let text = '';
  if (hit.type === 'snapshot' && hit.message) {
    text = hit.message;
  } else if (hit.meta && typeof hit.meta === 'object' && Object.keys(hit.meta as object).length > 0) {
    text = Object.entries(hit.meta as Record<string, unknown>)
      .map(([k, v]) => `${k}: ${typeof v === 'string' ? v : JSON.stringify(v)}`)
      .join(' · ');
  }
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
