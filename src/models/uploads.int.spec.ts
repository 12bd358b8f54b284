/**
 * Keys of uploads and names of downloads into the workspace, against the real local S3 (moto):
 * uploads refuse keys a person should not name (and send nothing), and a download never writes
 * outside the workspace folder chosen, whatever keys the bucket holds.
 * @jest-environment-options {"customExportConditions": ["node", "require", "default"]}
 */
import type { Contents } from '@jupyterlab/services';
import type { S3Client } from '@aws-sdk/client-s3';
import { listPrefixPages } from '../service/listing';
import { parseS3Uri } from '../service/uri';
import { createTestBucket, putMany, testClient } from '../testing/s3';
import { TestConnections } from '../testing/connections';
import { MemoryContents } from '../testing/memory-contents';
import { blobUploadSpecs, keyFor, workspaceDownloadSpec, workspaceFolderDownloadSpecs } from './uploads';
import { testTrans } from '../testing/translation';
import type { ServerDownload } from './server-download';

let s3: S3Client;
let bucket: string;
let connections: TestConnections;

/** The keys the folder download meets: ordinary, odd but writable, and ones paths rewrite. */
const FOLDER_KEYS = ['dl/ok.txt', 'dl/sub/tab\tname #1?.txt', 'dl/x/../../escape.txt', 'dl/a//b.txt', 'dl/./dot.txt'];

beforeAll(async () => {
  s3 = testClient();
  bucket = await createTestBucket(s3, 'uploads');
  await putMany(s3, bucket, FOLDER_KEYS, 4);
  connections = new TestConnections({ local: s3 }, { local: [bucket] });
}, 60_000);

/** Runs a transfer task to its end, returning its error message, if any. */
async function run(task: (onProgress: () => void, signal: AbortSignal) => Promise<unknown>): Promise<string | null> {
  try {
    await task(() => undefined, new AbortController().signal);
    return null;
  } catch (err) {
    return (err as Error).message;
  }
}

describe('upload keys', () => {
  const folder = () => ({ connection: 'local', bucket, prefix: 'up/' });

  it('puts a relative path under the folder, Windows separators included', () => {
    expect(keyFor(folder(), 'a/b.csv', testTrans)).toEqual({ key: 'up/a/b.csv' });
    expect(keyFor(folder(), 'a\\b.csv', testTrans)).toEqual({ key: 'up/a/b.csv' });
    expect(keyFor(folder(), '100% #1?.csv', testTrans)).toEqual({ key: 'up/100% #1?.csv' });
  });

  it('refuses what a person should not name, saying which file and why', () => {
    expect(keyFor(folder(), '../b.csv', testTrans)).toEqual({ error: expect.stringContaining('"../b.csv" was not uploaded') });
    expect(keyFor(folder(), 'a\\..\\b.csv', testTrans)).toEqual({ error: expect.stringContaining('outside') });
    expect(keyFor(folder(), 'tab\t.csv', testTrans)).toEqual({ error: expect.stringContaining('U+0009') });
    expect(keyFor(folder(), 'x'.repeat(1100), testTrans)).toEqual({ error: expect.stringMatching(/at most 1024/) });
  });

  it('a refused file fails its row with the message and writes nothing', async () => {
    const [spec] = blobUploadSpecs(connections, folder(), [{ blob: new Blob(['x']), relativePath: 'a/../../evil.txt' }], testTrans);
    expect(await run(spec.task)).toContain('"a/../../evil.txt" was not uploaded');
    const keys: string[] = [];
    for await (const page of listPrefixPages(s3, { bucket, prefix: '', delimiter: '' })) {
      keys.push(...page.objects.map(o => o.key));
    }
    expect(keys.sort()).toEqual([...FOLDER_KEYS].sort());
  });
});

describe('downloads into the workspace', () => {
  it('refuses an object named ".." before writing anything', async () => {
    const contents = new MemoryContents();
    contents.dirs.add('ws');
    contents.dirs.add('ws/inner');
    const spec = workspaceDownloadSpec(
      connections,
      contents as unknown as Contents.IManager,
      { connection: 'local', bucket, key: 'dl/ok.txt' },
      'ws/inner',
      '..',
      testTrans
    );
    expect(await run(spec.task)).toContain('".." in /ws/inner would be written outside that folder');
    expect([...contents.files.keys()]).toEqual([]);
  });

  it('downloads a folder into its own workspace folder; keys that would land elsewhere fail their rows', async () => {
    const contents = new MemoryContents();
    contents.dirs.add('ws');
    const { root, specs } = await workspaceFolderDownloadSpecs(
      connections,
      contents as unknown as Contents.IManager,
      { connection: 'local', bucket, prefix: 'dl/' },
      'ws',
      testTrans
    );
    expect(root).toBe('ws/dl');
    const errors = new Map<string, string | null>();
    for (const spec of specs) {
      errors.set(spec.label, await run(spec.task));
    }
    expect(errors.get('ok.txt')).toBeNull();
    expect(errors.get('sub/tab\tname #1?.txt')).toBeNull();
    expect(errors.get('x/../../escape.txt')).toContain('outside /ws/dl');
    expect(errors.get('a//b.txt')).toContain('an empty segment');
    expect(errors.get('./dot.txt')).toContain('a "." segment');
    // The refused rows name their object by a URI that reads back as its key.
    const uri = errors.get('x/../../escape.txt')!.split(' ')[0];
    expect(parseS3Uri(uri)).toEqual({ bucket, key: 'dl/x/../../escape.txt' });
    // Exactly the two good objects were written, both inside ws/dl, with their bytes.
    expect(Object.fromEntries(contents.files)).toEqual({
      'ws/dl/ok.txt': 'dl/ok.txt',
      'ws/dl/sub/tab\tname #1?.txt': 'dl/sub/tab\tname #1?.txt'
    });
  });

  it("puts the server's complete partial file in place, or downloads through the page when the server cannot", async () => {
    const contents = new MemoryContents();
    contents.dirs.add('ws');
    contents.files.set('ws/ok.txt', 'the old file');
    const asked: unknown[] = [];
    const serverWrites: ServerDownload = async (request, onProgress) => {
      asked.push(request);
      contents.files.set(`${request.path}.helium-partial`, 'written by the server');
      onProgress(21, 21);
      return `${request.path}.helium-partial`;
    };
    const source = { connection: 'local', bucket, key: 'dl/ok.txt', versionId: undefined, size: 9 };
    const spec = workspaceDownloadSpec(connections, contents as unknown as Contents.IManager, source, 'ws', 'ok.txt', testTrans, {
      serverDownload: serverWrites
    });
    expect(await run(spec.task)).toBeNull();
    expect(asked).toEqual([{ connection: 'local', bucket, key: 'dl/ok.txt', versionId: undefined, path: 'ws/ok.txt' }]);
    expect(Object.fromEntries(contents.files)).toEqual({ 'ws/ok.txt': 'written by the server' });

    const cannot: ServerDownload = async () => null;
    const fallback = workspaceDownloadSpec(connections, contents as unknown as Contents.IManager, source, 'ws', 'ok.txt', testTrans, {
      serverDownload: cannot
    });
    expect(await run(fallback.task)).toBeNull();
    expect(Object.fromEntries(contents.files)).toEqual({ 'ws/ok.txt': 'dl/ok.txt' }); // the object's bytes, via the page
  });

  it('refuses a folder named ".." or with an empty name before listing it', async () => {
    const contents = new MemoryContents();
    for (const prefix of ['dl/x/../', '/']) {
      await expect(
        workspaceFolderDownloadSpecs(
          connections,
          contents as unknown as Contents.IManager,
          { connection: 'local', bucket, prefix },
          'ws',
          testTrans
        )
      ).rejects.toThrow(/Not downloaded/);
    }
    expect(contents.files.size).toBe(0);
  });
});
