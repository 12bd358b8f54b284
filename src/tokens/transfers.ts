/**
 * The transfers queue as other plugins and extensions see it (`ITransfers`): uploads, downloads,
 * copies and moves with progress, cancel and retry. `TransfersModel` (models/transfers.ts)
 * implements it.
 */
import { Token } from '@lumino/coreutils';
import type { ISignal } from '@lumino/signaling';

export type TransferState = 'queued' | 'running' | 'done' | 'skipped' | 'failed' | 'cancelled';
/** Uploads and downloads move bytes in or out; copies and moves work between places in S3. */
export type TransferDirection = 'upload' | 'download' | 'copy' | 'move';

/** Objects of a copy or move done so far, of how many. */
export interface ITransferItems {
  done: number;
  total: number;
}

/** One file's work: given a progress callback and a signal, move the bytes. */
export type TransferTask = (
  onProgress: (transferredBytes: number, totalBytes: number, items?: ITransferItems) => void,
  signal: AbortSignal
) => Promise<{ skipped?: boolean } | void>;

export interface ITransferSpec {
  direction: TransferDirection;
  /** What a person recognises: the file name or folder. */
  label: string;
  /** From → to, for the tooltip: `~/data/a.csv → s3://bucket/a.csv`. */
  detail: string;
  /** Where the bytes go (an `s3://` URI or a workspace path), shown on the row; omit when unknown. */
  destination?: string;
  /** Size if known up front (else learned from progress). */
  totalBytes?: number;
  /** Whether Retry may run the task again (default true; a move that half happened re-plans elsewhere). */
  retryable?: boolean;
  task: TransferTask;
}

/** A folder's transfer: one row, its files inside. */
export interface ITransferGroupSpec {
  direction: TransferDirection;
  label: string;
  detail: string;
  /** Where the folder goes (see {@link ITransferSpec.destination}). */
  destination?: string;
  files: ITransferSpec[];
}

/** A transfer as views see it (read-only snapshot fields plus ids for actions). */
export interface ITransfer {
  readonly id: number;
  readonly direction: TransferDirection;
  readonly label: string;
  readonly detail: string;
  /** Where the bytes go (an `s3://` URI or a workspace path), or '' when not known. */
  readonly destination: string;
  readonly state: TransferState;
  readonly transferredBytes: number;
  readonly totalBytes: number;
  /** Bytes per second over the last few seconds, when running. */
  readonly rate: number;
  /** Seconds left at the current rate, when known. */
  readonly eta: number | null;
  /** When it started running (ms since the epoch; a folder: its first file), or null while queued. */
  readonly startedAt: number | null;
  /** When it finished (a folder: its last file), or null while any part is queued or running. */
  readonly finishedAt: number | null;
  readonly error: string | null;
  /** Whether Retry is offered when it failed or was cancelled. */
  readonly retryable: boolean;
  /** Objects done of a copy or move of many (from its progress), else null. */
  readonly items: ITransferItems | null;
  /** Files of a folder transfer (empty for a single file). */
  readonly children: readonly ITransfer[];
}

/** The transfers queue: uploads and downloads with progress, cancel and retry. */
export interface ITransfers {
  /** Emitted whenever a transfer starts, progresses or ends. */
  readonly changed: ISignal<ITransfers, void>;
  /** Emitted when a file transfer finishes successfully (views refresh listings on it). */
  readonly fileDone: ISignal<ITransfers, ITransfer>;
  /** Files run at once. */
  parallelFiles: number;
  /** Every transfer of the session, newest first. */
  readonly transfers: readonly ITransfer[];
  /** Transfers not finished yet (queued or running). */
  readonly active: readonly ITransfer[];
  /** Progress of what is active (0 – 1), or null when nothing is. */
  readonly overallProgress: number | null;
  /** Queues one file's transfer. */
  add(spec: ITransferSpec): ITransfer;
  /** Queues a folder's transfer: one row, its files as children. */
  addGroup(group: ITransferGroupSpec): ITransfer;
  /** Cancels a transfer (its files too). */
  cancel(id: number): void;
  /** Runs a failed or cancelled transfer again. */
  retry(id: number): void;
  /** Forgets the finished transfers. */
  clearFinished(): void;
  /** Resolves when nothing is queued or running. */
  idle(): Promise<void>;
}

/** Token of the transfers queue. */
export const ITransfers = new Token<ITransfers>(
  'jupyterlab-helium:ITransfers',
  'Uploads and downloads between S3, the workspace and the computer, with progress.'
);
