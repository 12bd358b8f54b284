/**
 * Duplicate against a real local S3 server (moto): the first free "… copy" name is taken.
 * @jest-environment-options {"customExportConditions": ["node", "require", "default"]}
 */
import { S3Client } from '@aws-sdk/client-s3';
import { createTestBucket, testClient } from '../testing/s3';
import { getObjectText, putObject } from '../service/objects';
import { runDuplicate } from './move';

jest.setTimeout(60_000);

let s3: S3Client;
let bucket: string;

beforeAll(async () => {
  s3 = testClient();
  bucket = await createTestBucket(s3, 'duplicate');
});

it('duplicates an object next to itself under the first free name, never over an existing one', async () => {
  await putObject(s3, { bucket, key: 'data/storms.csv', body: 'original' });
  await putObject(s3, { bucket, key: 'data/storms copy.csv', body: 'an older copy' });
  const source = { bucket, key: 'data/storms.csv', name: 'storms.csv' };
  const { to, result } = await runDuplicate(s3, source);
  expect(to).toEqual({ bucket, key: 'data/storms copy 2.csv' });
  expect(result.moved).toHaveLength(1);
  expect((await getObjectText(s3, { bucket, key: 'data/storms copy 2.csv' })).text).toBe('original');
  expect((await getObjectText(s3, { bucket, key: 'data/storms copy.csv' })).text).toBe('an older copy');
  expect((await getObjectText(s3, { bucket, key: 'data/storms.csv' })).text).toBe('original');
});
