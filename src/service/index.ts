/**
 * The S3 engine of jupyterlab-helium: pure TypeScript, no JupyterLab, no DOM. It runs in the
 * browser (through the Jupyter server's S3 proxy) and in Node (directly against S3).
 */
export * from './error-class';
export * from './errors';
export * from './uri';
export * from './client';
export * from './listing';
export * from './objects';
export * from './values';
export * from './formats';
export { sha256, sha256Base64, sha256Hex, toBase64, fromBase64, toHex } from './checksum';
export { Sha256 } from './sha256';
export { mapWithConcurrency } from './concurrency';
export { keysReplacedForGood } from './replaced-keys';
export type { ReplacedKeys } from './replaced-keys';
/**
 * Alias of {@link validateBucketName}: a message saying what is wrong with a bucket name, or null.
 */
export { validateBucketName as bucketNameProblem } from './uri';
export * from './transfers';
export { deleteVersion, restoreVersion, undeleteObject } from './versions';
export { listVersionPages, listVersions, listVersionsPage } from './versions-list';
export type { ListVersionsOptions, ObjectVersion, VersionsPage, VersionsPageRequest } from './versions-list';
export type { DeleteVersionOptions, RestoreResult, RestoreVersionOptions, UndeleteResult } from './versions';
export { parseMetadataJson, readObjectMetadata, writeUserMeta } from './object-metadata';
export { parseMetadataJsonLossless, userMetaEditText } from './metadata-edit-text';
export type { ObjectMetadata, ParsedMetadata, WriteUserMetaOptions, WriteUserMetaResult } from './object-metadata';
export { copyVersion, MAX_COPY_OBJECT_SIZE, readCopySource } from './copy-multipart';
export type { ContentHeaders, CopySourceVersion, CopyVersionOptions, CopyVersionResult } from './copy-multipart';
export * from './search';
export { assertValidMove, copyHistoryNote, copyObjects, moveHistoryNote, moveObjects, planMove } from './move';
export { copyAcrossConnections, s3VersionSource } from './copy-across';
export type { CopyAcrossOptions } from './copy-across';
export type { MoveEndpoint, MoveItem, MoveObjectsOptions, MovePlan, MoveProgress, MoveResult } from './move';
export * from './archive';
