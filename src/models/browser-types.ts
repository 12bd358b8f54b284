/** The browser model's plain data types: what the panel shows on an error, how it is sorted. */
import type { SortKey } from '../service';

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
