/**
 * A tiny TCP proxy for tests of dropped connections: it forwards bytes between a client and an
 * HTTP server (moto), records every request head, and can cut the connection once in the middle
 * of the Nth matching request's body (the client sees ECONNRESET / EPIPE), or in the middle of
 * its response body (the client sees a body cut short), or answer that request itself with
 * `503 SlowDown` (throttling) instead of forwarding it.
 *
 * It parses just enough HTTP/1.1 to find request boundaries (Content-Length bodies); a request
 * with another framing (chunked) makes the rest of that connection opaque (forwarded, not parsed).
 */
import * as net from 'net';

/** A request head as seen by the proxy. */
export interface RecordedRequest {
  /** The HTTP method. */
  method: string;
  /** The request target (path and query). */
  path: string;
  /** The headers, names in lowercase. */
  headers: Record<string, string>;
  /** Which client connection carried it (1, 2, …). */
  connection: number;
}

/** When to cut a connection. */
export interface CutRule {
  /** Which requests count. */
  match: (request: RecordedRequest) => boolean;
  /** Cut the Nth matching request (1-based; default 1). */
  nth?: number;
  /** Cut while the client sends the request body (default), or while the server sends the response body. */
  where?: 'request-body' | 'response-body';
  /** Bytes let through before the cut (default: half the request body; 1 MiB of the response). */
  afterBytes?: number;
  /** `slow-down`: do not forward that request; answer `503 SlowDown` after reading its body. */
  action?: 'cut' | 'slow-down';
}

/** A running proxy. */
export interface CuttingProxy {
  /** `http://127.0.0.1:<port>`: point the client here. */
  url: string;
  /** Every request head seen, in order. */
  readonly requests: RecordedRequest[];
  /** How many connections were cut. */
  readonly cuts: number;
  /** How many requests were answered with `503 SlowDown`. */
  readonly throttled: number;
  /** Stop listening and close every connection. */
  close(): Promise<void>;
}

/**
 * Parse a request head.
 * @param head - the bytes up to and including the blank line.
 * @param connection - the connection number.
 * @returns the recorded request.
 */
function parseHead(head: Buffer, connection: number): RecordedRequest {
  const lines = head.toString('latin1').split('\r\n');
  const [method = '', path = ''] = lines[0].split(' ');
  const headers: Record<string, string> = {};
  for (const line of lines.slice(1)) {
    const colon = line.indexOf(':');
    if (colon > 0) {
      headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
    }
  }
  return { method, path, headers, connection };
}

/**
 * Start a proxy in front of `upstreamUrl` on a free port of 127.0.0.1.
 * @param upstreamUrl - the server's URL, e.g. HELIUM_TEST_S3_URL.
 * @param rule - when to cut (once); no rule = a plain recording proxy.
 * @returns the running proxy.
 */
export async function startCuttingProxy(upstreamUrl: string, rule?: CutRule): Promise<CuttingProxy> {
  const upstream = new URL(upstreamUrl);
  const sockets = new Set<net.Socket>();
  const requests: RecordedRequest[] = [];
  let cuts = 0;
  let throttled = 0;
  let matched = 0;
  let connections = 0;
  let armed = rule !== undefined;

  const server = net.createServer(client => {
    const connection = ++connections;
    const server = net.connect(Number(upstream.port), upstream.hostname);
    sockets.add(client);
    sockets.add(server);
    let state: 'head' | 'body' | 'opaque' | 'cut' = 'head';
    let swallow = false;
    let pending = Buffer.alloc(0);
    let bodyLeft = 0;
    let bodySeen = 0;
    let cutRequestAt: number | undefined;
    let cutResponseAfter: number | undefined;

    const cut = () => {
      state = 'cut';
      cuts++;
      client.resetAndDestroy();
      server.destroy();
    };
    /** Answer 503 SlowDown; `close` ends the connection (the body will never come). */
    const slowDown = (close: boolean) => {
      throttled++;
      const body =
        '<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>SlowDown</Code><Message>Please reduce your request rate.</Message></Error>';
      const response = `HTTP/1.1 503 Slow Down\r\nContent-Type: application/xml\r\nContent-Length: ${Buffer.byteLength(body)}\r\n${close ? 'Connection: close\r\n' : ''}\r\n${body}`;
      if (close) {
        state = 'cut';
        client.end(response);
        server.destroy();
      } else {
        client.write(response);
      }
    };
    /** Decide, for a request just parsed, whether this is the one to cut (or to throttle). */
    const considerCut = (request: RecordedRequest, bodyLength: number) => {
      if (!armed || !rule || !rule.match(request)) {
        return;
      }
      matched++;
      if (matched !== (rule.nth ?? 1)) {
        return;
      }
      armed = false;
      if (rule.action === 'slow-down') {
        swallow = true;
      } else if ((rule.where ?? 'request-body') === 'request-body') {
        cutRequestAt = rule.afterBytes ?? Math.floor(bodyLength / 2);
      } else {
        cutResponseAfter = rule.afterBytes ?? 1024 * 1024;
      }
    };

    client.on('data', (data: Buffer) => {
      let chunk = data;
      while (chunk.length > 0 && state !== 'cut') {
        if (state === 'opaque') {
          server.write(chunk);
          return;
        }
        if (state === 'head') {
          pending = Buffer.concat([pending, chunk]);
          const end = pending.indexOf('\r\n\r\n');
          if (end < 0) {
            return;
          }
          const head = pending.subarray(0, end + 4);
          chunk = pending.subarray(end + 4);
          pending = Buffer.alloc(0);
          const request = parseHead(head, connection);
          requests.push(request);
          if (request.headers['transfer-encoding']) {
            server.write(head);
            state = 'opaque';
            continue;
          }
          bodyLeft = Number(request.headers['content-length'] ?? 0);
          bodySeen = 0;
          cutRequestAt = undefined;
          swallow = false;
          considerCut(request, bodyLeft);
          state = bodyLeft > 0 ? 'body' : 'head';
          if (!swallow) {
            server.write(head);
          } else if (bodyLeft === 0) {
            slowDown(false);
          } else if (request.headers.expect === '100-continue') {
            // The client waits for "100 Continue" before its body: refuse at once, as S3 may.
            slowDown(true);
            return;
          }
          continue;
        }
        // state === 'body'
        const piece = chunk.subarray(0, bodyLeft);
        chunk = chunk.subarray(piece.length);
        if (cutRequestAt !== undefined && bodySeen + piece.length >= cutRequestAt) {
          server.write(piece.subarray(0, cutRequestAt - bodySeen), () => cut());
          state = 'cut';
          return;
        }
        if (!swallow) {
          server.write(piece);
        }
        bodySeen += piece.length;
        bodyLeft -= piece.length;
        if (bodyLeft === 0) {
          state = 'head';
          if (swallow) {
            slowDown(false);
          }
        }
      }
    });
    server.on('data', (data: Buffer) => {
      if (state === 'cut') {
        return;
      }
      if (cutResponseAfter !== undefined) {
        if (data.length >= cutResponseAfter) {
          client.write(data.subarray(0, cutResponseAfter), () => cut());
          cutResponseAfter = undefined;
          state = 'cut';
          return;
        }
        cutResponseAfter -= data.length;
      }
      client.write(data);
    });
    const closeBoth = () => {
      client.destroy();
      server.destroy();
      sockets.delete(client);
      sockets.delete(server);
    };
    client.on('end', () => server.end());
    server.on('end', () => client.end());
    client.on('close', closeBoth);
    server.on('close', closeBoth);
    client.on('error', closeBoth);
    server.on('error', closeBoth);
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const address = server.address() as net.AddressInfo;
  return {
    url: `http://127.0.0.1:${address.port}`,
    requests,
    get cuts() {
      return cuts;
    },
    get throttled() {
      return throttled;
    },
    close: () =>
      new Promise<void>(resolve => {
        sockets.forEach(s => s.destroy());
        server.close(() => resolve());
      })
  };
}
