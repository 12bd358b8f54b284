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
import { CommandIDs, DRIVE_NAME, IHeliumConnections, ITransfers, SETTINGS_ID } from '../tokens';
import { IDefaultFileBrowser } from '@jupyterlab/filebrowser';
import { ServerConnection } from '@jupyterlab/services';
import type { ITransfer, ITransferSpec } from '../models/transfers';
import { blobUploadSpecs, IS3Folder, workspaceDownloadSpec, workspaceFiles, workspaceUploadSpecs } from '../models/uploads';
import type { IDroppedFile } from '../widgets/dropFiles';
import { BrowserModel } from '../models/browser';
import { BrowserPanel } from '../widgets/BrowserPanel';
import { s3Icon } from '../widgets/icons';
import { browserKeyProblem, drivePath } from '../drive/paths';

const PANEL_ID = 'jupyterlab-helium-browser';
const ROW_SELECTOR = '.jp-helium-row[data-kind]';

export const panelPlugin: JupyterFrontEndPlugin<void> = {
  id: SETTINGS_ID,
  description: 'The S3 browser in the left sidebar.',
  autoStart: true,
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
  ): void => {
    const trans = (translator ?? nullTranslator).load('jupyterlab_helium');
    const model = new BrowserModel(connections);
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
      const specs = blobUploadSpecs(
        connections,
        folder,
        files.map(f => ({ blob: f.file, relativePath: f.relativePath, contentType: f.file.type }))
      );
      addUploads(specs, files.map(f => f.relativePath), folder);
    };

    const addUploads = (specs: ITransferSpec[], paths: string[], folder: IS3Folder) => {
      const topFolders = new Set(paths.map(p => (p.includes('/') ? p.slice(0, p.indexOf('/')) : '')));
      if (paths.length > 1 && topFolders.size === 1 && !topFolders.has('')) {
        const name = [...topFolders][0];
        transfers!.addGroup({
          direction: 'upload',
          label: `${name}/`,
          detail: `${name}/ → s3://${folder.bucket}/${folder.prefix}${name}/`,
          files: specs
        });
      } else {
        specs.forEach(spec => transfers!.add(spec));
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
          files
        );
        addUploads(specs, files.map(f => f.relativePath), folder);
      } catch (err) {
        await showErrorMessage(trans.__('Cannot upload from the workspace'), (err as Error).message);
      }
    };

    const panel = new BrowserPanel({
      model,
      trans,
      iconFor,
      onOpen: openEntry,
      onUploadFiles: transfers ? uploadFiles : undefined,
      onUploadWorkspacePaths: transfers ? paths => void uploadWorkspacePaths(paths) : undefined,
      onNewFolder: () => void commands.execute(CommandIDs.newFolder),
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
    commands.addCommand(CommandIDs.downloadToWorkspace, {
      label: () =>
        fileBrowser
          ? trans.__('Download to %1', `/${fileBrowser.model.path}`)
          : trans.__('Download to the Workspace'),
      isEnabled: () => target()?.kind === 'object' && transfers !== null,
      execute: async () => {
        const entry = target();
        if (entry?.kind !== 'object' || !transfers || !model.connection || !model.bucket) {
          return;
        }
        const dir = fileBrowser?.model.path ?? '';
        const path = dir ? `${dir}/${entry.name}` : entry.name;
        const contents = app.serviceManager.contents;
        const exists = await contents.get(path, { content: false }).then(
          () => true,
          () => false
        );
        if (exists) {
          const answer = await showDialog({
            title: trans.__('Replace %1?', entry.name),
            body: trans.__('A file named "%1" already exists in /%2. Replace it with s3://%3/%4?', entry.name, dir, model.bucket, entry.key),
            buttons: [Dialog.cancelButton(), Dialog.warnButton({ label: trans.__('Replace') })]
          });
          if (!answer.button.accept) {
            return;
          }
        }
        const transfer = transfers.add(
          workspaceDownloadSpec(
            connections,
            contents,
            { connection: model.connection, bucket: model.bucket, key: entry.key, size: entry.size },
            dir,
            entry.name
          )
        );
        // Show the new file in the file browser once it is there.
        const onDone = (_: unknown, t: ITransfer) => {
          if (t === transfer) {
            transfers.fileDone.disconnect(onDone);
            void fileBrowser?.model.refresh();
          }
        };
        transfers.fileDone.connect(onDone);
      }
    });

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
    app.contextMenu.addItem({ command: CommandIDs.newFolder, selector: '.jp-helium-listing', rank: 4 });
    app.contextMenu.addItem({ command: CommandIDs.deleteObject, selector: ROW_SELECTOR, rank: 10 });
    for (const command of [CommandIDs.openPanel, CommandIDs.refresh, CommandIDs.newFolder]) {
      palette?.addItem({ command, category: trans.__('S3') });
    }

    const applySettings = (settings: ISettingRegistry.ISettings) => {
      model.pageSize = settings.get('pageSize').composite as number;
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
  }
};
