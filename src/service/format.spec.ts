import { formatBytes, formatDuration } from './format';

describe('formatBytes', () => {
  it('writes whole bytes below 1 KiB, whatever the decimals', () => {
    expect(formatBytes(0)).toBe('0 B');
    expect(formatBytes(1023)).toBe('1023 B');
    expect(formatBytes(512, { decimals: 2 })).toBe('512 B');
  });

  it('drops a decimal at 10 and another at 100 in the unit (one decimal by default)', () => {
    expect(formatBytes(1536)).toBe('1.5 KiB');
    expect(formatBytes(12.25 * 1024 ** 2)).toBe('12 MiB');
    expect(formatBytes(512 * 1024 ** 3)).toBe('512 GiB');
    expect(formatBytes(1536, { decimals: 2 })).toBe('1.50 KiB');
    expect(formatBytes(12.25 * 1024 ** 2, { decimals: 2 })).toBe('12.3 MiB');
    expect(formatBytes(512 * 1024 ** 3, { decimals: 2 })).toBe('512 GiB');
    expect(formatBytes(1536, { decimals: 0 })).toBe('2 KiB');
  });

  it('stops at PiB', () => {
    expect(formatBytes(5 * 1024 ** 4)).toBe('5.0 TiB');
    expect(formatBytes(2048 * 1024 ** 5)).toBe('2048 PiB');
  });

  it('writes the invalid text for negative, infinite and NaN counts', () => {
    expect(formatBytes(-1)).toBe('');
    expect(formatBytes(NaN, { invalid: '?' })).toBe('?');
    expect(formatBytes(Infinity, { decimals: 2, invalid: '?' })).toBe('?');
  });
});

describe('formatDuration', () => {
  it('compact: rounds to whole seconds, then zero-pads the smaller unit', () => {
    expect(formatDuration(0)).toBe('0s');
    expect(formatDuration(42.4)).toBe('42s');
    expect(formatDuration(59.6)).toBe('1m00s');
    expect(formatDuration(185)).toBe('3m05s');
    expect(formatDuration(3600 + 2 * 60 + 59)).toBe('1h02m');
  });

  it('spaced: rounds up under a minute, rounds the smaller unit', () => {
    const spaced = { style: 'spaced' as const };
    expect(formatDuration(0, spaced)).toBe('0 s');
    expect(formatDuration(42.2, spaced)).toBe('43 s');
    expect(formatDuration(185, spaced)).toBe('3 min 5 s');
    expect(formatDuration(119.6, spaced)).toBe('2 min 0 s');
    expect(formatDuration(7170, spaced)).toBe('2 h 0 min');
    expect(formatDuration(3725, spaced)).toBe('1 h 2 min');
    expect(formatDuration(3600 + 2 * 60 + 59, spaced)).toBe('1 h 3 min');
  });

  it('writes the invalid text for unknown, negative, infinite and NaN durations', () => {
    expect(formatDuration(Infinity)).toBe('--');
    expect(formatDuration(-1)).toBe('--');
    expect(formatDuration(null, { style: 'spaced', invalid: '' })).toBe('');
    expect(formatDuration(undefined, { invalid: '' })).toBe('');
    expect(formatDuration(NaN, { style: 'spaced', invalid: '?' })).toBe('?');
  });
});
