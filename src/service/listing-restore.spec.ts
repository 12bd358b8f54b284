/**
 * Listings asked for `RestoreStatus`: what S3's answer becomes on each object, what a row says
 * from it, and a server that refuses the header. moto ignores the header (its answers carry no
 * RestoreStatus; listing.int.spec.ts checks it is accepted), so AWS's answer is played here by a
 * fake handler, parsed by the real SDK.
 * @jest-environment-options {"customExportConditions": ["node", "require", "default"]}
 */
import { S3Client } from '@aws-sdk/client-s3';
import { cannedS3Client } from '../testing/canned-s3';
import { listedArchiveState } from './archive-names';
import { listPrefixPages } from './listing';

/** As AWS answers ListObjectsV2 with `x-amz-optional-object-attributes: RestoreStatus`. */
const LISTING = `<?xml version="1.0" encoding="UTF-8"?>
<ListBucketResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/">
  <Name>cold-bucket</Name><Prefix></Prefix><KeyCount>4</KeyCount><MaxKeys>1000</MaxKeys><IsTruncated>false</IsTruncated>
  <Contents><Key>cold.csv</Key><LastModified>2026-01-01T00:00:00.000Z</LastModified><ETag>"a"</ETag><Size>1</Size><StorageClass>GLACIER</StorageClass></Contents>
  <Contents><Key>warming.csv</Key><LastModified>2026-01-01T00:00:00.000Z</LastModified><ETag>"b"</ETag><Size>1</Size><StorageClass>DEEP_ARCHIVE</StorageClass>
    <RestoreStatus><IsRestoreInProgress>true</IsRestoreInProgress></RestoreStatus></Contents>
  <Contents><Key>warm.csv</Key><LastModified>2026-01-01T00:00:00.000Z</LastModified><ETag>"c"</ETag><Size>1</Size><StorageClass>GLACIER</StorageClass>
    <RestoreStatus><IsRestoreInProgress>false</IsRestoreInProgress><RestoreExpiryDate>2099-12-21T00:00:00.000Z</RestoreExpiryDate></RestoreStatus></Contents>
  <Contents><Key>plain.csv</Key><LastModified>2026-01-01T00:00:00.000Z</LastModified><ETag>"d"</ETag><Size>1</Size><StorageClass>STANDARD</StorageClass></Contents>
</ListBucketResult>`;

/** The same listing as a server answers it without the header. */
const WITHOUT_STATUS = LISTING.replace(/\s*<RestoreStatus>.*?<\/RestoreStatus>/gs, '');

const REFUSED = `<?xml version="1.0" encoding="UTF-8"?><Error><Code>InvalidArgument</Code><Message>Invalid attribute name specified</Message></Error>`;

/** A client answered by `answer`, recording the optional-attributes header of each request. */
function fakeServer(answer: (attributes: string | undefined) => { status: number; xml: string }): {
  s3: S3Client;
  asked: Array<string | undefined>;
} {
  const asked: Array<string | undefined> = [];
  const s3 = cannedS3Client(request => {
    const attributes = request.headers['x-amz-optional-object-attributes'];
    asked.push(attributes);
    return answer(attributes);
  });
  return { s3, asked };
}

async function firstPage(s3: S3Client, restoreStatus = true) {
  const pages = listPrefixPages(s3, { bucket: 'cold-bucket', restoreStatus });
  const { value } = await pages.next();
  await pages.return(undefined);
  return value!;
}

it('asks for RestoreStatus and keeps it on each object: none, in progress, restored until a date', async () => {
  const { s3, asked } = fakeServer(() => ({ status: 200, xml: LISTING }));
  const page = await firstPage(s3);
  expect(asked).toEqual(['RestoreStatus']);
  expect(page.objects.map(o => [o.key, o.restore])).toEqual([
    ['cold.csv', undefined],
    ['warming.csv', { inProgress: true }],
    ['warm.csv', { inProgress: false, expiry: new Date('2099-12-21T00:00:00.000Z') }],
    ['plain.csv', undefined]
  ]);
  expect(page.objects.map(o => listedArchiveState(o)?.state)).toEqual(['archived', 'restoring', 'restored', undefined]);
  expect(listedArchiveState(page.objects[2])).toEqual({
    state: 'restored',
    archive: 'S3 Glacier Flexible Retrieval',
    expiry: new Date('2099-12-21T00:00:00.000Z')
  });
  await firstPage(s3, false);
  expect(asked).toEqual(['RestoreStatus', undefined]);
});

it('reads a restored copy that has expired as archived again', () => {
  expect(listedArchiveState({ storageClass: 'GLACIER', restore: { inProgress: false, expiry: new Date(Date.now() - 1000) } })?.state).toBe(
    'archived'
  );
  expect(listedArchiveState({ storageClass: 'GLACIER', restore: { inProgress: false } })?.state).toBe('restored');
  expect(listedArchiveState({ storageClass: 'STANDARD', restore: { inProgress: true } })).toBeUndefined();
});

it('lists again without the header when a server refuses it, and does not send it again through that client', async () => {
  const { s3, asked } = fakeServer(attributes => (attributes ? { status: 400, xml: REFUSED } : { status: 200, xml: WITHOUT_STATUS }));
  const page = await firstPage(s3);
  expect(page.objects).toHaveLength(4);
  expect(page.objects.every(o => o.restore === undefined)).toBe(true);
  await firstPage(s3);
  expect(asked).toEqual(['RestoreStatus', undefined, undefined]);
});

it('does not hide an error the header did not cause (asked once more without it)', async () => {
  const { s3, asked } = fakeServer(() => ({
    status: 403,
    xml: '<Error><Code>AccessDenied</Code><Message>Access Denied</Message></Error>'
  }));
  const err = await firstPage(s3).catch(e => e);
  expect(err.kind).toBe('AccessDenied');
  expect(asked).toEqual(['RestoreStatus', undefined]);
  // Nothing learnt from it: the next listing asks for the status again.
  await firstPage(s3).catch(() => undefined);
  expect(asked).toEqual(['RestoreStatus', undefined, 'RestoreStatus', undefined]);
});
