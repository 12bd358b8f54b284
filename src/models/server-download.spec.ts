import { ServerConnection } from '@jupyterlab/services';
import { serverDownload, ServerDownloadError } from './server-download';

const settings = ServerConnection.makeSettings({ baseUrl: 'http://host/lab-base/' });
const request = { connection: 'my s3', bucket: 'b', key: 'a/b.csv', versionId: 'v1', path: 'data/b.csv' };

/** A streamed answer whose bytes arrive in these pieces (lines split anywhere, even in a character). */
function streamed(pieces: string[], status = 200): Response {
  const bytes = new TextEncoder().encode(pieces.join(''));
  const cuts = pieces.reduce<number[]>((at, piece) => [...at, (at[at.length - 1] ?? 0) + new TextEncoder().encode(piece).length], []);
  let start = 0;
  const chunks = cuts.map(end => bytes.slice(start, (start = end)));
  // Cut the last piece inside its multi-byte character too.
  const last = chunks.pop()!;
  chunks.push(last.slice(0, 1), last.slice(1));
  return new Response(
    new ReadableStream({
      start(controller) {
        chunks.forEach(chunk => controller.enqueue(chunk));
        controller.close();
      }
    }),
    { status }
  );
}

function recorder(answers: Response[]) {
  const sent: { url: string; init: RequestInit }[] = [];
  const makeRequest = (async (url: string, init: RequestInit) => {
    sent.push({ url, init });
    return answers.shift()!;
  }) as typeof ServerConnection.makeRequest;
  return { sent, download: serverDownload(settings, makeRequest) };
}

describe('serverDownload', () => {
  it('asks the server to download and reports its progress lines until the file is complete', async () => {
    const { sent, download } = recorder([
      streamed([
        '{"total": 300, "versionId": "v1"}\n{"by',
        'tes": 100}\n',
        '{"bytes": 200}\n{"done": true, "bytes": 300, "partial": "data/b.csv.helium-partial", "note": "é"}\n'
      ])
    ]);
    const progress: [number, number][] = [];

    const partial = await download(request, (bytes, total) => progress.push([bytes, total]));

    expect(partial).toBe('data/b.csv.helium-partial');
    expect(progress).toEqual([
      [0, 300],
      [100, 300],
      [200, 300],
      [300, 300]
    ]);
    expect(sent[0].url).toBe('http://host/lab-base/helium/workspace-download/my%20s3');
    expect(sent[0].init.method).toBe('POST');
    expect(JSON.parse(sent[0].init.body as string)).toEqual({ bucket: 'b', key: 'a/b.csv', versionId: 'v1', path: 'data/b.csv' });
  });

  it("throws the server's error, with its code, from an error line or an error answer", async () => {
    const { download } = recorder([
      streamed(['{"total": 10}\n{"error": {"code": "DownloadInterrupted", "message": "broke off; nothing was saved"}}\n']),
      new Response('{"code": "NoSuchKey", "message": "s3://b/a/b.csv: gone"}', { status: 404 })
    ]);

    await expect(download(request, () => undefined)).rejects.toMatchObject({
      code: 'DownloadInterrupted',
      message: 'broke off; nothing was saved'
    });
    const error = await download(request, () => undefined).catch(e => e);
    expect(error).toBeInstanceOf(ServerDownloadError);
    expect(error).toMatchObject({ code: 'NoSuchKey', message: 's3://b/a/b.csv: gone' });
  });

  it('an answer that ends before the file is complete is an error, not a download', async () => {
    const { download } = recorder([streamed(['{"total": 10}\n{"bytes": 5}\n'])]);
    await expect(download(request, () => undefined)).rejects.toMatchObject({ code: 'IncompleteAnswer' });
  });

  it('says null (download through the page) when the workspace is not on the server, and does not ask again', async () => {
    const { sent, download } = recorder([new Response('{"code": "NoLocalWorkspace", "message": "not file-based"}', { status: 501 })]);

    expect(await download(request, () => undefined)).toBeNull();
    expect(await download(request, () => undefined)).toBeNull();
    expect(sent).toHaveLength(1);
  });

  it('says null for a server without the route (an older helium), but not for its own 404s', async () => {
    const older = recorder([new Response('<html>404: Not Found</html>', { status: 404 })]);
    expect(await older.download(request, () => undefined)).toBeNull();

    const folderGone = recorder([new Response('{"code": "NoSuchWorkspaceFolder", "message": "create it"}', { status: 404 })]);
    await expect(folderGone.download(request, () => undefined)).rejects.toMatchObject({ code: 'NoSuchWorkspaceFolder' });
  });
});
