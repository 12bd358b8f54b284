/**
 * The user's `query_string` query, as OpenSearch's `query_string` query runs it on each of a
 * bucket's two indexes. The query is parsed (the same parser and checks as the embedded backend,
 * so a malformed query fails the same way, before any request) and written out again with helium's
 * field names mapped to the index's (Quilt's) fields: on the packages index `name:` is `ptr_name`,
 * `message:` is `mnfst_message`, `top_hash:` is `mnfst_hash`, `logical_key:` is `entry_lk`,
 * `last_modified:` is `mnfst_last_modified`; `content:` (objects only) is Quilt's `content`; `type:` selects an index; a field the index does not
 * have matches nothing there (as a NULL column does in SQL). Values are escaped again when they are
 * rewritten; the rest of the syntax passes through as the person typed it.
 */
import * as lucene from 'lucene';
import { compileQuery, parseQuery } from './query';
import { foldingRegex } from './opensearch-folding';
import { hasCjk } from './words';

/** Which of a bucket's indexes a query is written for. */
export type IndexKind = 'objects' | 'packages';

/** A query for one index. */
export interface IndexQuery {
  /** The `query_string` text ('*:*' for everything). */
  query: string;
  /** The fields searched by free text (query_string `fields`). */
  fields: string[];
  /** Whether the query names `delete_marker` (else delete markers are left out). */
  mentionsDeleteMarker: boolean;
}

const ALL = '*:*';
/** A field no document has: `_exists_` of it matches nothing. */
const NONE = '_exists_:helium_no_such_field';

/** Free-text fields of each index (the embedded backend's full-text columns). */
const FREE_TEXT: Record<IndexKind, string[]> = {
  objects: ['key.words', 'key.text', 'user_meta.*', 'target.text', 'other_meta.*', 'content'],
  packages: ['ptr_name.words', 'ptr_name.text', 'mnfst_message', 'entry_lk.text', 'user_meta.*']
};

/** Field names accepted as other spellings (as in query.ts). */
const ALIASES: Record<string, string> = { package: 'name', logical_keys: 'logical_key', time: 'last_modified', meta: 'user_meta' };

/** Object fields, by helium name (null: objects have no such field). */
const OBJECT_FIELDS: Record<string, string | null> = {
  key: 'key',
  ext: 'ext',
  size: 'size',
  last_modified: 'last_modified',
  version_id: 'version_id',
  etag: 'etag',
  content_type: 'content_type',
  delete_marker: 'delete_marker',
  target: 'target',
  name: null,
  top_hash: null,
  message: null,
  logical_key: null,
  content: 'content'
};

/** Package fields, by helium name. */
const PACKAGE_FIELDS: Record<string, string | null> = {
  key: 'ptr_name',
  name: 'ptr_name',
  last_modified: 'mnfst_last_modified',
  top_hash: 'mnfst_hash',
  message: 'mnfst_message',
  logical_key: 'entry_lk',
  ext: null,
  size: null,
  version_id: null,
  etag: null,
  content_type: null,
  delete_marker: null,
  target: null,
  content: null
};

/** Text fields (helium names) whose words are also searched in every spelling that folds alike. */
const FOLDED_FIELDS = new Set(['user_meta', 'content', 'message']);

/** Characters `query_string` treats as syntax in a bare term. */
const RESERVED = /[+\-=&|><!(){}[\]^"~*?:\\/\s]/g;

/** Escape a value for a bare term, keeping `*` and `?` as wildcards when `wild`. */
function escapeTerm(value: string, wild: boolean): string {
  return value.replace(RESERVED, ch => ((ch === '*' || ch === '?') && wild ? ch : `\\${ch}`));
}

/** A quoted phrase. */
function phrase(value: string): string {
  return `"${value.replace(/(["\\])/g, '\\$1')}"`;
}

/** A day, month or year (`2024-01-31`, `2024-01`, `2024`). */
const DATE_PERIOD = /^\d{4}(-\d{2}(-\d{2})?)?$/;

/** Writes a parsed query out for one index. */
class Writer {
  mentionsDeleteMarker = false;
  constructor(private readonly kind: IndexKind) {}

  node(node: lucene.AST | lucene.Node, field: string | null): string {
    if ('left' in node) return this.binary(node, field);
    const own = node.field && node.field !== '<implicit>' ? node.field : field;
    if ('term_min' in node) return this.range(node, own);
    return this.term(node as lucene.TermNode, own);
  }

  binary(node: lucene.BinaryNode, inherited: string | null): string {
    const field = node.field && node.field !== '<implicit>' ? node.field : inherited;
    let left = this.node(node.left, field);
    if (node.start === 'NOT' || node.start === '!') left = `NOT (${left})`;
    if (!node.right) return left; // every part this writes is already one unit
    const right = this.node(node.right, field);
    const op = (node.operator ?? '<implicit>').toUpperCase();
    if (op === 'OR' || op === '||') return `((${left}) OR (${right}))`;
    if (op === 'NOT' || op === 'AND NOT') return `((${left}) AND NOT (${right}))`;
    if (op === 'OR NOT') return `((${left}) OR NOT (${right}))`;
    return `((${left}) AND (${right}))`;
  }

  /** The index's field for a helium field name: a name, or null when the index has none. */
  mapped(field: string): { name: string | null; helium: string } {
    const helium = ALIASES[field] ?? field;
    if (helium === 'user_meta') return { name: 'user_meta.\\*', helium };
    if (helium.startsWith('user_meta.') || helium.startsWith('meta.')) {
      return { name: `user_meta.${helium.slice(helium.indexOf('.') + 1)}`, helium };
    }
    if (helium === 'delete_marker') this.mentionsDeleteMarker = true;
    const table = this.kind === 'objects' ? OBJECT_FIELDS : PACKAGE_FIELDS;
    return { name: table[helium] ?? null, helium };
  }

  term(node: lucene.TermNode, field: string | null): string {
    const out = this.termBody(node, field);
    return node.prefix === '-' ? `NOT (${out})` : out;
  }

  termBody(node: lucene.TermNode, field: string | null): string {
    // A CJK word is split a character at a time (the `standard` analyzer, as words.ts does): as a
    // phrase it finds those characters side by side, as the embedded index does, not anywhere.
    const cjk = !node.quoted && !/[*?]/.test(node.term) && hasCjk(node.term);
    const raw = node.quoted ? `"${node.term}"` : cjk ? phrase(lucene.term.unescape(node.term)) : node.term;
    // A quoted phrase too: `\"` and `\\` in it stand for `"` and `\` (as Lucene reads a phrase).
    const value = node.quoted ? node.term.replace(/\\(.)/gs, '$1') : lucene.term.unescape(node.term);
    const wild = !node.quoted && /[*?]/.test(value);
    if (field === null) return this.folded(raw, null, value, wild);
    if (field === '_exists_') {
      const helium = ALIASES[value] ?? value;
      if (helium === 'type') return ALL;
      const { name } = this.mapped(helium);
      return name === null ? NONE : `_exists_:${name}`;
    }
    const { name, helium } = this.mapped(field);
    if (helium === 'type') {
      const wanted = value.toLowerCase() === 'package' ? 'snapshot' : value.toLowerCase();
      return (wanted === 'object') === (this.kind === 'objects') ? ALL : NONE;
    }
    if (helium === 'delete_marker' && this.kind === 'packages') {
      // A snapshot is never a delete marker (the embedded index stores false for it).
      return /^(true|1|yes)$/i.test(value) ? NONE : ALL;
    }
    if (name === null) return NONE;
    if (helium === 'delete_marker') return `${name}:${/^(true|1|yes)$/i.test(value) ? 'true' : 'false'}`;
    if (helium === 'ext') return `${name}:${escapeTerm(value.toLowerCase().replace(/^\.?/, '.'), wild)}`;
    if (helium === 'top_hash') return `${name}:${escapeTerm(value.toLowerCase(), false)}*`;
    if (helium === 'last_modified' && DATE_PERIOD.test(value)) {
      // The whole day (month, year), as the embedded backend reads it: an inclusive date-only
      // range, which OpenSearch rounds to the period's first and last millisecond.
      return `${name}:[${value} TO ${value}]`;
    }
    if ((helium === 'key' || helium === 'name') && !wild) {
      // The exact key, or its words in this order (as an analysed text field would match).
      return `(${name}:${phrase(value)} OR ${name}.words:${phrase(value)} OR ${name}.text:${phrase(value)})`;
    }
    if (helium === 'logical_key') return `${name}.text:${wild ? escapeTerm(value, true) : phrase(value)}`;
    if (FOLDED_FIELDS.has(helium) || helium.startsWith('user_meta.') || helium.startsWith('meta.'))
      return this.folded(raw, name, value, wild);
    return `${name}:${raw}`;
  }

  /**
   * A word of a text field, also in every spelling that folds as it does (`resume` finds
   * `résumé`, `abc` finds `ＡＢＣ`: opensearch-folding.ts), as the embedded index finds it.
   * @param raw - the term as written for the query.
   * @param name - the index's field (null: the free-text fields).
   * @param value - the term's text, unescaped.
   * @param wild - whether `*` and `?` in it are wildcards.
   * @returns the clause.
   */
  folded(raw: string, name: string | null, value: string, wild: boolean): string {
    const field = name === null ? '' : `${name}:`;
    const regex = foldingRegex(value, wild);
    return regex === null ? `${field}${raw}` : `(${field}${raw} OR ${field}${regex})`;
  }

  range(node: lucene.RangeNode, field: string | null): string {
    if (field === null) return NONE; // compileQuery refused it already
    const { name, helium } = this.mapped(field);
    if (helium === 'type' || name === null) return NONE;
    const open = node.inclusive === 'both' || node.inclusive === 'left' ? '[' : '{';
    const close = node.inclusive === 'both' || node.inclusive === 'right' ? ']' : '}';
    return `${name}:${open}${node.term_min} TO ${node.term_max}${close}`;
  }
}

/**
 * Write a query for one of a bucket's indexes.
 * @param query - the person's query (`*` or empty: everything).
 * @param kind - which index.
 * @returns the query_string text, the free-text fields, and whether it names delete_marker.
 * @throws HeliumError `InvalidInput` exactly as the embedded backend does (syntax with its column,
 *   unknown field, a value of the wrong kind, a regular expression).
 */
export function indexQuery(query: string, kind: IndexKind): IndexQuery {
  const text = query.trim();
  const fields = FREE_TEXT[kind];
  if (text === '' || text === '*') return { query: ALL, fields, mentionsDeleteMarker: false };
  compileQuery(text); // the same checks, the same messages
  const writer = new Writer(kind);
  const written = writer.node(parseQuery(text), null);
  return { query: written, fields, mentionsDeleteMarker: writer.mentionsDeleteMarker };
}
