/**
 * The version commands of the versions plugin (part of the plugin in `versions.ts`, not a plugin
 * of its own): Version History (of the panel's selection, the current `s3:` document or a pasted
 * S3 URI), open a version read-only, download it, restore, undelete, delete one version, copy a
 * Python snippet or a share link, edit metadata, compare. What the commands do is in
 * `versions-actions.ts`; this file gives them labels, enablement and JupyterLab's services.
 */
import { JupyterFrontEnd } from '@jupyterlab/application';
import { Clipboard, InputDialog } from '@jupyterlab/apputils';
import type { IDocumentManager } from '@jupyterlab/docmanager';
import type { TranslationBundle } from '@jupyterlab/translation';
import { CommandIDs, DRIVE_NAME, IDiffProviders, IHeliumConnections, IS3Browser } from '../tokens';
import type { IVersionTarget, VersionsModel } from '../models/versions';
import { pythonSnippet } from '../service/version-snippet';
import { openVersionDocument } from '../drive/open-version';
import { documentPathProblem, parseDrivePath } from '../drive/paths';
import { downloadUrl } from '../drive/download-url';
import { displayKey } from '../service/uri';
import { startBrowserDownload } from '../widgets/browser-download';
import { offerDownloadInstead } from '../widgets/cannot-open-dialog';
import { formatShortDateTime } from '../widgets/format';
import { historyIcon } from '../widgets/icons';
import {
  compareVersions,
  deleteVersionAction,
  fileName,
  IVersionsCommandContext,
  nameOf,
  parseObjectUri,
  restoreVersionAction,
  undeleteAction,
  uriOf,
  versionArg,
  whenOf
} from './versions-actions';
import { versionsDialogs } from './versions-dialogs';
import { editMetadata } from './versions-edit-metadata';
import { inPalette } from './palette-labels';

/** What the version commands work with. */
export interface IVersionCommandOptions {
  model: VersionsModel;
  connections: IHeliumConnections;
  docManager: IDocumentManager;
  /** The S3 panel: the object Version History shows when its args name none. */
  browser: IS3Browser | null;
  /** The diff tab, for Compare Versions. */
  diffs: IDiffProviders | null;
  trans: TranslationBundle;
  /** The drawer's widget id (Version History shows it). */
  drawerId: string;
}

/**
 * Registers the version commands.
 * @param app - the application.
 * @param options - the model, the services, and the drawer's id.
 */
export function registerVersionCommands(app: JupyterFrontEnd, options: IVersionCommandOptions): void {
  const { model, connections, docManager, browser, diffs, trans, drawerId } = options;
  const { commands } = app;
  const ui = versionsDialogs(trans);
  const ctx: IVersionsCommandContext = { model, trans, ui };

  /** The object of the current `s3:` document, so "Version history" works from an open file too. */
  const currentDocumentTarget = (): IVersionTarget | null => {
    const widget = app.shell.currentWidget;
    const context = widget ? docManager.contextForWidget(widget) : undefined;
    const path = context?.path ?? '';
    if (!path.startsWith(`${DRIVE_NAME}:`)) {
      return null;
    }
    const loc = parseDrivePath(path.slice(DRIVE_NAME.length + 1));
    return loc.bucket && loc.key ? loc : null;
  };

  /**
   * Asks for the S3 URI of an object (deleted ones too), as Copy S3 URI gives it.
   * @returns the object and the version the URI names, or null when cancelled or invalid.
   */
  const askForObject = async (): Promise<(IVersionTarget & { versionId?: string }) | null> => {
    const list = await connections.list().catch(() => []);
    if (list.length === 0) {
      await ui.showError(trans.__('No S3 connection'), trans.__('The Jupyter server has no S3 connection to look the object up on.'));
      return null;
    }
    const result = await InputDialog.getText({
      title: trans.__('Version history of…'),
      label: trans.__('S3 URI of an object (deleted ones too), on the connection "%1"', list[0].name),
      placeholder: 's3://bucket/path/to/key'
    });
    if (!result.button.accept || !result.value?.trim()) {
      return null;
    }
    try {
      return parseObjectUri(trans, result.value, list[0].name);
    } catch (err) {
      await ui.showError(trans.__('Not an object URI'), (err as Error).message);
      return null;
    }
  };

  /** Selects the version a pasted URI named, or says it is not among those listed. */
  const selectNamedVersion = (versionId: string) => {
    if (model.versions.some(v => v.versionId === versionId)) {
      model.select(versionId);
    } else if (!model.error) {
      ui.notify(
        'warning',
        trans.__('Version %1 is not among the versions listed for %2; showing the whole history.', versionId, uriOf(model.target!)),
        6000
      );
    }
  };

  commands.addCommand(CommandIDs.versionHistory, {
    label: args => {
      if (args.ask === true) {
        return trans.__('Version History of an S3 URI…');
      }
      if (!inPalette(args)) {
        return trans.__('Version History');
      }
      // What running it from the palette would show: the current s3: document, else the panel's selection.
      const named = currentDocumentTarget() ?? browser?.selectedObject ?? null;
      return named
        ? trans.__('Version History of %1', displayKey(named.key.split('/').pop() ?? named.key))
        : trans.__('Version History (of the S3 document or object selected)');
    },
    caption: trans.__('Show every version of this object'),
    icon: historyIcon,
    execute: async args => {
      // Named in the args: that object. `ask`: the S3 URI box. From the panel (toolbar, row
      // menu): its selection. From the palette or a menu: the current s3: document, else the
      // panel's selection, else the box.
      const fromPanel = args.from === 'panel';
      const target: (IVersionTarget & { versionId?: string }) | null =
        typeof args.key === 'string' && typeof args.bucket === 'string' && typeof args.connection === 'string'
          ? { connection: args.connection, bucket: args.bucket, key: args.key }
          : args.ask === true
            ? await askForObject()
            : fromPanel
              ? (browser?.selectedObject ?? null)
              : (currentDocumentTarget() ?? browser?.selectedObject ?? (await askForObject()));
      app.shell.activateById(drawerId);
      if (target) {
        const { versionId, ...object } = target;
        await model.show(object);
        if (versionId) {
          selectNamedVersion(versionId);
        }
      }
    }
  });

  commands.addCommand(CommandIDs.openVersion, {
    label: trans.__('Open This Version (read-only)'),
    isEnabled: () => model.selected?.isDeleteMarker === false,
    execute: async args => {
      const v = versionArg(model, args);
      const target = model.target;
      if (!v || !target || v.isDeleteMarker) {
        return;
      }
      const problem = documentPathProblem(target.key, trans);
      if (problem) {
        if (await offerDownloadInstead(trans, nameOf(target.key), problem, trans.__('Download This Version'))) {
          await commands.execute(CommandIDs.downloadVersion, { versionId: v.versionId });
        }
        return;
      }
      await openVersionDocument(
        docManager,
        { ...target, versionId: v.versionId },
        {
          label: `${nameOf(target.key)} @ ${formatShortDateTime(v.lastModified)}`,
          caption: trans.__('%1\nversion %2 of %3 (read-only)', uriOf(target), v.versionId, whenOf(v))
        },
        trans
      );
    }
  });

  commands.addCommand(CommandIDs.downloadVersion, {
    label: trans.__('Download This Version'),
    execute: async args => {
      const v = versionArg(model, args);
      const target = model.target;
      if (!v || !target) {
        return;
      }
      try {
        // From the key itself, not an s3-version: path, which JupyterLab would normalize.
        startBrowserDownload(downloadUrl(connections, { ...target, versionId: v.versionId }), fileName(target.key));
      } catch (err) {
        void ui.showError(trans.__('Cannot download %1', nameOf(target.key)), (err as Error).message);
      }
    }
  });

  commands.addCommand(CommandIDs.restoreVersion, {
    label: trans.__('Restore This Version…'),
    isEnabled: () => Boolean(model.selected && !model.selected.isDeleteMarker),
    execute: async args => void (await restoreVersionAction(ctx, args))
  });

  commands.addCommand(CommandIDs.undelete, {
    label: trans.__('Undelete'),
    isEnabled: () => model.isDeleted,
    execute: async () => void (await undeleteAction(ctx))
  });

  commands.addCommand(CommandIDs.deleteVersion, {
    label: trans.__('Delete This Version Permanently…'),
    isEnabled: () => model.selected !== null,
    execute: async args => void (await deleteVersionAction(ctx, args))
  });

  commands.addCommand(CommandIDs.copyVersionSnippet, {
    label: trans.__('Copy Python to Load This Version'),
    execute: async args => {
      const v = versionArg(model, args);
      const target = model.target;
      if (!v || !target) {
        return;
      }
      const info = (await connections.list()).find(c => c.name === target.connection);
      Clipboard.copyToSystem(pythonSnippet({ ...target, versionId: v.versionId, endpoint: info?.endpoint, region: info?.region }));
      ui.notify('info', trans.__('Python for this version copied (boto3 uses your own credentials).'), 3000);
    }
  });

  commands.addCommand(CommandIDs.shareVersionLink, {
    label: trans.__('Copy Share Link…'),
    isEnabled: () => Boolean(model.selected && !model.selected.isDeleteMarker && commands.hasCommand(CommandIDs.shareLink)),
    execute: async args => {
      const v = versionArg(model, args);
      const target = model.target;
      if (v && target && !v.isDeleteMarker) {
        await commands.execute(CommandIDs.shareLink, { ...target, versionId: v.versionId, versionLabel: whenOf(v) });
      }
    }
  });

  commands.addCommand(CommandIDs.editMetadata, {
    label: trans.__('Edit Metadata…'),
    isEnabled: () => Boolean(model.selected?.isLatest && !model.selected.isDeleteMarker),
    execute: async args => void (await editMetadata(ctx, args))
  });

  commands.addCommand(CommandIDs.compareVersions, {
    label: trans.__('Compare Versions'),
    isEnabled: () => diffs !== null && model.target !== null,
    execute: async args => {
      if (diffs) {
        await compareVersions(ctx, diffs, args);
      }
    }
  });
}
