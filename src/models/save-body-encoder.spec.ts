import { ServerConnection } from '@jupyterlab/services';
import type { SaveBodyRequest, SaveBodyResponse } from '../workers/save-body-protocol';
import { saveBodyPieces } from '../workers/save-body-handler';
import { SaveBodyEncoder, serverSaveChunk } from './save-body-encoder';

/** A worker stand-in that makes bodies as the real one does (the pieces, joined, as the "Blob"). */
function fakeWorker(fail = false) {
  const requests: SaveBodyRequest[] = [];
  const worker = {
    onmessage: null as ((event: MessageEvent<SaveBodyResponse>) => void) | null,
    onerror: null as (() => void) | null,
    postMessage(request: SaveBodyRequest) {
      requests.push(request);
      const body = saveBodyPieces(request.parts, request.head, request.tail).join('') as unknown as Blob;
      const data: SaveBodyResponse = fail ? { id: request.id, error: 'RangeError: too big' } : { id: request.id, body };
      setTimeout(() => worker.onmessage?.({ data } as MessageEvent<SaveBodyResponse>));
    },
    terminate() {}
  };
  return { worker: worker as unknown as Worker, requests };
}

const settings = ServerConnection.makeSettings({ baseUrl: 'http://host/lab-base/' });
const parts = [Uint8Array.of(104, 101), Uint8Array.of(108, 108, 111)]; // "hello"

/** A saver whose requests are recorded and answered with `status`. */
function saver(worker: Worker | undefined, status = 201) {
  const sent: { url: string; init: RequestInit }[] = [];
  const fallback = jest.fn(async () => undefined);
  const save = serverSaveChunk({
    encoder: new SaveBodyEncoder(() => worker),
    serverSettings: settings,
    fallback,
    makeRequest: async (url, init) => {
      sent.push({ url, init });
      return new Response(status === 201 ? '{}' : '{"message":"disk full"}', { status });
    }
  });
  return { save, sent, fallback };
}

describe('serverSaveChunk: save bodies made by a worker', () => {
  it("PUTs to the Contents API the JSON that contents.save would, with the worker's body", async () => {
    const { worker, requests } = fakeWorker();
    const { save, sent, fallback } = saver(worker);
    await save('dir/a b.csv.helium-partial', parts, 5, 2);
    expect(sent).toHaveLength(1);
    expect(sent[0].url).toBe('http://host/lab-base/api/contents/dir/a%20b.csv.helium-partial');
    expect(sent[0].init.method).toBe('PUT');
    expect(JSON.parse(sent[0].init.body as string)).toEqual({
      type: 'file',
      format: 'base64',
      chunk: 2,
      content: Buffer.from('hello').toString('base64')
    });
    expect(requests[0].parts).toBe(parts);
    expect(fallback).not.toHaveBeenCalled();

    await save('whole.txt', parts, 5, undefined); // a file of one chunk: no chunk number
    expect(JSON.parse(sent[1].init.body as string)).toEqual({ type: 'file', format: 'base64', content: 'aGVsbG8=' });
  });

  it('saves through the fallback when there is no worker, or the worker could not make the body', async () => {
    const none = saver(undefined);
    await none.save('f', parts, 5, -1);
    expect(none.fallback).toHaveBeenCalledWith('f', parts, 5, -1);
    expect(none.sent).toEqual([]);

    const failing = saver(fakeWorker(true).worker);
    await failing.save('f', parts, 5, 1);
    expect(failing.fallback).toHaveBeenCalledWith('f', parts, 5, 1);
    expect(failing.sent).toEqual([]);
  });

  it("fails with the server's error when the save is refused", async () => {
    const { save } = saver(fakeWorker().worker, 500);
    await expect(save('f', parts, 5, 1)).rejects.toThrow(/disk full/);
  });
});
