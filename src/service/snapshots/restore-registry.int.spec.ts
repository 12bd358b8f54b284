/**
 * Diffing and restoring the bucket root with a package quilt3 made with `set_dir` of the whole
 * bucket: such a package holds the Quilt registry itself (`.quilt/`), a diff with the live root
 * does not call it deleted, and a restore must never copy it back (the
 * pointers, `latest` included, would go back to what they were), against the local S3 (moto).
 * @jest-environment-options {"customExportConditions": ["node", "require", "default"]}
 */
import type { S3Client } from '@aws-sdk/client-s3';
import { runPythonJson } from '../../testing/python-interop';
import { createTestBucket, testClient } from '../../testing/s3';
import { getObjectText } from '../objects-read';
import { putObject } from '../objects-write';
import { diffSnapshots } from './compare';
import { planRestore, restoreFolder } from './restore';
import { snapshot } from './snapshot';

jest.setTimeout(120_000);

let s3: S3Client;
let bucket: string;

beforeAll(async () => {
  s3 = testClient();
  bucket = await createTestBucket(s3, 'snap-restore-registry');
});

afterAll(() => s3?.destroy());

it('leaves the registry entries of a whole-bucket package out of the diff and the plan, and the pointers as they are', async () => {
  await putObject(s3, { bucket, key: 'data/a.txt', body: 'a 1' });
  await snapshot(s3, { bucket, folder: 'data/', name: 'team/data', message: 'one' });
  const wholeBucket = await runPythonJson<{ top_hash: string; entries: { logical_key: string }[] }>('quilt_interop.py', [
    'set_dir',
    bucket,
    '',
    'team/everything'
  ]);
  expect(wholeBucket.entries.map(e => e.logical_key)).toContain('.quilt/named_packages/team/data/latest');
  await putObject(s3, { bucket, key: 'data/a.txt', body: 'a 2' });
  const second = await snapshot(s3, { bucket, folder: 'data/', name: 'team/data', message: 'two' });

  const plan = await planRestore(s3, { bucket, topHash: wholeBucket.top_hash, folder: '' });
  expect(plan.actions.map(a => [a.kind, a.target.key])).toEqual([['copy', 'data/a.txt']]);
  expect(plan.leftOut.map(o => o.key)).toContain('.quilt/named_packages/team/data/latest');
  expect(plan.leftOut.every(o => o.key.startsWith('.quilt/') && o.reason.includes('Quilt registry'))).toBe(true);

  // The diff with the live bucket root does not call the registry's files deleted either.
  const diff = await diffSnapshots(s3, { bucket, folder: '', left: wholeBucket.top_hash, right: 'latest' });
  expect(diff.changes.map(c => [c.status, c.logicalKey])).toEqual([['modified', 'data/a.txt']]);

  await restoreFolder(s3, plan);
  expect((await getObjectText(s3, { bucket, key: 'data/a.txt' })).text).toBe('a 1');
  expect((await getObjectText(s3, { bucket, key: '.quilt/named_packages/team/data/latest' })).text).toBe(second.topHash);
});
