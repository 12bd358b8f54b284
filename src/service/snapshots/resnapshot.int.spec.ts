/**
 * Integration tests of snapshots that list no versions (resnapshot.ts, version-stamps.ts)
 * against the real local S3 (moto): a first snapshot learns every version from the HEAD that
 * reads its checksum; a re-snapshot keeps the version the previous snapshot pinned for unchanged
 * objects with no request, changed and new ones get one HEAD each; and the manifest is exactly the
 * one a snapshot listing every version makes — with odd keys, objects changed or deleted between
 * the listing and the HEAD, versions "null", and previous snapshots without stamps.
 * @jest-environment-options {"customExportConditions": ["node", "require", "default"]}
 */
import { DeleteObjectCommand, PutBucketVersioningCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { createTestBucket, testClient } from '../../testing/s3';
import { deleteObject } from '../objects-write';
import { getObjectText } from '../objects-read';
import { quiltChunkedHash } from '../transfers/quilt-hash';
import { bytesSource } from '../transfers/sources';
import { encodeHeliumHeader } from '../values/header';
import { formatPhysicalKey } from './manifest';
import { readSnapshot } from './registry';
import { snapshot } from './snapshot';
import type { Manifest } from './types';
import { parseStamps, stampsKey } from './version-stamps';
import { afterStampSettle } from '../../testing/stamps';

jest.setTimeout(120_000);

let s3: S3Client;
let bucket: string;
/** The version written last, by key. */
const current = new Map<string, { bytes: Uint8Array; versionId: string }>();
const encode = (text: string): Uint8Array => new TextEncoder().encode(text);
const settle = afterStampSettle;

/**
 * Write an object with a SHA-256 checksum through the raw SDK (our putObject refuses control
 * characters in keys, which S3 holds) and remember its version.
 * @param key - the key.
 * @param text - its content.
 * @param metadata - user metadata, if any.
 */
async function put(key: string, text: string, metadata?: Record<string, string>): Promise<void> {
  const bytes = encode(text);
  const out = await s3.send(
    new PutObjectCommand({ Bucket: bucket, Key: key, Body: bytes, ChecksumAlgorithm: 'SHA256', Metadata: metadata })
  );
  current.set(key, { bytes, versionId: out.VersionId ?? 'null' });
}

/**
 * A client that counts its commands and logs the keys it HEADs.
 * @param before - called before each HeadObject with its key (to race it).
 * @returns the client, the counts by command, the HEADed keys and the ListObjectsV2 prefixes.
 */
function countingClient(before?: (key: string) => Promise<void>): {
  client: S3Client;
  counts: Map<string, number>;
  heads: string[];
  listed: string[];
} {
  const client = testClient();
  const counts = new Map<string, number>();
  const heads: string[] = [];
  const listed: string[] = [];
  client.middlewareStack.add(
    (next, context) => async args => {
      const name = String(context.commandName);
      counts.set(name, (counts.get(name) ?? 0) + 1);
      if (name === 'HeadObjectCommand') {
        const key = (args.input as { Key: string }).Key;
        heads.push(key);
        await before?.(key);
      } else if (name === 'ListObjectsV2Command') {
        listed.push(String((args.input as { Prefix?: string }).Prefix));
      }
      return next(args);
    },
    { step: 'initialize', name: 'heliumCountCommands' }
  );
  return { client, counts, heads, listed };
}

/**
 * The entries of a manifest as comparable rows (the manifest of the same folder listed with
 * versions must have the very same).
 * @param manifest - the manifest.
 * @returns sorted rows.
 */
function rows(manifest: Manifest): unknown[] {
  return manifest.entries
    .map(e => [e.logical_key, e.physical_keys, e.size, e.hash, e.meta])
    .sort((a, b) => ((a[0] as string) < (b[0] as string) ? -1 : 1));
}

/**
 * What a snapshot of the folder must hold: every remembered object at its last version.
 * @param folder - the folder.
 * @returns sorted rows of logical key, physical key, size and hash.
 */
async function expectedRows(folder: string): Promise<unknown[]> {
  const out: unknown[] = [];
  for (const [key, { bytes, versionId }] of [...current].filter(([k]) => k.startsWith(folder)).sort(([a], [b]) => (a < b ? -1 : 1))) {
    out.push([
      key.slice(folder.length),
      [formatPhysicalKey({ bucket, key, versionId })],
      bytes.length,
      { type: 'sha2-256-chunked', value: await quiltChunkedHash(bytesSource(bytes)) }
    ]);
  }
  return out;
}

/**
 * A snapshot of the folder made with every version listed, with the same message: the same
 * manifest, so the same top hash. (Versions are listed when the package's previous snapshot has
 * no stamps: a snapshot under a new name, whose stamps are then deleted, is that previous one.)
 * @param folder - the folder.
 * @param message - the message.
 * @returns its manifest.
 */
async function fullListingManifest(folder: string, message: string): Promise<Manifest> {
  const name = `full/${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
  const unstamped = await snapshot(s3, { bucket, folder, message: 'to be unstamped', name });
  await s3.send(new DeleteObjectCommand({ Bucket: bucket, Key: stampsKey(unstamped.topHash) }));
  const { client, counts } = countingClient();
  const made = await snapshot(client, { bucket, folder, message, name });
  expect(counts.get('ListObjectVersionsCommand')).toBeGreaterThan(0);
  expect(made.versionLookups).toBe(0);
  return readSnapshot(s3, bucket, made.topHash);
}

beforeAll(async () => {
  s3 = testClient();
  bucket = await createTestBucket(s3, 'resnapshot');
});

afterAll(() => s3?.destroy());

describe('a re-snapshot lists no versions', () => {
  const folder = 're/';
  const unchanged = [
    're/keep-1.txt',
    're/keep-2.txt',
    're/deep/keep-3.txt',
    're/cr\rkey',
    're/ctl\x01x',
    're/p+x %41.txt',
    're/é 😀 #?.txt'
  ];
  let leftOutVersion: string;
  const long = `re/${'l'.repeat(200)}/${'x'.repeat(1024 - 're/'.length - 201 - 4)}😀`;

  beforeAll(async () => {
    expect(Buffer.byteLength(long)).toBe(1024);
    for (const key of [...unchanged, long]) {
      await put(key, `bytes of ${JSON.stringify(key)}`);
    }
    await put('re/meta.csv', 'x,y\n1,2\n', { helium: encodeHeliumHeader('csv', { unit: 'm' }) });
    await put('re/same-size.txt', 'AAAA');
    await put('re/grows.txt', 'small');
    await put('re/deleted.txt', 'gone soon');
    // quilt3 cannot hold this name: left out, as from a listing of versions.
    await put('re/a/../b', 'left out');
    leftOutVersion = current.get('re/a/../b')!.versionId;
    current.delete('re/a/../b');
    await settle();
  });

  it('a first snapshot lists no versions either (its HEADs tell them), and records its stamps', async () => {
    const { client, counts, heads } = countingClient();
    const first = await snapshot(client, { bucket, folder, message: 'one' });
    expect(counts.get('ListObjectVersionsCommand')).toBeUndefined();
    // Every object's HEAD tells its version, the left-out one's too (a listing of versions names it).
    expect(heads.sort()).toEqual([...current.keys(), 're/a/../b'].sort());
    expect(first.leftOut.map(o => [o.key, o.versionId])).toEqual([['re/a/../b', leftOutVersion]]);
    expect(first).toMatchObject({ versionLookups: current.size, reusedHashes: 0, entries: current.size });
    expect(rows(await readSnapshot(s3, bucket, first.topHash)).map(r => (r as unknown[]).slice(0, 4))).toEqual(await expectedRows(folder));
    expect((await fullListingManifest(folder, 'one')).topHash).toBe(first.topHash);
    const stamps = parseStamps((await getObjectText(s3, { bucket, key: stampsKey(first.topHash) })).text)!;
    expect([...stamps.keys()].sort()).toEqual([...current.keys()].sort());
    for (const [key, { versionId }] of current) {
      expect(stamps.get(key)?.versionId).toBe(versionId);
    }
  });

  it('keeps unchanged versions without a request, HEADs only changed and new keys, drops deleted ones', async () => {
    await put('re/same-size.txt', 'BBBB'); // same size, other bytes: only the ETag tells
    await put('re/grows.txt', 'larger than before');
    await put('re/new.txt', 'new');
    await deleteObject(s3, { bucket, key: 're/deleted.txt' });
    current.delete('re/deleted.txt');
    await settle(); // so that this snapshot stamps them, for the next test

    const { client, counts, heads, listed } = countingClient();
    const second = await snapshot(client, { bucket, folder, message: 'two' });
    expect(counts.get('ListObjectVersionsCommand')).toBeUndefined();
    // One page for the folder (the others list the package's pointers).
    expect(listed.filter(p => p === folder)).toHaveLength(1);
    expect(heads.sort()).toEqual(['re/a/../b', 're/grows.txt', 're/new.txt', 're/same-size.txt']);
    expect(second).toMatchObject({
      versionLookups: 3,
      checksumHashes: 3,
      streamedHashes: 0,
      reusedHashes: current.size - 3,
      entries: current.size
    });
    expect(second.leftOut.map(o => [o.key, o.versionId])).toEqual([['re/a/../b', leftOutVersion]]);

    const manifest = await readSnapshot(s3, bucket, second.topHash);
    expect(rows(manifest).map(r => (r as unknown[]).slice(0, 4))).toEqual(await expectedRows(folder));
    expect(manifest.entries.find(e => e.logical_key === 'meta.csv')?.meta).toEqual({ target: 'csv', user_meta: { unit: 'm' } });
    // Exactly the manifest a listing of every version gives: same entries, so the same top hash.
    const full = await fullListingManifest(folder, 'two');
    expect(rows(manifest)).toEqual(rows(full));
    expect(full.topHash).toBe(second.topHash);
  });

  it('a third snapshot with nothing changed HEADs nothing but the object it leaves out', async () => {
    const { client, heads } = countingClient();
    const third = await snapshot(client, { bucket, folder, message: 'three' });
    expect(heads).toEqual(['re/a/../b']);
    expect(third).toMatchObject({ versionLookups: 0, reusedHashes: current.size });
    expect(rows(await readSnapshot(s3, bucket, third.topHash)).map(r => (r as unknown[]).slice(0, 4))).toEqual(await expectedRows(folder));
  });

  it('records the version a HEAD saw when an object changes or goes between the listing and its HEAD', async () => {
    await put('re/keep-1.txt', 'changed once');
    await put('re/keep-2.txt', 'changed, then deleted before its HEAD');
    const raced = new Set<string>();
    const { client } = countingClient(async key => {
      if (raced.has(key)) {
        return;
      }
      raced.add(key);
      if (key === 're/keep-1.txt') {
        await put(key, 'changed again before its HEAD');
      } else if (key === 're/keep-2.txt') {
        await s3.send(new DeleteObjectCommand({ Bucket: bucket, Key: key }));
        current.delete(key);
      }
    });
    const raced1 = await snapshot(client, { bucket, folder, message: 'raced' });
    expect(raced).toEqual(new Set(['re/a/../b', 're/keep-1.txt', 're/keep-2.txt']));
    expect(raced1.entries).toBe(current.size);
    const manifest = await readSnapshot(s3, bucket, raced1.topHash);
    // keep-1.txt: the newest version with its own hash and size; keep-2.txt: gone.
    expect(rows(manifest).map(r => (r as unknown[]).slice(0, 4))).toEqual(await expectedRows(folder));
  });

  it('lists versions again when the previous snapshot has no stamps (older snapshots, quilt3’s)', async () => {
    const before = await snapshot(s3, { bucket, folder, message: 'stamped' });
    await s3.send(new DeleteObjectCommand({ Bucket: bucket, Key: stampsKey(before.topHash) }));
    await put('re/grows.txt', 'grown again');
    const { client, counts } = countingClient();
    const after = await snapshot(client, { bucket, folder, message: 'unstamped previous' });
    expect(counts.get('ListObjectVersionsCommand')).toBeGreaterThan(0);
    expect(after).toMatchObject({ versionLookups: 0, reusedHashes: current.size - 1, checksumHashes: 1 });
    expect(rows(await readSnapshot(s3, bucket, after.topHash)).map(r => (r as unknown[]).slice(0, 4))).toEqual(await expectedRows(folder));
    // ...and it wrote stamps again.
    await expect(getObjectText(s3, { bucket, key: stampsKey(after.topHash) })).resolves.toBeDefined();
  });
});

describe('versions "null"', () => {
  it('are never taken from stamps: HEADed every time, recorded as "null"', async () => {
    const plain = await createTestBucket(s3, 'resnap-null', false);
    const was = bucket;
    bucket = plain;
    try {
      await put('n/old.txt', 'written before versioning');
      await s3.send(new PutBucketVersioningCommand({ Bucket: plain, VersioningConfiguration: { Status: 'Enabled' } }));
      await put('n/new.txt', 'written after');
      expect(current.get('n/old.txt')?.versionId).toBe('null');
      await settle();
      const first = await snapshot(s3, { bucket, folder: 'n/', message: 'one' });
      const stamps = parseStamps((await getObjectText(s3, { bucket, key: stampsKey(first.topHash) })).text)!;
      expect([...stamps.keys()]).toEqual(['n/new.txt']);

      const { client, heads } = countingClient();
      const second = await snapshot(client, { bucket, folder: 'n/', message: 'two' });
      expect(heads).toEqual(['n/old.txt']);
      expect(second).toMatchObject({ versionLookups: 1, reusedHashes: 1 });
      const manifest = await readSnapshot(s3, bucket, second.topHash);
      expect(rows(manifest).map(r => (r as unknown[]).slice(0, 4))).toEqual(await expectedRows('n/'));
      expect((await fullListingManifest('n/', 'two')).topHash).toBe(second.topHash);
    } finally {
      bucket = was;
    }
  });
});

describe('versions written just before a snapshot', () => {
  it('are not stamped: the same bytes written again with other metadata in the same second are seen', async () => {
    const key = 'm/table.csv';
    await put(key, 'x,y\n1,2\n', { helium: encodeHeliumHeader('csv', { unit: 'm' }) });
    const first = await snapshot(s3, { bucket, folder: 'm/', message: 'one' });
    // At once, so within the same second as the version the first snapshot pinned, most of the
    // time: the listing cannot tell the two apart (same ETag, same last-modified).
    await put(key, 'x,y\n1,2\n', { helium: encodeHeliumHeader('csv', { unit: 'km' }) });
    const stamps = parseStamps((await getObjectText(s3, { bucket, key: stampsKey(first.topHash) })).text)!;
    expect(stamps.has(key)).toBe(false);

    const { client, heads } = countingClient();
    const second = await snapshot(client, { bucket, folder: 'm/', message: 'two' });
    expect(heads).toEqual([key]);
    const manifest = await readSnapshot(s3, bucket, second.topHash);
    expect(manifest.entries.map(e => [e.physical_keys[0], e.meta])).toEqual([
      [formatPhysicalKey({ bucket, key, versionId: current.get(key)!.versionId }), { target: 'csv', user_meta: { unit: 'km' } }]
    ]);
  });
});
