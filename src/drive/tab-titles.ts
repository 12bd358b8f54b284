/**
 * Tabs of `s3:` documents say where the object is: the tooltip has its `s3://` URI, the
 * connection, and that the tab holds the latest version (Save writes a new one); when two open
 * documents share a file name, each tab shows the end of its folder path that tells them apart
 * (`tab-labels.ts`). JupyterLab rewrites tooltips when a file changes, so they are put back on
 * every change.
 *
 * The hint never goes into `title.label`: a document widget takes a new label as the user
 * renaming the file, and would move the S3 object to "storms.csv — raw". It goes into the
 * title's dataset instead (Lumino renders it as `data-helium-hint` on the tab), and a style
 * element of ours shows it after the label: one rule per hint, since CSS `attr()` reads only the
 * element that owns the pseudo-element (the label, not the tab), and the tab's own `::before`
 * and `::after` are JupyterLab's.
 */
import type { DocumentRegistry, IDocumentWidget } from '@jupyterlab/docregistry';
import type { TranslationBundle } from '@jupyterlab/translation';
import { DRIVE_NAME } from '../tokens';
import { displayKey, formatS3Uri } from '../service/uri';
import { formatDateTime } from '../service/format';
import { baseName, parseDrivePath } from './paths';
import { tabHints } from './tab-labels';

/** The tab attribute (`data-helium-hint`) whose value is shown after the label. */
const HINT_KEY = 'helium-hint';

/** Keeps the labels and tooltips of the open `s3:` document tabs. */
export class S3TabTitles {
  constructor(private readonly _trans: TranslationBundle) {}

  /**
   * Starts keeping a document's title, if it is an `s3:` document.
   * @param widget - a document widget just opened.
   */
  track(widget: IDocumentWidget): void {
    if (!isS3Path(widget.context.path) || this._widgets.has(widget)) {
      return;
    }
    this._widgets.add(widget);
    widget.title.changed.connect(this._update, this);
    widget.context.pathChanged.connect(this._update, this);
    widget.context.fileChanged.connect(this._update, this);
    widget.disposed.connect(() => {
      this._widgets.delete(widget);
      this._update();
    });
    this._update();
  }

  private _update(): void {
    if (this._applying) {
      return; // our own changes to the titles
    }
    const widgets = [...this._widgets].filter(w => !w.isDisposed && isS3Path(w.context.path));
    const locations = widgets.map(w => parseDrivePath(w.context.path.slice(DRIVE_NAME.length + 1)));
    const hints = tabHints(
      locations.map(loc => ({
        name: displayKey(baseName(loc.key)),
        folders: [loc.connection, loc.bucket, ...loc.key.split('/').slice(0, -1)].map(displayKey)
      }))
    );
    this._applying = true;
    try {
      widgets.forEach((widget, i) => {
        const caption = this._caption(locations[i], widget.context);
        const { [HINT_KEY]: shown, ...rest } = widget.title.dataset;
        if ((shown ?? '') !== hints[i]) {
          widget.title.dataset = hints[i] ? { ...rest, [HINT_KEY]: hints[i] } : rest;
        }
        if (widget.title.caption !== caption) {
          widget.title.caption = caption;
        }
      });
    } finally {
      this._applying = false;
    }
    this._showHints(hints.filter(Boolean));
  }

  /** Rules that show each hint after the label of the tabs that carry it. */
  private _showHints(hints: string[]): void {
    const css = [...new Set(hints)]
      .map(hint => `.lm-TabBar-tab[data-${HINT_KEY}=${cssString(hint)}] .lm-TabBar-tabLabel::after { content: ${cssString(`— ${hint}`)}; }`)
      .join('\n');
    if (!this._style) {
      if (!css) {
        return;
      }
      this._style = document.createElement('style');
      this._style.dataset.heliumTabHints = '';
      document.head.appendChild(this._style);
    }
    if (this._style.textContent !== css) {
      this._style.textContent = css;
    }
  }

  private _caption(loc: ReturnType<typeof parseDrivePath>, context: DocumentRegistry.Context): string {
    const lines = [
      formatS3Uri({ bucket: loc.bucket, key: loc.key }),
      this._trans.__('Connection %1 · the latest version (Save writes a new one)', loc.connection)
    ];
    const modified = context.contentsModel?.last_modified;
    if (modified) {
      lines.push(this._trans.__('Last modified %1', formatDateTime(new Date(modified))));
    }
    return lines.join('\n');
  }

  private _widgets = new Set<IDocumentWidget>();
  private _applying = false;
  private _style: HTMLStyleElement | null = null;
}

/** A quoted CSS string holding `text` as it is. */
function cssString(text: string): string {
  return `"${text.replace(/[\\"]/g, '\\$&').replace(/\n/g, '\\a ')}"`;
}

function isS3Path(path: string): boolean {
  return path.startsWith(`${DRIVE_NAME}:`);
}
