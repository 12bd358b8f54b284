/**
 * The contract of the transfer engine (multipart uploads, parallel downloads), shared by the
 * browser UI and the `helium` CLI. Sources and sinks are injected, so the engine never touches the
 * file system or the DOM itself.
 */

/** Bytes to upload, read by range (a Blob in the browser, a file handle in Node). */
export interface ByteSource {
  /** Total size in bytes. */
  readonly size: number;
  /** Reads bytes [start, end). Called for one part at a time, possibly concurrently. */
  read(start: number, end: number): Promise<Uint8Array>;
  /**
   * Optional: bytes [start, end) ready to send as one part of a multipart upload without passing
   * them through this thread: the body to hand to the HTTP client (a Blob slice, which the
   * browser reads by itself) and the SHA-256 of exactly those bytes, computed elsewhere (a
   * worker). Multipart uploads use it instead of `read` when it is there.
   */
  partForUpload?(start: number, end: number): Promise<UploadPartBody>;
}

/** A part to upload: what to send, and its SHA-256 (see {@link ByteSource.partForUpload}). */
export interface UploadPartBody {
  /** A body the S3 client can send (Uint8Array, or a Blob in the browser); resendable on retry. */
  body: unknown;
  /** The raw SHA-256 of the body's bytes. */
  sha256: Uint8Array;
}

/** Where downloaded bytes go, in order. */
export interface ByteSink {
  /** Appends the next bytes; resolves when they may be released (backpressure). */
  write(bytes: Uint8Array): Promise<void>;
  /**
   * Writes bytes at an offset, when the sink can (a file): a download then reads several ranges
   * at once straight into place. Without it, bytes come in order through `write`, and ranges
   * read ahead wait in a buffer of bounded size. A download uses one or the other, never both.
   */
  writeAt?(offset: number, bytes: Uint8Array): Promise<void>;
  /** All bytes were written: make the result visible (e.g. rename a temp file into place). */
  close(): Promise<void>;
  /** The download failed or was cancelled: leave nothing behind (e.g. delete the temp file). */
  abort(): Promise<void>;
}

/** Progress of one transfer. */
export interface TransferProgress {
  transferredBytes: number;
  totalBytes: number;
}

export interface UploadOptions {
  bucket: string;
  key: string;
  source: ByteSource;
  contentType?: string;
  /** S3 user metadata (without the `x-amz-meta-` prefix); refused over 2 KB before any byte is sent. */
  userMetadata?: Record<string, string>;
  /** Parts in flight at once (default: as many as fit in 128 MiB, i.e. 8 parts of 8 MiB). */
  concurrency?: number;
  /** Retries per request on throttling and dropped connections (default 5), with backoff. */
  retries?: number;
  /** Skip the upload when the destination already has the same size and SHA-256 checksum. */
  skipIfUnchanged?: boolean;
  /**
   * With `skipIfUnchanged`: list the key (ListObjectsV2, one key) before its HEAD, so a new key
   * costs a 200 and not a 404. Browsers log every 404 answer in the console as an error, and a
   * new key is the common case of an upload. Needs s3:ListBucket; without it, the HEAD decides.
   */
  listBeforeHead?: boolean;
  /**
   * With `skipIfUnchanged`: what a listing of the destination made just before showed at the
   * key, so that one listing replaces a HEAD per file: `null` when nothing was listed there
   * (uploaded without a HEAD), or the listed size (a different size is uploaded without a HEAD;
   * the same size is checked by HEAD and hash as usual).
   */
  listed?: { size: number } | null;
  signal?: AbortSignal;
  onProgress?: (progress: TransferProgress) => void;
}

export interface UploadResult {
  key: string;
  versionId?: string;
  etag?: string;
  /** S3's checksum: base64 SHA-256 of the object, or `<base64>-<parts>` for a multipart upload. */
  checksumSha256?: string;
  /** Number of parts (1 for a single PUT, 0 when skipped). */
  parts: number;
  /** True when skipIfUnchanged found the same object already there. */
  skipped: boolean;
}

export interface DownloadOptions {
  bucket: string;
  key: string;
  versionId?: string;
  sink: ByteSink;
  /**
   * The most streams (GETs) in flight at once (default 4). A download starts with one stream
   * and adds ranged streams only while they raise the throughput. Bytes reach an in-order sink
   * in order, with at most `concurrency` parts read ahead held in memory.
   */
  concurrency?: number;
  retries?: number;
  signal?: AbortSignal;
  onProgress?: (progress: TransferProgress) => void;
}

export interface DownloadResult {
  size: number;
  versionId?: string;
  etag?: string;
  /** S3's SHA-256 checksum of the version read, when it has one (`…-N` for a multipart upload). */
  checksumSha256?: string;
}
