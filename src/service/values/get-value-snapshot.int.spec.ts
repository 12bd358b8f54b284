/**
 * getValue as of a snapshot (T4's `get(..., snapshot=)`) against the local S3: the pinned
 * version, whatever happened to the object since.
 * @jest-environment-options {"customExportConditions": ["node", "require", "default"]}
 */
import type { S3Client } from '@aws-sdk/client-s3';
import { failure } from '../../testing/failure';
import { createTestBucket, testClient } from '../../testing/s3';
import { deleteObject } from '../objects';
import { snapshot } from '../snapshots/snapshot';
import { getValue } from './get-value';
import { putValue } from './put-value';

let s3: S3Client;
let bucket: string;
let topHash: string;

beforeAll(async () => {
  s3 = testClient();
  bucket = await createTestBucket(s3, 'asof');
  await putValue(s3, { bucket, key: 'team/data/config.json' }, { threshold: 1 }, { meta: { by: 'first' } });
  await putValue(s3, { bucket, key: 'team/data/other.txt' }, 'unchanged');
  await putValue(s3, { bucket, key: 'team/outside.json' }, { not: 'in the snapshot' });
  ({ topHash } = await snapshot(s3, { bucket, folder: 'team/data/', message: 'before the change' }));
  await putValue(s3, { bucket, key: 'team/data/config.json' }, { threshold: 2 }, { meta: { by: 'second' } });
}, 60_000);

it('reads the version the snapshot pinned, by full or short hash, even after a change and a delete', async () => {
  expect((await getValue(s3, { bucket, key: 'team/data/config.json' })).value).toEqual({ threshold: 2 });
  const asOf = await getValue(s3, { bucket, key: 'team/data/config.json' }, { snapshot: topHash });
  expect(asOf.value).toEqual({ threshold: 1 });
  expect(asOf.meta).toEqual({ by: 'first' });
  await deleteObject(s3, { bucket, key: 'team/data/config.json' });
  const short = await getValue(s3, `s3://${bucket}/team/data/config.json`, { snapshot: topHash.slice(0, 8) });
  expect(short.value).toEqual({ threshold: 1 });
});

it('refuses a key outside the snapshotted folder, a missing file, and a version with a snapshot', async () => {
  const outside = await failure(getValue(s3, { bucket, key: 'team/outside.json' }, { snapshot: topHash }));
  expect(outside).toMatchObject({ kind: 'InvalidInput' });
  expect(outside.message).toMatch(/not in the folder/);
  const missing = await failure(getValue(s3, { bucket, key: 'team/data/nope.json' }, { snapshot: topHash }));
  expect(missing).toMatchObject({ kind: 'NotFound' });
  const both = await failure(getValue(s3, { bucket, key: 'team/data/other.txt' }, { snapshot: topHash, version: 'x' }));
  expect(both).toMatchObject({ kind: 'InvalidInput' });
});
