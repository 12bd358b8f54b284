/**
 * Objects: read, write, delete, copy, create folders, and a bucket's versioning state.
 */
export { getObjectBytes, getObjectStream, getObjectText, headCurrent, headObject, rangeHeader } from './objects-read';
export type { ByteRange, ReadOptions } from './objects-read';
export { copyObject, copySource, createFolder, deleteObject, putObject } from './objects-write';
export type { CopyObjectOptions, CopyResult, DeleteResult, PutObjectOptions, PutResult } from './objects-write';
export type { ObjectInfo, ObjectRef } from './object-info';
export { assertValidUserMetadata, MAX_USER_METADATA_BYTES, userMetadataSize, validateUserMetadata } from './metadata';
export { assertVersioningEnabled, getBucketVersioning, versioningNotice, versioningStatus } from './versioning';
export type { VersioningState } from './versioning';
