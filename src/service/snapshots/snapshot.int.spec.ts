/**
 * Integration tests of snapshots against the real local S3 (moto): what a snapshot holds and how
 * each hash is obtained, reuse on a second snapshot, concurrent snapshots, listing, short hashes,
 * cancellation.
 * @jest-environment-options {"customExportConditions": ["node", "require", "default"]}
 */
import {
  CompleteMultipartUploadCommand,
  CreateMultipartUploadCommand,
  PutObjectCommand,
  S3Client,
  UploadPartCommand
} from '@aws-sdk/client-s3';
import { createHash } from 'crypto';
import { failure } from '../../testing/failure';
import { createTestBucket, testClient } from '../../testing/s3';
import { patternBytes } from '../../testing/transfer-fixtures';
import { listPrefixPages } from '../listing';
import { deleteObject, putObject } from '../objects-write';
import { getObjectText } from '../objects-read';
import { quiltChunkedHash } from '../transfers/quilt-hash';
import { bytesSource } from '../transfers/sources';
import { uploadObject } from '../transfers/upload';
import { encodeHeliumHeader } from '../values/header';
import { formatPhysicalKey, parsePhysicalKey } from './manifest';
import { canonicalJson, parseLosslessJson } from './python-json';
import { pointerKey, readSnapshot, resolveTopHash } from './registry';
import { writeSnapshotPointers } from './registry-write';
import { listPackages, listSnapshots } from './registry-list';
import { EMPTY_QUILT_HASH } from './snapshot-hash';
import { snapshot, SnapshotProgress } from './snapshot';
import { topHash } from './top-hash';
import { afterStampSettle } from '../../testing/stamps';

const MiB = 1024 * 1024;
let s3: S3Client;
let bucket: string;

/** What was written under the folder: key → bytes and version. */
const written = new Map<string, { bytes: Uint8Array; versionId: string }>();

/**
 * Put an object through our putObject (it sends a SHA-256 checksum) and remember it.
 * @param key - the key.
 * @param body - the content.
 * @param userMetadata - optional metadata.
 */
async function put(key: string, body: Uint8Array | string, userMetadata?: Record<string, string>): Promise<void> {
  const bytes = typeof body === 'string' ? new TextEncoder().encode(body) : body;
  const result = await putObject(s3, { bucket, key, body: bytes, userMetadata });
  written.set(key, { bytes, versionId: result.versionId ?? 'null' });
}

/**
 * A multipart upload with our own part sizes and SHA-256 part checksums (raw SDK).
 * @param key - the key.
 * @param data - the content.
 * @param partSize - the part size.
 */
async function multipart(key: string, data: Uint8Array, partSize: number): Promise<void> {
  const { UploadId } = await s3.send(new CreateMultipartUploadCommand({ Bucket: bucket, Key: key, ChecksumAlgorithm: 'SHA256' }));
  const parts = [];
  for (let start = 0, n = 1; start < data.length; start += partSize, n++) {
    const body = data.subarray(start, Math.min(start + partSize, data.length));
    const checksum = createHash('sha256').update(body).digest('base64');
    const out = await s3.send(
      new UploadPartCommand({ Bucket: bucket, Key: key, UploadId, PartNumber: n, Body: body, ChecksumSHA256: checksum })
    );
    parts.push({ PartNumber: n, ETag: out.ETag, ChecksumSHA256: checksum });
  }
  const done = await s3.send(new CompleteMultipartUploadCommand({ Bucket: bucket, Key: key, UploadId, MultipartUpload: { Parts: parts } }));
  written.set(key, { bytes: data, versionId: done.VersionId ?? 'null' });
}

/**
 * Count the S3 commands a client sends, by name.
 * @param client - the client.
 * @returns the live counts.
 */
function countCommands(client: S3Client): Map<string, number> {
  const counts = new Map<string, number>();
  client.middlewareStack.add(
    (next, context) => args => {
      const name = String(context.commandName);
      counts.set(name, (counts.get(name) ?? 0) + 1);
      return next(args);
    },
    { step: 'initialize', name: 'heliumCountCommands' }
  );
  return counts;
}

const quiltHash = (bytes: Uint8Array): Promise<string> => quiltChunkedHash(bytesSource(bytes));

beforeAll(async () => {
  s3 = testClient();
  bucket = await createTestBucket(s3, 'snapshots');
  await put('proj/a.txt', 'alpha\n');
  await put('proj/sub/b.csv', 'x,y\n1,2\n', { helium: encodeHeliumHeader('csv', { unit: 'm', scale: 1.5 }) });
  await put('proj/données/é😀 #1?.txt', 'unicode');
  await put('proj/empty.txt', '');
  await put('proj/old.txt', 'first');
  await put('proj/old.txt', 'second');
  await put('proj/deleted.txt', 'gone soon');
  await deleteObject(s3, { bucket, key: 'proj/deleted.txt' });
  written.delete('proj/deleted.txt');
  await putObject(s3, { bucket, key: 'proj/folder-marker/', body: new Uint8Array(0) });
  // Without a SHA-256 checksum (the SDK adds a CRC32 only): hashed by downloading.
  const plain = patternBytes(3000, 7);
  const out = await s3.send(new PutObjectCommand({ Bucket: bucket, Key: 'proj/no-checksum.bin', Body: plain }));
  written.set('proj/no-checksum.bin', { bytes: plain, versionId: out.VersionId ?? 'null' });
  // Our engine: 8 MiB parts, composite SHA-256 = Quilt's hash (read off a HEAD).
  const big = patternBytes(9 * MiB + 17, 3);
  const up = await uploadObject(s3, { bucket, key: 'proj/big.bin', source: bytesSource(big) });
  written.set('proj/big.bin', { bytes: big, versionId: up.versionId ?? 'null' });
  // 5 MiB parts: as many parts as the layout (2) but other boundaries — must be downloaded.
  await multipart('proj/odd-parts.bin', patternBytes(9 * MiB, 5), 5 * MiB);
  // One part: a composite checksum that moto shows without "-1".
  await multipart('proj/one-part.bin', patternBytes(MiB, 9), 8 * MiB);
  // Outside the folder.
  await putObject(s3, { bucket, key: 'proj2/not-mine.txt', body: 'no' });
  await putObject(s3, { bucket, key: 'other/x.txt', body: 'no' });
}, 120000);

describe('snapshot of a folder', () => {
  let result: Awaited<ReturnType<typeof snapshot>>;
  const progress: SnapshotProgress[] = [];

  beforeAll(async () => {
    result = await snapshot(s3, {
      bucket,
      folder: 'proj',
      message: 'first snapshot',
      meta: parseLosslessJson('{"owner": "team", "ratio": 1.0}'),
      onProgress: p => progress.push(p)
    });
  }, 120000);

  it('holds the current version of every object, pinned, with its Quilt hash', async () => {
    const manifest = await readSnapshot(s3, bucket, result.topHash);
    expect(manifest.entries.map(e => e.logical_key).sort()).toEqual([...written.keys()].map(k => k.slice('proj/'.length)).sort());
    for (const entry of manifest.entries) {
      const key = `proj/${entry.logical_key}`;
      const expected = written.get(key)!;
      expect(entry.physical_keys).toEqual([formatPhysicalKey({ bucket, key, versionId: expected.versionId })]);
      expect(parsePhysicalKey(entry.physical_keys[0])).toEqual({ bucket, key, versionId: expected.versionId });
      expect([key, entry.size, entry.hash]).toEqual([
        key,
        expected.bytes.length,
        { type: 'sha2-256-chunked', value: await quiltHash(expected.bytes) }
      ]);
    }
    expect(manifest.entries.find(e => e.logical_key === 'empty.txt')?.hash.value).toBe(EMPTY_QUILT_HASH);
  });

  it('names, counts and header', async () => {
    const manifest = await readSnapshot(s3, bucket, result.topHash);
    expect(result).toMatchObject({ name: 'proj/snapshot', folder: 'proj/', entries: written.size, latest: true, reusedHashes: 0 });
    expect(result.bytes).toBe([...written.values()].reduce((sum, w) => sum + w.bytes.length, 0));
    expect(canonicalJson(manifest.header)).toBe(
      '{"helium":{"folder":"proj/"},"message":"first snapshot","user_meta":{"owner":"team","ratio":1.0},"version":"v0"}'
    );
    expect(topHash(manifest.header, manifest.entries)).toBe(result.topHash);
    expect(result.timestamp.getTime() % 1000).toBe(0);
    const pointer = await getObjectText(s3, { bucket, key: pointerKey('proj/snapshot', result.timestamp.getTime() / 1000) });
    expect(pointer.text).toBe(result.topHash);
  });

  it('uses checksums where they give the hash and downloads the rest', () => {
    // Downloaded: no-checksum.bin (no SHA-256) and odd-parts.bin (other part boundaries).
    expect(result.streamedHashes).toBe(2);
    expect(result.hashedBytes).toBe(3000 + 9 * MiB);
    expect(result.checksumHashes).toBe(written.size - 2);
  });

  it('records the objects’ T4 metadata as entry metadata, {} elsewhere', async () => {
    const manifest = await readSnapshot(s3, bucket, result.topHash);
    const meta = Object.fromEntries(manifest.entries.map(e => [e.logical_key, canonicalJson(e.meta)]));
    expect(meta['sub/b.csv']).toBe('{"target":"csv","user_meta":{"scale":1.5,"unit":"m"}}');
    expect(meta['a.txt']).toBe('{}');
  });

  it('reports progress through listing, hashing and writing', () => {
    const phases = progress.map(p => p.phase).filter((p, i, all) => all[i - 1] !== p);
    expect(phases).toEqual(['listing', 'hashing', 'writing']);
    const last = progress[progress.length - 1];
    expect(last).toEqual({
      phase: 'writing',
      objects: written.size,
      totalObjects: written.size,
      bytes: result.bytes,
      totalBytes: result.bytes
    });
  });

  it('is listed for its folder and folders inside it, not for others', async () => {
    const own = await listSnapshots(s3, { bucket, folder: 'proj/' });
    expect(own.map(s => s.topHash)).toContain(result.topHash);
    const row = own.find(s => s.topHash === result.topHash)!;
    expect(row).toMatchObject({
      name: 'proj/snapshot',
      message: 'first snapshot',
      folder: 'proj/',
      entries: written.size,
      bytes: result.bytes
    });
    expect(row.timestamp).toEqual(result.timestamp);
    expect((await listSnapshots(s3, { bucket, folder: 'proj/sub/' })).map(s => s.topHash)).toContain(result.topHash);
    expect((await listSnapshots(s3, { bucket, folder: 'other/' })).map(s => s.topHash)).not.toContain(result.topHash);
    expect((await listSnapshots(s3, { bucket, folder: '' })).map(s => s.topHash)).not.toContain(result.topHash);
    expect((await listSnapshots(s3, { bucket, folder: '', includeInner: true })).map(s => s.topHash)).toContain(result.topHash);
    expect(await listPackages(s3, bucket)).toContain('proj/snapshot');
  });
});

describe('second snapshot', () => {
  it('re-hashes only the object that changed', async () => {
    const keys = Array.from({ length: 12 }, (_, i) => `many/file-${i}.txt`);
    for (const key of keys) {
      await putObject(s3, { bucket, key, body: `content of ${key}` });
    }
    // Written without a SHA-256 checksum, so that a re-hash would have to download it.
    await s3.send(new PutObjectCommand({ Bucket: bucket, Key: 'many/plain.bin', Body: patternBytes(5000, 2) }));
    await afterStampSettle(); // so that the second snapshot knows the unchanged versions from the first's stamps
    const first = await snapshot(s3, { bucket, folder: 'many/', message: 'one' });
    expect(first.reusedHashes).toBe(0);
    expect(first.streamedHashes).toBe(1);

    await putObject(s3, { bucket, key: 'many/file-3.txt', body: 'changed' });
    const client = testClient();
    const counts = countCommands(client);
    const second = await snapshot(client, { bucket, folder: 'many/', message: 'two' });
    expect(second).toMatchObject({ reusedHashes: 12, checksumHashes: 1, streamedHashes: 0, hashedBytes: 0, entries: 13 });
    expect(counts.get('HeadObjectCommand')).toBe(1);
    const manifest = await readSnapshot(client, bucket, second.topHash);
    const changed = manifest.entries.find(e => e.logical_key === 'file-3.txt')!;
    expect(changed.hash.value).toBe(await quiltHash(new TextEncoder().encode('changed')));
    expect(second.topHash).not.toBe(first.topHash);
  }, 60000);
});

describe('concurrent snapshots', () => {
  it('8 snapshots of one folder at once: 8 pointers, 8 intact manifests, latest the newest', async () => {
    for (let i = 0; i < 5; i++) {
      await putObject(s3, { bucket, key: `conc/f${i}.txt`, body: `f${i}` });
    }
    const messages = Array.from({ length: 8 }, (_, i) => `concurrent ${i}`);
    const results = await Promise.all(messages.map(message => snapshot(testClient(), { bucket, folder: 'conc/', message })));
    expect(new Set(results.map(r => r.topHash)).size).toBe(8);
    expect(new Set(results.map(r => r.timestamp.getTime())).size).toBe(8);

    const listed = await listSnapshots(testClient(), { bucket, folder: 'conc/' });
    expect(listed).toHaveLength(8);
    expect(listed.map(s => s.message).sort()).toEqual([...messages].sort());
    for (const row of listed) {
      const manifest = await readSnapshot(testClient(), bucket, row.topHash);
      expect(topHash(manifest.header, manifest.entries)).toBe(row.topHash);
      expect(manifest.entries).toHaveLength(5);
    }
    const latest = (await getObjectText(s3, { bucket, key: pointerKey('conc/snapshot', 'latest') })).text;
    const newest = [...results].sort((a, b) => b.timestamp.getTime() - a.timestamp.getTime())[0];
    expect(latest).toBe(newest.topHash);
    expect(listed[0].topHash).toBe(newest.topHash);
  }, 120000);

  it('two pointers in the same second go to consecutive seconds', async () => {
    const header = { version: 'v0' as const, message: 'same second' };
    const hash = topHash(header, []);
    const text = '{"version": "v0", "message": "same second"}\n';
    const now = (): number => 2_000_000_000_000;
    const a = await writeSnapshotPointers(s3, { bucket, name: 'sec/test', topHash: hash, manifest: text, now });
    const b = await writeSnapshotPointers(s3, { bucket, name: 'sec/test', topHash: hash, manifest: text, now });
    expect([a.timestamp, b.timestamp]).toEqual([2_000_000_000, 2_000_000_001]);
    expect([a.manifestExisted, b.manifestExisted]).toEqual([false, true]);
  });

  it('refuses to point at an existing manifest of that name that does not hash to it', async () => {
    const name = 'f'.repeat(64);
    await putObject(s3, { bucket, key: `.quilt/packages/${name}`, body: '{"version": "v0", "message": "forged"}\n' });
    const err = await failure(writeSnapshotPointers(s3, { bucket, name: 'forged/pkg', topHash: name, manifest: 'x' }));
    expect(err.code).toBe('ManifestHashMismatch');
    const pointers = [];
    for await (const page of listPrefixPages(s3, { bucket, prefix: '.quilt/named_packages/forged/', delimiter: '' })) {
      pointers.push(...page.objects);
    }
    expect(pointers).toHaveLength(0);
  });
});

describe('short hashes', () => {
  it('resolve when unique, and are refused when ambiguous, unknown or malformed', async () => {
    const { topHash: full } = await snapshot(s3, { bucket, folder: 'other/', message: 'short' });
    expect(await resolveTopHash(s3, bucket, full.slice(0, 10).toUpperCase())).toBe(full);
    expect(await resolveTopHash(s3, bucket, full)).toBe(full);

    const twins = ['abcdef1', 'abcdef2'].map(p => p + '0'.repeat(57));
    for (const twin of twins) {
      await putObject(s3, { bucket, key: `.quilt/packages/${twin}`, body: '{"version": "v0"}\n' });
    }
    const ambiguous = await failure(resolveTopHash(s3, bucket, 'abcdef'));
    expect(ambiguous.kind).toBe('InvalidInput');
    expect(ambiguous.code).toBe('AmbiguousTopHash');
    expect(ambiguous.message).toContain(twins[0]);
    expect(ambiguous.message).toContain(twins[1]);
    expect(await resolveTopHash(s3, bucket, 'abcdef2')).toBe(twins[1]);

    const missing = await failure(resolveTopHash(s3, bucket, '012345'));
    expect([missing.kind, missing.code]).toEqual(['InvalidInput', 'SnapshotNotFound']);
    expect((await failure(resolveTopHash(s3, bucket, 'abc'))).code).toBe('InvalidTopHash');
    expect((await failure(resolveTopHash(s3, bucket, 'not-hex'))).code).toBe('InvalidTopHash');
  });
});

describe('failures', () => {
  it('a snapshot cancelled while hashing writes no pointer', async () => {
    await s3.send(new PutObjectCommand({ Bucket: bucket, Key: 'cancel/a.bin', Body: patternBytes(2 * MiB, 4) }));
    const controller = new AbortController();
    const err = await failure(
      snapshot(s3, {
        bucket,
        folder: 'cancel/',
        message: 'never',
        signal: controller.signal,
        onProgress: p => {
          if (p.phase === 'hashing') {
            controller.abort();
          }
        }
      })
    );
    expect(err.kind).toBe('Cancelled');
    const pointers = [];
    for await (const page of listPrefixPages(s3, { bucket, prefix: '.quilt/named_packages/cancel/', delimiter: '' })) {
      pointers.push(...page.objects);
    }
    expect(pointers).toHaveLength(0);
  });

  it('refuses a bucket without versioning, an empty folder and a bad name', async () => {
    const plain = await createTestBucket(s3, 'snap-plain', false);
    await putObject(s3, { bucket: plain, key: 'x/a.txt', body: 'a' });
    expect((await failure(snapshot(s3, { bucket: plain, folder: 'x/', message: 'm' }))).kind).toBe('NotVersioned');
    expect((await failure(snapshot(s3, { bucket, folder: 'nothing-here/', message: 'm' }))).code).toBe('EmptyFolder');
    const bad = await failure(snapshot(s3, { bucket, folder: 'proj/', message: 'm', name: 'a/b/c' }));
    expect([bad.kind, bad.code]).toEqual(['InvalidInput', 'InvalidPackageName']);
  });

  it('refuses a folder where a key is both a file and a folder, before hashing', async () => {
    await putObject(s3, { bucket, key: 'clash/a', body: 'file' });
    await putObject(s3, { bucket, key: 'clash/a/b', body: 'inside' });
    const err = await failure(snapshot(s3, { bucket, folder: 'clash/', message: 'm' }));
    expect(err.code).toBe('InvalidLogicalKeys');
    expect(err.message).toContain('"a" is both a file and a folder');
  });
});

describe('the bucket root', () => {
  it('leaves the registry out and is named after the bucket', async () => {
    const root = await createTestBucket(s3, 'snap-root');
    await putObject(s3, { bucket: root, key: 'top.txt', body: 'top' });
    const first = await snapshot(s3, { bucket: root, folder: '', message: 'root 1' });
    const second = await snapshot(s3, { bucket: root, folder: '', message: 'root 2' });
    expect(first.name).toBe(`${root}/root`);
    expect(second.entries).toBe(1);
    expect(second.reusedHashes).toBe(1);
    const listed = await listSnapshots(s3, { bucket: root, folder: 'any/where/' });
    expect(listed.map(s => s.message)).toEqual(['root 2', 'root 1']);
  });
});
