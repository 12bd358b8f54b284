/**
 * Lineage metadata (pure): what a snapshot taken from a notebook records, and reading it back.
 */
import { createHash } from 'crypto';
import { buildLineage, lineageMeta, readLineage } from './lineage';

const HASH = 'c'.repeat(64);
const notebookText = JSON.stringify({
  cells: [],
  metadata: {
    helium: {
      pins: [
        { name: 'in', uri: 's3://bucket/in/', package: 'team/in', top_hash: HASH, pinned_at: '2026-12-06T20:00:00Z', follows: 'latest' },
        { name: 'bad', uri: 'nope' }
      ]
    }
  }
});
const bytes = new TextEncoder().encode(notebookText);

describe('lineage', () => {
  it('hashes the bytes as saved and takes the valid pins from them', () => {
    expect(buildLineage({ notebookPath: 'a/b.ipynb', notebookBytes: bytes })).toEqual({
      notebook: { path: 'a/b.ipynb', sha256: createHash('sha256').update(bytes).digest('hex') },
      pins: [{ name: 'in', uri: 's3://bucket/in/', package: 'team/in', top_hash: HASH }]
    });
  });

  it('keeps the user metadata and other helium keys, replacing only helium.lineage', () => {
    const meta = lineageMeta({
      notebookPath: 'n.ipynb',
      notebookBytes: bytes,
      userMeta: { run: 3, helium: { mine: true, lineage: 'old' } }
    });
    expect(meta.run).toBe(3);
    expect((meta.helium as Record<string, unknown>).mine).toBe(true);
    expect(readLineage(meta)?.notebook.path).toBe('n.ipynb');
  });

  it('refuses metadata that cannot hold it, and reads nothing from metadata without it', () => {
    expect(() => lineageMeta({ notebookPath: 'n', notebookBytes: bytes, userMeta: [1] })).toThrow(/JSON object/);
    expect(() => lineageMeta({ notebookPath: 'n', notebookBytes: bytes, userMeta: { helium: 3 } })).toThrow(/reserved/);
    for (const meta of [undefined, null, {}, { helium: {} }, { helium: { lineage: { notebook: { path: 1 } } } }]) {
      expect(readLineage(meta)).toBeUndefined();
    }
  });
});
