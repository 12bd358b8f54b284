/**
 * Reading the lineage a snapshot records (`user_meta.helium.lineage`, see lineage.ts) from its
 * manifest's header line, with one ranged GET of the manifest's first bytes (a manifest of
 * 100,000 entries is never read whole for it).
 */
import type { S3Client } from '@aws-sdk/client-s3';
import { getObjectBytes } from '../objects-read';
import { manifestKey } from '../snapshots/registry';
import { Lineage, readLineage } from './lineage';

/** Bytes read from the start of a manifest: enough for any header a notebook's lineage makes. */
const HEADER_RANGE = 256 * 1024;

/**
 * The lineage a snapshot records.
 * @param s3 - the client.
 * @param bucket - the bucket.
 * @param topHash - the snapshot.
 * @param signal - cancels the read.
 * @returns the lineage, or undefined when the snapshot records none (or its header is longer
 *   than {@link HEADER_RANGE}).
 * @throws HeliumError `NotFound` (no such snapshot), `AccessDenied`, `Network`…
 */
export async function readSnapshotLineage(
  s3: S3Client,
  bucket: string,
  topHash: string,
  signal?: AbortSignal
): Promise<Lineage | undefined> {
  const { bytes } = await getObjectBytes(s3, { bucket, key: manifestKey(topHash), range: { start: 0, end: HEADER_RANGE }, signal });
  const end = bytes.indexOf(0x0a);
  let header: unknown;
  try {
    header = JSON.parse(new TextDecoder().decode(end >= 0 ? bytes.subarray(0, end) : bytes));
  } catch {
    return undefined; // cut short, or not a manifest we can read
  }
  return readLineage((header as { user_meta?: unknown } | null)?.user_meta);
}
