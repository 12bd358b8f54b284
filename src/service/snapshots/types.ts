/**
 * The shapes of snapshots (Quilt packages, registry layout V1, manifest v0), shared by the
 * snapshot engine, the snapshot diff, the CLI and the UI.
 *
 * A snapshot of `s3://bucket/folder/` is a Quilt package in the same bucket:
 *   .quilt/packages/<top hash>                          the manifest (JSONL), immutable
 *   .quilt/named_packages/<namespace>/<name>/<seconds>   the top hash, one pointer per snapshot
 *   .quilt/named_packages/<namespace>/<name>/latest      the top hash of the newest snapshot
 */

/**
 * A content hash as Quilt writes it. Helium writes `sha2-256-chunked` (base64 of sha256 over the
 * sha256 of each 8 MiB chunk); older quilt3 manifests have `SHA256` (hex of the plain sha256), and
 * quilt3 knows other types too (`CRC64NVME`), which are kept as read.
 */
export interface QuiltHash {
  type: 'sha2-256-chunked' | 'SHA256' | (string & Record<never, never>);
  value: string;
}

/**
 * JSON as read from a manifest without losing number tokens (see `python-json.ts`): numbers are
 * kept as the text they were written with, so re-hashing gives the same top hash.
 */
export type JsonValue = unknown;

/** Line 1 of a manifest. quilt3 writes `version`, `message`, `user_meta` (and `workflow`). */
export interface ManifestHeader {
  version: 'v0';
  message?: string | null;
  user_meta?: JsonValue;
  [key: string]: JsonValue;
}

/** One file of a snapshot (one manifest line after the header). */
export interface ManifestEntry {
  /** The path inside the snapshot, relative to the snapshotted folder (`a/b.csv`). */
  logical_key: string;
  /** Where the bytes are: `s3://bucket/key?versionId=…` (pinned). */
  physical_keys: string[];
  size: number;
  hash: QuiltHash;
  /** Entry metadata; helium puts the object's T4 metadata here (`{target, user_meta}`). */
  meta?: JsonValue;
}

/** A whole manifest. */
export interface Manifest {
  topHash: string;
  header: ManifestHeader;
  entries: ManifestEntry[];
}

/** One snapshot as listed: a timestamped pointer of a named package. */
export interface SnapshotInfo {
  bucket: string;
  /** Package name, `namespace/name`. */
  name: string;
  topHash: string;
  /** When the snapshot was taken (the pointer's unix seconds). */
  timestamp: Date;
  message: string | null;
  /** The folder (key prefix ending in `/`, or '' for the bucket root) the files came from, when known. */
  folder: string | null;
  /** Number of files and their total bytes, when known without reading the whole manifest. */
  entries?: number;
  bytes?: number;
  /**
   * True when `folder` was inferred from the first part of the manifest only (a package written
   * by quilt3, whose manifest records no folder, listed without reading it whole): a later entry
   * may disagree, so do not pass it on as the snapshot's folder — let `planRestore` /
   * `diffSnapshots` decide it from the whole manifest (they do when given no folder).
   */
  folderInferredFromPart?: boolean;
}

/** What a diff between two snapshots (or a snapshot and the live folder) says about one file. */
export type EntryStatus = 'added' | 'deleted' | 'modified' | 'metadata-changed' | 'same-content-new-version' | 'same';

/** One file of a diff. */
export interface EntryChange {
  logicalKey: string;
  status: EntryStatus;
  /** The file on each side (absent where it does not exist). */
  left?: ManifestEntry;
  right?: ManifestEntry;
  /**
   * Why the status is less certain than it looks, when it is: e.g. `modified` for two files of
   * equal size whose hashes are of types that cannot be compared without reading the bytes (an
   * older quilt3 `SHA256` hash of a file over 8 MiB against a `sha2-256-chunked` one).
   */
  note?: string;
}

/** Counts of each status under one folder of the diff (recursively). */
export type StatusCounts = Record<Exclude<EntryStatus, 'same'>, number> & { same: number };

/** A diff between two sides. */
export interface SnapshotDiff {
  /** Every file that is not `same` (and, on request, the `same` ones), sorted by logical key. */
  changes: EntryChange[];
  /** Counts per folder: `''` is the whole snapshot, `a/` the folder `a/`, recursively. */
  folders: Map<string, StatusCounts>;
}

/** Which side of a comparison: a snapshot's top hash (full or ≥ 6 hex chars), or the live folder. */
export type SnapshotRef = string | 'latest';
