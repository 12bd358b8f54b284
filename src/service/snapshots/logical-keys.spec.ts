/**
 * Which objects a snapshot holds: quilt3's logical-key rule (`util.validate_key`, and no key
 * ending in "/").
 */
import { logicalKeyProblem, splitSnapshotObjects } from './logical-keys';

describe('logicalKeyProblem', () => {
  it('accepts every name quilt3 accepts, characters as they are', () => {
    for (const name of ['a.txt', 'tab\there', 'cr\rlf\n', 'del\x7f', '%41?#+ ', '😀/é', 'dots..in.name', '.hidden', 'a/.b/..c']) {
      expect(logicalKeyProblem(name)).toBeNull();
    }
  });

  it.each([
    ['a/../b', 'a ".." segment'],
    ['../up', 'a ".." segment'],
    ['a/./b', 'a "." segment'],
    ['a//b', 'an empty segment'],
    ['/lead', 'an empty segment'],
    ['dir/', 'ends in "/"'],
    ['', 'the folder itself']
  ])('refuses %j', (name, reason) => {
    expect(logicalKeyProblem(name)).toContain(reason);
  });
});

describe('splitSnapshotObjects', () => {
  it('keeps the objects in order and sets aside the others with their version and why', () => {
    const objects = ['f/a.txt', 'f/x/../y', 'f/tab\tb', 'f/data/'].map((key, i) => ({ key, size: i + 1, versionId: `v${i}` }));
    const { kept, leftOut } = splitSnapshotObjects(objects, 'f/');
    expect(kept.map(o => o.key)).toEqual(['f/a.txt', 'f/tab\tb']);
    expect(leftOut).toEqual([
      { key: 'f/x/../y', versionId: 'v1', size: 2, reason: 'its name in the folder has a ".." segment' },
      { key: 'f/data/', versionId: 'v3', size: 4, reason: expect.stringContaining('ends in "/"') }
    ]);
  });
});
