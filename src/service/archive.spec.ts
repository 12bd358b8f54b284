/**
 * Archived objects: reading S3's `x-amz-restore` header, telling archived from not, naming the
 * archive, and what a restore request reports for each answer S3 gives. The 409 of a restore
 * already under way cannot be made on the local S3 (moto restores at once): a fake handler
 * answers it.
 * @jest-environment-options {"customExportConditions": ["node", "require", "default"]}
 */
import type { S3Client } from '@aws-sdk/client-s3';
import { cannedS3Client } from '../testing/canned-s3';
import { archiveName, archiveStateOf, isArchiveClass, parseRestoreHeader, requestRestore } from './archive';

/** A client whose every request gets this answer. */
const answering = (status: number, xml = '') => cannedS3Client(() => ({ status, xml }));

describe('archived objects', () => {
  it('reads the restore header: none, under way, restored until a date', () => {
    expect(parseRestoreHeader(undefined)).toEqual({ state: 'none' });
    expect(parseRestoreHeader('ongoing-request="true"')).toEqual({ state: 'in-progress' });
    expect(parseRestoreHeader('ongoing-request="false", expiry-date="Wed, 09 Dec 2026 11:46:36 GMT"')).toEqual({
      state: 'restored',
      until: new Date('2026-12-09T11:46:36Z')
    });
    expect(parseRestoreHeader('ongoing-request="false", expiry-date="someday"')).toEqual({ state: 'restored' });
  });

  it('tells archived storage classes and tiers from the others, and names them', () => {
    expect(isArchiveClass('GLACIER')).toBe(true);
    expect(isArchiveClass('DEEP_ARCHIVE')).toBe(true);
    expect(isArchiveClass('GLACIER_IR')).toBe(false);
    expect(isArchiveClass('INTELLIGENT_TIERING')).toBe(false);
    expect(isArchiveClass(undefined)).toBe(false);
    expect(archiveStateOf({ storageClass: 'STANDARD_IA' })).toBeUndefined();
    expect(archiveStateOf({ storageClass: 'INTELLIGENT_TIERING' })).toBeUndefined();
    expect(archiveStateOf({ storageClass: 'INTELLIGENT_TIERING', archiveStatus: 'DEEP_ARCHIVE_ACCESS' })).toEqual({
      archive: "S3 Intelligent-Tiering's Deep Archive Access tier",
      restore: { state: 'none' }
    });
    expect(archiveStateOf({ storageClass: 'GLACIER', restore: 'ongoing-request="true"' })).toEqual({
      archive: 'S3 Glacier Flexible Retrieval',
      restore: { state: 'in-progress' }
    });
    expect(archiveName('SOMETHING_NEW')).toBe('SOMETHING_NEW');
  });

  it('reports what S3 answered a restore request', async () => {
    const ref = { bucket: 'bkt', key: 'a.csv' };
    const options = { days: 3 };
    const cases: [S3Client, string][] = [
      [answering(202), 'started'],
      [answering(200), 'extended'],
      [
        answering(409, '<Error><Code>RestoreAlreadyInProgress</Code><Message>Object restore is already in progress</Message></Error>'),
        'in-progress'
      ],
      [
        answering(
          403,
          "<Error><Code>InvalidObjectState</Code><Message>The operation is not valid for the object's storage class</Message></Error>"
        ),
        'not-archived'
      ]
    ];
    for (const [client, expected] of cases) {
      expect(await requestRestore(client, ref, options)).toBe(expected);
      client.destroy();
    }
  });

  it('words a refused restore with the permission it needs', async () => {
    const client = answering(403, '<Error><Code>AccessDenied</Code><Message>Access Denied</Message></Error>');
    await expect(requestRestore(client, { bucket: 'bkt', key: 'a.csv' }, { days: 1 })).rejects.toThrow(
      'Access denied to s3://bkt/a.csv. Your credentials lack s3:RestoreObject on it.'
    );
    client.destroy();
  });
});
