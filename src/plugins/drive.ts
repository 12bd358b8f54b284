/**
 * Plugin: registers the `s3:` Contents drive (JupyterLab's editors and viewers open and save S3
 * objects) and the read-only `s3-version:` drive (old versions open in the same viewers).
 */
import { JupyterFrontEnd, JupyterFrontEndPlugin } from '@jupyterlab/application';
import { IHeliumConnections } from '../tokens';
import { S3Drive } from '../drive/s3drive';
import { VersionDrive } from '../drive/version-drive';

export const drivePlugin: JupyterFrontEndPlugin<void> = {
  id: 'jupyterlab-helium:drive',
  description: 'The s3: drive: open and save S3 objects in JupyterLab documents.',
  autoStart: true,
  requires: [IHeliumConnections],
  activate: (app: JupyterFrontEnd, connections: IHeliumConnections): void => {
    const { contents, serverSettings } = app.serviceManager;
    contents.addDrive(new S3Drive(connections, serverSettings));
    contents.addDrive(new VersionDrive(connections, serverSettings));
  }
};
