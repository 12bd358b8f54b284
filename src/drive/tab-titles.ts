/**
 * Tabs of `s3:` documents say where the object is: the tooltip has its `s3://` URI, the
 * connection, and that the tab holds the latest version (Save writes a new one); when two open
 * documents share a file name, each label gets the end of its folder path that tells them apart
 * (`tab-labels.ts`). JupyterLab names tabs after the file and rewrites tooltips when a file
 * changes, so the titles are put back on every change.
 */
import type { DocumentRegistry, IDocumentWidget } from '@jupyterlab/docregistry';
import type { TranslationBundle } from '@jupyterlab/translation';
import { DRIVE_NAME } from '../tokens';
import { displayKey, formatS3Uri } from '../service/uri';
import { formatDateTime } from '../widgets/format';
import { baseName, parseDrivePath } from './paths';
import { tabLabels } from './tab-labels';

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
    const labels = tabLabels(
      locations.map(loc => ({
        name: displayKey(baseName(loc.key)),
        folders: [loc.connection, loc.bucket, ...loc.key.split('/').slice(0, -1)].map(displayKey)
      }))
    );
    this._applying = true;
    try {
      widgets.forEach((widget, i) => {
        const caption = this._caption(locations[i], widget.context);
        if (widget.title.label !== labels[i]) {
          widget.title.label = labels[i];
        }
        if (widget.title.caption !== caption) {
          widget.title.caption = caption;
        }
      });
    } finally {
      this._applying = false;
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
}

function isS3Path(path: string): boolean {
  return path.startsWith(`${DRIVE_NAME}:`);
}
