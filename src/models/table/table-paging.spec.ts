/**
 * The pure part of paging: which row groups a viewport needs, and the row-group cache's bounds
 * (count and bytes, least recently used first, never a group in use in this frame or the last).
 */
import { GroupCache, groupOfRow, groupsForRows } from './table-paging';

/** Row groups of 100, 50, 0 (empty) and 200 rows. */
const GROUPS = [
  { start: 0, rows: 100 },
  { start: 100, rows: 50 },
  { start: 150, rows: 0 },
  { start: 150, rows: 200 }
];

test('the row group of a row, at the edges of groups and outside them', () => {
  expect(groupOfRow(GROUPS, 0)).toBe(0);
  expect(groupOfRow(GROUPS, 99)).toBe(0);
  expect(groupOfRow(GROUPS, 100)).toBe(1);
  expect(groupOfRow(GROUPS, 149)).toBe(1);
  expect(groupOfRow(GROUPS, 150)).toBe(3);
  expect(groupOfRow(GROUPS, 349)).toBe(3);
  expect(groupOfRow(GROUPS, 350)).toBe(-1);
  expect(groupOfRow(GROUPS, -1)).toBe(-1);
  expect(groupOfRow([], 0)).toBe(-1);
});

test('the row groups a viewport needs: the groups its rows fall in, empty groups skipped', () => {
  expect(groupsForRows(GROUPS, 0, 30)).toEqual([0]);
  expect(groupsForRows(GROUPS, 90, 120)).toEqual([0, 1]);
  expect(groupsForRows(GROUPS, 140, 160)).toEqual([1, 3]);
  expect(groupsForRows(GROUPS, 0, 349)).toEqual([0, 1, 3]);
  expect(groupsForRows(GROUPS, 330, 400)).toEqual([3]);
  expect(groupsForRows(GROUPS, 400, 500)).toEqual([]);
  expect(groupsForRows(GROUPS, 30, 10)).toEqual([]);
});

test('the cache keeps at most maxGroups groups, dropping the least recently used', () => {
  const cache = new GroupCache<string>({ maxGroups: 2, maxBytes: Infinity });
  const frame = () => {
    cache.endFrame();
    cache.endFrame();
  };
  cache.set(0, 'a', 1);
  frame();
  cache.set(1, 'b', 1);
  frame();
  cache.get(0); // 0 is now more recent than 1
  frame();
  expect(cache.set(2, 'c', 1)).toEqual([1]);
  expect(cache.held).toEqual([0, 2]);
  expect(cache.get(1)).toBeUndefined();
  expect(cache.get(0)).toBe('a');
});

test('the cache keeps its bytes within maxBytes', () => {
  const cache = new GroupCache<string>({ maxGroups: 100, maxBytes: 250 });
  const dropped: number[] = [];
  for (let group = 0; group < 10; group++) {
    dropped.push(...cache.set(group, `g${group}`, 100));
    cache.endFrame(); // the grid moved on: nothing is in use
    cache.endFrame();
    expect(cache.bytes).toBeLessThanOrEqual(250);
  }
  expect(cache.held).toEqual([8, 9]);
  expect(dropped).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
});

test('groups in use in this frame or the last are kept even beyond the bounds, then dropped once unused', () => {
  // One group's worth of bytes, and a viewport that spans two groups.
  const cache = new GroupCache<string>({ maxGroups: 1, maxBytes: 100 });
  cache.get(0); // a paint asks for both groups' cells (placeholders)
  cache.get(1);
  cache.endFrame();
  expect(cache.set(0, 'a', 100)).toEqual([]);
  expect(cache.set(1, 'b', 100)).toEqual([]); // 0 was painted in the last frame: kept
  expect(cache.held).toEqual([0, 1]);
  // The grid scrolls: two paints showing only group 1, and group 0 goes at the next trim.
  cache.endFrame();
  cache.get(1);
  cache.endFrame();
  cache.get(1);
  expect(cache.trim()).toEqual([0]);
  expect(cache.held).toEqual([1]);
  expect(cache.bytes).toBe(100);
});

test('clear drops everything', () => {
  const cache = new GroupCache<number>({ maxGroups: 4, maxBytes: 1000 });
  cache.set(3, 3, 10);
  cache.clear();
  expect(cache.held).toEqual([]);
  expect(cache.bytes).toBe(0);
});
