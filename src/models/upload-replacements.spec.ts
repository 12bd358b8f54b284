/**
 * The question asked before an upload replaces objects for good: what it says for each state of
 * the bucket's versioning, and how many objects it names.
 */
import { testTrans } from '../testing/translation';
import { uploadReplacementQuestion } from './upload-replacements';

it('says "cannot" where the bucket never kept versions, "may not" where versioning is suspended or unknown', () => {
  const off = uploadReplacementQuestion('b', { versioning: 'Off', keys: ['a.txt'] }, testTrans);
  expect(off.title).toBe('Replace 1 object for good?');
  expect(off.body.split('\n')[0]).toBe(
    'Bucket b does not keep versions: uploading replaces an object that exists, and what it holds now cannot be brought back.'
  );
  expect(off.accept).toBe('Replace');
  const suspended = uploadReplacementQuestion('b', { versioning: 'Suspended', keys: ['a', 'c'] }, testTrans);
  expect(suspended.body.split('\n')[0]).toBe(
    'Bucket b has versioning suspended: uploading replaces 2 objects that exist, and what they hold now may not be brought back.'
  );
  const unknown = uploadReplacementQuestion('b', { versioning: 'Unknown', keys: ['a'] }, testTrans);
  expect(unknown.body.split('\n')[0]).toMatch(/^S3 would not say whether bucket b keeps versions: .* may not be brought back\.$/);
});

it('names five objects as s3:// URIs and counts the rest', () => {
  const keys = Array.from({ length: 1205 }, (_, i) => `d/f${i}`);
  const { title, body } = uploadReplacementQuestion('b', { versioning: 'Off', keys }, testTrans);
  expect(title).toBe('Replace 1205 objects for good?');
  expect(body.split('\n').slice(2)).toEqual([
    's3://b/d/f0',
    's3://b/d/f1',
    's3://b/d/f2',
    's3://b/d/f3',
    's3://b/d/f4',
    `… and ${(1200).toLocaleString()} more`,
    '',
    'Files whose bytes are already there are skipped.'
  ]);
});
