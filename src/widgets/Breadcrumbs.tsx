/** Breadcrumbs of the current location: bucket root, then one crumb per folder. */
import * as React from 'react';
import type { TranslationBundle } from '@jupyterlab/translation';

export interface IBreadcrumbsProps {
  bucket: string;
  prefix: string;
  trans: TranslationBundle;
  onNavigate: (prefix: string) => void;
}

export function Breadcrumbs(props: IBreadcrumbsProps): JSX.Element {
  const parts = props.prefix.split('/').filter(part => part.length > 0);
  const crumbs = parts.map((name, i) => ({ name, prefix: parts.slice(0, i + 1).join('/') + '/' }));
  return (
    <nav className="jp-helium-breadcrumbs" aria-label={props.trans.__('Location')}>
      <button
        className="jp-helium-crumb"
        title={`s3://${props.bucket}/`}
        onClick={() => props.onNavigate('')}
      >
        {props.bucket}
      </button>
      {crumbs.map(crumb => (
        <React.Fragment key={crumb.prefix}>
          <span className="jp-helium-crumb-sep">/</span>
          <button
            className="jp-helium-crumb"
            title={`s3://${props.bucket}/${crumb.prefix}`}
            onClick={() => props.onNavigate(crumb.prefix)}
          >
            {crumb.name}
          </button>
        </React.Fragment>
      ))}
    </nav>
  );
}
