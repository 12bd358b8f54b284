/**
 * `helium rm` and `helium cp`: delete markers, recursive deletes, server-side copies.
 * dist/helium.cjs run as a child process against the local S3 server (jest's global setup).
 * @jest-environment-options {"customExportConditions": ["node", "require", "default"]}
 */
import { S3Client } from '@aws-sdk/client-s3';
import { getObjectBytes, headObject, putObject } from '../service/objects';
import { cliSuite } from '../testing/cli-suite';
import { createTestBucket } from '../testing/s3';
import { failure } from '../testing/failure';

jest.setTimeout(120_000);

const suite = cliSuite('cli-rm');
const { helium } = suite;
let s3: S3Client, bucket: string;

beforeAll(() => {
  ({ s3, bucket } = suite);
});

describe('helium rm and cp', () => {
  it('copies an object, and deletes it leaving a delete marker in a versioned bucket', async () => {
    await putObject(s3, { bucket, key: 'rm/one.txt', body: 'one' });
    const cp = await helium('cp', `s3://${bucket}/rm/one.txt`, `s3://${bucket}/rm/copies/`);
    expect(cp.code).toBe(0);
    expect(cp.stdout).toMatch(new RegExp(`^copy: s3://${bucket}/rm/one.txt to s3://${bucket}/rm/copies/one.txt \\(version .+\\)\\n$`));
    expect(new TextDecoder().decode((await getObjectBytes(s3, { bucket, key: 'rm/copies/one.txt' })).bytes)).toBe('one');

    const rm = await helium('rm', `s3://${bucket}/rm/one.txt`, '--yes');
    expect(rm.code).toBe(0);
    expect(rm.stdout).toContain(`delete: s3://${bucket}/rm/one.txt`);
    expect(rm.stdout).toContain('a delete marker now hides it');
    expect((await failure(headObject(s3, { bucket, key: 'rm/one.txt' }))).kind).toBe('NotFound');

    // Deleting what is not there is an error, not a silent new delete marker.
    const again = await helium('rm', `s3://${bucket}/rm/one.txt`, '--yes');
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('was not found');

    // A folder needs --recursive.
    const folder = await helium('rm', `s3://${bucket}/rm/copies/`);
    expect(folder.code).toBe(2);
    expect(folder.stderr).toContain('--recursive');
  });

  it('deletes a prefix recursively (and only that folder)', async () => {
    for (const key of ['rmr/a.txt', 'rmr/sub/b.txt', 'rmr2/keep.txt']) {
      await putObject(s3, { bucket, key, body: key });
    }
    const result = await helium('rm', `s3://${bucket}/rmr`, '--recursive', '--yes', '--json');
    expect(result.code).toBe(0);
    const deleted = JSON.parse(result.stdout).deleted as { key: string; deleteMarker: boolean }[];
    expect(deleted.map(d => d.key).sort()).toEqual(['rmr/a.txt', 'rmr/sub/b.txt']);
    expect(deleted.every(d => d.deleteMarker)).toBe(true);
    expect((await headObject(s3, { bucket, key: 'rmr2/keep.txt' })).size).toBe(13);
  });

  it('says a deletion is permanent in a bucket that keeps no versions (and keeps the versioned wording)', async () => {
    const plain = await createTestBucket(s3, 'cli-unversioned', false);
    for (const key of ['gone.txt', 'dir/a.txt', 'dir/b.txt']) {
      await putObject(s3, { bucket: plain, key, body: key });
    }
    const one = await helium('rm', `s3://${plain}/gone.txt`, '--yes');
    expect(one.code).toBe(0);
    expect(one.stdout).toBe(
      `delete: s3://${plain}/gone.txt (deleted permanently: the bucket keeps no versions, so it cannot be brought back)\n`
    );
    const all = await helium('rm', `s3://${plain}/dir/`, '--recursive', '--yes');
    expect(all.code).toBe(0);
    expect(all.stderr).toBe(`2 deleted permanently: bucket "${plain}" keeps no versions, so they cannot be brought back.\n`);
    const json = JSON.parse((await helium('rm', `s3://${bucket}/rm/copies/one.txt`, '--yes', '--json')).stdout);
    expect(json.deleted).toEqual([expect.objectContaining({ deleteMarker: true, permanent: false })]);
  });

  it('refuses to copy an object onto itself before asking S3, and says what would change it', async () => {
    const first = await putObject(s3, { bucket, key: 'self/a.txt', body: 'a' });
    for (const to of [`s3://${bucket}/self/a.txt`, `s3://${bucket}/self/`]) {
      const result = await helium('cp', `s3://${bucket}/self/a.txt`, to);
      expect({ to, code: result.code }).toEqual({ to, code: 2 });
      expect(result.stderr).toBe(
        `helium: Copying s3://${bucket}/self/a.txt onto itself changes nothing (S3 refuses it). To give it new metadata: helium meta s3://${bucket}/self/a.txt --set '{"key": "value"}' (a new version); to bring back an older version: helium restore s3://${bucket}/self/a.txt --version ID. Nothing was copied.\n`
      );
    }
    expect((await headObject(s3, { bucket, key: 'self/a.txt' })).versionId).toBe(first.versionId);
    // A version copied on top of its own key is allowed (a restore): a new version.
    const restore = await helium('cp', `s3://${bucket}/self/a.txt?versionId=${first.versionId}`, `s3://${bucket}/self/a.txt`);
    expect(restore.code).toBe(0);
    expect((await headObject(s3, { bucket, key: 'self/a.txt' })).versionId).not.toBe(first.versionId);
  });
});
