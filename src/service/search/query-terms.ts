/**
 * The vocabulary of the search query language (fields, aliases, which go through FTS5) and how a
 * term becomes a LIKE/GLOB pattern, a date period or an FTS5 string; query.ts compiles with them.
 */
import * as lucene from 'lucene';
import { HeliumError } from '../error-class';
import { foldText, textWords } from './words';

/** The columns a `field:` can name directly, and how they compare. */
export const COLUMNS: Record<string, 'text' | 'number' | 'time' | 'bool'> = {
  key: 'text',
  ext: 'text',
  size: 'number',
  last_modified: 'time',
  version_id: 'text',
  etag: 'text',
  content_type: 'text',
  delete_marker: 'bool',
  type: 'text',
  target: 'text',
  name: 'text',
  top_hash: 'text',
  message: 'text',
  logical_key: 'text',
  content: 'text'
};

/** Field names accepted as other spellings. */
export const ALIASES: Record<string, string> = { package: 'name', logical_keys: 'logical_key', time: 'last_modified', meta: 'user_meta' };

/** Columns searched through the FTS5 table rather than compared. */
export const FTS_COLUMNS: Record<string, string> = { message: 'message', logical_key: 'logical_keys', content: 'content' };

/** The fields, for error messages. */
export const FIELD_LIST = [...Object.keys(COLUMNS), 'user_meta.<field>', '_exists_'].join(', ');

/** A node location, as a column number for messages. */
export function columnOf(loc: { start: { column: number } } | null | undefined): string {
  return loc ? ` at column ${loc.start.column}` : '';
}

/**
 * Parse a query, turning the parser's syntax errors into a message that says where and what.
 * @param query - the query text.
 * @returns the syntax tree.
 * @throws HeliumError `InvalidInput` for a syntax error.
 */
export function parseQuery(query: string): lucene.AST {
  let ast: lucene.AST;
  try {
    ast = lucene.parse(query);
  } catch (err) {
    const e = err as { message?: string; location?: { start: { column: number } } };
    const column = e.location?.start.column;
    // The parser lists every token it could have taken; what it found is what a person needs.
    const found = /but (.*) found\.?$/.exec(e.message ?? '')?.[1];
    const detail =
      found === undefined ? (e.message ?? String(err)) : found === 'end of input' ? 'the query ends too early' : `unexpected ${found}`;
    throw new HeliumError('InvalidInput', `Search query syntax error${column !== undefined ? ` at column ${column}` : ''}: ${detail}.`, {
      code: 'QuerySyntax',
      hint: 'Quote values with spaces or special characters ("a b"), and close every ( and [.'
    });
  }
  // An operator alone (`AND`, `OR`, `NOT`, `&&`) parses to a tree with no term at all, which
  // OpenSearch refuses as a syntax error; so do we, rather than fail on the missing term.
  if (!('left' in ast) && !('term' in ast) && !('term_min' in ast)) {
    const op = (ast as { operator?: string }).operator ?? query.trim();
    throw new HeliumError('InvalidInput', `Search query syntax error at column 1: ${op} alone is an operator, with nothing to join.`, {
      code: 'QuerySyntax',
      hint: `Put a term on each side (a ${op} b), or quote it ("${op}") to search for the word.`
    });
  }
  return signedFields(ast) as lucene.AST;
}

/**
 * `-field:value` and `+field:value`: the parser reads the sign as part of the field name, where
 * Lucene and OpenSearch read `-` as NOT and `+` as nothing (every term must match anyway).
 */
function signedFields(node: lucene.AST | lucene.Node): lucene.AST | lucene.Node {
  const { negate, ...field } = signed(node);
  const inner: lucene.AST | lucene.Node =
    'left' in node
      ? { ...node, left: signedFields(node.left), ...(node.right ? { right: signedFields(node.right) } : {}), ...field }
      : { ...node, ...field };
  return negate ? ({ start: 'NOT', left: inner } as lucene.BinaryNode) : inner;
}

/** The field without its sign, and whether the sign was `-`. */
function signed(node: { field?: string }): { field?: string; negate?: boolean } {
  const m = /^([-+])(.+)$/.exec(node.field ?? '');
  return m ? { field: m[2], ...(m[1] === '-' ? { negate: true } : {}) } : {};
}

/** Escape a text for LIKE with `\` as the escape character, turning `*`/`?` into `%`/`_`. */
export function likePattern(term: string): string {
  let out = '';
  for (const ch of term) {
    out += ch === '*' ? '%' : ch === '?' ? '_' : ch === '%' || ch === '_' || ch === '\\' ? `\\${ch}` : ch;
  }
  return out;
}

/** Escape a text for GLOB (case-sensitive), keeping `*` and `?` as wildcards. */
export function globPattern(term: string, wild = true): string {
  let out = '';
  for (const ch of term) {
    if (ch === '[') {
      out += '[[]';
    } else if ((ch === '*' || ch === '?') && !wild) {
      out += `[${ch}]`;
    } else {
      out += ch;
    }
  }
  return out;
}

/**
 * A GLOB pattern matching every key that starts with `prefix`.
 * @param prefix - the prefix.
 * @returns the pattern.
 */
export function prefixGlob(prefix: string): string {
  return `${globPattern(prefix, false)}*`;
}

/**
 * The first millisecond of a day, month or year (`2024-01-31`, `2024-01`, `2024`) and of the next.
 * @param term - the text.
 * @returns the period, or null when the text is not one.
 */
export function datePeriod(term: string): { start: number; end: number } | null {
  if (!/^\d{4}(-\d{2}(-\d{2})?)?$/.test(term)) return null;
  const start = Date.parse(term.length === 4 ? `${term}-01-01` : term.length === 7 ? `${term}-01` : term);
  if (Number.isNaN(start)) return null;
  const end = new Date(start);
  if (term.length === 4) end.setUTCFullYear(end.getUTCFullYear() + 1);
  else if (term.length === 7) end.setUTCMonth(end.getUTCMonth() + 1);
  else end.setUTCDate(end.getUTCDate() + 1);
  return { start, end: end.getTime() };
}

/** Whether a term has wildcards. */
export function hasWildcard(term: string): boolean {
  return /[*?]/.test(term);
}

/**
 * An FTS5 query for a term: its words (words.ts, as the index stores text) as a quoted phrase,
 * `*` for a prefix of the last word.
 */
export function ftsString(term: string): string {
  const prefix = /^[^*?]+\*$/.test(term);
  const text = prefix ? term.slice(0, -1) : term;
  // Words hold no `"` (only letters, digits and emoji), so the phrase needs no escaping.
  return `"${textWords(text).join(' ')}"${prefix ? ' *' : ''}`;
}

/**
 * ASCII characters that separate words in a metadata value, as OpenSearch's standard analyzer
 * splits a text field (`_` joins words there, so it is not one of them).
 */
const WORD_SEPARATORS = [' ', '\t', '\n', '\r', ...'!"#$%&\'()*+,-./:;<=>?@[\\]^`{|}~'];

/**
 * SQL for a text as its words: lower case, every separator a space, a space at each end, so that
 * `LIKE '% word %'` finds a whole word (`He said "hi"` → ` he said  hi  `).
 * @param sql - the SQL expression of the text.
 * @returns the SQL expression of its words.
 */
export function wordsSql(sql: string): string {
  // char(n), not a quoted character: no `?` or quote in the SQL text besides the placeholders.
  const replaced = WORD_SEPARATORS.reduce((inner, ch) => `replace(${inner}, char(${ch.charCodeAt(0)}), ' ')`, `lower(${sql})`);
  return `(' ' || ${replaced} || ' ')`;
}

/**
 * The words of a query term as the index keeps a metadata value's words (words.ts).
 * @param term - the term (unescaped; a quoted phrase's text).
 * @returns its words (none for a term of separators only).
 */
export function termWords(term: string): string[] {
  return textWords(term);
}

/**
 * The words a wildcard's start (`west*`, `日本*`) is the start of, when it is all word characters
 * (`data/20*` is not: it is matched against values whole).
 * @param start - the text before the `*`.
 * @returns the words, or null.
 */
export function startWords(start: string): string[] | null {
  const words = textWords(start);
  return words.length > 0 && words.join('') === foldText(start) ? words : null;
}
