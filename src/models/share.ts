/**
 * *Copy Share Link…*: which expiries a connection allows, why a connection gives no links, and
 * how a signed link's expiry reads. The link itself is signed by the server
 * (`IHeliumConnections.shareLink`); the dialog and command are in `plugins/panel-share.ts`.
 */
import type { TranslationBundle } from '@jupyterlab/translation';
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

/** The usual expiries in seconds, shortest first: 1 hour, 1 day, 7 days. */
const USUAL = [3600, 86400, MAX_SHARE_SECONDS];

/**
 * A duration in the largest whole unit: "90 minutes", "2 days".
 * @param seconds - the duration.
 * @param trans - translations (each unit is its own plural message).
 * @returns the text.
 */
export function durationLabel(seconds: number, trans: TranslationBundle): string {
  if (seconds % 86400 === 0 && seconds >= 86400) {
    return trans._n('%1 day', '%1 days', seconds / 86400);
  }
  if (seconds % 3600 === 0 && seconds >= 3600) {
    return trans._n('%1 hour', '%1 hours', seconds / 3600);
  }
  if (seconds % 60 === 0 && seconds >= 60) {
    return trans._n('%1 minute', '%1 minutes', seconds / 60);
  }
  return trans._n('%1 second', '%1 seconds', seconds);
}

/**
 * The expiries a connection allows: the usual ones up to its maximum, and the maximum itself
 * when it is not one of them (a connection allowing 2 hours offers 1 hour and 2 hours).
 * @param info - the connection (an older server says nothing: 7 days).
 * @param trans - translations.
 * @returns the choices, shortest first; never empty for a connection that gives links.
 */
export function expiryChoices(info: IConnectionInfo | undefined, trans: TranslationBundle): IExpiryChoice[] {
  const max = Math.min(info?.share?.max_seconds ?? MAX_SHARE_SECONDS, MAX_SHARE_SECONDS);
  const seconds = USUAL.filter(s => s <= max);
  if (!seconds.includes(max)) {
    seconds.push(max);
  }
  return seconds.map(s => ({ seconds: s, label: durationLabel(s, trans) }));
}

/**
 * Why a connection gives no share links, or null when it does.
 * @param info - the connection, if known.
 * @param trans - translations.
 * @returns the reason, for a disabled command's label or a message.
 */
export function shareProblem(info: IConnectionInfo | undefined, trans: TranslationBundle): string | null {
  if (!info) {
    return trans.__('Pick a connection in the S3 panel first.');
  }
  if (info.share && !info.share.enabled) {
    return trans.__('The server\'s administrator turned share links off for the connection "%1".', info.name);
  }
  return null;
}

/**
 * When a link stops working, for a person: "Works until 13 Dec 2026, 17:20 (7 days)".
 * @param expiresAt - the server's ISO time.
 * @param seconds - the expiry asked for.
 * @param trans - translations.
 * @param locale - the locale of the date (the browser's by default).
 * @returns the text.
 */
export function expiryText(expiresAt: string, seconds: number, trans: TranslationBundle, locale?: string): string {
  const when = new Date(expiresAt).toLocaleString(locale, { dateStyle: 'medium', timeStyle: 'short' });
  return trans.__('Works until %1 (%2), for anyone who has the link: no Jupyter login is needed.', when, durationLabel(seconds, trans));
}
