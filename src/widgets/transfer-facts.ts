/**
 * The numbers a transfer row shows after its bytes, as text: for a running transfer its current
 * rate and time left (when known), for a finished one how long it took and its average rate. Pure
 * (reads the model's ITransfer, knows nothing of the DOM), so the wording is tested apart.
 */
import type { TranslationBundle } from '@jupyterlab/translation';
import type { ITransfer } from '../tokens/transfers';
import { formatBytes, formatDuration } from './format';

/** Seconds a finished transfer took (first byte asked → last byte written), or null. */
export function transferSeconds(t: Pick<ITransfer, 'startedAt' | 'finishedAt'>): number | null {
  return t.startedAt !== null && t.finishedAt !== null ? Math.max(0, (t.finishedAt - t.startedAt) / 1000) : null;
}

/**
 * What the row says about speed and time.
 * @param t - the transfer.
 * @param trans - translations.
 * @returns e.g. `2.0 MiB/s · 3 s left` (running), `in 4 s · 1.5 MiB/s` (done), or ''.
 */
export function transferTiming(t: ITransfer, trans: TranslationBundle): string {
  if (t.state === 'running') {
    if (t.rate <= 0) {
      return '';
    }
    const rate = trans.__('%1/s', formatBytes(t.rate));
    return t.eta !== null ? trans.__('%1 · %2 left', rate, formatDuration(t.eta)) : rate;
  }
  if (t.state !== 'done') {
    return '';
  }
  const seconds = transferSeconds(t);
  if (seconds === null) {
    return '';
  }
  // Under a tenth of a second a rate says nothing (a small file's rate is its latency).
  const took = seconds < 0.1 ? trans.__('in under 0.1 s') : trans.__('in %1', formatDuration(seconds));
  return seconds >= 0.1 && t.transferredBytes > 0
    ? trans.__('%1 · %2/s on average', took, formatBytes(t.transferredBytes / seconds))
    : took;
}
