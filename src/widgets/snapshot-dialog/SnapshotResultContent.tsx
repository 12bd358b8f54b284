/** What a snapshot recorded: the package, its top hash and snippet, what it left out. */
import * as React from 'react';
import type { TranslationBundle } from '@jupyterlab/translation';
import { formatBytes } from '../format';
import { CopyButton } from './CopyButton';
import { LeftOutView } from './LeftOutView';

/** What the result dialog shows. */
export interface ISnapshotResultInfo {
  topHash: string;
  /** Package name. */
  name: string;
  bucket: string;
  /** Files and bytes recorded, when known. */
  entries?: number;
  bytes?: number;
  /** The quilt3 snippet. */
  snippet: string;
  /** Objects of the folder the snapshot does not hold (names quilt3 refuses), with why. */
  leftOut?: readonly { key: string; reason: string }[];
  /** The Quilt workflow whose checks it passed (null: the bucket has a config, none was chosen). */
  workflow?: string | null;
}

/**
 * What the result dialog shows: the package, the top hash and snippet to copy, and the objects
 * the snapshot left out, if any.
 */
export function SnapshotResultContent(props: { trans: TranslationBundle; result: ISnapshotResultInfo; note?: string }): JSX.Element {
  const { trans, result } = props;
  const snippetLabel = React.useId();
  const sizes: string[] = [];
  if (result.entries !== undefined) {
    sizes.push(trans._n('%2 file', '%2 files', result.entries, result.entries.toLocaleString()));
  }
  if (result.bytes !== undefined) {
    sizes.push(formatBytes(result.bytes));
  }
  return (
    <div className="jp-helium-snapshot-result" data-top-hash={result.topHash} data-name={result.name}>
      {props.note && <p className="jp-helium-notice">{props.note}</p>}
      <p>
        {sizes.length
          ? trans.__('Snapshot %1 recorded (%2).', result.name, sizes.join(', '))
          : trans.__('Snapshot %1 recorded.', result.name)}
        {typeof result.workflow === 'string' && ' ' + trans.__('It passed the checks of workflow "%1".', result.workflow)}
      </p>
      <div className="jp-helium-snapshot-label">{trans.__('Top hash')}</div>
      <div className="jp-helium-snapshot-copyline">
        <code className="jp-helium-snapshot-hash">{result.topHash}</code>
        <CopyButton trans={trans} text={result.topHash} className="jp-helium-snapshot-copy-hash" label={trans.__('Copy')} />
      </div>
      <div className="jp-helium-snapshot-label" id={snippetLabel}>
        {trans.__('Open it with quilt3')}
      </div>
      {/* A line wider than the dialog scrolls sideways: focusable, so the keyboard can scroll it. */}
      <pre className="jp-helium-codeblock jp-helium-snapshot-snippet" tabIndex={0} role="region" aria-labelledby={snippetLabel}>
        {result.snippet}
      </pre>
      <CopyButton trans={trans} text={result.snippet} className="jp-helium-snapshot-copy-snippet" label={trans.__('Copy Python')} />
      {result.leftOut && result.leftOut.length > 0 && <LeftOutView trans={trans} bucket={result.bucket} leftOut={result.leftOut} />}
    </div>
  );
}
