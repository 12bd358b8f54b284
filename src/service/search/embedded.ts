/**
 * The embedded search backend: SQLite FTS5 (see schema.ts), queried with compiled
 * `query_string` conditions (query.ts), persisted through an {@link IndexStorage}.
 */
import { facetCounts } from './embedded-facets';
import { compileQuery, prefixGlob } from './query';
import {
  deleteObjectStatements,
  deleteSnapshotStatements,
  SCHEMA_SQL,
  SCHEMA_VERSION,
  upsertObjectStatements,
  upsertSnapshotStatements
} from './schema';
import { checkSchema, SchemaCheck } from './schema-migrate';
import type { IndexStorage, SqlDatabase, SqlRow, SqlStatement, SqlValue } from './sql';
import type { IndexChanges, IndexedObjectState, IndexStatus, SearchHit, SearchIndex, SearchOptions, SearchResult } from './types';

/** Opens an SQLite database from an image (Node: a worker thread; browser: a Web Worker). */
export type OpenSqlite = (image: Uint8Array | null) => Promise<SqlDatabase>;

/** Parse JSON text from a column, or null. */
function json(value: SqlValue): unknown {
  return typeof value === 'string' ? JSON.parse(value) : null;
}

/** A `docs` row as a hit. */
function toHit(row: SqlRow): SearchHit {
  const time = new Date(Number(row.last_modified ?? 0)).toISOString();
  if (row.type === 'snapshot') {
    return {
      type: 'snapshot',
      key: String(row.key),
      version_id: null,
      meta: json(row.user_meta),
      size: null,
      time,
      top_hash: String(row.top_hash),
      message: row.message as string | null,
      folder: row.folder as string | null
    };
  }
  return {
    type: 'object',
    key: String(row.key),
    version_id: row.version_id as string,
    meta: json(row.user_meta),
    size: Number(row.size),
    time,
    ext: String(row.ext ?? ''),
    etag: row.etag as string | null,
    content_type: row.content_type as string | null,
    delete_marker: row.delete_marker === 1,
    target: row.target as string | null,
    other_meta: json(row.other_meta) as Record<string, string> | null
  };
}

/** The statements that apply a set of changes (deletions first, so a re-added key ends up present). */
function changeStatements(changes: IndexChanges): SqlStatement[] {
  const statements: SqlStatement[] = [];
  for (const key of changes.deleteObjects) statements.push(...deleteObjectStatements(key));
  for (const doc of changes.upsertObjects) statements.push(...upsertObjectStatements(doc));
  for (const s of changes.deleteSnapshots) statements.push(...deleteSnapshotStatements(s.name, s.topHash));
  for (const doc of changes.upsertSnapshots) statements.push(...upsertSnapshotStatements(doc));
  return statements;
}

/** The indexed state of some keys, as comparable text, and its time (to tell which another writer changed). */
async function statesOf(db: SqlDatabase, keys: string[]): Promise<Map<string, { state: string; time: number }>> {
  const rows = await db.all(
    `SELECT key, version_id, etag, last_modified, delete_marker FROM docs WHERE type = 'object' AND key IN (SELECT value FROM json_each(?))`,
    [JSON.stringify(keys)]
  );
  return new Map(
    rows.map(r => [
      String(r.key),
      { state: JSON.stringify([r.version_id, r.etag, r.last_modified, r.delete_marker]), time: Number(r.last_modified) }
    ])
  );
}

/**
 * Our changes, to apply on an image another writer saved after we loaded ours: a key that writer
 * changed (its state differs from the one we started from) keeps its document, unless ours is an
 * upsert of a later version. Snapshots are immutable: their changes always apply.
 * @param base - the index as we loaded it (our changes not applied yet).
 * @param fresh - the index as the other writer saved it.
 * @param changes - our changes.
 * @returns the changes to apply on `fresh`.
 */
async function mergeChanges(base: SqlDatabase, fresh: SqlDatabase, changes: IndexChanges): Promise<IndexChanges> {
  const keys = [...changes.deleteObjects, ...changes.upsertObjects.map(d => d.key)];
  if (keys.length === 0) return changes;
  const [before, theirs] = await Promise.all([statesOf(base, keys), statesOf(fresh, keys)]);
  const untouched = (key: string) => before.get(key)?.state === theirs.get(key)?.state;
  return {
    ...changes,
    deleteObjects: changes.deleteObjects.filter(untouched),
    upsertObjects: changes.upsertObjects.filter(d => untouched(d.key) || d.lastModified > (theirs.get(d.key)?.time ?? -Infinity))
  };
}

/** The embedded index of one bucket. */
export class EmbeddedSearchIndex implements SearchIndex {
  private constructor(
    private db: SqlDatabase,
    private readonly storage: IndexStorage,
    private readonly openSqlite: OpenSqlite
  ) {}

  /**
   * Open (or create) an index.
   * @param storage - where its bytes are kept.
   * @param openSqlite - how to open SQLite here.
   * @returns the index.
   */
  static async open(storage: IndexStorage, openSqlite: OpenSqlite): Promise<EmbeddedSearchIndex> {
    let db = await openSqlite(await storage.load());
    let check: SchemaCheck;
    try {
      check = await checkSchema(db, storage.location);
    } catch (err) {
      await db.close();
      throw err;
    }
    if (typeof check === 'object') {
      // Words split another way cannot be re-split from here: start empty (the next sync fills
      // it) and say so, rather than answer from an index that would miss words.
      await db.close();
      db = await openSqlite(null);
    }
    await db.transaction([
      ...SCHEMA_SQL.map(sql => ({ sql })),
      { sql: `INSERT OR REPLACE INTO info (name, value) VALUES ('schema', ?)`, params: [SCHEMA_VERSION] },
      ...(typeof check === 'object'
        ? [{ sql: `INSERT OR REPLACE INTO info (name, value) VALUES ('rebuild_from', ?)`, params: [check.rebuild] }]
        : [])
    ]);
    if (check === 'migrated') {
      // Saved under the lock, unless another process saved meanwhile: its image is migrated when
      // it is next opened, and our next change merges onto it (commit).
      const release = await storage.lock?.();
      try {
        if (!(await storage.changedSinceLoad?.())) await storage.save(await db.export());
      } finally {
        await release?.();
      }
    }
    return new EmbeddedSearchIndex(db, storage, openSqlite);
  }

  /** Where the index is kept. */
  get location(): string {
    return this.storage.location;
  }

  async search(query: string, options: SearchOptions = {}): Promise<SearchResult> {
    const condition = compileQuery(query);
    const where: string[] = [`(${condition.sql})`];
    const params: SqlValue[] = [...condition.params];
    if (!condition.mentionsDeleteMarker) {
      where.push('docs.delete_marker = 0');
    }
    if (options.prefix) {
      where.push(`((docs.type = 'object' AND docs.key GLOB ?) OR (docs.type = 'snapshot' AND docs.folder GLOB ?))`);
      params.push(prefixGlob(options.prefix), prefixGlob(options.prefix));
    }
    const filter = where.join(' AND ');
    const limit = Math.max(0, Math.min(10_000, Math.floor(options.limit ?? 100)));
    const offset = Math.max(0, Math.floor(options.offset ?? 0));
    // `id` last: a total order (snapshots of one package can share a time), so pages never overlap.
    const rows = await this.db.all(`SELECT * FROM docs WHERE ${filter} ORDER BY last_modified DESC, key, id LIMIT ? OFFSET ?`, [
      ...params,
      limit,
      offset
    ]);
    const [{ n }] = await this.db.all(`SELECT count(*) AS n FROM docs WHERE ${filter}`, params);
    const result: SearchResult = { hits: rows.map(toHit), total: Number(n) };
    if (options.facets) {
      result.facets = await facetCounts(this.db, filter, params, options.prefix ?? '');
    }
    return result;
  }

  async status(): Promise<IndexStatus> {
    const info = await this.db.all(
      `SELECT name, value FROM info WHERE name IN ('synced_at', 'index_content', 'rebuild_from', 'current_only')`
    );
    const value = (name: string) => info.find(r => r.name === name)?.value;
    const rows = await this.db.all(`SELECT type, count(*) AS n FROM docs GROUP BY type`);
    const of = (type: string) => Number(rows.find(r => r.type === type)?.n ?? 0);
    const synced = value('synced_at');
    return {
      syncedAt: synced ? new Date(String(synced)) : null,
      objects: of('object'),
      snapshots: of('snapshot'),
      ...(value('index_content') === '1' ? { indexContent: true } : {}),
      ...(value('rebuild_from') ? { rebuildFrom: String(value('rebuild_from')) } : {}),
      ...(value('current_only') === '1' ? { currentOnly: true } : {})
    };
  }

  async objectStates(prefix: string): Promise<Map<string, IndexedObjectState>> {
    const rows = await this.db.all(
      `SELECT key, version_id, etag, last_modified, delete_marker FROM docs WHERE type = 'object' AND key GLOB ?`,
      [prefixGlob(prefix)]
    );
    return new Map(
      rows.map(r => [
        String(r.key),
        {
          versionId: String(r.version_id),
          etag: r.etag as string | null,
          lastModified: Number(r.last_modified),
          deleteMarker: r.delete_marker === 1
        }
      ])
    );
  }

  async snapshotIds(): Promise<Set<string>> {
    const rows = await this.db.all(`SELECT key, top_hash FROM docs WHERE type = 'snapshot'`);
    return new Set(rows.map(r => `${r.key}@${r.top_hash}`));
  }

  async apply(changes: IndexChanges, syncedAt: Date): Promise<void> {
    await this.commit(changes, merged => {
      const statements = changeStatements(merged);
      statements.push({ sql: `INSERT OR REPLACE INTO info (name, value) VALUES ('synced_at', ?)`, params: [syncedAt.toISOString()] });
      // A sync of the whole bucket fills an index emptied for its old format (a prefix's does not).
      if (merged.wholeBucket) {
        statements.push({ sql: `DELETE FROM info WHERE name = 'rebuild_from'` });
      }
      if (merged.settings) {
        statements.push({
          sql: `INSERT OR REPLACE INTO info (name, value) VALUES ('index_content', ?)`,
          params: [merged.settings.indexContent ? '1' : '0']
        });
        if (merged.settings.currentOnly !== undefined) {
          statements.push({
            sql: `INSERT OR REPLACE INTO info (name, value) VALUES ('current_only', ?)`,
            params: [merged.settings.currentOnly ? '1' : '0']
          });
        }
      }
      return statements;
    });
  }

  /**
   * Apply changes our own writes made, in one transaction, then persist. Unlike {@link apply} it
   * leaves the sync time alone: the rest of the bucket is no fresher than the last sync.
   * @param changes - the documents to upsert and delete.
   */
  async applyChanges(changes: IndexChanges): Promise<void> {
    await this.commit(changes, changeStatements);
  }

  /**
   * Apply changes and save, under the storage's lock. When another process saved the index since
   * this one loaded it, its image is taken first and our changes are applied to it, except for
   * keys it changed meanwhile (its document is newer than what we started from), so neither
   * writer's update is lost.
   */
  private async commit(changes: IndexChanges, statementsOf: (changes: IndexChanges) => SqlStatement[]): Promise<void> {
    const release = await this.storage.lock?.();
    try {
      let apply = changes;
      if (await this.storage.changedSinceLoad?.()) {
        const fresh = await this.openSqlite(await this.storage.load());
        let check: SchemaCheck;
        try {
          check = await checkSchema(fresh, this.storage.location);
          if (check === 'current' || check === 'migrated') {
            apply = await mergeChanges(this.db, fresh, changes);
          }
        } catch (err) {
          await fresh.close();
          throw err;
        }
        if (check === 'current' || check === 'migrated') {
          await this.db.close();
          this.db = fresh;
        } else {
          // Removed, or written over by an older helium: ours is the index to keep.
          await fresh.close();
        }
      }
      await this.db.transaction(statementsOf(apply));
      await this.storage.save(await this.db.export());
    } finally {
      await release?.();
    }
  }

  async close(): Promise<void> {
    await this.db.close();
  }
}
