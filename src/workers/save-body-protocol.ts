/** Messages between the page and the save-body worker (src/workers/save-body.worker.ts). */

/** Make the JSON body of one chunked save: `head`, the bytes in base64, `tail`. */
export interface SaveBodyRequest {
  id: number;
  parts: Uint8Array[];
  head: string;
  tail: string;
}

/** The body, as a Blob (handing it back to the page copies no bytes); or why it failed. */
export type SaveBodyResponse = { id: number; body: Blob } | { id: number; error: string };
