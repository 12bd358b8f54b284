/** The result dialog's body. */
import * as React from 'react';
import { ReactWidget } from '@jupyterlab/apputils';
import type { TranslationBundle } from '@jupyterlab/translation';
import { ISnapshotResultInfo, SnapshotResultContent } from './SnapshotResultContent';

/** The body of the result dialog. */
export class SnapshotResultBody extends ReactWidget {
  constructor(private readonly _options: { trans: TranslationBundle; result: ISnapshotResultInfo; note?: string }) {
    super();
    this.addClass('jp-helium-snapshot-dialog');
    this.node.dataset.phase = 'done';
  }

  protected render(): JSX.Element {
    return <SnapshotResultContent {...this._options} />;
  }
}
