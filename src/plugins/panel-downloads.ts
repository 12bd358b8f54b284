/**
 * Downloads from the S3 panel (part of the panel plugin, wired by `wireTransfers` in
 * `panel-transfers.ts`): to the computer through the browser, into the workspace folder the file
 * browser shows (an object, or every object under a folder), and by dragging an object from the
 * panel onto the file browser.
 */
import { startBrowserDownload } from '../widgets/browser-download';
import { JupyterFrontEnd } from '@jupyterlab/application';
import { Dialog, showDialog, showErrorMessage } from '@jupyterlab/apputils';
import { MimeData } from '@lumino/coreutils';
import { Drag } from '@lumino/dragdrop';
import type { Entry } from '../service';
import { CommandIDs } from '../tokens';
import { IS3Object, workspaceDownloadSpec, workspaceFolderDownloadSpecs } from '../models/uploads';
import type { ITransferWiringOptions } from './panel-transfers';
import { downloadUrl } from '../drive/download-url';
import { workspaceNameProblem } from '../models/workspace-names';
import { displayKey, formatS3Uri } from '../service/uri';
import { selectionLabel } from './palette-labels';

/** The S3 URI of a folder (a prefix of a bucket). */
function folderUri(folder: { bucket: string; prefix: string }): string {
  return formatS3Uri({ bucket: folder.bucket, key: folder.prefix });
}

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
  const partOptions = () => ({ partsInFlight: options.partsInFlight() });
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

  /** Workspace paths being downloaded to: a second download to the same file is refused. */
  const downloading = new Set<string>();

  /** Downloads an object into a workspace folder, asking before replacing a file there. */
  const downloadToWorkspace = async (source: IS3Object, dir: string): Promise<void> => {
    if (!transfers) {
      return;
    }
    const path = dir ? `${dir}/${source.name}` : source.name;
    const contents = app.serviceManager.contents;
    if (contents.driveName(dir)) {
      await showErrorMessage(
        trans.__('Cannot download here'),
        trans.__('The file browser shows "%1", which is not a folder of the workspace. Open a workspace folder first.', dir)
      );
      return;
    }
    // Before anything else (even "does it exist?"): `dir/..` is the parent folder.
    const badName = workspaceNameProblem(source.name, dir, 'file');
    if (badName) {
      await showErrorMessage(trans.__('Cannot download %1 here', displayKey(source.name)), badName);
      return;
    }
    if (downloading.has(path)) {
      await showErrorMessage(trans.__('Already downloading'), trans.__('%1 is already being downloaded to /%2.', displayKey(source.name), dir));
      return;
    }
    const exists = await contents.get(path, { content: false }).then(
      () => true,
      () => false
    );
    if (exists) {
      const answer = await showDialog({
        title: trans.__('Replace %1?', displayKey(source.name)),
        body: trans.__('A file named "%1" already exists in /%2. Replace it with %3?', displayKey(source.name), dir, formatS3Uri(source)),
        buttons: [Dialog.cancelButton(), Dialog.warnButton({ label: trans.__('Replace') })]
      });
      if (!answer.button.accept) {
        return;
      }
    }
    const spec = workspaceDownloadSpec(connections, contents, source, dir, source.name, partOptions());
    const task = spec.task;
    downloading.add(path);
    transfers.add({
      ...spec,
      task: (onProgress, signal) => {
        downloading.add(path);
        return task(onProgress, signal).finally(() => downloading.delete(path));
      }
    });
  };

  /** Downloads every object under an S3 folder into a workspace folder of the same name. */
  const downloadFolderToWorkspace = async (source: { connection: string; bucket: string; prefix: string }, dir: string) => {
    if (!transfers) {
      return;
    }
    const contents = app.serviceManager.contents;
    try {
      const { root, specs } = await workspaceFolderDownloadSpecs(connections, contents, source, dir, partOptions());
      if (!specs.length) {
        await showErrorMessage(trans.__('Nothing to download'), trans.__('%1 holds no objects.', folderUri(source)));
        return;
      }
      const exists = await contents.get(root, { content: false }).then(
        () => true,
        () => false
      );
      if (exists) {
        const answer = await showDialog({
          title: trans.__('Download into the existing folder /%1?', root),
          body: trans.__('Files in it with the same names as objects under %1 will be replaced.', folderUri(source)),
          buttons: [Dialog.cancelButton(), Dialog.warnButton({ label: trans.__('Download') })]
        });
        if (!answer.button.accept) {
          return;
        }
      }
      transfers.addGroup({
        direction: 'download',
        label: `${root.split('/').pop()}/`,
        detail: `${folderUri(source)} → /${root}`,
        files: specs
      });
    } catch (err) {
      await showErrorMessage(trans.__('Cannot download the folder'), (err as Error).message);
    }
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
