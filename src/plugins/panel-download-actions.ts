/**
 * The logic of *Download to /folder* from the S3 panel (and of dropping an object on the file
 * browser), apart from JupyterLab's dialogs: an object, or every object under a folder, into a
 * workspace folder as rows of the Transfers panel. It refuses a place outside the workspace or a
 * name the workspace would rewrite, asks before replacing a file (or merging into a folder), and
 * never runs two downloads to the same file at once.
 */
import type { Contents } from '@jupyterlab/services';
import type { TranslationBundle } from '@jupyterlab/translation';
import type { IHeliumConnections, ITransfer, ITransfers } from '../tokens';
import { IS3Object, IWorkspaceDownloadOptions, workspaceDownloadSpec, workspaceFolderDownloadSpecs } from '../models/uploads';
import { workspaceNameProblem } from '../models/workspace-names';
import type { SaveChunk } from '../models/contents-sink';
import type { ServerDownload } from '../models/server-download';
import { displayKey, formatS3Uri } from '../service/uri';
import type { IPanelUi } from './panel-actions';

/** An S3 folder: a prefix of a bucket of a connection. */
export interface IS3FolderSource {
  connection: string;
  bucket: string;
  prefix: string;
}

/** What {@link WorkspaceDownloads} works with. */
export interface IWorkspaceDownloadsOptions {
  connections: IHeliumConnections;
  /** Where the downloads run and show their progress. */
  transfers: ITransfers;
  /** The workspace (JupyterLab's Contents manager). */
  contents: Contents.IManager;
  /** Questions and messages. */
  ui: Pick<IPanelUi, 'confirm' | 'error'>;
  trans: TranslationBundle;
  /** Parts of one file in flight at once (a setting, read when a download starts). */
  partsInFlight: () => number;
  /** How chunks of the files are saved (default: the Contents manager's save). */
  saveChunk?: SaveChunk;
  /** The Jupyter server's own downloads into its workspace, tried first (see models/server-download.ts). */
  serverDownload?: ServerDownload;
}

/** Downloads from S3 into workspace folders. */
export class WorkspaceDownloads {
  constructor(private readonly _options: IWorkspaceDownloadsOptions) {}

  /**
   * Downloads an object into a workspace folder, asking before replacing a file there.
   * @param source - the object.
   * @param dir - the workspace folder ('' for the root).
   * @returns the transfer queued, or null when none was (refused, or the person said no).
   */
  async downloadObject(source: IS3Object, dir: string): Promise<ITransfer | null> {
    const { connections, transfers, contents, ui, trans } = this._options;
    const path = dir ? `${dir}/${source.name}` : source.name;
    if (contents.driveName(dir)) {
      await ui.error(
        trans.__('Cannot download here'),
        trans.__('The file browser shows "%1", which is not a folder of the workspace. Open a workspace folder first.', dir)
      );
      return null;
    }
    // Before anything else (even "does it exist?"): `dir/..` is the parent folder.
    const badName = workspaceNameProblem(source.name, dir, 'file', trans);
    if (badName) {
      await ui.error(trans.__('Cannot download %1 here', displayKey(source.name)), badName);
      return null;
    }
    if (this._downloading.has(path)) {
      await ui.error(trans.__('Already downloading'), trans.__('%1 is already being downloaded to /%2.', displayKey(source.name), dir));
      return null;
    }
    if (await exists(contents, path)) {
      const replace = await ui.confirm({
        title: trans.__('Replace %1?', displayKey(source.name)),
        body: trans.__('A file named "%1" already exists in /%2. Replace it with %3?', displayKey(source.name), dir, formatS3Uri(source)),
        accept: trans.__('Replace'),
        warn: true
      });
      if (!replace) {
        return null;
      }
    }
    const spec = workspaceDownloadSpec(connections, contents, source, dir, source.name, trans, this._downloadOptions());
    const task = spec.task;
    this._downloading.add(path);
    return transfers.add({
      ...spec,
      task: (onProgress, signal) => {
        this._downloading.add(path);
        return task(onProgress, signal).finally(() => this._downloading.delete(path));
      }
    });
  }

  /**
   * Downloads every object under an S3 folder into a workspace folder of the same name, asking
   * before writing into one that exists.
   * @param source - the S3 folder.
   * @param dir - the workspace folder that receives it ('' for the root).
   * @returns the folder's transfer, or null when none was queued.
   */
  async downloadFolder(source: IS3FolderSource, dir: string): Promise<ITransfer | null> {
    const { connections, transfers, contents, ui, trans } = this._options;
    const uri = formatS3Uri({ bucket: source.bucket, key: source.prefix });
    try {
      const { root, specs } = await workspaceFolderDownloadSpecs(connections, contents, source, dir, trans, this._downloadOptions());
      if (!specs.length) {
        await ui.error(trans.__('Nothing to download'), trans.__('%1 holds no objects.', uri));
        return null;
      }
      if (await exists(contents, root)) {
        const merge = await ui.confirm({
          title: trans.__('Download into the existing folder /%1?', root),
          body: trans.__('Files in it with the same names as objects under %1 will be replaced.', uri),
          accept: trans.__('Download'),
          warn: true
        });
        if (!merge) {
          return null;
        }
      }
      return transfers.addGroup({
        direction: 'download',
        label: `${root.split('/').pop()}/`,
        detail: `${uri} → /${root}`,
        destination: `/${root}/`,
        files: specs
      });
    } catch (err) {
      await ui.error(trans.__('Cannot download the folder'), (err as Error).message);
      return null;
    }
  }

  /** How a download starting now runs (the parts-in-flight setting is read at its start). */
  private _downloadOptions(): IWorkspaceDownloadOptions {
    const { partsInFlight, saveChunk, serverDownload } = this._options;
    return { partsInFlight: partsInFlight(), saveChunk, serverDownload };
  }

  /** Workspace paths being downloaded to: a second download to the same file is refused. */
  private readonly _downloading = new Set<string>();
}

/** Whether the workspace has a file or folder at a path. */
function exists(contents: Contents.IManager, path: string): Promise<boolean> {
  return contents.get(path, { content: false }).then(
    () => true,
    () => false
  );
}
