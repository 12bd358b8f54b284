/**
 * @jest-environment-options {"customExportConditions": ["node", "require", "default"]}
 */
import { Blob as NodeBlob } from 'buffer';
import { createHash } from 'crypto';
import { sendableBody } from './blob-body';
import { createProxyClient } from './client';
import { putObject } from './objects';

// Node's Blob, as browsers have: Node's fetch cannot send jsdom's.
const jsdomBlob = globalThis.Blob;
beforeAll(() => {
  globalThis.Blob = NodeBlob as unknown as typeof Blob;
});
afterAll(() => {
  globalThis.Blob = jsdomBlob;
});

describe('sendableBody: byte bodies as Blobs', () => {
  it('makes a Blob of exactly the bytes a view shows, and leaves other bodies alone', async () => {
    const buffer = Uint8Array.from({ length: 64 }, (_, i) => i);
    const view = buffer.subarray(10, 20);
    const blob = sendableBody(view);
    expect(blob).toBeInstanceOf(NodeBlob);
    expect(Array.from(new Uint8Array(await (blob as NodeBlob).arrayBuffer()))).toEqual(Array.from(view));
    const other = new NodeBlob(['x']);
    expect(sendableBody(other)).toBe(other);
    expect(sendableBody('<xml/>')).toBe('<xml/>');
    expect(sendableBody(undefined)).toBeUndefined();
  });
});

describe('createProxyClient({ bodiesAsBlobs: true })', () => {
  it('hands fetch a Blob for a PUT body, after the checksum was computed from the bytes', async () => {
    const bodies: unknown[] = [];
    const sent: Uint8Array[] = [];
    const s3 = createProxyClient({
      proxyUrl: 'http://host/helium/s3/default',
      bodiesAsBlobs: true,
      fetch: async (input, init) => {
        const request = input instanceof Request ? input : new Request(input, init);
        sent.push(new Uint8Array(await request.arrayBuffer()));
        return new Response('', { status: 200, headers: { etag: '"abc"' } });
      }
    });
    // The innermost step: what the request handler (fetch) receives.
    s3.middlewareStack.add(
      next => async args => {
        bodies.push((args.request as { body?: unknown }).body);
        return next(args);
      },
      { step: 'deserialize', name: 'spyOnBody' }
    );
    const body = new TextEncoder().encode('hello world');
    const result = await putObject(s3, { bucket: 'bucket', key: 'hello.txt', body });
    expect(bodies[0]).toBeInstanceOf(NodeBlob);
    expect(Array.from(sent[0])).toEqual(Array.from(body));
    expect(result.checksumSha256).toBe(createHash('sha256').update('hello world').digest('base64'));
  });
});
