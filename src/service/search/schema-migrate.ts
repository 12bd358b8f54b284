/**
 * Bringing an embedded index of an older layout up to {@link SCHEMA_VERSION}. Version 3 differs
 * from 4 only in how its text is split into words, and an FTS5 table keeps the text it was given,
 * so a version 3 index is re-split in place from what it holds (no S3 request, contents kept).
 * Anything older cannot be: the caller empties it, and the index says it needs a rebuild rather
 * than answer from words split another way.
 */
import { HeliumError } from '../error-class';
import { FTS_TABLE_SQL, metaWordsJson, SCHEMA_VERSION } from './schema';
import type { SqlDatabase, SqlStatement } from './sql';
import { indexedText } from './words';

/** Documents re-split per transaction (bounds the statements held at once). */
const BATCH = 500;

/** What {@link checkSchema} found. */
export type SchemaCheck = 'current' | 'empty' | 'migrated' | { rebuild: string };

/**
 * The layout version of an index, or null for a database without one (new, empty).
 * @param db - the database.
 * @returns the version text.
 */
async function storedVersion(db: SqlDatabase): Promise<string | null> {
  const info = await db.all(`SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'info'`);
  if (info.length === 0) return null;
  const rows = await db.all(`SELECT value FROM info WHERE name = 'schema'`);
  return rows.length === 0 ? null : String(rows[0].value);
}

/**
 * Check an opened index's layout and migrate it when it can be.
 * @param db - the database.
 * @param location - where the index is, for the error.
 * @returns `current`, `empty` (no layout yet), `migrated` (re-split in place; save it), or the
 *   older version that cannot be migrated (the caller starts afresh and says so).
 * @throws HeliumError `Conflict` for an index written by a newer helium (left as it is).
 */
export async function checkSchema(db: SqlDatabase, location: string): Promise<SchemaCheck> {
  const version = await storedVersion(db);
  if (version === null) return 'empty';
  if (version === SCHEMA_VERSION) return 'current';
  if (Number(version) > Number(SCHEMA_VERSION)) {
    throw new HeliumError(
      'Conflict',
      `The search index at ${location} was written by a newer helium (index format ${version}; this one reads ${SCHEMA_VERSION}). Update helium, or delete the file to rebuild it.`,
      { code: 'IndexTooNew' }
    );
  }
  if (version === '3') {
    await migrateFrom3(db);
    return 'migrated';
  }
  return { rebuild: version };
}

/**
 * Re-split a version 3 index's text (words.ts) into a new FTS table, add `meta_words`, then swap
 * the tables and record version 4 in one last transaction: until then the index is still a
 * whole version 3 one.
 * @param db - the database.
 */
async function migrateFrom3(db: SqlDatabase): Promise<void> {
  const columns = await db.all(`SELECT name FROM pragma_table_info('docs') WHERE name = 'meta_words'`);
  await db.transaction([
    { sql: `DROP TABLE IF EXISTS docs_fts_new` },
    { sql: FTS_TABLE_SQL('docs_fts_new') },
    ...(columns.length === 0 ? [{ sql: `ALTER TABLE docs ADD COLUMN meta_words TEXT` }] : [])
  ]);
  for (let after = -1; ;) {
    const rows = await db.all(
      `SELECT f.rowid AS id, f.key, f.meta, f.message, f.logical_keys, f.content, d.user_meta
         FROM docs_fts f JOIN docs d ON d.id = f.rowid WHERE f.rowid > ? ORDER BY f.rowid LIMIT ?`,
      [after, BATCH]
    );
    if (rows.length === 0) break;
    const statements: SqlStatement[] = [];
    for (const row of rows) {
      const text = (name: string) => indexedText(String(row[name] ?? ''));
      statements.push(
        {
          sql: `INSERT INTO docs_fts_new (rowid, key, meta, message, logical_keys, content) VALUES (?, ?, ?, ?, ?, ?)`,
          params: [row.id, text('key'), text('meta'), text('message'), text('logical_keys'), text('content')]
        },
        {
          sql: `UPDATE docs SET meta_words = ? WHERE id = ?`,
          params: [typeof row.user_meta === 'string' ? metaWordsJson(JSON.parse(row.user_meta)) : null, row.id]
        }
      );
    }
    await db.transaction(statements);
    after = Number(rows[rows.length - 1].id);
  }
  await db.transaction([
    { sql: `DROP TABLE docs_fts` },
    { sql: `ALTER TABLE docs_fts_new RENAME TO docs_fts` },
    { sql: `INSERT OR REPLACE INTO info (name, value) VALUES ('schema', ?)`, params: [SCHEMA_VERSION] }
  ]);
}
