/**
 * What the diff tab reads from S3: the {@link IDiffContext} given to diff providers (reads both
 * sides through the S3 proxy with the comparison's abort signal), HEAD of a side for what it does
 * not say, and byte ranges of a side (the summary's hashing). The engine loads on first use.
 */
import type { TranslationBundle } from '@jupyterlab/translation';
import type { IDiffContext, IDiffRequest, IDiffSide, IHeliumConnections } from '../tokens';
import { decodeText } from '../service/formats/text-decode';
import { loadEngine } from './engine';

/**
 * A signal aborted when any of the given signals is.
 * @param signals - the signals (undefined ones are skipped).
 * @returns the combined signal.
 */
export function anySignal(...signals: (AbortSignal | undefined)[]): AbortSignal {
  const present = signals.filter((s): s is AbortSignal => s !== undefined);
  if (present.length === 1) {
    return present[0];
  }
  const any = (AbortSignal as unknown as { any?: (s: AbortSignal[]) => AbortSignal }).any;
  if (typeof any === 'function') {
    return any.call(AbortSignal, present);
  }
  const controller = new AbortController();
  for (const signal of present) {
    if (signal.aborted) {
      controller.abort(signal.reason);
      break;
    }
    signal.addEventListener('abort', () => controller.abort(signal.reason), { once: true });
  }
  return controller.signal;
}

/** What {@link createDiffContext} needs. */
export interface IDiffContextOptions {
  request: IDiffRequest;
  connections: Pick<IHeliumConnections, 'client'>;
  trans: TranslationBundle;
  /** Aborted when the tab closes or shows something else. */
  signal: AbortSignal;
}

/**
 * Build the context of one comparison.
 * @param options - the request, connections, translations and the comparison's signal.
 * @returns the context.
 */
export function createDiffContext(options: IDiffContextOptions): IDiffContext {
  const { request, connections, trans, signal } = options;
  const readBytes = async (side: IDiffSide, callSignal?: AbortSignal): Promise<Uint8Array> => {
    // The engine (and the AWS SDK under it) is its own chunk, loaded on first use.
    const [{ getObjectBytes }, s3] = await Promise.all([loadEngine(), connections.client(side.connection)]);
    const { bytes } = await getObjectBytes(s3, {
      bucket: side.bucket,
      key: side.key,
      versionId: side.versionId,
      signal: anySignal(signal, callSignal)
    });
    return bytes;
  };
  return {
    request,
    trans,
    signal,
    readBytes,
    readText: async (side, callSignal) => decodeText(await readBytes(side, callSignal)).text,
    client: () => connections.client(request.left.connection)
  };
}

/**
 * Fill in what a side does not say about its object (size, checksum, ETag, Content-Type) with a
 * HEAD request, so the tab can cap large files before reading them.
 * @param side - the side.
 * @param connections - the S3 clients.
 * @param signal - cancels the request.
 * @returns the side with the details it lacked.
 */
export async function describeSide(
  side: IDiffSide,
  connections: Pick<IHeliumConnections, 'client'>,
  signal?: AbortSignal
): Promise<IDiffSide> {
  const [{ headObject }, s3] = await Promise.all([loadEngine(), connections.client(side.connection)]);
  const info = await headObject(s3, { bucket: side.bucket, key: side.key, versionId: side.versionId, signal });
  return {
    ...side,
    size: side.size ?? info.size,
    checksumSha256: side.checksumSha256 ?? info.checksumSha256,
    etag: side.etag ?? info.etag,
    contentType: side.contentType ?? info.contentType
  };
}

/**
 * Read one byte range of a side (for hashing it a chunk at a time).
 * @param side - the side.
 * @param range - the bytes: `start` inclusive, `end` exclusive.
 * @param connections - the S3 clients.
 * @param signal - cancels the read.
 * @returns the bytes and the whole object's size.
 */
export async function readSideRange(
  side: IDiffSide,
  range: { start: number; end: number },
  connections: Pick<IHeliumConnections, 'client'>,
  signal?: AbortSignal
): Promise<{ bytes: Uint8Array; size: number }> {
  const [{ getObjectBytes }, s3] = await Promise.all([loadEngine(), connections.client(side.connection)]);
  const { bytes, info } = await getObjectBytes(s3, {
    bucket: side.bucket,
    key: side.key,
    versionId: side.versionId,
    range,
    signal
  });
  return { bytes, size: info.size };
}
