/** The "Snapshot Folder…" dialog and the progress dialog of long snapshot work (see `snapshot-folder-dialog.ts`). */
export { formProblems } from './form-values';
export type { ISnapshotFormChecks, ISnapshotFormProblems, ISnapshotFormValues } from './form-values';
export { SnapshotFormContent } from './SnapshotFormContent';
export { SnapshotForm } from './SnapshotForm';
export { ProgressState } from './ProgressState';
export { SnapshotProgressBody } from './SnapshotProgressBody';
export { SnapshotResultContent } from './SnapshotResultContent';
export type { ISnapshotResultInfo } from './SnapshotResultContent';
export { SnapshotResultBody } from './SnapshotResultBody';
export { SnapshotErrorBody } from './SnapshotErrorBody';
export { isCancelled } from './is-cancelled';
export { runWithProgress } from './run-with-progress';
export { snapshotFolderDialog } from './snapshot-folder-dialog';
export type { ISnapshotDialogOptions } from './snapshot-folder-dialog';
