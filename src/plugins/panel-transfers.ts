/**
 * The transfer wiring of the S3 panel (part of the panel plugin in `panel.ts`, not a plugin of its
 * own): uploads dropped on the panel, picked with its Upload button or dragged from the file
 * browser, the file browser's "Upload to s3://…" context-menu item, and the downloads of
 * `panel-downloads.ts`.
 */
import { JupyterFrontEnd } from '@jupyterlab/application';
import { Notification } from '@jupyterlab/apputils';
import { IDefaultFileBrowser } from '@jupyterlab/filebrowser';
import { ServerConnection } from '@jupyterlab/services';
import type { TranslationBundle } from '@jupyterlab/translation';
import { CommandIDs, IHeliumConnections, ITransfers, IS3BrowserModel } from '../tokens';
import type { IBrowserPanelOptions } from '../widgets/BrowserPanel';
import type { IDroppedFile } from '../widgets/dropFiles';
import { wireDownloads } from './panel-downloads';
import { PanelUploads } from './panel-upload-actions';
import { PartHasher } from '../models/part-hasher';
import { startPartHashWorker } from '../models/part-hash-worker-start';
import type { IPanelUi } from './panel-actions';
import { formatS3Uri } from '../service/uri';

/** What the transfer wiring works with. */
export interface ITransferWiringOptions {
  /** The panel's model: the folder on screen and the selected entry. */
  model: IS3BrowserModel;
  connections: IHeliumConnections;
  /** The transfers queue; without it only the browser download is offered. */
  transfers: ITransfers | null;
  /** JupyterLab's file browser: a drop target, and the source of "Upload to s3://…". */
  fileBrowser: IDefaultFileBrowser | null;
  trans: TranslationBundle;
  /** Questions and messages of the downloads into the workspace. */
  ui: Pick<IPanelUi, 'confirm' | 'error'>;
  /** Parts of one file in flight at once (a setting, read each time transfers are queued). */
  partsInFlight: () => number;
}

/** The panel's transfer callbacks (all undefined without a transfers queue). */
export type PanelTransferCallbacks = Pick<IBrowserPanelOptions, 'onDragStart' | 'onUploadFiles' | 'onUploadWorkspacePaths'>;

/**
 * Registers the transfer commands (`download`, `downloadToWorkspace`, and `upload` with its file
 * browser context-menu item), lets the file browser take objects dragged out of the panel, and
 * returns the callbacks the panel calls for drops and drags.
 * @param app - the application.
 * @param options - the panel's model, the services and the settings the transfers use.
 * @returns the callbacks for the panel.
 */
export function wireTransfers(app: JupyterFrontEnd, options: ITransferWiringOptions): PanelTransferCallbacks {
  const { model, connections, transfers, fileBrowser, trans } = options;
  const { startDrag } = wireDownloads(app, options);

  /** The folder on screen, captured when an upload starts (the user may browse on). */
  const currentFolder = () =>
    model.connection && model.bucket ? { connection: model.connection, bucket: model.bucket, prefix: model.prefix } : null;

  const uploads = transfers
    ? new PanelUploads({
        connections,
        transfers,
        ui: options.ui,
        trans,
        partsInFlight: options.partsInFlight,
        // One worker for the page, started at the first upload from the computer.
        partHasher: new PartHasher(startPartHashWorker),
        busy: message => {
          const id = Notification.emit(message, 'in-progress', { autoClose: false });
          return () => Notification.dismiss(id);
        }
      })
    : null;

  const uploadFiles = (files: IDroppedFile[]) => {
    const folder = currentFolder();
    if (folder) {
      void uploads?.uploadFiles(folder, files);
    }
  };

  const uploadWorkspacePaths = async (paths: string[]) => {
    const folder = currentFolder();
    if (folder) {
      await uploads?.uploadWorkspacePaths(folder, paths, {
        contents: app.serviceManager.contents,
        serverSettings: app.serviceManager.serverSettings,
        makeRequest: ServerConnection.makeRequest
      });
    }
  };

  // "Upload to s3://…" on the file browser's items: into the folder the panel shows.
  if (fileBrowser && transfers) {
    app.commands.addCommand(CommandIDs.upload, {
      label: () =>
        model.bucket ? trans.__('Upload to %1', formatS3Uri({ bucket: model.bucket, key: model.prefix })) : trans.__('Upload to S3'),
      isEnabled: () => model.bucket !== null,
      execute: () => {
        const paths = Array.from(fileBrowser.selectedItems()).map(item => item.path);
        if (paths.length) {
          void uploadWorkspacePaths(paths);
        }
      }
    });
    app.contextMenu.addItem({ command: CommandIDs.upload, selector: '.jp-DirListing-item', rank: 12 });
  }

  return {
    onDragStart: transfers ? startDrag : undefined,
    onUploadFiles: transfers ? uploadFiles : undefined,
    onUploadWorkspacePaths: transfers ? paths => void uploadWorkspacePaths(paths) : undefined
  };
}
