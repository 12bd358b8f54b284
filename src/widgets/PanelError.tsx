/**
 * The S3 panel's error box: what went wrong and what to do. A bucket that could not be opened
 * (scope `open`) leaves the panel where it was, and the box says so, so the picker, the
 * breadcrumbs and the message agree; its button retries that bucket (or, for a name S3 would
 * refuse, asks for another one).
 */
import * as React from 'react';
import type { TranslationBundle } from '@jupyterlab/translation';
import type { IS3BrowserModel as BrowserModel, IPanelError } from '../tokens';
import { formatS3Uri } from '../service/uri';
import { s3Icon } from './icons';

export interface IPanelErrorProps {
  model: BrowserModel;
  error: IPanelError;
  trans: TranslationBundle;
  /** Ask for a bucket name, starting from this text. */
  onOtherBucket: (initial?: string) => void;
  /** Check the connection: what is wrong with its credentials, endpoint or buckets, and the fixes. */
  onCheckConnection?: () => void;
}

/** What *Try again* does for an error of this scope. */
function retry(model: BrowserModel, error: IPanelError): Promise<void> {
  switch (error.scope) {
    case 'open':
      return model.open(error.bucket ?? '', error.prefix ?? '');
    case 'listing':
      return model.refresh();
    case 'buckets':
      return model.connection ? model.setConnection(model.connection) : model.initialize();
    default:
      return model.initialize();
  }
}

export function PanelError(props: IPanelErrorProps): JSX.Element {
  const { model, error, trans } = props;
  const failedToOpen = error.scope === 'open';
  return (
    <div className="jp-helium-error" role="alert" data-testid="helium-error" data-scope={error.scope}>
      <s3Icon.react tag="span" className="jp-helium-error-icon" />
      <div>
        <p className="jp-helium-error-message">{error.message}</p>
        {failedToOpen && (
          <p className="jp-helium-error-note" data-testid="helium-error-note">
            {model.bucket
              ? trans.__('Nothing changed: the panel still shows %1.', formatS3Uri({ bucket: model.bucket, key: model.prefix }))
              : trans.__('Nothing was opened.')}
          </p>
        )}
        <div className="jp-helium-error-actions">
          {failedToOpen && error.canRetry === false ? (
            <button className="jp-mod-styled jp-helium-retry" onClick={() => props.onOtherBucket(error.bucket)}>
              {trans.__('Fix the name…')}
            </button>
          ) : (
            <button
              className="jp-mod-styled jp-helium-retry"
              title={
                failedToOpen ? trans.__('Open %1 again', formatS3Uri({ bucket: error.bucket ?? '', key: error.prefix ?? '' })) : undefined
              }
              onClick={() => void retry(model, error)}
            >
              {trans.__('Try again')}
            </button>
          )}
          {props.onCheckConnection && model.connection !== null && (
            <button className="jp-mod-styled jp-helium-error-check" data-testid="helium-error-check" onClick={props.onCheckConnection}>
              {trans.__('Check Connection…')}
            </button>
          )}
          {failedToOpen && (
            <button className="jp-mod-styled jp-helium-error-dismiss" onClick={() => model.dismissError()}>
              {trans.__('Dismiss')}
            </button>
          )}
        </div>
      </div>
    </div>
  );
}
