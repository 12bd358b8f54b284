/**
 * Integration tests of the registry's write order and of the listing caches, against the local S3
 * (moto): the `<seconds>` pointer is the commit point (a cancel after it still reports the
 * snapshot, and `latest` is updated), `latest` converges on the newest pointer even when that
 * pointer's writer died before updating it, the pointer listing is reused for a few seconds but
 * not after our own writes, and a folder inferred from part of a manifest is marked so.
 * @jest-environment-options {"customExportConditions": ["node", "require", "default"]}
 */
import type { S3Client } from '@aws-sdk/client-s3';
import { failure } from '../../testing/failure';
import { createTestBucket, testClient } from '../../testing/s3';
import { deleteObject, putObject } from '../objects-write';
import { diffSnapshots } from './compare';
import { buildManifest, formatPhysicalKey } from './manifest';
import { planRestore } from './restore';
import { manifestKey, pointerKey, readLatest } from './registry';
import { POINTER_LISTING_TTL_MS } from './registry-caches';
import { writeSnapshotPointers } from './registry-write';
import { listingCacheSizes, listSnapshots } from './registry-list';
import { snapshot } from './snapshot';
import type { ManifestEntry, ManifestHeader } from './types';

jest.setTimeout(120_000);

let s3: S3Client;
let bucket: string;

beforeAll(async () => {
  s3 = testClient();
  bucket = await createTestBucket(s3, 'snap-registry');
});

afterAll(() => s3?.destroy());

/**
 * Count the S3 commands a client sends, by name (and pointer listings apart).
 * @param client - the client.
 * @returns the live counts.
 */
function countCommands(client: S3Client): Map<string, number> {
  const counts = new Map<string, number>();
  client.middlewareStack.add(
    (next, context) => args => {
      const input = args.input as { Prefix?: string };
      const name = String(context.commandName) + (input.Prefix === '.quilt/named_packages/' ? ' pointers' : '');
      counts.set(name, (counts.get(name) ?? 0) + 1);
      return next(args);
    },
    { step: 'initialize', name: 'heliumCountCommands' }
  );
  return counts;
}

/**
 * An empty manifest with a message (a distinct top hash per message).
 * @param message - the message.
 * @returns its text and hash.
 */
function emptyManifest(message: string): { text: string; topHash: string } {
  return buildManifest({ header: { version: 'v0', message }, entries: [] });
}

describe('the pointer is the commit point', () => {
  it('a cancel right after the pointer write still reports the snapshot, lists it, and moves latest', async () => {
    await putObject(s3, { bucket, key: 'commit/a.txt', body: 'one' });
    const before = await snapshot(s3, { bucket, folder: 'commit/', message: 'before' });
    await putObject(s3, { bucket, key: 'commit/a.txt', body: 'two' });

    const client = testClient();
    const controller = new AbortController();
    let pointerWritten = false;
    client.middlewareStack.add(
      (next, context) => async args => {
        const out = await next(args);
        const key = (args.input as { Key?: string }).Key ?? '';
        if (context.commandName === 'PutObjectCommand' && /^\.quilt\/named_packages\/.+\/\d+$/.test(key)) {
          pointerWritten = true;
          controller.abort();
        }
        return out;
      },
      { step: 'initialize', name: 'abortAfterPointer' }
    );
    const result = await snapshot(client, {
      bucket,
      folder: 'commit/',
      message: 'cancelled after the pointer',
      signal: controller.signal,
      now: () => before.timestamp.getTime() + 5000
    });
    expect(pointerWritten).toBe(true);
    expect(controller.signal.aborted).toBe(true);
    expect(result.latest).toBe(true);
    expect(result.latestError).toBeUndefined();
    expect(result.topHash).not.toBe(before.topHash);
    expect(await readLatest(s3, bucket, result.name)).toBe(result.topHash);
    const listed = await listSnapshots(testClient(), { bucket, folder: 'commit/' });
    expect(listed.map(s => s.topHash)).toEqual([result.topHash, before.topHash]);
  });

  it('a cancel before the pointer write records nothing', async () => {
    await putObject(s3, { bucket, key: 'precommit/a.txt', body: 'one' });
    const client = testClient();
    const controller = new AbortController();
    client.middlewareStack.add(
      (next, context) => async args => {
        const out = await next(args);
        const key = (args.input as { Key?: string }).Key ?? '';
        if (context.commandName === 'PutObjectCommand' && key.startsWith('.quilt/packages/')) {
          controller.abort();
        }
        return out;
      },
      { step: 'initialize', name: 'abortAfterManifest' }
    );
    const err = await failure(snapshot(client, { bucket, folder: 'precommit/', message: 'never', signal: controller.signal }));
    expect(err.kind).toBe('Cancelled');
    expect(err.message).toContain('no snapshot was recorded');
    expect(await listSnapshots(testClient(), { bucket, folder: 'precommit/' })).toEqual([]);
    expect(await readLatest(s3, bucket, 'precommit/snapshot')).toBeUndefined();
  });
});

describe('latest converges on the newest pointer', () => {
  it('moves latest to a newer pointer whose writer died before updating latest', async () => {
    const name = 'dead/writer';
    const t = 1_900_000_000;
    const old = emptyManifest('old');
    await writeSnapshotPointers(s3, { bucket, name, topHash: old.topHash, manifest: old.text, now: () => t * 1000 });
    expect(await readLatest(s3, bucket, name)).toBe(old.topHash);
    // A newer writer wrote its manifest and pointer, then died: latest still names the old one.
    const dead = emptyManifest('newest, writer died');
    await putObject(s3, { bucket, key: manifestKey(dead.topHash), body: dead.text });
    await putObject(s3, { bucket, key: pointerKey(name, t + 100), body: dead.topHash });
    expect(await readLatest(s3, bucket, name)).toBe(old.topHash);

    // The next writer (older than the dead one's pointer) moves latest to the newest pointer.
    const mine = emptyManifest('mine');
    const written = await writeSnapshotPointers(s3, {
      bucket,
      name,
      topHash: mine.topHash,
      manifest: mine.text,
      now: () => (t + 50) * 1000
    });
    expect(written).toMatchObject({ timestamp: t + 50, latest: false });
    expect(await readLatest(s3, bucket, name)).toBe(dead.topHash);

    // A writer newer than every pointer takes latest.
    const last = emptyManifest('last');
    const after = await writeSnapshotPointers(s3, {
      bucket,
      name,
      topHash: last.topHash,
      manifest: last.text,
      now: () => (t + 200) * 1000
    });
    expect(after.latest).toBe(true);
    expect(await readLatest(s3, bucket, name)).toBe(last.topHash);
  });

  it('skips newer pointers that hold no top hash', async () => {
    const name = 'dead/garbage';
    const t = 1_900_000_000;
    const a = emptyManifest('a garbage');
    await putObject(s3, { bucket, key: pointerKey(name, t + 10), body: 'not a hash' });
    const written = await writeSnapshotPointers(s3, { bucket, name, topHash: a.topHash, manifest: a.text, now: () => t * 1000 });
    expect(written.latest).toBe(true);
    expect(await readLatest(s3, bucket, name)).toBe(a.topHash);
  });
});

describe('a pointer replaced in the same second (quilt3 writes pointers unconditionally)', () => {
  it("keeps both snapshots listed, from the pointer's versions", async () => {
    const own = await createTestBucket(s3, 'snap-same-second');
    const name = 'team/race';
    const t = 1_900_000_500;
    const ours = emptyManifest('ours, replaced');
    await writeSnapshotPointers(s3, { bucket: own, name, topHash: ours.topHash, manifest: ours.text, now: () => t * 1000 });
    // What quilt3's push does in the same second: its manifest, then a plain PUT of the pointer.
    const theirs = emptyManifest('theirs, same second');
    await putObject(s3, { bucket: own, key: manifestKey(theirs.topHash), body: theirs.text });
    await putObject(s3, { bucket: own, key: pointerKey(name, t), body: theirs.topHash });

    const listed = await listSnapshots(testClient(), { bucket: own, folder: '' });
    expect(listed.map(s => [s.topHash, s.timestamp.getTime() / 1000, s.message])).toEqual(
      [
        [ours.topHash, t, 'ours, replaced'],
        [theirs.topHash, t, 'theirs, same second']
      ].sort((a, b) => (a[0] < b[0] ? -1 : 1))
    );
  });

  it('lists a rewrite with the same hash once, and nothing of a pointer deleted on purpose', async () => {
    const own = await createTestBucket(s3, 'snap-deleted-pointer');
    const t = 1_900_000_600;
    const kept = emptyManifest('kept');
    await writeSnapshotPointers(s3, { bucket: own, name: 'team/kept', topHash: kept.topHash, manifest: kept.text, now: () => t * 1000 });
    await putObject(s3, { bucket: own, key: pointerKey('team/kept', t), body: kept.topHash }); // same hash again
    const gone = emptyManifest('deleted');
    await writeSnapshotPointers(s3, { bucket: own, name: 'team/gone', topHash: gone.topHash, manifest: gone.text, now: () => t * 1000 });
    await deleteObject(s3, { bucket: own, key: pointerKey('team/gone', t) });

    const listed = await listSnapshots(testClient(), { bucket: own, folder: '' });
    expect(listed.map(s => s.topHash)).toEqual([kept.topHash]);
  });
});

describe('the pointer listing cache', () => {
  it('lists the pointers once for repeated listings, again after our own write, after 10 s, or on request', async () => {
    const own = await createTestBucket(s3, 'snap-list-cache');
    await putObject(s3, { bucket: own, key: 'f/a.txt', body: 'a' });
    const client = testClient();
    const counts = countCommands(client);
    const first = await snapshot(client, { bucket: own, folder: 'f/', message: 'one' });
    const listings = () => counts.get('ListObjectVersionsCommand pointers') ?? 0;

    expect((await listSnapshots(client, { bucket: own, folder: 'f/' })).map(s => s.topHash)).toEqual([first.topHash]);
    expect(listings()).toBe(1);
    await listSnapshots(client, { bucket: own, folder: 'f/' });
    await listSnapshots(client, { bucket: own, folder: '', includeInner: true });
    expect(listings()).toBe(1);

    // Our own write: listed afresh, the new snapshot is there.
    await putObject(s3, { bucket: own, key: 'f/a.txt', body: 'a 2' });
    const second = await snapshot(client, { bucket: own, folder: 'f/', message: 'two', now: () => first.timestamp.getTime() + 2000 });
    expect((await listSnapshots(client, { bucket: own, folder: 'f/' })).map(s => s.topHash)).toEqual([second.topHash, first.topHash]);
    expect(listings()).toBe(2);

    // Someone else's write shows within the TTL only on request…
    const other = emptyManifest('written elsewhere');
    await writeSnapshotPointers(s3, { bucket: own, name: 'else/where', topHash: other.topHash, manifest: other.text });
    expect((await listSnapshots(client, { bucket: own, folder: '' })).map(s => s.topHash)).not.toContain(other.topHash);
    expect((await listSnapshots(client, { bucket: own, folder: '', refresh: true })).map(s => s.topHash)).toContain(other.topHash);
    expect(listings()).toBe(3);

    // …and by itself once the listing is older than the TTL.
    const now = Date.now();
    const clock = jest.spyOn(Date, 'now').mockReturnValue(now + POINTER_LISTING_TTL_MS + 1);
    try {
      await listSnapshots(client, { bucket: own, folder: '' });
    } finally {
      clock.mockRestore();
    }
    expect(listings()).toBe(4);
    const sizes = listingCacheSizes(client);
    expect(sizes.limit).toBe(5000);
    expect(sizes.pointers).toBeGreaterThan(0);
    expect(sizes.pointers).toBeLessThanOrEqual(sizes.limit);
  });
});

describe('a folder inferred from part of a manifest', () => {
  it('is marked in the listing, and restore and diff decide the folder from the whole manifest', async () => {
    // A quilt3-style package (no helium folder in its header) over 64 KiB: the first entries are
    // all under part/, a later one is elsewhere, so the package as a whole has no single folder.
    const entries: ManifestEntry[] = [];
    for (let i = 0; i < 700; i++) {
      const key = `part/file-${String(i).padStart(4, '0')}.txt`;
      entries.push({
        logical_key: key.slice('part/'.length),
        physical_keys: [formatPhysicalKey({ bucket, key, versionId: `v${i}` })],
        size: 1,
        hash: { type: 'sha2-256-chunked', value: 'x'.repeat(43) + '=' },
        meta: {}
      });
    }
    entries.push({
      logical_key: 'zzz-elsewhere.txt',
      physical_keys: [formatPhysicalKey({ bucket, key: 'other/zzz-elsewhere.txt', versionId: 'v' })],
      size: 1,
      hash: { type: 'sha2-256-chunked', value: 'y'.repeat(43) + '=' },
      meta: {}
    });
    const header: ManifestHeader = { version: 'v0', message: 'quilt3 push', user_meta: {} };
    const { text, topHash } = buildManifest({ header, entries });
    expect(text.length).toBeGreaterThan(64 * 1024);
    await putObject(s3, { bucket, key: manifestKey(topHash), body: text });
    await putObject(s3, { bucket, key: pointerKey('team/partial', 1_800_000_000), body: topHash });

    const listed = (await listSnapshots(testClient(), { bucket, folder: 'part/' })).find(s => s.topHash === topHash);
    expect(listed).toMatchObject({ folder: 'part/', folderInferredFromPart: true });
    // Our own snapshots record their folder: never marked.
    const ours = await listSnapshots(testClient(), { bucket, folder: 'commit/' });
    expect(ours.length).toBeGreaterThan(0);
    expect(ours.every(s => s.folderInferredFromPart === undefined)).toBe(true);

    // Not given a folder, restore and diff read the whole manifest, which tells no folder.
    expect((await failure(planRestore(s3, { bucket, topHash }))).code).toBe('FolderUnknown');
    expect((await failure(diffSnapshots(s3, { bucket, left: topHash, right: 'latest' }))).code).toBe('FolderUnknown');
  });
});
