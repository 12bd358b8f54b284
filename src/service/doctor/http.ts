/**
 * Plain HTTP(S) requests for `helium doctor` (Node): the endpoint probe and the signed STS/IAM
 * calls. Node's http/https modules trust what the SDK's own handler trusts (Node's CAs plus
 * NODE_EXTRA_CA_CERTS), so "reachable" here means reachable by the other helium commands.
 */
import * as http from 'http';
import * as https from 'https';

/** An answer: status, headers (lower-case names) and the body as text. */
export interface HttpAnswer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/**
 * Send one request and read the whole (small) answer.
 * @param url - the URL.
 * @param options - method, headers, body and a timeout.
 * @param options.method - the method (default GET).
 * @param options.headers - the headers.
 * @param options.body - the body.
 * @param options.timeoutMs - how long to wait for a connection and an answer.
 * @returns the answer; network failures reject with Node's error (its `code` says what happened).
 */
export function httpRequest(
  url: string,
  options: { method?: string; headers?: Record<string, string>; body?: string; timeoutMs?: number } = {}
): Promise<HttpAnswer> {
  const target = new URL(url);
  const send = target.protocol === 'https:' ? https.request : http.request;
  return new Promise((resolve, reject) => {
    const request = send(
      target,
      { method: options.method ?? 'GET', headers: options.headers, timeout: options.timeoutMs ?? 10_000 },
      response => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () =>
          resolve({ status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks).toString('utf8') })
        );
        response.on('error', reject);
      }
    );
    request.on('timeout', () => request.destroy(Object.assign(new Error('timed out'), { code: 'ETIMEDOUT' })));
    request.on('error', reject);
    request.end(options.body);
  });
}

export { isTlsTrustCode } from '../error-facts';
