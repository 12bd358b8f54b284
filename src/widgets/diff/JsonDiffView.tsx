/**
 * The JSON diff: counts, then a virtualized list of paths (`$.storms[3].wind`) with their old
 * and new values, coloured by kind. Values are shown as text only, cut when long.
 */
import * as React from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import type { TranslationBundle } from '@jupyterlab/translation';
import { ReactWidget } from '@jupyterlab/ui-components';
import type { IJsonChange, IJsonDiff } from '../../service/diff/json';
import { formatJsonPath, previewJsonValue, splitJsonPath } from '../../service/diff/json-format';

/** Height of a row, in pixels. */
const ROW_HEIGHT = 24;
/** Characters of a value shown in a row, and in its tooltip. */
const VALUE_CHARS = 160;
const TOOLTIP_CHARS = 2000;

/** One change: kind mark, path, old → new. */
function ChangeRow(props: { change: IJsonChange; trans: TranslationBundle; style: React.CSSProperties }): JSX.Element {
  const { change, trans } = props;
  const mark = { added: '+', removed: '−', changed: '~' }[change.kind];
  const kindLabel = { added: trans.__('added'), removed: trans.__('removed'), changed: trans.__('changed') }[change.kind];
  const path = formatJsonPath(change.path);
  const { head, tail } = splitJsonPath(change.path);
  const value = (v: unknown, which: 'left' | 'right') => (
    <span className={`jp-helium-diff-json-value jp-helium-diff-json-${which}`} title={previewJsonValue(v, TOOLTIP_CHARS)}>
      {previewJsonValue(v, VALUE_CHARS)}
    </span>
  );
  return (
    <div className="jp-helium-diff-json-row" data-kind={change.kind} style={props.style} role="row">
      <span className="jp-helium-diff-json-mark" title={kindLabel} aria-label={kindLabel}>
        {mark}
      </span>
      <span className="jp-helium-diff-json-path" title={path}>
        {/* A long path is cut in the middle: its start shrinks, its last steps stay whole. */}
        <span className="jp-helium-diff-json-path-head">{head}</span>
        <span className="jp-helium-diff-json-path-tail">{tail}</span>
      </span>
      <span className="jp-helium-diff-json-values">
        {change.kind !== 'added' && value(change.left, 'left')}
        {change.kind === 'changed' && <span className="jp-helium-diff-json-arrow">→</span>}
        {change.kind !== 'removed' && value(change.right, 'right')}
      </span>
    </div>
  );
}

/** The counts line and the list. */
export function JsonDiffList(props: { diff: IJsonDiff; trans: TranslationBundle }): JSX.Element {
  const { diff, trans } = props;
  const scrollRef = React.useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: diff.changes.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 20
  });
  const { added, removed, changed } = diff.counts;
  const total = added + removed + changed;
  return (
    <div className="jp-helium-diff-json-list">
      <div className="jp-helium-diff-viewbar">
        {total === 0 ? (
          <span className="jp-helium-diff-identical">{trans.__('The JSON documents are identical (key order aside).')}</span>
        ) : (
          <span className="jp-helium-diff-counts" data-total={total}>
            <span className="jp-helium-diff-count-added">{trans.__('%1 added', added)}</span>
            {' · '}
            <span className="jp-helium-diff-count-removed">{trans.__('%1 removed', removed)}</span>
            {' · '}
            <span className="jp-helium-diff-count-changed">{trans.__('%1 changed', changed)}</span>
            {diff.truncated && (
              <span className="jp-helium-diff-truncated">
                {' · '}
                {trans.__('showing the first %1', diff.changes.length.toLocaleString())}
              </span>
            )}
          </span>
        )}
      </div>
      <div className="jp-helium-diff-json-scroll" ref={scrollRef} role="table" aria-label={trans.__('Changes')}>
        <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
          {virtualizer.getVirtualItems().map(item => (
            <ChangeRow
              key={item.index}
              change={diff.changes[item.index]}
              trans={trans}
              style={{ position: 'absolute', top: 0, left: 0, right: 0, height: ROW_HEIGHT, transform: `translateY(${item.start}px)` }}
            />
          ))}
        </div>
      </div>
    </div>
  );
}

/** The JSON diff view. */
export class JsonDiffView extends ReactWidget {
  /**
   * @param diff - the structural diff.
   * @param trans - translations.
   */
  constructor(
    readonly diff: IJsonDiff,
    private _trans: TranslationBundle
  ) {
    super();
    this.addClass('jp-helium-diff-json');
  }

  protected render(): JSX.Element {
    return <JsonDiffList diff={this.diff} trans={this._trans} />;
  }
}
