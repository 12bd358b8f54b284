/**
 * The counts of a restore plan, for the question the user answers before restoring: files copied
 * back (and why), files that get a delete marker, and the bytes the copies write.
 */

/** What a restore plan will do, counted for the question the user answers. */
export interface IRestoreSummary {
  /** Pinned versions copied back on top (new versions). */
  copies: number;
  /** …of which the file changed since the snapshot (content or metadata). */
  changedSince: number;
  /** …of which the file was deleted since the snapshot. */
  deletedSince: number;
  /** Files added since the snapshot that get a delete marker (their versions stay). */
  deletes: number;
  /** Bytes the copies write. */
  copyBytes: number;
}

/**
 * Count the actions of a restore plan.
 * @param actions - the plan's actions.
 * @returns the counts.
 */
export function restoreSummary(
  actions: readonly ({ kind: 'copy'; reason: string; size: number } | { kind: 'delete'; reason: string; size: number })[]
): IRestoreSummary {
  const summary: IRestoreSummary = { copies: 0, changedSince: 0, deletedSince: 0, deletes: 0, copyBytes: 0 };
  for (const action of actions) {
    if (action.kind === 'copy') {
      summary.copies += 1;
      summary.copyBytes += action.size;
      if (action.reason === 'deleted') {
        summary.deletedSince += 1;
      } else {
        summary.changedSince += 1;
      }
    } else {
      summary.deletes += 1;
    }
  }
  return summary;
}
