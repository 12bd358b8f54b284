/**
 * Integration tests of object versions against a real local S3 server (moto, see src/testing):
 * listing (order, latest flag, delete markers, exact key, paging), restore (a new version; the
 * multipart path is in versions-multipart-copy.int.spec.ts), undelete, deleting one version, and
 * unversioned buckets.
 * @jest-environment-options {"customExportConditions": ["node", "require", "default"]}
 */
import { PutBucketVersioningCommand, S3Client } from '@aws-sdk/client-s3';
import { createHash } from 'crypto';
import { cannedS3Client } from '../testing/canned-s3';
import { failure } from '../testing/failure';
import { createTestBucket, testClient } from '../testing/s3';
import { readCopySource } from './copy-multipart';
import { deleteObject, getObjectBytes, headObject, putObject } from './objects';
import {
  deleteVersion,
  listVersionPages,
  listVersions,
  ObjectVersion,
  restoreVersion,
  undeleteObject,
  versioningNotice,
  versioningStatus
} from './index';

jest.setTimeout(60_000);

let s3: S3Client;
let bucket: string;
let unversioned: string;

const text = (bytes: Uint8Array) => new TextDecoder().decode(bytes);
const sha256b64 = (data: Uint8Array | string) => createHash('sha256').update(data).digest('base64');

/** moto's timestamps have one-second precision: wait until the next second starts. */
const nextSecond = () => new Promise(resolve => setTimeout(resolve, 1050 - (Date.now() % 1000)));

/** Every version of a key, newest first. */
async function versionsOf(key: string, b = bucket, pageSize?: number): Promise<ObjectVersion[]> {
  const all: ObjectVersion[] = [];
  for await (const page of listVersionPages(s3, { bucket: b, key, pageSize })) {
    all.push(...page);
  }
  return all;
}

beforeAll(async () => {
  s3 = testClient();
  bucket = await createTestBucket(s3, 'versions');
  unversioned = await createTestBucket(s3, 'versions-off', false);
});

afterAll(() => s3?.destroy());

describe('an object with 5 versions and a delete marker', () => {
  const key = 'hist/k';
  const ids: string[] = [];
  let markerId: string;

  beforeAll(async () => {
    await putObject(s3, { bucket, key: 'hist/j', body: 'before' });
    for (const [i, contentType] of ['text/plain', 'text/csv', 'application/json'].entries()) {
      const put = await putObject(s3, {
        bucket,
        key,
        body: 'x'.repeat(i + 1),
        contentType,
        userMetadata: { helium: JSON.stringify({ target: 'text', user_meta: { n: i + 1 } }), other: `o${i + 1}` }
      });
      ids.push(put.versionId as string);
    }
    await nextSecond();
    markerId = (await deleteObject(s3, { bucket, key })).versionId as string;
    await nextSecond();
    for (const i of [4, 5]) {
      ids.push((await putObject(s3, { bucket, key, body: 'x'.repeat(i) })).versionId as string);
    }
    // Neighbours sharing the prefix, with enough versions to fill more pages.
    for (const neighbour of ['hist/k.bak', 'hist/k.bak', 'hist/k.bak', 'hist/k/x', 'hist/k/x']) {
      await putObject(s3, { bucket, key: neighbour, body: neighbour });
    }
  });

  it('lists versions and the marker newest first, with latest flag and sizes', async () => {
    const versions = await versionsOf(key);
    expect(versions.map(v => v.versionId)).toEqual([ids[4], ids[3], markerId, ids[2], ids[1], ids[0]]);
    expect(versions.map(v => v.isLatest)).toEqual([true, false, false, false, false, false]);
    expect(versions.map(v => v.isDeleteMarker)).toEqual([false, false, true, false, false, false]);
    expect(versions.map(v => v.size)).toEqual([5, 4, 0, 3, 2, 1]);
    expect(versions.every(v => v.key === key)).toBe(true);
    expect(versions[2].etag).toBeUndefined();
    expect(versions[0].etag).toMatch(/^[0-9a-f]{32}$/);
    expect(versions[0].lastModified).toBeInstanceOf(Date);
    expect(versions[0].lastModified.getTime()).toBeGreaterThan(versions[2].lastModified.getTime() - 1);
  });

  it('pages with pageSize 2 and stops once the listing moved past the key', async () => {
    const counting = testClient();
    let requests = 0;
    counting.middlewareStack.add(
      next => args => {
        requests += 1;
        return next(args);
      },
      { step: 'initialize', name: 'countRequests' }
    );
    const pages: ObjectVersion[][] = [];
    for await (const page of listVersionPages(counting, { bucket, key, pageSize: 2 })) {
      pages.push(page);
    }
    counting.destroy();
    expect(pages.map(p => p.length)).toEqual([2, 2, 2]);
    expect(pages.flat().map(v => v.versionId)).toEqual((await versionsOf(key)).map(v => v.versionId));
    // 3 pages of k, then one page showing k.bak: 4 requests, not the 3 more k.bak and k/x need.
    expect(requests).toBe(4);
  });

  it('lists up to a limit, saying whether there are more', async () => {
    const limited = await listVersions(s3, { bucket, key, limit: 4 });
    expect(limited.truncated).toBe(true);
    expect(limited.versions.map(v => v.versionId)).toEqual([ids[4], ids[3], markerId, ids[2]]);
    const all = await listVersions(s3, { bucket, key });
    expect(all).toMatchObject({ truncated: false });
    expect(all.versions).toHaveLength(6);
    expect(await listVersions(s3, { bucket, key: 'hist/none' })).toEqual({ versions: [], truncated: false });
  });

  it('restores an old version as a 6th version with the same bytes and metadata', async () => {
    const before = await versionsOf(key);
    const oldSource = await readCopySource(s3, { bucket, key, versionId: ids[1] });
    const result = await restoreVersion(s3, { bucket, key, versionId: ids[1] });
    expect(result).toMatchObject({ written: true, sourceVersionId: ids[1], size: 2, multipart: false });
    expect(result.versionId).toBeTruthy();
    expect(result.checksumSha256).toBe(sha256b64('xx'));

    const after = await versionsOf(key);
    expect(after.filter(v => !v.isDeleteMarker)).toHaveLength(6);
    expect(after[0]).toMatchObject({ versionId: result.versionId, isLatest: true, size: 2 });
    // The older versions are unchanged (same ids, sizes and ETags), none is latest any more.
    expect(after.slice(1).map(v => [v.versionId, v.size, v.etag, v.isLatest])).toEqual(
      before.map(v => [v.versionId, v.size, v.etag, false])
    );
    const now = await getObjectBytes(s3, { bucket, key });
    expect(text(now.bytes)).toBe('xx');
    const restored = await readCopySource(s3, { bucket, key });
    expect(restored.headers).toEqual(oldSource.headers);
    expect(restored.info.userMetadata).toEqual(oldSource.info.userMetadata);
    expect(restored.info.contentType).toBe('text/csv');
    expect(text((await getObjectBytes(s3, { bucket, key, versionId: ids[1] })).bytes)).toBe('xx');
  });

  it('writes nothing when the version already is the current one', async () => {
    const [current] = await versionsOf(key);
    const result = await restoreVersion(s3, { bucket, key, versionId: current.versionId });
    expect(result).toMatchObject({ written: false, sourceVersionId: current.versionId });
    expect(result.versionId).toBeUndefined();
    expect((await versionsOf(key))[0].versionId).toBe(current.versionId);
  });

  it('refuses to restore a delete marker, writing nothing', async () => {
    const before = await versionsOf(key);
    const err = await failure(restoreVersion(s3, { bucket, key, versionId: markerId }));
    expect(err.kind).toBe('InvalidInput');
    expect(err.code).toBe('DeleteMarker');
    expect(err.message).toContain('is a delete marker: it has no content');
    expect((await versionsOf(key)).map(v => v.versionId)).toEqual(before.map(v => v.versionId));
  });

  it('checks bucket and key before any request', async () => {
    const bad = await failure(listVersions(s3, { bucket: 'Not_A_Bucket', key }));
    expect(bad).toMatchObject({ kind: 'InvalidInput', code: 'InvalidBucketName' });
    const empty = await failure(listVersions(s3, { bucket, key: '' }));
    expect(empty).toMatchObject({ kind: 'InvalidInput', code: 'InvalidKey' });
    const noVersion = await failure(restoreVersion(s3, { bucket, key, versionId: '' }));
    expect(noVersion.kind).toBe('InvalidInput');
  });
});

describe('listing order from the response', () => {
  it('orders a version and a marker of the same second as S3 listed them', async () => {
    const time = '2024-05-01T10:00:00.000Z';
    const version = (id: string, latest: boolean) =>
      `<Version><Key>k</Key><VersionId>${id}</VersionId><IsLatest>${latest}</IsLatest><LastModified>${time}</LastModified><ETag>"e${id}"</ETag><Size>1</Size><StorageClass>STANDARD</StorageClass></Version>`;
    const marker = (id: string) =>
      `<DeleteMarker><Key>k</Key><VersionId>${id}</VersionId><IsLatest>false</IsLatest><LastModified>${time}</LastModified></DeleteMarker>`;
    const xml =
      '<?xml version="1.0" encoding="UTF-8"?><ListVersionsResult><Name>b-b-b</Name><Prefix>k</Prefix><IsTruncated>false</IsTruncated>' +
      `${version('v3', true)}${marker('m2')}${version('v1', false)}</ListVersionsResult>`;
    // A server that answers every request with this listing.
    const fake = cannedS3Client(() => ({ status: 200, xml }));
    const pages: ObjectVersion[][] = [];
    for await (const page of listVersionPages(fake, { bucket: 'b-b-b', key: 'k' })) {
      pages.push(page);
    }
    expect(pages.flat().map(v => v.versionId)).toEqual(['v3', 'm2', 'v1']);
    fake.destroy();
  });
});

describe('versioning', () => {
  it('describes each state', async () => {
    expect(versioningNotice('Enabled', 'b')).toBeNull();
    expect(versioningNotice('Off', 'b')).toContain('does not keep versions');
    expect(versioningNotice('Off', 'b')).toContain('aws s3api put-bucket-versioning --bucket b');
    expect(versioningNotice('Suspended', 'b')).toContain('suspended');
    expect(await versioningStatus(s3, bucket)).toEqual({ state: 'Enabled', notice: null });
    expect((await versioningStatus(s3, unversioned)).state).toBe('Off');
  });

  it('refuses restore and undelete on an unversioned bucket with a plain message, writing nothing', async () => {
    await putObject(s3, { bucket: unversioned, key: 'only.txt', body: 'only copy' });
    const err = await failure(restoreVersion(s3, { bucket: unversioned, key: 'only.txt', versionId: 'null' }));
    expect(err.kind).toBe('NotVersioned');
    expect(err.message).toBe(
      `Bucket "${unversioned}" does not keep versions, so restoring an old version would overwrite the only copy. Nothing was changed. ` +
        `Turn versioning on: S3 console → Properties → Bucket Versioning, or \`aws s3api put-bucket-versioning --bucket ${unversioned} --versioning-configuration Status=Enabled\`.`
    );
    const undelete = await failure(undeleteObject(s3, { bucket: unversioned, key: 'only.txt' }));
    expect(undelete.kind).toBe('NotVersioned');
    const versions = await versionsOf('only.txt', unversioned);
    expect(versions.map(v => v.versionId)).toEqual(['null']);
    expect(text((await getObjectBytes(s3, { bucket: unversioned, key: 'only.txt' })).bytes)).toBe('only copy');
  });

  it('refuses on a bucket whose versioning is suspended, saying what that means', async () => {
    const suspended = await createTestBucket(s3, 'versions-susp');
    const v1 = await putObject(s3, { bucket: suspended, key: 'k', body: 'one' });
    await putObject(s3, { bucket: suspended, key: 'k', body: 'two' });
    await s3.send(new PutBucketVersioningCommand({ Bucket: suspended, VersioningConfiguration: { Status: 'Suspended' } }));
    const err = await failure(restoreVersion(s3, { bucket: suspended, key: 'k', versionId: v1.versionId as string }));
    expect(err).toMatchObject({ kind: 'NotVersioned', code: 'VersioningSuspended' });
    expect(err.message).toContain('suspended');
    expect(err.message).toContain('Nothing was changed.');
    expect(await versionsOf('k', suspended)).toHaveLength(2);
  });
});

describe('undelete', () => {
  it('removes the delete marker so the version before it is current again', async () => {
    await putObject(s3, { bucket, key: 'undel/k', body: 'first' });
    const second = await putObject(s3, { bucket, key: 'undel/k', body: 'second' });
    const marker = await deleteObject(s3, { bucket, key: 'undel/k' });
    expect((await failure(getObjectBytes(s3, { bucket, key: 'undel/k' }))).kind).toBe('NotFound');

    const result = await undeleteObject(s3, { bucket, key: 'undel/k' });
    expect(result.deleteMarkerVersionId).toBe(marker.versionId);
    expect(result.removedDeleteMarkers).toEqual([marker.versionId]);
    expect(result.current).toMatchObject({ versionId: second.versionId, isLatest: true, size: 6 });
    expect(text((await getObjectBytes(s3, { bucket, key: 'undel/k' })).bytes)).toBe('second');
    expect((await versionsOf('undel/k')).map(v => v.isDeleteMarker)).toEqual([false, false]);

    const again = await failure(undeleteObject(s3, { bucket, key: 'undel/k' }));
    expect(again).toMatchObject({ kind: 'InvalidInput', code: 'NotDeleted' });
    expect(again.message).toContain('is not deleted');
  });

  it('removes every marker of an object deleted twice', async () => {
    const v = await putObject(s3, { bucket, key: 'undel/twice', body: 'kept' });
    await nextSecond();
    await deleteObject(s3, { bucket, key: 'undel/twice' });
    await nextSecond();
    await deleteObject(s3, { bucket, key: 'undel/twice' });
    const result = await undeleteObject(s3, { bucket, key: 'undel/twice' });
    expect(result.removedDeleteMarkers).toHaveLength(2);
    expect(result.current.versionId).toBe(v.versionId);
    expect(text((await getObjectBytes(s3, { bucket, key: 'undel/twice' })).bytes)).toBe('kept');
  });

  it('says NotFound for a key that never existed', async () => {
    const err = await failure(undeleteObject(s3, { bucket, key: 'undel/never' }));
    expect(err.kind).toBe('NotFound');
    expect(err.message).toContain('has no versions');
  });
});

describe('deleteVersion', () => {
  it('deletes one version for good, and only with permanently: true', async () => {
    const v1 = await putObject(s3, { bucket, key: 'delv/k', body: 'one' });
    const v2 = await putObject(s3, { bucket, key: 'delv/k', body: 'two' });
    const refused = await failure(
      deleteVersion(s3, { bucket, key: 'delv/k', versionId: v1.versionId as string, permanently: false as unknown as true })
    );
    expect(refused).toMatchObject({ kind: 'InvalidInput', code: 'NotConfirmed' });
    expect(await versionsOf('delv/k')).toHaveLength(2);

    const result = await deleteVersion(s3, { bucket, key: 'delv/k', versionId: v1.versionId as string, permanently: true });
    expect(result.versionId).toBe(v1.versionId);
    expect((await versionsOf('delv/k')).map(v => v.versionId)).toEqual([v2.versionId]);
    expect((await failure(getObjectBytes(s3, { bucket, key: 'delv/k', versionId: v1.versionId }))).kind).toBe('NotFound');
  });
});

describe('headObject of restored versions', () => {
  it('keeps the checksum S3 computed for the copy', async () => {
    const v1 = await putObject(s3, { bucket, key: 'sum/k', body: 'checksummed' });
    await putObject(s3, { bucket, key: 'sum/k', body: 'other' });
    const restored = await restoreVersion(s3, { bucket, key: 'sum/k', versionId: v1.versionId as string });
    const head = await headObject(s3, { bucket, key: 'sum/k' });
    expect(head.checksumSha256).toBe(sha256b64('checksummed'));
    expect(restored.checksumSha256).toBe(head.checksumSha256);
  });
});
