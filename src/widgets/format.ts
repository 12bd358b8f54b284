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

/**
 * What a row of a list of times says in its "when" place (see {@link distinctRelativeTimes}):
 * how long ago; how far from the first row of a run that reads the same; or the same second.
 */
export type WhenLabel =
  { kind: 'ago'; text: string } | { kind: 'apart'; seconds: number; direction: 'earlier' | 'later' } | { kind: 'same' };

/**
 * "How long ago" labels for a list of times (newest first or oldest first), told apart where
 * they would read the same. Two versions written a minute apart both read "19 minutes ago", and
 * two written in one second (S3's precision) are the same instant: showing either label twice
 * read as one row shown twice, and the time of day used before repeated the full date under it.
 * So the first row of a run of equal "how long ago"s keeps it, and each of the others says how
 * far it is from that first row ("5 s earlier", "9 s earlier": never the same twice unless the
 * same instant), or that it is the same second as the row above.
 * @param dates - the times, in list order.
 * @param now - the present.
 * @returns one label per time.
 */
export function distinctRelativeTimes(dates: readonly Date[], now: Date = new Date()): WhenLabel[] {
  const labels = dates.map(d => formatRelativeTime(d, now));
  let anchor = 0;
  return labels.map((text, i): WhenLabel => {
    if (i === 0 || labels[i - 1] !== text) {
      anchor = i;
      return { kind: 'ago', text };
    }
    // S3 keeps times to the second: closer than that to the row above is the same instant.
    if (Math.abs(dates[i].getTime() - dates[i - 1].getTime()) < 1000) {
      return { kind: 'same' };
    }
    const ms = dates[i].getTime() - dates[anchor].getTime();
    return { kind: 'apart', seconds: Math.abs(ms) / 1000, direction: ms < 0 ? 'earlier' : 'later' };
  });
}
