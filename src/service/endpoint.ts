/**
 * Which S3 endpoint a client talks to, for messages only ("Cannot reach the S3 endpoint …").
 *
 * A browser client talks to our Jupyter proxy, whose URL says nothing useful to a person; the
 * UI learns the real endpoint from the server's connection list and records it here.
 */
import type { S3Client } from '@aws-sdk/client-s3';

const labels = new WeakMap<S3Client, string>();

/**
 * Record the endpoint a client points to, for error messages.
 * @param s3 - the client.
 * @param endpoint - a human-readable endpoint, e.g. `http://127.0.0.1:9000` or `AWS S3 (eu-west-1)`;
 *   undefined forgets it.
 */
export function setEndpointLabel(s3: S3Client, endpoint: string | undefined): void {
  if (endpoint) {
    labels.set(s3, endpoint);
  } else {
    labels.delete(s3);
  }
}

/**
 * The endpoint recorded for a client, if any.
 * @param s3 - the client.
 * @returns the label given to {@link setEndpointLabel} or by the client factory.
 */
export function getEndpointLabel(s3: S3Client): string | undefined {
  return labels.get(s3);
}

/**
 * The path of an endpoint URL (`/s3` of `http://host:9000/s3`), if it has one: S3 then looks for
 * every bucket under it, so an endpoint with a path that should have none makes buckets missing.
 * @param endpoint - the endpoint, as the client was given it.
 * @returns the path, or undefined.
 */
export function endpointPath(endpoint: string | undefined): string | undefined {
  try {
    const path = endpoint ? new URL(endpoint).pathname.replace(/\/+$/, '') : '';
    return path || undefined;
  } catch {
    return undefined;
  }
}
