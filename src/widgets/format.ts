/** Formatting of sizes, durations and dates for the panels (pure, locale-aware). */
import { formatDuration as sharedFormatDuration } from '../service/format';

/** 1536 → "1.5 KiB"; exact bytes below 1 KiB; "" when invalid (the one formatBytes, panel style by default). */
export { formatBytes } from '../service/format';

/** Dates for tooltips and tab titles (the drive's tab tooltips use them too). */
export { formatDateTime, formatShortDateTime } from '../service/format';

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

const narrowRelative = new Intl.RelativeTimeFormat(undefined, { numeric: 'always', style: 'narrow' });
const MONTH_DAY = new Intl.DateTimeFormat(undefined, { month: 'short', day: 'numeric' });
const MONTH_YEAR = new Intl.DateTimeFormat(undefined, { month: 'short', year: 'numeric' });

/**
 * How long ago, for a narrow column: "now", "5m ago", "3h ago", "6d ago"; a date from 30 days
 * on ("Nov 3"), with the year from a year on ("Nov 2024").
 */
export function formatCompactAge(date: Date, now: Date = new Date()): string {
  const seconds = (now.getTime() - date.getTime()) / 1000;
  if (seconds >= 365 * 24 * 3600) {
    return MONTH_YEAR.format(date);
  }
  if (seconds >= 30 * 24 * 3600) {
    return MONTH_DAY.format(date);
  }
  for (const [unit, size] of STEPS.slice(2)) {
    if (Math.abs(seconds) >= size) {
      return narrowRelative.format(-Math.round(seconds / size), unit);
    }
  }
  return relative.format(0, 'second');
}

const TIME_OF_DAY = new Intl.DateTimeFormat(undefined, { hour: 'numeric', minute: '2-digit', second: '2-digit' });

/**
 * "How long ago" labels for a list of times (newest first or oldest first), told apart where
 * they would read the same: two versions written a minute apart both read "19 minutes ago", so
 * each label that equals a neighbour's (for a different time) is the time of day to the second
 * instead ("5:01:23 PM", S3's precision; no longer than what it replaces, so a row keeps its
 * badges in sight; rows show the full date below).
 * @param dates - the times, in list order.
 * @param now - the present.
 * @returns one label per time.
 */
export function distinctRelativeTimes(dates: readonly Date[], now: Date = new Date()): string[] {
  const labels = dates.map(d => formatRelativeTime(d, now));
  return labels.map((label, i) => {
    const tied = [i - 1, i + 1].some(j => j >= 0 && j < labels.length && labels[j] === label && dates[j].getTime() !== dates[i].getTime());
    return tied ? TIME_OF_DAY.format(dates[i]) : label;
  });
}
