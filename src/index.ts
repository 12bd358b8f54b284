/** jupyterlab-helium: the list of plugins, nothing else. */
import { connectionsPlugin } from './plugins/connections';
import { drivePlugin } from './plugins/drive';
import { panelPlugin } from './plugins/panel';
import { browserModelPlugin, searchModelPlugin } from './plugins/panel-models';
import { transfersPlugin } from './plugins/transfers';
import { versionsPlugin } from './plugins/versions';
import { diffPlugin } from './plugins/diff';
import { diffTextPlugin } from './plugins/diff-text';
import { diffJsonPlugin } from './plugins/diff-json';
import { diffTablePlugin } from './plugins/diff-table';
import { diffNotebookPlugin } from './plugins/diff-notebook';
import { diffImagePlugin } from './plugins/diff-image';
import { diffFallbackPlugin } from './plugins/diff-fallback';
import { snapshotsPlugin } from './plugins/snapshots';
import { pinsPlugin } from './plugins/pins';
import { tableViewerPlugin } from './plugins/table-viewer';

export default [
  connectionsPlugin,
  drivePlugin,
  transfersPlugin,
  browserModelPlugin,
  searchModelPlugin,
  panelPlugin,
  versionsPlugin,
  diffPlugin,
  diffTextPlugin,
  diffJsonPlugin,
  diffTablePlugin,
  diffNotebookPlugin,
  diffImagePlugin,
  diffFallbackPlugin,
  snapshotsPlugin,
  pinsPlugin,
  tableViewerPlugin
];
export * from './tokens';
