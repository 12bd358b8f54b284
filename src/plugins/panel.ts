/**
 * Plugin: the S3 side panel and its commands (open, copy S3 URI, delete, new folder, download,
 * refresh). Every action is a command, so the context menu, the palette and shortcuts share it.
 */
import { ILayoutRestorer, JupyterFrontEnd, JupyterFrontEndPlugin } from '@jupyterlab/application';
import { Clipboard, Dialog, ICommandPalette, InputDialog, showDialog, showErrorMessage } from '@jupyterlab/apputils';
import { IDocumentManager } from '@jupyterlab/docmanager';
import { ISettingRegistry } from '@jupyterlab/settingregistry';
import { ITranslator, nullTranslator } from '@jupyterlab/translation';
import { fileIcon, LabIcon } from '@jupyterlab/ui-components';
import type { Entry } from '../service';
import { CommandIDs, DRIVE_NAME, IHeliumConnections, IS3Browser, ITransfers, SETTINGS_ID } from '../tokens';
import { SelectionTracker } from '../models/selection';
import { IDefaultFileBrowser } from '@jupyterlab/filebrowser';
import { ServerConnection } from '@jupyterlab/services';
import type { ITransferSpec } from '../models/transfers';
import {
  blobUploadSpecs,
  workspaceFolderDownloadSpecs,
  IS3Folder,
  IS3Object,
  workspaceDownloadSpec,
  workspaceFiles,
  workspaceUploadSpecs
} from '../models/uploads';
import { Drag } from '@lumino/dragdrop';
import { MimeData } from '@lumino/coreutils';
import type { IDroppedFile } from '../widgets/dropFiles';
import { BrowserModel } from '../models/browser';
import { BrowserPanel } from '../widgets/BrowserPanel';
import { s3Icon } from '../widgets/icons';
import { browserKeyProblem, drivePath } from '../drive/paths';

const PANEL_ID = 'jupyterlab-helium-browser';
const ROW_SELECTOR = '.jp-helium-row[data-kind]';
/** More loose files than this in one upload show as a single row with the files inside. */
const LOOSE_FILES_PER_ROW = 10;
/** Mime type of an S3 object dragged out of the panel. */
const S3_OBJECT_MIME = 'application/x-helium-s3-object';

export const panelPlugin: JupyterFrontEndPlugin<IS3Browser> = {
  id: SETTINGS_ID,
  description: 'The S3 browser in the left sidebar.',
  autoStart: true,
  provides: IS3Browser,
  requires: [IHeliumConnections, IDocumentManager],
  optional: [ITranslator, ISettingRegistry, ILayoutRestorer, ICommandPalette, ITransfers, IDefaultFileBrowser],
  activate: (
    app: JupyterFrontEnd,
    connections: IHeliumConnections,
    docManager: IDocumentManager,
    translator: ITranslator | null,
    settingRegistry: ISettingRegistry | null,
    restorer: ILayoutRestorer | null,
    palette: ICommandPalette | null,
    transfers: ITransfers | null,
    fileBrowser: IDefaultFileBrowser | null
  ): IS3Browser => {
    const trans = (translator ?? nullTranslator).load('jupyterlab_helium');
    const model = new BrowserModel(connections);
    /** Parts of one file in flight at once (a setting). */
    let partsInFlight = 4;
    const { commands } = app;

    const iconFor = (name: string): LabIcon =>
      app.docRegistry.getFileTypesForPath(name)[0]?.icon ?? fileIcon;

    /**
     * The entry commands act on: the selected one. A right-click selects its row before
     * JupyterLab opens the context menu (React handles the event first), so this is also the row
     * under the menu.
     */
    const target = (): Entry | null => model.selected;
    const s3Uri = (entry: Entry): string =>
      `s3://${model.bucket}/${entry.kind === 'folder' ? entry.prefix : entry.key}`;

    const openEntry = (entry: Entry): void => {
      if (entry.kind === 'folder') {
        void model.cd(entry.prefix);
        return;
      }
      const problem = browserKeyProblem(entry.key);
      if (problem) {
        void showErrorMessage(trans.__('Cannot open %1', entry.name), problem);
        return;
      }
      const path = `${DRIVE_NAME}:${drivePath(model.connection!, model.bucket!, entry.key)}`;
      docManager.openOrReveal(path);
    };

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
        { partsInFlight }
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
          detail: `${name}/ → s3://${folder.bucket}/${folder.prefix}${name}/`,
          files
        });
      }
      if (loose.length > LOOSE_FILES_PER_ROW) {
        transfers!.addGroup({
          direction: 'upload',
          label: trans.__('%1 files', loose.length),
          detail: `→ s3://${folder.bucket}/${folder.prefix}`,
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
          { partsInFlight }
        );
        addUploads(specs, files.map(f => f.relativePath), folder);
      } catch (err) {
        await showErrorMessage(trans.__('Cannot upload from the workspace'), (err as Error).message);
      }
    };

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
      image.textContent = entry.name;
      const drag = new Drag({ mimeData: new MimeData(), dragImage: image, proposedAction: 'copy', supportedActions: 'copy' });
      drag.mimeData.setData(S3_OBJECT_MIME, source);
      void drag.start(clientX, clientY);
    };

    const panel = new BrowserPanel({
      model,
      trans,
      iconFor,
      onOpen: openEntry,
      onDragStart: transfers ? startDrag : undefined,
      onUploadFiles: transfers ? uploadFiles : undefined,
      onUploadWorkspacePaths: transfers ? paths => void uploadWorkspacePaths(paths) : undefined,
      onNewFolder: () => void commands.execute(CommandIDs.newFolder),
      onVersionHistory: () => void commands.execute(CommandIDs.versionHistory, { from: 'panel' }),
      onOtherBucket: async () => {
        const result = await InputDialog.getText({
          title: trans.__('Open a bucket'),
          label: trans.__('Bucket name (you need s3:ListBucket on it)'),
          placeholder: 'my-bucket'
        });
        if (result.button.accept && result.value) {
          await model.open(result.value.trim(), '');
        } else {
          model.changed.emit(); // put the picker back on the current bucket
        }
      }
    });
    panel.id = PANEL_ID;
    panel.title.icon = s3Icon;
    panel.title.caption = trans.__('S3 Browser');
    app.shell.add(panel, 'left', { rank: 110 });
    restorer?.add(panel, PANEL_ID);

    commands.addCommand(CommandIDs.openPanel, {
      label: trans.__('Show S3 Browser'),
      execute: () => app.shell.activateById(PANEL_ID)
    });
    commands.addCommand(CommandIDs.refresh, {
      label: trans.__('Refresh S3 Listing'),
      icon: undefined,
      execute: () => model.refresh()
    });
    commands.addCommand(CommandIDs.open, {
      label: trans.__('Open'),
      isEnabled: () => target() !== null,
      execute: () => {
        const entry = target();
        if (entry) {
          openEntry(entry);
        }
      }
    });
    commands.addCommand(CommandIDs.copyUri, {
      label: trans.__('Copy S3 URI'),
      isEnabled: () => target() !== null,
      execute: () => {
        const entry = target();
        if (entry) {
          Clipboard.copyToSystem(s3Uri(entry));
        }
      }
    });
    commands.addCommand(CommandIDs.download, {
      label: trans.__('Download'),
      isEnabled: () => target()?.kind === 'object',
      execute: () => {
        const entry = target();
        if (entry?.kind === 'object') {
          let url: string;
          try {
            url = connections.objectUrl(model.connection!, model.bucket!, entry.key);
          } catch (err) {
            void showErrorMessage(trans.__('Cannot download %1', entry.name), (err as Error).message);
            return;
          }
          const a = document.createElement('a');
          a.href = `${url}?response-content-disposition=attachment`;
          a.download = entry.name;
          document.body.appendChild(a);
          a.click();
          a.remove();
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
      if (downloading.has(path)) {
        await showErrorMessage(trans.__('Already downloading'), trans.__('%1 is already being downloaded to /%2.', source.name, dir));
        return;
      }
      const exists = await contents.get(path, { content: false }).then(
        () => true,
        () => false
      );
      if (exists) {
        const answer = await showDialog({
          title: trans.__('Replace %1?', source.name),
          body: trans.__(
            'A file named "%1" already exists in /%2. Replace it with s3://%3/%4?',
            source.name,
            dir,
            source.bucket,
            source.key
          ),
          buttons: [Dialog.cancelButton(), Dialog.warnButton({ label: trans.__('Replace') })]
        });
        if (!answer.button.accept) {
          return;
        }
      }
      const spec = workspaceDownloadSpec(connections, contents, source, dir, source.name, { partsInFlight });
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
        const { root, specs } = await workspaceFolderDownloadSpecs(connections, contents, source, dir, { partsInFlight });
        if (!specs.length) {
          await showErrorMessage(trans.__('Nothing to download'), trans.__('s3://%1/%2 holds no objects.', source.bucket, source.prefix));
          return;
        }
        const exists = await contents.get(root, { content: false }).then(
          () => true,
          () => false
        );
        if (exists) {
          const answer = await showDialog({
            title: trans.__('Download into the existing folder /%1?', root),
            body: trans.__('Files in it with the same names as objects under s3://%1/%2 will be replaced.', source.bucket, source.prefix),
            buttons: [Dialog.cancelButton(), Dialog.warnButton({ label: trans.__('Download') })]
          });
          if (!answer.button.accept) {
            return;
          }
        }
        transfers.addGroup({
          direction: 'download',
          label: `${root.split('/').pop()}/`,
          detail: `s3://${source.bucket}/${source.prefix} → /${root}`,
          files: specs
        });
      } catch (err) {
        await showErrorMessage(trans.__('Cannot download the folder'), (err as Error).message);
      }
    };

    commands.addCommand(CommandIDs.downloadToWorkspace, {
      label: () =>
        fileBrowser
          ? trans.__('Download to %1', `/${fileBrowser.model.path}`)
          : trans.__('Download to the Workspace'),
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

    commands.addCommand(CommandIDs.deleteObject, {
      label: trans.__('Delete…'),
      isEnabled: () => target()?.kind === 'object',
      execute: async () => {
        const entry = target();
        const { connection, bucket } = model;
        if (entry?.kind !== 'object' || !connection || !bucket) {
          return;
        }
        const lib = await import('../service');
        const s3 = await model.client();
        const versioning = await lib.getBucketVersioning(s3, bucket).catch(() => 'Unknown');
        const consequence =
          versioning === 'Enabled'
            ? trans.__('The bucket is versioned: a delete marker hides the object and its versions are kept.')
            : versioning === 'Unknown'
              ? trans.__('Could not tell whether the bucket keeps versions: the object may be gone for good.')
              : trans.__('The bucket is NOT versioned: the object will be gone for good.');
        const answer = await showDialog({
          title: trans.__('Delete %1?', entry.name),
          body: `${s3Uri(entry)}\n\n${consequence}`,
          buttons: [Dialog.cancelButton(), Dialog.warnButton({ label: trans.__('Delete') })]
        });
        if (!answer.button.accept) {
          return;
        }
        try {
          await lib.deleteObject(s3, { bucket, key: entry.key });
          connections.notifyChanged({ connection, bucket, key: entry.key, type: 'delete' });
        } catch (err) {
          await showErrorMessage(trans.__('Could not delete %1', entry.name), (err as Error).message);
        }
      }
    });
    commands.addCommand(CommandIDs.newFolder, {
      label: trans.__('New Folder…'),
      isEnabled: () => model.bucket !== null,
      execute: async () => {
        const result = await InputDialog.getText({
          title: trans.__('New folder in s3://%1/%2', model.bucket ?? '', model.prefix),
          label: trans.__('Folder name'),
          placeholder: 'data'
        });
        const name = result.value?.trim();
        if (!result.button.accept || !name) {
          return;
        }
        if (name.includes('/') || name === '.' || name === '..') {
          await showErrorMessage(trans.__('Invalid folder name'), trans.__('A folder name cannot contain "/" or be "." or "..".'));
          return;
        }
        const { connection, bucket } = model;
        const prefix = `${model.prefix}${name}/`;
        const lib = await import('../service');
        try {
          await lib.createFolder(await model.client(), { bucket: bucket!, prefix });
          connections.notifyChanged({ connection: connection!, bucket: bucket!, key: prefix, type: 'folder' });
        } catch (err) {
          await showErrorMessage(trans.__('Could not create the folder'), (err as Error).message);
        }
      }
    });

    app.contextMenu.addItem({ command: CommandIDs.open, selector: ROW_SELECTOR, rank: 1 });
    app.contextMenu.addItem({ command: CommandIDs.download, selector: ROW_SELECTOR, rank: 2 });
    app.contextMenu.addItem({ command: CommandIDs.downloadToWorkspace, selector: ROW_SELECTOR, rank: 2.5 });
    app.contextMenu.addItem({ command: CommandIDs.copyUri, selector: ROW_SELECTOR, rank: 3 });
    app.contextMenu.addItem({
      command: CommandIDs.versionHistory,
      args: { from: 'panel' },
      selector: '.jp-helium-row[data-kind="object"]',
      rank: 3.5
    });
    app.contextMenu.addItem({ command: CommandIDs.newFolder, selector: '.jp-helium-listing', rank: 4 });
    app.contextMenu.addItem({ command: CommandIDs.deleteObject, selector: ROW_SELECTOR, rank: 10 });
    if (fileBrowser && transfers) {
      commands.addCommand(CommandIDs.upload, {
        label: () =>
          model.bucket ? trans.__('Upload to s3://%1/%2', model.bucket, model.prefix) : trans.__('Upload to S3'),
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
    for (const command of [CommandIDs.openPanel, CommandIDs.refresh, CommandIDs.newFolder]) {
      palette?.addItem({ command, category: trans.__('S3') });
    }

    const applySettings = (settings: ISettingRegistry.ISettings) => {
      model.pageSize = settings.get('pageSize').composite as number;
      partsInFlight = settings.get('partsInFlight').composite as number;
      if (transfers) {
        transfers.parallelFiles = settings.get('parallelFiles').composite as number;
      }
    };
    const ready = settingRegistry
      ? settingRegistry.load(SETTINGS_ID).then(settings => {
          applySettings(settings);
          settings.changed.connect(applySettings);
          return settings.get('activateOnStart').composite as boolean;
        }).catch(() => false)
      : Promise.resolve(false);
    // Nothing is listed (and the AWS SDK is not loaded) until the panel is first shown.
    void Promise.all([ready, app.restored]).then(([activate]) => {
      if (activate) {
        app.shell.activateById(PANEL_ID);
      }
    });
    return new SelectionTracker(model);
  }
};
