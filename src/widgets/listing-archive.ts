/**
 * What a listing row says about an archived object (Glacier, Deep Archive): still archived
 * (dimmed: S3 refuses its bytes), being restored (dimmed, "restoring"), or restored (readable like
 * any object until its copy expires, though still in its archive class). The state comes from the
 * listing's `RestoreStatus` (service/archive-names.ts `listedArchiveState`); a server that gives
 * none leaves every archived object "archived", as before.
 */
import type { TranslationBundle } from '@jupyterlab/translation';
import type { Entry } from '../service';
import { listedArchiveState } from '../service/archive-names';
import { formatDateTime } from './format';

/** How a row shows its archive state. */
export interface IArchiveView {
  /** `archived`, `restoring` or `restored` (the row's `data-archive` attribute). */
  state: 'archived' | 'restoring' | 'restored';
  /** Whether the row is dimmed (its bytes cannot be read now). */
  dimmed: boolean;
  /** The row's tooltip. */
  rowTitle: string;
  /** The badge's tooltip. */
  badgeTitle: string;
  /** The badge's accessible name. */
  badgeLabel: string;
}

/**
 * The row's archive view.
 * @param entry - the row.
 * @param uri - its `s3://` URI.
 * @param trans - translations.
 * @returns the view, or null when the object is not in an archive class (or is a folder).
 */
export function archiveView(entry: Entry, uri: string, trans: TranslationBundle): IArchiveView | null {
  const listed = entry.kind === 'object' ? listedArchiveState(entry) : undefined;
  if (!listed) {
    return null;
  }
  const { archive } = listed;
  if (listed.state === 'restoring') {
    return {
      state: 'restoring',
      dimmed: true,
      rowTitle: trans.__('%1 — being restored from %2: S3 serves its bytes once the restored copy is made (hours)', uri, archive),
      badgeTitle: trans.__('Restoring from %1', archive),
      badgeLabel: trans.__('restoring')
    };
  }
  if (listed.state === 'restored') {
    const until = listed.expiry ? formatDateTime(listed.expiry) : '';
    return {
      state: 'restored',
      dimmed: false,
      rowTitle: until
        ? trans.__('%1 — restored from %2: readable until %3, then archived again', uri, archive, until)
        : trans.__('%1 — restored from %2: readable', uri, archive),
      badgeTitle: until ? trans.__('Restored from %1 until %2', archive, until) : trans.__('Restored from %1', archive),
      badgeLabel: trans.__('restored')
    };
  }
  return {
    state: 'archived',
    dimmed: true,
    rowTitle: trans.__(
      '%1 — archived in %2: S3 serves its bytes only from a restored copy (right-click › Restore from Archive…)',
      uri,
      archive
    ),
    badgeTitle: trans.__('Archived in %1', archive),
    badgeLabel: trans.__('archived')
  };
}
