/**
 * A notebook's metadata as JupyterLab's notebook model keeps it, counting writes: the pins model
 * reads and writes pins through it, and tests check it is written only on a pin action.
 */
import { Signal } from '@lumino/signaling';
import type { IPinsMetadata } from '../models/notebook-pins';

/** See the file's header. */
export class FakeMetadata implements IPinsMetadata {
  readonly metadataChanged = new Signal<this, { key: string }>(this);
  writes = 0;
  private _map = new Map<string, unknown>();
  getMetadata(key: string): unknown {
    return this._map.get(key);
  }
  setMetadata(key: string, value: unknown): void {
    this.writes++;
    this._map.set(key, value);
    this.metadataChanged.emit({ key });
  }
}
