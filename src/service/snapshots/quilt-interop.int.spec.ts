/**
 * Interoperability with real quilt3 (PyPI) against the same local S3 (moto), through
 * src/testing/python/quilt_interop.py: quilt3 browses and fetches our snapshots (by name and by
 * hash, pinned versions), and a package pushed by quilt3 shows up in our listing and reads back.
 * @jest-environment-options {"customExportConditions": ["node", "require", "default"]}
 */
import type { S3Client } from '@aws-sdk/client-s3';
import { createHash } from 'crypto';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { runPythonJson } from '../../testing/python-interop';
import { createTestBucket, testClient } from '../../testing/s3';
import { patternBytes } from '../../testing/transfer-fixtures';
import { putObject } from '../objects-write';
import { bytesSource } from '../transfers/sources';
import { uploadObject } from '../transfers/upload';
import { encodeHeliumHeader } from '../values/header';
import { canonicalJson } from './python-json';
import { readSnapshot } from './registry';
import { listPackages, listSnapshots } from './registry-list';
import { snapshot, SnapshotResult } from './snapshot';
import { topHash } from './top-hash';
import { afterStampSettle } from '../../testing/stamps';

const MiB = 1024 * 1024;
let s3: S3Client;
let bucket: string;
let ours: SnapshotResult;
const files = new Map<string, Uint8Array>();
const sha256 = (data: Uint8Array): string => createHash('sha256').update(data).digest('hex');

interface Browsed {
  top_hash: string;
  header: Record<string, unknown>;
  entries: { logical_key: string; physical_key: string; size: number; hash: { type: string; value: string }; meta: unknown }[];
}

beforeAll(async () => {
  s3 = testClient();
  bucket = await createTestBucket(s3, 'quilt-interop');
  const text = (s: string): Uint8Array => new TextEncoder().encode(s);
  files.set('a.txt', text('alpha\n'));
  files.set('sub/b.csv', text('x,y\n1,2\n'));
  files.set('uni/é 😀 #?.txt', text('unicode'));
  files.set('empty.txt', new Uint8Array(0));
  for (const [key, body] of files) {
    const userMetadata = key === 'sub/b.csv' ? { helium: encodeHeliumHeader('csv', { unit: 'm', ratio: 0.5 }) } : undefined;
    await putObject(s3, { bucket, key: `interop/${key}`, body, userMetadata });
  }
  const big = patternBytes(9 * MiB + 3, 11);
  files.set('big.bin', big);
  await uploadObject(s3, { bucket, key: 'interop/big.bin', source: bytesSource(big) });
  await afterStampSettle(); // so that the re-snapshot below finds their versions in our stamps
  ours = await snapshot(s3, { bucket, folder: 'interop/', name: 'helium/interop', message: 'ours', meta: { by: 'helium', n: 1.5 } });
}, 120000);

describe('quilt3 reads our snapshots', () => {
  it('browses by name and by hash, with our top hash, entries and metadata', async () => {
    const byName = await runPythonJson<Browsed>('quilt_interop.py', ['browse', bucket, 'helium/interop']);
    const byHash = await runPythonJson<Browsed>('quilt_interop.py', ['browse', bucket, 'helium/interop', ours.topHash]);
    expect(byName.top_hash).toBe(ours.topHash);
    expect(byHash.top_hash).toBe(ours.topHash);
    expect(byHash.header).toEqual({ version: 'v0', user_meta: { by: 'helium', n: 1.5 }, message: 'ours', helium: { folder: 'interop/' } });
    const manifest = await readSnapshot(s3, bucket, ours.topHash);
    expect(byHash.entries.map(e => [e.logical_key, e.physical_key, e.size, e.hash.value])).toEqual(
      manifest.entries.map(e => [e.logical_key, e.physical_keys[0], e.size, e.hash.value])
    );
    expect(byHash.entries.find(e => e.logical_key === 'sub/b.csv')?.meta).toEqual({ target: 'csv', user_meta: { unit: 'm', ratio: 0.5 } });
  }, 60000);

  it('fetches the snapshotted bytes, even after the live objects changed', async () => {
    const expected = Object.fromEntries([...files].map(([key, bytes]) => [key, sha256(bytes)]));
    expect(await runPythonJson('quilt_interop.py', ['fetch', bucket, 'helium/interop', ours.topHash])).toEqual(expected);
    await putObject(s3, { bucket, key: 'interop/a.txt', body: 'changed since' });
    expect(await runPythonJson('quilt_interop.py', ['fetch', bucket, 'helium/interop', ours.topHash])).toEqual(expected);
  }, 120000);

  it('lists our pointer among the package versions', async () => {
    const versions = await runPythonJson<[string, string][]>('quilt_interop.py', ['versions', bucket, 'helium/interop']);
    expect(versions).toContainEqual([String(ours.timestamp.getTime() / 1000), ours.topHash]);
    expect(versions).toContainEqual(['latest', ours.topHash]);
  }, 60000);

  it('browses and fetches a re-snapshot whose versions came from our stamps, not a listing of versions', async () => {
    const changed = new TextEncoder().encode('changed for the re-snapshot');
    await putObject(s3, { bucket, key: 'interop/a.txt', body: changed });
    const again = await snapshot(s3, { bucket, folder: 'interop/', name: 'helium/interop', message: 'again' });
    expect(again).toMatchObject({ versionLookups: 1, reusedHashes: files.size - 1 });
    const browsed = await runPythonJson<Browsed>('quilt_interop.py', ['browse', bucket, 'helium/interop', again.topHash]);
    expect(browsed.top_hash).toBe(again.topHash);
    const manifest = await readSnapshot(s3, bucket, again.topHash);
    expect(browsed.entries.map(e => [e.logical_key, e.physical_key, e.size, e.hash.value])).toEqual(
      manifest.entries.map(e => [e.logical_key, e.physical_keys[0], e.size, e.hash.value])
    );
    const expected = Object.fromEntries([...files].map(([key, bytes]) => [key, sha256(key === 'a.txt' ? changed : bytes)]));
    expect(await runPythonJson('quilt_interop.py', ['fetch', bucket, 'helium/interop', again.topHash])).toEqual(expected);
  }, 120000);
});

describe('we read quilt3’s packages', () => {
  let pushed: string;

  beforeAll(async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'helium-quilt-push-'));
    fs.mkdirSync(path.join(dir, 'nested'));
    fs.writeFileSync(path.join(dir, 'one.txt'), 'one');
    fs.writeFileSync(path.join(dir, 'nested', 'two ü.json'), '{"two": 2.0}');
    const result = await runPythonJson<{ top_hash: string }>('quilt_interop.py', [
      'push',
      bucket,
      'q3/pushed',
      dir,
      'pushed by quilt3 é',
      '{"source": "quilt3", "x": 1.0, "big": 12345678901234567890}'
    ]);
    pushed = result.top_hash;
  }, 120000);

  it('lists a quilt3 package with its inferred folder, message and size', async () => {
    const listed = await listSnapshots(s3, { bucket, folder: 'q3/pushed/' });
    expect(listed.map(s => s.topHash)).toEqual([pushed]);
    expect(listed[0]).toMatchObject({ name: 'q3/pushed', folder: 'q3/pushed/', message: 'pushed by quilt3 é', entries: 2, bytes: 3 + 12 });
    const root = await listSnapshots(s3, { bucket, folder: '', includeInner: true });
    expect(root.map(s => s.topHash)).toEqual(expect.arrayContaining([pushed, ours.topHash]));
    expect((await listSnapshots(s3, { bucket, folder: 'interop/' })).map(s => s.topHash)).not.toContain(pushed);
    expect(await listPackages(s3, bucket)).toEqual(['helium/interop', 'q3/pushed']);
  });

  it('reads its manifest and hashes it to its name, big ints and floats intact', async () => {
    const manifest = await readSnapshot(s3, bucket, pushed);
    expect(manifest.topHash).toBe(pushed);
    expect(topHash(manifest.header, manifest.entries)).toBe(pushed);
    expect(manifest.entries.map(e => e.logical_key)).toEqual(['nested/two ü.json', 'one.txt']);
    expect(canonicalJson(manifest.header)).toBe(
      '{"message":"pushed by quilt3 \\u00e9","user_meta":{"big":12345678901234567890,"source":"quilt3","x":1.0},"version":"v0"}'
    );
  });
});
