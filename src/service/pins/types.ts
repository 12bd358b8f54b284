/**
 * The shapes of pins: a notebook's record of the data it reads (`metadata.helium.pins`), what a
 * pin follows (the package's latest snapshot or a tag), and a pin's status against S3.
 */
import type { StatusCounts } from '../snapshots/types';

/** What a pin follows: the package's newest snapshot, or a named tag of the package. */
export type PinFollows = 'latest' | { tag: string };

/** What every pin has. */
interface PinBase {
  /** Unique in the notebook; defaults to the package name (a folder) or the file's name. */
  name: string;
  /** Connection-free address: `s3://bucket/folder/` (a folder) or `s3://bucket/key` (a file). */
  uri: string;
  bucket: string;
  /** When it was pinned (ISO 8601), or null when a hand-written pin does not say. */
  pinned_at: string | null;
  /** What `pins update` re-locks it to. */
  follows: PinFollows;
}

/** A folder pinned at one of its snapshots (a Quilt package's top hash). */
export interface FolderPin extends PinBase {
  kind: 'folder';
  /** The folder of `uri` (`''` or ending in `/`). */
  folder: string;
  /** Quilt package name, `namespace/name`. */
  package: string;
  /** The locked snapshot: 64 lowercase hex characters. */
  top_hash: string;
}

/**
 * One object pinned at one of its versions: no snapshot needed. It follows the key's current
 * version (`latest`); its ETag and size say whether a newer version holds the same bytes.
 */
export interface FilePin extends PinBase {
  kind: 'file';
  /** The key of `uri`. */
  key: string;
  /** The locked version. */
  version_id: string;
  /** The pinned version's ETag (without quotes) and size, when known. */
  etag: string | null;
  size: number | null;
  follows: 'latest';
}

/** One pin, as validated (see notebook-pins.ts). */
export type Pin = FolderPin | FilePin;

/** A pin of the notebook that could not be used, and why (the other pins still are). */
export interface PinProblem {
  /** Its position in `metadata.helium.pins`. */
  index: number;
  /** Its name when it has a readable one. */
  name?: string;
  /** The field at fault (`uri`, `top_hash`…), or undefined when the pin as a whole is. */
  field?: string;
  /** What is wrong and what to do, naming the pin and the field (never echoing a secret). */
  message: string;
}

/** The pins of a notebook, as read. */
export interface NotebookPins {
  /** The valid pins, with their position in the list. */
  pins: (Pin & { index: number })[];
  /** The pins that could not be used. */
  problems: PinProblem[];
}

/** The state of one pin against S3. */
export type PinState = 'in-sync' | 'changed' | 'missing' | 'error';

/** A pinned file whose version is gone for good. */
export interface MissingObject {
  logicalKey: string;
  /** `s3://bucket/key?versionId=…` of the pinned version. */
  physicalKey: string;
}

/** What the followed reference names now. */
export interface FollowedNow {
  follows: PinFollows;
  /**
   * The lock it names now: a top hash (a folder pin), or the key's current version id (a file
   * pin); null when the package has no `latest`, the tag does not exist, or the file was deleted.
   */
  topHash: string | null;
  /** Whether that differs from the pin's `top_hash` (a newer snapshot or a moved tag). */
  newer: boolean;
  /** Why it could not be read, when it could not. */
  error?: string;
}

/** A pin's status. */
export interface PinStatus {
  name: string;
  state: PinState;
  /** Counts of the diff pinned → live (`changed` and `in-sync`). */
  counts?: StatusCounts;
  /** Number of changed files (every status but `same` and `same-content-new-version`: pins compare content). */
  changed?: number;
  /** The pinned versions deleted for good (`missing`). */
  missing?: MissingObject[];
  /** Why the status could not be computed (`error`). */
  error?: { kind: string; code?: string; message: string };
  /** What the followed reference resolves to now. */
  followed?: FollowedNow;
}
