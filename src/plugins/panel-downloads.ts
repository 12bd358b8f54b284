/**
 * Downloads from the S3 panel (part of the panel plugin, wired by `wireTransfers` in
 * `panel-transfers.ts`): to the computer through the browser, into the workspace folder the file
 * browser shows (an object, or every object under a folder), and by dragging an object from the
 * panel onto the file browser.
 */
import { startBrowserDownload } from '../widgets/browser-download';
import { JupyterFrontEnd } from '@jupyterlab/application';
import { MimeData } from '@lumino/coreutils';
import { Drag } from '@lumino/dragdrop';
import type { Entry } from '../service';
import { CommandIDs } from '../tokens';
import type { IS3Object } from '../models/uploads';
import { IS3FolderSource, WorkspaceDownloads } from './panel-download-actions';
import type { ITransferWiringOptions } from './panel-transfers';
import { downloadUrl } from '../drive/download-url';
import { contentsSaveChunk } from '../models/contents-sink';
import { SaveBodyEncoder, serverSaveChunk } from '../models/save-body-encoder';
import { startSaveBodyWorker } from '../models/save-body-worker-start';
import { serverDownload } from '../models/server-download';
import { displayKey } from '../service/uri';
import { selectionLabel } from './palette-labels';

/** Mime type of an S3 object dragged out of the panel. */
const S3_OBJECT_MIME = 'application/x-helium-s3-object';

/**
 * Registers the `download` and `downloadToWorkspace` commands and makes the file browser a drop
 * target for objects dragged out of the panel.
 * @param app - the application.
 * @param options - the panel's model, the services and the settings the transfers use.
 * @returns `startDrag`, which drags an object out of the panel.
 */
export function wireDownloads(
  app: JupyterFrontEnd,
  options: ITransferWiringOptions
): { startDrag: (entry: Entry, clientX: number, clientY: number) => void } {
  const { model, connections, transfers, fileBrowser, trans } = options;
  const { commands } = app;
  /** The entry commands act on: the selected one (also the row under the context menu). */
  const target = (): Entry | null => model.selected;

  /** Drags an object out of the panel: the file browser (below) takes it as a download. */
  const startDrag = (entry: Entry, clientX: number, clientY: number) => {
    if (entry.kind !== 'object' || !model.connection || !model.bucket || !transfers) {
      return;
    }
    const source: IS3Object = {
      connection: model.connection,
      bucket: model.bucket,
      key: entry.key,
      name: entry.name,
      size: entry.size
    };
    const image = document.createElement('div');
    image.className = 'jp-helium-drag-image';
    image.textContent = displayKey(entry.name);
    const drag = new Drag({ mimeData: new MimeData(), dragImage: image, proposedAction: 'copy', supportedActions: 'copy' });
    drag.mimeData.setData(S3_OBJECT_MIME, source);
    void drag.start(clientX, clientY);
  };

  /** The selection's name as the palette shows it (a folder with its `/`). */
  const targetName = (): string => {
    const entry = target();
    return entry ? displayKey(entry.kind === 'folder' ? `${entry.name}/` : entry.name) : '';
  };

  commands.addCommand(CommandIDs.download, {
    label: args =>
      selectionLabel(
        args,
        {
          menu: trans.__('Download'),
          named: () => trans.__('Download %1 from S3 to this computer', targetName()),
          none: trans.__('Download from S3 (select an object in the S3 panel)')
        },
        target()?.kind === 'object' ? target() : null
      ),
    isEnabled: () => target()?.kind === 'object',
    execute: () => {
      const entry = target();
      if (entry?.kind === 'object') {
        const url = downloadUrl(connections, { connection: model.connection!, bucket: model.bucket!, key: entry.key });
        startBrowserDownload(url, entry.name);
      }
    }
  });

  /** Downloads into the workspace (none without a Transfers panel to show them). */
  const downloads = transfers
    ? new WorkspaceDownloads({
        connections,
        transfers,
        contents: app.serviceManager.contents,
        ui: options.ui,
        trans,
        partsInFlight: options.partsInFlight,
        // Save bodies made by a worker (one for the page, started at the first download).
        saveChunk: serverSaveChunk({
          encoder: new SaveBodyEncoder(startSaveBodyWorker),
          serverSettings: app.serviceManager.serverSettings,
          fallback: contentsSaveChunk(app.serviceManager.contents)
        }),
        // The server writes downloads into its workspace itself when it can (no bytes via the page).
        serverDownload: serverDownload(app.serviceManager.serverSettings)
      })
    : null;
  const downloadToWorkspace = async (source: IS3Object, dir: string): Promise<void> => {
    await downloads?.downloadObject(source, dir);
  };
  const downloadFolderToWorkspace = async (source: IS3FolderSource, dir: string): Promise<void> => {
    await downloads?.downloadFolder(source, dir);
  };

  commands.addCommand(CommandIDs.downloadToWorkspace, {
    label: args => {
      const to = fileBrowser ? `/${fileBrowser.model.path}` : trans.__('the Workspace');
      return selectionLabel(
        args,
        {
          menu: trans.__('Download to %1', to),
          named: () => trans.__('Download %1 from S3 to %2', targetName(), to),
          none: trans.__('Download from S3 to %1 (select in the S3 panel)', to)
        },
        target()
      );
    },
    isEnabled: () => target() !== null && transfers !== null,
    execute: async () => {
      const entry = target();
      if (!entry || !model.connection || !model.bucket) {
        return;
      }
      if (entry.kind === 'folder') {
        await downloadFolderToWorkspace(
          { connection: model.connection, bucket: model.bucket, prefix: entry.prefix },
          fileBrowser?.model.path ?? ''
        );
        return;
      }
      await downloadToWorkspace(
        { connection: model.connection, bucket: model.bucket, key: entry.key, name: entry.name, size: entry.size },
        fileBrowser?.model.path ?? ''
      );
    }
  });

  // Dragging an object from the S3 panel onto JupyterLab's file browser downloads it there.
  if (fileBrowser && transfers) {
    const onFileBrowserDrag = (event: Event) => {
      const drag = event as Drag.Event;
      if (!drag.mimeData?.hasData(S3_OBJECT_MIME)) {
        return;
      }
      drag.preventDefault();
      drag.stopPropagation();
      drag.dropAction = 'copy';
      if (event.type === 'lm-drop') {
        void downloadToWorkspace(drag.mimeData.getData(S3_OBJECT_MIME) as IS3Object, fileBrowser.model.path);
      }
    };
    for (const type of ['lm-dragenter', 'lm-dragover', 'lm-drop']) {
      // Capture phase: the file browser's own listing would otherwise refuse the drop.
      fileBrowser.node.addEventListener(type, onFileBrowserDrag, true);
    }
  }

  return { startDrag };
}
