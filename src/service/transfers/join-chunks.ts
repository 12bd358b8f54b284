/**
 * Chunks of bytes as one array (a download gathered for one write or save, a body kept in memory).
 * @param chunks - the chunks, in order.
 * @param length - their total length (computed when absent).
 * @returns the bytes: the only chunk itself when there is one, else a new array.
 */
export function joinChunks(chunks: readonly Uint8Array[], length?: number): Uint8Array {
  if (chunks.length === 1) {
    return chunks[0];
  }
  const out = new Uint8Array(length ?? chunks.reduce((sum, chunk) => sum + chunk.byteLength, 0));
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return out;
}
