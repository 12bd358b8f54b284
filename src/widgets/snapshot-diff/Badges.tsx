/** A folder's counts of changed files, one badge per status. */
import * as React from 'react';
import type { TranslationBundle } from '@jupyterlab/translation';
import type { EntryStatus, StatusCounts } from '../../service/snapshots/types';
import { CHANGED } from '../../models/snapshot-diff-tree';
import { statusLabel } from './status-text';

/**
 * The badges of a folder's counts (unchanged files too when shown).
 * @param props - the counts, translations and whether unchanged files are shown.
 * @returns the element.
 */
export function Badges(props: { counts: StatusCounts; trans: TranslationBundle; showSame: boolean }): JSX.Element {
  const { counts, trans } = props;
  const statuses: EntryStatus[] = props.showSame ? [...CHANGED, 'same'] : [...CHANGED];
  return (
    <span className="jp-helium-snapdiff-badges">
      {statuses
        .filter(s => counts[s] > 0)
        .map(s => (
          <span
            key={s}
            className="jp-helium-badge jp-helium-snapdiff-badge"
            data-status={s}
            title={`${counts[s].toLocaleString()} ${statusLabel(s, trans)}`}
          >
            {counts[s].toLocaleString()}
          </span>
        ))}
    </span>
  );
}
