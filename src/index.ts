/** jupyterlab-helium: the list of plugins, nothing else. */
import { connectionsPlugin } from './plugins/connections';
import { drivePlugin } from './plugins/drive';
import { panelPlugin } from './plugins/panel';
import { transfersPlugin } from './plugins/transfers';
import { versionsPlugin } from './plugins/versions';

export default [connectionsPlugin, drivePlugin, transfersPlugin, panelPlugin, versionsPlugin];
export * from './tokens';
