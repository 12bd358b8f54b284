/**
 * The pins of one open notebook (`metadata.helium.pins`) and their status against S3, for the
 * notebook toolbar's data status. Pins are read from the notebook model's metadata (what the user
 * sees, saved or not) and written back to it only on an explicit pin action, so the notebook is
 * saved with them like any other edit. Statuses are computed through the engine when the notebook
 * opens, on demand ({@link NotebookPinsModel.refresh}), when the pins change, and after helium's own
 * writes under a pinned folder (`IHeliumConnections.objectsChanged`) — never on a timer.
 *
 * Pins are connection-free (`s3://bucket/folder/`): a pin is read through the connection that
 * lists its bucket, else the one it was pinned from in this session, else the first connection.
 */
import { Signal, type ISignal } from '@lumino/signaling';
import type { TranslationBundle } from '@jupyterlab/translation';
import type { IHeliumConnections, IObjectChange } from '../tokens';
import { makePin, readNotebookPins, setPin, withFreeName } from '../service/pins/notebook-pins';
import { lineageMeta } from '../service/pins/lineage';
import type { FolderPinState } from '../service/pins/pin-target';
import type { FilePin, FolderPin, Pin, PinFollows, PinProblem, PinStatus } from '../service/pins/types';
import { isHeliumError } from '../service/error-class';
import { loadPinsEngine } from './engine';

/** The notebook metadata the model reads and writes (JupyterLab's `INotebookModel` is one). */
export interface IPinsMetadata {
  getMetadata(key: string): unknown;
  setMetadata(key: string, value: unknown): void;
  readonly metadataChanged: ISignal<unknown, { key: string }>;
}

/** A snapshot to pin: where it was taken, its package and top hash. */
export interface IPinRequest {
  /** The connection it was listed on (remembered for reading the pin in this session). */
  connection: string;
  bucket: string;
  /** '' or ending in `/`. */
  folder: string;
  package: string;
  topHash: string;
  follows?: PinFollows;
}

/** One object version to pin: the current one unless `versionId` is given. */
export interface IFilePinRequest {
  connection: string;
  bucket: string;
  key: string;
  versionId?: string;
}

/** A valid pin, with its position in the notebook's list. */
export type NotebookPin = Pin & { index: number };

/** The metadata key helium owns in a notebook. */
const KEY = 'helium';

/** See the file's header. */
export class NotebookPinsModel {
  /**
   * @param connections - the connections pins are read through.
   * @param metadata - the notebook model's metadata.
   * @param trans - translations of the extension's domain (for the messages this model makes).
   */
  constructor(connections: IHeliumConnections, metadata: IPinsMetadata, trans: TranslationBundle) {
    this._connections = connections;
    this._trans = trans;
    this._metadata = metadata;
    connections.objectsChanged.connect(this._onObjectsChanged, this);
    metadata.metadataChanged.connect(this._onMetadataChanged, this);
    this._read();
  }

  /** Translations of the extension's domain, for messages about this notebook's pins. */
  get trans(): TranslationBundle {
    return this._trans;
  }

  /** Emitted when the pins, their statuses or `loading` change. */
  get changed(): ISignal<this, void> {
    return this._changed;
  }

  /** The notebook's valid pins. */
  get pins(): readonly NotebookPin[] {
    return this._pins;
  }

  /** The pins that cannot be used (malformed, written by hand), with what is wrong. */
  get problems(): readonly PinProblem[] {
    return this._problems;
  }

  /** The last status of each pin, by name (absent: not computed yet). */
  get statuses(): ReadonlyMap<string, PinStatus> {
    return this._statuses;
  }

  /** Whether statuses are being computed. */
  get loading(): boolean {
    return this._loading;
  }

  get isDisposed(): boolean {
    return this._disposed;
  }

  /**
   * A pin by name.
   * @param name - the pin's name.
   * @returns the pin, or undefined.
   */
  pin(name: string): NotebookPin | undefined {
    return this._pins.find(p => p.name === name);
  }

  /**
   * The connection a pin's bucket is read through (see the file's header).
   * @param bucket - the pin's bucket.
   * @returns the connection's name.
   * @throws Error when the server offers no connection.
   */
  async connectionFor(bucket: string): Promise<string> {
    const list = await this._connections.list();
    const listed = list.find(c => c.buckets.includes(bucket));
    const hinted = this._hints.get(bucket);
    const name = listed?.name ?? (hinted && list.some(c => c.name === hinted) ? hinted : list[0]?.name);
    if (!name) {
      throw new Error(this._trans.__('The Jupyter server offers no S3 connection to read pinned data through.'));
    }
    return name;
  }

  /**
   * Compute every pin's status again (cancels a computation under way).
   * @returns when done.
   */
  async refresh(): Promise<void> {
    this._abort?.abort();
    const abort = new AbortController();
    this._abort = abort;
    this._read();
    const pins = this._pins;
    if (pins.length === 0) {
      this._setStatuses(new Map(), false);
      return;
    }
    this._loading = true;
    this._changed.emit();
    const statuses = new Map<string, PinStatus>();
    try {
      const lib = await loadPinsEngine();
      await Promise.all(
        pins.map(async pin => {
          statuses.set(pin.name, await this._statusOf(lib, pin, abort.signal));
        })
      );
    } catch (err) {
      if (abort.signal.aborted || isHeliumError(err, 'Cancelled')) {
        return; // a newer refresh owns the state
      }
      for (const pin of pins) {
        if (!statuses.has(pin.name)) {
          statuses.set(pin.name, { name: pin.name, state: 'error', error: { kind: 'Unknown', message: String(err) } });
        }
      }
    }
    if (this._abort === abort) {
      this._abort = null;
      this._setStatuses(statuses, false);
    }
  }

  /**
   * Pin a snapshot to the notebook (replacing a pin of the same name): writes the notebook's
   * metadata through its model, so it is saved with the notebook.
   * @param request - the snapshot.
   * @returns the pin written.
   * @throws HeliumError `InvalidInput` for a pin that cannot be written (bad name or hash, damaged metadata).
   */
  pinSnapshot(request: IPinRequest): FolderPin {
    const pin = withFreeName(
      this._notebook(),
      makePin({
        bucket: request.bucket,
        folder: request.folder,
        package: request.package,
        topHash: request.topHash,
        follows: request.follows
      })
    );
    this._hints.set(request.bucket, request.connection);
    this._write(setPin(this._notebook(), pin));
    return pin;
  }

  /**
   * Pin one object version to the notebook (replacing a pin of the same name): reads the
   * version's ETag and size (so a later version with the same bytes reads as in sync) and writes
   * the notebook's metadata through its model.
   * @param request - the object and maybe its version.
   * @returns the pin written.
   * @throws HeliumError `NotFound`, `InvalidInput` (code `NotVersioned`: no version id to lock)…
   */
  async pinFile(request: IFilePinRequest): Promise<FilePin> {
    const lib = await loadPinsEngine();
    const s3 = await this._connections.client(request.connection);
    const pin = withFreeName(
      this._notebook(),
      await lib.resolveFilePin(s3, { bucket: request.bucket, key: request.key, versionId: request.versionId })
    );
    this._hints.set(request.bucket, request.connection);
    this._write(setPin(this._notebook(), pin));
    return pin;
  }

  /**
   * Where a folder stands for pinning: its packages, latest snapshot, and whether it changed since.
   * @param connection - the connection to read through.
   * @param bucket - the bucket.
   * @param folder - the folder ('' or ending in `/`).
   * @returns the state (see `folderPinState`).
   */
  async folderState(connection: string, bucket: string, folder: string): Promise<FolderPinState> {
    const lib = await loadPinsEngine();
    return lib.folderPinState(await this._connections.client(connection), { bucket, folder });
  }

  /**
   * Re-lock one pin to what it follows now (the package's latest snapshot or its tag).
   * @param name - the pin.
   * @returns what happened (`updated`, `current`, or `skipped` with the reason).
   */
  async updatePin(name: string): Promise<{ action: 'updated' | 'current' | 'skipped'; to?: string; reason?: string }> {
    const pin = this.pin(name);
    if (!pin) {
      return { action: 'skipped', reason: this._trans.__('The notebook has no pin named "%1".', name) };
    }
    const lib = await loadPinsEngine();
    const s3 = await this._connections.client(await this.connectionFor(pin.bucket));
    const result = await lib.updatePins(s3, this._notebook(), { only: name });
    if (result.changed) {
      this._write(result.notebook);
    }
    const update = result.updates[0];
    return { action: update?.action ?? 'skipped', to: update?.to, reason: update?.reason };
  }

  /**
   * The package metadata of a snapshot taken from this notebook: `userMeta` with the lineage
   * (the notebook's path, the SHA-256 of its saved bytes, and its pins) merged in.
   * @param notebookPath - the notebook's path in the workspace.
   * @param savedBytes - the notebook file's bytes as saved.
   * @param userMeta - the metadata typed for the snapshot, or undefined.
   * @returns the merged metadata.
   * @throws HeliumError `InvalidInput` (code `InvalidMeta`) when `userMeta` is not an object.
   */
  lineageMeta(notebookPath: string, savedBytes: Uint8Array, userMeta: unknown): Record<string, unknown> {
    return lineageMeta({ notebookPath, notebookBytes: savedBytes, pins: this._pins, userMeta });
  }

  /** Stop listening; cancel a computation under way. */
  dispose(): void {
    if (this._disposed) {
      return;
    }
    this._disposed = true;
    this._abort?.abort();
    this._connections.objectsChanged.disconnect(this._onObjectsChanged, this);
    this._metadata.metadataChanged.disconnect(this._onMetadataChanged, this);
    Signal.clearData(this);
  }

  private async _statusOf(lib: Awaited<ReturnType<typeof loadPinsEngine>>, pin: Pin, signal: AbortSignal): Promise<PinStatus> {
    let s3;
    try {
      s3 = await this._connections.client(await this.connectionFor(pin.bucket));
    } catch (err) {
      return { name: pin.name, state: 'error', error: { kind: 'Unknown', message: err instanceof Error ? err.message : String(err) } };
    }
    return lib.pinStatus(s3, pin, { signal });
  }

  /** The notebook as the engine's pin functions take it: only its `helium` metadata matters. */
  private _notebook(): { metadata: Record<string, unknown> } {
    const helium = this._metadata.getMetadata(KEY);
    return { metadata: helium === undefined ? {} : { [KEY]: helium } };
  }

  private _write(notebook: unknown): void {
    const helium = (notebook as { metadata: Record<string, unknown> }).metadata[KEY];
    // A deep copy: the notebook model keeps what it is given.
    this._metadata.setMetadata(KEY, JSON.parse(JSON.stringify(helium)));
  }

  private _read(): void {
    const { pins, problems } = readNotebookPins(this._notebook());
    this._pins = pins;
    this._problems = problems;
  }

  private _setStatuses(statuses: Map<string, PinStatus>, loading: boolean): void {
    this._statuses = statuses;
    this._loading = loading;
    this._changed.emit();
  }

  private _onMetadataChanged(_: unknown, change: { key: string }): void {
    if (change.key === KEY && !this._disposed) {
      void this.refresh();
    }
  }

  private _onObjectsChanged(_: IHeliumConnections, change: IObjectChange): void {
    // A write under a pinned folder (or a folder holding it), or a new snapshot pointer.
    const touches = this._pins.some(pin => {
      const where = pin.kind === 'file' ? pin.key : pin.folder;
      return (
        pin.bucket === change.bucket && (change.key.startsWith(where) || where.startsWith(change.key) || change.key.startsWith('.quilt/'))
      );
    });
    if (touches && !this._disposed) {
      void this.refresh();
    }
  }

  private _connections: IHeliumConnections;
  private _trans: TranslationBundle;
  private _metadata: IPinsMetadata;
  private _changed = new Signal<this, void>(this);
  private _pins: NotebookPin[] = [];
  private _problems: PinProblem[] = [];
  private _statuses: ReadonlyMap<string, PinStatus> = new Map();
  private _loading = false;
  private _abort: AbortController | null = null;
  private _hints = new Map<string, string>();
  private _disposed = false;
}
