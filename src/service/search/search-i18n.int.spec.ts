/**
 * Words beyond ASCII in the embedded index (Chinese, Japanese, Korean, emoji, accents, full-width
 * forms, case in other scripts), the same queries on osmem-server (OpenSearch's `standard`
 * analyzer), and an index of the previous format (version 3, split by SQLite's `unicode61`):
 * migrated in place, an older one emptied and said so, a newer one refused.
 * @jest-environment-options {"customExportConditions": ["node", "require", "default"]}
 */
import { startOsmem, Osmem } from '../../testing/osmem';
import { identities } from '../../testing/search-parity';
import { EmbeddedSearchIndex } from './embedded';
import { OpenSearchIndex } from './opensearch';
import { nodeOpenSearchTransport } from './opensearch-node';
import type { ObjectDoc } from './schema';
import { extensionOf, SCHEMA_VERSION } from './schema';
import { memoryStorage, SqlStatement } from './sql';
import { openNodeSqlite } from './sqlite-node';
import type { IndexChanges, SearchIndex } from './types';

jest.setTimeout(60_000);

/** An object's document as a sync would make it. */
function doc(key: string, userMeta: Record<string, unknown> | null, n: number): ObjectDoc {
  return {
    key,
    ext: extensionOf(key),
    size: 10 + n,
    lastModified: Date.UTC(2024, 0, 1) + n * 60_000,
    versionId: `v${n}`,
    etag: `"e${n}"`,
    contentType: null,
    deleteMarker: false,
    userMeta,
    target: null,
    otherMeta: null
  };
}

const DOCS: ObjectDoc[] = [
  doc('reports/東京の気温.csv', { city: '東京', note: '日本語のメモ' }, 1),
  doc('weather/気象/温度.csv', null, 2),
  doc('kr/데이터를_정리.txt', { title: '데이터 분석' }, 3),
  doc('people/Müller.json', { author: 'Jürgen Müller' }, 4),
  doc('notes/naïve café.md', null, 5),
  doc('cv/résumé.pdf', null, 6),
  doc('storms/🌀 hurricane.txt', { tag: '🌀' }, 7),
  doc('fw/ＡＢＣ１２３.txt', null, 8)
];

const CHANGES: IndexChanges = { upsertObjects: DOCS, deleteObjects: [], upsertSnapshots: [], deleteSnapshots: [], wholeBucket: true };

/** The keys a query finds. */
async function keys(index: SearchIndex, query: string): Promise<string[]> {
  return (await index.search(query)).hits.map(h => h.key).sort();
}

describe('the embedded index finds words as a person types them', () => {
  let index: EmbeddedSearchIndex;

  beforeAll(async () => {
    index = await EmbeddedSearchIndex.open(memoryStorage(), openNodeSqlite);
    await index.apply(CHANGES, new Date());
  });

  afterAll(async () => {
    await index?.close();
  });

  it('finds a CJK word inside a longer run, its characters side by side', async () => {
    expect(await keys(index, '気温')).toEqual(['reports/東京の気温.csv']);
    expect(await keys(index, '東京')).toEqual(['reports/東京の気温.csv']);
    expect(await keys(index, 'key:気温')).toEqual(['reports/東京の気温.csv']);
    expect(await keys(index, '데이터')).toEqual(['kr/데이터를_정리.txt']);
    expect(await keys(index, 'key:정리')).toEqual(['kr/데이터를_정리.txt']);
    expect(await keys(index, '気*')).toEqual(['reports/東京の気温.csv', 'weather/気象/温度.csv']);
  });

  it('finds metadata words in CJK, emoji and any case', async () => {
    expect(await keys(index, 'user_meta.city:東京')).toEqual(['reports/東京の気温.csv']);
    expect(await keys(index, 'user_meta.note:メモ')).toEqual(['reports/東京の気温.csv']);
    expect(await keys(index, 'user_meta.note:日本語*')).toEqual(['reports/東京の気温.csv']);
    expect(await keys(index, 'user_meta.title:데이터')).toEqual(['kr/데이터를_정리.txt']);
    expect(await keys(index, 'user_meta.author:MÜLLER')).toEqual(['people/Müller.json']);
    expect(await keys(index, 'user_meta.author:jurgen')).toEqual(['people/Müller.json']);
    expect(await keys(index, 'user_meta.tag:🌀')).toEqual(['storms/🌀 hurricane.txt']);
  });

  it('finds an emoji, and accented, upper-case and full-width words by their plain spelling', async () => {
    expect(await keys(index, '🌀')).toEqual(['storms/🌀 hurricane.txt']);
    expect(await keys(index, 'MÜLLER')).toEqual(['people/Müller.json']);
    expect(await keys(index, 'muller')).toEqual(['people/Müller.json']);
    expect(await keys(index, 'naive AND cafe')).toEqual(['notes/naïve café.md']);
    expect(await keys(index, 'resume')).toEqual(['cv/résumé.pdf']);
    expect(await keys(index, 'résumé')).toEqual(['cv/résumé.pdf']);
    expect(await keys(index, 'abc123')).toEqual(['fw/ＡＢＣ１２３.txt']);
    expect(await keys(index, 'ＡＢＣ１２３')).toEqual(['fw/ＡＢＣ１２３.txt']);
  });
});

describe('the same words on OpenSearch (osmem-server)', () => {
  let osmem: Osmem;
  let embedded: EmbeddedSearchIndex;
  let remote: OpenSearchIndex;

  beforeAll(async () => {
    osmem = await startOsmem();
    remote = new OpenSearchIndex({ transport: nodeOpenSearchTransport(osmem.url), bucket: 'i18n-words' });
    embedded = await EmbeddedSearchIndex.open(memoryStorage(), openNodeSqlite);
    await remote.apply(CHANGES, new Date());
    await embedded.apply(CHANGES, new Date());
  });

  afterAll(async () => {
    await embedded?.close();
    await osmem?.stop();
  });

  it('agree on CJK words (as phrases), emoji, and words typed as written', async () => {
    for (const query of [
      '気温',
      '東京',
      'user_meta.city:東京',
      '🌀',
      'hurricane',
      'résumé',
      'MÜLLER',
      'café',
      'user_meta.author:müller',
      '데이터'
    ]) {
      const [left, right] = [identities(await embedded.search(query)), identities(await remote.search(query))];
      expect({ query, hits: left }).toEqual({ query, hits: right });
      expect(left.length).toBeGreaterThan(0);
    }
  });

  it('agree on accented, upper-case and full-width words typed plainly (each word also in every spelling that folds alike)', async () => {
    // Not `abc123`: osmem indexes `ＡＢＣ１２３` as two tokens (its _analyze says one, as OpenSearch's
    // standard tokenizer makes), so no one-token expression matches it there; `abc*` shows the width folding.
    for (const query of ['resume', 'muller', 'abc*', 'naive AND cafe', 'RESUME', 'user_meta.author:jurgen', 'res*', 'MÜL*']) {
      const [left, right] = [identities(await embedded.search(query)), identities(await remote.search(query))];
      expect({ query, hits: left }).toEqual({ query, hits: right });
      expect(left.length).toBeGreaterThan(0);
    }
  });

  it('differ where a phrase is typed without its accents, or the standard analyzer splits Korean by spaces only', async () => {
    // The README says so: the embedded index finds these, OpenSearch's standard analyzer does not.
    for (const query of ['"naive cafe"', 'key:데이터']) {
      expect({ query, embedded: (await embedded.search(query)).total }).toEqual({ query, embedded: 1 });
      expect({ query, opensearch: (await remote.search(query)).total }).toEqual({ query, opensearch: 0 });
    }
  });
});

/** Version 3's tables, as helium wrote them before words.ts (SQLite's unicode61 split the text). */
const V3_SCHEMA = [
  `CREATE TABLE info (name TEXT PRIMARY KEY, value TEXT)`,
  `CREATE TABLE docs (id INTEGER PRIMARY KEY, type TEXT NOT NULL, key TEXT NOT NULL, ext TEXT, size INTEGER,
    last_modified INTEGER, version_id TEXT, etag TEXT, content_type TEXT, delete_marker INTEGER NOT NULL DEFAULT 0,
    user_meta TEXT, target TEXT, other_meta TEXT, name TEXT, top_hash TEXT, message TEXT, folder TEXT,
    logical_keys TEXT, has_content INTEGER NOT NULL DEFAULT 0, UNIQUE (type, key, top_hash))`,
  `CREATE VIRTUAL TABLE docs_fts USING fts5(key, meta, message, logical_keys, content, tokenize = 'unicode61 remove_diacritics 2')`
];

/** A saved index image of a given format version holding `DOCS` as version 3 stored them. */
async function oldImage(version: string): Promise<Uint8Array> {
  const db = await openNodeSqlite(null);
  const statements: SqlStatement[] = [
    ...V3_SCHEMA.map(sql => ({ sql })),
    { sql: `INSERT INTO info (name, value) VALUES ('schema', ?), ('synced_at', ?)`, params: [version, '2024-06-01T00:00:00.000Z'] }
  ];
  for (const d of DOCS) {
    statements.push(
      {
        sql: `INSERT INTO docs (type, key, top_hash, ext, size, last_modified, version_id, etag, user_meta) VALUES ('object', ?, '', ?, ?, ?, ?, ?, ?)`,
        params: [d.key, d.ext, d.size, d.lastModified, d.versionId, d.etag, d.userMeta ? JSON.stringify(d.userMeta) : null]
      },
      {
        sql: `INSERT INTO docs_fts (rowid, key, meta, message, logical_keys, content) VALUES (last_insert_rowid(), ?, ?, '', '', ?)`,
        params: [d.key, d.userMeta ? Object.values(d.userMeta).join(' ') : '', d.key.includes('東京') ? '気温の記録 albatross' : '']
      }
    );
  }
  await db.transaction(statements);
  const image = await db.export();
  await db.close();
  return image;
}

describe('an index of an older format', () => {
  it('migrates a version 3 index in place: its words re-split, contents kept, saved once', async () => {
    const storage = memoryStorage();
    await storage.save(await oldImage('3'));
    const index = await EmbeddedSearchIndex.open(storage, openNodeSqlite);
    try {
      expect(await keys(index, '気温')).toEqual(['reports/東京の気温.csv']);
      expect(await keys(index, 'user_meta.author:MÜLLER')).toEqual(['people/Müller.json']);
      expect(await keys(index, 'content:記録')).toEqual(['reports/東京の気温.csv']);
      expect(await keys(index, '🌀')).toEqual(['storms/🌀 hurricane.txt']);
      const status = await index.status();
      expect(status).toMatchObject({ objects: DOCS.length, syncedAt: new Date('2024-06-01T00:00:00.000Z') });
      expect(status.rebuildFrom).toBeUndefined();
    } finally {
      await index.close();
    }
    const saved = await openNodeSqlite(await storage.load());
    try {
      expect(await saved.all(`SELECT value FROM info WHERE name = 'schema'`)).toEqual([{ value: SCHEMA_VERSION }]);
    } finally {
      await saved.close();
    }
  });

  it('empties an index older than version 3 and says it needs a rebuild until a whole-bucket sync', async () => {
    const storage = memoryStorage();
    await storage.save(await oldImage('2'));
    const index = await EmbeddedSearchIndex.open(storage, openNodeSqlite);
    try {
      expect(await index.status()).toMatchObject({ objects: 0, syncedAt: null, rebuildFrom: '2' });
      await index.apply({ ...CHANGES, wholeBucket: false }, new Date());
      expect((await index.status()).rebuildFrom).toBe('2');
      await index.apply(CHANGES, new Date());
      expect((await index.status()).rebuildFrom).toBeUndefined();
    } finally {
      await index.close();
    }
  });

  it('refuses an index of a newer format and leaves it as it is', async () => {
    const storage = memoryStorage();
    const image = await oldImage('99');
    await storage.save(image);
    await expect(EmbeddedSearchIndex.open(storage, openNodeSqlite)).rejects.toMatchObject({ kind: 'Conflict', code: 'IndexTooNew' });
    expect(await storage.load()).toBe(image);
  });
});
