/**
 * The names of S3's archives, for messages and listings: which storage classes are archived, and
 * what a person calls each (see archive.ts for what archived means).
 */

/** Days a restored copy is kept unless the person says otherwise (the panel's and the CLI's default). */
export const DEFAULT_RESTORE_DAYS = 7;

/** The storage classes whose objects S3 serves only once restored. */
const ARCHIVE_CLASSES = new Set(['GLACIER', 'DEEP_ARCHIVE']);

/** How S3 names its archive storage classes and Intelligent-Tiering's archive tiers. */
const ARCHIVE_NAMES: Record<string, string> = {
  GLACIER: 'S3 Glacier Flexible Retrieval',
  DEEP_ARCHIVE: 'S3 Glacier Deep Archive',
  ARCHIVE_ACCESS: "S3 Intelligent-Tiering's Archive Access tier",
  DEEP_ARCHIVE_ACCESS: "S3 Intelligent-Tiering's Deep Archive Access tier"
};

/**
 * The name of an archive for a person.
 * @param storageClass - the object's storage class.
 * @param accessTier - its Intelligent-Tiering archive tier (`ArchiveStatus`), if any.
 * @returns e.g. "S3 Glacier Deep Archive"; the raw value when unknown; undefined when neither is given.
 */
export function archiveName(storageClass?: string, accessTier?: string): string | undefined {
  return ARCHIVE_NAMES[accessTier ?? ''] ?? ARCHIVE_NAMES[storageClass ?? ''] ?? (accessTier || storageClass || undefined);
}

/**
 * Whether a storage class, as a listing gives it, is one whose objects must be restored to be read.
 * (An Intelligent-Tiering object is archived only when its HEAD says so: `ArchiveStatus`.)
 * @param storageClass - the listed storage class.
 * @returns true for `GLACIER` and `DEEP_ARCHIVE`.
 */
export function isArchiveClass(storageClass: string | undefined): boolean {
  return storageClass !== undefined && ARCHIVE_CLASSES.has(storageClass);
}

/** Where a listed object stands with its archive. */
export type ListedArchiveState =
  /** In an archive class, no readable copy: S3 refuses its bytes. */
  | { state: 'archived'; archive: string }
  /** A restore was asked for and S3 is making the copy (hours). */
  | { state: 'restoring'; archive: string }
  /** Restored: readable until `expiry` (when S3 says), though still in its archive class. */
  | { state: 'restored'; archive: string; expiry?: Date };

/**
 * What a listing row says about an archived object, from its storage class and the
 * `RestoreStatus` the listing returned (absent when the server gave none: then archived).
 * @param entry - the listed object.
 * @param entry.storageClass - its storage class.
 * @param entry.restore - its restore status, if listed.
 * @returns its state, or undefined when it is not in an archive class.
 */
export function listedArchiveState(entry: {
  storageClass?: string;
  restore?: { inProgress: boolean; expiry?: Date };
}): ListedArchiveState | undefined {
  if (!isArchiveClass(entry.storageClass)) {
    return undefined;
  }
  const archive = archiveName(entry.storageClass) ?? '';
  if (!entry.restore) {
    return { state: 'archived', archive };
  }
  if (entry.restore.inProgress) {
    return { state: 'restoring', archive };
  }
  // A finished restore whose copy has expired reads as archived again (a listing can be old).
  if (entry.restore.expiry && entry.restore.expiry.getTime() <= Date.now()) {
    return { state: 'archived', archive };
  }
  return { state: 'restored', archive, ...(entry.restore.expiry ? { expiry: entry.restore.expiry } : {}) };
}
