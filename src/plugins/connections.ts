/** Plugin: provides the server's S3 connections and proxy-backed S3 clients to other plugins. */
import { JupyterFrontEnd, JupyterFrontEndPlugin } from '@jupyterlab/application';
import { ITranslator, nullTranslator } from '@jupyterlab/translation';
import { IHeliumConnections } from '../tokens';
import { ConnectionsModel } from '../models/connections';

export const connectionsPlugin: JupyterFrontEndPlugin<IHeliumConnections> = {
  id: 'jupyterlab-helium:connections',
  description: 'S3 connections configured on the Jupyter server.',
  autoStart: true,
  optional: [ITranslator],
  provides: IHeliumConnections,
  activate: (app: JupyterFrontEnd, translator: ITranslator | null): IHeliumConnections =>
    new ConnectionsModel(app.serviceManager.serverSettings, (translator ?? nullTranslator).load('jupyterlab_helium'))
};
