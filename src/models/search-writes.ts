/**
 * Our own writes into the search index: the changes the connections model announces are queued,
 * applied in batches (the keys written HEADed, a folder-wide change synced for its prefix, a
 * snapshot's new manifest read), one writer at a time with the panel's *Update index*.
 */
import type { S3Client } from '@aws-sdk/client-s3';
import type { IObjectChange } from '../tokens';
import type { SearchWorkerClient } from './search-client';
import { freshWork, FreshWork } from './search-fresh';
import type { IndexState, SearchTarget } from './search-state';

/** What the queue needs of the search model. */
export interface IndexWritesHost {
  isDisposed(): boolean;
  /** Where the panel searches now. */
  target(): SearchTarget | null;
  state(): IndexState;
  /** The running worker's client, if any. */
  workerClient(): SearchWorkerClient | null;
  /** An S3 client of a connection. */
  s3(connection: string): Promise<S3Client>;
  setState(state: IndexState): void;
  /** Call the index stale until the next update. */
  markStale(): void;
  runSearch(): Promise<void>;
}

/** The queue of our own writes waiting to go into the index, and the one-writer-at-a-time lock. */
export class IndexWrites {
  /**
   * @param host - the search model.
   */
  constructor(private readonly host: IndexWritesHost) {}

  /**
   * Take the writer's turn (for an update of the whole index): later writers wait for `release`.
   * @returns the previous writer (await it first) and the release of this turn.
   */
  hold(): { previous: Promise<void>; release: () => void } {
    const previous = this._writes;
    let release = () => {};
    this._writes = new Promise<void>(resolve => (release = resolve));
    return { previous, release };
  }

  /**
   * Queue one change of ours; applied after any running writer, with those arriving meanwhile.
   * @param change - the change.
   */
  push(change: IObjectChange): void {
    this._pending.push({ ...change });
    if (!this._draining) {
      this._draining = true;
      const run = this._writes.then(() => this.drain());
      this._writes = run.catch(() => undefined);
    }
  }

  /** Resolves once the changes queued so far are in the index (or marked stale). */
  async whenFresh(): Promise<void> {
    while (this._draining) {
      await this._writes;
    }
  }

  /** Drop what is queued and cancel what is being applied. */
  dispose(): void {
    this._abort.abort();
    this._pending = [];
  }

  /** Apply the pending writes' changes, batch after batch, until none is left. */
  private async drain(): Promise<void> {
    try {
      while (this._pending.length > 0 && !this.host.isDisposed()) {
        const batch = this._pending.splice(0);
        await this.apply(batch);
      }
    } finally {
      this._draining = false;
    }
  }

  /** Bring the writes of one batch to one bucket (its first's) into that bucket's index, if it has one. */
  private async apply(batch: IObjectChange[]): Promise<void> {
    const host = this.host;
    const { connection, bucket } = batch[0];
    const same = batch.filter(c => c.connection === connection && c.bucket === bucket);
    // Writes to another bucket (the panel moved on meanwhile) wait for the next round.
    this._pending.unshift(...batch.filter(c => !same.includes(c)));
    const current = () => host.target()?.connection === connection && host.target()?.bucket === bucket;
    const client = host.workerClient();
    if (!client || client.failed) {
      if (current()) {
        host.markStale(); // no worker to write to now; the next update brings them in
      }
      return;
    }
    const index = client.index({ connection, bucket });
    try {
      const status = await index.workerStatus();
      if (status.syncedAt === null) {
        return; // no index to keep fresh
      }
      const s3 = await host.s3(connection);
      const work: FreshWork = freshWork(same);
      // Keys written get their content read too when the index's syncs read contents.
      await work.run(s3, { bucket, index, signal: this._abort.signal, indexContent: status.indexContent === true });
      if (current() && host.state().kind === 'ready') {
        const after = await index.workerStatus();
        const state = host.state();
        if (current() && state.kind === 'ready') {
          host.setState({ ...state, objects: after.objects, snapshots: after.snapshots });
          await host.runSearch();
        }
      }
    } catch (err) {
      if (host.isDisposed()) {
        return;
      }
      console.warn('jupyterlab-helium: could not bring a write into the search index', err);
      if (current()) {
        host.markStale(); // the next update brings it in
      }
    }
  }

  /** Our own writes not yet in the index, and whether they are being applied. */
  private _pending: IObjectChange[] = [];
  private _draining = false;
  /** The last index writer (an update, or our writes' changes): the next one waits for it. */
  private _writes: Promise<void> = Promise.resolve();
  private readonly _abort = new AbortController();
}
