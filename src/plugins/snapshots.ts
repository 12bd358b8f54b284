/**
 * Plugin: snapshots of S3 folders as Quilt packages. The "S3 Snapshots" panel (right sidebar)
 * follows the S3 panel's folder; commands take a snapshot ("Snapshot Folder…", also on folder
 * rows), compare two snapshots (or one and the live folder) in a tab with a tree of changes,
 * restore a folder to a snapshot after showing what will change, and copy a hash or a quilt3
 * snippet.
 */
import { ILayoutRestorer, JupyterFrontEnd, JupyterFrontEndPlugin } from '@jupyterlab/application';
import {
  Clipboard,
  Dialog,
  ICommandPalette,
  MainAreaWidget,
  Notification,
  showDialog,
  showErrorMessage
} from '@jupyterlab/apputils';
import { ITranslator, nullTranslator } from '@jupyterlab/translation';
import type { ReadonlyPartialJSONObject } from '@lumino/coreutils';
import type { EntryChange, ManifestEntry, SnapshotInfo } from '../service/snapshots/types';
import { IDocumentManager } from '@jupyterlab/docmanager';
import { openVersionDocument } from '../drive/open-version';
import { CommandIDs, IDiffProviders, IDiffSide, IHeliumConnections, IS3Browser, IS3ObjectRef } from '../tokens';
import {
  asFolder,
  diffRequestKey,
  ISnapshotDiffRequest,
  ISnapshotSide,
  ISnapshotTarget,
  LIVE,
  restoreSummary,
  SnapshotDiffModel,
  snapshotRowId,
  SnapshotsModel,
  snapshotTargetFor,
  targetUri
} from '../models/snapshots';
import { SnapshotsPanel, ISnapshotActions } from '../widgets/SnapshotsPanel';
import { isCancelled, runWithProgress, snapshotFolderDialog } from '../widgets/SnapshotDialog';
import { ISnapshotDiffViewOptions, SnapshotDiffView } from '../widgets/SnapshotDiffView';
import { RestorePlanBody } from '../widgets/SnapshotRestore';
import { quiltSnippet } from '../widgets/SnapshotSnippet';
import { formatShortDateTime } from '../widgets/format';
import { snapshotIcon } from '../widgets/icons';

const PANEL_ID = 'jupyterlab-helium-snapshots';
const SNAPSHOT_ROW_SELECTOR = '.jp-helium-snapshot-row[data-name]';
const FOLDER_ROW_SELECTOR = '.jp-helium-row[data-kind="folder"]';

/** A comparison tab. */
type SnapshotDiffTab = MainAreaWidget<SnapshotDiffView>;

let nextTabId = 0;

export const snapshotsPlugin: JupyterFrontEndPlugin<void> = {
  id: 'jupyterlab-helium:snapshots',
  description: 'Snapshots of S3 folders (Quilt packages): take, list, compare, restore.',
  autoStart: true,
  requires: [IHeliumConnections],
  optional: [ITranslator, IS3Browser, IDiffProviders, ILayoutRestorer, ICommandPalette, IDocumentManager],
  activate: (
    app: JupyterFrontEnd,
    connections: IHeliumConnections,
    translator: ITranslator | null,
    browser: IS3Browser | null,
    diffs: IDiffProviders | null,
    restorer: ILayoutRestorer | null,
    palette: ICommandPalette | null,
    docManager: IDocumentManager | null
  ): void => {
    const trans = (translator ?? nullTranslator).load('jupyterlab_helium');
    const { commands } = app;
    const model = new SnapshotsModel(connections);
    /** Open comparison tabs by what they compare, so the same comparison reuses its tab. */
    const tabs = new Map<string, SnapshotDiffTab>();

    const str = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);
    const fromRef = (ref: IS3ObjectRef | null | undefined): ISnapshotTarget | null =>
      ref ? { connection: ref.connection, bucket: ref.bucket, folder: asFolder(ref.key) } : null;
    /** A folder named in a command's args. */
    const argsTarget = (args: ReadonlyPartialJSONObject): ISnapshotTarget | null => {
      const connection = str(args.connection);
      const bucket = str(args.bucket);
      const folder = str(args.folder);
      return connection && bucket && folder !== undefined ? { connection, bucket, folder: asFolder(folder) } : null;
    };
    const fail = (title: string) => (err: unknown) => void showErrorMessage(title, (err as Error).message ?? String(err));

    const endpointOf = async (connection: string) => {
      try {
        return (await connections.list()).find(c => c.name === connection);
      } catch {
        return undefined;
      }
    };
    const snippetFor = async (connection: string, bucket: string, name: string, topHash: string) => {
      const info = await endpointOf(connection);
      return quiltSnippet({ name, bucket, topHash, endpoint: info?.endpoint, region: info?.region });
    };

    /**
     * The listed snapshot for a side: the row named (several rows can share a top hash), else one
     * with that top hash.
     */
    const rowFor = (ref: string, rowId?: string): SnapshotInfo | null => {
      const row = rowId ? model.findRow(rowId) : null;
      return row && row.topHash === ref ? row : model.find(ref);
    };
    /** "snapshot 3f2a9c… · 12 Mar 14:02", or "live". */
    const sideLabel = (ref: string, rowId?: string): string => {
      if (ref === LIVE) {
        return trans.__('live');
      }
      const info = rowFor(ref, rowId);
      const hash = `${ref.slice(0, 6)}…`;
      return info ? trans.__('snapshot %1 · %2', hash, formatShortDateTime(info.timestamp)) : trans.__('snapshot %1', hash);
    };
    const side = (ref: string, rowId?: string): ISnapshotSide => ({ ref, label: sideLabel(ref, rowId) });

    // The panel: it names rows (package and time); commands take top hashes (what is compared or
    // restored) and the row, for the name, time and message they show.
    const rowArgs = (s: SnapshotInfo) => ({ topHash: s.topHash, row: snapshotRowId(s) });
    const actions: ISnapshotActions = {
      snapshotFolder: () => void commands.execute(CommandIDs.snapshotFolder, { from: 'snapshots' }),
      compare: (leftRow, rightRow) =>
        void commands.execute(CommandIDs.compareSnapshots, {
          left: model.refOf(leftRow),
          right: model.refOf(rightRow),
          leftRow,
          rightRow
        }),
      copyHash: s => void commands.execute(CommandIDs.copySnapshotHash, rowArgs(s)),
      copySnippet: s => void commands.execute(CommandIDs.copySnapshotSnippet, rowArgs(s)),
      restore: s => void commands.execute(CommandIDs.restoreSnapshot, rowArgs(s))
    };
    const panel = new SnapshotsPanel({ model, trans, actions });
    panel.id = PANEL_ID;
    panel.title.icon = snapshotIcon;
    panel.title.caption = trans.__('S3 Snapshots');
    app.shell.add(panel, 'right', { rank: 810 });
    restorer?.add(panel, PANEL_ID);

    // The panel follows the S3 panel's folder while it is visible (no requests while hidden).
    const follow = () => {
      if (panel.isVisible && browser) {
        void model.show(fromRef(browser.currentFolder));
      }
    };
    browser?.folderChanged.connect(follow);
    panel.shown.connect(follow);

    /**
     * The snapshot a command acts on: the row named in its args, else one with the top hash named
     * (the selected row first), else the panel's selection.
     */
    const snapshotArg = (args: ReadonlyPartialJSONObject): SnapshotInfo | null => {
      const hash = str(args.topHash);
      if (!hash) {
        return model.selected;
      }
      return rowFor(hash, str(args.row));
    };

    // Comparison tabs.
    const shortSide = (s: ISnapshotSide) => (s.ref === LIVE ? trans.__('live') : s.ref.slice(0, 8));
    const openDiffTab = (
      request: ISnapshotDiffRequest,
      run: ConstructorParameters<typeof SnapshotDiffModel>[1],
      key = diffRequestKey(request),
      banner?: ISnapshotDiffViewOptions['banner']
    ): SnapshotDiffTab => {
      const existing = tabs.get(key);
      if (existing && !existing.isDisposed) {
        app.shell.activateById(existing.id);
        // The live side may have changed since: compare again.
        if (request.left.ref === LIVE || request.right.ref === LIVE || existing.content.model.state !== 'done') {
          void existing.content.model.load();
        }
        return existing;
      }
      const diffModel = new SnapshotDiffModel(request, run);
      const content = new SnapshotDiffView({
        model: diffModel,
        trans,
        banner,
        onOpenFile: change => void openContentDiff(request, change)
      });
      const tab = new MainAreaWidget({ content });
      tab.id = `jp-helium-snapdiff-${++nextTabId}`;
      tab.addClass('jp-helium-snapdiff-tab');
      tab.title.icon = snapshotIcon;
      tab.title.label = `${shortSide(request.left)} ↔ ${shortSide(request.right)}`;
      tab.title.caption = [targetUri(request), trans.__('A: %1', request.left.label), trans.__('B: %1', request.right.label)].join('\n');
      tab.title.closable = true;
      tabs.set(key, tab);
      tab.disposed.connect(() => {
        if (tabs.get(key) === tab) {
          tabs.delete(key);
        }
      });
      app.shell.add(tab, 'main');
      app.shell.activateById(tab.id);
      void diffModel.load();
      return tab;
    };

    /** Opens the content diff of one file of a comparison, each side pinned to its version. */
    /** Open the one existing side of an added or deleted file, read-only, at the version shown. */
    const openOneSide = async (request: ISnapshotDiffRequest, change: EntryChange) => {
      const entry = change.right ?? change.left;
      const s = change.right ? request.right : request.left;
      if (!entry || !docManager) {
        return;
      }
      try {
        const lib = await model.lib();
        const location = lib.requirePhysicalKey(entry.physical_keys[0] ?? '');
        if (!location.versionId) {
          throw new Error(trans.__('%1 is not pinned to a version.', change.logicalKey));
        }
        const name = location.key.slice(location.key.lastIndexOf('/') + 1);
        await openVersionDocument(
          docManager,
          { connection: request.connection, bucket: location.bucket, key: location.key, versionId: location.versionId },
          {
            label: `${name} @ ${shortSide(s)}`,
            caption: trans.__('%1 as in %2 (read-only)', `s3://${location.bucket}/${location.key}`, s.label)
          }
        );
      } catch (err) {
        fail(trans.__('Cannot open %1', change.logicalKey))(err);
      }
    };

    const openContentDiff = async (request: ISnapshotDiffRequest, change: EntryChange) => {
      if (!diffs) {
        await showErrorMessage(trans.__('Cannot compare contents'), trans.__('The diff tab of jupyterlab-helium is not available.'));
        return;
      }
      if (!change.left || !change.right) {
        // Added or deleted: one side only. Open that version read-only in JupyterLab's viewer.
        await openOneSide(request, change);
        return;
      }
      try {
        const lib = await model.lib();
        const toSide = (entry: ManifestEntry, s: ISnapshotSide): IDiffSide => {
          // Throws the service's message for keys that are not S3 objects (quilt3's file://).
          const location = lib.requirePhysicalKey(entry.physical_keys[0] ?? '');
          return {
            connection: request.connection,
            bucket: location.bucket,
            key: location.key,
            // The live side is the current version; a snapshot side the version it pinned.
            versionId: s.ref === LIVE ? undefined : location.versionId,
            label: s.label,
            size: entry.size
          };
        };
        await diffs.open({ left: toSide(change.left, request.left), right: toSide(change.right, request.right) });
      } catch (err) {
        fail(trans.__('Cannot compare %1', change.logicalKey))(err);
      }
    };

    commands.addCommand(CommandIDs.showSnapshots, {
      label: trans.__('Show S3 Snapshots'),
      caption: trans.__('The snapshots of the folder the S3 panel shows'),
      icon: snapshotIcon,
      execute: async args => {
        app.shell.activateById(PANEL_ID);
        const target = argsTarget(args);
        if (target) {
          await model.show(target);
        } else {
          follow();
        }
      }
    });

    commands.addCommand(CommandIDs.snapshotFolder, {
      label: args => (args.from === 'panel' ? trans.__('Snapshot Folder…') : trans.__('Snapshot S3 Folder…')),
      caption: trans.__('Record the current version of every object under a folder as a Quilt package'),
      icon: args => (args.from === 'panel' ? undefined : snapshotIcon),
      execute: async args => {
        // The folder is fixed now: the panels may move on while the dialog is open.
        const found = snapshotTargetFor(args, {
          selectedFolder: browser?.selectedFolder,
          currentFolder: browser?.currentFolder,
          shown: model.target
        });
        if (!found) {
          await showErrorMessage(trans.__('No folder to snapshot'), trans.__('Open a bucket in the S3 panel first.'));
          return;
        }
        const task = model.snapshotTask(found);
        const { target } = task;
        const uri = targetUri(target);
        let lib: Awaited<ReturnType<SnapshotsModel['lib']>>;
        let service: typeof import('../service');
        let name: string;
        try {
          [lib, service] = await Promise.all([model.lib(), import('../service')]);
          name = lib.defaultPackageName(target.bucket, target.folder);
        } catch (err) {
          fail(trans.__('Cannot snapshot %1', uri))(err);
          return;
        }
        const result = await snapshotFolderDialog({
          trans,
          uri,
          bucket: target.bucket,
          initial: { message: '', name, metaText: '' },
          checks: {
            name: n => lib.validatePackageName(n),
            meta: text => {
              const parsed = service.parseMetadataJson(text);
              return 'error' in parsed ? parsed.error : null;
            }
          },
          run: (values, signal, onProgress) => {
            // Checked by parseMetadataJson as typed; kept lossless so numbers stay as written (1.0).
            const meta = values.metaText.trim() ? lib.parseLosslessJson(values.metaText) : undefined;
            return task.run({ message: values.message, name: values.name, meta, signal, onProgress });
          },
          snippet: r => snippetFor(target.connection, target.bucket, r.name, r.topHash)
        });
        if (result) {
          // Show it in the snapshots panel when that panel is on this folder (or shows inner ones).
          model.select(snapshotRowId(result));
        }
      }
    });

    commands.addCommand(CommandIDs.compareSnapshots, {
      label: trans.__('Compare Snapshots'),
      caption: trans.__('Compare two snapshots, or a snapshot and the live folder'),
      isEnabled: args => Boolean(str(args.left) && str(args.right)) || model.comparePair !== null,
      execute: async args => {
        const target = argsTarget(args) ?? model.target;
        let left = str(args.left);
        let right = str(args.right);
        let leftRow = str(args.leftRow);
        let rightRow = str(args.rightRow);
        if (!left || !right) {
          const rows = model.compareRows;
          const pair = model.comparePair;
          if (!pair || !rows) {
            await showErrorMessage(
              trans.__('Nothing to compare'),
              trans.__('Tick two snapshots, or one snapshot and the live folder, in the S3 Snapshots panel.')
            );
            return;
          }
          [left, right] = pair;
          [leftRow, rightRow] = rows;
        }
        if (!target) {
          return;
        }
        if (left === LIVE && right === LIVE) {
          await showErrorMessage(trans.__('Nothing to compare'), trans.__('Pick at least one snapshot to compare with the live folder.'));
          return;
        }
        // The live side is the folder the snapshot was taken of (the panel may list snapshots of
        // a folder containing the one on screen). The service tells it from the whole manifest: the
        // listing's folder may be a guess from the manifest's first part, so it is never passed
        // on. Only a folder named in the args is (e.g. by the restore review tab, from its plan).
        const snapshot = left === LIVE ? rowFor(right, rightRow) : rowFor(left, leftRow);
        const liveFolder = argsTarget(args)?.folder;
        const request: ISnapshotDiffRequest = {
          connection: target.connection,
          bucket: target.bucket,
          // What the tab shows and is keyed by, not what is read.
          folder: liveFolder ?? snapshot?.folder ?? target.folder,
          left: side(left, leftRow),
          right: side(right, rightRow)
        };
        openDiffTab(request, (req, options) => model.diff(req, liveFolder, req.left.ref, req.right.ref, options));
      }
    });

    commands.addCommand(CommandIDs.copySnapshotHash, {
      label: trans.__('Copy Snapshot Hash'),
      isEnabled: () => model.selected !== null,
      execute: args => {
        const s = snapshotArg(args);
        if (s) {
          Clipboard.copyToSystem(s.topHash);
          Notification.info(trans.__('Top hash %1 copied.', s.topHash.slice(0, 10)), { autoClose: 3000 });
        }
      }
    });

    commands.addCommand(CommandIDs.copySnapshotSnippet, {
      label: trans.__('Copy quilt3 Snippet'),
      isEnabled: () => model.selected !== null,
      execute: async args => {
        const s = snapshotArg(args);
        const target = model.target;
        if (s && target) {
          Clipboard.copyToSystem(await snippetFor(target.connection, s.bucket, s.name, s.topHash));
          Notification.info(trans.__('quilt3 snippet copied (it uses your own AWS credentials).'), { autoClose: 3000 });
        }
      }
    });

    commands.addCommand(CommandIDs.restoreSnapshot, {
      label: trans.__('Restore Folder to This Snapshot…'),
      isEnabled: () => model.selected !== null,
      execute: async args => {
        const s = snapshotArg(args);
        const topHash = str(args.topHash) ?? s?.topHash;
        const target = argsTarget(args) ?? model.target;
        if (!topHash || !target) {
          return;
        }
        const where = { connection: target.connection, bucket: target.bucket };
        // The folder the snapshot was taken of: the service tells it from the whole manifest (the
        // listing's folder may be a guess from its first part). Only a folder named in the args
        // (the review tab's, from its plan) is passed on.
        const folder = argsTarget(args)?.folder;
        const planned = await runWithProgress({
          trans,
          title: trans.__('Restore Folder'),
          heading: trans.__('Working out what restoring to snapshot %1 would change…', topHash.slice(0, 10)),
          work: (signal, onProgress) => model.planRestore(where, topHash, folder, { signal, onProgress })
        });
        if (!planned.ok) {
          if (!planned.cancelled) {
            fail(trans.__('Cannot restore to snapshot %1', topHash.slice(0, 10)))(planned.error);
          }
          return;
        }
        const plan = planned.value;
        const restoreTarget: ISnapshotTarget = { ...where, folder: plan.folder };
        const uri = targetUri(restoreTarget);
        const summary = restoreSummary(plan.actions);
        if (plan.actions.length === 0) {
          await showDialog({
            title: trans.__('Nothing to restore'),
            body: trans.__('%1 already holds exactly the files of snapshot %2.', uri, topHash.slice(0, 10)),
            buttons: [Dialog.okButton({ label: trans.__('Close') })]
          });
          return;
        }
        const reviewClass = 'jp-helium-snapshot-review';
        const answer = await showDialog({
          title: trans.__('Restore %1 to this snapshot?', uri),
          body: new RestorePlanBody({
            trans,
            uri,
            topHash: plan.topHash,
            timestamp: s?.timestamp,
            message: s?.message,
            summary
          }),
          buttons: [
            Dialog.cancelButton(),
            Dialog.createButton({ label: trans.__('Review Changes'), className: reviewClass, accept: false }),
            Dialog.warnButton({ label: trans.__('Restore'), className: 'jp-helium-snapshot-restore-ok' })
          ]
        });
        if (answer.button.className.includes(reviewClass)) {
          // The exact diff the restore applies: from the live folder to the snapshot. Its tab
          // offers the restore again (planned afresh, so it reflects what changed meanwhile).
          const request: ISnapshotDiffRequest = {
            ...restoreTarget,
            left: side(LIVE),
            right: side(plan.topHash, s ? snapshotRowId(s) : undefined)
          };
          const key = `restore\u0000${diffRequestKey(request)}`;
          tabs.get(key)?.dispose();
          openDiffTab(request, async () => plan.diff, key, {
            text: trans.__(
              'What restoring %1 to snapshot %2 would do: "added" and "modified" files are copied back from the snapshot (new versions), "deleted" files get delete markers (their history is kept).',
              uri,
              plan.topHash.slice(0, 10)
            ),
            actionLabel: trans.__('Restore…'),
            onAction: () =>
              void commands.execute(CommandIDs.restoreSnapshot, {
                topHash: plan.topHash,
                ...(s ? { row: snapshotRowId(s) } : {}),
                connection: restoreTarget.connection,
                bucket: restoreTarget.bucket,
                folder: restoreTarget.folder
              })
          });
          return;
        }
        if (!answer.button.accept) {
          return;
        }
        const done = await runWithProgress({
          trans,
          title: trans.__('Restore Folder'),
          heading: trans.__('Restoring %1 to snapshot %2', uri, plan.topHash.slice(0, 10)),
          work: (signal, onProgress) => model.restore(restoreTarget, plan, { signal, onProgress })
        });
        if (done.ok) {
          Notification.success(
            trans.__(
              'Restored %1: %2 files copied back, %3 deleted (delete markers; history kept).',
              uri,
              done.value.copied.length.toLocaleString(),
              done.value.deleted.length.toLocaleString()
            ),
            { autoClose: 6000 }
          );
        } else if (done.cancelled || isCancelled(done.error)) {
          Notification.warning(
            trans.__('Restore of %1 cancelled. Changes already made stay as new versions (nothing was lost); restore again to finish.', uri),
            { autoClose: 8000 }
          );
        } else {
          fail(trans.__('Could not restore %1', uri))(done.error);
        }
      }
    });

    app.contextMenu.addItem({
      command: CommandIDs.snapshotFolder,
      args: { from: 'panel' },
      selector: FOLDER_ROW_SELECTOR,
      rank: 3.6
    });
    const rowItems = [
      CommandIDs.copySnapshotHash,
      CommandIDs.copySnapshotSnippet,
      CommandIDs.restoreSnapshot
    ];
    rowItems.forEach((command, i) => app.contextMenu.addItem({ command, selector: SNAPSHOT_ROW_SELECTOR, rank: i + 1 }));
    for (const command of [CommandIDs.showSnapshots, CommandIDs.snapshotFolder, CommandIDs.compareSnapshots]) {
      palette?.addItem({ command, category: trans.__('S3') });
    }
  }
};
