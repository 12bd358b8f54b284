/**
 * The content of a snapshot comparison tab: two snapshots (or a snapshot and the live folder) as
 * a virtualized tree of folders and files with per-folder counts of each status, a summary that
 * doubles as the status filter, "show unchanged", a path filter, and a click on a changed file
 * to open its content diff. This file is the tab's widget; its parts are the other files here.
 */
import * as React from 'react';
import { ReactWidget } from '@jupyterlab/apputils';
import type { SnapshotDiffModel } from '../../models/snapshot-diff';
import type { ISnapshotDiffViewOptions } from './options';
import { SnapshotDiffContent } from './SnapshotDiffContent';

/** The comparison tab's content. */
export class SnapshotDiffView extends ReactWidget {
  constructor(private readonly _options: ISnapshotDiffViewOptions) {
    super();
    this.addClass('jp-helium-snapdiff');
    this.node.dataset.left = _options.model.request.left.ref;
    this.node.dataset.right = _options.model.request.right.ref;
  }

  get model(): SnapshotDiffModel {
    return this._options.model;
  }

  dispose(): void {
    if (!this.isDisposed) {
      this._options.model.dispose();
    }
    super.dispose();
  }

  protected render(): JSX.Element {
    return <SnapshotDiffContent {...this._options} />;
  }
}
