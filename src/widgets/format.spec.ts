import { formatBytes, formatRelativeTime } from './format';

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
});
