/**
 * Values on S3 (T4's `helium.put` / `helium.get`): write a value in a format chosen from it,
 * with metadata in `x-amz-meta-helium`, and read it back decoded.
 */
export { putValue } from './put-value';
export type { PutValueOptions, PutValueResult } from './put-value';
export { getValue } from './get-value';
export type { GetValueOptions, GetValueResult } from './get-value';
export { asciiJson, assertMetadataFits, encodeHeliumHeader, parseHeliumHeader, HELIUM_METADATA_KEY } from './header';
export type { HeliumHeader } from './header';
export type { ValueLocation } from './location';
