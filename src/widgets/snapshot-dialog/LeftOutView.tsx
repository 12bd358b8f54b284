/** The objects a snapshot left out. */
import * as React from 'react';
import type { TranslationBundle } from '@jupyterlab/translation';
import { displayKey, formatS3Uri } from '../../service/uri';

/** How many left-out objects the result names one by one. */
const LEFT_OUT_SHOWN = 10;

/** The objects a snapshot left out, named (attacker-controlled keys: rendered as text). */
export function LeftOutView(props: {
  trans: TranslationBundle;
  bucket: string;
  leftOut: readonly { key: string; reason: string }[];
}): JSX.Element {
  const { trans, leftOut } = props;
  const more = leftOut.length - LEFT_OUT_SHOWN;
  return (
    <div className="jp-helium-notice jp-helium-snapshot-left-out" data-count={leftOut.length}>
      <p>
        {trans._n(
          '%2 object of the folder is not in this snapshot: Quilt packages cannot hold its name (quilt3 refuses ".", ".." and empty path segments). To include it, copy it to a key without such segments and snapshot again.',
          '%2 objects of the folder are not in this snapshot: Quilt packages cannot hold their names (quilt3 refuses ".", ".." and empty path segments). To include them, copy each to a key without such segments and snapshot again.',
          leftOut.length,
          leftOut.length.toLocaleString()
        )}
      </p>
      <ul>
        {leftOut.slice(0, LEFT_OUT_SHOWN).map(o => (
          <li key={o.key}>
            <code>{displayKey(formatS3Uri({ bucket: props.bucket, key: o.key }))}</code> — {o.reason}
          </li>
        ))}
        {more > 0 && <li>{trans._n('and %2 more', 'and %2 more', more, more.toLocaleString())}</li>}
      </ul>
    </div>
  );
}
