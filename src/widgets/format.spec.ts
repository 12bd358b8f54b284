import { distinctRelativeTimes, formatBytes, formatCompactAge, formatRelativeTime } from './format';

describe('listing formats', () => {
  it('formats sizes in binary units', () => {
    expect(formatBytes(0)).toBe('0 B');
    expect(formatBytes(1023)).toBe('1023 B');
    expect(formatBytes(1536)).toBe('1.5 KiB');
    expect(formatBytes(64 * 1024 * 1024)).toBe('64 MiB');
    expect(formatBytes(5 * 1024 ** 4)).toBe('5.0 TiB');
    expect(formatBytes(-1)).toBe('');
  });

  it('says how long ago, in the largest whole unit', () => {
    const now = new Date('2026-01-10T12:00:00Z');
    expect(formatRelativeTime(new Date('2026-01-10T11:57:00Z'), now)).toMatch(/3 minutes ago/);
    expect(formatRelativeTime(new Date('2026-01-10T11:59:50Z'), now)).toMatch(/now/);
    expect(formatRelativeTime(new Date('2026-01-08T12:00:00Z'), now)).toMatch(/2 days ago/);
  });

  it('says how long ago in a few characters for a narrow column', () => {
    const now = new Date('2026-01-10T12:00:00Z');
    expect(formatCompactAge(new Date('2026-01-10T11:59:50Z'), now)).toMatch(/now/);
    expect(formatCompactAge(new Date('2026-01-10T11:55:00Z'), now)).toBe('5m ago');
    expect(formatCompactAge(new Date('2026-01-10T09:00:00Z'), now)).toBe('3h ago');
    expect(formatCompactAge(new Date('2026-01-04T12:00:00Z'), now)).toBe('6d ago');
    expect(formatCompactAge(new Date('2025-11-03T12:00:00Z'), now)).toBe('Nov 3');
    expect(formatCompactAge(new Date('2024-11-03T12:00:00Z'), now)).toBe('Nov 2024');
    for (const ago of [59, 3599, 86399, 29 * 86400]) {
      expect(formatCompactAge(new Date(now.getTime() - ago * 1000), now).length).toBeLessThanOrEqual(8);
    }
  });

  it('tells apart times that would read the same by how far each is from the first of their run', () => {
    const now = new Date('2026-01-10T12:00:00Z');
    const dates = ['11:41:10', '11:40:55', '11:40:30', '11:40:30', '09:00:00', '08:00:00'].map(t => new Date(`2026-01-10T${t}Z`));
    const labels = distinctRelativeTimes(dates, now);
    // The first of the "19 minutes ago" run keeps it; the others say how much earlier than it.
    expect(labels.slice(0, 4)).toEqual([
      { kind: 'ago', text: formatRelativeTime(dates[0], now) },
      { kind: 'apart', seconds: 15, direction: 'earlier' },
      { kind: 'apart', seconds: 40, direction: 'earlier' },
      // The same second as the row above: said so, not "40 s earlier" again.
      { kind: 'same' }
    ]);
    // Two writes in one second: the second has nothing to tell it apart but "same second".
    expect(distinctRelativeTimes([dates[2], dates[3]], now)[1]).toEqual({ kind: 'same' });
    // Labels that differ anyway stay "how long ago"; oldest first says "later".
    expect(labels.slice(4)).toEqual([
      { kind: 'ago', text: formatRelativeTime(dates[4], now) },
      { kind: 'ago', text: formatRelativeTime(dates[5], now) }
    ]);
    expect(distinctRelativeTimes([dates[2], dates[1]], now)[1]).toEqual({ kind: 'apart', seconds: 25, direction: 'later' });
  });
});
