/**
 * The `s3:` Contents drive: lets JupyterLab's own editors and viewers (notebooks, text, CSV, JSON,
 * images) open S3 objects, and makes every save a new object version.
 *
 * Paths are `s3:<connection>/<bucket>/<key>`. Listing a directory here is capped, because
 * JupyterLab's stock file browser renders every row; the side panel is the place to browse.
 */
import { type Contents, ServerConnection } from '@jupyterlab/services';
import type { TranslationBundle } from '@jupyterlab/translation';
import { DRIVE_NAME, IHeliumConnections } from '../tokens';
import { HeliumDrive } from './drive-base';
import { baseName, drivePath, parseDrivePath, IDriveLocation } from './paths';
import { base64ToBytes } from './encoding';
import { assertAddressable, contentsErrors } from './contents-errors';
import { copyEntry, deleteEntry, renameEntry } from './drive-moves';
import { assertNewKey, folderState } from './drive-entries';
import { directoryModel } from './drive-directory';
import { notebookText } from './notebook-text';
import { restoreVersionCheckpoint, versionCheckpoints } from './checkpoints';
import { mimeFor, NOTEBOOK_MIME, readObjectModel } from './object-model';
import { downloadUrl } from './download-url';
import { writeKeyProblem } from '../service/uri';
import { currentVersion, holdsBytes, holdsNotebook } from './unchanged-save';
import { type AskUnversionedSave, UnversionedSaveGuard } from './unversioned-save';
import { changedOnS3, ConditionalPuts, SeenEtags } from './conditional-save';
import { type Engine, loadEngine } from '../models/engine';

type Service = Engine;

export class S3Drive extends HeliumDrive implements Contents.IDrive {
  readonly name = DRIVE_NAME;

  /**
   * @param connections - the connections.
   * @param trans - the translation bundle.
   * @param serverSettings - Jupyter's server settings.
   * @param askUnversionedSave - asks before a save replaces an object in a bucket without versions.
   */
  constructor(
    connections: IHeliumConnections,
    trans: TranslationBundle,
    serverSettings?: ServerConnection.ISettings,
    askUnversionedSave?: AskUnversionedSave
  ) {
    super(connections, trans, serverSettings);
    this._unversioned = new UnversionedSaveGuard(askUnversionedSave);
  }

  private readonly _unversioned: UnversionedSaveGuard;
  /** What each path was last read or saved as: a save replaces only that (conditional-save.ts). */
  private readonly _seen = new SeenEtags();
  private readonly _puts = new ConditionalPuts();

  async get(localPath: string, options: Contents.IFetchOptions = {}): Promise<Contents.IModel> {
    return contentsErrors(() => this._get(localPath, options));
  }

  private async _get(localPath: string, options: Contents.IFetchOptions): Promise<Contents.IModel> {
    const loc = parseDrivePath(localPath);
    if (!loc.bucket || options.type === 'directory' || (!loc.key && !options.type)) {
      return directoryModel(this._connections, loc, options.content !== false);
    }
    const { lib, s3 } = await this._use(loc.connection);
    // A listing wanted (content, no type: what JupyterLab's file browser asks when it opens a
    // folder; documents always name their type) where S3 holds `a` and `a/…`: the folder.
    if (!options.type && options.content !== false && (await folderState(lib, s3, loc)).exists) {
      return directoryModel(this._connections, loc, true);
    }
    const request = { bucket: loc.bucket, key: loc.key, path: drivePath(loc.connection, loc.bucket, loc.key), writable: true };
    try {
      const model = await readObjectModel(lib, s3, request, options, this._trans);
      this._seen.set(loc, model.hash ?? undefined);
      return model;
    } catch (err) {
      if ((err as { kind?: string }).kind === 'NotFound') {
        this._seen.set(loc, undefined);
      }
      // No object with this key: it may be a folder ("prefix") if something is under it.
      // (Asked above already when content was wanted.)
      const folderUnasked = !options.type && options.content === false;
      if ((err as { kind?: string }).kind === 'NotFound' && folderUnasked && (await folderState(lib, s3, loc)).exists) {
        return directoryModel(this._connections, loc, options.content !== false);
      }
      throw err;
    }
  }

  async getDownloadUrl(localPath: string): Promise<string> {
    const loc = parseDrivePath(localPath);
    return downloadUrl(this._connections, loc);
  }

  newUntitled(options: Contents.ICreateOptions = {}): Promise<Contents.IModel> {
    return contentsErrors(() => this._newUntitled(options));
  }

  private async _newUntitled(options: Contents.ICreateOptions): Promise<Contents.IModel> {
    const dir = parseDrivePath(options.path ?? '');
    if (!dir.bucket) {
      throw new Error(this._trans.__('Choose a bucket before creating a file in it.'));
    }
    const type = options.type ?? 'file';
    const ext = type === 'notebook' ? '.ipynb' : type === 'directory' ? '' : (options.ext ?? '.txt');
    const stem = type === 'notebook' ? 'Untitled' : type === 'directory' ? 'Untitled Folder' : 'untitled';
    const { lib, s3 } = await this._use(dir.connection);
    const base = dir.key ? `${dir.key}/` : '';
    for (let i = 0; i < 1000; i++) {
      const name = `${stem}${i === 0 ? '' : i}${ext}`;
      const key = base + name + (type === 'directory' ? '/' : '');
      if (type === 'directory') {
        try {
          await lib.createFolder(s3, { bucket: dir.bucket, prefix: key });
        } catch (err) {
          if ((err as { kind?: string }).kind === 'Conflict') {
            continue;
          }
          throw err;
        }
      } else {
        const content = type === 'notebook' ? notebookText(EMPTY_NOTEBOOK) : '';
        try {
          // Only where nothing is (two tabs creating the same name): a 501 to the condition is
          // written plainly after a HEAD (conditional-save.ts).
          const write = { bucket: dir.bucket, key, body: content, contentType: mimeFor(name, 'text') };
          await this._puts.put(lib, s3, { ...dir, key }, write, { ifNoneMatch: '*' });
        } catch (err) {
          if ((err as { kind?: string }).kind === 'Conflict') {
            continue; // taken: try the next number
          }
          throw err;
        }
      }
      const model = await this.get(drivePath(dir.connection, dir.bucket, key), {
        content: false,
        type: type === 'directory' ? 'directory' : undefined
      });
      this._changed('new', null, model, dir, key);
      return model;
    }
    throw new Error(this._trans.__('Could not find a free "untitled" name in this folder.'));
  }

  delete(localPath: string): Promise<void> {
    return contentsErrors(() => this._delete(localPath));
  }

  private async _delete(localPath: string): Promise<void> {
    const loc = parseDrivePath(localPath);
    const { lib, s3 } = await this._use(loc.connection);
    assertAddressable(loc.key, this._trans);
    const kind = await deleteEntry({ lib, s3, trans: this._trans }, loc);
    this._changed('delete', { path: localPath }, null, loc, kind === 'folder' ? `${loc.key}/` : loc.key);
  }

  rename(oldLocalPath: string, newLocalPath: string): Promise<Contents.IModel> {
    return contentsErrors(() => this._rename(oldLocalPath, newLocalPath));
  }

  private async _rename(oldLocalPath: string, newLocalPath: string): Promise<Contents.IModel> {
    const from = parseDrivePath(oldLocalPath);
    const to = parseDrivePath(newLocalPath);
    if (from.connection !== to.connection) {
      throw new Error(this._trans.__('Moving objects between connections is not supported.'));
    }
    const { lib, s3 } = await this._use(from.connection);
    assertAddressable(from.key, this._trans);
    assertAddressable(to.key, this._trans);
    const problem = writeKeyProblem(to.key); // a name the person just typed
    if (problem) {
      throw new Error(problem);
    }
    // S3 has no rename: copy, then delete. In a versioned bucket the old keys keep their history.
    const kind = await renameEntry({ lib, s3, trans: this._trans }, from, to);
    const model = await this.get(newLocalPath, { content: false, type: kind === 'folder' ? 'directory' : undefined });
    const slash = kind === 'folder' ? '/' : '';
    this._changed('rename', { path: oldLocalPath }, model, to, to.key + slash);
    this._connections.notifyChanged({ connection: from.connection, bucket: from.bucket, key: from.key + slash, type: 'delete' });
    return model;
  }

  save(localPath: string, options: Partial<Contents.IModel> = {}): Promise<Contents.IModel> {
    return contentsErrors(() => this._save(localPath, options));
  }

  private async _save(localPath: string, options: Partial<Contents.IModel>): Promise<Contents.IModel> {
    const loc = parseDrivePath(localPath);
    if (!loc.bucket || !loc.key) {
      throw new Error(this._trans.__('Save into a bucket: the path must be s3:<connection>/<bucket>/<key>.'));
    }
    if ((options as { chunk?: number }).chunk !== undefined) {
      throw new Error(this._trans.__('Chunked uploads are not supported by the S3 drive; use the S3 panel to upload.'));
    }
    const { lib, s3 } = await this._use(loc.connection);
    const name = baseName(loc.key);
    let body: Uint8Array;
    if (options.type === 'directory') {
      await lib.createFolder(s3, { bucket: loc.bucket, prefix: loc.key + '/' });
      return this.get(localPath, { content: false, type: 'directory' });
    } else if (options.format === 'json' || options.type === 'notebook') {
      body = new TextEncoder().encode(notebookText(options.content));
    } else if (options.format === 'base64') {
      body = base64ToBytes(String(options.content ?? ''));
    } else {
      body = new TextEncoder().encode(String(options.content ?? ''));
    }
    const type = options.type === 'notebook' ? 'notebook' : 'file';
    // Saving unchanged content writes nothing: answer with the version that already holds it.
    const target = { bucket: loc.bucket, key: loc.key };
    const { version: current, denied } = await currentVersion(lib, s3, target);
    if (!current) {
      await assertNewKey(lib, s3, loc, this._trans);
    }
    const same =
      current &&
      ((await holdsBytes(lib, s3, target, current, body)) ??
        (type === 'notebook' ? await holdsNotebook(lib, s3, target, current, new TextDecoder().decode(body)) : undefined));
    if (same) {
      const model = await this._savedModel(lib, s3, loc, same, type);
      // No new version: the panel and the versions drawer have nothing to refresh.
      this._fileChanged.emit({ type: 'save', oldValue: null, newValue: model });
      return model;
    }
    // Someone wrote since this path was last read or saved here: never supersede that unseen.
    const seen = this._seen.get(loc);
    if (current && seen && current.etag !== seen) {
      throw changedOnS3(loc, this._trans);
    }
    if (current) {
      await this._unversioned.check(lib, s3, loc);
    }
    const write = {
      bucket: loc.bucket,
      key: loc.key,
      body,
      contentType: options.type === 'notebook' ? NOTEBOOK_MIME : mimeFor(name, options.format ?? 'text'),
      // A new version of the same object keeps its metadata (T4's `helium` header among it).
      userMetadata: current?.userMetadata
    };
    // …nor what is written between the HEAD above and this PUT.
    // (A writer who may not HEAD cannot know what is there: written as before, unconditionally.)
    const condition = current ? { ifMatch: current.etag } : denied ? undefined : { ifNoneMatch: '*' as const };
    const put = await this._puts.put(lib, s3, loc, write, condition).catch(err => {
      throw lib.isHeliumError(err, 'Conflict') ? changedOnS3(loc, this._trans) : err;
    });
    const model = await this._savedModel(lib, s3, loc, put, type);
    this._changed('save', null, model, loc, loc.key);
    return model;
  }

  /** The model of the version a save wrote or found (pinned: not a newer one someone wrote since). */
  private async _savedModel(
    lib: Service,
    s3: Awaited<ReturnType<IHeliumConnections['client']>>,
    loc: IDriveLocation,
    version: { versionId?: string; etag: string },
    type: 'notebook' | 'file'
  ): Promise<Contents.IModel> {
    const path = drivePath(loc.connection, loc.bucket, loc.key);
    const request = { bucket: loc.bucket, key: loc.key, versionId: version.versionId, path, writable: true };
    const model = await readObjectModel(lib, s3, request, { content: false, type }, this._trans);
    this._seen.set(loc, version.etag);
    return model;
  }

  copy(localPath: string, toLocalDir: string): Promise<Contents.IModel> {
    return contentsErrors(() => this._copy(localPath, toLocalDir));
  }

  private async _copy(localPath: string, toLocalDir: string): Promise<Contents.IModel> {
    const from = parseDrivePath(localPath);
    const dir = parseDrivePath(toLocalDir);
    const { lib, s3 } = await this._use(from.connection);
    assertAddressable(from.key, this._trans);
    const { key, kind } = await copyEntry({ lib, s3, trans: this._trans }, from, dir);
    const type = kind === 'folder' ? 'directory' : undefined;
    const model = await this.get(drivePath(dir.connection, dir.bucket, key), { content: false, type });
    this._changed('new', null, model, dir, kind === 'folder' ? `${key}/` : key);
    return model;
  }

  // Checkpoints are the object's versions (checkpoints.ts).
  createCheckpoint(localPath: string): Promise<Contents.ICheckpointModel> {
    return contentsErrors(async () => {
      const model = await this.get(localPath, { content: false });
      const [last] = (await this.listCheckpoints(localPath)).slice(-1);
      return last ?? { id: 'null', last_modified: model.last_modified };
    });
  }

  listCheckpoints(localPath: string): Promise<Contents.ICheckpointModel[]> {
    return contentsErrors(async () => {
      const loc = parseDrivePath(localPath);
      const { lib, s3 } = await this._use(loc.connection);
      return versionCheckpoints(lib, s3, loc);
    });
  }

  restoreCheckpoint(localPath: string, checkpointID: string): Promise<void> {
    return contentsErrors(async () => {
      const loc = parseDrivePath(localPath);
      const { lib, s3 } = await this._use(loc.connection);
      assertAddressable(loc.key, this._trans);
      if (await restoreVersionCheckpoint(lib, s3, loc, checkpointID)) {
        const model = await this.get(localPath, { content: false });
        this._changed('save', null, model, loc, loc.key);
      }
    });
  }

  /** Never deletes anything: a checkpoint is a version, and versions are history. */
  async deleteCheckpoint(): Promise<void> {
    return;
  }

  private async _use(connection: string): Promise<{ lib: Service; s3: Awaited<ReturnType<IHeliumConnections['client']>> }> {
    if (!connection) {
      throw new Error(this._trans.__('This S3 path has no connection name: expected s3:<connection>/<bucket>/<key>.'));
    }
    const [lib, s3] = await Promise.all([loadEngine(), this._connections.client(connection)]);
    return { lib, s3 };
  }

  private _changed(
    type: Contents.IChangedArgs['type'],
    oldValue: Partial<Contents.IModel> | null,
    newValue: Partial<Contents.IModel> | null,
    loc: IDriveLocation,
    key: string
  ): void {
    this._fileChanged.emit({ type, oldValue, newValue });
    this._connections.notifyChanged({
      connection: loc.connection,
      bucket: loc.bucket,
      key,
      type: type === 'delete' ? 'delete' : 'put'
    });
  }
}

const EMPTY_NOTEBOOK = {
  cells: [],
  metadata: {
    kernelspec: { display_name: 'Python 3 (ipykernel)', language: 'python', name: 'python3' },
    language_info: { name: 'python' }
  },
  nbformat: 4,
  nbformat_minor: 5
};
