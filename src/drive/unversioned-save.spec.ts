import { testTrans as trans } from '../testing/translation';
import { unversionedSaveQuestion } from './unversioned-save';

it('names the bucket, the object and whether versioning is off or suspended', () => {
  const off = unversionedSaveQuestion({ connection: 'c', bucket: 'b', key: 'a/x.txt', versioning: 'Off' }, trans);
  expect(off).toEqual({
    title: 'Replace for good?',
    body: 'Bucket b does not keep versions: saving replaces s3://b/a/x.txt, and what it holds now cannot be brought back. You are asked once per bucket in this session.',
    accept: 'Save Anyway'
  });
  const suspended = unversionedSaveQuestion({ connection: 'c', bucket: 'b', key: 'x', versioning: 'Suspended' }, trans);
  expect(suspended.body).toMatch(/^Bucket b has versioning suspended: saving replaces s3:\/\/b\/x,/);
});
