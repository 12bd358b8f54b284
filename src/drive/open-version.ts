/**
 * Open one version of an object read-only in JupyterLab's own viewer, through the
 * `s3-version:` drive, with a tab title that says which version it is.
 */
import type { TranslationBundle } from '@jupyterlab/translation';
import type { IDocumentManager } from '@jupyterlab/docmanager';
import type { IDocumentWidget } from '@jupyterlab/docregistry';
import { IVersionLocation, VERSION_DRIVE_NAME, versionDrivePath } from './version-paths';
import { documentPathProblem } from './paths';

/** What the tab of a version says. */
export interface IVersionTitle {
  label: string;
  caption: string;
}

/** The title each open version tab must keep (JupyterLab renames tabs after the file). */
const titles = new WeakMap<IDocumentWidget, IVersionTitle>();

/** Puts back the title a version tab must show, when JupyterLab changed it. */
function keepTitle(widget: IDocumentWidget): void {
  const wanted = titles.get(widget);
  if (!wanted) {
    return;
  }
  if (widget.title.label !== wanted.label) {
    widget.title.label = wanted.label;
  }
  if (widget.title.caption !== wanted.caption) {
    widget.title.caption = wanted.caption;
  }
}

/**
 * Open (or reveal) a version read-only.
 * @param docManager - JupyterLab's document manager.
 * @param location - the object version.
 * @param title - the tab's label and caption.
 * @param trans - translations.
 * @returns the document widget, or undefined when JupyterLab could not open it.
 * @throws when the key cannot be a document path (see `documentPathProblem`).
 */
export async function openVersionDocument(
  docManager: IDocumentManager,
  location: IVersionLocation,
  title: IVersionTitle,
  trans: TranslationBundle
): Promise<IDocumentWidget | undefined> {
  // The version's path would be normalized by JupyterLab and name another object: refuse.
  const problem = documentPathProblem(location.key, trans);
  if (problem) {
    throw new Error(problem);
  }
  const widget = docManager.openOrReveal(`${VERSION_DRIVE_NAME}:${versionDrivePath(location)}`);
  if (!widget) {
    return undefined;
  }
  if (!titles.has(widget)) {
    // JupyterLab names document tabs after the file, and does so again when the context loads.
    widget.title.changed.connect(() => keepTitle(widget));
  }
  titles.set(widget, title);
  keepTitle(widget);
  widget.addClass('jp-helium-version-document');
  await widget.context.ready.catch(() => undefined);
  keepTitle(widget);
  // Text editors: make the read-only state visible as well as enforced on save.
  const editor = (widget.content as { editor?: { setOption?: (k: string, v: unknown) => void } }).editor;
  editor?.setOption?.('readOnly', true);
  return widget;
}
