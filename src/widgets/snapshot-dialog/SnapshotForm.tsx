/** The snapshot form as a dialog body. */
import * as React from 'react';
import { ReactWidget } from '@jupyterlab/apputils';
import type { TranslationBundle } from '@jupyterlab/translation';
import type { ISnapshotFormChecks, ISnapshotFormValues, ISnapshotFormWorkflows } from './form-values';
import { SnapshotFormContent } from './SnapshotFormContent';

/** The form's dialog body; `getValue()` gives what was typed. */
export class SnapshotForm extends ReactWidget {
  constructor(
    private readonly _options: {
      trans: TranslationBundle;
      uri: string;
      values: ISnapshotFormValues;
      checks: ISnapshotFormChecks;
      /** The notebook lineage can be recorded from, if any. */
      lineageNotebook?: string;
      /** The bucket's Quilt workflows, if it has a config. */
      workflows?: ISnapshotFormWorkflows;
    }
  ) {
    super();
    this._values = { ..._options.values };
    this.addClass('jp-helium-snapshot-dialog');
    this.node.dataset.phase = 'form';
  }

  getValue(): ISnapshotFormValues {
    return { ...this._values };
  }

  protected render(): JSX.Element {
    return (
      <SnapshotFormContent
        trans={this._options.trans}
        uri={this._options.uri}
        initial={this._options.values}
        checks={this._options.checks}
        lineageNotebook={this._options.lineageNotebook}
        workflows={this._options.workflows}
        onChange={values => (this._values = values)}
        nodeRef={this._nodeRef}
      />
    );
  }

  private _values: ISnapshotFormValues;
  /** One function for the life of the form, so the content's effect runs only when validity changes. */
  private readonly _nodeRef = (): HTMLElement => this.node;
}
