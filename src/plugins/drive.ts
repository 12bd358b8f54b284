/** Plugin: registers the `s3:` Contents drive so JupyterLab's editors and viewers open S3 objects. */
import { JupyterFrontEnd, JupyterFrontEndPlugin } from '@jupyterlab/application';
import { IHeliumConnections } from '../tokens';
import { S3Drive } from '../drive/s3drive';

export const drivePlugin: JupyterFrontEndPlugin<void> = {
  id: 'jupyterlab-helium:drive',
  description: 'The s3: drive: open and save S3 objects in JupyterLab documents.',
  autoStart: true,
  requires: [IHeliumConnections],
  activate: (app: JupyterFrontEnd, connections: IHeliumConnections): void => {
    app.serviceManager.contents.addDrive(new S3Drive(connections, app.serviceManager.serverSettings));
  }
};
