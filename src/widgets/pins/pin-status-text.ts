/**
 * The words of the notebook toolbar's data status: one line for the whole notebook (the most
 * severe pin wins) and one tooltip line per pin. Pure, so tests check the wording directly.
 */
import type { TranslationBundle } from '@jupyterlab/translation';
import type { PinFollows, PinProblem, PinState, PinStatus } from '../../service/pins/types';
import type { StatusCounts } from '../../service/snapshots/types';

/** A pin as the status shows it: a folder's snapshot (`top_hash`) or a file's version (`version_id`). */
export type IPinLine = {
  name: string;
  uri: string;
  /** What the pin follows (said in the tooltip). */
  follows?: PinFollows;
} & ({ top_hash: string } | { version_id: string });

/** How severe each state is (the summary shows the most severe). */
const SEVERITY: Record<PinState | 'malformed' | 'checking', number> = {
  'in-sync': 0,
  checking: 1,
  changed: 2,
  missing: 3,
  error: 4,
  malformed: 5
};

/** The overall state: a pin state, `checking` (not computed yet) or `malformed` (a pin cannot be read). */
export type DataState = PinState | 'checking' | 'malformed';

/**
 * "3 modified, 1 added": the non-zero counts of a comparison.
 * @param counts - the counts.
 * @param trans - translations.
 * @returns the words, or '' when nothing changed.
 */
export function countsText(counts: StatusCounts | undefined, trans: TranslationBundle): string {
  if (!counts) {
    return '';
  }
  const parts: string[] = [];
  const add = (n: number, text: string) => n > 0 && parts.push(text);
  add(counts.modified, trans.__('%1 modified', counts.modified));
  add(counts.added, trans.__('%1 added', counts.added));
  add(counts.deleted, trans.__('%1 deleted', counts.deleted));
  add(counts['metadata-changed'], trans.__('%1 metadata changed', counts['metadata-changed']));
  return parts.join(', ');
}

/** The sum of several pins' counts. */
function sumCounts(all: (StatusCounts | undefined)[]): StatusCounts | undefined {
  const present = all.filter((c): c is StatusCounts => !!c);
  if (present.length === 0) {
    return undefined;
  }
  const sum = { ...present[0] };
  for (const c of present.slice(1)) {
    for (const key of Object.keys(sum) as (keyof StatusCounts)[]) {
      sum[key] += c[key];
    }
  }
  return sum;
}

/**
 * What one pin's status says.
 * @param status - its status, or undefined while not computed.
 * @param trans - translations.
 * @returns e.g. "changed since pinned: 1 modified".
 */
export function stateText(status: PinStatus | undefined, trans: TranslationBundle): string {
  switch (status?.state) {
    case undefined:
      return trans.__('checking…');
    case 'in-sync':
      return trans.__('in sync');
    case 'changed': {
      const counts = countsText(status.counts, trans);
      return counts ? trans.__('changed since pinned: %1', counts) : trans.__('changed since pinned');
    }
    case 'missing':
      return trans._n('missing: %1 pinned file deleted for good', 'missing: %1 pinned files deleted for good', status.missing?.length ?? 0);
    case 'error':
      return trans.__('error: %1', status.error?.message ?? '');
  }
}

/**
 * The toolbar's line: "Data: in sync", "Data: changed since pinned: 3 modified, 1 added"…
 * @param pins - the valid pins.
 * @param statuses - their statuses by name.
 * @param problems - the malformed pins.
 * @param trans - translations.
 * @returns the overall state and the line.
 */
export function summaryText(
  pins: readonly IPinLine[],
  statuses: ReadonlyMap<string, PinStatus>,
  problems: readonly PinProblem[],
  trans: TranslationBundle
): { state: DataState; text: string } {
  let state: DataState = problems.length > 0 ? 'malformed' : 'in-sync';
  for (const pin of pins) {
    const s: DataState = statuses.get(pin.name)?.state ?? 'checking';
    if (SEVERITY[s] > SEVERITY[state]) {
      state = s;
    }
  }
  let words: string;
  if (state === 'malformed') {
    words = trans._n('%1 malformed pin', '%1 malformed pins', problems.length);
  } else if (state === 'changed') {
    const changed = pins.map(p => statuses.get(p.name)).filter(s => s?.state === 'changed');
    const counts = countsText(sumCounts(changed.map(s => s?.counts)), trans);
    words = counts ? trans.__('changed since pinned: %1', counts) : trans.__('changed since pinned');
  } else if (pins.length === 1 || state === 'in-sync' || state === 'checking') {
    words = stateText(pins.length === 1 ? statuses.get(pins[0].name) : state === 'in-sync' ? { name: '', state } : undefined, trans);
  } else {
    words = state === 'missing' ? trans.__('missing') : trans.__('error');
  }
  return { state, text: trans.__('Data: %1', words) };
}

/**
 * The tooltip: one line per pin, then the malformed ones.
 * @param pins - the valid pins.
 * @param statuses - their statuses by name.
 * @param problems - the malformed pins.
 * @param trans - translations.
 * @returns the lines.
 */
export function tooltipLines(
  pins: readonly IPinLine[],
  statuses: ReadonlyMap<string, PinStatus>,
  problems: readonly PinProblem[],
  trans: TranslationBundle
): string[] {
  const lines = pins.map(pin => {
    const status = statuses.get(pin.name);
    const isFile = 'version_id' in pin;
    // A file pin that is not in sync always has a newer version: saying so adds nothing. What a
    // followed reference names now is said as such: a tag can be moved back as well as forward.
    const now = status?.followed?.newer && !isFile ? status.followed.topHash : null;
    const newer = now
      ? ` ${
          pin.follows === 'latest' || !pin.follows
            ? trans.__('(latest is now %1)', now.slice(0, 8))
            : trans.__('(tag "%1" now names %2)', pin.follows.tag, now.slice(0, 8))
        }`
      : '';
    const lock = isFile ? pin.version_id : pin.top_hash;
    const follows = pin.follows
      ? ` · ${pin.follows === 'latest' ? trans.__('follows latest') : trans.__('follows tag "%1"', pin.follows.tag)}`
      : '';
    return `${pin.name} (${pin.uri} @ ${lock.slice(0, 8)}): ${stateText(status, trans)}${newer}${follows}`;
  });
  return [...lines, ...problems.map(p => p.message)];
}
