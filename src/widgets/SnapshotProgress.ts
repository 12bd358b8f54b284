/**
 * Words for the progress of long snapshot work (taking a snapshot, diffing against the live
 * folder, restoring a folder): what phase it is in, how many objects and bytes, and how far along.
 * Pure: the reports of the service are read leniently (a field it does not send is left out).
 */
import type { TranslationBundle } from '@jupyterlab/translation';
import { reportNumber as num } from '../service/snapshots/progress-report';
import { formatBytes } from './format';

/** What a progress line shows. */
export interface IProgressText {
  /** The phase, e.g. "Hashing content". */
  phase: string;
  /** Counts, e.g. "1,234 / 5,000 objects · 120 MiB / 1.2 GiB". */
  detail: string;
  /** 0…1 when the total is known, else null (an indeterminate bar). */
  fraction: number | null;
  /** The service's phase id, for `data-phase`. */
  phaseId: string;
}

function count(n: number): string {
  return n.toLocaleString();
}

/**
 * Describe a progress report of `snapshot()`, `diffSnapshots()` against the live folder, or
 * `restoreFolder()`.
 * @param report - what the service sent (any shape; unknown fields are ignored).
 * @param trans - translations.
 * @returns the words and the fraction done.
 */
export function describeProgress(report: unknown, trans: TranslationBundle): IProgressText {
  if (!report || typeof report !== 'object') {
    return { phase: trans.__('Starting…'), detail: '', fraction: null, phaseId: 'starting' };
  }
  const r = report as Record<string, unknown>;
  const phaseId = typeof r.phase === 'string' ? r.phase : 'working';
  const parts: string[] = [];
  let fraction: number | null = null;
  const listed = num(r, 'listed');
  const toCheck = num(r, 'toCheck');
  const checked = num(r, 'checked');
  const reused = num(r, 'reused');
  const hashedBytes = num(r, 'hashedBytes');
  const bytesToHash = num(r, 'bytesToHash');
  const done = num(r, 'done', 'objects', 'objectsDone', 'copied', 'completed');
  const total = num(r, 'total', 'objectsTotal', 'totalObjects');
  const bytesDone = num(r, 'bytes', 'bytesDone', 'bytesCopied');
  const bytesTotal = num(r, 'totalBytes', 'bytesTotal');

  let phase: string;
  switch (phaseId) {
    case 'listing':
      phase = trans.__('Listing the objects');
      break;
    case 'checking':
      phase = trans.__('Reading checksums');
      break;
    case 'hashing':
      phase = trans.__('Hashing content');
      break;
    case 'reading':
    case 'manifest':
    case 'loading':
      phase = trans.__('Reading the snapshot');
      break;
    case 'writing':
      phase = trans.__('Writing the snapshot');
      break;
    case 'comparing':
    case 'diffing':
      phase = trans.__('Comparing');
      break;
    case 'copying':
      phase = trans.__('Copying versions back');
      break;
    case 'deleting':
      phase = trans.__('Deleting files the snapshot did not have');
      break;
    case 'done':
      phase = trans.__('Done');
      break;
    default:
      phase = trans.__('Working');
  }
  if (listed !== undefined) {
    parts.push(trans._n('%2 object found', '%2 objects found', listed, count(listed)));
  }
  if (toCheck !== undefined && checked !== undefined && toCheck > 0) {
    parts.push(trans.__('%1 / %2 checksums read', count(checked), count(toCheck)));
    if (phaseId === 'checking') {
      fraction = checked / toCheck;
    }
  }
  if (reused) {
    parts.push(trans.__('%1 known from the last snapshot', count(reused)));
  }
  if (hashedBytes !== undefined && bytesToHash !== undefined && bytesToHash > 0) {
    parts.push(trans.__('%1 / %2 hashed', formatBytes(hashedBytes), formatBytes(bytesToHash)));
    if (phaseId === 'hashing') {
      fraction = hashedBytes / bytesToHash;
    }
  }
  if (done !== undefined && total !== undefined && total > 0) {
    parts.push(trans.__('%1 / %2 objects', count(done), count(total)));
    fraction = done / total;
  } else if (done !== undefined && phaseId === 'listing') {
    parts.push(trans._n('%2 object found', '%2 objects found', done, count(done)));
  } else if (done !== undefined) {
    parts.push(trans._n('%2 object', '%2 objects', done, count(done)));
  }
  if (bytesDone !== undefined && bytesTotal !== undefined && bytesTotal > 0) {
    parts.push(`${formatBytes(bytesDone)} / ${formatBytes(bytesTotal)}`);
    fraction ??= bytesDone / bytesTotal;
  } else if (bytesDone !== undefined) {
    parts.push(formatBytes(bytesDone));
  }
  if (fraction !== null) {
    fraction = Math.min(1, Math.max(0, fraction));
  }
  return { phase, detail: parts.join(' · '), fraction, phaseId };
}
