/** Formatting of sizes, durations and dates for the panels (pure, locale-aware). */
import { formatBytes as sharedFormatBytes, formatDuration as sharedFormatDuration } from '../service/format';

/** 1536 → "1.5 KiB"; exact bytes below 1 KiB; "" when invalid. */
export function formatBytes(bytes: number): string {
  return sharedFormatBytes(bytes, { decimals: 1, invalid: '' });
}

/** 185 → "3 min 5 s", 42.2 → "43 s"; "" when unknown. */
export function formatDuration(seconds: number | null): string {
  return sharedFormatDuration(seconds, { style: 'spaced', invalid: '' });
}

const relative = new Intl.RelativeTimeFormat(undefined, { numeric: 'auto' });
const STEPS: [Intl.RelativeTimeFormatUnit, number][] = [
  ['year', 365 * 24 * 3600],
  ['month', 30 * 24 * 3600],
  ['day', 24 * 3600],
  ['hour', 3600],
  ['minute', 60]
];

/** "3 minutes ago", "yesterday"; "now" under a minute. */
export function formatRelativeTime(date: Date, now: Date = new Date()): string {
  const seconds = (date.getTime() - now.getTime()) / 1000;
  for (const [unit, size] of STEPS) {
    if (Math.abs(seconds) >= size) {
      return relative.format(Math.round(seconds / size), unit);
    }
  }
  return relative.format(0, 'second');
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
