/**
 * The sides of a snapshot comparison as the user sees them (part of the snapshots plugin in
 * `snapshots.ts`): "snapshot 3f2a9c… · 12 Mar 14:02", or "live".
 */
import type { TranslationBundle } from '@jupyterlab/translation';
import { LIVE } from '../models/snapshot-target';
import type { ISnapshotSide } from '../models/snapshot-diff';
import type { SnapshotsModel } from '../models/snapshots';
import { formatShortDateTime } from '../widgets/format';
import { rowFor } from './snapshots-args';

/**
 * A side of a comparison, labelled for the user.
 * @param model - the snapshots model: the listed snapshot gives the time.
 * @param trans - the translations.
 * @param ref - a top hash, or {@link LIVE}.
 * @param rowId - the row named, if any (several rows can share a top hash).
 * @returns the side.
 */
export function snapshotSide(model: SnapshotsModel, trans: TranslationBundle, ref: string, rowId?: string): ISnapshotSide {
  return { ref, label: sideLabel(model, trans, ref, rowId) };
}

/** "snapshot 3f2a9c… · 12 Mar 14:02", or "live". */
function sideLabel(model: SnapshotsModel, trans: TranslationBundle, ref: string, rowId?: string): string {
  if (ref === LIVE) {
    return trans.__('live');
  }
  const info = rowFor(model, ref, rowId);
  const hash = `${ref.slice(0, 6)}…`;
  return info ? trans.__('snapshot %1 · %2', hash, formatShortDateTime(info.timestamp)) : trans.__('snapshot %1', hash);
}
