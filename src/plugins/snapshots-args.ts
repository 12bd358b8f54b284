/**
 * What the snapshot commands read from their args (part of the snapshots plugin in `snapshots.ts`,
 * not a plugin of its own): the folder and the snapshot a command names, else what the snapshots
 * panel shows. Pure: the command logic (`snapshots-actions.ts`) runs it in tests without JupyterLab.
 */
import type { ReadonlyPartialJSONObject } from '@lumino/coreutils';
import type { SnapshotInfo } from '../service/snapshots/types';
import type { SnapshotsModel } from '../models/snapshots';

/**
 * An arg as a string.
 * @param value - the arg.
 * @returns it, or undefined when it is not a string.
 */
export function str(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

/**
 * The listed snapshot for a side: the row named (several rows can share a top hash), else one
 * with that top hash.
 * @param model - the snapshots model.
 * @param ref - a top hash.
 * @param rowId - the row named, if any.
 * @returns the snapshot, or null when none is listed.
 */
export function rowFor(model: SnapshotsModel, ref: string, rowId?: string): SnapshotInfo | null {
  const row = rowId ? model.findRow(rowId) : null;
  return row && row.topHash === ref ? row : model.find(ref);
}

/**
 * The snapshot a command acts on: the row named in its args, else one with the top hash named
 * (the selected row first), else the panel's selection.
 * @param model - the snapshots model.
 * @param args - the command's args (`topHash`, `row`).
 * @returns the snapshot, or null.
 */
export function snapshotArg(model: SnapshotsModel, args: ReadonlyPartialJSONObject): SnapshotInfo | null {
  const hash = str(args.topHash);
  if (!hash) {
    return model.selected;
  }
  return rowFor(model, hash, str(args.row));
}
