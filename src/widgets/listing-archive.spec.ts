/**
 * What a listing row says about an archived object in each state its listing can give: the
 * "restoring" state cannot be made on the local S3 (moto restores at once and lists no
 * RestoreStatus), so every state is checked here; archive.spec.ts (galata) shows the restored row.
 */
import type { Entry } from '../service';
import { testTrans as trans } from '../testing/translation';
import { archiveView } from './listing-archive';

const object = (storageClass: string, restore?: { inProgress: boolean; expiry?: Date }): Entry => ({
  kind: 'object',
  name: 'cold.csv',
  key: 'cold.csv',
  size: 1,
  lastModified: new Date(0),
  storageClass,
  ...(restore ? { restore } : {})
});
const URI = 's3://b/cold.csv';

it('dims an archived object and one being restored, not a restored one', () => {
  expect(archiveView(object('GLACIER'), URI, trans)).toMatchObject({ state: 'archived', dimmed: true, badgeLabel: 'archived' });
  const restoring = archiveView(object('DEEP_ARCHIVE', { inProgress: true }), URI, trans);
  expect(restoring).toMatchObject({
    state: 'restoring',
    dimmed: true,
    badgeLabel: 'restoring',
    badgeTitle: 'Restoring from S3 Glacier Deep Archive'
  });
  expect(restoring?.rowTitle).toMatch(/^s3:\/\/b\/cold\.csv — being restored from S3 Glacier Deep Archive/);
  const expiry = new Date(Date.now() + 86_400_000);
  const restored = archiveView(object('GLACIER', { inProgress: false, expiry }), URI, trans);
  expect(restored).toMatchObject({ state: 'restored', dimmed: false, badgeLabel: 'restored' });
  expect(restored?.rowTitle).toMatch(/restored from S3 Glacier Flexible Retrieval: readable until .+, then archived again$/);
});

it('says nothing of objects outside an archive class, nor of folders', () => {
  expect(archiveView(object('STANDARD', { inProgress: true }), URI, trans)).toBeNull();
  expect(archiveView({ kind: 'folder', name: 'cold', prefix: 'cold/' }, URI, trans)).toBeNull();
});
