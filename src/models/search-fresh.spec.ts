/**
 * Planning the index work for a batch of our own writes: keys to HEAD, prefixes to sync (none
 * inside another, no key inside one), and whether a snapshot was made.
 */
import { freshWork } from './search-fresh';

describe('freshWork', () => {
  it('HEADs each written key once', () => {
    const work = freshWork([
      { key: 'a/x.csv', type: 'put' },
      { key: 'a/x.csv', type: 'put' },
      { key: 'b/y.csv', type: 'delete' }
    ]);
    expect([work.keys, work.prefixes, work.snapshots]).toEqual([['a/x.csv', 'b/y.csv'], [], false]);
  });

  it('syncs a folder-wide change for its prefix, leaving out keys and prefixes inside it', () => {
    const work = freshWork([
      { key: 'a/b/x.csv', type: 'put' },
      { key: 'a/b/', type: 'folder' },
      { key: 'a/', type: 'folder' },
      { key: 'c/new/', type: 'put' },
      { key: 'ab.csv', type: 'put' }
    ]);
    expect([work.keys, work.prefixes]).toEqual([['ab.csv'], ['a/', 'c/new/']]);
  });

  it('reads new snapshots for a write under .quilt/, and HEADs no registry key', () => {
    const work = freshWork([
      { key: '.quilt/', type: 'put' },
      { key: '.quilt/named_packages/x/latest', type: 'put' }
    ]);
    expect([work.keys, work.prefixes, work.snapshots]).toEqual([[], [], true]);
  });

  it('syncs the whole bucket for a folder-wide change at its root', () => {
    expect(freshWork([{ key: '', type: 'folder' }]).prefixes).toEqual(['']);
  });
});
