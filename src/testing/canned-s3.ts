/**
 * An S3 client whose requests never leave the process: each is answered by a function, and the
 * real SDK parses the answer. For answers the local S3 cannot give (AWS's RestoreStatus, a 409 of
 * a restore under way, a listing in an exact order).
 */
import { S3Client } from '@aws-sdk/client-s3';
import type { HttpRequest } from '@smithy/types';
import { Readable } from 'stream';

/** What the fake server answers: a status and an XML body. */
export interface CannedAnswer {
  status: number;
  xml: string;
}

/**
 * A client answered by `answer`, one try per request.
 * @param answer - the answer to each request (it may look at the request).
 * @returns the client.
 */
export function cannedS3Client(answer: (request: HttpRequest) => CannedAnswer): S3Client {
  return new S3Client({
    endpoint: 'http://127.0.0.1:9',
    region: 'us-east-1',
    forcePathStyle: true,
    credentials: { accessKeyId: 'a', secretAccessKey: 'b' },
    maxAttempts: 1,
    requestHandler: {
      handle: async (request: HttpRequest) => {
        const { status, xml } = answer(request);
        return {
          response: { statusCode: status, headers: { 'content-type': 'application/xml' }, body: Readable.from([Buffer.from(xml)]) }
        };
      }
    }
  });
}
