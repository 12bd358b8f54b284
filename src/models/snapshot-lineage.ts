/**
 * Where a snapshot's lineage comes from: the notebook open when the snapshot is taken. The pins
 * plugin sets one on the snapshots model (`SnapshotsModel.lineage`), so the Snapshot Folder dialog
 * can offer "Record lineage from <notebook>" without the snapshots plugin knowing notebooks.
 */

/** The notebook a snapshot can record as its source. */
export interface ISnapshotLineageSource {
  /** The path of the notebook lineage would be recorded from, or null when none is open. */
  notebook(): string | null;
  /**
   * The package metadata with that notebook's lineage (`helium.lineage`: path, SHA-256 of the
   * saved file, its pins) merged in.
   * @param userMeta - the metadata typed in the form, or undefined.
   * @returns the merged metadata.
   */
  meta(userMeta: unknown): Promise<Record<string, unknown>>;
}
