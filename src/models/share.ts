/**
 * *Copy Share Link…*: which expiries a connection allows, why a connection gives no links, and
 * how a signed link's expiry reads. The link itself is signed by the server
 * (`IHeliumConnections.shareLink`); the dialog and command are in `plugins/panel-share.ts`.
 */
import type { IConnectionInfo } from '../tokens';

/** The longest a SigV4 presigned URL lives: 7 days. */
export const MAX_SHARE_SECONDS = 7 * 24 * 3600;

/** One expiry a person can pick. */
export interface IExpiryChoice {
  /** Seconds the link works. */
  seconds: number;
  /** How it reads: "1 hour", "1 day", "7 days". */
  label: string;
}

/** The usual expiries, shortest first. */
const USUAL: IExpiryChoice[] = [
  { seconds: 3600, label: '1 hour' },
  { seconds: 86400, label: '1 day' },
  { seconds: MAX_SHARE_SECONDS, label: '7 days' }
];

/**
 * A duration in the largest whole unit: "90 minutes", "2 days".
 * @param seconds - the duration.
 * @returns the text.
 */
export function durationLabel(seconds: number): string {
  for (const [unit, size] of [
    ['day', 86400],
    ['hour', 3600],
    ['minute', 60]
  ] as const) {
    if (seconds >= size && seconds % size === 0) {
      const n = seconds / size;
      return `${n} ${unit}${n === 1 ? '' : 's'}`;
    }
  }
  return `${seconds} second${seconds === 1 ? '' : 's'}`;
}

/**
 * The expiries a connection allows: the usual ones up to its maximum, and the maximum itself
 * when it is not one of them (a connection allowing 2 hours offers 1 hour and 2 hours).
 * @param info - the connection (an older server says nothing: 7 days).
 * @returns the choices, shortest first; never empty for a connection that gives links.
 */
export function expiryChoices(info: IConnectionInfo | undefined): IExpiryChoice[] {
  const max = Math.min(info?.share?.max_seconds ?? MAX_SHARE_SECONDS, MAX_SHARE_SECONDS);
  const choices = USUAL.filter(choice => choice.seconds <= max);
  if (!choices.some(choice => choice.seconds === max)) {
    choices.push({ seconds: max, label: durationLabel(max) });
  }
  return choices;
}

/**
 * Why a connection gives no share links, or null when it does.
 * @param info - the connection, if known.
 * @returns the reason, for a disabled command's label or a message.
 */
export function shareProblem(info: IConnectionInfo | undefined): string | null {
  if (!info) {
    return 'Pick a connection in the S3 panel first.';
  }
  if (info.share && !info.share.enabled) {
    return `The server's administrator turned share links off for the connection "${info.name}".`;
  }
  return null;
}

/**
 * When a link stops working, for a person: "Works until 13 Dec 2026, 17:20 (7 days)".
 * @param expiresAt - the server's ISO time.
 * @param seconds - the expiry asked for.
 * @param locale - the locale of the date (the browser's by default).
 * @returns the text.
 */
export function expiryText(expiresAt: string, seconds: number, locale?: string): string {
  const when = new Date(expiresAt).toLocaleString(locale, { dateStyle: 'medium', timeStyle: 'short' });
  return `Works until ${when} (${durationLabel(seconds)}), for anyone who has the link: no Jupyter login is needed.`;
}
