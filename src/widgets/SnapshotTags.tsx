/**
 * A snapshot's tags in the Snapshots panel: small labels on its row, and in its details the tags
 * with their history on demand (each label's tooltip, and a small list opened by a click).
 */
import * as React from 'react';
import type { TranslationBundle } from '@jupyterlab/translation';
import type { SnapshotTag } from '../models/snapshot-tags';
import { shortHash } from '../models/snapshot-target';
import { formatDateTime } from './format';

/**
 * The history of a tag as lines (oldest first), for a tooltip.
 * @param tag - the tag.
 * @param trans - translations.
 * @returns the text.
 */
export function tagHistoryText(tag: SnapshotTag, trans: TranslationBundle): string {
  const steps = tag.history.map(
    step => `${formatDateTime(new Date(step.tagged_at))}  ${shortHash(step.top_hash)}${step.message ? `  ${step.message}` : ''}`
  );
  return [trans.__('Tag "%1" (pins can follow it); its history, oldest first:', tag.tag), ...steps].join('\n');
}

/** The labels on a snapshot's row. */
export function TagLabels(props: { tags: readonly SnapshotTag[]; trans: TranslationBundle }): JSX.Element | null {
  if (props.tags.length === 0) {
    return null;
  }
  return (
    <span className="jp-helium-snapshot-tags">
      {props.tags.map(t => (
        <span key={t.tag} className="jp-helium-snapshot-tag" data-tag={t.tag} title={tagHistoryText(t, props.trans)}>
          {t.tag}
        </span>
      ))}
    </span>
  );
}

/** The tags in a snapshot's details, each with its history on demand, (a click opens or closes its history). */
export function TagDetails(props: { tags: readonly SnapshotTag[]; trans: TranslationBundle }): JSX.Element {
  const { tags, trans } = props;
  const [open, setOpen] = React.useState<string | null>(null);
  const shown = tags.find(t => t.tag === open);
  return (
    <div className="jp-helium-snapshot-tag-details" data-testid="helium-snapshot-tags">
      {tags.length === 0 && <span className="jp-helium-snapshot-tags-none">{trans.__('No tags')}</span>}
      {tags.map(t => (
        <button
          key={t.tag}
          className="jp-helium-snapshot-tag jp-helium-snapshot-tag-button"
          data-tag={t.tag}
          title={tagHistoryText(t, trans)}
          aria-expanded={open === t.tag}
          onClick={() => setOpen(open === t.tag ? null : t.tag)}
        >
          {t.tag}
        </button>
      ))}
      {shown && (
        <ol
          className="jp-helium-snapshot-tag-history"
          data-testid="helium-snapshot-tag-history"
          aria-label={trans.__('History of tag %1', shown.tag)}
        >
          {shown.history.map((step, i) => (
            <li key={i}>
              <span>{formatDateTime(new Date(step.tagged_at))}</span> <code>{shortHash(step.top_hash)}</code>
              {i === shown.history.length - 1 && <span> {trans.__('(now)')}</span>}
              {step.message && <span> {step.message}</span>}
            </li>
          ))}
        </ol>
      )}
    </div>
  );
}
