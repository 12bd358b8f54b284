/** Messages between the page and the part-hashing worker (src/workers/part-hash.worker.ts). */

/** Hash these bytes (a Blob: sending it to the worker copies no bytes). */
export interface PartHashRequest {
  id: number;
  blob: Blob;
}

/** The SHA-256 of the bytes read, and how many there were; or why they could not be read. */
export type PartHashResponse = { id: number; sha256: Uint8Array; size: number } | { id: number; error: string };
