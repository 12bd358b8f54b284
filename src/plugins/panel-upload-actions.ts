/**
 * The logic of uploads from the S3 panel, apart from JupyterLab's dialogs: files dropped on the
 * panel or picked with its Upload button, and workspace files ("Upload to s3://…", or dragged
 * from the file browser), queued in the Transfers panel: one row per dropped folder (its files
 * inside), loose files as rows of their own, or one "N files" row when there are many.
 */
import type { Contents, ServerConnection } from '@jupyterlab/services';
import type { TranslationBundle } from '@jupyterlab/translation';
import type { IHeliumConnections, ITransfer, ITransfers, ITransferSpec } from '../tokens';
import { uploadReplacementQuestion, uploadReplacements } from '../models/upload-replacements';
import { blobUploadSpecs, IS3Folder, keyFor, workspaceFiles, workspaceUploadSpecs } from '../models/uploads';
import type { PartHasher } from '../models/part-hasher';
import { formatS3Uri } from '../service/uri';
import type { IDroppedFile } from '../widgets/dropFiles';
import type { IPanelUi } from './panel-actions';

/** More loose files than this in one upload show as a single row with the files inside. */
export const LOOSE_FILES_PER_ROW = 10;

/** What {@link PanelUploads} works with. */
export interface IPanelUploadsOptions {
  connections: IHeliumConnections;
  /** Where the uploads run and show their progress. */
  transfers: ITransfers;
  /** Messages, and the question asked before objects are replaced for good. */
  ui: Pick<IPanelUi, 'error' | 'confirm'>;
  trans: TranslationBundle;
  /** Parts of one file in flight at once (a setting, read when uploads are queued). */
  partsInFlight: () => number;
  /** Hashes the parts of files from the computer off the page's thread (none: on it). */
  partHasher?: PartHasher;
  /**
   * Says something is under way (a notification), until the returned function is called: shown
   * while looking for the objects an upload would replace takes longer than a moment.
   */
  busy?: (message: string) => () => void;
  /** How long the look may take before `busy` is told (ms; default 500). */
  busyAfterMs?: number;
}

/** How workspace files are read (JupyterLab's services). */
export interface IWorkspaceReader {
  contents: Contents.IManager;
  serverSettings: ServerConnection.ISettings;
  makeRequest: (url: string, init: RequestInit, settings: ServerConnection.ISettings) => Promise<Response>;
}

/** Uploads into an S3 folder. */
export class PanelUploads {
  constructor(private readonly _options: IPanelUploadsOptions) {}

  /**
   * Uploads files dropped on the panel (or picked) into a folder. A file that cannot be read or
   * whose key a person should not name becomes a failed row that says why; nothing is sent for it.
   * Where the bucket keeps no versions and objects would be replaced, the person is asked first.
   * @param folder - where they go (captured when the drop happened).
   * @param files - the files and their paths relative to what was dropped.
   * @returns the rows queued (none when the person said no).
   */
  async uploadFiles(folder: IS3Folder, files: IDroppedFile[]): Promise<ITransfer[]> {
    const { connections, ui, trans } = this._options;
    if (!files.length) {
      void ui.error(trans.__('Nothing to upload'), trans.__('The drop held no files (empty folders are not uploaded).'));
      return [];
    }
    const specs = blobUploadSpecs(
      connections,
      folder,
      files.map(f => ({ blob: f.file, relativePath: f.relativePath, contentType: f.file?.type, error: f.error })),
      trans,
      { partsInFlight: this._options.partsInFlight(), partHasher: this._options.partHasher }
    );
    if (
      !(await this._mayReplace(
        folder,
        files.filter(f => f.file).map(f => f.relativePath)
      ))
    ) {
      return [];
    }
    return this._queue(
      specs,
      files.map(f => f.relativePath),
      folder
    );
  }

  /**
   * Uploads workspace files and folders (their files, at any depth) into a folder.
   * @param folder - where they go.
   * @param paths - workspace paths.
   * @param reader - how the workspace is read.
   * @returns the rows queued (none after a message saying why).
   */
  async uploadWorkspacePaths(folder: IS3Folder, paths: string[], reader: IWorkspaceReader): Promise<ITransfer[]> {
    const { connections, ui, trans } = this._options;
    try {
      const files = (await Promise.all(paths.map(p => workspaceFiles(reader.contents, p, trans)))).flat();
      const specs = workspaceUploadSpecs(connections, reader.serverSettings, reader.makeRequest, folder, files, trans, {
        partsInFlight: this._options.partsInFlight()
      });
      if (
        !(await this._mayReplace(
          folder,
          files.map(f => f.relativePath)
        ))
      ) {
        return [];
      }
      return this._queue(
        specs,
        files.map(f => f.relativePath),
        folder
      );
    } catch (err) {
      await ui.error(trans.__('Cannot upload from the workspace'), (err as Error).message);
      return [];
    }
  }

  /**
   * Whether the upload may go ahead: yes unless it would replace objects for good (a bucket
   * without versions) and the person, asked, says no. A lookup that fails asks nothing: the
   * upload's own rows then say what S3 answers.
   * @param folder - where the files go.
   * @param paths - their paths relative to the folder (paths refused by their rows are left out).
   * @returns true to upload.
   */
  private async _mayReplace(folder: IS3Folder, paths: string[]): Promise<boolean> {
    const { connections, ui, trans } = this._options;
    const keys = paths.flatMap(path => {
      const target = keyFor(folder, path, trans);
      return 'key' in target ? [target.key] : [];
    });
    // Many files in a big folder take a few listings: say so, or the drop seems to do nothing.
    let done: (() => void) | undefined;
    const notice = setTimeout(() => {
      done = this._options.busy?.(
        trans.__('Looking for objects in %1 that the upload would replace…', formatS3Uri({ bucket: folder.bucket, key: folder.prefix }))
      );
    }, this._options.busyAfterMs ?? 500);
    let replaced;
    try {
      replaced = await uploadReplacements(connections, folder, keys);
    } catch {
      return true;
    } finally {
      clearTimeout(notice);
      done?.();
    }
    if (replaced.keys.length === 0) {
      return true;
    }
    return ui.confirm({ ...uploadReplacementQuestion(folder.bucket, replaced, trans), warn: true });
  }

  /** Queues uploads: a row per top folder, loose files one row each, or one row when many. */
  private _queue(specs: ITransferSpec[], paths: string[], folder: IS3Folder): ITransfer[] {
    const { transfers, trans } = this._options;
    const groups = new Map<string, ITransferSpec[]>();
    const loose: ITransferSpec[] = [];
    specs.forEach((spec, i) => {
      const slash = paths[i].indexOf('/');
      if (slash < 0) {
        loose.push(spec);
      } else {
        const top = paths[i].slice(0, slash);
        groups.set(top, [...(groups.get(top) ?? []), spec]);
      }
    });
    const rows: ITransfer[] = [];
    for (const [name, files] of groups) {
      rows.push(
        transfers.addGroup({
          direction: 'upload',
          label: `${name}/`,
          detail: `${name}/ → ${formatS3Uri({ bucket: folder.bucket, key: `${folder.prefix}${name}/` })}`,
          destination: formatS3Uri({ bucket: folder.bucket, key: `${folder.prefix}${name}/` }),
          files
        })
      );
    }
    if (loose.length > LOOSE_FILES_PER_ROW) {
      rows.push(
        transfers.addGroup({
          direction: 'upload',
          label: trans.__('%1 files', loose.length),
          detail: `→ ${formatS3Uri({ bucket: folder.bucket, key: folder.prefix })}`,
          destination: formatS3Uri({ bucket: folder.bucket, key: folder.prefix }),
          files: loose
        })
      );
    } else {
      rows.push(...loose.map(spec => transfers.add(spec)));
    }
    return rows;
  }
}
