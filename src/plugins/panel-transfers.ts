/**
 * The transfer wiring of the S3 panel (part of the panel plugin in `panel.ts`, not a plugin of its
 * own): uploads dropped on the panel, picked with its Upload button or dragged from the file
 * browser, the file browser's "Upload to s3://…" context-menu item, and the downloads of
 * `panel-downloads.ts`.
 */
import { JupyterFrontEnd } from '@jupyterlab/application';
import { showErrorMessage } from '@jupyterlab/apputils';
import { IDefaultFileBrowser } from '@jupyterlab/filebrowser';
import { ServerConnection } from '@jupyterlab/services';
import type { TranslationBundle } from '@jupyterlab/translation';
import { CommandIDs, IHeliumConnections, ITransfers, IS3BrowserModel } from '../tokens';
import type { ITransferSpec } from '../models/transfers';
import { blobUploadSpecs, IS3Folder, workspaceFiles, workspaceUploadSpecs } from '../models/uploads';
import type { IBrowserPanelOptions } from '../widgets/BrowserPanel';
import type { IDroppedFile } from '../widgets/dropFiles';
import { wireDownloads } from './panel-downloads';
import type { IPanelUi } from './panel-actions';
import { formatS3Uri } from '../service/uri';

/** More loose files than this in one upload show as a single row with the files inside. */
const LOOSE_FILES_PER_ROW = 10;

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
  const partOptions = () => ({ partsInFlight: options.partsInFlight() });
  const { startDrag } = wireDownloads(app, options);

  /** The folder on screen, captured when an upload starts (the user may browse on). */
  const currentFolder = () =>
    model.connection && model.bucket
      ? { connection: model.connection, bucket: model.bucket, prefix: model.prefix }
      : null;

  const uploadFiles = (files: IDroppedFile[]) => {
    const folder = currentFolder();
    if (!folder || !transfers) {
      return;
    }
    if (!files.length) {
      void showErrorMessage(trans.__('Nothing to upload'), trans.__('The drop held no files (empty folders are not uploaded).'));
      return;
    }
    const specs = blobUploadSpecs(
      connections,
      folder,
      files.map(f => ({ blob: f.file, relativePath: f.relativePath, contentType: f.file?.type, error: f.error })),
      partOptions()
    );
    addUploads(specs, files.map(f => f.relativePath), folder);
  };

  /**
   * Queues uploads: one row per dropped folder (its files inside), loose files as rows of their
   * own, or as one "N files" row when there are many.
   */
  const addUploads = (specs: ITransferSpec[], paths: string[], folder: IS3Folder) => {
    const groups = new Map<string, ITransferSpec[]>();
    const loose: ITransferSpec[] = [];
    specs.forEach((spec, i) => {
      const slash = paths[i].indexOf('/');
      if (slash < 0) {
        loose.push(spec);
      } else {
        const top = paths[i].slice(0, slash);
        groups.set(top, [...(groups.get(top) ?? []), spec]);
      }
    });
    for (const [name, files] of groups) {
      transfers!.addGroup({
        direction: 'upload',
        label: `${name}/`,
        detail: `${name}/ → ${formatS3Uri({ bucket: folder.bucket, key: `${folder.prefix}${name}/` })}`,
        files
      });
    }
    if (loose.length > LOOSE_FILES_PER_ROW) {
      transfers!.addGroup({
        direction: 'upload',
        label: trans.__('%1 files', loose.length),
        detail: `→ ${formatS3Uri({ bucket: folder.bucket, key: folder.prefix })}`,
        files: loose
      });
    } else {
      loose.forEach(spec => transfers!.add(spec));
    }
  };

  const uploadWorkspacePaths = async (paths: string[]) => {
    const folder = currentFolder();
    if (!folder || !transfers) {
      return;
    }
    const contents = app.serviceManager.contents;
    try {
      const files = (await Promise.all(paths.map(p => workspaceFiles(contents, p)))).flat();
      const specs = workspaceUploadSpecs(
        connections,
        app.serviceManager.serverSettings,
        ServerConnection.makeRequest,
        folder,
        files,
        partOptions()
      );
      addUploads(specs, files.map(f => f.relativePath), folder);
    } catch (err) {
      await showErrorMessage(trans.__('Cannot upload from the workspace'), (err as Error).message);
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
