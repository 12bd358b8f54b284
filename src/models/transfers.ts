/**
 * The transfers model: every upload and download the UI started, with its bytes, rate, ETA and
 * state, cancel and retry. A folder transfer is one row whose children are its files.
 *
 * The model runs tasks it is given; it knows nothing about S3 or files itself. A task reports
 * progress and honours its AbortSignal; files run a few at a time so a folder of 1,000 files does
 * not open 1,000 connections.
 */
import { Signal } from '@lumino/signaling';
import type {
  ITransfer,
  ITransferGroupSpec,
  ITransferItems,
  ITransfers,
  ITransferSpec,
  TransferDirection,
  TransferState
} from '../tokens/transfers';

export type {
  ITransfer,
  ITransferGroupSpec,
  ITransferItems,
  ITransferSpec,
  TransferDirection,
  TransferState,
  TransferTask
} from '../tokens/transfers';

/** How many files of a transfer are in each state (a single file counts as one). */
export function stateCounts(t: ITransfer): Record<TransferState, number> {
  const counts: Record<TransferState, number> = { queued: 0, running: 0, done: 0, skipped: 0, failed: 0, cancelled: 0 };
  for (const c of t.children.length ? t.children : [t]) {
    counts[c.state]++;
  }
  return counts;
}

const RATE_WINDOW_MS = 3000;
const FINISHED: TransferState[] = ['done', 'skipped', 'failed', 'cancelled'];

class Transfer implements ITransfer {
  constructor(
    readonly id: number,
    readonly spec: ITransferSpec | null,
    readonly direction: TransferDirection,
    readonly label: string,
    readonly detail: string,
    readonly destination: string
  ) {
    this.ownTotal = spec?.totalBytes ?? 0;
  }

  get retryable(): boolean {
    return this.spec?.retryable ?? true;
  }
  items: ITransferItems | null = null;
  ownState: TransferState = 'queued';
  ownTransferred = 0;
  ownTotal: number;
  error: string | null = null;
  children: Transfer[] = [];
  parent: Transfer | null = null;
  abort: AbortController | null = null;
  samples: { time: number; bytes: number }[] = [];
  ownStartedAt: number | null = null;
  ownFinishedAt: number | null = null;

  get startedAt(): number | null {
    if (!this.children.length) {
      return this.ownStartedAt;
    }
    const started = this.children.map(c => c.startedAt).filter((t): t is number => t !== null);
    return started.length ? Math.min(...started) : null;
  }
  get finishedAt(): number | null {
    if (!this.children.length) {
      return FINISHED.includes(this.ownState) ? this.ownFinishedAt : null;
    }
    let last: number | null = null;
    for (const c of this.children) {
      const finished = c.finishedAt;
      // A file cancelled while queued never started nor finished: it does not hold the folder open.
      if (finished === null && c.state !== 'cancelled') {
        return null;
      }
      last = finished === null ? last : Math.max(last ?? finished, finished);
    }
    return last;
  }

  get state(): TransferState {
    if (!this.children.length) {
      return this.ownState;
    }
    const states = this.children.map(c => c.state);
    if (states.some(s => s === 'running' || s === 'queued')) {
      return states.some(s => s === 'running') ? 'running' : 'queued';
    }
    if (states.some(s => s === 'failed')) {
      return 'failed';
    }
    if (states.some(s => s === 'cancelled')) {
      return 'cancelled';
    }
    return states.every(s => s === 'skipped') ? 'skipped' : 'done';
  }
  get transferredBytes(): number {
    return this.children.length ? sum(this.children.map(c => c.transferredBytes)) : this.ownTransferred;
  }
  get totalBytes(): number {
    return this.children.length ? sum(this.children.map(c => c.totalBytes)) : this.ownTotal;
  }
  get rate(): number {
    if (this.children.length) {
      return sum(this.children.map(c => c.rate));
    }
    if (this.ownState !== 'running' || this.samples.length < 2) {
      return 0;
    }
    const first = this.samples[0];
    const last = this.samples[this.samples.length - 1];
    const seconds = (last.time - first.time) / 1000;
    return seconds > 0 ? (last.bytes - first.bytes) / seconds : 0;
  }
  get eta(): number | null {
    const rate = this.rate;
    const left = this.totalBytes - this.transferredBytes;
    return rate > 0 && left >= 0 ? left / rate : null;
  }

  record(transferred: number, total: number, now: number): void {
    this.ownTransferred = transferred;
    if (total > 0) {
      this.ownTotal = total;
    }
    this.samples.push({ time: now, bytes: transferred });
    while (this.samples.length > 2 && now - this.samples[0].time > RATE_WINDOW_MS) {
      this.samples.shift();
    }
  }
}

function sum(values: number[]): number {
  return values.reduce((a, b) => a + b, 0);
}

export class TransfersModel implements ITransfers {
  constructor(options: { parallelFiles?: number; now?: () => number } = {}) {
    this.parallelFiles = options.parallelFiles ?? 3;
    this._now = options.now ?? (() => Date.now());
  }

  /** Emitted on any change (throttle rendering in views if needed). */
  readonly changed = new Signal<this, void>(this);
  /** Emitted when a file transfer finishes successfully (views refresh listings on it). */
  readonly fileDone = new Signal<this, ITransfer>(this);
  /** How many files move at once. */
  parallelFiles: number;

  get transfers(): readonly ITransfer[] {
    return this._roots;
  }

  /** Transfers not finished yet (for the status bar). */
  get active(): readonly ITransfer[] {
    return this._roots.filter(t => !FINISHED.includes(t.state));
  }

  /** Overall progress of the active transfers, 0–1, or null when there are none. */
  get overallProgress(): number | null {
    const active = this.active;
    if (!active.length) {
      return null;
    }
    const total = sum(active.map(t => t.totalBytes));
    return total > 0 ? sum(active.map(t => t.transferredBytes)) / total : 0;
  }

  /** Queues one file transfer. */
  add(spec: ITransferSpec): ITransfer {
    const transfer = new Transfer(this._nextId++, spec, spec.direction, spec.label, spec.detail, spec.destination ?? '');
    this._roots = [transfer, ...this._roots];
    this._queue.push(transfer);
    this._pump();
    this.changed.emit();
    return transfer;
  }

  /** Queues a folder transfer: one row, its files inside. */
  addGroup(group: ITransferGroupSpec): ITransfer {
    const parent = new Transfer(this._nextId++, null, group.direction, group.label, group.detail, group.destination ?? '');
    parent.children = group.files.map(spec => {
      const child = new Transfer(this._nextId++, spec, spec.direction, spec.label, spec.detail, spec.destination ?? '');
      child.parent = parent;
      return child;
    });
    this._roots = [parent, ...this._roots];
    this._queue.push(...parent.children);
    this._pump();
    this.changed.emit();
    return parent;
  }

  /** Cancels a transfer (a folder: all its unfinished files). */
  cancel(id: number): void {
    const transfer = this._find(id);
    if (!transfer) {
      return;
    }
    for (const t of transfer.children.length ? transfer.children : [transfer]) {
      if (t.ownState === 'queued') {
        t.ownState = 'cancelled';
        this._queue = this._queue.filter(q => q !== t);
      } else if (t.ownState === 'running') {
        t.abort?.abort();
      }
    }
    this.changed.emit();
  }

  /** Runs a failed or cancelled transfer again (a folder: its failed and cancelled files). */
  retry(id: number): void {
    const transfer = this._find(id);
    if (!transfer) {
      return;
    }
    for (const t of transfer.children.length ? transfer.children : [transfer]) {
      if ((t.ownState === 'failed' || t.ownState === 'cancelled') && t.retryable) {
        t.ownState = 'queued';
        t.error = null;
        t.ownTransferred = 0;
        t.samples = [];
        t.ownStartedAt = t.ownFinishedAt = null;
        this._queue.push(t);
      }
    }
    this._pump();
    this.changed.emit();
  }

  /** Forgets finished transfers. */
  clearFinished(): void {
    this._roots = this._roots.filter(t => !FINISHED.includes(t.state));
    this.changed.emit();
  }

  /** Resolves when nothing is queued or running (for tests and shutdown). */
  async idle(): Promise<void> {
    while (this._running.size) {
      await Promise.race([...this._running]);
    }
  }

  private _pump(): void {
    while (this._running.size < this.parallelFiles && this._queue.length) {
      const transfer = this._queue.shift()!;
      const run = this._run(transfer).finally(() => {
        this._running.delete(run);
        this._pump();
      });
      this._running.add(run);
    }
  }

  private async _run(transfer: Transfer): Promise<void> {
    const abort = new AbortController();
    transfer.abort = abort;
    transfer.ownState = 'running';
    transfer.ownStartedAt = this._now();
    transfer.samples = [];
    transfer.record(0, transfer.ownTotal, this._now());
    this.changed.emit();
    try {
      const result = await transfer.spec!.task((done, total, items) => {
        transfer.record(done, total, this._now());
        if (items) {
          transfer.items = { ...items };
        }
        this.changed.emit();
      }, abort.signal);
      transfer.ownState = result && result.skipped ? 'skipped' : 'done';
      transfer.ownTransferred = transfer.ownTotal;
      this.fileDone.emit(transfer);
    } catch (err) {
      const cancelled = abort.signal.aborted || (err as { kind?: string } | null)?.kind === 'Cancelled';
      transfer.ownState = cancelled ? 'cancelled' : 'failed';
      transfer.error = cancelled ? null : ((err as Error | null)?.message ?? String(err));
    } finally {
      transfer.ownFinishedAt = this._now();
      transfer.abort = null;
      this.changed.emit();
    }
  }

  private _find(id: number): Transfer | undefined {
    for (const root of this._roots) {
      if (root.id === id) {
        return root;
      }
      const child = root.children.find(c => c.id === id);
      if (child) {
        return child;
      }
    }
    return undefined;
  }

  private _roots: Transfer[] = [];
  private _queue: Transfer[] = [];
  private _running = new Set<Promise<void>>();
  private _nextId = 1;
  private _now: () => number;
}
