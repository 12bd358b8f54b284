/** A progress dialog's body. */
import * as React from 'react';
import { ReactWidget } from '@jupyterlab/apputils';
import type { TranslationBundle } from '@jupyterlab/translation';
import type { ProgressState } from './ProgressState';
import { ProgressView } from './ProgressView';

/** The body of a progress dialog. */
export class SnapshotProgressBody extends ReactWidget {
  constructor(private readonly _options: { trans: TranslationBundle; state: ProgressState; title: string }) {
    super();
    this.addClass('jp-helium-snapshot-dialog');
    this.node.dataset.phase = 'progress';
  }

  protected render(): JSX.Element {
    return <ProgressView {...this._options} started={this._started} />;
  }

  private _started = Date.now();
}
