/**
 * The comparison tabs of the snapshots plugin (part of the plugin in `snapshots.ts`, not a plugin
 * of its own): the sides a tab compares and their labels, one tab per comparison (an identical
 * comparison reuses its tab), and opening one file of a comparison: its content diff, or the one
 * version an added or deleted file has.
 */
import { JupyterFrontEnd } from '@jupyterlab/application';
import { MainAreaWidget, showErrorMessage } from '@jupyterlab/apputils';
import { IDocumentManager } from '@jupyterlab/docmanager';
import type { TranslationBundle } from '@jupyterlab/translation';
import type { EntryChange, ManifestEntry } from '../service/snapshots/types';
import { openVersionDocument } from '../drive/open-version';
import { CommandIDs, IDiffProviders, IDiffSide } from '../tokens';
import { LIVE, targetUri } from '../models/snapshot-target';
import { displayKey, formatS3Uri } from '../service/uri';
import { diffRequestKey, ISnapshotDiffRequest, ISnapshotSide, SnapshotDiffModel } from '../models/snapshot-diff';
import type { SnapshotsModel } from '../models/snapshots';
import { ISnapshotDiffViewOptions, SnapshotDiffView } from '../widgets/SnapshotDiffView';
import { formatShortDateTime } from '../widgets/format';
import { snapshotIcon } from '../widgets/icons';
import { fail, rowFor } from './snapshots-args';

/** A comparison tab. */
export type SnapshotDiffTab = MainAreaWidget<SnapshotDiffView>;

let nextTabId = 0;

/** What the comparison tabs work with. */
export interface ISnapshotTabsOptions {
  /** The snapshots model: the listed snapshots, and the service (to locate a file's version). */
  model: SnapshotsModel;
  trans: TranslationBundle;
  /** The diff tab of jupyterlab-helium, which compares the contents of one file. */
  diffs: IDiffProviders | null;
  /** Opens the one version of an added or deleted file. */
  docManager: IDocumentManager | null;
}

/** Opens and closes comparison tabs. */
export interface ISnapshotDiffTabs {
  /**
   * Open a comparison tab, or bring back the one open for the same key (comparing again when a
   * side is live or it did not finish).
   * @param request - what to compare.
   * @param run - computes the diff.
   * @param key - which comparison the tab is; by default the request's {@link diffRequestKey}.
   * @param banner - a note above the comparison with one action (the restore review tab's).
   * @returns the tab.
   */
  openDiffTab(
    request: ISnapshotDiffRequest,
    run: ConstructorParameters<typeof SnapshotDiffModel>[1],
    key?: string,
    banner?: ISnapshotDiffViewOptions['banner']
  ): SnapshotDiffTab;
  /** Close the tab open for a key, if any. */
  closeDiffTab(key: string): void;
}

/**
 * A side of a comparison, labelled for the user.
 * @param model - the snapshots model: the listed snapshot gives the time.
 * @param trans - the translations.
 * @param ref - a top hash, or {@link LIVE}.
 * @param rowId - the row named, if any (several rows can share a top hash).
 * @returns the side.
 */
export function snapshotSide(model: SnapshotsModel, trans: TranslationBundle, ref: string, rowId?: string): ISnapshotSide {
  return { ref, label: sideLabel(model, trans, ref, rowId) };
}

/** "snapshot 3f2a9c… · 12 Mar 14:02", or "live". */
function sideLabel(model: SnapshotsModel, trans: TranslationBundle, ref: string, rowId?: string): string {
  if (ref === LIVE) {
    return trans.__('live');
  }
  const info = rowFor(model, ref, rowId);
  const hash = `${ref.slice(0, 6)}…`;
  return info ? trans.__('snapshot %1 · %2', hash, formatShortDateTime(info.timestamp)) : trans.__('snapshot %1', hash);
}

/**
 * Sets up the comparison tabs.
 * @param app - the application.
 * @param options - the model and the services the tabs use.
 * @returns what opens and closes them.
 */
export function wireSnapshotDiffTabs(app: JupyterFrontEnd, options: ISnapshotTabsOptions): ISnapshotDiffTabs {
  const { model, trans, diffs, docManager } = options;
  /** Open comparison tabs by what they compare, so the same comparison reuses its tab. */
  const tabs = new Map<string, SnapshotDiffTab>();

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
      onOpenFile: change => void openContentDiff(request, change),
      // A review tab already offers its own restore in its banner.
      onRestore: banner
        ? undefined
        : side =>
            void app.commands.execute(CommandIDs.restoreSnapshot, {
              topHash: side.ref,
              connection: request.connection,
              bucket: request.bucket
            })
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
        throw new Error(trans.__('%1 is not pinned to a version.', displayKey(change.logicalKey)));
      }
      const name = location.key.slice(location.key.lastIndexOf('/') + 1);
      await openVersionDocument(
        docManager,
        { connection: request.connection, bucket: location.bucket, key: location.key, versionId: location.versionId },
        {
          label: `${displayKey(name)} @ ${shortSide(s)}`,
          caption: trans.__('%1 as in %2 (read-only)', formatS3Uri({ bucket: location.bucket, key: location.key }), s.label)
        }
      );
    } catch (err) {
      fail(trans.__('Cannot open %1', displayKey(change.logicalKey)))(err);
    }
  };

  /** Opens the content diff of one file of a comparison, each side pinned to its version. */
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
      fail(trans.__('Cannot compare %1', displayKey(change.logicalKey)))(err);
    }
  };

  return { openDiffTab, closeDiffTab: key => tabs.get(key)?.dispose() };
}
