/** One row of a comparison's tree. */
import * as React from 'react';
import type { TranslationBundle } from '@jupyterlab/translation';
import { caretDownIcon, caretRightIcon, folderIcon } from '@jupyterlab/ui-components';
import type { EntryChange } from '../../service/snapshots/types';
import type { ISnapshotTreeRow, SnapshotDiffTree } from '../../models/snapshot-diff-tree';
import { displayKey } from '../../service/uri';
import { nameClass, nameText } from '../key-text';
import { KeyText } from '../KeyText';
import { formatBytes } from '../format';
import { Badges } from './Badges';
import { statusHelp, statusLabel } from './status-text';

/** A file's size, or how it changed. */
function sizeChange(change: EntryChange): string {
  const { left, right } = change;
  if (left && right) {
    return left.size === right.size ? formatBytes(right.size) : `${formatBytes(left.size)} → ${formatBytes(right.size)}`;
  }
  return formatBytes((left ?? right)!.size);
}

/**
 * One row of the comparison's tree: a folder (click to fold) or a file (click to open).
 * @param props - the row, its tree, translations, style and actions.
 * @returns the element.
 */
export function TreeRow(props: {
  row: ISnapshotTreeRow;
  tree: SnapshotDiffTree;
  trans: TranslationBundle;
  showSame: boolean;
  style: React.CSSProperties;
  onToggle: (path: string) => void;
  onOpen: (change: EntryChange) => void;
}): JSX.Element {
  const { row, trans } = props;
  const indent = { paddingLeft: 6 + row.depth * 16 };
  // The rows are flat (virtualized), not nested in groups: aria-level says the depth.
  if (row.kind === 'folder') {
    const Caret = row.collapsed ? caretRightIcon : caretDownIcon;
    return (
      <div
        className="jp-helium-listrow jp-helium-snapdiff-row jp-helium-snapdiff-folder"
        role="treeitem"
        aria-expanded={!row.collapsed}
        aria-level={row.depth + 1}
        tabIndex={0}
        data-kind="folder"
        data-status="folder"
        data-path={row.path}
        style={{ ...props.style, ...indent }}
        title={row.path}
        onClick={() => props.onToggle(row.path)}
        onKeyDown={e => (e.key === 'Enter' || e.key === ' ') && (e.preventDefault(), props.onToggle(row.path))}
      >
        <Caret.react tag="span" className="jp-helium-snapdiff-caret" />
        <folderIcon.react tag="span" className="jp-helium-snapdiff-icon" />
        <span className={nameClass('jp-helium-snapdiff-name', row.name)}>
          <KeyText text={nameText(row.name, trans)} />
        </span>
        <Badges counts={props.tree.folderCounts(row.folder!)} trans={trans} showSame={props.showSame} />
      </div>
    );
  }
  const change = row.change!;
  // Every file opens: both sides → their content diff; one side (added, deleted) → that version.
  const both = props.tree.hasBothSides(change);
  const hint = both ? trans.__('Click to compare the contents') : trans.__('Click to open this version (read-only)');
  return (
    <div
      className="jp-helium-listrow jp-helium-snapdiff-row jp-helium-snapdiff-file jp-mod-openable"
      role="treeitem"
      aria-level={row.depth + 1}
      tabIndex={0}
      data-kind="file"
      data-status={change.status}
      data-path={change.logicalKey}
      style={{ ...props.style, ...indent }}
      title={`${displayKey(change.logicalKey)}\n${statusHelp(change.status, trans)}\n${hint}`}
      onClick={() => props.onOpen(change)}
      onKeyDown={e => e.key === 'Enter' && props.onOpen(change)}
    >
      <span className="jp-helium-snapdiff-caret-space" />
      <span className="jp-helium-badge jp-helium-snapdiff-status" data-status={change.status}>
        {statusLabel(change.status, trans)}
      </span>
      <span className={nameClass('jp-helium-snapdiff-name', row.name)}>
        <KeyText text={nameText(row.name, trans)} />
      </span>
      <span className="jp-helium-snapdiff-size">{sizeChange(change)}</span>
    </div>
  );
}
