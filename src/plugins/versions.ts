/**
 * Plugin: the version history drawer (right sidebar) and the commands on versions: open one
 * read-only, download, restore, undelete, compare, copy a Python snippet, edit metadata, delete
 * one version. The drawer follows the object selected in the S3 panel.
 */
import { ILayoutRestorer, JupyterFrontEnd, JupyterFrontEndPlugin } from '@jupyterlab/application';
import { Clipboard, Dialog, ICommandPalette, InputDialog, Notification, showDialog, showErrorMessage } from '@jupyterlab/apputils';
import { IDocumentManager } from '@jupyterlab/docmanager';
import { ITranslator, nullTranslator } from '@jupyterlab/translation';
import type { ObjectVersion } from '../service';
import {
  CommandIDs,
  IDiffProviders,
  IDiffSide,
  IHeliumConnections,
  IS3Browser,
  IS3ObjectRef,
  DRIVE_NAME
} from '../tokens';
import { IVersionTarget, VersionsModel } from '../models/versions';
import { pythonSnippet } from '../service/version-snippet';
import { VersionsDrawer } from '../widgets/VersionsDrawer';
import type { IVersionActions } from '../widgets/VersionDetails';
import { MetadataEditor } from '../widgets/MetadataEditor';
import { IMetadataContext, metadataTextProblem } from '../models/metadata-check';
import { formatDateTime, formatShortDateTime } from '../widgets/format';
import { historyIcon } from '../widgets/icons';
import { openVersionDocument } from '../drive/open-version';
import { startBrowserDownload } from '../widgets/browser-download';
import { documentPathProblem, parseDrivePath } from '../drive/paths';
import { downloadUrl } from '../drive/download-url';
import { displayKey, formatS3Uri } from '../service/uri';
import { offerDownloadInstead } from '../widgets/cannot-open-dialog';
import { inPalette, PALETTE_ARGS } from './palette-labels';

const DRAWER_ID = 'jupyterlab-helium-versions';
const VERSION_ROW_SELECTOR = '.jp-helium-version-row';

export const versionsPlugin: JupyterFrontEndPlugin<void> = {
  id: 'jupyterlab-helium:versions',
  description: 'Version history of S3 objects: open, restore, undelete, compare, metadata.',
  autoStart: true,
  requires: [IHeliumConnections, IDocumentManager],
  optional: [ITranslator, IS3Browser, IDiffProviders, ILayoutRestorer, ICommandPalette],
  activate: (
    app: JupyterFrontEnd,
    connections: IHeliumConnections,
    docManager: IDocumentManager,
    translator: ITranslator | null,
    browser: IS3Browser | null,
    diffs: IDiffProviders | null,
    restorer: ILayoutRestorer | null,
    palette: ICommandPalette | null
  ): void => {
    const trans = (translator ?? nullTranslator).load('jupyterlab_helium');
    const { commands } = app;
    const model = new VersionsModel(connections);

    /** The object's S3 URI, as Copy S3 URI gives it and the Version History box reads it. */
    const uriOf = (t: IS3ObjectRef) => formatS3Uri(t);
    /** The file name of a key, raw (to save a file as). */
    const fileName = (key: string) => key.slice(key.lastIndexOf('/') + 1);
    /** The file name of a key, for reading (control characters visible). */
    const name = (key: string) => displayKey(fileName(key));
    const when = (v: ObjectVersion) => formatDateTime(v.lastModified);
    /** The version a command acts on: the one named in its args, else the drawer's selection. */
    const versionArg = (args: { versionId?: unknown }): ObjectVersion | null => {
      const id = typeof args.versionId === 'string' ? args.versionId : model.selected?.versionId;
      return model.versions.find(v => v.versionId === id) ?? null;
    };
    const fail = (title: string) => (err: unknown) => void showErrorMessage(title, (err as Error).message);

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
     * Asks for the S3 URI of an object (deleted ones too), as Copy S3 URI gives it: parsed with
     * `parseS3Uri`, so every URI we copy names the same object here.
     * @returns the object and the version the URI names, or null when cancelled or invalid.
     */
    const askForObject = async (): Promise<(IVersionTarget & { versionId?: string }) | null> => {
      const list = await connections.list().catch(() => []);
      if (list.length === 0) {
        await showErrorMessage(trans.__('No S3 connection'), trans.__('The Jupyter server has no S3 connection to look the object up on.'));
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
      const lib = await import('../service');
      try {
        const { bucket, key, versionId } = lib.parseS3Uri(result.value);
        if (!key || key.endsWith('/')) {
          throw new Error(
            trans.__('%1 names a bucket or a folder; give the S3 URI of an object, e.g. %2.', result.value.trim(), formatS3Uri({ bucket, key: `${key}data.csv` }))
          );
        }
        const problem = lib.readKeyProblem(key);
        if (problem) {
          throw new Error(problem);
        }
        return { connection: list[0].name, bucket, key, versionId };
      } catch (err) {
        await showErrorMessage(trans.__('Not an object URI'), (err as Error).message);
        return null;
      }
    };

    const sideOf = (target: IVersionTarget, v: ObjectVersion): IDiffSide => ({
      ...target,
      versionId: v.versionId,
      label: `${formatShortDateTime(v.lastModified)}${v.isLatest ? ` · ${trans.__('latest')}` : ''}`,
      size: v.size,
      etag: v.etag
    });

    const actions: IVersionActions = {
      open: v => void commands.execute(CommandIDs.openVersion, { versionId: v.versionId }),
      download: v => void commands.execute(CommandIDs.downloadVersion, { versionId: v.versionId }),
      restore: v => void commands.execute(CommandIDs.restoreVersion, { versionId: v.versionId }),
      compare: (older, newer) =>
        void commands.execute(CommandIDs.compareVersions, { left: older.versionId, right: newer.versionId }),
      copySnippet: v => void commands.execute(CommandIDs.copyVersionSnippet, { versionId: v.versionId }),
      editMetadata: v => void commands.execute(CommandIDs.editMetadata, { versionId: v.versionId }),
      deleteVersion: v => void commands.execute(CommandIDs.deleteVersion, { versionId: v.versionId }),
      undelete: () => void commands.execute(CommandIDs.undelete),
      openUri: () => void commands.execute(CommandIDs.versionHistory, { ask: true })
    };

    const drawer = new VersionsDrawer({ model, trans, actions });
    drawer.id = DRAWER_ID;
    drawer.title.icon = historyIcon;
    drawer.title.caption = trans.__('S3 Version History');
    app.shell.add(drawer, 'right', { rank: 800 });
    restorer?.add(drawer, DRAWER_ID);

    // The drawer follows the panel's selection while it is open (no requests while hidden).
    const follow = () => {
      if (drawer.isVisible && browser?.selectedObject) {
        void model.show(browser.selectedObject);
      }
    };
    browser?.selectionChanged.connect(follow);
    drawer.shown.connect(follow);

    /** Selects the version a pasted URI named, or says it is not among those listed. */
    const selectNamedVersion = (versionId: string) => {
      if (model.versions.some(v => v.versionId === versionId)) {
        model.select(versionId);
      } else if (!model.error) {
        Notification.warning(
          trans.__('Version %1 is not among the versions listed for %2; showing the whole history.', versionId, uriOf(model.target!)),
          { autoClose: 6000 }
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
        app.shell.activateById(DRAWER_ID);
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
        const v = versionArg(args);
        const target = model.target;
        if (!v || !target || v.isDeleteMarker) {
          return;
        }
        const problem = documentPathProblem(target.key);
        if (problem) {
          if (await offerDownloadInstead(trans, name(target.key), problem, trans.__('Download This Version'))) {
            await commands.execute(CommandIDs.downloadVersion, { versionId: v.versionId });
          }
          return;
        }
        await openVersionDocument(docManager, { ...target, versionId: v.versionId }, {
          label: `${name(target.key)} @ ${formatShortDateTime(v.lastModified)}`,
          caption: trans.__('%1\nversion %2 of %3 (read-only)', uriOf(target), v.versionId, when(v))
        });
      }
    });

    commands.addCommand(CommandIDs.downloadVersion, {
      label: trans.__('Download This Version'),
      execute: async args => {
        const v = versionArg(args);
        const target = model.target;
        if (!v || !target) {
          return;
        }
        try {
          // From the key itself, not an s3-version: path, which JupyterLab would normalize.
          startBrowserDownload(downloadUrl(connections, { ...target, versionId: v.versionId }), fileName(target.key));
        } catch (err) {
          fail(trans.__('Cannot download %1', name(target.key)))(err);
        }
      }
    });

    commands.addCommand(CommandIDs.restoreVersion, {
      label: trans.__('Restore This Version…'),
      isEnabled: () => Boolean(model.selected && !model.selected.isDeleteMarker),
      execute: async args => {
        const v = versionArg(args);
        const target = model.target;
        if (!v || !target || v.isDeleteMarker) {
          return;
        }
        const answer = await showDialog({
          title: trans.__('Restore the version of %1?', when(v)),
          body: trans.__(
            '%1 will be copied on top of %2 as a new current version. Nothing is deleted: every version, including the current one, stays in the history.',
            `${v.versionId}`,
            uriOf(target)
          ),
          buttons: [Dialog.cancelButton(), Dialog.okButton({ label: trans.__('Restore') })]
        });
        if (!answer.button.accept) {
          return;
        }
        try {
          const newId = await model.restore(target, v.versionId);
          Notification.success(
            newId
              ? trans.__('Restored %1 as a new version.', name(target.key))
              : trans.__('%1 already is that version: nothing written.', name(target.key)),
            { autoClose: 4000 }
          );
        } catch (err) {
          fail(trans.__('Could not restore %1', name(target.key)))(err);
        }
      }
    });

    commands.addCommand(CommandIDs.undelete, {
      label: trans.__('Undelete'),
      isEnabled: () => model.isDeleted,
      execute: async () => {
        const target = model.target;
        if (!target || !model.isDeleted) {
          return;
        }
        const markers = model.versions.findIndex(v => !v.isDeleteMarker);
        const back = model.latestContent;
        const answer = await showDialog({
          title: trans.__('Undelete %1?', name(target.key)),
          body: back
            ? trans._n(
                'The delete marker on top of %2 will be removed, so the version of %3 is current again. No content is deleted; the marker itself (the record of the delete) goes away.',
                'The %1 delete markers on top of %2 will be removed, so the version of %3 is current again. No content is deleted; the markers themselves (the record of the deletes) go away.',
                markers < 0 ? model.versions.length : markers,
                uriOf(target),
                when(back)
              )
            : trans.__('%1 has no version with content to bring back.', uriOf(target)),
          buttons: back
            ? [Dialog.cancelButton(), Dialog.okButton({ label: trans.__('Undelete') })]
            : [Dialog.okButton({ label: trans.__('Close') })]
        });
        if (!answer.button.accept || !back) {
          return;
        }
        try {
          await model.undelete(target);
          Notification.success(trans.__('%1 is back.', name(target.key)), { autoClose: 4000 });
        } catch (err) {
          fail(trans.__('Could not undelete %1', name(target.key)))(err);
        }
      }
    });

    commands.addCommand(CommandIDs.deleteVersion, {
      label: trans.__('Delete This Version Permanently…'),
      isEnabled: () => model.selected !== null,
      execute: async args => {
        const v = versionArg(args);
        const target = model.target;
        if (!v || !target) {
          return;
        }
        const others = model.versions.length - 1;
        const keepsOthers =
          model.versioning === 'Enabled' && others > 0
            ? trans._n('The other version is kept.', 'The other %1 versions are kept.', others)
            : others > 0
              ? trans.__('The bucket does not keep new versions (versioning is not enabled).')
              : trans.__('This is the ONLY version: the object will be gone for good.');
        const answer = await showDialog({
          title: trans.__('Delete this version for good?'),
          body: trans.__(
            'Version %1 of %2 (%3) will be deleted PERMANENTLY. Unlike deleting an object, this cannot be undone. %4',
            v.versionId,
            uriOf(target),
            when(v),
            keepsOthers
          ),
          buttons: [Dialog.cancelButton(), Dialog.warnButton({ label: trans.__('Delete permanently') })]
        });
        if (answer.button.accept) {
          await model.deleteVersion(target, v.versionId).catch(fail(trans.__('Could not delete the version')));
        }
      }
    });

    commands.addCommand(CommandIDs.copyVersionSnippet, {
      label: trans.__('Copy Python to Load This Version'),
      execute: async args => {
        const v = versionArg(args);
        const target = model.target;
        if (!v || !target) {
          return;
        }
        const info = (await connections.list()).find(c => c.name === target.connection);
        Clipboard.copyToSystem(
          pythonSnippet({ ...target, versionId: v.versionId, endpoint: info?.endpoint, region: info?.region })
        );
        Notification.info(trans.__('Python for this version copied (boto3 uses your own credentials).'), {
          autoClose: 3000
        });
      }
    });

    commands.addCommand(CommandIDs.shareVersionLink, {
      label: trans.__('Copy Share Link…'),
      isEnabled: () => Boolean(model.selected && !model.selected.isDeleteMarker && commands.hasCommand(CommandIDs.shareLink)),
      execute: async args => {
        const v = versionArg(args);
        const target = model.target;
        if (v && target && !v.isDeleteMarker) {
          await commands.execute(CommandIDs.shareLink, { ...target, versionId: v.versionId, versionLabel: when(v) });
        }
      }
    });

    commands.addCommand(CommandIDs.editMetadata, {
      label: trans.__('Edit Metadata…'),
      isEnabled: () => Boolean(model.selected?.isLatest && !model.selected.isDeleteMarker),
      execute: async args => {
        const v = versionArg(args);
        const target = model.target;
        if (!v || !target || v.isDeleteMarker) {
          return;
        }
        if (!v.isLatest) {
          // Writing metadata copies a version on top: from an old version it would also bring
          // back that version's content. Say so instead of doing it quietly.
          await showErrorMessage(
            trans.__('Metadata is edited on the current version'),
            trans.__(
              'Saving metadata writes a new version by copying the one you edit. From this older version, that would also make its content current again. Restore it first (Restore…), then edit the metadata of the new current version.'
            )
          );
          return;
        }
        const lib = await import('../service');
        let existing: unknown;
        let context: IMetadataContext;
        try {
          // Fresh from S3, never from a display that may not have loaded: saving "{}" by accident
          // would wipe the metadata.
          const s3 = await connections.client(target.connection);
          const meta = await lib.readObjectMetadata(s3, { bucket: target.bucket, key: target.key, versionId: v.versionId });
          if (meta.heliumProblem) {
            throw new Error(meta.heliumProblem);
          }
          existing = meta.helium?.user_meta ?? {};
          // Without a header, the save names the format from the key: 'bytes' is the shortest name,
          // so a text that fits here may still be a few bytes over there (the save says so).
          context = { target: meta.helium?.target ?? 'bytes', others: meta.otherUserMetadata };
        } catch (err) {
          await showErrorMessage(trans.__('Cannot read the metadata of %1', name(target.key)), (err as Error).message);
          return;
        }
        let text = JSON.stringify(existing, null, 2);
        // JSON syntax and the 2 KB limit, as you type; the dialog's Save stays disabled meanwhile.
        const check = (t: string) => metadataTextProblem(t, lib.parseMetadataJson, context);
        for (;;) {
          const editor = new MetadataEditor({ text, trans, check, uri: uriOf(target) });
          const answer = await showDialog({
            title: trans.__('Metadata of %1', name(target.key)),
            body: editor,
            buttons: [
              Dialog.cancelButton(),
              Dialog.okButton({ label: trans.__('Save as new version'), className: 'jp-helium-metadata-save' })
            ]
          });
          text = editor.getValue();
          const parsed = lib.parseMetadataJson(text);
          // The button is disabled while the text has a problem; Enter cannot get past that either.
          if (!answer.button.accept || 'error' in parsed || editor.problem !== null) {
            return;
          }
          try {
            await model.writeUserMeta(target, v.versionId, parsed.value);
            Notification.success(trans.__('Metadata saved as a new version of %1.', name(target.key)), { autoClose: 4000 });
            return;
          } catch (err) {
            await showErrorMessage(trans.__('Could not save the metadata'), (err as Error).message);
            // Back to the editor, with the text as typed.
          }
        }
      }
    });

    commands.addCommand(CommandIDs.compareVersions, {
      label: trans.__('Compare Versions'),
      isEnabled: () => diffs !== null && model.target !== null,
      execute: async args => {
        const target = model.target;
        if (!diffs || !target) {
          return;
        }
        const byId = (id: unknown) => model.versions.find(v => v.versionId === id) ?? null;
        let left = byId(args.left);
        let right = byId(args.right);
        if (!left || !right) {
          // Without arguments: the two ticked versions, else the selected one against the latest.
          const pair = model.compareSelection;
          [left, right] = pair.length === 2 ? [pair[0], pair[1]] : [model.selected, model.latestContent];
        }
        if (!left || !right || left.isDeleteMarker || right.isDeleteMarker) {
          await showErrorMessage(trans.__('Nothing to compare'), trans.__('Pick two versions with content (not delete markers).'));
          return;
        }
        if (left.lastModified > right.lastModified) {
          [left, right] = [right, left];
        }
        await diffs.open({ left: sideOf(target, left), right: sideOf(target, right) });
      }
    });

    const rowItems = [
      CommandIDs.openVersion,
      CommandIDs.downloadVersion,
      CommandIDs.compareVersions,
      CommandIDs.restoreVersion,
      CommandIDs.copyVersionSnippet,
      CommandIDs.shareVersionLink,
      CommandIDs.editMetadata,
      CommandIDs.deleteVersion
    ];
    rowItems.forEach((command, i) => app.contextMenu.addItem({ command, selector: VERSION_ROW_SELECTOR, rank: i + 1 }));
    palette?.addItem({ command: CommandIDs.versionHistory, category: 'S3', args: PALETTE_ARGS });
    palette?.addItem({ command: CommandIDs.versionHistory, args: { ...PALETTE_ARGS, ask: true }, category: 'S3' });
  }
};
