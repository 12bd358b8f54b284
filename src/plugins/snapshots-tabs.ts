/**
 * The comparison tabs of the snapshots plugin (part of the plugin in `snapshots.ts`, not a plugin
 * of its own): one tab per comparison (an identical comparison reuses its tab), and opening one
 * file of a comparison: its content diff, or the one version an added or deleted file has (what
 * to open is worked out by `comparedFileView` in `snapshots-actions.ts`).
 */
import { JupyterFrontEnd } from '@jupyterlab/application';
import { MainAreaWidget, showErrorMessage } from '@jupyterlab/apputils';
import { IDocumentManager } from '@jupyterlab/docmanager';
import type { TranslationBundle } from '@jupyterlab/translation';
import type { EntryChange } from '../service/snapshots/types';
import { openVersionDocument } from '../drive/open-version';
import { CommandIDs, IDiffProviders } from '../tokens';
import { LIVE, targetUri } from '../models/snapshot-target';
import { displayKey } from '../service/uri';
import { diffRequestKey, ISnapshotDiffRequest, ISnapshotSide, SnapshotDiffModel } from '../models/snapshot-diff';
import type { SnapshotsModel } from '../models/snapshots';
import { ISnapshotDiffViewOptions, SnapshotDiffView } from '../widgets/snapshot-diff';
import { snapshotIcon } from '../widgets/icons';
import { fail } from './snapshots-report';
import { comparedFileView, shortSideLabel } from './snapshots-actions';

/** A comparison tab. */
export type SnapshotDiffTab = MainAreaWidget<SnapshotDiffView>;

let nextTabId = 0;

/** What the comparison tabs work with. */
export interface ISnapshotTabsOptions {
  /** The snapshots model: the listed snapshots, and where a file's version lives. */
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
 * Sets up the comparison tabs.
 * @param app - the application.
 * @param options - the model and the services the tabs use.
 * @returns what opens and closes them.
 */
export function wireSnapshotDiffTabs(app: JupyterFrontEnd, options: ISnapshotTabsOptions): ISnapshotDiffTabs {
  const { model, trans, diffs, docManager } = options;
  /** Open comparison tabs by what they compare, so the same comparison reuses its tab. */
  const tabs = new Map<string, SnapshotDiffTab>();

  const shortSide = (s: ISnapshotSide) => shortSideLabel(s, trans);
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

  /**
   * Opens one file of a comparison: its content diff (each side pinned to its version), or the
   * one version an added or deleted file has, read-only in JupyterLab's viewer.
   */
  const openContentDiff = async (request: ISnapshotDiffRequest, change: EntryChange) => {
    if (!diffs) {
      await showErrorMessage(trans.__('Cannot compare contents'), trans.__('The diff tab of jupyterlab-helium is not available.'));
      return;
    }
    const oneSide = !change.left || !change.right;
    if (oneSide && !docManager) {
      return;
    }
    try {
      const view = await comparedFileView(model, request, change, trans);
      if (view.kind === 'diff') {
        await diffs.open({ left: view.left, right: view.right });
      } else {
        await openVersionDocument(docManager!, view.version, { label: view.label, caption: view.caption }, trans);
      }
    } catch (err) {
      fail(
        oneSide ? trans.__('Cannot open %1', displayKey(change.logicalKey)) : trans.__('Cannot compare %1', displayKey(change.logicalKey))
      )(err);
    }
  };

  return { openDiffTab, closeDiffTab: key => tabs.get(key)?.dispose() };
}
