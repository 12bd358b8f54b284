/**
 * The snapshot commands of the snapshots plugin (part of the plugin in `snapshots.ts`, not a plugin
 * of its own): take a snapshot of a folder ("Snapshot Folder…"), compare two snapshots (or one and
 * the live folder) in a comparison tab, and copy a snapshot's top hash or a quilt3 snippet. The
 * restore command is in `snapshots-restore.ts`.
 */
import { JupyterFrontEnd } from '@jupyterlab/application';
import { Clipboard, Notification, showErrorMessage } from '@jupyterlab/apputils';
import type { TranslationBundle } from '@jupyterlab/translation';
import { CommandIDs, IHeliumConnections, IS3Browser } from '../tokens';
import { argsTarget, LIVE, shortHash, snapshotRowId, snapshotTargetFor, targetUri } from '../models/snapshot-target';
import type { ISnapshotDiffRequest } from '../models/snapshot-diff';
import type { SnapshotsModel } from '../models/snapshots';
import { snapshotFolderDialog } from '../widgets/SnapshotDialog';
import { quiltSnippet } from '../widgets/SnapshotSnippet';
import { snapshotIcon } from '../widgets/icons';
import { fail, rowFor, snapshotArg, str } from './snapshots-args';
import { ISnapshotDiffTabs, snapshotSide } from './snapshots-tabs';
import { inPalette, selectionLabel } from './palette-labels';

/** What the snapshot commands work with. */
export interface ISnapshotCommandOptions {
  /** The snapshots model: the panel's folder, snapshots, ticks and selection, and the actions. */
  model: SnapshotsModel;
  connections: IHeliumConnections;
  /** The S3 panel: the folder "Snapshot Folder…" acts on when its args name none. */
  browser: IS3Browser | null;
  trans: TranslationBundle;
  /** The comparison tabs. */
  tabs: ISnapshotDiffTabs;
}

/**
 * Registers the `snapshotFolder`, `compareSnapshots`, `copySnapshotHash` and
 * `copySnapshotSnippet` commands.
 * @param app - the application.
 * @param options - the model, the services and the comparison tabs the commands use.
 */
export function registerSnapshotCommands(app: JupyterFrontEnd, options: ISnapshotCommandOptions): void {
  const { model, connections, browser, trans } = options;
  const { openDiffTab } = options.tabs;
  const { commands } = app;
  const side = (ref: string, rowId?: string) => snapshotSide(model, trans, ref, rowId);

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

  commands.addCommand(CommandIDs.snapshotFolder, {
    label: args => {
      if (args.from === 'panel') {
        return trans.__('Snapshot Folder…');
      }
      if (!inPalette(args)) {
        return trans.__('Snapshot S3 Folder…');
      }
      // What running it from the palette would snapshot.
      const found = snapshotTargetFor(args, {
        selectedFolder: browser?.selectedFolder,
        currentFolder: browser?.currentFolder,
        shown: model.target
      });
      return found ? trans.__('Snapshot S3 Folder %1…', targetUri(found)) : trans.__('Snapshot S3 Folder… (open a bucket in the S3 panel)');
    },
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
      const snapshot = left === LIVE ? rowFor(model, right, rightRow) : rowFor(model, left, leftRow);
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
    label: args =>
      selectionLabel(
        args,
        {
          menu: trans.__('Copy Snapshot Hash'),
          named: () => trans.__('Copy Hash of Snapshot %1', shortHash(snapshotArg(model, args)!.topHash)),
          none: trans.__('Copy Snapshot Hash (select a snapshot in the S3 Snapshots panel)')
        },
        snapshotArg(model, args)
      ),
    // A snapshot named in the args (the palette, another extension) or the selected one.
    isEnabled: args => str(args.topHash) !== undefined || model.selected !== null,
    execute: args => {
      const topHash = str(args.topHash) ?? model.selected?.topHash;
      if (topHash) {
        Clipboard.copyToSystem(topHash);
        Notification.info(trans.__('Top hash %1 copied.', shortHash(topHash)), { autoClose: 3000 });
      }
    }
  });

  commands.addCommand(CommandIDs.copySnapshotSnippet, {
    label: args =>
      selectionLabel(
        args,
        {
          menu: trans.__('Copy quilt3 Snippet'),
          named: () => trans.__('Copy quilt3 Snippet of Snapshot %1', shortHash(snapshotArg(model, args)!.topHash)),
          none: trans.__('Copy quilt3 Snippet (select a snapshot in the S3 Snapshots panel)')
        },
        snapshotArg(model, args)
      ),
    // The snippet needs the package's name and bucket: a snapshot the panel lists (the rows are
    // of the panel's folder, on its connection).
    isEnabled: args => snapshotArg(model, args) !== null,
    execute: async args => {
      const s = snapshotArg(model, args);
      const target = model.target;
      if (s && target) {
        Clipboard.copyToSystem(await snippetFor(target.connection, s.bucket, s.name, s.topHash));
        Notification.info(trans.__('quilt3 snippet copied (it uses your own AWS credentials).'), { autoClose: 3000 });
      }
    }
  });
}
