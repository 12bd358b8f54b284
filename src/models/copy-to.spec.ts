import { copyIntoDestination } from './copy-to';

const file = { bucket: 'data', key: 'raw/storms.csv', name: 'storms.csv' };
const folder = { bucket: 'data', key: 'raw/', name: 'raw' };

describe('copyIntoDestination', () => {
  it('in one connection: a folder of this bucket or an s3:// URI of any bucket, keeping the name', () => {
    expect(copyIntoDestination(file, 'a', 'a', 'archive')).toEqual({ to: { bucket: 'data', key: 'archive/storms.csv' } });
    expect(copyIntoDestination(folder, 'a', 'a', 's3://other/in/')).toEqual({ to: { bucket: 'other', key: 'in/raw/' } });
    expect(copyIntoDestination(file, 'a', 'a', '/')).toEqual({ to: { bucket: 'data', key: 'storms.csv' } });
  });

  it('refuses the folder it is in, pointing at Duplicate', () => {
    const answer = copyIntoDestination(file, 'a', 'a', 's3://data/raw/');
    expect(answer).toEqual({ problem: expect.stringMatching(/already: use Duplicate/) });
  });

  it('in another connection: an s3:// URI is needed, and the same names there are another place', () => {
    expect(copyIntoDestination(file, 'a', 'b', 'raw')).toEqual({ problem: expect.stringMatching(/s3:\/\/bucket\/folder\/ URI of "b"/) });
    expect(copyIntoDestination(file, 'a', 'b', 's3://data/raw/')).toEqual({ to: { bucket: 'data', key: 'raw/storms.csv' } });
    expect(copyIntoDestination(file, 'a', 'b', 's3://Bad_Bucket/')).toEqual({ problem: expect.any(String) });
  });
});
