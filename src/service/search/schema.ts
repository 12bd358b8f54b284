/**
 * The embedded index's tables: one row per document (an object's current version or delete
 * marker, or one snapshot), plain columns for filters and an FTS5 table over the text.
 */
import type { SqlStatement, SqlValue } from './sql';
import { indexedText } from './words';

/**
 * Bumped when the layout or the way text is split into words changes. Version 4 keeps text split
 * by words.ts (CJK characters, emoji, NFKC, case and diacritic folding) where version 3 let SQLite's
 * `unicode61` split it: a version 3 index is migrated in place (schema-migrate.ts), an older one is
 * emptied and says it needs a rebuild, a newer one is refused.
 */
export const SCHEMA_VERSION = '4';

/** The full-text table: text split by words.ts, so FTS5 only splits at spaces (`ascii`: any non-ASCII character is part of a word). */
export const FTS_TABLE_SQL = (name: string): string =>
  `CREATE VIRTUAL TABLE IF NOT EXISTS ${name} USING fts5(key, meta, message, logical_keys, content, tokenize = 'ascii')`;

/** Creates the tables (idempotent). */
export const SCHEMA_SQL: string[] = [
  `CREATE TABLE IF NOT EXISTS info (name TEXT PRIMARY KEY, value TEXT)`,
  `CREATE TABLE IF NOT EXISTS docs (
    id INTEGER PRIMARY KEY,
    type TEXT NOT NULL,
    key TEXT NOT NULL,
    ext TEXT,
    size INTEGER,
    last_modified INTEGER,
    version_id TEXT,
    etag TEXT,
    content_type TEXT,
    delete_marker INTEGER NOT NULL DEFAULT 0,
    user_meta TEXT,
    target TEXT,
    other_meta TEXT,
    name TEXT,
    top_hash TEXT,
    message TEXT,
    folder TEXT,
    logical_keys TEXT,
    has_content INTEGER NOT NULL DEFAULT 0,
    meta_words TEXT,
    UNIQUE (type, key, top_hash)
  )`,
  `CREATE INDEX IF NOT EXISTS docs_time ON docs (last_modified)`,
  `CREATE INDEX IF NOT EXISTS docs_ext ON docs (ext)`,
  `CREATE INDEX IF NOT EXISTS docs_size ON docs (size)`,
  // Free text: the key split into words, metadata values, the message, entries' logical keys, and
  // (when the index reads contents) the first ≤ 100 KB of a text-like object.
  FTS_TABLE_SQL('docs_fts')
];

/** An object's current version (or delete marker), as indexed. */
export interface ObjectDoc {
  key: string;
  ext: string;
  size: number;
  lastModified: number;
  versionId: string;
  etag: string | null;
  contentType: string | null;
  deleteMarker: boolean;
  userMeta: unknown;
  target: string | null;
  otherMeta: Record<string, string> | null;
  /** The first ≤ 100 KB of a text-like object as text, when the index reads contents; else absent or null. */
  content?: string | null;
}

/** A snapshot (Quilt package revision), as indexed. */
export interface SnapshotDoc {
  name: string;
  topHash: string;
  message: string | null;
  time: number;
  folder: string | null;
  packageMeta: unknown;
  logicalKeys: string[];
}

/**
 * The extension of a key as Quilt indexes it: lower case with its dot (`.csv`), `''` for none.
 * @param key - the key.
 * @returns the extension.
 */
export function extensionOf(key: string): string {
  const base = key.slice(key.lastIndexOf('/') + 1);
  const dot = base.lastIndexOf('.');
  return dot > 0 ? base.slice(dot).toLowerCase() : '';
}

/**
 * Every leaf value of a JSON value, as text (for full-text search of metadata).
 * @param value - the value.
 * @returns the leaves joined by spaces.
 */
export function metaText(value: unknown): string {
  const out: string[] = [];
  const walk = (v: unknown): void => {
    if (v === null || v === undefined) {
      return;
    }
    if (Array.isArray(v)) {
      v.forEach(walk);
    } else if (typeof v === 'object') {
      // Values only, not field names: free text matches what OpenSearch's `user_meta.*` does.
      Object.values(v as Record<string, unknown>).forEach(walk);
    } else {
      out.push(String(v));
    }
  };
  walk(value);
  return out.join(' ');
}

/**
 * The metadata with every string split into its words (words.ts), as JSON text, or null: what a
 * `user_meta.<field>:word` term matches word by word (user_meta keeps the values as written).
 * @param value - the metadata.
 * @returns the JSON text.
 */
export function metaWordsJson(value: unknown): string | null {
  const walk = (v: unknown): unknown => {
    if (typeof v === 'string') return indexedText(v);
    if (Array.isArray(v)) return v.map(walk);
    if (v !== null && typeof v === 'object') {
      return Object.fromEntries(Object.entries(v as Record<string, unknown>).map(([k, x]) => [k, walk(x)]));
    }
    return v;
  };
  return jsonOrNull(value === undefined || value === null ? value : walk(value));
}

/** JSON text of a value, or null for undefined/null. */
function jsonOrNull(value: unknown): string | null {
  return value === undefined || value === null ? null : JSON.stringify(value);
}

/**
 * The statements that insert or replace an object's document (and its full-text row).
 * @param doc - the document.
 * @returns the statements.
 */
export function upsertObjectStatements(doc: ObjectDoc): SqlStatement[] {
  const values: SqlValue[] = [
    doc.key,
    doc.ext,
    doc.size,
    doc.lastModified,
    doc.versionId,
    doc.etag,
    doc.contentType,
    doc.deleteMarker ? 1 : 0,
    jsonOrNull(doc.userMeta),
    doc.target,
    jsonOrNull(doc.otherMeta),
    metaWordsJson(doc.userMeta)
  ];
  const meta = [metaText(doc.userMeta), doc.target ?? '', metaText(doc.otherMeta)].join(' ').trim();
  const content = doc.content ?? '';
  return [
    ...deleteObjectStatements(doc.key),
    {
      sql: `INSERT INTO docs (type, key, top_hash, ext, size, last_modified, version_id, etag, content_type, delete_marker, user_meta, target, other_meta, meta_words, has_content)
            VALUES ('object', ?, '', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      params: [...values, content === '' ? 0 : 1]
    },
    {
      sql: `INSERT INTO docs_fts (rowid, key, meta, message, logical_keys, content) VALUES (last_insert_rowid(), ?, ?, '', '', ?)`,
      params: [indexedText(doc.key), indexedText(meta), indexedText(content)]
    }
  ];
}

/**
 * The statements that remove an object's document.
 * @param key - the key.
 * @returns the statements.
 */
export function deleteObjectStatements(key: string): SqlStatement[] {
  return [
    { sql: `DELETE FROM docs_fts WHERE rowid IN (SELECT id FROM docs WHERE type = 'object' AND key = ?)`, params: [key] },
    { sql: `DELETE FROM docs WHERE type = 'object' AND key = ?`, params: [key] }
  ];
}

/**
 * The statements that insert a snapshot's document (replacing one with the same name and hash).
 * @param doc - the document.
 * @returns the statements.
 */
export function upsertSnapshotStatements(doc: SnapshotDoc): SqlStatement[] {
  return [
    ...deleteSnapshotStatements(doc.name, doc.topHash),
    {
      sql: `INSERT INTO docs (type, key, top_hash, name, message, last_modified, folder, user_meta, meta_words, logical_keys, delete_marker)
            VALUES ('snapshot', ?, ?, ?, ?, ?, ?, ?, ?, ?, 0)`,
      params: [
        doc.name,
        doc.topHash,
        doc.name,
        doc.message,
        doc.time,
        doc.folder,
        jsonOrNull(doc.packageMeta),
        metaWordsJson(doc.packageMeta),
        JSON.stringify(doc.logicalKeys)
      ]
    },
    {
      sql: `INSERT INTO docs_fts (rowid, key, meta, message, logical_keys, content) VALUES (last_insert_rowid(), ?, ?, ?, ?, '')`,
      params: [
        indexedText(doc.name),
        indexedText(metaText(doc.packageMeta)),
        indexedText(doc.message ?? ''),
        indexedText(doc.logicalKeys.join(' '))
      ]
    }
  ];
}

/**
 * The statements that remove one snapshot's document.
 * @param name - the package name.
 * @param topHash - its top hash.
 * @returns the statements.
 */
export function deleteSnapshotStatements(name: string, topHash: string): SqlStatement[] {
  const where = `type = 'snapshot' AND key = ? AND top_hash = ?`;
  return [
    { sql: `DELETE FROM docs_fts WHERE rowid IN (SELECT id FROM docs WHERE ${where})`, params: [name, topHash] },
    { sql: `DELETE FROM docs WHERE ${where}`, params: [name, topHash] }
  ];
}
