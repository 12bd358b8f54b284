/**
 * The `s3-version:` Contents drive: opens an old version of an object read-only in JupyterLab's
 * own viewers (the model says `writable: false`, so JupyterLab shows its read-only badge and
 * offers Save As instead of Save). Every write is refused with a message saying what to do.
 */
import type { Contents } from '@jupyterlab/services';
import { HeliumDrive } from './drive-base';
import { contentsErrors, invalidInput } from './contents-errors';
import { readObjectModel } from './object-model';
import { downloadUrl } from './download-url';
import { parseVersionDrivePath, VERSION_DRIVE_NAME, versionDrivePath } from './version-paths';
import { loadEngine } from '../models/engine';

export class VersionDrive extends HeliumDrive implements Contents.IDrive {
  readonly name = VERSION_DRIVE_NAME;

  get(localPath: string, options: Contents.IFetchOptions = {}): Promise<Contents.IModel> {
    return contentsErrors(async () => {
      const loc = parseVersionDrivePath(localPath);
      if (!loc) {
        throw invalidInput(this._trans.__('"%1" does not name a version of an S3 object.', localPath));
      }
      const [lib, s3] = await Promise.all([loadEngine(), this._connections.client(loc.connection)]);
      return readObjectModel(lib, s3, { ...loc, path: versionDrivePath(loc), writable: false }, options, this._trans);
    });
  }

  async getDownloadUrl(localPath: string): Promise<string> {
    const loc = parseVersionDrivePath(localPath);
    if (!loc) {
      throw new Error(this._trans.__('"%1" does not name a version of an S3 object.', localPath));
    }
    return downloadUrl(this._connections, loc);
  }

  newUntitled(): Promise<Contents.IModel> {
    return this._refuse();
  }
  delete(): Promise<void> {
    return this._refuse();
  }
  rename(): Promise<Contents.IModel> {
    return this._refuse();
  }
  save(): Promise<Contents.IModel> {
    return this._refuse();
  }
  copy(): Promise<Contents.IModel> {
    return this._refuse();
  }
  async createCheckpoint(): Promise<Contents.ICheckpointModel> {
    return this._refuse();
  }
  async listCheckpoints(): Promise<Contents.ICheckpointModel[]> {
    return [];
  }
  restoreCheckpoint(): Promise<void> {
    return this._refuse();
  }
  async deleteCheckpoint(): Promise<void> {
    return;
  }

  private _refuse<T>(): Promise<T> {
    return contentsErrors(() =>
      Promise.reject(
        invalidInput(
          this._trans.__(
            'This is an old version of an S3 object, and history is never rewritten. Use "Restore this version" in the version history to make it current, or File → Save As… to keep a copy elsewhere.'
          )
        )
      )
    );
  }
}
