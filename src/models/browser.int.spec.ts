/**
 * The browser model against a real local S3 (moto): paging as the view asks, navigation,
 * refresh on a change in the folder on screen, and the errors the panel shows.
 * @jest-environment-options {"customExportConditions": ["node", "require", "default"]}
 */
import { PutObjectCommand, RestoreObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { createNodeClient } from '../service/client';
import { deleteObject, putObject } from '../service/objects';
import { createTestBucket, putMany, testClient } from '../testing/s3';
import { freePortForTests } from '../testing/ports';
import { TestConnections } from '../testing/connections';
import { BrowserModel, parentPrefix } from './browser';
import { markingTrans, testTrans } from '../testing/translation';

const names = (model: BrowserModel) => model.items.map(e => e.name);

let s3: S3Client;
let bucket: string;

beforeAll(async () => {
  s3 = testClient();
  bucket = await createTestBucket(s3, 'model');
  const keys = Array.from({ length: 250 }, (_, i) => `big/item-${String(i).padStart(3, '0')}.txt`);
  keys.push('README.md', 'data/a.csv', 'data/sub/b.csv', 'zeta/z.txt');
  await putMany(s3, bucket, keys, 16);
}, 60_000);

function makeModel(pageSize = 1000, buckets = [bucket], firstPageSize?: number): { model: BrowserModel; connections: TestConnections } {
  const connections = new TestConnections({ local: s3 }, { local: buckets });
  return { model: new BrowserModel(connections, testTrans, { pageSize, firstPageSize }), connections };
}

it('opens the first bucket of the first connection with folders first', async () => {
  const { model } = makeModel();
  await model.initialize();
  expect(model.connection).toBe('local');
  expect(model.bucket).toBe(bucket);
  expect(model.error).toBeNull();
  expect(names(model)).toEqual(['big', 'data', 'zeta', 'README.md']);
  expect(model.hasMore).toBe(false);
});

it('loads one page at a time, only when asked', async () => {
  const { model } = makeModel(100);
  await model.initialize();
  await model.cd('big/');
  expect(model.loadedCount).toBe(100);
  expect(model.hasMore).toBe(true);
  await model.loadMore();
  expect(model.loadedCount).toBe(200);
  await model.loadAll();
  expect(model.loadedCount).toBe(250);
  expect(model.hasMore).toBe(false);
  expect(names(model)[249]).toBe('item-249.txt');
});

it('lists a short first page (the first rows at once), then full pages', async () => {
  const { model } = makeModel(1000);
  expect(model.firstPageSize).toBe(100);
  await model.initialize();
  await model.cd('big/');
  expect(model.loadedCount).toBe(100);
  expect(names(model)[99]).toBe('item-099.txt');
  expect(model.hasMore).toBe(true);
  await model.loadMore();
  expect(model.loadedCount).toBe(250);
  expect(model.hasMore).toBe(false);
  expect(new Set(names(model)).size).toBe(250);
});

it('never asks a first page larger than the page size a setting lowered it to', async () => {
  const { model } = makeModel(1000);
  model.pageSize = 30; // the panel's pageSize setting, read after the model was made
  await model.initialize();
  await model.cd('big/');
  expect(model.loadedCount).toBe(30);
  await model.loadMore();
  expect(model.loadedCount).toBe(60);
});

it('sorts and filters what is loaded', async () => {
  const { model } = makeModel(1000, [bucket], 1000);
  await model.initialize();
  await model.cd('big/');
  model.setFilter('ITEM-24');
  expect(names(model)).toEqual(Array.from({ length: 10 }, (_, i) => `item-24${i}.txt`));
  model.setSort({ by: 'name', direction: 'desc' });
  expect(names(model)[0]).toBe('item-249.txt');
});

it('applies changes in the folder on screen in place, and ignores other folders', async () => {
  const { model, connections } = makeModel();
  await model.initialize();
  await model.cd('data/');
  expect(names(model)).toEqual(['sub', 'a.csv']);
  await putObject(s3, { bucket, key: 'data/new.csv', body: 'x' });
  const refreshed = new Promise<void>(resolve => model.changed.connect(() => !model.loading && resolve()));
  connections.notifyChanged({ connection: 'local', bucket, key: 'data/new.csv', type: 'put' });
  await refreshed;
  expect(names(model)).toEqual(['sub', 'a.csv', 'new.csv']);
  // A save of a loaded object updates its size without re-listing; a delete removes it.
  await putObject(s3, { bucket, key: 'data/a.csv', body: 'a much longer body than before' });
  const updated = new Promise<void>(resolve => model.changed.connect(() => resolve()));
  connections.notifyChanged({ connection: 'local', bucket, key: 'data/a.csv', type: 'put' });
  await updated;
  expect(model.items.find(e => e.name === 'a.csv')).toMatchObject({ size: 30 });
  await deleteObject(s3, { bucket, key: 'data/new.csv' });
  const removed = new Promise<void>(resolve => model.changed.connect(() => resolve()));
  connections.notifyChanged({ connection: 'local', bucket, key: 'data/new.csv', type: 'delete' });
  await removed;
  expect(names(model)).toEqual(['sub', 'a.csv']);
  // A folder uploaded under the folder on screen shows up as that folder, once.
  // (notice only: moto would keep listing the folder after its object is deleted, unlike S3)
  const folderShown = new Promise<void>(resolve => model.changed.connect(() => resolve()));
  connections.notifyChanged({ connection: 'local', bucket, key: 'data/uploaded/deep/x.csv', type: 'put' });
  await folderShown;
  expect(names(model)).toEqual(['sub', 'uploaded', 'a.csv']);
  let emitted = 0;
  model.changed.connect(() => emitted++);
  connections.notifyChanged({ connection: 'local', bucket, key: 'zeta/other.txt', type: 'put' });
  expect(emitted).toBe(0);
});

it('ignores a page that lands after the user navigated, and never sticks in loading', async () => {
  const { model } = makeModel(100);
  await model.initialize();
  const slow = model.cd('big/');
  const fast = model.cd('data/');
  void model.refresh();
  await Promise.all([slow, fast, model.refresh()]);
  expect(model.prefix).toBe('data/');
  expect(names(model)).toEqual(['sub', 'a.csv']);
  expect(model.loading).toBe(false);
  expect(model.hasMore).toBe(false);
});

describe('a bucket typed by name', () => {
  it('that does not exist: the panel stays where it was, the error names it, retrying tries it again', async () => {
    const { model } = makeModel();
    await model.initialize();
    await model.cd('data/');
    const before = names(model);
    await model.open('no-such-bucket-for-helium', 'x/');
    expect(model.error).toMatchObject({ scope: 'open', bucket: 'no-such-bucket-for-helium', prefix: 'x/', canRetry: true });
    expect(model.error?.message).toMatch(/does not exist/);
    expect(model.error?.message).toContain('no-such-bucket-for-helium');
    // Picker, breadcrumbs and listing still agree on the bucket that was open.
    expect([model.bucket, model.prefix, names(model)]).toEqual([bucket, 'data/', before]);
    expect(model.buckets).toEqual([bucket]);
    expect(model.loading).toBe(false);
    // Try again opens the failed bucket again (and fails the same way); Dismiss forgets it.
    await model.open(model.error!.bucket!, model.error!.prefix!);
    expect(model.error).toMatchObject({ scope: 'open', bucket: 'no-such-bucket-for-helium' });
    expect(model.buckets).toEqual([bucket]);
    model.dismissError();
    expect(model.error).toBeNull();
    expect(names(model)).toEqual(before);
  });

  it('that S3 would refuse: nothing is requested or changed, and it cannot be retried', async () => {
    const { model } = makeModel();
    await model.initialize();
    await model.open('Not_A_Bucket', '');
    expect(model.error).toMatchObject({ scope: 'open', bucket: 'Not_A_Bucket', canRetry: false });
    expect(model.error?.message).toMatch(/bucket name/i);
    expect([model.bucket, model.buckets]).toEqual([bucket, [bucket]]);
  });

  it('that exists: opens once its first page is listed, and joins the picker', async () => {
    const other = await createTestBucket(s3, 'typed');
    await putMany(s3, other, ['in-other.txt'], 1);
    const { model } = makeModel();
    await model.initialize();
    await model.cd('data/');
    const opening = model.open(other, '');
    expect([model.opening, model.loading, model.bucket]).toEqual([other, true, bucket]);
    await opening;
    expect(model.error).toBeNull();
    expect([model.bucket, model.prefix, model.opening]).toEqual([other, '', null]);
    expect(names(model)).toEqual(['in-other.txt']);
    expect(model.buckets).toEqual([bucket, other]);
  });

  it('is dropped when the person navigates before it answers', async () => {
    const other = await createTestBucket(s3, 'dropped');
    const { model } = makeModel();
    await model.initialize();
    const opening = model.open(other, '');
    await model.cd('data/');
    await opening;
    expect([model.bucket, model.prefix, model.opening]).toEqual([bucket, 'data/', null]);
    expect(names(model)).toEqual(['sub', 'a.csv']);
    expect(model.buckets).toEqual([bucket]);
  });

  it('a bucket of the configured list opens at once, errors included (the picker shows it)', async () => {
    const { model } = makeModel(1000, [bucket, 'configured-but-missing']);
    await model.initialize();
    await model.open('configured-but-missing', '');
    expect(model.bucket).toBe('configured-but-missing');
    expect(model.error).toMatchObject({ scope: 'listing' });
    expect(model.error?.message).toMatch(/does not exist/);
  });
});

it('reports an unreachable endpoint instead of an empty panel', async () => {
  const port = await freePortForTests();
  const offline = createNodeClient({
    endpoint: `http://127.0.0.1:${port}`,
    region: 'us-east-1',
    credentials: { accessKeyId: 'x', secretAccessKey: 'y' },
    maxAttempts: 1
  });
  const connections = new TestConnections({ offline }, { offline: ['some-bucket'] });
  const model = new BrowserModel(connections, testTrans);
  await model.initialize();
  expect(model.error?.scope).toBe('listing');
  expect(model.error?.message).toMatch(/reach/i);
  expect(model.items).toHaveLength(0);
});

describe('an object and a folder of one name, and a folder key with bytes', () => {
  beforeAll(async () => {
    for (const [key, body] of [
      ['twin/x', 'the object x'],
      ['twin/x/inside.txt', 'in the folder x'],
      ['twin/m/', 'bytes in a folder marker'],
      ['twin/m/b.txt', 'b'],
      ['twin/e/', '']
    ]) {
      await putObject(s3, { bucket, key, body });
    }
  });

  it('lists both as rows of their own, and each one goes where it should', async () => {
    const { model } = makeModel();
    await model.initialize();
    await model.cd('twin/');
    expect(model.items.map(e => [e.kind, e.name])).toEqual([
      ['folder', 'e'],
      ['folder', 'm'],
      ['folder', 'x'],
      ['object', 'x']
    ]);
    expect((await model.reveal(bucket, 'twin/x'))?.kind).toBe('object');
    expect((await model.reveal(bucket, 'twin/x/'))?.kind).toBe('folder');
    await model.cd('twin/x/');
    expect(names(model)).toEqual(['inside.txt']);
  });

  it("shows a folder's own key that holds bytes as an object row (empty name) in that folder, never an empty marker", async () => {
    const { model } = makeModel();
    await model.initialize();
    await model.cd('twin/m/');
    expect(model.items.map(e => (e.kind === 'object' ? [e.key, e.size] : e.prefix))).toEqual([
      ['twin/m/', 24],
      ['twin/m/b.txt', 1]
    ]);
    await model.cd('twin/e/');
    expect(model.items).toEqual([]);
  });
});

it('reads an archived row again after a restore: restored, with its expiry, from HEAD (moto lists no RestoreStatus)', async () => {
  await s3.send(new PutObjectCommand({ Bucket: bucket, Key: 'cold/data.csv', Body: 'a\n', StorageClass: 'GLACIER' }));
  const { model } = makeModel();
  await model.initialize();
  await model.cd('cold/');
  const [listed] = model.items;
  expect(listed.kind === 'object' && [listed.storageClass, listed.restore]).toEqual(['GLACIER', undefined]);
  await s3.send(new RestoreObjectCommand({ Bucket: bucket, Key: 'cold/data.csv', RestoreRequest: { Days: 2 } }));
  await model.refreshRow('cold/data.csv');
  const [row] = model.items;
  expect(row.kind === 'object' && row.storageClass).toBe('GLACIER');
  const restore = row.kind === 'object' ? row.restore : undefined;
  expect(restore?.inProgress).toBe(false);
  expect(restore!.expiry!.getTime()).toBeGreaterThan(Date.now());
  // A key not on screen is not read.
  await model.refreshRow('cold/missing.csv');
  expect(model.items).toHaveLength(1);
});

describe('reveal (Go to S3 URI)', () => {
  it('opens the folder holding an object and loads pages until its row is selected', async () => {
    const { model } = makeModel(100);
    await model.initialize();
    const before = model.revealCount;
    const entry = await model.reveal(bucket, 'big/item-230.txt');
    expect(entry?.kind === 'object' && entry.key).toBe('big/item-230.txt');
    expect(model.prefix).toBe('big/');
    expect(model.loadedCount).toBe(250);
    expect(model.selected).toBe(entry);
    expect(model.items).toContain(entry);
    expect(model.revealCount).toBe(before + 1);
  });

  it('selects a folder in its parent, and opens a bucket root for an empty key', async () => {
    const { model } = makeModel();
    await model.initialize();
    const folder = await model.reveal(bucket, 'data/sub/');
    expect(model.prefix).toBe('data/');
    expect(folder?.kind === 'folder' && folder.prefix).toBe('data/sub/');
    // Without the trailing slash: the folder too, as no object has that key.
    const again = await model.reveal(bucket, 'data/sub');
    expect(again?.kind === 'folder' && again.prefix).toBe('data/sub/');
    expect(await model.reveal(bucket, '')).toBeNull();
    expect(model.prefix).toBe('');
    expect(model.error).toBeNull();
  });

  it('leaves the folder open with nothing selected when no row has the key', async () => {
    const { model } = makeModel();
    await model.initialize();
    const before = model.revealCount;
    expect(await model.reveal(bucket, 'data/missing.csv')).toBeNull();
    expect(model.prefix).toBe('data/');
    expect(model.selected).toBeNull();
    expect(model.revealCount).toBe(before);
  });
});

describe('whenInitialized', () => {
  it('initializes once, so a command run before the panel was shown can wait for it', async () => {
    const { model } = makeModel();
    const first = model.whenInitialized();
    expect(model.whenInitialized()).toBe(first);
    await first;
    expect(model.connection).toBe('local');
    const entry = await model.reveal(bucket, 'data/a.csv');
    expect(entry?.kind === 'object' && entry.key).toBe('data/a.csv');
  });
});

describe('parentPrefix', () => {
  it('names the folder listing a key, keeping odd segments', () => {
    expect(parentPrefix('a/b/c.txt')).toBe('a/b/');
    expect(parentPrefix('a/b/c/')).toBe('a/b/');
    expect(parentPrefix('top.txt')).toBe('');
    expect(parentPrefix('a//b')).toBe('a//');
    expect(parentPrefix('/leading')).toBe('/');
  });
});

it('words its own messages through the translator', async () => {
  const model = new BrowserModel(new TestConnections({}, {}), markingTrans);
  await model.initialize();
  expect(model.error?.message).toBe('«No S3 connection is configured on the server. Add one to c.Helium.connections.»');
});
