/** Breadcrumbs of the current location: bucket root, then one crumb per folder. */
import * as React from 'react';
import type { TranslationBundle } from '@jupyterlab/translation';
import { formatS3Uri, splitPrefix } from '../service/uri';
import { nameClass, nameText } from './key-text';
import { KeyText } from './KeyText';

export interface IBreadcrumbsProps {
  bucket: string;
  prefix: string;
  trans: TranslationBundle;
  onNavigate: (prefix: string) => void;
}

export function Breadcrumbs(props: IBreadcrumbsProps): JSX.Element {
  // Every segment is a crumb, empty ones too (`a//b/` is three folders deep): each crumb's
  // prefix is exactly the one it stands for.
  const crumbs = splitPrefix(props.prefix);
  return (
    <nav className="jp-helium-breadcrumbs" aria-label={props.trans.__('Location')}>
      <button
        className="jp-helium-crumb"
        title={formatS3Uri({ bucket: props.bucket, key: '' })}
        onClick={() => props.onNavigate('')}
      >
        {props.bucket}
      </button>
      {crumbs.map(crumb => (
        <React.Fragment key={crumb.prefix}>
          <span className="jp-helium-crumb-sep">/</span>
          <button
            className={nameClass('jp-helium-crumb', crumb.name)}
            title={formatS3Uri({ bucket: props.bucket, key: crumb.prefix })}
            onClick={() => props.onNavigate(crumb.prefix)}
          >
            <KeyText text={nameText(crumb.name, props.trans)} />
          </button>
        </React.Fragment>
      ))}
    </nav>
  );
}
