/**
 * Public tokens, interfaces and command ids of jupyterlab-helium.
 *
 * Plugins talk to each other only through what is declared here, the way jupyterlab-git
 * separates `tokens.ts` from its models and views.
 */
import { Token } from '@lumino/coreutils';
import type { S3Client } from '@aws-sdk/client-s3';
import type { ISignal } from '@lumino/signaling';
import type { IDisposable } from '@lumino/disposable';
import type { Widget } from '@lumino/widgets';
import type { TranslationBundle } from '@jupyterlab/translation';
import type { OpenSearchTransport } from './service/search/opensearch-transport';

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
  /** The connection's OpenSearch cluster, searched through the server's `/helium/search/<name>/`. */
  search?: { backend: 'opensearch'; index_prefix: string };
  /** Whether the server signs share links for this connection, and for how long at most (absent: an older server). */
  share?: { enabled: boolean; max_seconds: number };
}

/** What a share link request asks the server to sign: one object (or version) for a while. */
export interface IShareLinkRequest {
  bucket: string;
  key: string;
  /** A version; the latest when absent. */
  versionId?: string;
  /** Seconds the link works (at most the connection's `share.max_seconds`). */
  expiresIn: number;
}

/** A signed share link: a presigned GET URL of the S3 endpoint itself. */
export interface IShareLink {
  url: string;
  /** When it stops working (ISO 8601, UTC). */
  expiresAt: string;
  expiresIn: number;
}

/** The connections the server offers, and S3 clients that talk to them through the proxy. */
export interface IHeliumConnections {
  /** Loads (or returns the cached) list of connections. */
  list(): Promise<IConnectionInfo[]>;
  /** An S3 client for a connection; requests go through the server's signing proxy. */
  client(connection: string): Promise<S3Client>;
  /** A transport to the connection's OpenSearch cluster through the server's search proxy. */
  searchTransport?(connection: string): OpenSearchTransport;
  /**
   * The proxy URL of an object, usable as a same-origin download link, for every key (a key with
   * `.`, `..` or empty segments is addressed through the `helium-path` query parameter).
   * @param query - extra query parameters, e.g. `versionId`, `response-content-disposition`.
   */
  objectUrl(connection: string, bucket: string, key: string, query?: Record<string, string>): string;
  /**
   * Asks the server to sign a share link (a presigned GET URL) of an object for a connection.
   * @throws Error with the server's message (share links off, expiry too long, bucket not allowed…).
   */
  shareLink?(connection: string, request: IShareLinkRequest): Promise<IShareLink>;
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

/** Name of the Contents drive serving S3 objects: paths look like `s3:<connection>/<bucket>/<key>`. */
export const DRIVE_NAME = 's3';

/** Ids of every command, in one place: menus, the palette and shortcuts share them. */
export namespace CommandIDs {
  export const openPanel = 'helium:open-panel';
  export const refresh = 'helium:refresh';
  export const open = 'helium:open';
  export const copyUri = 'helium:copy-uri';
  export const goToUri = 'helium:go-to-uri';
  export const deleteObject = 'helium:delete';
  export const newFolder = 'helium:new-folder';
  /** Rename the object or folder selected in the S3 panel (asks for the new name). */
  export const rename = 'helium:rename';
  /** Move the selected object or folder into another folder or bucket (asks where). */
  export const moveTo = 'helium:move-to';
  /** Copy the selected object or folder next to itself ("… copy"). */
  export const duplicate = 'helium:duplicate';
  /** Copy the selected object or folder to another folder, bucket or connection (asks where). */
  export const copyTo = 'helium:copy-to';
  /** Copy a share link (presigned URL) of the selected object, or of args {connection, bucket, key, versionId}. */
  export const shareLink = 'helium:share-link';
  export const restoreFromArchive = 'helium:restore-from-archive';
  /** Check the panel's connection (or args.connection) on the server: credentials, endpoint, buckets, permissions. */
  export const checkConnection = 'helium:check-connection';
  /** Copy a share link of the version selected in the versions drawer (runs `shareLink` with it). */
  export const shareVersionLink = 'helium:share-version-link';
  export const download = 'helium:download';
  export const downloadToWorkspace = 'helium:download-to-workspace';
  export const upload = 'helium:upload';
  export const showTransfers = 'helium:show-transfers';
  export const clearTransfers = 'helium:clear-transfers';
  export const versionHistory = 'helium:version-history';
  export const openVersion = 'helium:open-version';
  export const restoreVersion = 'helium:restore-version';
  export const undelete = 'helium:undelete';
  export const editMetadata = 'helium:edit-metadata';
  export const compareVersions = 'helium:compare-versions';
  export const deleteVersion = 'helium:delete-version';
  export const copyVersionSnippet = 'helium:copy-version-snippet';
  export const downloadVersion = 'helium:download-version';
  export const pinDiff = 'helium:pin-diff';
  export const snapshotFolder = 'helium:snapshot-folder';
  export const showSnapshots = 'helium:show-snapshots';
  export const compareSnapshots = 'helium:compare-snapshots';
  export const restoreSnapshot = 'helium:restore-snapshot';
  export const copySnapshotHash = 'helium:copy-snapshot-hash';
  export const copySnapshotSnippet = 'helium:copy-snapshot-snippet';
  /** Name a snapshot with a tag, asking for it (args: a snapshot row `topHash`/`row`; `tag` to skip the question). */
  export const tagSnapshot = 'helium:tag-snapshot';
  /** Pin a snapshot to the current (or last active) notebook (args: a snapshot row `topHash`/`row`, or connection, bucket, folder, package, topHash). */
  export const pinToNotebook = 'helium:pin-to-notebook';
  /** Pin one object version to the current notebook (args: connection, bucket, key, optional versionId; else the panel's selected file). */
  export const pinFileToNotebook = 'helium:pin-file-to-notebook';
  /** Pin the version history's selected version (or args `versionId`) to the current notebook. */
  export const pinVersionToNotebook = 'helium:pin-version-to-notebook';
  /** Ask for an S3 URI and pin it to the notebook (a file's version, or a folder's snapshot, snapshotting first if it changed) (args: `notebook`). */
  export const pinData = 'helium:pin-data';
  /** Compute a notebook's pin statuses again (args: `notebook`, the notebook panel's id). */
  export const refreshPins = 'helium:refresh-pins';
  /** Compare a pin's snapshot with the live folder (args: `notebook`, `pin` name). */
  export const comparePin = 'helium:compare-pin';
  /** Re-lock a pin to what it follows, snapshotting the folder first when it changed (args: `notebook`, `pin`). */
  export const updatePin = 'helium:update-pin';
  /** Open a pin's files read-only at their pinned versions (args: `notebook`, `pin`). */
  export const openPinnedData = 'helium:open-pinned-data';
  /** Restore a pin's folder to the pinned snapshot, after its preview (args: `notebook`, `pin`). */
  export const restorePin = 'helium:restore-pin';
  /** Put the cursor in the S3 panel's search box and show the search there (Ctrl/Cmd-F in the S3 panel). */
  export const search = 'helium:search';
  /** Leave the search: the S3 panel shows its listing again (Escape in the search). */
  export const closeSearch = 'helium:close-search';
  /** Build or update the search index of the bucket the S3 panel shows. */
  export const updateSearchIndex = 'helium:update-search-index';
  /**
   * Open a search hit (args: connection, bucket, key, type, folder, deleted, topHash; none: the
   * hit selected in the search). A snapshot hit opens the Snapshots panel on its row.
   */
  export const openSearchHit = 'helium:open-search-hit';
  /** Show a search hit in the S3 panel: its folder, the row selected (args as openSearchHit). */
  export const revealSearchHit = 'helium:reveal-search-hit';
  /** The version history of an object hit (args as openSearchHit). */
  export const searchHitVersions = 'helium:search-hit-versions';
}

/** An object in a bucket of a connection. */
export interface IS3ObjectRef {
  connection: string;
  bucket: string;
  key: string;
}

/** The S3 side panel, as other plugins see it. */
export interface IS3Browser {
  /** The object selected in the panel, if an object (not a folder) is selected. */
  readonly selectedObject: IS3ObjectRef | null;
  /**
   * The folder selected (clicked or right-clicked) in the panel, if a folder row is selected
   * (`key` is its prefix, ending in `/`).
   */
  readonly selectedFolder: IS3ObjectRef | null;
  /** Emitted when the selected object changes. */
  readonly selectionChanged: ISignal<IS3Browser, IS3ObjectRef | null>;
  /** The folder the panel shows (`key` is the prefix, '' or ending in `/`), if a bucket is open. */
  readonly currentFolder: IS3ObjectRef | null;
  /** Emitted when the panel moves to another folder, bucket or connection. */
  readonly folderChanged: ISignal<IS3Browser, IS3ObjectRef | null>;
}

/** Token of the S3 side panel. */
export const IS3Browser = new Token<IS3Browser>('jupyterlab-helium:IS3Browser', 'The S3 side panel: which object is selected.');

/** One side of a comparison: one version of one object. */
export interface IDiffSide {
  connection: string;
  bucket: string;
  key: string;
  /** The version; the current one when absent. */
  versionId?: string;
  /** What the user sees above this side, e.g. "12 Mar 2026 14:02 · latest". */
  label: string;
  /** Size in bytes, when known (lets providers cap large inputs before reading). */
  size?: number;
  /** S3's SHA-256 checksum (base64, maybe `-N` composite), when known. */
  checksumSha256?: string;
  /** The ETag without quotes, when known. */
  etag?: string;
  /** Content-Type, when known. */
  contentType?: string;
}

/** What to compare: `left` is the older side, `right` the newer. */
export interface IDiffRequest {
  left: IDiffSide;
  right: IDiffSide;
}

/** What a diff provider gets to build its view. */
export interface IDiffContext {
  readonly request: IDiffRequest;
  /** Reads one side whole (through the proxy), honouring `signal`. */
  readBytes(side: IDiffSide, signal?: AbortSignal): Promise<Uint8Array>;
  /** Reads one side as UTF-8 text. */
  readText(side: IDiffSide, signal?: AbortSignal): Promise<string>;
  /** An S3 client for the request's connection (both sides share it). */
  client(): Promise<S3Client>;
  /** Translations of the extension's domain. */
  readonly trans: TranslationBundle;
  /** Aborted when the tab closes or is reused for another comparison. */
  readonly signal: AbortSignal;
}

/** A way to show the difference between two versions of a kind of file. */
export interface IDiffProvider {
  /** Unique id, e.g. `text`, `json`, `table`. */
  readonly id: string;
  /** Name shown to the user, e.g. "Table". */
  readonly label: string;
  /**
   * How well this provider handles a key: 0 = not at all; the highest rank wins. The fallback
   * (size and checksum) ranks 1, generic text 10, specific formats 50 or more.
   */
  rank(key: string, contentType?: string): number;
  /** Bytes per side above which the tab asks before loading ("load anyway"). */
  readonly maxBytes: number;
  /** Builds the view; a thrown HeliumError becomes a message in the tab. */
  createView(context: IDiffContext): Promise<Widget>;
}

/** The registry of diff providers and the diff tab. */
export interface IDiffProviders {
  /** Adds a provider; dispose the result to remove it. */
  register(provider: IDiffProvider): IDisposable;
  /** The providers for a key, best first (the fallback always last). */
  providersFor(key: string, contentType?: string): IDiffProvider[];
  /**
   * Shows a comparison in the diff tab: the unpinned preview tab is reused, a pinned one is left
   * alone and a new preview tab opens.
   */
  open(request: IDiffRequest): Promise<void>;
}

/** Token of the diff providers registry and diff tab. */
export const IDiffProviders = new Token<IDiffProviders>(
  'jupyterlab-helium:IDiffProviders',
  'Diff providers by file type, and the diff tab that compares two versions of an object.'
);

/** Id of the settings plugin (schema/plugin.json). */
export const SETTINGS_ID = 'jupyterlab-helium:plugin';

// The models other extensions may build on, as interfaces (implemented in src/models).
export * from './tokens/transfers';
export * from './tokens/browser';
export * from './tokens/versions';
export * from './tokens/snapshots';
export * from './tokens/search';
