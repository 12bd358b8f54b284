/**
 * *Restore from Archive…* without its dialog: restored copies asked for one archived object or
 * every archived object under a folder, against the local S3 (moto restores at once, S3 takes
 * hours), and what the person is told.
 * @jest-environment-options {"customExportConditions": ["node", "require", "default"]}
 */
import { GetObjectCommand, PutObjectCommand, S3Client, StorageClass } from '@aws-sdk/client-s3';
import { TestConnections } from '../testing/connections';
import { createTestBucket, testClient } from '../testing/s3';
import { testTrans } from '../testing/translation';
import { isArchiveClass } from '../service/archive-names';
import { restoreFromArchive, restoreSummaryText } from './archive-restore';

jest.setTimeout(60_000);

let s3: S3Client;
let connections: TestConnections;
let bucket: string;

const put = (key: string, storageClass?: StorageClass) =>
  s3.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: key, ...(storageClass ? { StorageClass: storageClass } : {}) }));
const readable = (key: string) =>
  s3.send(new GetObjectCommand({ Bucket: bucket, Key: key })).then(
    () => true,
    () => false
  );

beforeAll(async () => {
  s3 = testClient();
  bucket = await createTestBucket(s3, 'unarch');
  connections = new TestConnections({ local: s3 }, { local: [bucket] });
  await put('one/cold.csv', 'GLACIER');
  await put('one/warm.csv');
  await put('many/a.csv', 'GLACIER');
  await put('many/sub/b.csv', 'DEEP_ARCHIVE');
  await put('many/c.csv', 'STANDARD_IA');
});

afterAll(() => s3?.destroy());

describe('restore from archive', () => {
  it('tells archived storage classes from the listing', () => {
    expect(isArchiveClass('GLACIER')).toBe(true);
    expect(isArchiveClass('DEEP_ARCHIVE')).toBe(true);
    expect(isArchiveClass('STANDARD')).toBe(false);
    expect(isArchiveClass(undefined)).toBe(false);
  });

  it('asks for a restored copy of one object, which then reads', async () => {
    expect(await readable('one/cold.csv')).toBe(false);
    const choice = { days: 3, tier: 'Bulk' as const };

    const summary = await restoreFromArchive(connections, { connection: 'local', bucket, key: 'one/cold.csv', folder: false }, choice);

    expect(summary).toEqual({ started: 1, extended: 0, inProgress: 0, notArchived: 0 });
    expect(restoreSummaryText(summary, choice, testTrans)).toBe(
      'Restore requested for 1 object (usually 5 to 12 hours (up to 48 from Deep Archive)); its copy stays readable for 3 days.'
    );
    expect(await readable('one/cold.csv')).toBe(true);
    const again = await restoreFromArchive(connections, { connection: 'local', bucket, key: 'one/cold.csv', folder: false }, choice);
    expect(again.extended).toBe(1);
    expect(restoreSummaryText(again, choice, testTrans)).toBe('1 was already restored: kept 3 days from today.');
  });

  it('says an object that is not archived can be read as it is', async () => {
    const choice = { days: 7, tier: 'Standard' as const };
    const summary = await restoreFromArchive(connections, { connection: 'local', bucket, key: 'one/warm.csv', folder: false }, choice);
    expect(summary).toEqual({ started: 0, extended: 0, inProgress: 0, notArchived: 1 });
    expect(restoreSummaryText(summary, choice, testTrans)).toBe('1 object is not archived: it can be read as it is.');
  });

  it('restores every archived object under a folder, at every depth, and only those', async () => {
    const choice = { days: 1, tier: 'Standard' as const };
    const summary = await restoreFromArchive(connections, { connection: 'local', bucket, key: 'many/', folder: true }, choice);
    expect(summary).toEqual({ started: 2, extended: 0, inProgress: 0, notArchived: 1 });
    expect(await readable('many/a.csv')).toBe(true);
    expect(await readable('many/sub/b.csv')).toBe(true);
    expect(restoreSummaryText(summary, choice, testTrans)).toBe(
      'Restore requested for 2 objects (usually 3 to 5 hours (up to 12 from Deep Archive)); their copies stay readable for 1 day.'
    );
  });

  it('restores one archived version of an object whose current version is not archived', async () => {
    const old = await s3.send(new PutObjectCommand({ Bucket: bucket, Key: 'ver/a.csv', Body: 'old', StorageClass: 'GLACIER' }));
    await put('ver/a.csv');
    const readOld = () =>
      s3.send(new GetObjectCommand({ Bucket: bucket, Key: 'ver/a.csv', VersionId: old.VersionId })).then(
        () => true,
        () => false
      );
    expect(await readOld()).toBe(false);
    const choice = { days: 1, tier: 'Standard' as const };
    const target = { connection: 'local', bucket, key: 'ver/a.csv', folder: false };

    expect((await restoreFromArchive(connections, target, choice)).notArchived).toBe(1);
    const summary = await restoreFromArchive(connections, { ...target, versionId: old.VersionId }, choice);

    expect(summary.started).toBe(1);
    expect(await readOld()).toBe(true);
  });
});
