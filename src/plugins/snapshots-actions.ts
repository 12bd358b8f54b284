/**
 * What the snapshot commands do, apart from JupyterLab: snapshot a folder, open a comparison,
 * copy a hash or a quilt3 snippet, and find what opening one file of a comparison shows. Each
 * takes the snapshots model and small UI callbacks (a dialog, the clipboard, a notification), so
 * the commands in `snapshots-commands.ts` and `snapshots-tabs.ts` only wire JupyterLab to them
 * and tests run them against a real S3.
 */
import type { ReadonlyPartialJSONObject } from '@lumino/coreutils';
import type { TranslationBundle } from '@jupyterlab/translation';
import type { EntryChange, ManifestEntry } from '../service/snapshots/types';
import type { IDiffSide } from '../tokens';
import { argsTarget, ISnapshotTarget, LIVE, shortHash, snapshotRowId, targetUri } from '../models/snapshot-target';
import type { ISnapshotDiffRequest, ISnapshotSide, SnapshotDiffModel } from '../models/snapshot-diff';
import type { SnapshotRunResult } from '../models/snapshot-requests';
import type { SnapshotsModel } from '../models/snapshots';
import type { ISnapshotDialogOptions } from '../widgets/snapshot-dialog';
import { displayKey, formatS3Uri } from '../service/uri';
import { rowFor, snapshotArg, str } from './snapshots-args';
import { snapshotSide } from './snapshots-side';

/** Reports what stopped a command: a title and the error. */
export type FailReport = (title: string, error: unknown) => void;

/** What {@link snapshotFolder} asks of the UI. */
export interface ISnapshotFolderUI {
  /** The form → progress → result flow; the result, or null when the user cancelled. */
  dialog(options: Omit<ISnapshotDialogOptions<SnapshotRunResult>, 'trans'>): Promise<SnapshotRunResult | null>;
  fail: FailReport;
}

/**
 * Snapshot a folder: fix the folder now (the panels may move on while the dialog is open), fill
 * the form with the default package name and its checks, take the snapshot the user confirms,
 * and select its row in the snapshots panel.
 * @param model - the snapshots model.
 * @param found - the folder the command resolved.
 * @param trans - translations.
 * @param ui - the dialog and how failures are shown.
 * @returns the snapshot taken, or null.
 */
export async function snapshotFolder(
  model: SnapshotsModel,
  found: ISnapshotTarget,
  trans: TranslationBundle,
  ui: ISnapshotFolderUI
): Promise<SnapshotRunResult | null> {
  const task = model.snapshotTask(found);
  const { target } = task;
  const uri = targetUri(target);
  let rules: Awaited<ReturnType<SnapshotsModel['requests']['formRules']>>;
  let workflows: Awaited<ReturnType<SnapshotsModel['requests']['workflows']>>;
  try {
    [rules, workflows] = await Promise.all([model.requests.formRules(target), model.requests.workflows(target)]);
  } catch (err) {
    ui.fail(trans.__('Cannot snapshot %1', uri), err);
    return null;
  }
  // Lineage is offered (unchecked: the notebook's path goes into the package) when a notebook is open.
  const lineage = model.lineage;
  const lineageNotebook = lineage?.notebook() ?? undefined;
  const result = await ui.dialog({
    uri,
    bucket: target.bucket,
    initial: {
      message: '',
      name: rules.defaultName,
      metaText: '',
      ...(lineageNotebook ? { lineage: false } : {}),
      // The config's default, else none where none is required, else '' (the person must choose).
      ...(workflows ? { workflow: workflows.defaultWorkflow ?? (workflows.required ? '' : null) } : {})
    },
    checks: {
      name: (name, workflow) => rules.name(name) ?? (workflows ? workflows.nameProblem(name, workflow ?? null) : null),
      meta: rules.meta
    },
    lineageNotebook,
    workflows,
    run: async (values, signal, onProgress) => {
      const typed = rules.parseMeta(values.metaText);
      const meta = values.lineage && lineage ? await lineage.meta(typed) : typed;
      const workflow = values.workflow === undefined ? {} : { workflow: values.workflow };
      return task.run({ message: values.message, name: values.name, meta: meta as typeof typed, ...workflow, signal, onProgress });
    },
    snippet: r => model.requests.quiltSnippet(target.connection, { name: r.name, bucket: target.bucket, topHash: r.topHash })
  });
  if (result) {
    // Show it in the snapshots panel when that panel is on this folder (or shows inner ones).
    model.select(snapshotRowId(result));
  }
  return result;
}

/** Computes a comparison tab's diff. */
export type DiffRun = ConstructorParameters<typeof SnapshotDiffModel>[1];

/** What {@link compareSnapshots} asks of the UI. */
export interface ICompareUI {
  /** Say why nothing is compared. */
  error(title: string, message: string): Promise<void> | void;
  /** Open (or bring back) the comparison tab. */
  open(request: ISnapshotDiffRequest, run: DiffRun): void;
}

/**
 * Compare the two sides named in the args (`left`, `right`, `leftRow`, `rightRow`, and a folder
 * to compare live), else the two rows ticked in the snapshots panel.
 * @param model - the snapshots model.
 * @param args - the command's args.
 * @param trans - translations.
 * @param ui - where problems are said and the tab is opened.
 * @returns the comparison opened, or null.
 */
export async function compareSnapshots(
  model: SnapshotsModel,
  args: ReadonlyPartialJSONObject,
  trans: TranslationBundle,
  ui: ICompareUI
): Promise<ISnapshotDiffRequest | null> {
  const target = argsTarget(args) ?? model.target;
  let left = str(args.left);
  let right = str(args.right);
  let leftRow = str(args.leftRow);
  let rightRow = str(args.rightRow);
  if (!left || !right) {
    const rows = model.compareRows;
    const pair = model.comparePair;
    if (!pair || !rows) {
      await ui.error(
        trans.__('Nothing to compare'),
        trans.__('Tick two snapshots, or one snapshot and the live folder, in the S3 Snapshots panel.')
      );
      return null;
    }
    [left, right] = pair;
    [leftRow, rightRow] = rows;
  }
  if (!target) {
    return null;
  }
  if (left === LIVE && right === LIVE) {
    await ui.error(trans.__('Nothing to compare'), trans.__('Pick at least one snapshot to compare with the live folder.'));
    return null;
  }
  // The live side is the folder the snapshot was taken of (the panel may list snapshots of
  // a folder containing the one on screen). The engine tells it from the whole manifest: the
  // listing's folder may be a guess from the manifest's first part, so it is never passed
  // on. Only a folder named in the args is (e.g. by the restore review tab, from its plan).
  const snapshot = left === LIVE ? rowFor(model, right, rightRow) : rowFor(model, left, leftRow);
  const liveFolder = argsTarget(args)?.folder;
  const request: ISnapshotDiffRequest = {
    connection: target.connection,
    bucket: target.bucket,
    // What the tab shows and is keyed by, not what is read.
    folder: liveFolder ?? snapshot?.folder ?? target.folder,
    left: snapshotSide(model, trans, left, leftRow),
    right: snapshotSide(model, trans, right, rightRow)
  };
  ui.open(request, (req, options) => model.diff(req, liveFolder, req.left.ref, req.right.ref, options));
  return request;
}

/** The clipboard and a short notification. */
export interface ICopyUI {
  copy(text: string): void;
  notify(message: string): void;
}

/**
 * Copy the top hash of the snapshot named in the args (`topHash`), else of the selected one.
 * @param model - the snapshots model.
 * @param args - the command's args.
 * @param trans - translations.
 * @param ui - the clipboard and the notification.
 * @returns the hash copied, or null when there is none.
 */
export function copySnapshotHash(
  model: SnapshotsModel,
  args: ReadonlyPartialJSONObject,
  trans: TranslationBundle,
  ui: ICopyUI
): string | null {
  const topHash = str(args.topHash) ?? model.selected?.topHash;
  if (!topHash) {
    return null;
  }
  ui.copy(topHash);
  ui.notify(trans.__('Top hash %1 copied.', shortHash(topHash)));
  return topHash;
}

/**
 * Copy the quilt3 snippet of the snapshot named in the args (`topHash`, `row`), else of the
 * selected one. It needs the package's name and bucket: a snapshot the panel lists, on the
 * panel's connection.
 * @param model - the snapshots model.
 * @param args - the command's args.
 * @param trans - translations.
 * @param ui - the clipboard and the notification.
 * @returns the snippet copied, or null when there is no such snapshot.
 */
export async function copySnapshotSnippet(
  model: SnapshotsModel,
  args: ReadonlyPartialJSONObject,
  trans: TranslationBundle,
  ui: ICopyUI
): Promise<string | null> {
  const s = snapshotArg(model, args);
  const target = model.target;
  if (!s || !target) {
    return null;
  }
  const snippet = await model.requests.quiltSnippet(target.connection, s);
  ui.copy(snippet);
  ui.notify(trans.__('quilt3 snippet copied (it uses your own AWS credentials).'));
  return snippet;
}

/** What opening one file of a comparison shows. */
export type ComparedFileView =
  /** Its content diff, each side pinned to its version (the live side: the current version). */
  | { kind: 'diff'; left: IDiffSide; right: IDiffSide }
  /** The one version an added or deleted file has, read-only. */
  | {
      kind: 'version';
      version: { connection: string; bucket: string; key: string; versionId: string };
      label: string;
      caption: string;
    };

/**
 * What a click on a file of a comparison opens: the content diff of a file on both sides, else
 * the one version an added or deleted file has. Throws the engine's message for keys that are
 * not S3 objects (quilt3's `file://`) and says so for a version that is not pinned.
 * @param model - the snapshots model.
 * @param request - the comparison.
 * @param change - the file's change.
 * @param trans - translations.
 * @returns what to open.
 */
export async function comparedFileView(
  model: SnapshotsModel,
  request: ISnapshotDiffRequest,
  change: EntryChange,
  trans: TranslationBundle
): Promise<ComparedFileView> {
  if (change.left && change.right) {
    const toSide = async (entry: ManifestEntry, s: ISnapshotSide): Promise<IDiffSide> => {
      const location = await model.requests.locate(entry);
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
    return { kind: 'diff', left: await toSide(change.left, request.left), right: await toSide(change.right, request.right) };
  }
  const entry = (change.right ?? change.left)!;
  const s = change.right ? request.right : request.left;
  const location = await model.requests.locate(entry);
  if (!location.versionId) {
    throw new Error(trans.__('%1 is not pinned to a version.', displayKey(change.logicalKey)));
  }
  const name = location.key.slice(location.key.lastIndexOf('/') + 1);
  return {
    kind: 'version',
    version: { connection: request.connection, bucket: location.bucket, key: location.key, versionId: location.versionId },
    label: `${displayKey(name)} @ ${shortSideLabel(s, trans)}`,
    caption: trans.__('%1 as in %2 (read-only)', formatS3Uri({ bucket: location.bucket, key: location.key }), s.label)
  };
}

/**
 * A side in a tab's title: "live", or the first 8 characters of its top hash.
 * @param s - the side.
 * @param trans - translations.
 * @returns the label.
 */
export function shortSideLabel(s: ISnapshotSide, trans: TranslationBundle): string {
  return s.ref === LIVE ? trans.__('live') : s.ref.slice(0, 8);
}
