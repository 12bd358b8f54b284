/**
 * The transfer engine: multipart uploads and parallel downloads with SHA-256 checksums that
 * equal Quilt's `sha2-256-chunked` hash, retries, cancel, and progress. Platform-free: file
 * sources and sinks for Node are in `./node-fs`, which this index does not export.
 */
export type {
  ByteSink,
  ByteSource,
  DownloadOptions,
  DownloadResult,
  TransferProgress,
  UploadOptions,
  UploadPartBody,
  UploadResult
} from './types';
export { BASE_PART_SIZE, MAX_OBJECT_SIZE, MAX_PARTS, partCount, partRange, partSizeFor } from './part-size';
export type { PartRange } from './part-size';
export { compositeSha256, parseS3Checksum, partDigests, quiltChunkedHash, quiltHashFromS3Checksum } from './quilt-hash';
export type { ParsedS3Checksum } from './quilt-hash';
export { blobSource, bytesSource, readExactly } from './sources';
export { memorySink } from './sinks';
export type { MemorySink } from './sinks';
export { backoffDelay, isRetryableError } from './retry';
export { uploadObject } from './upload';
export { downloadObject } from './download';
