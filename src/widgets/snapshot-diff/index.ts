/** The snapshot comparison tab's view (see `SnapshotDiffView.tsx`). */
export { SnapshotDiffView } from './SnapshotDiffView';
export { SnapshotDiffContent } from './SnapshotDiffContent';
export { SNAPDIFF_ROW_HEIGHT } from './options';
export type { ISnapshotDiffViewOptions } from './options';
export { statusLabel } from './status-text';
