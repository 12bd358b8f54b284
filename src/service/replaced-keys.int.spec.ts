/**
 * keysReplacedForGood against a real local S3 (moto): which keys of an upload hold objects it
 * would replace for good: one by one, by a listing of their folder, and by a listing cut short and
 * one by one after it; never a HEAD (a browser logs the 404 of a new key as an error).
 * @jest-environment-options {"customExportConditions": ["node", "require", "default"]}
 */
import type { S3Client } from '@aws-sdk/client-s3';
import { createTestBucket, putMany, recordCommands, testClient } from '../testing/s3';
import { keysReplacedForGood } from './replaced-keys';

jest.setTimeout(120_000);

let s3: S3Client;
let plain: string;

beforeAll(async () => {
  s3 = testClient();
  plain = await createTestBucket(s3, 'replaced', false);
});

const count = (sent: string[], name: string) => sent.filter(s => s === name).length;

it('a versioned bucket replaces nothing for good, and is not looked into', async () => {
  const versioned = await createTestBucket(s3, 'replaced-v');
  await putMany(s3, versioned, ['a.txt']);
  const recorded = recordCommands(s3);
  try {
    expect(await keysReplacedForGood(s3, { bucket: versioned, keys: ['a.txt'] })).toEqual({ versioning: 'Enabled', keys: [] });
  } finally {
    recorded.restore();
  }
  expect(recorded.sent).toEqual(['GetBucketVersioning']);
});

it('few keys: one one-key listing each; the keys that exist come back once each, in the order given', async () => {
  // few/a.txt.bak is listed first for the prefix few/a.txt… only when few/a.txt is not there.
  await putMany(s3, plain, ['few/b.txt', 'few/a.txt', 'few/x/', 'few/new.txt.bak']);
  const found = await keysReplacedForGood(s3, { bucket: plain, keys: ['few/b.txt', 'few/new.txt', 'few/a.txt', 'few/b.txt', 'few/x/'] });
  expect(found).toEqual({ versioning: 'Off', keys: ['few/b.txt', 'few/a.txt', 'few/x/'] });
});

it('many keys in a folder longer than the listing budget: listed pages first, then one by one past them', async () => {
  // 2,100 objects: 60 keys allow two 1,000-key pages, which end at k1999.
  const held = Array.from({ length: 2100 }, (_, i) => `big/k${String(i).padStart(4, '0')}`);
  await putMany(s3, plain, held, 32);
  const keys = [
    ...Array.from({ length: 55 }, (_, i) => `big/new${i}`), // none exist, all sort after k…
    'big/k0005', // listed
    'big/k1999', // the last listed
    'big/k2050', // past the pages: one by one
    'big/k2099', // past the pages: one by one
    'big/k9999' // past the pages, absent
  ];
  const recorded = recordCommands(s3);
  let found;
  try {
    found = await keysReplacedForGood(s3, { bucket: plain, keys });
  } finally {
    recorded.restore();
  }
  expect(found.keys).toEqual(['big/k0005', 'big/k1999', 'big/k2050', 'big/k2099']);
  // Two pages of the folder, then k2050, k2099, k9999 and the 55 new… keys (all after k1999) one by one.
  expect(count(recorded.sent, 'ListObjectsV2')).toBe(2 + 58);
  expect(count(recorded.sent, 'HeadObject')).toBe(0);
});

it('keys with characters S3 lists encoded are found by the listing as by HEAD', async () => {
  const odd = ['odd/a\rb.txt', 'odd/tab\there.txt', 'odd/emoji 🦜.txt', 'odd/100%.csv', 'odd/plus+sign.txt'];
  await putMany(s3, plain, odd);
  const keys = [...odd, ...Array.from({ length: 60 }, (_, i) => `odd/new${i}.txt`)];
  const found = await keysReplacedForGood(s3, { bucket: plain, keys });
  expect(found.keys).toEqual(odd);
});
