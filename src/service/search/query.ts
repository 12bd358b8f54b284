/**
 * Quilt's / Elasticsearch's `query_string` language, parsed with the `lucene` package and compiled
 * to one parameterised SQL condition over the `docs` table (and its FTS5 table). Every value from
 * the query is a bound parameter: nothing the user types becomes SQL text.
 *
 * Fields: free text; `key:`, `ext:`, `size:`, `last_modified:`, `version_id:`, `etag:`,
 * `content_type:`, `delete_marker:`, `type:` (object|snapshot), `target:`, `name:`, `top_hash:`,
 * `message:`, `logical_key:`, `content:` (the first ≤ 100 KB of text-like objects, when indexed), `user_meta.<path>:` (objects' T4 user_meta, snapshots' package
 * metadata; a value whole, or by its words as OpenSearch matches text), `_exists_:<field>`; wildcards `*` `?`, ranges `[a TO b]` `{a TO b}` `>=n`, AND/OR/NOT,
 * `-term`, parentheses and `field:(a OR b)`. Terms side by side must all match (AND).
 */
import * as lucene from 'lucene';
import { HeliumError } from '../error-class';
import type { SqlValue } from './sql';
import {
  ALIASES,
  columnOf,
  COLUMNS,
  datePeriod,
  FIELD_LIST,
  FTS_COLUMNS,
  ftsString,
  globPattern,
  hasWildcard,
  likePattern,
  parseQuery,
  startWords,
  termWords,
  wordsSql
} from './query-terms';

export { parseQuery, prefixGlob } from './query-terms';

/** A compiled condition: SQL text with `?` placeholders and their values. */
export interface SqlCondition {
  sql: string;
  params: SqlValue[];
  /** Whether the query names `delete_marker` (else delete markers are left out of results). */
  mentionsDeleteMarker: boolean;
}

/** A JSON leaf as text; true/false are 1/0 as atoms: compare them as the words, as OpenSearch does. */
const LEAF_TEXT = `lower(CASE jt.type WHEN 'true' THEN 'true' WHEN 'false' THEN 'false' ELSE CAST(jt.atom AS TEXT) END)`;

/** Compiles one parsed query. */
class Compiler {
  readonly params: SqlValue[] = [];
  mentionsDeleteMarker = false;

  /** Bind a value, returning its placeholder. */
  bind(value: SqlValue): string {
    this.params.push(value);
    return '?';
  }

  node(node: lucene.AST | lucene.Node, field: string | null): string {
    if ('left' in node) {
      return this.binary(node, field);
    }
    if ('term_min' in node) {
      return this.range(node, this.fieldOf(node.field, field));
    }
    return this.term(node as lucene.TermNode, this.fieldOf(node.field, field));
  }

  fieldOf(own: string, inherited: string | null): string | null {
    return own && own !== '<implicit>' ? own : inherited;
  }

  binary(node: lucene.BinaryNode, inherited: string | null): string {
    const field = this.fieldOf(node.field ?? '', inherited);
    let left = this.node(node.left, field);
    if (node.start === 'NOT' || node.start === '!') {
      left = `NOT (${left})`;
    }
    if (!node.right) {
      return left;
    }
    const right = this.node(node.right, field);
    const op = (node.operator ?? '<implicit>').toUpperCase();
    switch (op) {
      case 'OR':
      case '||':
        return `(${left}) OR (${right})`;
      case 'NOT':
      case 'AND NOT':
        return `(${left}) AND NOT (${right})`;
      case 'OR NOT':
        return `(${left}) OR NOT (${right})`;
      default:
        return `(${left}) AND (${right})`;
    }
  }

  /** Resolve a field name: a column, `user_meta.<path>`, or an error naming the field and where. */
  resolve(field: string, loc: string): { column?: string; metaPath?: string } {
    const name = ALIASES[field] ?? field;
    if (name === 'user_meta') {
      return { metaPath: '$' };
    }
    if (name.startsWith('user_meta.') || name.startsWith('meta.')) {
      const path = name.slice(name.indexOf('.') + 1);
      // Each segment quoted: a field name with odd characters stays one JSON key, never syntax.
      return {
        metaPath: `$${path
          .split('.')
          .map(seg => `."${seg.replace(/"/g, '')}"`)
          .join('')}`
      };
    }
    if (name in COLUMNS) {
      if (name === 'delete_marker') {
        this.mentionsDeleteMarker = true;
      }
      return { column: name };
    }
    throw new HeliumError('InvalidInput', `Unknown search field "${field}"${loc}. Fields: ${FIELD_LIST}.`, { code: 'QueryField' });
  }

  term(node: lucene.TermNode, field: string | null): string {
    if (node.regex) {
      throw new HeliumError(
        'InvalidInput',
        `Regular expressions (/…/) are not supported in search${columnOf(node.termLocation)}; use wildcards (* and ?).`,
        {
          code: 'QueryRegex'
        }
      );
    }
    // A quoted phrase too: `\"` and `\\` in it stand for `"` and `\` (as Lucene reads a phrase).
    const term = node.quoted ? node.term.replace(/\\(.)/gs, '$1') : lucene.term.unescape(node.term);
    const wild = !node.quoted && hasWildcard(term);
    let sql: string;
    if (field === null) {
      sql = this.freeText(term, wild);
    } else if (field === '_exists_') {
      sql = this.exists(term, columnOf(node.termLocation));
    } else {
      const target = this.resolve(field, columnOf(node.fieldLocation));
      sql = target.metaPath ? this.metaTerm(target.metaPath, term, wild) : this.columnTerm(target.column!, term, wild, node);
    }
    return node.prefix === '-' ? `NOT (${sql})` : sql;
  }

  freeText(term: string, wild: boolean): string {
    if (wild && !/^[^*?]+\*$/.test(term)) {
      // FTS5 has only prefix queries: other wildcards match the key.
      return `docs.key LIKE ${this.bind(likePattern(term))} ESCAPE '\\'`;
    }
    return `docs.id IN (SELECT rowid FROM docs_fts WHERE docs_fts MATCH ${this.bind(ftsString(term))})`;
  }

  exists(field: string, loc: string): string {
    const target = this.resolve(field, loc);
    if (target.metaPath) {
      return `json_type(docs.user_meta, ${this.bind(target.metaPath)}) IS NOT NULL`;
    }
    if (target.column === 'content') {
      return `docs.has_content = 1`;
    }
    if (target.column === 'logical_key') {
      return `docs.logical_keys IS NOT NULL AND docs.logical_keys <> '[]'`;
    }
    return `docs.${target.column} IS NOT NULL AND docs.${target.column} <> ''`;
  }

  /** A comparison inside user_meta at `path`: any leaf under it (arrays, nested objects) matches. */
  metaTerm(path: string, term: string, wild: boolean): string {
    const cmp = this.comparison(term);
    // Placeholders are positional: each part binds its values in the order its text comes.
    // An equal value has the same words in the metadata text, so for a plain term the FTS index
    // narrows the rows first and json_tree runs on a few documents instead of all of them.
    const narrow =
      !cmp && !wild && termWords(term).length > 0
        ? `docs.id IN (SELECT rowid FROM docs_fts WHERE docs_fts MATCH ${this.bind(`meta : ${ftsString(term)}`)}) AND `
        : '';
    if (cmp) {
      return `${narrow}docs.user_meta IS NOT NULL AND EXISTS (${this.leaves('user_meta', path)}${this.order('jt.atom', cmp.op, cmp.value, 'number')})`;
    }
    return `${narrow}docs.user_meta IS NOT NULL AND ${wild ? this.metaWild(path, term) : this.metaWords(path, term)}`;
  }

  /**
   * The start of an EXISTS over the leaves under `path` of a JSON column (`user_meta` as written,
   * or `meta_words`, the same with each string as its words); binds the path.
   */
  leaves(column: 'user_meta' | 'meta_words', path: string): string {
    return `SELECT 1 FROM json_tree(docs.${column}, ${this.bind(path)}) AS jt WHERE jt.atom IS NOT NULL AND `;
  }

  /**
   * A plain term against a metadata leaf: the whole value (any case), or, as OpenSearch matches a
   * text field (Quilt's `user_meta` strings are text), every word of the term among the value's
   * words (`meta_words`: folded and split as words.ts does): `user_meta.title:hi` finds
   * `He said "hi"`, `user_meta.name:MÜLLER` finds `Müller`. (A phrase's word order is checked by
   * the FTS narrowing over the document's metadata, not per field.)
   */
  metaWords(path: string, term: string): string {
    const whole = `EXISTS (${this.leaves('user_meta', path)}${LEAF_TEXT} = lower(${this.bind(term)}))`;
    const words = termWords(term);
    if (words.length === 0) {
      return whole;
    }
    const leaves = this.leaves('meta_words', path);
    const each = words.map(w => `${wordsSql(LEAF_TEXT)} LIKE ${this.bind(`% ${likePattern(w)} %`)} ESCAPE '\\'`);
    return `(${whole} OR EXISTS (${leaves}${each.join(' AND ')}))`;
  }

  /** A wildcard term against a metadata leaf: the whole value, or (`west*`, `日本*`) its words from one on by their start. */
  metaWild(path: string, term: string): string {
    const whole = `EXISTS (${this.leaves('user_meta', path)}${LEAF_TEXT} LIKE lower(${this.bind(likePattern(term))}) ESCAPE '\\')`;
    const start = /^([^*?]+)\*$/.exec(term)?.[1];
    const words = start === undefined ? null : startWords(start);
    if (words === null) {
      return whole;
    }
    const leaves = this.leaves('meta_words', path);
    return `(${whole} OR EXISTS (${leaves}${wordsSql(LEAF_TEXT)} LIKE ${this.bind(`% ${likePattern(words.join(' '))}%`)} ESCAPE '\\'))`;
  }

  /** `>=n`, `>n`, `<n`, `<=n` at the start of a term. */
  comparison(term: string): { op: string; value: string } | null {
    const m = /^(>=|<=|>|<)(.+)$/.exec(term);
    return m ? { op: m[1], value: m[2] } : null;
  }

  /** A bound value for a column kind, or an error when it cannot be one. */
  value(kind: 'text' | 'number' | 'time' | 'bool', raw: string, node?: { termLocation?: unknown }): SqlValue {
    const loc = columnOf((node as lucene.TermNode | undefined)?.termLocation);
    if (kind === 'number') {
      const n = Number(raw);
      if (raw.trim() === '' || !Number.isFinite(n)) {
        throw new HeliumError('InvalidInput', `"${raw}"${loc} is not a number.`, { code: 'QueryValue' });
      }
      return n;
    }
    if (kind === 'time') {
      const t = Date.parse(raw);
      if (Number.isNaN(t)) {
        throw new HeliumError('InvalidInput', `"${raw}"${loc} is not a date (use e.g. 2024-01-31 or 2024-01-31T12:00:00Z).`, {
          code: 'QueryValue'
        });
      }
      return t;
    }
    return raw;
  }

  order(column: string, op: string, raw: string, kind: 'text' | 'number' | 'time' | 'bool', node?: lucene.TermNode): string {
    const period = kind === 'time' ? datePeriod(raw) : null;
    if (period) {
      // As OpenSearch rounds a date without a time: `<=` and `>` take the period's last
      // millisecond (`<= 2024-02-10` includes that whole day), `>=` and `<` its first.
      const bound = op === '<=' || op === '>' ? period.end - 1 : period.start;
      return `${column} ${op} ${this.bind(bound)}`;
    }
    const isNumber = kind === 'number' && raw.trim() !== '' && Number.isFinite(Number(raw));
    const value = column === 'jt.atom' ? (isNumber ? Number(raw) : raw) : this.value(kind, raw, node);
    return `${column} ${op} ${this.bind(value)}`;
  }

  columnTerm(column: string, term: string, wild: boolean, node: lucene.TermNode): string {
    const kind = COLUMNS[column];
    const col = `docs.${column}`;
    if (column === 'type') {
      const t = term.toLowerCase() === 'package' ? 'snapshot' : term.toLowerCase();
      if (t !== 'object' && t !== 'snapshot') {
        throw new HeliumError('InvalidInput', `type must be object or snapshot, not "${term}"${columnOf(node.termLocation)}.`, {
          code: 'QueryValue'
        });
      }
      return `${col} = ${this.bind(t)}`;
    }
    if (kind === 'bool') {
      const yes = /^(true|1|yes)$/i.test(term);
      return `${col} = ${this.bind(yes ? 1 : 0)}`;
    }
    const cmp = this.comparison(term);
    if (cmp && kind !== 'text') {
      return this.order(col, cmp.op, cmp.value, kind, node);
    }
    if (kind === 'number' || kind === 'time') {
      const period = datePeriod(term);
      if (kind === 'time' && period) {
        // A day (or month, year): the whole of it.
        return `${col} >= ${this.bind(period.start)} AND ${col} < ${this.bind(period.end)}`;
      }
      return `${col} = ${this.bind(this.value(kind, term, node))}`;
    }
    if (column in FTS_COLUMNS) {
      return `docs.id IN (SELECT rowid FROM docs_fts WHERE docs_fts MATCH ${this.bind(`${FTS_COLUMNS[column]} : ${ftsString(term)}`)})`;
    }
    if (column === 'ext') {
      const ext = term.toLowerCase().replace(/^\.?/, '.');
      return wild ? `${col} LIKE ${this.bind(likePattern(ext))} ESCAPE '\\'` : `${col} = ${this.bind(ext === '.' ? '' : ext)}`;
    }
    if (column === 'top_hash') {
      return `${col} GLOB ${this.bind(`${globPattern(term.toLowerCase(), wild)}*`)}`;
    }
    if (column === 'key' || column === 'name') {
      if (wild) {
        return `${col} GLOB ${this.bind(globPattern(term))}`;
      }
      // The exact key, or (like an analysed text field) the words of the term in this order.
      return `(${col} = ${this.bind(term)} OR docs.id IN (SELECT rowid FROM docs_fts WHERE docs_fts MATCH ${this.bind(`key : ${ftsString(term)}`)}))`;
    }
    return wild ? `${col} GLOB ${this.bind(globPattern(term))}` : `${col} = ${this.bind(term)}`;
  }

  range(node: lucene.RangeNode, field: string | null): string {
    if (field === null) {
      throw new HeliumError('InvalidInput', `A range needs a field, e.g. size:[0 TO 100].`, { code: 'QueryRange' });
    }
    const target = this.resolve(field, columnOf(node.fieldLocation));
    const lowOp = node.inclusive === 'both' || node.inclusive === 'left' ? '>=' : '>';
    const highOp = node.inclusive === 'both' || node.inclusive === 'right' ? '<=' : '<';
    const parts: string[] = [];
    if (target.metaPath) {
      // The path is bound first: placeholders are numbered in the order they appear.
      const path = this.bind(target.metaPath);
      const bounds: string[] = [];
      if (node.term_min !== '*') bounds.push(this.order('jt.atom', lowOp, node.term_min, 'number'));
      if (node.term_max !== '*') bounds.push(this.order('jt.atom', highOp, node.term_max, 'number'));
      return `docs.user_meta IS NOT NULL AND EXISTS (SELECT 1 FROM json_tree(docs.user_meta, ${path}) AS jt WHERE jt.atom IS NOT NULL${bounds.map(b => ` AND ${b}`).join('')})`;
    }
    const column = target.column!;
    const kind = COLUMNS[column];
    if (node.term_min !== '*') parts.push(this.order(`docs.${column}`, lowOp, node.term_min, kind));
    if (node.term_max !== '*') parts.push(this.order(`docs.${column}`, highOp, node.term_max, kind));
    return parts.length ? parts.join(' AND ') : `docs.${column} IS NOT NULL`;
  }
}

/**
 * Compile a query to one SQL condition over `docs`.
 * @param query - the query text (`*` or empty: everything).
 * @returns the condition and its parameters.
 * @throws HeliumError `InvalidInput`: a syntax error (with its column), an unknown field, a value
 *   of the wrong kind (`size:abc`), a regular expression.
 */
export function compileQuery(query: string): SqlCondition {
  const text = query.trim();
  if (text === '' || text === '*') {
    return { sql: '1', params: [], mentionsDeleteMarker: false };
  }
  const compiler = new Compiler();
  const sql = compiler.node(parseQuery(text), null);
  return { sql, params: compiler.params, mentionsDeleteMarker: compiler.mentionsDeleteMarker };
}
