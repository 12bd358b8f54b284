/** jupyterlab-helium: the list of plugins, nothing else. */
import { connectionsPlugin } from './plugins/connections';
import { drivePlugin } from './plugins/drive';
import { panelPlugin } from './plugins/panel';

export default [connectionsPlugin, drivePlugin, panelPlugin];
export * from './tokens';
