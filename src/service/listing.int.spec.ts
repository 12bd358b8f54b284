/**
 * Integration tests of listing against a real local S3 server (moto, see src/testing).
 * @jest-environment-options {"customExportConditions": ["node", "require", "default"]}
 */
import { PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { createTestBucket, putMany, testClient } from '../testing/s3';
import { freePortForTests } from '../testing/ports';
import { HeliumError } from './error-class';
import { ListingPage, listBuckets, listPrefixPages } from './listing';
import { putObject } from './objects';

const N = 2500;
const keyOf = (i: number) => `many/file-${String(i).padStart(5, '0')}.txt`;

let s3: S3Client;
let bucket: string;

beforeAll(async () => {
  s3 = testClient();
  bucket = await createTestBucket(s3, 'listing');
  const keys = Array.from({ length: N }, (_, i) => keyOf(i));
  // A folder marker for the listed prefix itself, three folders (one with only a marker).
  keys.push('many/', 'many/dir-a/x.txt', 'many/dir-b/y.txt', 'many/dir-b/z.txt', 'many/empty/', 'top.txt');
  await putMany(s3, bucket, keys, 16);
}, 120_000);

/**
 * Collect every page of a listing.
 * @param options - what to list.
 * @returns the pages.
 */
async function allPages(options: Parameters<typeof listPrefixPages>[1]): Promise<ListingPage[]> {
  const pages: ListingPage[] = [];
  for await (const page of listPrefixPages(s3, options)) {
    pages.push(page);
  }
  return pages;
}

describe('listBuckets', () => {
  it('lists the bucket with its creation date', async () => {
    const buckets = await listBuckets(s3);
    const mine = buckets.find(b => b.name === bucket);
    expect(mine).toBeDefined();
    expect(mine!.creationDate).toBeInstanceOf(Date);
    const names = buckets.map(b => b.name);
    expect(names).toEqual([...names].sort());
  });
});

describe('listPrefixPages', () => {
  it('lists 2,500 keys and 3 folders in pages of 1,000 with continuation', async () => {
    const pages = await allPages({ bucket, prefix: 'many/' });
    // ListObjectsV2 counts keys and common prefixes against MaxKeys: 2,500 + 1 marker + 3 folders.
    expect(pages.length).toBe(3);
    expect(pages.map(p => p.isLast)).toEqual([false, false, true]);
    const objects = pages.flatMap(p => p.objects);
    const folders = pages.flatMap(p => p.folders);
    expect(objects).toHaveLength(N);
    expect(new Set(objects.map(o => o.key)).size).toBe(N);
    expect(objects.map(o => o.key)).toEqual(Array.from({ length: N }, (_, i) => keyOf(i)));
    expect(objects.some(o => o.key === 'many/')).toBe(false); // the folder marker is left out
    expect(folders).toEqual([
      { kind: 'folder', name: 'dir-a', prefix: 'many/dir-a/' },
      { kind: 'folder', name: 'dir-b', prefix: 'many/dir-b/' },
      { kind: 'folder', name: 'empty', prefix: 'many/empty/' }
    ]);
    const first = objects[0];
    expect(first).toMatchObject({ kind: 'object', name: 'file-00000.txt', key: keyOf(0), size: keyOf(0).length });
    expect(first.lastModified).toBeInstanceOf(Date);
    expect(first.etag).toMatch(/^[0-9a-f]{32}$/);
    expect(first.storageClass).toBe('STANDARD');
  });

  it('lists the root with folders and objects, and smaller pages', async () => {
    const root = await allPages({ bucket });
    expect(root.flatMap(p => p.folders).map(f => f.prefix)).toEqual(['many/']);
    expect(root.flatMap(p => p.objects).map(o => o.key)).toEqual(['top.txt']);

    const small = await allPages({ bucket, prefix: 'many/dir-b/', pageSize: 1 });
    expect(small.map(p => p.objects.map(o => o.name))).toEqual([['y.txt'], ['z.txt']]);
    expect(small.map(p => p.isLast)).toEqual([false, true]);
  });

  it('lists recursively without a delimiter', async () => {
    const pages = await allPages({ bucket, prefix: 'many/dir-', delimiter: '' });
    const objects = pages.flatMap(p => p.objects);
    expect(objects.map(o => o.name)).toEqual(['dir-a/x.txt', 'dir-b/y.txt', 'dir-b/z.txt']);
    expect(pages.flatMap(p => p.folders)).toEqual([]);
  });

  it('lists only the keys after startAfter, across pages', async () => {
    const pages = await allPages({ bucket, prefix: 'many/file-', delimiter: '', pageSize: 400, startAfter: keyOf(1899) });
    const keys = pages.flatMap(p => p.objects.map(o => o.key));
    expect(keys).toEqual(Array.from({ length: N - 1900 }, (_, i) => keyOf(1900 + i)));
    expect(pages.length).toBe(2);
  });

  it('asks for a short first page, then full pages, and lists every key once', async () => {
    const pages = await allPages({ bucket, prefix: 'many/file-', delimiter: '', pageSize: 1000, firstPageSize: 50 });
    expect(pages.map(p => p.objects.length)).toEqual([50, 1000, 1000, N - 2050]);
    expect(pages.flatMap(p => p.objects.map(o => o.key))).toEqual(Array.from({ length: N }, (_, i) => keyOf(i)));
  });

  it('stops early when the consumer breaks out', async () => {
    const seen: ListingPage[] = [];
    for await (const page of listPrefixPages(s3, { bucket, prefix: 'many/', pageSize: 100 })) {
      seen.push(page);
      break;
    }
    expect(seen).toHaveLength(1);
    // 100 = the marker `many/` (left out) + 3 folders + 96 objects
    expect(seen[0].folders).toHaveLength(3);
    expect(seen[0].objects).toHaveLength(96);
    expect(seen[0].isLast).toBe(false);
  });

  it('abort between pages → Cancelled', async () => {
    const controller = new AbortController();
    const pages = listPrefixPages(s3, { bucket, prefix: 'many/', signal: controller.signal });
    const first = await pages.next();
    expect(first.done).toBe(false);
    controller.abort();
    const err = await pages.next().catch(e => e);
    expect(err).toBeInstanceOf(HeliumError);
    expect(err.kind).toBe('Cancelled');
    expect(err.message).toBe(`Listing s3://${bucket}/many/ was cancelled.`);
  });

  it('abort during a request → Cancelled', async () => {
    const controller = new AbortController();
    const pages = listPrefixPages(s3, { bucket, prefix: 'many/', signal: controller.signal });
    const pending = pages.next();
    controller.abort();
    await expect(pending).rejects.toMatchObject({ kind: 'Cancelled' });
  });

  it('a missing bucket → NotFound with a message', async () => {
    const err = await allPages({ bucket: 'helium-no-such-bucket-0' }).catch(e => e);
    expect(err).toBeInstanceOf(HeliumError);
    expect(err.kind).toBe('NotFound');
    expect(err.code).toBe('NoSuchBucket');
    expect(err.message).toBe('Bucket "helium-no-such-bucket-0" does not exist on this endpoint. Check the name, or pick another bucket.');
  });

  it('an invalid bucket name is rejected before any request', async () => {
    // A client for a closed port: any request would fail with Network instead.
    const offline = testClient({ endpoint: `http://127.0.0.1:${await freePortForTests()}`, maxAttempts: 1 });
    const err = await allPages({ bucket: 'Bad_Bucket' }).catch(e => e);
    expect(err.kind).toBe('InvalidInput');
    const offlineErr = await (async () => {
      for await (const page of listPrefixPages(offline, { bucket: 'Bad_Bucket' })) {
        return page;
      }
    })().catch(e => e);
    expect(offlineErr.kind).toBe('InvalidInput');
    expect(offlineErr.message).toContain('lowercase letters');
  });

  it('an unreachable endpoint → Network naming the endpoint', async () => {
    const endpoint = `http://127.0.0.1:${await freePortForTests()}`;
    const offline = testClient({ endpoint });
    const err = await listPrefixPages(offline, { bucket })
      .next()
      .catch(e => e);
    expect(err).toBeInstanceOf(HeliumError);
    expect(err.kind).toBe('Network');
    expect(err.code).toBe('ECONNREFUSED');
    expect(err.message).toBe(
      `Cannot reach the S3 endpoint ${endpoint}: is it running? Check its address and your network connection, then try again.`
    );
    const buckets = await listBuckets(offline).catch(e => e);
    expect(buckets.kind).toBe('Network');
    const write = await putObject(offline, { bucket, key: 'x', body: 'x' }).catch(e => e);
    expect(write.kind).toBe('Network');
  });
});

describe('keys S3 allows that look like folders', () => {
  beforeAll(async () => {
    // An object and a folder of one name; a folder's own key with bytes in it; an empty marker;
    // an empty segment (`//`).
    for (const [key, body] of [
      ['same/x', 'the object x'],
      ['same/x/inside.txt', 'in the folder x'],
      ['same/m/', 'bytes in a folder marker'],
      ['same/m/b.txt', 'b'],
      ['same/e/', ''],
      ['same//y.txt', 'under an empty name']
    ]) {
      await putObject(s3, { bucket, key, body });
    }
  });

  const entries = async (prefix: string, options: { keepPrefixObjectWithBytes?: boolean } = {}) => {
    const [page] = await allPages({ bucket, prefix, ...options });
    return { folders: page.folders.map(f => [f.name, f.prefix]), objects: page.objects.map(o => [o.name, o.key, o.size]) };
  };

  it('lists an object and a folder of the same name as two entries', async () => {
    expect(await entries('same/')).toEqual({
      folders: [
        ['', 'same//'],
        ['e', 'same/e/'],
        ['m', 'same/m/'],
        ['x', 'same/x/']
      ],
      objects: [['x', 'same/x', 12]]
    });
    expect(await entries('same/x/')).toEqual({ folders: [], objects: [['inside.txt', 'same/x/inside.txt', 15]] });
    expect(await entries('same//')).toEqual({ folders: [], objects: [['y.txt', 'same//y.txt', 19]] });
  });

  it("keeps a folder's own key when it holds bytes, if asked, and never an empty marker", async () => {
    expect((await entries('same/m/')).objects).toEqual([['b.txt', 'same/m/b.txt', 1]]);
    expect((await entries('same/m/', { keepPrefixObjectWithBytes: true })).objects).toEqual([
      ['', 'same/m/', 24],
      ['b.txt', 'same/m/b.txt', 1]
    ]);
    expect(await entries('same/e/', { keepPrefixObjectWithBytes: true })).toEqual({ folders: [], objects: [] });
  });
});

describe('RestoreStatus in listings', () => {
  it('is asked for and accepted by the local S3 (which leaves it out of its answer)', async () => {
    await s3.send(new PutObjectCommand({ Bucket: bucket, Key: 'cold/data.csv', Body: 'a\n', StorageClass: 'GLACIER' }));
    const asked: unknown[] = [];
    s3.middlewareStack.add(
      next => args => {
        asked.push((args.input as { OptionalObjectAttributes?: string[] }).OptionalObjectAttributes);
        return next(args);
      },
      { step: 'initialize', name: 'recordOptionalAttributes' }
    );
    try {
      const [page] = await allPages({ bucket, prefix: 'cold/', restoreStatus: true });
      expect(asked).toEqual([['RestoreStatus']]);
      expect(page.objects.map(o => [o.key, o.storageClass])).toEqual([['cold/data.csv', 'GLACIER']]);
      // moto answers without RestoreStatus, so the panel shows it archived (listing-restore.spec.ts plays AWS).
      expect(page.objects[0].restore).toBeUndefined();
      // Accepted, not refused: the next listing through this client asks again.
      await allPages({ bucket, prefix: 'cold/', restoreStatus: true });
      expect(asked).toEqual([['RestoreStatus'], ['RestoreStatus']]);
    } finally {
      s3.middlewareStack.remove('recordOptionalAttributes');
    }
  });
});
