/**
 * Public tokens, interfaces and command ids of jupyterlab-helium.
 *
 * Plugins talk to each other only through what is declared here, the way jupyterlab-git
 * separates `tokens.ts` from its models and views.
 */
import { Token } from '@lumino/coreutils';
import type { S3Client } from '@aws-sdk/client-s3';
import type { ISignal } from '@lumino/signaling';
import type { TransfersModel } from './models/transfers';

/** One S3 connection configured on the Jupyter server (never holds secrets). */
export interface IConnectionInfo {
  /** Name used in URLs and in `s3:` drive paths. */
  name: string;
  /** Region the server signs for. */
  region: string;
  /** Endpoint URL, for messages only (the browser never contacts it directly). */
  endpoint: string;
  /** Buckets the administrator listed for this connection (may be empty). */
  buckets: string[];
  /** Whether the server uses path-style addressing. */
  path_style: boolean;
}

/** The connections the server offers, and S3 clients that talk to them through the proxy. */
export interface IHeliumConnections {
  /** Loads (or returns the cached) list of connections. */
  list(): Promise<IConnectionInfo[]>;
  /** An S3 client for a connection; requests go through the server's signing proxy. */
  client(connection: string): Promise<S3Client>;
  /** The proxy URL of an object, usable as a same-origin download link. */
  objectUrl(connection: string, bucket: string, key: string): string;
  /** Emitted when an object changed through the UI (put, delete, save…), so views can refresh. */
  readonly objectsChanged: ISignal<IHeliumConnections, IObjectChange>;
  /** Tells views that objects changed under a prefix. */
  notifyChanged(change: IObjectChange): void;
}

/** A change made by the UI to objects under a prefix. */
export interface IObjectChange {
  connection: string;
  bucket: string;
  /** The key or prefix that changed. */
  key: string;
  type: 'put' | 'delete' | 'folder';
}

/** Token of the connections service. */
export const IHeliumConnections = new Token<IHeliumConnections>(
  'jupyterlab-helium:IHeliumConnections',
  'S3 connections of the Jupyter server and proxy-backed S3 clients.'
);

/** The transfers queue: uploads and downloads with progress, cancel and retry. */
export type ITransfers = TransfersModel;

/** Token of the transfers queue. */
export const ITransfers = new Token<ITransfers>(
  'jupyterlab-helium:ITransfers',
  'Uploads and downloads between S3, the workspace and the computer, with progress.'
);

/** Name of the Contents drive serving S3 objects: paths look like `s3:<connection>/<bucket>/<key>`. */
export const DRIVE_NAME = 's3';

/** Ids of every command, in one place: menus, the palette and shortcuts share them. */
export namespace CommandIDs {
  export const openPanel = 'helium:open-panel';
  export const refresh = 'helium:refresh';
  export const open = 'helium:open';
  export const copyUri = 'helium:copy-uri';
  export const deleteObject = 'helium:delete';
  export const newFolder = 'helium:new-folder';
  export const download = 'helium:download';
  export const downloadToWorkspace = 'helium:download-to-workspace';
  export const upload = 'helium:upload';
  export const showTransfers = 'helium:show-transfers';
  export const clearTransfers = 'helium:clear-transfers';
}

/** Id of the settings plugin (schema/plugin.json). */
export const SETTINGS_ID = 'jupyterlab-helium:plugin';
