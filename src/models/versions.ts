/**
 * The version history model: the versions of one object, loaded a page at a time, which of them
 * is selected, its metadata, and the actions on versions (restore, undelete, delete one version).
 * The drawer renders it; it never talks to S3 itself.
 */
import { Signal } from '@lumino/signaling';
import type { TranslationBundle } from '@jupyterlab/translation';
import type { IHeliumConnections, IObjectChange } from '../tokens';
import type { ObjectMetadata, ObjectVersion, VersioningState } from '../service';
import { HELIUM_METADATA_KEY } from '../service/values/header';
import { type Engine, loadEngine } from './engine';
import { IMetadataEdit, readMetadataForEdit } from './versions-metadata';

/** The object whose history is shown. */
export interface IVersionTarget {
  connection: string;
  bucket: string;
  key: string;
}

/** Versions asked for per request (S3's maximum page). */
const PAGE_SIZE = 1000;

export class VersionsModel {
  /**
   * @param connections - the connections versions are read through.
   * @param trans - translations, for the messages this model makes (the engine's pass as they are).
   */
  constructor(connections: IHeliumConnections, trans: TranslationBundle) {
    this._connections = connections;
    this._trans = trans;
    connections.objectsChanged.connect(this._onObjectsChanged, this);
  }

  /** Emitted whenever anything visible changes. */
  readonly changed = new Signal<this, void>(this);

  get target(): IVersionTarget | null {
    return this._target;
  }
  /** Versions and delete markers loaded so far, newest first. */
  get versions(): readonly ObjectVersion[] {
    return this._versions;
  }
  get loading(): boolean {
    return this._loading;
  }
  get hasMore(): boolean {
    return this._pages !== null;
  }
  /** What went wrong loading the history, for a person. */
  get error(): string | null {
    return this._error;
  }
  /** The bucket's versioning state, once known. */
  get versioning(): VersioningState | null {
    return this._versioning;
  }
  /** A plain sentence when the bucket does not keep versions (or keeps them no longer). */
  get versioningNotice(): string | null {
    return this._versioning && this._target && this._lib ? this._lib.versioningNotice(this._versioning, this._target.bucket) : null;
  }
  /** The version whose details are shown. */
  get selected(): ObjectVersion | null {
    return this._versions.find(v => v.versionId === this._selectedId) ?? null;
  }
  /** Versions ticked for comparison (at most two, oldest first). */
  get compareSelection(): readonly ObjectVersion[] {
    return this._versions.filter(v => this._compare.has(v.versionId)).reverse();
  }
  /** The newest version that is not a delete marker. */
  get latestContent(): ObjectVersion | null {
    return this._versions.find(v => !v.isDeleteMarker) ?? null;
  }
  /** Whether the object is deleted: its newest version is a delete marker. */
  get isDeleted(): boolean {
    return this._versions[0]?.isDeleteMarker === true && this._versions[0].isLatest;
  }
  /** Metadata of the selected version, once loaded. */
  get metadata(): ObjectMetadata | null {
    return this._metadata;
  }
  get metadataError(): string | null {
    return this._metadataError;
  }
  /**
   * The selected version's T4 `user_meta` as the drawer shows it: indented JSON with numbers as
   * stored (`12345678901234567890` stays whole, `1.0` stays `1.0`, as the metadata editor and
   * `helium meta` show them), read from the header itself; null when it has none or is not loaded.
   */
  get userMetaText(): string | null {
    const meta = this._metadata;
    if (!meta || meta.helium?.user_meta === undefined || !this._lib) {
      return null;
    }
    if (this._userMetaText?.of !== meta) {
      this._userMetaText = { of: meta, text: this._lib.userMetaEditText(meta.info.userMetadata[HELIUM_METADATA_KEY]) };
    }
    return this._userMetaText.text;
  }

  /**
   * Show the history of an object (or nothing). Responses for an earlier target are dropped.
   * @param target - the object, or null.
   */
  async show(target: IVersionTarget | null): Promise<void> {
    const same =
      target &&
      this._target &&
      target.connection === this._target.connection &&
      target.bucket === this._target.bucket &&
      target.key === this._target.key;
    if (same) {
      return;
    }
    this._target = target;
    await this.refresh();
  }

  /** Reload the history of the current object from the start. */
  async refresh(): Promise<void> {
    const generation = ++this._generation;
    this._versions = [];
    this._pages = null;
    this._error = null;
    this._versioning = null;
    this._compare.clear();
    this._metadata = null;
    this._metadataError = null;
    const target = this._target;
    if (!target) {
      this._selectedId = null;
      this.changed.emit();
      return;
    }
    this._loading = true;
    this.changed.emit();
    try {
      const lib = (this._lib ??= await loadEngine());
      const s3 = await this._connections.client(target.connection);
      if (generation !== this._generation) {
        return;
      }
      this._pages = lib.listVersionPages(s3, { bucket: target.bucket, key: target.key, pageSize: PAGE_SIZE });
      void lib
        .getBucketVersioning(s3, target.bucket)
        .then(state => {
          if (generation === this._generation) {
            this._versioning = state;
            this.changed.emit();
          }
        })
        .catch(() => undefined); // needs s3:GetBucketVersioning; the history still shows
      this._loading = false;
      await this.loadMore(generation);
      if (generation === this._generation) {
        if (!this.selected) {
          this._selectedId = this._versions[0]?.versionId ?? null;
        }
        // Also when the same version stays selected (after a restore or a metadata write).
        void this._loadMetadata(generation);
      }
    } catch (err) {
      if (generation === this._generation) {
        this._error = (err as Error).message;
        this._loading = false;
        this.changed.emit();
      }
    }
  }

  /**
   * Load the next page of versions.
   * @param generation - internal: the load this page belongs to.
   */
  async loadMore(generation = this._generation): Promise<void> {
    const pages = this._pages;
    if (!pages || this._loading || generation !== this._generation) {
      return;
    }
    this._loading = true;
    this.changed.emit();
    try {
      const next = await pages.next();
      if (generation !== this._generation) {
        return;
      }
      if (next.done) {
        this._pages = null;
      } else {
        this._versions = this._versions.concat(next.value);
      }
      if (!next.done && next.value.length === 0) {
        this._pages = null;
      }
    } catch (err) {
      if (generation === this._generation) {
        this._error = (err as Error).message;
        this._pages = null;
      }
    } finally {
      if (generation === this._generation) {
        this._loading = false;
        this.changed.emit();
      }
    }
  }

  /** Show the details (and metadata) of one version. */
  select(versionId: string): void {
    if (this._selectedId === versionId) {
      return;
    }
    this._selectedId = versionId;
    this._metadata = null;
    this._metadataError = null;
    this.changed.emit();
    void this._loadMetadata(this._generation);
  }

  /** Tick or untick a version for comparison; a third tick replaces the oldest tick. */
  toggleCompare(versionId: string): void {
    if (this._compare.has(versionId)) {
      this._compare.delete(versionId);
    } else {
      if (this._compare.size >= 2) {
        const first = this._compare.values().next().value as string;
        this._compare.delete(first);
      }
      this._compare.add(versionId);
    }
    this.changed.emit();
  }

  /** The version just older than this one that has content (skipping delete markers). */
  previousContent(versionId: string): ObjectVersion | null {
    const index = this._versions.findIndex(v => v.versionId === versionId);
    return index < 0 ? null : (this._versions.slice(index + 1).find(v => !v.isDeleteMarker) ?? null);
  }

  /**
   * Copy a version on top of the object: a new current version; all history is kept.
   * @param target - the object the user confirmed (the drawer may have moved on since).
   * @param versionId - the version to restore.
   * @returns the new version's id, or null when the version already was the current one.
   */
  async restore(target: IVersionTarget, versionId: string): Promise<string | null> {
    const { lib, s3 } = await this._use(target);
    const result = await lib.restoreVersion(s3, { bucket: target.bucket, key: target.key, versionId });
    this._notify(target, 'put');
    return result.versionId ?? null;
  }

  /**
   * Remove the delete marker(s) on top, so the newest version with content is current again.
   * @param target - the object the user confirmed.
   */
  async undelete(target: IVersionTarget): Promise<void> {
    const { lib, s3 } = await this._use(target);
    await lib.undeleteObject(s3, { bucket: target.bucket, key: target.key });
    this._notify(target, 'put');
  }

  /**
   * Delete one version for good (the caller has asked the user).
   * @param target - the object the user confirmed.
   * @param versionId - the version.
   */
  async deleteVersion(target: IVersionTarget, versionId: string): Promise<void> {
    const { lib, s3 } = await this._use(target);
    await lib.deleteVersion(s3, { bucket: target.bucket, key: target.key, versionId, permanently: true });
    this._notify(target, 'delete');
  }

  /**
   * Write new T4 user metadata on the current version: a new version with the same content.
   * @param target - the object the user confirmed.
   * @param versionId - the current version the user edited (refused if no longer current).
   * @param userMeta - the new `user_meta`.
   * @returns the new version's id.
   */
  async writeUserMeta(target: IVersionTarget, versionId: string, userMeta: unknown): Promise<string | undefined> {
    const { lib, s3 } = await this._use(target);
    const result = await lib.writeUserMeta(s3, { bucket: target.bucket, key: target.key, versionId, userMeta });
    this._notify(target, 'put');
    return result.versionId;
  }

  /**
   * Read a version's metadata for editing, fresh from S3.
   * @param target - the object the user confirmed.
   * @param versionId - the version to edit.
   * @returns the metadata and how the editor checks text.
   */
  metadataForEdit(target: IVersionTarget, versionId: string): Promise<IMetadataEdit> {
    return readMetadataForEdit(this._connections, target, versionId, this._trans);
  }

  dispose(): void {
    this._connections.objectsChanged.disconnect(this._onObjectsChanged, this);
    Signal.clearData(this);
  }

  private async _loadMetadata(generation: number): Promise<void> {
    const version = this.selected;
    const target = this._target;
    if (!version || !target || version.isDeleteMarker) {
      return;
    }
    try {
      const lib = (this._lib ??= await loadEngine());
      const s3 = await this._connections.client(target.connection);
      const metadata = await lib.readObjectMetadata(s3, { ...target, versionId: version.versionId });
      if (generation === this._generation && this._selectedId === version.versionId) {
        this._metadata = metadata;
        this.changed.emit();
      }
    } catch (err) {
      if (generation === this._generation && this._selectedId === version.versionId) {
        this._metadataError = (err as Error).message;
        this.changed.emit();
      }
    }
  }

  private async _use(target: IVersionTarget) {
    const lib = (this._lib ??= await loadEngine());
    const s3 = await this._connections.client(target.connection);
    return { lib, s3 };
  }

  /** Tell every view (the panel, this drawer) that the object changed. */
  private _notify(target: IVersionTarget, type: IObjectChange['type']): void {
    this._connections.notifyChanged({ ...target, type });
  }

  private _onObjectsChanged(_: IHeliumConnections, change: IObjectChange): void {
    const target = this._target;
    if (
      target &&
      change.connection === target.connection &&
      change.bucket === target.bucket &&
      (change.key === target.key || (change.type === 'folder' && target.key.startsWith(change.key)))
    ) {
      const keep = this._selectedId;
      void this.refresh().then(() => {
        if (keep && this._versions.some(v => v.versionId === keep)) {
          this.select(keep);
        }
      });
    }
  }

  private _connections: IHeliumConnections;
  private readonly _trans: TranslationBundle;
  private _lib: Engine | null = null;
  private _target: IVersionTarget | null = null;
  private _versions: ObjectVersion[] = [];
  private _pages: AsyncGenerator<ObjectVersion[]> | null = null;
  private _loading = false;
  private _error: string | null = null;
  private _versioning: VersioningState | null = null;
  private _selectedId: string | null = null;
  private _compare = new Set<string>();
  private _metadata: ObjectMetadata | null = null;
  private _metadataError: string | null = null;
  /** {@link userMetaText}, and the metadata it was made from. */
  private _userMetaText: { of: ObjectMetadata; text: string } | null = null;
  private _generation = 0;
}
