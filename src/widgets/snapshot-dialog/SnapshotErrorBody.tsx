/** An error dialog's body. */
import * as React from 'react';
import { ReactWidget } from '@jupyterlab/apputils';

/** The body of an error dialog (escaped text): the message, and what to do when the error says. */
export class SnapshotErrorBody extends ReactWidget {
  constructor(private readonly _options: { message: string; kind?: string; hint?: string }) {
    super();
    this.addClass('jp-helium-snapshot-dialog');
    this.node.dataset.phase = 'error';
  }

  protected render(): JSX.Element {
    return (
      <>
        <div className="jp-helium-snapshot-error" role="alert" data-kind={this._options.kind ?? 'Unknown'}>
          {this._options.message}
        </div>
        {this._options.hint ? <p className="jp-helium-snapshot-hint jp-helium-snapshot-error-hint">{this._options.hint}</p> : null}
      </>
    );
  }
}
