/**
 * Restoring a folder to a package quilt3 pushed with per-entry metadata (`pkg[key].set_meta`):
 * that metadata lives in the manifest only, not on the objects, so a copy of the pinned version
 * alone would not bring it back and the folder would never match the snapshot. Against the local
 * S3 (moto) and real quilt3.
 * @jest-environment-options {"customExportConditions": ["node", "require", "default"]}
 */
import type { S3Client } from '@aws-sdk/client-s3';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { failure } from '../../testing/failure';
import { runPythonJson } from '../../testing/python-interop';
import { createTestBucket, testClient } from '../../testing/s3';
import { headObject } from '../objects-read';
import { putObject } from '../objects-write';
import { diffSnapshots } from './compare';
import { planRestore, restoreFolder } from './restore';
import { entryMetaFromHeader } from './snapshot-hash';

jest.setTimeout(120_000);

let s3: S3Client;
let bucket: string;

beforeAll(async () => {
  s3 = testClient();
  bucket = await createTestBucket(s3, 'snap-restore-q3meta');
});

afterAll(() => s3?.destroy());

/**
 * Push a folder of a.txt and b.txt with quilt3, a.txt with entry metadata.
 * @param name - the package (and folder) name.
 * @param message - the push message.
 * @param entryMetaJson - logical key → entry metadata, as JSON text (Python reads its numbers).
 * @returns the top hash.
 */
async function pushWithEntryMeta(name: string, message: string, entryMetaJson: string): Promise<string> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'helium-q3-meta-'));
  fs.writeFileSync(path.join(dir, 'a.txt'), 'alpha');
  fs.writeFileSync(path.join(dir, 'b.txt'), 'beta');
  const args = ['push_entry_meta', bucket, name, dir, message, entryMetaJson];
  return (await runPythonJson<{ top_hash: string }>('quilt_interop.py', args)).top_hash;
}

it('brings back the entry metadata of a quilt3 package with the content, so the folder matches it again', async () => {
  const pushed = await pushWithEntryMeta(
    'q3/meta',
    'with entry metadata',
    '{"a.txt": {"unit": "m", "x": 1.0, "é": [1, 12345678901234567890]}}'
  );
  // quilt3 kept the metadata in the manifest, and the restored folder is compared with it.
  expect(entryMetaFromHeader((await headObject(s3, { bucket, key: 'q3/meta/a.txt' })).userMetadata.helium)).toEqual({});
  await putObject(s3, { bucket, key: 'q3/meta/a.txt', body: 'alpha changed' });

  const plan = await planRestore(s3, { bucket, topHash: pushed });
  expect(plan.actions.map(a => [a.kind, a.target.key])).toEqual([['copy', 'q3/meta/a.txt']]);
  await restoreFolder(s3, plan);

  const diff = await diffSnapshots(s3, { bucket, folder: 'q3/meta/', left: pushed, right: 'latest' });
  expect(diff.changes.filter(c => c.status !== 'same-content-new-version' && c.status !== 'same')).toEqual([]);
  expect((await planRestore(s3, { bucket, topHash: pushed })).actions).toEqual([]);
  const header = (await headObject(s3, { bucket, key: 'q3/meta/a.txt' })).userMetadata.helium;
  expect(header).toBe('{"user_meta":{"unit":"m","x":1.0,"\\u00e9":[1,12345678901234567890]}}');
});

it('refuses before writing anything when the entry metadata cannot be stored on the file (over 2 KB)', async () => {
  const pushed = await pushWithEntryMeta('q3/big', 'big entry metadata', JSON.stringify({ 'a.txt': { notes: 'n'.repeat(3000) } }));
  await putObject(s3, { bucket, key: 'q3/big/a.txt', body: 'alpha changed' });
  await putObject(s3, { bucket, key: 'q3/big/b.txt', body: 'beta changed' });
  const plan = await planRestore(s3, { bucket, topHash: pushed });
  const before = await Promise.all(['a.txt', 'b.txt'].map(k => headObject(s3, { bucket, key: `q3/big/${k}` })));

  const err = await failure(restoreFolder(s3, plan));
  expect(err.code).toBe('MetadataTooLarge');
  expect(err.message).toContain('s3://');
  expect(err.message).toContain('q3/big/a.txt');
  expect(err.message).toContain('Nothing was changed.');
  const after = await Promise.all(['a.txt', 'b.txt'].map(k => headObject(s3, { bucket, key: `q3/big/${k}` })));
  expect(after.map(o => o.versionId)).toEqual(before.map(o => o.versionId));
});
