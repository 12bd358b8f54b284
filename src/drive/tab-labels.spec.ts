import { tabHints } from './tab-labels';

describe('tabHints', () => {
  it('gives no hint when no other open document has it', () => {
    expect(
      tabHints([
        { name: 'storms.csv', folders: ['local', 'demo', 'hurdat2'] },
        { name: 'a.csv', folders: ['local', 'demo'] }
      ])
    ).toEqual(['', '']);
  });

  it('adds the shortest end of the folder path that tells same-named documents apart', () => {
    const labels = tabHints([
      { name: 'storms.csv', folders: ['local', 'demo', 'data', '2024'] },
      { name: 'storms.csv', folders: ['local', 'demo', 'raw'] },
      { name: 'storms.csv', folders: ['local', 'demo', 'archive', '2024'] },
      { name: 'other.csv', folders: ['local', 'demo', 'raw'] }
    ]);
    expect(labels).toEqual(['data/2024', 'raw', 'archive/2024', '']);
  });

  it('reaches up to the bucket or the connection when the folders match', () => {
    expect(
      tabHints([
        { name: 'x.csv', folders: ['local', 'bucket-a', 'data'] },
        { name: 'x.csv', folders: ['local', 'bucket-b', 'data'] },
        { name: 'x.csv', folders: ['aws', 'bucket-a', 'data'] }
      ])
    ).toEqual(['local/bucket-a/data', 'bucket-b/data', 'aws/bucket-a/data']);
  });
});
