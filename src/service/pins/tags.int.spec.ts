/**
 * Tags against the real local S3 (moto), and real quilt3 with tags present: quilt3 still lists
 * the package once, lists only its pointers as versions, browses by name and hash, and deleting
 * the newest version leaves `latest` on the previous snapshot (not on a tag). Lineage metadata
 * written with a snapshot is read back by quilt3 and by us.
 * @jest-environment-options {"customExportConditions": ["node", "require", "default"]}
 */
import type { S3Client } from '@aws-sdk/client-s3';
import { createHash } from 'crypto';
import { runPythonJson } from '../../testing/python-interop';
import { createTestBucket, testClient } from '../../testing/s3';
import { getObjectText } from '../objects-read';
import { putObject } from '../objects-write';
import { readSnapshot } from '../snapshots/registry';
import { snapshot, SnapshotResult } from '../snapshots/snapshot';
import { listVersionsPage } from '../versions-list';
import { lineageMeta, readLineage } from './lineage';
import { makePin, setPin } from './notebook-pins';
import { listTags, readTag, setTag } from './tags';
import { tagKey } from './tag-keys';

jest.setTimeout(120_000);

let s3: S3Client;
let bucket: string;
const snaps: SnapshotResult[] = [];
const PKG = 'team/tagged';

const nextSecond = () => new Promise(resolve => setTimeout(resolve, 1050 - (Date.now() % 1000)));

beforeAll(async () => {
  s3 = testClient();
  bucket = await createTestBucket(s3, 'pins-tags');
  for (const body of ['one', 'two', 'three']) {
    await putObject(s3, { bucket, key: 'data/a.txt', body });
    snaps.push(await snapshot(s3, { bucket, folder: 'data/', name: PKG, message: body }));
    await nextSecond();
  }
});

afterAll(() => s3?.destroy());

describe('setTag', () => {
  it('creates a tag, accepts a short hash, and writes nothing when it names that snapshot already', async () => {
    const created = await setTag(s3, { bucket, package: PKG, tag: 'q3-release', topHash: snaps[0].topHash.slice(0, 10), message: 'first' });
    expect(created.action).toBe('created');
    expect(created.record).toMatchObject({ tag: 'q3-release', package: PKG, top_hash: snaps[0].topHash, message: 'first' });
    const again = await setTag(s3, { bucket, package: PKG, tag: 'q3-release', topHash: snaps[0].topHash });
    expect(again.action).toBe('unchanged');
    expect((await readTag(s3, bucket, PKG, 'q3-release'))?.history).toHaveLength(1);
  });

  it('moves only when asked, and keeps the history (record and object versions)', async () => {
    await expect(setTag(s3, { bucket, package: PKG, tag: 'q3-release', topHash: snaps[1].topHash })).rejects.toMatchObject({
      kind: 'Conflict',
      code: 'TagExists'
    });
    expect((await readTag(s3, bucket, PKG, 'q3-release'))?.top_hash).toBe(snaps[0].topHash);
    const moved = await setTag(s3, { bucket, package: PKG, tag: 'q3-release', topHash: snaps[1].topHash, move: true });
    expect(moved).toMatchObject({ action: 'moved', previous: snaps[0].topHash });
    const record = await readTag(s3, bucket, PKG, 'q3-release');
    expect(record?.history.map(h => h.top_hash)).toEqual([snaps[0].topHash, snaps[1].topHash]);
    const page = await listVersionsPage(
      s3,
      { bucket, prefix: tagKey(PKG, 'q3-release') },
      { action: 'ListObjectVersions', bucket, key: '' }
    );
    expect(page.entries.filter(e => !e.isDeleteMarker)).toHaveLength(2);
  });

  it('loses no step when two writers move a tag at once', async () => {
    await setTag(s3, { bucket, package: PKG, tag: 'race', topHash: snaps[0].topHash });
    await Promise.all([
      setTag(s3, { bucket, package: PKG, tag: 'race', topHash: snaps[1].topHash, move: true }),
      setTag(s3, { bucket, package: PKG, tag: 'race', topHash: snaps[2].topHash, move: true })
    ]);
    const record = await readTag(s3, bucket, PKG, 'race');
    const steps = record?.history.map(h => h.top_hash) ?? [];
    expect(steps).toHaveLength(3);
    expect(new Set(steps)).toEqual(new Set(snaps.map(s => s.topHash)));
    expect(record?.top_hash).toBe(steps[2]);
  });

  it('refuses a snapshot that does not exist, and bad names, writing nothing', async () => {
    await expect(setTag(s3, { bucket, package: PKG, tag: 'ghost', topHash: 'f'.repeat(64) })).rejects.toThrow(
      /No snapshot .* has the top hash/
    );
    await expect(setTag(s3, { bucket, package: PKG, tag: 'latest', topHash: snaps[0].topHash })).rejects.toThrow(/not a valid tag name/);
    await expect(getObjectText(s3, { bucket, key: tagKey(PKG, 'ghost') })).rejects.toMatchObject({ kind: 'NotFound' });
  });

  it('lists the tags of a package', async () => {
    expect((await listTags(s3, bucket, PKG)).map(t => [t.tag, t.top_hash])).toEqual([
      ['q3-release', snaps[1].topHash],
      ['race', expect.any(String)]
    ]);
  });
});

describe('quilt3 with tags present', () => {
  beforeAll(async () => {
    // present whatever other tests ran: a tag that sorts after every unix time ("z…" > "1…")
    await setTag(s3, { bucket, package: PKG, tag: 'zz-oldest', topHash: snaps[0].topHash });
    expect((await listTags(s3, bucket, PKG)).length).toBeGreaterThan(0);
  });

  it('lists the package once and only its pointers as versions, and browses by name and hash', async () => {
    expect(await runPythonJson<string[]>('quilt_interop.py', ['packages', bucket])).toEqual([PKG]);
    const versions = await runPythonJson<[string, string][]>('quilt_interop.py', ['versions', bucket, PKG]);
    expect(versions.map(v => v[0]).sort()).toEqual([...snaps.map(s => String(s.timestamp.getTime() / 1000)), 'latest'].sort());
    const latest = await runPythonJson<{ top_hash: string }>('quilt_interop.py', ['browse', bucket, PKG]);
    expect(latest.top_hash).toBe(snaps[2].topHash);
    const tagged = await runPythonJson<{ top_hash: string }>('quilt_interop.py', ['browse', bucket, PKG, snaps[1].topHash]);
    expect(tagged.top_hash).toBe(snaps[1].topHash);
  });

  it('deleting the newest version moves latest to the previous snapshot, not to a tag', async () => {
    const after = await runPythonJson<{ latest: string }>('quilt_interop.py', ['delete_version', bucket, PKG, snaps[2].topHash]);
    expect(after.latest).toBe(snaps[1].topHash);
    expect((await readTag(s3, bucket, PKG, 'zz-oldest'))?.top_hash).toBe(snaps[0].topHash);
  });
});

describe('lineage', () => {
  it('merges with the user metadata, and quilt3 reads it back', async () => {
    const pin = makePin({ bucket, folder: 'data/', package: PKG, topHash: snaps[0].topHash });
    const bytes = new TextEncoder().encode(JSON.stringify(setPin({ cells: [], metadata: {} }, pin)));
    const meta = lineageMeta({ notebookPath: 'analysis/run.ipynb', notebookBytes: bytes, userMeta: { run: 12, helium: { mine: 1 } } });
    await putObject(s3, { bucket, key: 'out/result.csv', body: 'x\n1\n' });
    const result = await snapshot(s3, { bucket, folder: 'out/', name: 'team/out', message: 'from a notebook', meta });
    const browsed = await runPythonJson<{ header: { user_meta: Record<string, unknown> } }>('quilt_interop.py', [
      'browse',
      bucket,
      'team/out',
      result.topHash
    ]);
    const expected = {
      notebook: { path: 'analysis/run.ipynb', sha256: createHash('sha256').update(bytes).digest('hex') },
      pins: [{ name: PKG, uri: `s3://${bucket}/data/`, package: PKG, top_hash: snaps[0].topHash }]
    };
    expect(browsed.header.user_meta).toEqual({ run: 12, helium: { mine: 1, lineage: expected } });
    const manifest = await readSnapshot(s3, bucket, result.topHash);
    expect(readLineage(manifest.header.user_meta)).toEqual(expected);
    expect(readLineage({ run: 12 })).toBeUndefined();
    expect(() => lineageMeta({ notebookPath: 'x.ipynb', notebookBytes: bytes, userMeta: { helium: 'no' } })).toThrow(/reserved/);
  });
});
