/**
 * `helium pins` says where a followed tag or `latest` moved: to a newer snapshot, or back to an
 * older one (it said "a newer snapshot exists" for both).
 * @jest-environment-options {"customExportConditions": ["node", "require", "default"]}
 */
import type { FolderPin, PinStatus } from '../service/pins/types';
import { followedMove, statusLines } from './cmd-pins';
import { emptyCounts } from '../service/snapshots/statuses';
import { formatDate } from './output';

const PINNED = 'a'.repeat(64);
const NOW = 'b'.repeat(64);
const pin = {
  kind: 'folder',
  name: 'hurdat',
  uri: 's3://bucket/hurdat2/',
  bucket: 'bucket',
  folder: 'hurdat2/',
  package: 'team/hurdat',
  top_hash: PINNED,
  pinned_at: '2026-12-06T20:00:00.000Z',
  follows: { tag: 'q3' }
} as FolderPin;
const moved: PinStatus = { name: 'hurdat', state: 'in-sync', followed: { follows: { tag: 'q3' }, topHash: NOW, newer: true } };

it('says newer or older after the dates, and "another" when they are unknown', () => {
  const early = new Date('2026-11-01T10:00:00Z');
  const late = new Date('2026-12-01T10:00:00Z');
  expect(followedMove(NOW, { pinned: early, followed: late })).toBe(`now names a newer snapshot, ${'b'.repeat(12)} (${formatDate(late)})`);
  expect(followedMove(NOW, { pinned: late, followed: early })).toBe(
    `now names an older snapshot, ${'b'.repeat(12)} (${formatDate(early)})`
  );
  expect(followedMove(NOW, { followed: early })).toBe(`now names another snapshot, ${'b'.repeat(12)} (${formatDate(early)})`);
  expect(followedMove(NOW)).toBe(`now names another snapshot, ${'b'.repeat(12)}`);
});

it('puts it in the pin’s status line', () => {
  const lines = statusLines(pin, moved, { pinned: new Date(2026, 11, 1), followed: new Date(2026, 10, 1) });
  expect(lines).toContain(
    `  follows tag q3: now names an older snapshot, ${'b'.repeat(12)} (2026-11-01 00:00:00); helium pins update re-locks it`
  );
  expect(lines.join('\n')).not.toContain('newer');
});

it('lists only what changed since pinned: unchanged files, and files rewritten with the same bytes, are no changes', () => {
  const counts = { ...emptyCounts(), modified: 1, added: 2, same: 3, 'same-content-new-version': 4 };
  const changed: PinStatus = { name: 'hurdat', state: 'changed', counts, changed: 3 };
  expect(statusLines(pin, changed)).toContain('  changed since pinned: 2 added, 1 modified');
  const missing: PinStatus = {
    name: 'hurdat',
    state: 'missing',
    counts: { ...emptyCounts(), same: 3, 'same-content-new-version': 1 },
    changed: 0,
    missing: [{ logicalKey: 'a.csv', physicalKey: 's3://bucket/hurdat2/a.csv?versionId=v1' }]
  };
  expect(statusLines(pin, missing).join('\n')).not.toContain('also changed');
});
