/**
 * The `s3:` drive asks before a save replaces an object in a bucket that keeps no versions (the one
 * save that loses data), once per bucket, against a real local S3 (moto).
 * @jest-environment-options {"customExportConditions": ["node", "require", "default"]}
 */
import { PutBucketVersioningCommand, S3Client } from '@aws-sdk/client-s3';
import { getObjectText } from '../service/objects';
import { TestConnections } from '../testing/connections';
import { createTestBucket, testClient } from '../testing/s3';
import { testTrans as trans } from '../testing/translation';
import { S3Drive } from './s3drive';
import type { IUnversionedSave } from './unversioned-save';

let s3: S3Client;
let plain: string;
let suspended: string;
let versioned: string;
const asked: IUnversionedSave[] = [];
let answer = false;

const driveFor = (ask?: (save: IUnversionedSave) => Promise<boolean>) =>
  new S3Drive(new TestConnections({ local: s3 }, { local: [plain, suspended, versioned] }), trans, undefined, ask);
const saveText = (drive: S3Drive, bucket: string, key: string, content: string) =>
  drive.save(`local/${bucket}/${key}`, { type: 'file', format: 'text', content });
const text = async (bucket: string, key: string) => (await getObjectText(s3, { bucket, key })).text;

beforeAll(async () => {
  s3 = testClient();
  plain = await createTestBucket(s3, 'drive-plain', false);
  suspended = await createTestBucket(s3, 'drive-suspended');
  await s3.send(new PutBucketVersioningCommand({ Bucket: suspended, VersioningConfiguration: { Status: 'Suspended' } }));
  versioned = await createTestBucket(s3, 'drive-versioned');
});

afterAll(() => s3?.destroy());

it('asks before replacing an object in a bucket without versions; No writes nothing and is a cancel, not an error', async () => {
  const drive = driveFor(async save => {
    asked.push(save);
    return answer;
  });
  await saveText(drive, plain, 'notes.txt', 'first');
  expect(asked).toEqual([]); // a new object replaces nothing

  answer = false;
  const refused = await drive.save(`local/${plain}/notes.txt`, { type: 'file', format: 'text', content: 'second' }).catch(e => e);
  expect(refused.name).toBe('ModalCancelError');
  expect(asked).toEqual([{ connection: 'local', bucket: plain, key: 'notes.txt', versioning: 'Off' }]);
  expect(await text(plain, 'notes.txt')).toBe('first');

  answer = true;
  await saveText(drive, plain, 'notes.txt', 'second');
  expect(await text(plain, 'notes.txt')).toBe('second');
  await saveText(drive, plain, 'other.txt', 'x');
  await saveText(drive, plain, 'other.txt', 'y');
  expect(asked).toHaveLength(2); // once per bucket, once agreed
  expect(await text(plain, 'other.txt')).toBe('y');
});

it('names a suspended bucket as such, and never asks where versions are kept or with no question lent', async () => {
  asked.length = 0;
  answer = true;
  const drive = driveFor(async save => {
    asked.push(save);
    return answer;
  });
  await saveText(drive, suspended, 'a.txt', '1');
  await saveText(drive, suspended, 'a.txt', '2');
  expect(asked.map(a => a.versioning)).toEqual(['Suspended']);
  await saveText(drive, versioned, 'a.txt', '1');
  await saveText(drive, versioned, 'a.txt', '2');
  expect(asked).toHaveLength(1);
  const silent = driveFor();
  await saveText(silent, plain, 'notes.txt', 'third');
  expect(await text(plain, 'notes.txt')).toBe('third');
});
