/**
 * The statuses of a manifest diff, in the order they are shown, and their counts (pure: the UI
 * imports it for labels and filters).
 */
import type { EntryStatus, StatusCounts } from './types';

/** Every status, in the order they are shown. */
export const ENTRY_STATUSES: readonly EntryStatus[] = [
  'added',
  'deleted',
  'modified',
  'metadata-changed',
  'same-content-new-version',
  'same'
];

/**
 * A {@link StatusCounts} with every count at zero.
 * @returns new counts.
 */
export function emptyCounts(): StatusCounts {
  return { added: 0, deleted: 0, modified: 0, 'metadata-changed': 0, 'same-content-new-version': 0, same: 0 };
}

/**
 * The number of changed files in some counts (every status but `same`).
 * @param counts - the counts.
 * @returns their sum without `same`.
 */
export function changedCount(counts: StatusCounts): number {
  return counts.added + counts.deleted + counts.modified + counts['metadata-changed'] + counts['same-content-new-version'];
}
