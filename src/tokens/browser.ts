/**
 * The S3 panel's browser model as other plugins and extensions see it (`IS3BrowserModel`): where
 * the panel is (connection, bucket, folder), the rows it has loaded, sorted and filtered, the
 * selected row, and what the panel's commands ask of S3. `BrowserModel` (models/browser.ts)
 * implements it; the panel's views and commands are written against this interface.
 */
import { Token } from '@lumino/coreutils';
import type { ISignal } from '@lumino/signaling';
import type { Entry, SortKey } from '../service';
import type { VersioningState } from '../service/versioning';
import type { IConnectionInfo } from '../tokens';

/** What the panel shows instead of a listing when something went wrong. */
export interface IPanelError {
  /** What happened, for a person. */
  message: string;
  /**
   * Where it happened: the connections list, the bucket list, the listing on screen, or opening
   * a bucket typed by name (`open`: the panel stayed where it was; `bucket` says which failed).
   */
  scope: 'connections' | 'buckets' | 'listing' | 'open';
  /** For `open`: the bucket and folder that could not be opened. */
  bucket?: string;
  prefix?: string;
  /** For `open`: false when the name itself is invalid (asking again cannot help). */
  canRetry?: boolean;
}

/** How the listing is sorted. */
export interface ISortState {
  by: SortKey;
  direction: 'asc' | 'desc';
}

/** An object, or a folder's prefix, in a bucket of a connection (captured when a person asked). */
export interface IS3KeyRef {
  connection: string;
  bucket: string;
  key: string;
}

/** The S3 panel's model. */
export interface IS3BrowserModel {
  /** Emitted whenever anything visible changes. */
  readonly changed: ISignal<IS3BrowserModel, void>;
  /** Keys asked for per listing page. */
  pageSize: number;
  /** The server's connections (after {@link initialize}). */
  readonly connectionList: readonly IConnectionInfo[];
  readonly connection: string | null;
  /** The buckets of the picker: configured, listed, or opened by name. */
  readonly buckets: readonly string[];
  readonly bucket: string | null;
  /** The folder on screen: '' or ending in `/`. */
  readonly prefix: string;
  /** Rows loaded so far, sorted and filtered for display. */
  readonly items: readonly Entry[];
  /** How many rows are loaded (before filtering). */
  readonly loadedCount: number;
  readonly loading: boolean;
  /** A bucket typed by name being tried (the panel shows the previous one until it answers). */
  readonly opening: string | null;
  /** Whether more pages of the folder are to come. */
  readonly hasMore: boolean;
  readonly error: IPanelError | null;
  readonly filter: string;
  readonly sort: ISortState;
  /** The row last clicked (or right-clicked); commands act on it. */
  readonly selected: Entry | null;
  /** Grows each time {@link reveal} selects a row: views scroll that row into sight. */
  readonly revealCount: number;

  /** Initializes once (loads the connections, opens the first); later calls share it. */
  whenInitialized(): Promise<void>;
  /** Loads the connections and opens the first one. */
  initialize(): Promise<void>;
  /** Switches connection, then lists its buckets and opens the first. */
  setConnection(name: string): Promise<void>;
  /** Opens a bucket at a folder (a name S3 would refuse changes nothing; the error says why). */
  open(bucket: string, prefix: string): Promise<void>;
  /** Forgets an error about a bucket that could not be opened. */
  dismissError(): void;
  /** Opens a folder of the current bucket. */
  cd(prefix: string): Promise<void>;
  /** Lists the current folder again from its first page. */
  refresh(): Promise<void>;
  /** Reads one object's row in the folder on screen again (one HEAD), e.g. after a restore was asked for. */
  refreshRow(key: string): Promise<void>;
  /** Loads the next page, if any. */
  loadMore(): Promise<void>;
  /** Loads every remaining page. */
  loadAll(): Promise<void>;
  setFilter(text: string): void;
  setSort(sort: ISortState): void;
  select(entry: Entry | null): void;
  /** Asks the views to render again (nothing changed in the model). */
  redraw(): void;
  /**
   * Opens the folder holding a key and selects its row.
   * @returns the row selected, or null when none has that key.
   */
  reveal(bucket: string, key: string): Promise<Entry | null>;
  /**
   * Whether a bucket of the current connection keeps versions.
   * @returns its state, or null when S3 would not say.
   */
  versioning(bucket?: string | null): Promise<VersioningState | null>;
  /** Deletes an object (a delete marker when the bucket is versioned); listings update. */
  deleteObject(ref: IS3KeyRef): Promise<void>;
  /** Creates a folder (`prefix` ends in `/`); listings update. */
  createFolder(where: { connection: string; bucket: string; prefix: string }): Promise<void>;
}

/** Token of the S3 panel's browser model. */
export const IS3BrowserModel = new Token<IS3BrowserModel>(
  'jupyterlab-helium:IS3BrowserModel',
  'The S3 panel’s model: where it is, what it lists, what is selected, and its S3 actions.'
);
