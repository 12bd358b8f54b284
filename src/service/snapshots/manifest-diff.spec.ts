/**
 * Unit tests of the snapshot diff: statuses, canonical metadata comparison, per-folder counts,
 * ordering, and 100,000 entries a side.
 */
import { LosslessNumber } from 'lossless-json';
import { requirePhysicalKey, samePhysicalKey } from './as-of-physical';
import {
  ancestorFolders,
  chunkedFromSha256,
  comparableJson,
  changedCount,
  compareContent,
  compareEntries,
  diffEntries,
  emptyCounts
} from './manifest-diff';
import type { ManifestEntry } from './types';

/** An entry with a hash made from `content`. */
function entry(logicalKey: string, content: string, options: { meta?: unknown; version?: string; size?: number } = {}): ManifestEntry {
  const e: ManifestEntry = {
    logical_key: logicalKey,
    physical_keys: [`s3://bkt/f/${encodeURI(logicalKey)}?versionId=${options.version ?? 'v1'}`],
    size: options.size ?? content.length,
    hash: { type: 'sha2-256-chunked', value: `h-${content}` }
  };
  if ('meta' in options) {
    e.meta = options.meta;
  }
  return e;
}

describe('compareEntries', () => {
  it('tells each status apart', () => {
    expect(compareEntries(entry('a', 'x'), entry('a', 'x'))).toBe('same');
    expect(compareEntries(entry('a', 'x'), entry('a', 'y'))).toBe('modified');
    expect(compareEntries(entry('a', 'x', { meta: { a: 1 } }), entry('a', 'x', { meta: { a: 2 } }))).toBe('metadata-changed');
    expect(compareEntries(entry('a', 'x'), entry('a', 'x', { version: 'v2' }))).toBe('same-content-new-version');
    // content wins over metadata
    expect(compareEntries(entry('a', 'x', { meta: { a: 1 } }), entry('a', 'y', { meta: { a: 2 } }))).toBe('modified');
  });

  it('never looks at ETags or object identity: equal metadata in another key order is the same', () => {
    const left = entry('a', 'x', { meta: { user_meta: { b: [1, { d: 1, c: 2 }], a: 'é' }, target: 'json' } });
    const right = entry('a', 'x', { meta: { target: 'json', user_meta: { a: 'é', b: [1, { c: 2, d: 1 }] } } });
    expect(compareEntries(left, right)).toBe('same');
    (right as unknown as Record<string, unknown>).etag = 'different';
    expect(compareEntries(left, right)).toBe('same');
  });

  it('treats null, missing and {} metadata alike', () => {
    expect(compareEntries(entry('a', 'x', { meta: null }), entry('a', 'x'))).toBe('same');
    expect(compareEntries(entry('a', 'x', { meta: {} }), entry('a', 'x', { meta: null }))).toBe('same');
    expect(compareEntries(entry('a', 'x', { meta: {} }), entry('a', 'x', { meta: { a: null } }))).toBe('metadata-changed');
    // quilt3 hashes `meta or {}`: whatever Python finds false is {}
    expect(compareEntries(entry('a', 'x', { meta: [] }), entry('a', 'x', { meta: {} }))).toBe('same');
  });

  it('compares numbers kept as text by a lossless parse with plain numbers', () => {
    const lossless = entry('a', 'x', { meta: { n: new LosslessNumber('1.0'), big: new LosslessNumber('12345678901234567890') } });
    expect(compareEntries(lossless, entry('a', 'x', { meta: { n: 1, big: BigInt('12345678901234567890') } }))).toBe('same');
    expect(compareEntries(lossless, entry('a', 'x', { meta: { n: 1.5, big: BigInt('12345678901234567890') } }))).toBe('metadata-changed');
    expect(compareEntries(lossless, entry('a', 'x', { meta: { n: '1.0', big: BigInt('12345678901234567890') } }))).toBe('metadata-changed');
  });

  it('compares physical keys as locations, not as text', () => {
    const a = entry('a b', 'x');
    const b = { ...entry('a b', 'x'), physical_keys: ['s3://bkt/f/a%20b?versionId=v1'] };
    const c = { ...entry('a b', 'x'), physical_keys: ['s3://bkt/f/a b?versionId=v1'] };
    expect(compareEntries(b, c)).toBe('same');
    expect(compareEntries(a, { ...c, physical_keys: ['s3://other/f/a b?versionId=v1'] })).toBe('same-content-new-version');
    expect(compareEntries(a, { ...c, physical_keys: ['s3://bkt/f/a b'] })).toBe('same-content-new-version');
  });
});

describe('comparableJson', () => {
  it('sorts keys recursively, drops undefined members and canonicalizes numbers', () => {
    expect(comparableJson({ b: 1, a: { d: [1, 2.5], c: undefined } })).toBe('{"a":{"d":[1,2.5]},"b":1}');
    expect(comparableJson([new LosslessNumber('1e+16'), new LosslessNumber('-0.0'), new LosslessNumber('1e-07')])).toBe(
      '[10000000000000000,0,1e-7]'
    );
    expect(comparableJson('\u00e9\ud83d\ude00')).toBe(JSON.stringify('\u00e9\ud83d\ude00'));
  });
});

describe('physical keys', () => {
  it('are percent-decoded as quilt3 writes them', () => {
    expect(requirePhysicalKey('s3://bkt/a/%C3%A9%20%2B%25.txt?versionId=abc.123')).toEqual({
      bucket: 'bkt',
      key: 'a/é +%.txt',
      versionId: 'abc.123'
    });
    expect(requirePhysicalKey('s3://bkt/a/b')).toEqual({ bucket: 'bkt', key: 'a/b' });
    expect(() => requirePhysicalKey('file:///tmp/x')).toThrow(/not an S3 object address/);
    expect(() => requirePhysicalKey('s3://bkt/folder/')).toThrow(/names no object/);
    expect(samePhysicalKey('s3://bkt/%C3%A9?versionId=1', 's3://bkt/é?versionId=1')).toBe(true);
    expect(samePhysicalKey('s3://bkt/é?versionId=1', 's3://bkt/é?versionId=2')).toBe(false);
    // A bucket without versions: quilt3 writes no version id, a listing gives "null".
    expect(samePhysicalKey('s3://bkt/a.txt', 's3://bkt/a.txt?versionId=null')).toBe(true);
    expect(samePhysicalKey('s3://bkt/a.txt', 's3://bkt/a.txt?versionId=1')).toBe(false);
  });
});

describe('diffEntries', () => {
  const left = [
    entry('keep.txt', 'k'),
    entry('gone.txt', 'g'),
    entry('a/mod.csv', 'old'),
    entry('a/b/meta.json', 'm', { meta: { user_meta: { v: 1 } } }),
    entry('a/b/again.bin', 'same', { version: 'v1' })
  ];
  const right = [
    entry('a/b/again.bin', 'same', { version: 'v2' }),
    entry('a/b/meta.json', 'm', { meta: { user_meta: { v: 2 } } }),
    entry('a/mod.csv', 'new'),
    entry('keep.txt', 'k'),
    entry('a/b/c/new.txt', 'n')
  ];

  it('lists the changes sorted by logical key, without the same files by default', () => {
    const diff = diffEntries(left, right);
    expect(diff.changes.map(c => [c.logicalKey, c.status])).toEqual([
      ['a/b/again.bin', 'same-content-new-version'],
      ['a/b/c/new.txt', 'added'],
      ['a/b/meta.json', 'metadata-changed'],
      ['a/mod.csv', 'modified'],
      ['gone.txt', 'deleted']
    ]);
    const added = diff.changes[1];
    expect(added.left).toBeUndefined();
    expect(added.right?.logical_key).toBe('a/b/c/new.txt');
    const deleted = diff.changes[4];
    expect(deleted.left?.logical_key).toBe('gone.txt');
    expect(deleted.right).toBeUndefined();
    expect(diff.changes[3].left?.hash.value).toBe('h-old');
    expect(diff.changes[3].right?.hash.value).toBe('h-new');
  });

  it('lists the same files on request', () => {
    const diff = diffEntries(left, right, { includeSame: true });
    expect(diff.changes.map(c => c.status)).toContain('same');
    expect(diff.changes.find(c => c.logicalKey === 'keep.txt')?.status).toBe('same');
    expect(diff.changes).toHaveLength(6);
  });

  it('counts every status under every ancestor folder', () => {
    const { folders } = diffEntries(left, right);
    expect([...folders.keys()].sort()).toEqual(['', 'a/', 'a/b/', 'a/b/c/']);
    expect(folders.get('')).toEqual({
      added: 1,
      deleted: 1,
      modified: 1,
      'metadata-changed': 1,
      'same-content-new-version': 1,
      same: 1
    });
    expect(folders.get('a/')).toEqual({ ...emptyCounts(), added: 1, modified: 1, 'metadata-changed': 1, 'same-content-new-version': 1 });
    expect(folders.get('a/b/')).toEqual({ ...emptyCounts(), added: 1, 'metadata-changed': 1, 'same-content-new-version': 1 });
    expect(folders.get('a/b/c/')).toEqual({ ...emptyCounts(), added: 1 });
    expect(changedCount(folders.get('') ?? emptyCounts())).toBe(5);
  });

  it('gives empty counts for two empty sides, and does not change its inputs', () => {
    expect(diffEntries([], [])).toEqual({ changes: [], folders: new Map([['', emptyCounts()]]) });
    const before = right.map(e => e.logical_key);
    diffEntries(left, right);
    expect(right.map(e => e.logical_key)).toEqual(before);
  });

  it('orders keys by code unit, so folders and files with shared prefixes merge correctly', () => {
    // Quilt's tree order puts a/b before a.txt; the merge must not depend on the input order.
    const l = [entry('a/b', '1'), entry('a.txt', '2'), entry('a-b', '3'), entry('\u00e9', '4'), entry('\ud83d\ude00', '5')];
    const r = [entry('\ud83d\ude00', '5'), entry('a.txt', '2'), entry('a/b', '1'), entry('\u00e9', '4x'), entry('a-b', '3')];
    const diff = diffEntries(l, r, { includeSame: true });
    expect(diff.changes.map(c => c.status)).toEqual(['same', 'same', 'same', 'modified', 'same']);
    expect(diff.changes.map(c => c.logicalKey)).toEqual(['a-b', 'a.txt', 'a/b', '\u00e9', '\ud83d\ude00']);
  });

  it('lists ancestor folders', () => {
    expect(ancestorFolders('x')).toEqual(['']);
    expect(ancestorFolders('a/b/c.txt')).toEqual(['', 'a/', 'a/b/']);
    expect(ancestorFolders('a//c')).toEqual(['', 'a/', 'a//']);
  });

  it('diffs 100,000 entries a side by sort and merge', () => {
    const n = 100_000;
    const make = (i: number, content: string) => entry(`d${i % 100}/sub${i % 7}/file-${i}.csv`, content);
    const l: ManifestEntry[] = [];
    const r: ManifestEntry[] = [];
    for (let i = 0; i < n; i++) {
      l.push(make(i, 'x'));
      if (i % 1000 !== 1) {
        r.push(make(i, i % 100 === 3 ? 'y' : 'x'));
      }
    }
    r.push(entry('zz/new.txt', 'n'));
    l.reverse();
    const diff = diffEntries(l, r);
    const total = diff.folders.get('') ?? emptyCounts();
    expect(total.deleted).toBe(100);
    expect(total.modified).toBe(1000);
    expect(total.added).toBe(1);
    expect(total.same).toBe(n - 1100);
    expect(diff.changes).toHaveLength(1101);
    expect(diff.folders.get('d3/')?.modified).toBe(1000);
    expect(diff.folders.size).toBe(1 + 100 + 700 + 1);
  });
});

describe('hashes of older quilt3 manifests ({"type": "SHA256", "value": <hex>})', () => {
  const MiB = 1024 * 1024;
  /** A pseudo-random buffer. */
  const bytesOf = (size: number, seed: number): Uint8Array => {
    const out = new Uint8Array(size);
    let x = seed;
    for (let i = 0; i < size; i++) {
      x = (x * 1103515245 + 12345) >>> 0;
      out[i] = x >>> 24;
    }
    return out;
  };
  /** The entry helium would record (sha2-256-chunked) and the one older quilt3 did (SHA256). */
  const sides = async (bytes: Uint8Array, version = 'v1') => {
    const { quiltChunkedHash } = await import('../transfers/quilt-hash');
    const { bytesSource } = await import('../transfers/sources');
    const { createHash } = await import('crypto');
    const physical = [`s3://bkt/f/file?versionId=${version}`];
    const chunked: ManifestEntry = {
      logical_key: 'file',
      physical_keys: physical,
      size: bytes.length,
      hash: { type: 'sha2-256-chunked', value: await quiltChunkedHash(bytesSource(bytes)) }
    };
    const legacy: ManifestEntry = {
      logical_key: 'file',
      physical_keys: physical,
      size: bytes.length,
      hash: { type: 'SHA256', value: createHash('sha256').update(bytes).digest('hex') }
    };
    return { chunked, legacy };
  };

  it('converts SHA256 to the chunked hash for files of one chunk (up to 8 MiB) and the empty file', async () => {
    for (const size of [1, 5, 8 * MiB]) {
      const { chunked, legacy } = await sides(bytesOf(size, size));
      expect(chunkedFromSha256(legacy.hash.value, size)).toBe(chunked.hash.value);
      expect(compareEntries(legacy, chunked)).toBe('same');
      expect(compareEntries(chunked, { ...legacy, physical_keys: ['s3://bkt/f/file?versionId=v2'] })).toBe('same-content-new-version');
      expect(compareEntries(legacy, { ...chunked, hash: { ...chunked.hash, value: 'other' } })).toBe('modified');
    }
    const empty = await sides(new Uint8Array(0));
    expect(empty.chunked.hash.value).toBe('47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=');
    expect(chunkedFromSha256(empty.legacy.hash.value, 0)).toBe(empty.chunked.hash.value);
    expect(compareEntries(empty.legacy, empty.chunked)).toBe('same');
    // Two SHA256 entries compare as hex, in any case.
    const { legacy } = await sides(bytesOf(10, 1));
    expect(compareEntries(legacy, { ...legacy, hash: { type: 'SHA256', value: legacy.hash.value.toUpperCase() } })).toBe('same');
  });

  it('over 8 MiB: modified when the sizes differ, else modified with a note unless the content is known', async () => {
    const { chunked, legacy } = await sides(bytesOf(8 * MiB + 1, 3));
    expect(chunkedFromSha256(legacy.hash.value, legacy.size)).toBeUndefined();
    expect(compareContent(legacy, chunked)).toBe('unknown');
    const diff = diffEntries([legacy], [chunked]);
    expect(diff.changes).toHaveLength(1);
    expect(diff.changes[0].status).toBe('modified');
    expect(diff.changes[0].note).toContain('without comparing the contents');
    expect(diffEntries([legacy], [chunked], { knownContent: new Map([['file', true]]) }).changes).toEqual([]);
    const known = diffEntries([legacy], [chunked], { knownContent: new Map([['file', false]]) }).changes[0];
    expect([known.status, known.note]).toEqual(['modified', undefined]);
    const resized = diffEntries([legacy], [{ ...chunked, size: chunked.size + 1 }]).changes[0];
    expect([resized.status, resized.note]).toEqual(['modified', undefined]);
  });
});
