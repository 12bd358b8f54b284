/**
 * The S3 server's clock, read from the `Date` header of one cheap request (HeadBucket). Used
 * where a time must be compared with S3's own timestamps (last-modified), which the client's
 * clock cannot be trusted for: it may be off by minutes.
 */
import { HeadBucketCommand, S3Client } from '@aws-sdk/client-s3';

/**
 * The server's time now, to the second (HTTP dates have no finer unit).
 * @param s3 - the client.
 * @param bucket - a bucket the caller may list (HeadBucket needs `s3:ListBucket`).
 * @param signal - cancels the request.
 * @returns milliseconds since the epoch, or undefined when the request failed or its answer had
 *   no readable `Date`.
 */
export async function serverNow(s3: S3Client, bucket: string, signal?: AbortSignal): Promise<number | undefined> {
  const command = new HeadBucketCommand({ Bucket: bucket });
  let date: string | undefined;
  command.middlewareStack.add(
    next => async args => {
      const out = await next(args);
      const headers = (out.response as { headers?: Record<string, string | undefined> } | undefined)?.headers;
      date = headers?.date ?? headers?.Date;
      return out;
    },
    { step: 'deserialize', name: 'heliumServerDate', override: true }
  );
  try {
    await s3.send(command, { abortSignal: signal });
  } catch {
    return undefined;
  }
  const time = date === undefined ? NaN : Date.parse(date);
  return Number.isFinite(time) ? time : undefined;
}
