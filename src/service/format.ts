/**
 * Byte counts and durations for people, shared by the `helium` CLI and the panels (pure: no DOM,
 * no locale). Each caller picks its style: the CLI `1.50 KiB` and `3m05s`, the panels `1.5 KiB`
 * and `3 min 5 s`.
 */

const UNITS = ['B', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB'];

/** How {@link formatBytes} writes a count. */
export interface IFormatBytesOptions {
  /**
   * Decimals of a value under 10 in its unit; one fewer under 100, two fewer from 100 (never
   * below none). Whole bytes have none. Default 1: `1.5 KiB`, `64 MiB`; 2 gives `1.50 KiB`,
   * `64.0 MiB`, `512 MiB`.
   */
  decimals?: number;
  /** The text for a negative, infinite or NaN count. Default `''`. */
  invalid?: string;
}

/**
 * A byte count in binary units: `512 B`, `1.5 KiB`, `12 GiB` (exact bytes below 1 KiB).
 * @param bytes - the count.
 * @param options - decimals and the text for an invalid count.
 * @returns the text.
 */
export function formatBytes(bytes: number, options: IFormatBytesOptions = {}): string {
  const { decimals = 1, invalid = '' } = options;
  if (!Number.isFinite(bytes) || bytes < 0) {
    return invalid;
  }
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < UNITS.length - 1) {
    value /= 1024;
    unit++;
  }
  if (unit === 0) {
    return `${bytes} B`;
  }
  const digits = Math.max(0, decimals - (value >= 10 ? 1 : 0) - (value >= 100 ? 1 : 0));
  return `${value.toFixed(digits)} ${UNITS[unit]}`;
}

/** How {@link formatDuration} writes a duration. */
export interface IFormatDurationOptions {
  /**
   * `'compact'` (default): rounded to whole seconds first, then `42s`, `3m05s`, `1h02m` (the
   * smaller unit truncated and zero-padded). `'spaced'`: `42 s` (rounded up), `3 min 5 s`,
   * `1 h 2 min` (minutes rounded).
   */
  style?: 'compact' | 'spaced';
  /** The text for a negative, infinite, NaN or missing duration. Default `'--'`. */
  invalid?: string;
}

/**
 * A duration for people, in its two largest units.
 * @param seconds - the duration, or null/undefined when unknown.
 * @param options - the style and the text for an unknown duration.
 * @returns the text.
 */
export function formatDuration(seconds: number | null | undefined, options: IFormatDurationOptions = {}): string {
  const { style = 'compact', invalid = '--' } = options;
  if (seconds === null || seconds === undefined || !Number.isFinite(seconds) || seconds < 0) {
    return invalid;
  }
  const compact = style === 'compact';
  // Under a minute the spaced style rounds up ("1 s" rather than "0 s"); above, both styles round
  // to whole seconds first, so 119.6 s reads "2 min 0 s", never "1 min 60 s".
  const t = compact || seconds >= 60 ? Math.round(seconds) : seconds;
  const smaller = Math.floor;
  const write = (big: number, bigUnit: string, small?: number, smallUnit?: string): string => {
    if (small === undefined) {
      return compact ? `${big}${bigUnit}` : `${big} ${bigUnit}`;
    }
    return compact ? `${big}${bigUnit}${String(small).padStart(2, '0')}${smallUnit}` : `${big} ${bigUnit} ${small} ${smallUnit}`;
  };
  if (t < 60) {
    return write(Math.ceil(t), 's');
  }
  if (t < 3600) {
    return write(Math.floor(t / 60), compact ? 'm' : 'min', smaller(t % 60), 's');
  }
  if (compact) {
    return write(Math.floor(t / 3600), 'h', smaller((t % 3600) / 60), 'm');
  }
  // Spaced: minutes rounded as a whole first, so 7,170 s reads "2 h 0 min", not "1 h 60 min".
  const minutes = Math.round(t / 60);
  return write(Math.floor(minutes / 60), 'h', minutes % 60, 'min');
}

/** Full local date and time, for tooltips. */
export function formatDateTime(date: Date): string {
  return date.toLocaleString();
}

const SHORT = new Intl.DateTimeFormat(undefined, {
  month: 'short',
  day: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit'
});

/** "Nov 25, 11:50:18": short enough for a tab title, precise to the second like S3's times. */
export function formatShortDateTime(date: Date): string {
  return SHORT.format(date);
}
