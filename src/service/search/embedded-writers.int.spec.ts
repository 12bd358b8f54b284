/**
 * Two writers of one index file (as two `helium` processes): the later save takes the earlier's
 * image and adds its own changes, keeping the other's newer documents.
 * @jest-environment-options {"customExportConditions": ["node", "require", "default"]}
 */
import { promises as fs } from 'fs';
import * as os from 'os';
import * as path from 'path';
import { EmbeddedSearchIndex } from './embedded';
import type { ObjectDoc } from './schema';
import { openNodeSqlite } from './sqlite-node';
import { fileStorage } from './storage-node';
import type { IndexChanges } from './types';

jest.setTimeout(60_000);

let dir: string;

beforeEach(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'helium-writers-'));
});

afterEach(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

function doc(key: string, version: number): ObjectDoc {
  return {
    key,
    ext: '.txt',
    size: 1,
    lastModified: Date.UTC(2024, 0, 1) + version * 1000,
    versionId: `v${version}`,
    etag: `"e${version}"`,
    contentType: null,
    deleteMarker: false,
    userMeta: null,
    target: null,
    otherMeta: null
  };
}

const changes = (upsertObjects: ObjectDoc[], deleteObjects: string[] = []): IndexChanges => ({
  upsertObjects,
  deleteObjects,
  upsertSnapshots: [],
  deleteSnapshots: []
});

async function versions(file: string): Promise<Record<string, string>> {
  const index = await EmbeddedSearchIndex.open(fileStorage(file), openNodeSqlite);
  try {
    return Object.fromEntries([...(await index.objectStates('')).entries()].map(([k, s]) => [k, s.versionId]));
  } finally {
    await index.close();
  }
}

it("keeps both writers' updates, and the other's newer document over an older one of ours", async () => {
  const file = path.join(dir, 'b.sqlite3');
  const seed = await EmbeddedSearchIndex.open(fileStorage(file), openNodeSqlite);
  await seed.apply(changes([doc('shared.txt', 1), doc('gone.txt', 1)]), new Date());
  await seed.close();
  const sync = await EmbeddedSearchIndex.open(fileStorage(file), openNodeSqlite);
  const write = await EmbeddedSearchIndex.open(fileStorage(file), openNodeSqlite);
  try {
    // The write lands first: a new version of shared.txt, and gone.txt written again.
    await write.applyChanges(changes([doc('shared.txt', 3), doc('new-by-write.txt', 3), doc('gone.txt', 4)]));
    // The sync listed before it: an older version of shared.txt, and gone.txt missing.
    await sync.apply(changes([doc('shared.txt', 2), doc('new-by-sync.txt', 2)], ['gone.txt']), new Date());
  } finally {
    await sync.close();
    await write.close();
  }
  expect(await versions(file)).toEqual({ 'shared.txt': 'v3', 'gone.txt': 'v4', 'new-by-write.txt': 'v3', 'new-by-sync.txt': 'v2' });
});
