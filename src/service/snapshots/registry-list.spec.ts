/**
 * How listings tell a snapshot's folder and whether it belongs to a listed folder.
 * @jest-environment-options {"customExportConditions": ["node", "require", "default"]}
 */
import { LruMap } from '../lru-map';
import { LISTING_CACHE_LIMIT } from './registry-caches';
import { folderMatches, headerFolder, inferFolder } from './registry-list';

const entry = (logical_key: string, url: string) => ({ logical_key, physical_keys: [url] });

describe('inferFolder', () => {
  it('is the physical key minus the logical key when all entries agree', () => {
    expect(inferFolder('b', [entry('x.txt', 's3://b/ns/name/x.txt?versionId=1'), entry('d/y ü', 's3://b/ns/name/d/y%20%C3%BC')])).toBe(
      'ns/name/'
    );
    expect(inferFolder('b', [entry('x.txt', 's3://b/x.txt')])).toBe('');
  });

  it('is null when entries disagree, live in another bucket, do not end in their logical key, or there are none', () => {
    expect(inferFolder('b', [entry('x', 's3://b/one/x'), entry('y', 's3://b/two/y')])).toBeNull();
    expect(inferFolder('b', [entry('x', 's3://other/one/x')])).toBeNull();
    expect(inferFolder('b', [entry('x', 's3://b/one/renamed')])).toBeNull();
    expect(inferFolder('b', [entry('x', 's3://b/onex')])).toBeNull();
    expect(inferFolder('b', [])).toBeNull();
  });
});

describe('headerFolder', () => {
  it('reads {"helium": {"folder"}} and ignores anything else', () => {
    expect(headerFolder({ version: 'v0', helium: { folder: 'a/b/' } })).toBe('a/b/');
    expect(headerFolder({ version: 'v0', helium: { folder: '' } })).toBe('');
    expect(headerFolder({ version: 'v0', helium: { folder: 3 } })).toBeUndefined();
    expect(headerFolder({ version: 'v0' })).toBeUndefined();
  });
});

describe('folderMatches', () => {
  it('lists a folder’s own snapshots and those of folders containing it; inner ones on request', () => {
    expect(folderMatches('a/', 'a/', false)).toBe(true);
    expect(folderMatches('', 'a/b/', false)).toBe(true);
    expect(folderMatches('a/', 'a/b/', false)).toBe(true);
    expect(folderMatches('a/b/', 'a/', false)).toBe(false);
    expect(folderMatches('a/b/', 'a/', true)).toBe(true);
    expect(folderMatches('ab/', 'a/', true)).toBe(false);
  });

  it('lists snapshots of unknown folder at the bucket root only', () => {
    expect(folderMatches(null, '', false)).toBe(true);
    expect(folderMatches(null, 'a/', true)).toBe(false);
  });
});

describe('LruMap (the bound of the listing caches)', () => {
  it('keeps at most its limit, dropping the least recently used', () => {
    const lru = new LruMap<string, number>(3);
    lru.set('a', 1).set('b', 2).set('c', 3);
    expect(lru.get('a')).toBe(1); // a is now the most recently used
    lru.set('d', 4);
    expect([...lru.keys()]).toEqual(['c', 'a', 'd']);
    expect(lru.has('b')).toBe(false);
    for (let i = 0; i < 10_000; i++) {
      lru.set(`k${i}`, i);
    }
    expect(lru.size).toBe(3);
    expect([...lru.keys()]).toEqual(['k9997', 'k9998', 'k9999']);
    expect(LISTING_CACHE_LIMIT).toBe(5000);
  });
});
