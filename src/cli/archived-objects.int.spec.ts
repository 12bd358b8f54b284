/**
 * Archived objects (S3 Glacier Flexible Retrieval, Deep Archive): S3 lists them and answers their
 * HEAD, but refuses to serve their bytes (403 InvalidObjectState) until a copy is restored. The
 * `helium` command says so (never "access denied") for a download or a copy, a folder download
 * saves the rest and names each archived object, a snapshot names every archived object it
 * cannot hash and writes nothing, and an archived object whose SHA-256 checksum S3 keeps is
 * snapshotted from that checksum. `helium unarchive` asks for restored copies (one object, or every
 * archived object under a prefix), and `helium meta` says where a restored copy stands. Against the local S3 (moto, which refuses archived bytes as S3 does), with the built command.
 * @jest-environment-options {"customExportConditions": ["node", "require", "default"]}
 */
import { PutObjectCommand, RestoreObjectCommand, S3Client, StorageClass } from '@aws-sdk/client-s3';
import { promises as fs } from 'fs';
import * as os from 'os';
import * as path from 'path';
import { listSnapshots } from '../service/snapshots';
import { createTestBucket, testClient, testS3Url } from '../testing/s3';
import { ensureCliBuilt, readTree, runCli } from '../testing/cli-harness';

jest.setTimeout(120_000);

let s3: S3Client;
let endpoint: string;
let tmp: string;

const helium = (...args: string[]) => runCli(args, { endpoint, cwd: tmp });

/** Put an object in a storage class, optionally with S3 keeping its SHA-256. */
async function putIn(bucket: string, key: string, body: string, storageClass?: StorageClass, sha256 = false): Promise<void> {
  await s3.send(
    new PutObjectCommand({
      Bucket: bucket,
      Key: key,
      Body: body,
      ...(storageClass ? { StorageClass: storageClass } : {}),
      ...(sha256 ? { ChecksumAlgorithm: 'SHA256' } : {})
    })
  );
}

beforeAll(async () => {
  s3 = testClient();
  endpoint = testS3Url();
  tmp = await fs.mkdtemp(path.join(os.tmpdir(), 'helium-archived-'));
  await ensureCliBuilt();
});

afterAll(async () => {
  s3?.destroy();
  await fs.rm(tmp, { recursive: true, force: true });
});

describe('archived objects', () => {
  it('get of one says it is archived and how to restore it, saves nothing, and works once restored', async () => {
    const bucket = await createTestBucket(s3, 'archone');
    await putIn(bucket, 'cold/a.csv', 'a,b\n1,2\n', 'GLACIER');
    const file = path.join(tmp, 'one.csv');

    const refused = await helium('get', `s3://${bucket}/cold/a.csv`, file);

    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(`s3://${bucket}/cold/a.csv is archived in S3 Glacier Flexible Retrieval`);
    expect(refused.stderr).toContain('Ask for a restored copy with helium unarchive');
    expect(refused.stderr).not.toMatch(/access denied/i);
    expect(await fs.readdir(tmp)).not.toContain('one.csv');
    const copy = await helium('cp', `s3://${bucket}/cold/a.csv`, `s3://${bucket}/warm/a.csv`);
    expect(copy.code).toBe(1);
    expect(copy.stderr).toContain(`The source of the copy to s3://${bucket}/warm/a.csv is archived`);

    await s3.send(new RestoreObjectCommand({ Bucket: bucket, Key: 'cold/a.csv', RestoreRequest: { Days: 1 } }));
    const restored = await helium('get', `s3://${bucket}/cold/a.csv`, file);
    expect(restored.stderr).toBe('');
    expect(await fs.readFile(file, 'utf8')).toBe('a,b\n1,2\n');
  });

  it('a folder download saves the rest, names each archived object, and fails at the end', async () => {
    const bucket = await createTestBucket(s3, 'archdir');
    await putIn(bucket, 'd/cold.csv', 'cold', 'GLACIER');
    await putIn(bucket, 'd/deep.csv', 'deep', 'DEEP_ARCHIVE');
    await putIn(bucket, 'd/warm.csv', 'warm');
    await putIn(bucket, 'd/sub/ia.csv', 'infrequent', 'STANDARD_IA');
    const out = path.join(tmp, 'folder');

    const result = await helium('get', `s3://${bucket}/d/`, out);

    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`skip: s3://${bucket}/d/cold.csv is archived in S3 Glacier Flexible Retrieval`);
    expect(result.stderr).toContain(`skip: s3://${bucket}/d/deep.csv is archived in S3 Glacier Deep Archive`);
    expect(result.stderr).toContain('2 objects of the folder were not downloaded (2 were)');
    expect(result.stderr).not.toContain('S3 panel');
    expect(result.stderr).toContain('2 files downloaded.');
    // Only the readable objects, and no half-written or temporary file of the others.
    expect([...(await readTree(out)).keys()].sort()).toEqual(['sub/ia.csv', 'warm.csv']);

    const json = await helium('get', `s3://${bucket}/d/`, path.join(tmp, 'folder-json'), '--json');
    expect(json.code).toBe(1);
    const skipped = (JSON.parse(json.stdout) as { skipped: { key: string; reason: string }[] }).skipped;
    expect(skipped.map(s => [s.key, s.reason]).sort()).toEqual([
      ['d/cold.csv', 'archived'],
      ['d/deep.csv', 'archived']
    ]);
  });

  it('a snapshot names every archived object it cannot hash and writes no snapshot', async () => {
    const bucket = await createTestBucket(s3, 'archsnap');
    await putIn(bucket, 'p/cold.csv', 'cold', 'GLACIER');
    await putIn(bucket, 'p/deep.csv', 'deep', 'DEEP_ARCHIVE');
    await putIn(bucket, 'p/warm.csv', 'warm');

    const result = await helium('snapshot', `s3://${bucket}/p/`, '--name', 'team/arch', '--message', 'with archived');

    expect(result.code).toBe(1);
    expect(result.stderr).toContain('2 objects are archived');
    expect(result.stderr).toContain(`s3://${bucket}/p/cold.csv, s3://${bucket}/p/deep.csv`);
    expect(result.stderr).toContain('No snapshot was written.');
    expect(result.stderr).toContain('helium unarchive');
    expect(await listSnapshots(s3, { bucket, folder: 'p/', refresh: true })).toEqual([]);
  });

  it('an archived object whose SHA-256 S3 keeps is snapshotted from its checksum', async () => {
    const bucket = await createTestBucket(s3, 'archsum');
    await putIn(bucket, 'q/cold.csv', 'kept checksum', 'GLACIER', true);
    await putIn(bucket, 'q/warm.csv', 'warm');

    const result = await helium('snapshot', `s3://${bucket}/q/`, '--name', 'team/kept', '--message', 'checksum only', '--json');

    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const snapshots = await listSnapshots(s3, { bucket, folder: 'q/', refresh: true });
    expect(snapshots).toHaveLength(1);
  });

  it('unarchive asks for a restored copy of one object, which then reads; meta says until when', async () => {
    const bucket = await createTestBucket(s3, 'archun');
    await putIn(bucket, 'u/cold.csv', 'frozen', 'GLACIER');
    await putIn(bucket, 'u/warm.csv', 'warm');

    const bad = await helium('unarchive', `s3://${bucket}/u/cold.csv`, '--days', '0');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--days must be a whole number of days');
    const before = await helium('meta', `s3://${bucket}/u/cold.csv`);
    expect(before.stdout).toContain('storage class:  GLACIER: archived in S3 Glacier Flexible Retrieval; not restored');

    const result = await helium('unarchive', `s3://${bucket}/u/cold.csv`, '--days', '2', '--tier', 'bulk');
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(`restore: s3://${bucket}/u/cold.csv (S3 Glacier Flexible Retrieval)\n`);
    expect(result.stderr).toContain('A Bulk restore usually takes');
    // The local S3 restores at once (S3 takes hours).
    const after = await helium('meta', `s3://${bucket}/u/cold.csv`);
    expect(after.stdout).toMatch(
      /storage class: {2}GLACIER: archived in S3 Glacier Flexible Retrieval; restored copy readable until \d{4}-\d\d-\d\d \d\d:\d\d UTC/
    );
    const file = path.join(tmp, 'thawed.csv');
    expect((await helium('get', `s3://${bucket}/u/cold.csv`, file)).code).toBe(0);
    expect(await fs.readFile(file, 'utf8')).toBe('frozen');

    const warm = await helium('unarchive', `s3://${bucket}/u/warm.csv`);
    expect(warm.code).toBe(0);
    expect(warm.stdout).toContain('is not archived (storage class STANDARD): it can be read as it is. Nothing was requested.');
  });

  it('unarchive --recursive restores every archived object under a prefix and counts the rest', async () => {
    const bucket = await createTestBucket(s3, 'archrec');
    await putIn(bucket, 'r/a.csv', 'a', 'GLACIER');
    await putIn(bucket, 'r/deep/b.csv', 'b', 'DEEP_ARCHIVE');
    await putIn(bucket, 'r/c.csv', 'c');
    await putIn(bucket, 'other/d.csv', 'd', 'GLACIER');

    const result = await helium('unarchive', `s3://${bucket}/r/`, '--recursive', '--json');

    expect(result.code).toBe(0);
    const answer = JSON.parse(result.stdout) as { archived: { key: string; result: string }[]; notArchived: number };
    expect(answer.archived.map(a => [a.key, a.result])).toEqual([
      ['r/a.csv', 'started'],
      ['r/deep/b.csv', 'started']
    ]);
    expect(answer.notArchived).toBe(1);
    // Outside the prefix: untouched, still unreadable.
    expect((await helium('get', `s3://${bucket}/other/d.csv`, path.join(tmp, 'd.csv'))).code).toBe(1);
    const again = await helium('unarchive', `s3://${bucket}/r/`, '-r');
    expect(again.stderr).toContain('0 restores requested, 0 were already under way, 2 were already restored; 1 object is not archived.');
  });
});
