import { markingTrans, testTrans as trans } from '../testing/translation';
import { copyIntoDestination } from './copy-to';

const file = { bucket: 'data', key: 'raw/storms.csv', name: 'storms.csv' };
const folder = { bucket: 'data', key: 'raw/', name: 'raw' };

describe('copyIntoDestination', () => {
  it('in one connection: a folder of this bucket or an s3:// URI of any bucket, keeping the name', () => {
    expect(copyIntoDestination(file, 'a', 'a', 'archive', trans)).toEqual({ to: { bucket: 'data', key: 'archive/storms.csv' } });
    expect(copyIntoDestination(folder, 'a', 'a', 's3://other/in/', trans)).toEqual({ to: { bucket: 'other', key: 'in/raw/' } });
    expect(copyIntoDestination(file, 'a', 'a', '/', trans)).toEqual({ to: { bucket: 'data', key: 'storms.csv' } });
  });

  it('refuses the folder it is in, pointing at Duplicate', () => {
    const answer = copyIntoDestination(file, 'a', 'a', 's3://data/raw/', trans);
    expect(answer).toEqual({ problem: expect.stringMatching(/already: use Duplicate/), already: true });
  });

  it('says it through the translator, and still points at Duplicate when the text is translated', () => {
    expect(copyIntoDestination(file, 'a', 'a', 's3://data/raw/', markingTrans)).toEqual({
      problem: '«It is in that folder already: use Duplicate for a copy next to it, or choose another folder.»',
      already: true
    });
    expect(copyIntoDestination(file, 'a', 'b', 'raw', markingTrans)).toEqual({
      problem: '«In another connection, name the folder as an s3://bucket/folder/ URI of "b".»'
    });
  });

  it('in another connection: an s3:// URI is needed, and the same names there are another place', () => {
    expect(copyIntoDestination(file, 'a', 'b', 'raw', trans)).toEqual({
      problem: expect.stringMatching(/s3:\/\/bucket\/folder\/ URI of "b"/)
    });
    expect(copyIntoDestination(file, 'a', 'b', 's3://data/raw/', trans)).toEqual({ to: { bucket: 'data', key: 'raw/storms.csv' } });
    expect(copyIntoDestination(file, 'a', 'b', 's3://Bad_Bucket/', trans)).toEqual({ problem: expect.any(String) });
  });
});
