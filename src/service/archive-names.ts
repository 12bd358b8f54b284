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
