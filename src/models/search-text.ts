/**
 * Text helpers of the search panel: which parts of a key a query matched (to mark them), the
 * query a facet chip narrows to, and a hit's metadata excerpt. Pure functions over strings.
 */
import type { SearchHit } from '../service/search/types';

/** A run of text, marked when the query matched it. */
export interface TextPart {
  text: string;
  mark: boolean;
}

const OPERATORS = new Set(['AND', 'OR', 'NOT', '&&', '||', 'TO']);

/**
 * The words of a query that can match a key: free-text terms and `key:` values, without
 * quotes, wildcards, escapes and the terms of other fields.
 * @param query - a `query_string` query.
 * @returns lower-case words, longest first.
 */
export function keyTerms(query: string): string[] {
  const words: string[] = [];
  for (const raw of query.match(/(?:[^\s"]+:)?"[^"]*"|\S+/g) ?? []) {
    let token = raw.replace(/^[-+!(]+|[)]+$/g, '');
    if (OPERATORS.has(token)) {
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
    // A wildcard splits a term into the literal parts around it; a quoted phrase stays whole.
    for (const part of word.split(/[*?]+/)) {
      if (part.trim()) {
        words.push(part.toLowerCase());
      }
    }
  }
  return [...new Set(words)].sort((a, b) => b.length - a.length);
}

/**
 * Split text into marked and unmarked runs: each occurrence of a term (ignoring case) is marked.
 * @param text - the text shown (already `displayKey`'d).
 * @param terms - from {@link keyTerms}.
 * @returns the runs, in order; their texts join to `text`.
 */
export function markMatches(text: string, terms: string[]): TextPart[] {
  const lower = text.toLowerCase();
  const marked = new Array<boolean>(text.length).fill(false);
  for (const term of terms) {
    for (let at = lower.indexOf(term); at >= 0 && term; at = lower.indexOf(term, at + term.length)) {
      marked.fill(true, at, at + term.length);
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
 * The query a facet chip narrows to: the current query AND the facet's clause.
 * @param query - the current query ('' for everything).
 * @param facet - `ext` (an extension such as `.csv`, '' for none) or `user_meta` (a field name).
 * @param value - the chip's value.
 * @returns the narrowed query.
 */
export function narrowQuery(query: string, facet: 'ext' | 'user_meta', value: string): string {
  const clause =
    facet === 'ext' ? `ext:${quoted(value)}` : `_exists_:user_meta.${value.replace(/[^\w-]/g, c => `\\${c}`)}`;
  const current = query.trim();
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
